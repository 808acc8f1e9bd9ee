"""The slide decks (`make slides`, tools/make_slides.py): they open offline, and every slide fits the screen.

Three groups of tests, all in one headless Chromium (the ``chrome`` fixture, tools/browser.py: Playwright
driving the system's Chromium, every request that would leave the machine aborted and recorded):

- **the source decks**: each lesson's deck built from its source notebook (no outputs) into a temporary folder,
  opened offline: reveal.js must start (no JavaScript error, the ``reveal`` element marked ``ready``), the first
  slide must show the lesson's title, MathJax must typeset, and the screenshot must not be blank;
- **the executed decks**: each deck rendered from the executed notebooks of the ``executed_lessons`` fixture
  and measured slide by slide by ``tools/measure_slides.py``: none may be taller than reveal's 960×700 canvas,
  no code or output line may be cut off at its right edge, and nothing may be fetched from the network;
- **the measurement itself**, on a small synthetic deck whose slides are known to fit or to overflow (a tall
  speaker note, hidden plumbing, a tall figure, typeset math, fragments, a subslide, wide code), so that a
  measurement that could not fail would fail here; and its screenshots and JSON.

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
import io
import json
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from tools import browser, make_slides, measure_slides

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
                    "box and is cut off (code lines of at most 88 characters fit; print narrower outputs):\n"
                    + "\n".join(f"  {s.anchor:<7} {s.label}: {' | '.join(s.cut_text)}" for s in cut),
                    pytrace=False)


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
    if not any("plt.show()" in c.source for c in source.cells if c.cell_type == "code"):
        pytest.skip(f"{lesson.stem} shows no matplotlib figure")
    executed = Path(executed_lessons) / lesson.name
    assert executed.is_file(), f"no executed copy of {lesson.name} in {executed_lessons}"
    nb = nbformat.read(executed, as_version=4)
    images = sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert images, (f"{executed}: no figure among the outputs, though the lesson calls plt.show(): was it "
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
        _code("fits = '" + "f" * 79 + "'"),
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


def test_code_cut_off_at_the_right_edge_is_detected(synthetic):
    _, slides, _ = synthetic
    assert slides["Wide code"].cut_wide == 2, slides["Wide code"].cut_text
    assert not slides["88 characters of code"].cut_wide  # the lessons' longest allowed line
    assert all(not s.cut_wide for title, s in slides.items() if title != "Wide code")
    assert all(s.overflow_y != "scroll" for s in slides.values())  # reveal_scroll is off


def test_the_measurements_can_be_written_as_json(synthetic, tmp_path):
    deck, _, _ = synthetic
    measure_slides.write_json([deck], tmp_path / "slides.json")
    [data] = json.loads((tmp_path / "slides.json").read_text(encoding="utf-8"))
    assert [s["title"] for s in data["slides"]] == [title for title, _ in EXPECTED]
    assert [s["fits"] for s in data["slides"]] == [fits for _, fits in EXPECTED]
