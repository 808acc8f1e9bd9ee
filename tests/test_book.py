"""The course's book (``make book``, tools/make_book.py) as a reader opens it, in headless Chromium.

The book is built once per session from the executed lessons (fixture ``executed_lessons``) with their decks,
into a temporary folder, then every page is opened from the disk (``file://``, as a reader who downloaded the
folder would): no console or page error, no request leaves the machine, every relative link and image
resolves (anchors included), every lesson page shows its figures, typeset formulas and links to the student
edition in Colab and to its class deck, and axe-core finds nothing. Each page is opened once (:func:`visits`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
from test_accessibility import page_alt_problems

from tools import accessibility, browser, make_book, series

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def book(executed_lessons, class_decks, deps, tmp_path_factory) -> Path:
    """The site, built from the session's executed lessons and their decks."""
    work = tmp_path_factory.mktemp("book")
    make_book.build(executed_lessons, work / "site", slides_dir=class_decks, staging=work / "src", deps=deps,
                    build_dir=work)
    return work / "site"


def pages(site: Path) -> list[Path]:
    """The book's own pages (the decks are checked by tests/test_slides.py)."""
    return sorted(p for p in site.rglob("*.html") if "slides" not in p.relative_to(site).parts[:1]
                  and "_static" not in p.relative_to(site).parts)


def ids_of(page: Path) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))


def unresolved(page: Path, references: list[str]) -> list[str]:
    """The relative ``references`` of ``page`` (hrefs, srcs) whose file, or anchor, is not there."""
    bad = []
    for ref in references:
        parts = urlsplit(ref)
        if parts.scheme or ref.startswith("//") or ref.startswith("data:"):
            continue
        target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
        if target.is_dir():
            target = target / "index.html"
        if not target.exists():
            bad.append(f"{ref} (no file {target})")
        elif parts.fragment and target.suffix == ".html" and "slides" not in target.parts \
                and unquote(parts.fragment) not in ids_of(target):
            bad.append(f"{ref} (no id {parts.fragment!r} in {target.name})")
    return bad


REFERENCES = """() => [
    ...Array.from(document.querySelectorAll('a[href]'), a => a.getAttribute('href')),
    ...Array.from(document.querySelectorAll('[src]'), e => e.getAttribute('src')),
    ...Array.from(document.querySelectorAll('link[href]'), e => e.getAttribute('href')),
]"""
BROKEN_IMAGES = """() => Array.from(document.images)
    .filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.getAttribute('src'))"""


FIGURES = "() => document.querySelectorAll('article .output img, article .cell_output img').length"
LINKS = "(kind) => Array.from(document.querySelectorAll(`a.${kind}`), a => a.href)"
RAW_TEX = """() => new Promise(done => MathJax.Hub.Queue(() => done(
    Array.from(document.querySelectorAll('.math'))
         .filter(m => !m.querySelector('.MathJax_CHTML'))
         .map(m => m.textContent.trim().slice(0, 60)))))"""


@dataclass
class Visit:
    """What one page of the book shows a reader, read in one page load."""

    problems: list[str] = field(default_factory=list)  # console errors, failed and external requests
    references: list[str] = field(default_factory=list)  # hrefs and srcs
    broken_images: list[str] = field(default_factory=list)
    figures: int = 0
    colab: list[str] = field(default_factory=list)
    decks: list[str] = field(default_factory=list)
    raw_tex: list[str] = field(default_factory=list)  # formulas MathJax left as TeX
    axe: str = ""  # axe-core's violations, explained


@pytest.fixture(scope="module")
def visits(book, chrome, deps) -> dict[Path, Visit]:
    """Every page of the book, opened once from the disk."""
    axe_js = accessibility.axe_script(deps)
    found = {}
    for page in pages(book):
        visit = Visit()
        with browser.open_page(chrome, page.as_uri()) as (tab, log):
            tab.wait_for_timeout(300)  # MathJax and the widgets start after "load"
            visit.references = tab.evaluate(REFERENCES)
            visit.broken_images = tab.evaluate(BROKEN_IMAGES)
            visit.figures = tab.evaluate(FIGURES)
            visit.colab, visit.decks = tab.evaluate(LINKS, "colab-link"), tab.evaluate(LINKS, "deck-link")
            if tab.evaluate("() => document.querySelectorAll('.math').length"):
                tab.wait_for_function("() => window.MathJax && window.MathJax.Hub && window.MathJax.isReady")
                visit.raw_tex = tab.evaluate(RAW_TEX)
            visit.problems = log.problems()  # before axe, whose requests for the stylesheets file:// refuses
            audit = accessibility.Audit(str(page.relative_to(book)), violations=accessibility.run_axe(tab, axe_js))
            visit.axe = audit.explain()
        found[page] = visit
    return found


def test_every_page_opens_offline_without_errors_and_its_links_and_images_resolve(book, visits):
    assert len(visits) >= 10 and (book / "index.html") in visits, f"the book has too few pages: {sorted(visits)}"
    problems = []
    for page, visit in visits.items():
        name = page.relative_to(book)
        problems += [f"{name}: {p}" for p in visit.problems]
        problems += [f"{name}: broken link {r}" for r in unresolved(page, visit.references)]
        problems += [f"{name}: image not shown {src}" for src in visit.broken_images]
    assert not problems, "\n".join(problems)


def test_every_lesson_page_shows_its_figures_and_links_its_student_edition_and_deck(book, visits):
    config = make_book.settings()
    problems = []
    for lesson in series.series():
        page = book / "lessons" / f"{lesson.stem}.html"
        if page not in visits:
            problems.append(f"no page for {lesson.name}")
            continue
        visit = visits[page]
        want = make_book.colab_url(lesson, config)
        if lesson in series.lessons():
            assert f"/notebooks/student/{lesson.name}" in want, f"{lesson.name}: Colab must open the student edition"
        if visit.figures == 0 and lesson.name[0] != "A":
            problems.append(f"{page.name}: no figure")
        if visit.colab != [want]:
            problems.append(f"{page.name}: Colab link {visit.colab}, expected [{want}]")
        if len(visit.decks) != 1 or not visit.decks[0].endswith(f"slides/{lesson.stem}.slides.html"):
            problems.append(f"{page.name}: class deck link {visit.decks}")
    assert not problems, "\n".join(problems)


def test_the_home_page_lists_every_lesson_with_colab_and_deck(book):
    home = (book / "index.html").read_text(encoding="utf-8")
    for lesson in series.series():
        assert f"lessons/{lesson.stem}.html" in home, f"the home page does not link {lesson.stem}"
        edition = "student/" if lesson in series.lessons() else ""
        assert f"notebooks/{edition}{lesson.name}" in home, f"the home page has no Colab link for {lesson.stem}"
        assert f"slides/{lesson.stem}.slides.html" in home, f"the home page has no deck for {lesson.stem}"


def test_make_book_without_executed_lessons_says_to_run_make_lessons(tmp_path):
    with pytest.raises(SystemExit, match="make lessons"):
        make_book.stage(tmp_path / "none", tmp_path / "slides", tmp_path / "src", tmp_path / "deps", tmp_path)


def test_every_image_of_the_book_has_a_text_alternative(book):
    problems = page_alt_problems(pages(book))
    assert not problems, "images without a text alternative:\n" + "\n".join(problems)


def test_every_page_of_the_book_passes_axe(visits):
    problems = [visit.axe for visit in visits.values() if visit.axe]
    assert not problems, "\n\n".join(problems)


def test_every_formula_of_the_lesson_pages_is_typeset(book, visits):
    """MathJax (offline, from the site) turns each formula into maths; none is left as raw TeX."""
    lesson_pages = [page for page in visits if page.parent == book / "lessons"]
    assert lesson_pages, "no lesson page"
    raw = {page.name: visits[page].raw_tex for page in lesson_pages if visits[page].raw_tex}
    assert not raw, f"formulas shown as raw TeX: {raw}"


def test_the_lesson_pages_spoil_no_exercise_and_show_no_speaker_note(book, executed_lessons):
    """A student reads the exercises as the student edition has them, and no instructor's note (some answer
    the lesson's "predict first" questions)."""
    import html

    from tools import make_student

    found = []
    for path in series.series(executed_lessons):
        page = book / "lessons" / f"{path.stem}.html"
        text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
        text = " ".join(text.split())
        cells = nbformat.read(path, as_version=4).cells
        public = "\n".join(c.source for c in cells if not make_student.is_solution(c))
        for cell in cells:
            secret = []
            if make_student.is_solution(cell):  # a solution's lines, but for those the lesson shows anyway
                secret = [line.strip() for line in make_student.solution_lines(cell)
                          if len(line.strip()) > 20 and line.strip() not in public]
            elif cell.metadata.get("slideshow", {}).get("slide_type") == "notes":
                secret = [" ".join(cell.source.split())[:80]]
            found += [f"{page.name}: {line!r}" for line in secret if " ".join(line.split()) in text]
    assert not found, "shown on a lesson page:\n" + "\n".join(found)
