"""The slide decks (`make slides`, tools/make_slides.py): they open offline, and every slide fits the screen.

Four groups of tests, all in one headless Chromium (the ``chrome`` fixture, tools/browser.py: Playwright
driving the system's Chromium, every request that would leave the machine aborted and recorded):

- **the source decks**: each lesson's deck built from its source notebook (no outputs) into a temporary folder,
  opened offline: reveal.js must start (no JavaScript error, the ``reveal`` element marked ``ready``), the first
  slide must show the lesson's title, MathJax must typeset, and the screenshot must not be blank;
- **the executed decks**: each deck rendered from the executed notebooks of the ``executed_lessons`` fixture
  and measured slide by slide by ``tools/measure_slides.py``: none may be taller than reveal's 960×700 canvas,
  no code or output line may be cut off at its right edge, and nothing may be fetched from the network; on a
  1280×800 screen prose must be at least 28 px and code 22 px, a code block at most 12 lines, no printed line may
  wrap and no progress bar, local path or log line show; speaker notes on at least 60 % of a deck's slides, and
  every figure's smallest text at least 18 px;
- **the class and instructor decks** (tools/make_slides.py ``prepare``): slide by slide, no class deck shows an
  answer or check cell, a solution's or a check's line, ``BEGIN SOLUTION`` or a stub (``# YOUR CODE HERE``,
  ``NotImplementedError`` in code), and every slide shows its number; every instructor deck shows each
  exercise's solution on a subslide after its question; first on a small exercise notebook (``make unit``),
  where the same checks must also find a planted solution, stub and missing number, then on the executed series;
- **the measurement itself**, on a small synthetic deck whose slides are known to fit or to overflow (a tall
  speaker note, hidden plumbing, a tall figure, typeset math, fragments, a subslide, wide code) and each thing a
  room cannot read planted once (small type, long code, a wrapped printout, a progress bar, a path, a log line),
  so that a measurement that could not fail would fail here; and its screenshots and JSON.

Each deck is built once (module or session fixtures) and measured in one page load.

Needs Chromium (Debian: ``apt-get install chromium``; or set CHROME_BIN) and npm the first time (the assets come
from the npm registry into build/slides-deps/); without them the tests are skipped.

``executed_lessons`` (session-scoped, tests/conftest.py) returns a ``pathlib.Path`` to a folder holding the
executed instructor edition: one ``NN_*.ipynb`` per lesson and one ``A1_*.ipynb`` per appendix of
``notebooks/``, with their outputs, executed with matplotlib's inline backend (a kernel started with
``MPLBACKEND=Agg``, as ``make test`` sets it, puts no figure into the notebook).
"""

from __future__ import annotations

import base64
import contextlib
import copy
import io
import json
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from tools import browser, make_slides, make_student, measure_slides

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "notebooks"
# an external resource the page would load (links in the text, <a href>, are fine)
EXTERNAL = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//"
    r"|\bimport\b[^;\n]*?\bfrom\s*[\"'](?:https?:)?//"
    r"|@import\s+(?:url\()?\s*[\"']?(?:https?:)?//",
    re.IGNORECASE,
)


DECKS = make_slides.lesson_sources(SOURCES)  # the lessons, then the appendices
CANVAS_W, CANVAS_H = measure_slides.CANVAS


def _title(path: Path) -> str:
    first = nbformat.read(path, as_version=4).cells[0].source
    return first.splitlines()[0].lstrip("#").strip()


# ---------------------------------------------------------------------------------------------------------------
# the decks built from the source notebooks (no outputs): `make slides` before `make lessons`


@pytest.fixture(scope="module")
def built(deps, tmp_path_factory):
    """All decks, from the source notebooks (no executed copies: every lesson takes the fallback)."""
    out = tmp_path_factory.mktemp("slides")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = make_slides.main(["--notebooks-dir", str(out / "no-executed-notebooks"), "--out", str(out),
                                 "--deps-dir", str(deps)])
    assert code == 0
    return out, printed.getvalue()


def test_every_lesson_gets_a_deck_and_the_fallback_is_reported(built):
    out, printed = built
    assert sorted(p.name for p in out.glob("*.slides.html")) == sorted(f"{p.stem}.slides.html" for p in DECKS)
    for lesson in DECKS:
        assert f"{lesson.stem}: no executed copy" in printed, printed


def test_decks_load_nothing_from_the_internet(built):
    out, _ = built
    for deck in sorted(out.glob("*.slides.html")):
        text = deck.read_text(encoding="utf-8")
        external = [m.group(0)[:120] for m in EXTERNAL.finditer(text)]
        assert not external, f"{deck.name} loads from the internet: {external}"
        local = re.findall(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*\"([^\"#]+)\"", text)
        assert any(ref.startswith("reveal.js/") for ref in local), local
        for ref in local:
            asset = out / ref.split("?")[0]
            assert asset.is_file(), f"{deck.name} refers to {ref}, missing next to the deck"
            if asset.suffix == ".css":
                css = asset.read_text(encoding="utf-8")
                assert not EXTERNAL.search(css), f"{ref} imports from the internet"


def test_decks_do_not_scroll(built):
    """reveal's scrolling is off: a slide that does not fit must be fixed, not scrolled (the room cannot)."""
    out, _ = built
    for deck in sorted(out.glob("*.slides.html")):
        assert re.search(r"var scroll = false\b", deck.read_text(encoding="utf-8")), deck.name


OPENED_JS = r"""
async () => {
  for (let k = 0; k < 400 && !document.querySelector(".reveal.ready"); k++)
    await new Promise((resolve) => setTimeout(resolve, 25));
  if (window.MathJax && MathJax.Hub)
    await new Promise((resolve) => MathJax.Hub.Register.StartupHook("End", () => { resolve(); }));
  const present = document.querySelector(".reveal .slides > section.present");
  return {ready: document.querySelector(".reveal.ready") !== null,
          present: present ? present.innerText : null,
          typeset: document.querySelectorAll(".MathJax_CHTML").length};
}
"""


@pytest.mark.parametrize("lesson", DECKS, ids=[p.stem for p in DECKS])
def test_deck_opens_on_the_title_slide_offline(built, chrome, lesson):
    from PIL import Image

    out, _ = built
    with browser.open_page(chrome, (out / f"{lesson.stem}.slides.html").as_uri()) as (page, log):
        state = page.evaluate(OPENED_JS)
        shot = page.screenshot()
    assert not log.problems(), f"{lesson.stem}:\n" + "\n".join(log.problems())

    # reveal.js started (it marks its element "ready") and the slide on show is the title slide
    assert state["ready"], f"{lesson.stem}: reveal.js did not start"
    assert state["present"] is not None, f"{lesson.stem}: no slide on show"
    assert _title(lesson).casefold() in " ".join(state["present"].split()).casefold()
    if "$" in "".join(c.source for c in nbformat.read(lesson, as_version=4).cells if c.cell_type == "markdown"):
        assert state["typeset"], f"{lesson.stem}: MathJax typeset nothing"

    pixels = np.asarray(Image.open(io.BytesIO(shot)).convert("L"), dtype=float)
    assert pixels.shape == (browser.SCREEN[1], browser.SCREEN[0])
    assert pixels.std() > 10, f"{lesson.stem}: the first slide is blank"
    assert (pixels < 128).mean() > 0.01, f"{lesson.stem}: the first slide shows (almost) no text"


# ---------------------------------------------------------------------------------------------------------------
# the decks rendered from the executed notebooks: what the instructor presents


@pytest.fixture(scope="module")
def executed_decks(class_decks, chrome):
    """{deck name: measure_slides.Deck} for every deck rendered from the executed series."""
    decks = sorted(class_decks.glob("*.slides.html"))
    assert decks, f"no deck in {class_decks}"
    return {deck.name: deck for deck in (measure_slides.measure(chrome, path) for path in decks)}


def _executed(executed_decks, lesson: Path):
    assert lesson.stem in executed_decks, f"no executed copy of {lesson.name} in the executed_lessons folder"
    return executed_decks[lesson.stem]


def _listing(deck, slides) -> str:
    return "\n".join(f"  {s.anchor:<7} {s.height:>5} px  {s.label}" for s in slides)


@pytest.mark.parametrize("lesson", DECKS, ids=[p.stem for p in DECKS])
def test_every_slide_fits_the_canvas(executed_decks, lesson):
    deck = _executed(executed_decks, lesson)
    assert deck.slides, f"{deck.name}: no slides measured"
    too_tall = deck.overflowing
    if too_tall:
        pytest.fail(f"{deck.name}: {len(too_tall)} of {len(deck.slides)} slides are taller than the "
                    f"{CANVAS_W}×{CANVAS_H} canvas (tallest {deck.tallest} px); split them (slide / subslide), "
                    "move text into speaker notes, hide plumbing code (tag remove_input), shrink figures:\n"
                    + _listing(deck, too_tall), pytrace=False)


@pytest.mark.parametrize("lesson", DECKS, ids=[p.stem for p in DECKS])
def test_no_line_is_cut_off_at_the_right_edge(executed_decks, lesson):
    deck = _executed(executed_decks, lesson)
    cut = deck.cut_off
    if cut:
        pytest.fail(f"{deck.name}: on {len(cut)} slides a code or output line runs past the right edge of its "
                    "box and is cut off (print narrower outputs):\n"
                    + "\n".join(f"  {s.anchor:<7} {s.label}: {' | '.join(s.cut_text)}" for s in cut),
                    pytrace=False)


@pytest.mark.parametrize("lesson", DECKS, ids=[p.stem for p in DECKS])
def test_every_slide_reads_from_the_back_of_a_hall(executed_decks, lesson):
    """On a 1280×800 screen: prose ≥ 28 px, code and printed output ≥ 22 px, code blocks of at most 12 lines,
    no printed line that wraps, no progress bar, local path or log line (``Slide.problems``)."""
    deck = _executed(executed_decks, lesson)
    found = [f"  {s.anchor:<7} {s.label[:50]}: {'; '.join(s.problems)}" for s in deck.slides if s.problems]
    if found:
        pytest.fail(f"{deck.name}: {len(found)} of {len(deck.slides)} slides a room cannot read (split the code, "
                    "hide plumbing with remove_input and machinery with remove_output, make a printed result a "
                    "table or a chart):\n" + "\n".join(found), pytrace=False)


NOTES_SHARE = 0.6  # the least share of a deck's slides with speaker notes


@pytest.mark.parametrize("lesson", DECKS, ids=[p.stem for p in DECKS])
def test_most_slides_have_speaker_notes(executed_decks, lesson):
    deck = _executed(executed_decks, lesson)
    bare = [s for s in deck.slides if not s.notes.strip()]
    share = 1 - len(bare) / len(deck.slides)
    assert share >= NOTES_SHARE, (f"{deck.name}: speaker notes on {share:.0%} of {len(deck.slides)} slides "
                                  f"(at least {NOTES_SHARE:.0%}); without: " + " ".join(s.number for s in bare))


SLIDE_IMAGE = 895  # the widest image a slide shows at its own size (canvas px); a wider one is shrunk
FIGURE_TEXT_PX = 18  # the smallest text in a figure on a 1280×800 screen


def figure_text_on_screen(output) -> float | None:
    """The smallest text of a figure output on a 1280×800 screen, in px: its text in image pixels
    (``text_px``, recorded by fcnlab.viz.show), shrunk with the image to the slide's width, times reveal's
    scale; None when the output records no text size."""
    from PIL import Image

    meta = output.get("metadata", {}).get("image/png", {})
    if "text_px" not in meta:
        return None
    width = Image.open(io.BytesIO(base64.b64decode(output["data"]["image/png"]))).width
    return meta["text_px"] * min(1.0, SLIDE_IMAGE / width) * measure_slides.SCREEN_SCALE


def test_figure_text_on_screen_follows_the_image_width():
    wide, narrow = ({"data": {"image/png": _png(w, 100)}, "metadata": {"image/png": {"text_px": 16.7}}}
                    for w in (1790, 800))
    assert figure_text_on_screen(narrow) == pytest.approx(16.7 * 1.097, abs=0.01)
    assert figure_text_on_screen(wide) == pytest.approx(16.7 / 2 * 1.097, abs=0.01)  # shrunk to half
    assert figure_text_on_screen({"data": {"image/png": _png(10, 10)}, "metadata": {}}) is None


@pytest.mark.parametrize("lesson", DECKS, ids=[p.stem for p in DECKS])
def test_figures_on_slides_have_type_a_hall_can_read(executed_lessons, lesson):
    """Every figure of the executed lesson records its smallest text (fcnlab.viz.show), and that text is at
    least 18 px on a 1280×800 screen once the slide shows it."""
    nb = nbformat.read(Path(executed_lessons) / lesson.name, as_version=4)
    problems = []
    for k, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if "image/png" not in output.get("data", {}):
                continue
            px = figure_text_on_screen(output)
            if px is None:
                problems.append(f"cell {k}: a figure without its text size (draw it with fcnlab.viz.show)")
            elif px < FIGURE_TEXT_PX:
                problems.append(f"cell {k}: the figure's smallest text is {px:.1f} px on screen (at least "
                                f"{FIGURE_TEXT_PX}: a narrower figure, or larger type)")
    assert not problems, f"{lesson.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("lesson", DECKS, ids=[p.stem for p in DECKS])
def test_executed_deck_runs_offline(executed_decks, lesson):
    deck = _executed(executed_decks, lesson)
    assert not deck.errors, f"{deck.name}: " + "\n".join(deck.errors)
    assert not deck.external, f"{deck.name}: requested from the network: {deck.external}"


@pytest.mark.parametrize("lesson", DECKS, ids=[p.stem for p in DECKS])
def test_executed_lessons_hold_their_figures(executed_lessons, lesson):
    """A figure that is not in the executed notebook is not measured: the kernel must draw inline.

    (With MPLBACKEND=Agg in the kernel's environment, ``plt.show()`` draws nothing into the notebook.)
    """
    source = nbformat.read(lesson, as_version=4)
    if not make_slides.shows_figures(source):
        pytest.skip(f"{lesson.stem} shows no matplotlib figure")
    executed = Path(executed_lessons) / lesson.name
    assert executed.is_file(), f"no executed copy of {lesson.name} in {executed_lessons}"
    nb = nbformat.read(executed, as_version=4)
    images = sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert images, (f"{executed}: no figure among the outputs, though the lesson draws figures: was it "
                    "executed with a non-inline matplotlib backend (MPLBACKEND=Agg)? The slides cannot be "
                    "measured without their figures")


# ---------------------------------------------------------------------------------------------------------------
# the measurement itself, on a deck made to fit here and overflow there


def _png(width: int, height: int) -> str:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def _md(source: str, kind: str = "-", tags: tuple = ()):
    cell = nbformat.v4.new_markdown_cell(source)
    cell.metadata["slideshow"] = {"slide_type": kind}
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def _code(source: str, outputs: tuple = (), kind: str = "-", tags: tuple = ()):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["slideshow"] = {"slide_type": kind}
    if tags:
        cell.metadata["tags"] = list(tags)
    cell.outputs = list(outputs)
    return cell


def _bullets(n: int, word: str = "bullet") -> str:
    return "\n".join(f"- {word} {k}: one line of prose, about as long as a bullet on a slide" for k in range(n))


def _printed(text: str):
    return nbformat.v4.new_output("stream", name="stdout", text=text)


def _figure(width: int, height: int):
    return nbformat.v4.new_output("display_data", data={"image/png": _png(width, height),
                                                        "text/plain": "<Figure>"})


EIGHTY_EIGHT = "fit = [" + ", ".join(f"{k:02d}" for k in range(20)) + "]"  # a lesson's widest line
PLUMBING = "\n".join(f"plumbing_{k} = {k}  # PLUMBING_CODE" for k in range(40))
EQUATION = r"$$\sum_{i=1}^{n} \frac{\partial^{2} L}{\partial w_{i}^{2}} = \frac{\frac{a}{b}}{\frac{c}{d}}$$"

# (title, fits?): the slides of the synthetic deck, in order
EXPECTED = [
    ("Synthetic deck", True),
    ("Short slide", True),
    ("Tall text", False),
    ("Tall speaker notes", True),
    ("Hidden plumbing", True),
    ("Shown plumbing", False),
    ("Dropped cell", True),
    ("Kept after a dropped slide", True),
    ("Fragments", False),
    ("A short slide above", True),
    ("Tall subslide", False),
    ("Small figure", True),
    ("Tall figure", False),
    ("Typeset math", False),
    ("Wide code", True),
    ("88 characters of code", True),
    ("Small type", True),
    ("Thirteen lines of code", True),
    ("A wrapped printout", True),
    ("A progress bar", True),
    ("A local path", True),
    ("A log line", True),
]


def _synthetic_notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        _md("# Synthetic deck", "slide"),
        _md("## Short slide\n\n" + _bullets(3), "slide"),
        _md("## Tall text\n\n" + _bullets(40), "slide"),
        _md("## Tall speaker notes\n\n" + _bullets(2), "slide"),
        _md("FIRST NOTE\n\n" + _bullets(60, "note"), "notes"),
        _md("A sentence on the slide between the two notes."),
        _md("SECOND NOTE: the speaker view shows both notes.", "notes"),
        _md("## Hidden plumbing", "slide"),
        _code(PLUMBING, [_printed("PLUMBING_OUTPUT\n")], tags=("remove_input",)),
        _md("## Shown plumbing", "slide"),
        _code(PLUMBING, [_printed("PLUMBING_OUTPUT\n")]),
        _md("## Dropped cell\n\n" + _bullets(2), "slide"),
        _md("DROPPED_TEXT\n\n" + _bullets(40), tags=("remove_cell",)),
        _md("## A dropped slide\n\nDROPPED_TEXT", "slide", tags=("remove_cell",)),
        _md("## Kept after a dropped slide\n\n" + _bullets(3)),
        _md("## Fragments\n\n" + _bullets(8), "slide"),
        _md(_bullets(8, "first fragment"), "fragment"),
        _md(_bullets(8, "second fragment"), "fragment"),
        _md("## A short slide above\n\n" + _bullets(2), "slide"),
        _md("## Tall subslide\n\n" + _bullets(40), "subslide"),
        _md("## Small figure", "slide"),
        _code("show_small_figure()", [_figure(800, 300)], tags=("remove_input",)),
        _md("## Tall figure", "slide"),
        _code("show_tall_figure()", [_figure(800, 640)], tags=("remove_input",)),
        _md("## Typeset math\n\n" + "\n\n".join([EQUATION] * 7), "slide"),
        _md("## Wide code", "slide"),
        _code("wide = '" + "w" * 110 + "'"),
        _code("italic = '" + "\N{MATHEMATICAL ITALIC SMALL X}" * 110 + "'"),  # 2 UTF-16 units a letter
        _md("## 88 characters of code", "slide"),
        _code(EIGHTY_EIGHT),
        # each thing a room cannot read, planted once (Slide.problems must name it)
        _md('## Small type\n\n<p style="font-size: 20px">SMALL_PROSE: notebook-sized type</p>', "slide"),
        _md("## Thirteen lines of code", "slide"),
        _code("\n".join(f"line_{k} = {k}" for k in range(13))),
        _md("## A wrapped printout", "slide"),
        _code("print(results)", [_printed("mean IoU per model: " + "0.123 / 0.456, " * 8 + "\n")]),
        _md("## A progress bar", "slide"),
        _code("model.fit(data)", [_printed("3/3 ━━━━━━━━━━━━━━━━━━━━ 1s 20ms/step - loss: 0.41\n")]),
        _md("## A local path", "slide"),
        _code("model.save(path)", [_printed("saved /root/fcnlab/build/checkpoints/fcn8s.keras\n")]),
        _md("## A log line", "slide"),
        _code("load()", [_printed("WARNING:absl:Compiled the loaded model.\n")]),
    ]
    return nb


@pytest.fixture(scope="module")
def synthetic(deps, chrome, tmp_path_factory):
    out = tmp_path_factory.mktemp("synthetic-slides")
    notebook = out / "synthetic.ipynb"
    nbformat.write(_synthetic_notebook(), notebook)
    with contextlib.redirect_stdout(io.StringIO()):
        [path] = make_slides.render_all([notebook], out, deps)
    deck = measure_slides.measure(chrome, path, screenshots=out / "screenshots")
    return deck, {slide.title: slide for slide in deck.slides}, path.read_text(encoding="utf-8")


def test_a_screenshot_of_every_slide(synthetic):
    from PIL import Image

    deck, _, _ = synthetic
    shots = deck.path.parent / "screenshots"
    assert sorted(p.name for p in shots.glob("*.png")) == sorted(f"{s.h}-{s.v}.png" for s in deck.slides)
    small, tall = (np.asarray(Image.open(shots / f"{s.h}-{s.v}.png").convert("RGB"), dtype=int)
                   for s in deck.slides if s.title in ("Short slide", "Tall figure"))
    assert small.shape == (measure_slides.WINDOW[1], measure_slides.WINDOW[0], 3)
    orange = (abs(tall - (200, 120, 40)).sum(axis=2) < 30).mean()  # the figure's colour: the slide on show
    assert orange > 0.1 and (abs(small - (200, 120, 40)).sum(axis=2) < 30).mean() == 0, orange


def test_the_measurement_tells_a_slide_that_fits_from_one_that_overflows(synthetic):
    deck, _, _ = synthetic
    got = [(s.title, s.fits) for s in deck.slides]
    assert got == EXPECTED, "\n".join(f"{s.anchor} {s.height:>5} px  {s.title}" for s in deck.slides)
    assert not deck.errors and not deck.external, (deck.errors, deck.external)
    assert deck.config == {"width": 960, "height": 700, "margin": 0.04, "minScale": 0.2, "maxScale": 2,
                           "center": True}


def test_heights_are_in_canvas_pixels(synthetic):
    _, slides, _ = synthetic
    # the tall figure's image alone is 640 px of the canvas; reveal's scaling to the window must not shrink it
    assert slides["Tall figure"].height >= 640 + 40, slides["Tall figure"]
    assert slides["Short slide"].height < 400
    assert slides["Tall text"].height > 2 * CANVAS_H  # 40 bullets


def test_speaker_notes_do_not_count_and_all_reach_the_speaker_view(synthetic):
    _, slides, deck_html = synthetic
    notes = slides["Tall speaker notes"]
    assert notes.fits and notes.height < 400
    # reveal's speaker view shows the first <aside class="notes"> of a slide: the notes cells are merged into it
    assert notes.notes_cells == 1
    assert "FIRST NOTE" in notes.notes and "SECOND NOTE" in notes.notes
    assert "note 59" in notes.notes
    assert "FIRST NOTE" not in notes.words  # not on the slide itself
    assert not slides["Short slide"].notes


def test_the_speaker_view_shows_every_note_of_the_slide(synthetic, chrome):
    """Opened as S opens it; without the merge of notes cells it would show the first one only."""
    deck, slides, _ = synthetic
    url = deck.path.resolve().as_uri()
    shown = measure_slides.speaker_view_notes(chrome, url + slides["Tall speaker notes"].anchor)
    assert "FIRST NOTE" in shown and "SECOND NOTE" in shown, shown[:300]


def test_remove_input_hides_the_code_and_keeps_the_output(synthetic):
    _, slides, deck_html = synthetic
    hidden, shown = slides["Hidden plumbing"], slides["Shown plumbing"]
    assert "PLUMBING_OUTPUT" in hidden.words and "PLUMBING_CODE" not in hidden.words
    assert "PLUMBING_CODE" in shown.words
    assert deck_html.count("PLUMBING_CODE") == 40  # the shown cell's 40 lines, none of the hidden one's


def test_remove_cell_drops_the_cell_and_keeps_its_slide_break(synthetic):
    deck, slides, deck_html = synthetic
    assert "DROPPED_TEXT" not in deck_html
    kept, dropped = slides["Kept after a dropped slide"], slides["Dropped cell"]
    assert kept.v == 0 and kept.h == dropped.h + 1  # a slide of its own, not appended to the one before


def test_fragments_subslides_figures_and_math_are_measured_whole(synthetic):
    _, slides, _ = synthetic
    assert slides["Fragments"].fragments == 2 and not slides["Fragments"].fits
    assert slides["Tall subslide"].v == 1 and slides["A short slide above"].v == 0
    assert slides["Small figure"].fits and not slides["Tall figure"].fits
    assert not slides["Typeset math"].fits  # 7 equations are short as TeX source, tall once typeset


def test_a_wide_code_line_wraps_and_counts_as_the_lines_it_takes(synthetic):
    """At slide size a code line of 74 characters fits; a longer one wraps (the lessons' may be 88) rather than
    being cut off at the right edge, and counts as two of a block's lines."""
    _, slides, _ = synthetic
    assert all(n >= 2 for n in slides["Wide code"].code_lines) and not slides["Wide code"].cut_wide
    assert slides["88 characters of code"].code_lines == [2]
    assert slides["Thirteen lines of code"].code_lines == [13]
    assert all(not s.cut_wide for s in slides.values()), [s.cut_text for s in slides.values() if s.cut_wide]
    assert all(s.overflow_y != "scroll" for s in slides.values())  # reveal_scroll is off


# each planted problem of the synthetic deck, and the words Slide.problems must use for it
PLANTED = {
    "Small type": "prose at 21.9 px",  # 20 px on the canvas, times reveal's 1.097 on a 1280×800 screen
    "Shown plumbing": "a code block of 40 lines",
    "Thirteen lines of code": "a code block of 13 lines",
    "A wrapped printout": "a printed line wraps: 'mean IoU per model",
    "A progress bar": "a progress bar: '━'",
    "A local path": "a local path: '/root/'",
    "A log line": "a log line: 'WARNING:'",
}


def test_each_thing_a_room_cannot_read_is_found_once_planted(synthetic):
    """Type below 28 px (prose) / 22 px (code) on a 1280×800 screen, a code block over 12 lines, a printed line
    that wraps, a progress bar, a local path, a log line: each planted on one slide of the synthetic deck."""
    _, slides, _ = synthetic
    for title, words in PLANTED.items():
        problems = slides[title].problems
        assert len(problems) == 1 and problems[0].startswith(words), (title, problems)
    clean = {title: s.problems for title, s in slides.items() if title not in PLANTED and s.problems}
    assert clean == {}, clean
    short = slides["Short slide"]
    assert min(short.prose_px) >= measure_slides.PROSE_PX and short.prose_px  # the theme's type
    assert min(slides["88 characters of code"].code_px) >= measure_slides.CODE_PX


def test_the_measurements_can_be_written_as_json(synthetic, tmp_path):
    deck, _, _ = synthetic
    measure_slides.write_json([deck], tmp_path / "slides.json")
    [data] = json.loads((tmp_path / "slides.json").read_text(encoding="utf-8"))
    assert [s["title"] for s in data["slides"]] == [title for title, _ in EXPECTED]
    assert [s["fits"] for s in data["slides"]] == [fits for _, fits in EXPECTED]


def test_every_slide_of_the_synthetic_deck_shows_its_number(synthetic):
    deck, _, _ = synthetic
    assert [s.number for s in deck.slides if not NUMBER.fullmatch(s.number)] == []
    # reveal's "h.v": the horizontal slide, then the vertical step, both counted from 1 (the anchor from 0)
    assert all(s.number == f"{s.h + 1}.{s.v + 1}" for s in deck.slides), [s.number for s in deck.slides]


# ---------------------------------------------------------------------------------------------------------------
# the two decks of a lesson: the class deck (projected: the exercises as questions) and the instructor deck
# (each solution on a subslide after its question)

NUMBER = re.compile(r"\d+(\.\d+)?")  # what reveal's slideNumber "h.v" shows
STUBS = ("BEGIN SOLUTION", "END SOLUTION", "YOUR ANSWER HERE")  # never on a class deck's slide
CODE_STUBS = ("YOUR CODE HERE", "NotImplementedError")  # never in a class deck's code (prose may name them)


def _squash(text: str) -> str:
    return " ".join(text.replace("\u00b6", "").split())


def _exercise_text(nb) -> tuple[set[str], list[str]]:
    """The ids of the answer and check cells of ``nb``, and the lines only they hold (solutions, asserts)."""
    ids, lines = set(), set()
    other = "\n".join(_squash(line) for cell in nb.cells if not (make_student.is_solution(cell)
                      or make_student.is_check(cell)) for line in cell.source.split("\n"))
    for cell in nb.cells:
        if make_student.is_solution(cell) or make_student.is_check(cell):
            ids.add(cell.get("id"))
            source = make_student.solution_lines(cell) if make_student.is_solution(cell) else cell.source.split("\n")
            lines |= {_squash(line) for line in source if len(_squash(line)) >= 12}
    return ids - {None}, sorted(line for line in lines if line not in other)


def class_deck_problems(deck: measure_slides.Deck, nb) -> list[str]:
    """What a class deck shows that it must not (a solution, a stub, a check), and slides without a number."""
    ids, lines = _exercise_text(nb)
    problems = []
    for s in deck.slides:
        where = f"{deck.name} {s.anchor} ({s.label[:40]})"
        if not NUMBER.fullmatch(s.number):
            problems.append(f"{where}: no slide number ({s.number!r})")
        problems += [f"{where}: shows the answer or check cell {cell}" for cell in s.cells if cell in ids]
        problems += [f"{where}: shows {stub!r}" for stub in STUBS if stub in s.text]
        problems += [f"{where}: code shows {stub!r}" for stub in CODE_STUBS for code in s.code if stub in code]
        problems += [f"{where}: shows a line of a solution or check: {line!r}" for line in lines if line in s.text]
    return problems


def instructor_deck_problems(deck: measure_slides.Deck, nb) -> list[str]:
    """Every exercise's solution must be on the instructor deck, on a subslide after its question."""
    where = {cell: s for s in deck.slides for cell in s.cells}
    problems = [f"{deck.name} {s.anchor}: no slide number" for s in deck.slides if not NUMBER.fullmatch(s.number)]
    layout = make_student.exercise_layout(nb)
    for ex in layout.exercises:
        question = where.get(nb.cells[ex.heading].get("id"))
        if question is None:
            problems.append(f"{deck.name}: Exercise {ex.number}'s question is not on the deck")
            continue
        for i in ex.answers:
            answer = where.get(nb.cells[i].get("id"))
            if answer is None:
                problems.append(f"{deck.name}: Exercise {ex.number}'s answer (cell {i}) is not on the deck")
            elif not (answer.h == question.h and answer.v > question.v):
                problems.append(f"{deck.name}: Exercise {ex.number}'s answer is on {answer.anchor}, not on a "
                                f"subslide after its question ({question.anchor})")
            else:
                missing = [line for line in make_student.solution_lines(nb.cells[i])
                           if nb.cells[i].cell_type == "code" and _squash(line) not in answer.text]
                problems += [f"{deck.name} {answer.anchor}: the solution's line {line!r} is not shown"
                             for line in missing]
    return problems


def _exercise_notebook():
    """A lesson's end, by the conventions of notebooks/README.md: two exercises, a code and a markdown answer."""
    def graded(cell, gid, solution, grade):
        cell.metadata["nbgrader"] = {"schema_version": 3, "grade": grade, "solution": solution, "locked": False,
                                     "grade_id": gid, **({"points": 1} if grade else {})}
        return cell

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        _md("# Exercise deck", "slide"),
        _md("## Exercises\n\nPredict first.", "slide"),
        _md("### Exercise 1 — a sum (5 min, class)\n\nPredict `total`, the sum of 1 to 4.", "subslide"),
        graded(_code("total = None\n### BEGIN SOLUTION\ntotal = sum(range(1, 5))  # SOLUTION_ONE\n"
                     "### END SOLUTION", [_printed("SOLUTION_OUTPUT\n")]), "ex1", True, False),
        _md("Check your answer: CHECK_INTRO", "subslide"),
        graded(_code("assert total is not None, 'Exercise 1 is not answered yet'\n"
                     "assert total == 10, 'CHECK_ASSERT'"), "ex1-check", False, True),
        _md("### Exercise 2 — why? (5 min, homework)\n\nSay why.", "subslide"),
        graded(_md("ANSWER_TWO because the sum of four terms is ten."), "ex2-answer", True, True),
        graded(_code("why = None\n### BEGIN SOLUTION\nwhy = 'SOLUTION_TWO: four terms'\n### END SOLUTION",
                     kind="subslide"), "ex2", True, False),
        _md("Check your answer:", "subslide"),
        graded(_code("assert why, 'CHECK_TWO'"), "ex2-check", False, True),
        _md("## After the exercises", "slide"),
    ]
    for k, cell in enumerate(nb.cells):
        cell.id = f"cell-{k}"
    return nb


def test_prepare_keeps_the_questions_on_the_class_deck_and_moves_the_breaks():
    nb = _exercise_notebook()
    shown = make_slides.prepare(nb, make_slides.CLASS)
    assert [(c.id, make_slides.slide_type(c)) for c in shown.cells] == [
        ("cell-0", "slide"), ("cell-1", "slide"), ("cell-2", "subslide"), ("cell-6", "subslide"),
        ("cell-11", "slide")]
    text = "\n".join(c.source for c in shown.cells)
    assert not re.search("SOLUTION|ANSWER_TWO|CHECK|YOUR CODE|NotImplemented", text), text
    assert make_slides.prepare(nb).cells == shown.cells  # the class deck is the default
    assert len(nb.cells) == 12  # the notebook itself is not changed


def test_prepare_puts_each_solution_on_a_subslide_after_its_question():
    nb = _exercise_notebook()
    shown = make_slides.prepare(nb, make_slides.INSTRUCTOR)
    got = [(c.id, make_slides.slide_type(c), c.source.split("\n")[0]) for c in shown.cells]
    assert got == [
        ("cell-0", "slide", "# Exercise deck"), ("cell-1", "slide", "## Exercises"),
        ("cell-2", "subslide", "### Exercise 1 — a sum (5 min, class)"),
        ("cell-3-solution", "subslide", "#### Exercise 1: a solution"), ("cell-3", "-", "total = None"),
        ("cell-6", "subslide", "### Exercise 2 — why? (5 min, homework)"),
        ("cell-7-solution", "subslide", "#### Exercise 2: a solution"),
        ("cell-7", "-", "ANSWER_TWO because the sum of four terms is ten."),
        ("cell-8-solution", "subslide", "#### Exercise 2: a solution"), ("cell-8", "-", "why = None"),
        ("cell-11", "slide", "## After the exercises")], got
    text = "\n".join(c.source for c in shown.cells)
    assert "SOLUTION_ONE" in text and "SOLUTION_TWO" in text
    assert "BEGIN SOLUTION" not in text and "CHECK" not in text, text


@pytest.fixture(scope="module")
def exercise_decks(deps, chrome, tmp_path_factory):
    """The class and instructor decks of the exercise notebook, measured: (notebook, class, instructor)."""
    out = tmp_path_factory.mktemp("exercise-slides")
    notebook = out / "exercises.ipynb"
    nb = _exercise_notebook()
    nbformat.write(nb, notebook)
    with contextlib.redirect_stdout(io.StringIO()):
        [deck] = make_slides.render_all([notebook], out, deps)
    instructor = make_slides.instructor_deck(deck)
    assert instructor == out / "instructor" / deck.name and instructor.is_file()
    return nb, measure_slides.measure(chrome, deck), measure_slides.measure(chrome, instructor)


def test_the_class_deck_shows_no_solution_and_numbers_every_slide(exercise_decks):
    nb, class_deck, _ = exercise_decks
    assert not class_deck.errors and not class_deck.external, (class_deck.errors, class_deck.external)
    assert [s.title for s in class_deck.slides] == ["Exercise deck", "Exercises", "Exercise 1 — a sum (5 min, "
                                                    "class)", "Exercise 2 — why? (5 min, homework)",
                                                    "After the exercises"]
    assert class_deck_problems(class_deck, nb) == []


def test_the_instructor_deck_shows_each_solution_after_its_question(exercise_decks):
    nb, _, instructor = exercise_decks
    assert not instructor.errors and not instructor.external, (instructor.errors, instructor.external)
    assert instructor_deck_problems(instructor, nb) == []
    solution = next(s for s in instructor.slides if "SOLUTION_ONE" in s.text)
    assert solution.title == "Exercise 1: a solution" and "SOLUTION_OUTPUT" in solution.text
    assert solution.number == f"{solution.h + 1}.{solution.v + 1}" == "2.3"


def test_the_deck_checks_find_a_solution_a_stub_and_a_missing_number(exercise_decks):
    """The checks the executed decks get, on decks that break them."""
    nb, class_deck, instructor = exercise_decks
    leaked = instructor_deck_problems(class_deck, nb)
    assert any("answer" in p and "not on the deck" in p for p in leaked), leaked
    shown = class_deck_problems(instructor, nb)
    assert any("SOLUTION_ONE" in p for p in shown) and any("cell-3" in p for p in shown), shown
    stub = copy.deepcopy(class_deck)
    stub.slides[2].code.append('# YOUR CODE HERE\nraise NotImplementedError("Exercise 1")')
    stub.slides[3].number = ""
    problems = class_deck_problems(stub, nb)
    assert len(problems) == 3 and "no slide number" in problems[-1], problems


def test_class_decks_show_no_solution_and_number_every_slide(executed_decks, executed_lessons):
    problems = []
    for lesson in DECKS:
        nb = nbformat.read(Path(executed_lessons) / lesson.name, as_version=4)
        problems += class_deck_problems(_executed(executed_decks, lesson), nb)
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def instructor_decks(class_decks, chrome):
    """{deck name: measure_slides.Deck} for every instructor deck rendered from the executed series."""
    decks = sorted((class_decks / make_slides.INSTRUCTOR_DIR).glob("*.slides.html"))
    assert [d.name for d in decks] == sorted(p.name for p in class_decks.glob("*.slides.html"))
    return {deck.name: deck for deck in (measure_slides.measure(chrome, path, settle=False) for path in decks)}


def test_instructor_decks_show_every_solution_after_its_question(instructor_decks, executed_lessons):
    problems = []
    for lesson in DECKS:
        deck = _executed(instructor_decks, lesson)
        problems += deck.errors + deck.external
        problems += instructor_deck_problems(deck, nbformat.read(Path(executed_lessons) / lesson.name,
                                                                 as_version=4))
    assert not problems, "\n".join(problems)


def test_a_contact_sheet_shows_every_slide_and_marks_the_tall_ones(synthetic, tmp_path):
    from PIL import Image

    deck, slides, _ = synthetic
    sheet = measure_slides.contact_sheet(deck, deck.path.parent / "screenshots", tmp_path / "synthetic.png")
    image = np.asarray(Image.open(sheet).convert("RGB"), dtype=int)
    width, height = (n // measure_slides.THUMBNAIL for n in measure_slides.WINDOW)
    columns, rows = measure_slides.SHEET_COLUMNS, -(-len(deck.slides) // measure_slides.SHEET_COLUMNS)
    assert image.shape[1] > columns * width and rows * height < image.shape[0] < rows * (height + 40) + 40

    def cell(slide):  # (thumbnail, label) of a slide, where contact_sheet puts them
        k = deck.slides.index(slide)
        x, y = 8 + (k % columns) * (width + 8), 30 + (k // columns) * (height + 28)
        return image[y:y + height, x:x + width], image[y + height:y + height + 20, x:x + width]

    def red(pixels):
        return ((pixels[..., 0] > 150) & (pixels[..., 1] < 60) & (pixels[..., 2] < 60)).sum()

    figure, label = cell(slides["Tall figure"])
    assert (abs(figure - (200, 120, 40)).sum(axis=2) < 40).mean() > 0.1  # its screenshot, scaled down
    assert red(label) > 20  # taller than the canvas: a red label
    assert red(cell(slides["Short slide"])[1]) == 0 and (cell(slides["Short slide"])[1] < 100).any()
