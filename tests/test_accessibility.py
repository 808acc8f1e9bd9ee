"""Every student can read every figure, deck and page: text alternatives and WCAG 2.1 AA (axe-core).

- **Text alternatives**: every image an executed lesson displays carries an ``alt`` in its output metadata
  (``fcnlab.viz.show``), and every ``<img>`` of a deck has it, as a sentence of at least
  ``accessibility.MIN_ALT_WORDS`` words that is not nbconvert's placeholder.
- **axe-core** (pinned in tools/slides/package.json, the WCAG 2.0 / 2.1 A and AA rules) finds no violation in any
  deck, in reveal's normal view nor in its print view (every slide at once): text contrast >= 4.5:1, syntax
  highlighting included, no focusable element inside a hidden slide, named form controls, a language.
- **the checks themselves**, on small pages built here: a figure without an alternative, a low-contrast colour
  and a focusable cell on a hidden slide must be found, and a slide made the lessons' way must pass.

The lesson tests read the executed notebooks of the ``executed_lessons`` fixture (tests/conftest.py) and the
decks rendered from them; :func:`notebook_problems`, :func:`deck_alt_problems`, :func:`page_alt_problems` and
:func:`axe_problems` take folders or pages, so they check any executed series and the book's pages (``python -m tools.accessibility`` prints the same per page).
Needs Chromium and the npm assets of the decks (build/slides-deps), else the browser tests are skipped.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from tools import accessibility, make_slides, series

ROOT = Path(__file__).resolve().parents[1]


# --- the checks, on folders ------------------------------------------------------------------------------------

def notebook_problems(folder: Path) -> list[str]:
    """Every image output of the executed lessons in ``folder`` without a real text alternative."""
    problems = []
    notebooks = series.series(folder)
    assert notebooks, f"no executed lessons (NN_*.ipynb, A1_*.ipynb) in {folder}"
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        for index, alt in accessibility.notebook_images(nb):
            if not accessibility.is_real_alt(alt):
                problems.append(f"{path.name} cell {index}: alt {alt!r} (display it with fcnlab.viz.show(fig, "
                                "'what it shows'))")
    return problems


def page_alt_problems(pages: list[Path]) -> list[str]:
    """Every ``<img>`` of ``pages`` (decks, book pages) without a real text alternative."""
    problems = []
    for page in pages:
        alts = accessibility.html_images(page.read_text(encoding="utf-8"))
        problems += [f"{page.name}: {p}" for p in accessibility.missing_alts(alts)]
    return problems


def deck_alt_problems(folder: Path) -> list[str]:
    return page_alt_problems(sorted(folder.glob("*.slides.html")))


def axe_problems(chrome, pages: list[Path], axe_js: Path) -> list[str]:
    """axe-core's violations on ``pages`` (a deck: its normal and its print view), explained."""
    found = []
    for page in pages:
        views = [False, True] if page.name.endswith(".slides.html") else [False]
        for print_view in views:
            audit = accessibility.audit_page(chrome, page, axe_js, print_view=print_view)
            if audit.violations:
                found.append(audit.explain())
    return found


# --- fixtures --------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def axe_js(deps) -> Path:
    return accessibility.axe_script(deps)


def figure_notebook(alt: str | None, *, hidden_focus: bool = False):
    """A two-slide notebook whose second slide shows one figure (with ``alt`` in its metadata, if any)."""
    import matplotlib

    matplotlib.use("Agg")
    import io

    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(2, 1))
    ax.plot([0, 1], [1, 0])
    png = io.BytesIO()
    fig.savefig(png, format="png")
    plt.close(fig)
    import base64

    output = nbformat.v4.new_output("display_data", data={"image/png": base64.b64encode(png.getvalue()).decode(),
                                                          "text/plain": "<Figure>"})
    if alt is not None:
        output.metadata = {"image/png": {"alt": alt}}
    cells = [nbformat.v4.new_markdown_cell("# A deck", metadata={"slideshow": {"slide_type": "slide"}}),
             nbformat.v4.new_code_cell("x = 1 + 2.5  # a comment", metadata={"slideshow": {"slide_type": "-"}}),
             nbformat.v4.new_markdown_cell("## A figure", metadata={"slideshow": {"slide_type": "slide"}}),
             nbformat.v4.new_code_cell("show(fig)", outputs=[output], execution_count=1)]
    if hidden_focus:
        cells.append(nbformat.v4.new_markdown_cell('<a href="#/0">back</a>',
                                                   metadata={"slideshow": {"slide_type": "slide"}}))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}
    return nb


def render(nb, folder: Path, name: str, deps: Path) -> Path:
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    make_slides.copy_assets(deps, folder)
    return make_slides.render(path, folder)


# --- the lessons -----------------------------------------------------------------------------------------------

def test_every_figure_of_the_executed_lessons_has_a_text_alternative(executed_lessons):
    images = sum(len(accessibility.notebook_images(nbformat.read(p, as_version=4)))
                 for p in series.series(executed_lessons))
    assert images > 0, "the executed lessons hold no figure: executed with MPLBACKEND=Agg?"
    problems = notebook_problems(executed_lessons)
    assert not problems, "\n".join(problems)


def test_every_image_of_every_deck_has_a_text_alternative(class_decks):
    problems = deck_alt_problems(class_decks)
    assert not problems, "\n".join(problems)


def test_every_deck_passes_axe_in_the_normal_and_the_print_view(class_decks, chrome, axe_js):
    problems = axe_problems(chrome, sorted(class_decks.glob("*.slides.html")), axe_js)
    assert not problems, "\n".join(problems)


# --- the checks can fail ---------------------------------------------------------------------------------------

def test_the_alternative_reaches_the_deck_and_a_missing_one_is_found(deps, tmp_path):
    said = "A falling line from the top left to the bottom right"
    good = render(figure_notebook(said), tmp_path, "good", deps)
    assert accessibility.html_images(good.read_text(encoding="utf-8")) == [said]
    assert not deck_alt_problems(tmp_path)
    render(figure_notebook(None), tmp_path, "bare", deps)
    problems = deck_alt_problems(tmp_path)
    assert problems and all(p.startswith("bare.slides.html") for p in problems), problems
    nb = figure_notebook("A chart")  # a title, not a description
    assert not accessibility.is_real_alt(accessibility.notebook_images(nb)[0][1])


def test_a_slide_made_the_lessons_way_passes_axe(deps, chrome, axe_js, tmp_path):
    deck = render(figure_notebook("A falling line from the top left to the bottom right", hidden_focus=True),
                  tmp_path, "fine", deps)
    assert not axe_problems(chrome, [deck], axe_js)


def test_axe_finds_low_contrast_a_focusable_hidden_element_and_a_skipped_heading(chrome, axe_js, tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main><h1>Title</h1>'
                    '<p style="color:#aaaaaa;background:#ffffff">pale grey text</p>'
                    '<div aria-hidden="true"><a href="#x">hidden link</a></div>'
                    '<h3>a heading two levels down</h3></main></body></html>',
                    encoding="utf-8")
    found = accessibility.audit_page(chrome, page, axe_js).by_rule()
    assert found["color-contrast"] == 1 and found["aria-hidden-focus"] == 1, found
    assert found["heading-order"] == 1, found


def test_the_keyboard_moves_through_the_slides_and_opens_the_speaker_notes(deps, chrome, tmp_path):
    from tools import browser

    nb = figure_notebook("A falling line from the top left to the bottom right")
    nb.cells.insert(3, nbformat.v4.new_markdown_cell("Say why the line falls.",
                                                     metadata={"slideshow": {"slide_type": "notes"}}))
    deck = render(nb, tmp_path, "keys", deps)
    with browser.open_page(chrome, deck.as_uri()) as (page, _log):
        page.wait_for_function("document.querySelector('.reveal.ready') !== null")
        hidden = "[...document.querySelectorAll('.slides > section[aria-hidden=true]')]"
        assert page.evaluate(f"{hidden}.length > 0 && {hidden}.every(s => s.inert)"), "a hidden slide takes focus"
        page.keyboard.press("ArrowRight")
        page.wait_for_function("location.hash === '#/1'")
        assert page.evaluate("!document.querySelector('.slides > section.present').inert")
        with page.context.expect_page(timeout=20_000) as opened:
            page.keyboard.press("s")
        speaker = opened.value
        speaker.wait_for_function("document.body.innerText.includes('Say why the line falls.')", timeout=20_000)
