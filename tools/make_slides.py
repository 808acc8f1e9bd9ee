"""Render the lessons as reveal.js slide decks that open in a browser with no internet, and measure them.

    python -m tools.make_slides --measure                  # what `make slides` runs
    python -m tools.make_slides --measure /tmp/me/03_fcn_architecture.ipynb   # one executed lesson

Without notebook arguments it writes two decks per notebook in ``notebooks/`` (lessons ``NN_*``, appendices
``A1_*``), from the executed copies in ``build/notebooks/`` (``make lessons``); a lesson with no executed copy
is rendered from its source notebook (no outputs) and a line says so:

- the **class deck** ``build/slides/NN_*.slides.html``, what is projected: each exercise is its question only;
  its answer cells (solution or stub, code or markdown) and its check cell, with the line that introduces it,
  are left out;
- the **instructor deck** ``build/slides/instructor/NN_*.slides.html``: each answer on a subslide of its own
  (one step down) after its question, under "Exercise N: a solution", without the ``BEGIN``/``END SOLUTION``
  lines; the check cells are left out here too. It uses the assets of ``build/slides/`` (``../reveal.js``).

Both come from the same notebook (:func:`prepare`; the exercise conventions are read by ``tools/make_student.py``);
the student edition is not affected. With ``--measure`` it also writes a **contact sheet** per class deck,
``build/slides/contact/NN_*.png``: every slide's screenshot as a thumbnail on one image, labelled with its
slide number and title (red: taller than the canvas), to review a deck at a glance. Every slide shows its
number (reveal's ``slideNumber`` ``h.v``: the horizontal slide, then the step down, counted from 1; the URL's
``#/h/v`` counts from 0), so that an instructor can say "back to slide 12.2".

Given executed notebooks (files, or folders of ``NN_*.ipynb`` / ``A1_*.ipynb``), it renders exactly those, into
the same folders (``--out``). The slide breaks come from each cell's ``metadata.slideshow.slide_type``;
nbconvert's ``SlidesExporter`` does the rendering.

Checking that a lesson's slides fit (for lesson authors)
--------------------------------------------------------
Execute the lesson with matplotlib's inline backend (``MPLBACKEND=Agg`` in the kernel's environment leaves the
figures out of the notebook, and a warning says so), then measure its deck (a few seconds; needs Chromium,
``apt-get install chromium``)::

    MPLBACKEND=module://matplotlib_inline.backend_inline FCNLAB_PROFILE=fast \
        jupyter nbconvert --to notebook --execute notebooks/03_fcn_architecture.ipynb --output-dir /tmp/me
    python -m tools.make_slides --measure /tmp/me/03_fcn_architecture.ipynb

It prints, for the class deck and then the instructor deck, the number of slides, the tallest and every slide taller than the 960×700 canvas, or with a code or
output line cut off at the right edge, as ``#/h/v`` (append it to the deck's URL to open that slide), its
height and its title. ``--strict`` exits with status 1 when one does not fit; ``--screenshots DIR`` also writes
a picture of every slide (``DIR/<deck>/<h>-<v>.png``, fragments shown), to review a deck at a glance.
``tests/test_slides.py`` runs the same measurement on every executed lesson. How a slide is measured:
``tools/measure_slides.py`` (Playwright driving the system's Chromium, offline: ``tools/browser.py``).

What fits. The type is set for a room (``tools/slides/reveal_fcnlab/index.html.j2``): prose 26 px on the canvas
(28.5 px on a 1280×800 projector, which shows the 960×700 canvas 1.097 times larger), code and printed output
20.5 px (22.5 px there); ``tests/test_slides.py`` fails a slide with smaller type. From the theme's line heights
(a slide is 700 px tall; inline figures are drawn at matplotlib's ``figure.dpi`` = 100, so 1 inch = 100 px):

- a prose line is 35 px: a heading and 3–5 one-line bullets, or two short paragraphs, are what a slide holds;
  the rest of an explanation goes to the notebook only (tag ``remove_cell``) and its gist to the speaker notes;
- a code line is 27 px and holds 74 characters; a longer line wraps (the lessons' limit is 88) and counts as
  two. A code block shows at most **12 lines** (tested); with 12 lines shown there is room for ~4 printed lines
  or a figure ~2.5 in tall under it — or hide the code (``remove_input``), or give the figure its own slide;
- a printed line holds 74 characters and must not wrap (tested): a result that needs more is a table or a chart;
- a heading, one sentence and a figure whose code is hidden: ``figsize`` up to about **(9, 4.5)** (the inline
  backend crops the figure to what is drawn, ``bbox_inches="tight"``). An image up to 895 px wide (≈ 9 in) is
  shown at full size; a wider one is shrunk to 895 px, its text with it. Text in a figure must be at least 18 px
  on the projector (tested): 12 pt in a figure up to 9 in wide, the size ``fcnlab.viz.STYLE`` sets.

Cells and tags on the slides:

- ``slide_type: notes`` cells are speaker notes (``<aside class="notes">``): hidden on the slide, not counted
  in its height, shown in the speaker view (press S). reveal's speaker view shows only the first notes block
  of a slide, so all markdown notes cells of a slide are merged into one;
- tag ``remove_input``: the slide shows the cell's output only (nbconvert's ``TagRemovePreprocessor``); the
  notebook keeps both — for plumbing code;
- tag ``remove_output``: the slide shows the cell's code without its output — for what the notebook prints
  for its reader and a room does not need (a progress bar, a log, a path, the settings in use);
- tag ``remove_cell``: the cell is not on the slides at all; a slide break on it moves to the next cell.

The decks do not scroll (``reveal_scroll`` off): a slide that does not fit is cut off at the bottom of the
screen. reveal.js is started by nbconvert's template with ``width: 960, height: 700`` and reveal's defaults
(``margin: 0.04``, ``center: true``). The style (``tools/slides/reveal_fcnlab/``, extending nbconvert's
reveal template) leaves out the In/Out prompts and sets the type above.

Nothing is fetched from a CDN when a deck opens. The JavaScript the reveal template loads comes from npm
packages, pinned in ``tools/slides/package.json`` / ``package-lock.json`` and installed with ``npm ci`` into
``build/slides-deps/`` (once; later runs reuse it and need no network), then copied next to the decks::

    build/slides/reveal.js/            reveal.js 4.0.2 (dist/, plugin/): the version nbconvert's template names
    build/slides/vendor/require.js     the template loads reveal.js through require.js
    build/slides/vendor/jquery.min.js
    build/slides/vendor/mathjax/       MathJax 2 (the template calls MathJax.Hub), CommonHTML output only
    build/slides/vendor/html-manager/  @jupyter-widgets/html-manager (`npm pack`, pinned below): draws the
                                       widget state saved in executed notebooks (lessons 2 and 5)

The theme is reveal's "white" (its font ships with reveal.js) and the template's mermaid import is replaced by
an inline stand-in (no lesson draws a mermaid diagram).

Copy the whole ``build/slides/`` folder to move the decks. Speaker notes: press S in a deck.
"""

from __future__ import annotations

import argparse
import base64
import copy
import fcntl
import functools
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from tools import make_student, series

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIR = ROOT / "tools" / "slides"  # package.json + package-lock.json (exact versions)

# The widget renderer is one bundled file, but its npm package depends on ~130 packages (~200 MB) that the
# bundle already contains, so it is fetched alone with `npm pack` and checked against this pin.
WIDGETS_PACKAGE = "@jupyter-widgets/html-manager@1.0.15"
WIDGETS_INTEGRITY = (
    "sha512-5thBIV6ymNgmPVOHvzx+gGy8ZSKmSazhtGw4/c4xJDVzRhG9PTeQsRjF3FUTopvFi//SABeNz1yp47bCrJ3CQA=="
)

# The reveal template also imports mermaid (an ES module) from a CDN. No lesson draws a mermaid diagram, and an
# ES module cannot be loaded from a file:// page, so a stand-in module with the same interface is inlined.
# (The template puts this URL in single quotes: no single quote in it.)
MERMAID_STUB = "data:text/javascript," + (
    'export default {initialize() {'
    ' if (document.querySelector(".jp-Mermaid")) console.warn("fcnlab slides: mermaid is not bundled");'
    ' }};'
)

REMOVE_INPUT = "remove_input"  # cell tag: the slide shows the output only
REMOVE_CELL = "remove_cell"  # cell tag: not on the slides at all
REMOVE_OUTPUT = "remove_output"  # cell tag: the slide shows the code, not what it prints (a log, a progress bar)
CLASS, INSTRUCTOR = "class", "instructor"  # the two decks of a lesson (prepare's ``edition``)
INSTRUCTOR_DIR = "instructor"  # OUT/instructor/NN_*.slides.html
CONTACT_DIR = "contact"  # OUT/contact/NN_*.png
SLIDE_NUMBER = "h.v"  # reveal's slideNumber: the horizontal slide, then the vertical step (12.2)

MATHJAX_CONFIG = "TeX-AMS_CHTML-full,Safe"  # nbconvert's default configuration
MATHJAX_PARTS = [  # the files that configuration loads (CommonHTML output, TeX input, web fonts)
    "MathJax.js", "LICENSE", "config/TeX-AMS_CHTML-full.js", "config/Safe.js", "extensions", "localization",
    "jax/element", "jax/input/TeX", "jax/output/CommonHTML", "fonts/HTML-CSS/TeX/woff", "fonts/HTML-CSS/TeX/otf",
]


def lock_digest() -> str:
    digest = hashlib.sha256()
    for name in ("package.json", "package-lock.json"):
        digest.update((PACKAGE_DIR / name).read_bytes())
    digest.update(f"{WIDGETS_PACKAGE} {WIDGETS_INTEGRITY}".encode())
    return digest.hexdigest()


def npm_binary() -> str:
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("make_slides: npm not found. The slides need reveal.js, MathJax, require.js and jQuery "
                         "from the npm registry once: install Node.js and npm (Debian: apt-get install npm).")
    return npm


def ensure_deps(deps: Path) -> Path:
    """Install the pinned npm packages into ``deps`` unless the same versions are already there."""
    deps.mkdir(parents=True, exist_ok=True)
    stamp = deps / ".installed"
    with open(deps / ".lock", "w") as lock_file:  # `make slides` and the tests may run at once
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        if stamp.exists() and stamp.read_text().strip() == lock_digest():
            return deps
        npm = npm_binary()
        print(f"installing the slide assets with npm into {deps} …", flush=True)
        stamp.unlink(missing_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy2(PACKAGE_DIR / name, deps / name)
        quiet = ["--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"]
        subprocess.run([npm, "ci", *quiet], cwd=deps, check=True)
        fetch_widgets_renderer(npm, deps, quiet)
        stamp.write_text(lock_digest() + "\n")
    return deps


def fetch_widgets_renderer(npm: str, deps: Path, quiet: list[str]) -> None:
    packed = subprocess.run([npm, "pack", WIDGETS_PACKAGE, "--json", *quiet], cwd=deps, check=True,
                            capture_output=True, text=True)
    info = json.loads(packed.stdout)[0]
    tarball = deps / info["filename"]
    want_algo, _, want_b64 = WIDGETS_INTEGRITY.partition("-")
    got = base64.b64encode(hashlib.new(want_algo, tarball.read_bytes()).digest()).decode()
    if got != want_b64:
        tarball.unlink()
        raise SystemExit(f"make_slides: {tarball.name} does not match the pinned integrity of {WIDGETS_PACKAGE}")
    target = deps / "html-manager"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir()
    with tarfile.open(tarball) as tar:
        for member in tar.getmembers():
            name = member.name.removeprefix("package/")
            if member.isfile() and (name == "LICENSE" or name == "dist/embed-amd.js"):
                (target / Path(name).name).write_bytes(tar.extractfile(member).read())
    tarball.unlink()


def copy_mathjax(modules: Path, target: Path) -> None:
    """The parts of the pinned MathJax 2 that the decks and the book load (:data:`MATHJAX_PARTS`) into ``target``."""
    for part in MATHJAX_PARTS:
        source, to = modules / "mathjax" / part, target / part
        if source.is_dir():
            shutil.copytree(source, to)
        else:
            to.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, to)


def copy_assets(deps: Path, out: Path) -> None:
    modules = deps / "node_modules"
    reveal, vendor = out / "reveal.js", out / "vendor"
    stamp = out / ".assets"  # the assets of these pinned versions are there already: nothing to copy
    if stamp.exists() and stamp.read_text().strip() == lock_digest() and reveal.is_dir() and vendor.is_dir():
        return
    stamp.unlink(missing_ok=True)
    for folder in (reveal, vendor):
        shutil.rmtree(folder, ignore_errors=True)
    for part in ("dist", "plugin"):
        shutil.copytree(modules / "reveal.js" / part, reveal / part)
    shutil.copy2(modules / "reveal.js" / "LICENSE", reveal / "LICENSE")
    vendor.mkdir(parents=True)
    shutil.copy2(modules / "requirejs" / "require.js", vendor / "require.js")
    shutil.copy2(modules / "jquery" / "dist" / "jquery.min.js", vendor / "jquery.min.js")
    shutil.copy2(modules / "jquery" / "LICENSE.txt", vendor / "jquery.LICENSE.txt")
    copy_mathjax(modules, vendor / "mathjax")
    shutil.copytree(deps / "html-manager", vendor / "html-manager")
    stamp.write_text(lock_digest() + "\n")


@functools.cache
def exporter(prefix: str = ""):
    """nbconvert's SlidesExporter for a deck whose assets are at ``prefix`` (``""``: next to it; ``"../"``)."""
    from nbconvert import SlidesExporter
    from traitlets.config import Config

    config = Config()
    # nbconvert's reveal template plus a style sheet (tools/slides/reveal_fcnlab/): type for a room, no prompts
    config.SlidesExporter.extra_template_basedirs = [str(PACKAGE_DIR)]
    config.SlidesExporter.template_name = "reveal_fcnlab"
    config.SlidesExporter.exclude_input_prompt = True
    config.SlidesExporter.exclude_output_prompt = True
    config.SlidesExporter.reveal_url_prefix = f"{prefix}reveal.js"  # relative: speaker notes need a local reveal.js
    config.SlidesExporter.reveal_theme = "white"  # its font ships with reveal.js ("simple" imports Google Fonts)
    config.SlidesExporter.reveal_scroll = False  # a room cannot read a scrolling slide: it must fit (--measure)
    config.SlidesExporter.reveal_number = SLIDE_NUMBER  # "go back to slide 12": a number on every slide
    config.SlidesExporter.require_js_url = f"{prefix}vendor/require.js"
    config.SlidesExporter.jquery_url = f"{prefix}vendor/jquery.min.js"
    config.SlidesExporter.mathjax_url = f"{prefix}vendor/mathjax/MathJax.js?config={MATHJAX_CONFIG}"
    config.SlidesExporter.widget_renderer_url = f"{prefix}vendor/html-manager/embed-amd.js"
    # plumbing code: the slide shows the cell's output only (the notebook keeps both)
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_input_tags = {REMOVE_INPUT}
    config.TagRemovePreprocessor.remove_all_outputs_tags = {REMOVE_OUTPUT}
    slides = SlidesExporter(config=config)
    slides.mermaid_js_url = MERMAID_STUB  # not a configurable trait in nbconvert 7
    return slides


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def lesson_sources(sources: Path) -> list[Path]:
    """The notebooks that get a deck: the lessons (NN_*.ipynb), then the appendices (A1_*.ipynb)."""
    return series.series(sources)


def slide_type(cell) -> str:
    return cell.metadata.get("slideshow", {}).get("slide_type", "-")


def exercise_roles(nb) -> tuple[set[int], set[int]]:
    """The cells of ``nb`` that hold an answer, and those that are the checking machinery.

    Answers: every cell with nbgrader ``solution: true`` or solution markers (``make_student.is_solution``,
    ``has_markers``). Machinery: each check cell (``make_student.is_check``) and the lines that introduce it
    (the cells between an exercise's last answer and its check, "Check your answer:"), as
    ``make_student.exercise_layout`` finds them.
    """
    answers = {i for i, cell in enumerate(nb.cells)
               if make_student.is_solution(cell) or make_student.has_markers(cell.source)}
    machinery = {i for i, cell in enumerate(nb.cells) if make_student.is_check(cell)}
    for ex in make_student.exercise_layout(nb).exercises:
        if ex.check is not None:
            last = max(ex.answers, default=ex.heading)
            machinery |= {i for i in range(last + 1, ex.check) if i not in answers}
    return answers, machinery


def without_markers(cell):
    """The instructor deck's answer: the solution without nbgrader's ``BEGIN``/``END SOLUTION`` lines."""
    cell.source = "\n".join(line for line in cell.source.split("\n")
                            if make_student.BEGIN not in line and make_student.END not in line)
    return cell


def solution_heading(cell, kind: str):
    """The title of an answer's slide in the instructor deck: a markdown cell that starts a slide (``kind``)."""
    import nbformat

    number = make_student.exercise_number(cell)
    title = f"#### Exercise {number}: a solution" if number is not None else "#### A solution"
    heading = nbformat.v4.new_markdown_cell(title, metadata={"slideshow": {"slide_type": kind}})
    if cell.get("id"):
        heading.id = f"{cell.id[:55]}-solution"  # the same id in every build
    return heading


def prepare(nb, edition: str = CLASS):
    """The notebook as the deck shows it (a copy; the notebook itself is not changed).

    - Cells tagged ``remove_cell`` are dropped. A slide or subslide break on a dropped cell moves to the next
      cell shown, so the cells after it do not join the previous slide.
    - The exercises (``edition``). Both decks drop the check cells and the lines that introduce them
      (machinery: :func:`exercise_roles`). The class deck (``CLASS``, what is projected) drops every answer
      cell too, code and markdown, solution and stub: it shows each exercise as its question. The instructor
      deck (``INSTRUCTOR``) shows each answer on a subslide of its own after the question, under a heading
      "Exercise N: a solution", without the ``BEGIN``/``END SOLUTION`` lines; the cell after an answer starts a
      subslide again.
    - Speaker notes: reveal's speaker view shows only the first ``<aside class="notes">`` of a slide, and
      nbconvert writes one per ``notes`` cell, so every markdown ``notes`` cell of a slide (or subslide) is
      merged into that slide's first one.
    """
    if edition not in (CLASS, INSTRUCTOR):
        raise ValueError(f"prepare: edition {edition!r}, expected {CLASS!r} or {INSTRUCTOR!r}")
    answers, machinery = exercise_roles(nb)
    dropped = machinery | (answers if edition == CLASS else set())
    nb = copy.deepcopy(nb)
    cells, carried = [], None
    for i, cell in enumerate(nb.cells):
        kind = slide_type(cell)
        if REMOVE_CELL in cell.metadata.get("tags", []) or i in dropped:
            if kind in ("slide", "subslide") and carried != "slide":
                carried = kind
            continue
        if i in answers and kind not in ("skip", "notes"):  # instructor deck: a subslide of its own
            cells.append(solution_heading(cell, "slide" if "slide" in (kind, carried) else "subslide"))
            cell.metadata.setdefault("slideshow", {})["slide_type"] = "-"
            cells.append(without_markers(cell))
            carried = "subslide"  # what follows the answer is not on its slide
            continue
        if carried and kind not in ("skip", "notes", "slide"):
            cell.metadata.setdefault("slideshow", {})["slide_type"] = carried
            carried = None
        elif kind == "slide":
            carried = None
        cells.append(cell)
    merged, first_notes = [], None
    for cell in cells:
        kind = slide_type(cell)
        if kind in ("slide", "subslide"):
            first_notes = None
        if kind == "notes" and cell.cell_type == "markdown":
            if first_notes is not None:
                first_notes.source = first_notes.source.rstrip() + "\n\n" + cell.source
                continue
            first_notes = cell
        merged.append(cell)
    nb.cells = merged
    return nb


#: a call that makes or shows a figure: ``plt.subplots(...)``, ``plt.show()``, ``viz.show(fig, ...)``, a lesson's
#: ``show_row(...)``
SHOWS = re.compile(r"\b(?:plt\.(?:show|subplots|figure)|viz\.show\w*|show_row)\(")


def shows_figures(nb) -> bool:
    """Whether a code cell of ``nb`` draws a figure."""
    return any(SHOWS.search(cell.source) for cell in nb.cells if cell.cell_type == "code")


def lacks_figures(nb) -> bool:
    """Executed, draws figures, and holds no image: run by a kernel whose matplotlib does not draw inline."""
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    executed = any(cell.get("execution_count") for cell in code)
    shows = shows_figures(nb)
    images = any(key.startswith("image/") for cell in code for out in cell.get("outputs", [])
                 for key in out.get("data", {}))
    return executed and shows and not images


def render(notebook: Path, out: Path, slides=None, edition: str = CLASS) -> Path:
    """Write ``out/<notebook stem>.slides.html`` from one notebook (executed or not): its class deck, or with
    ``edition=INSTRUCTOR`` its instructor deck (``slides``: an :func:`exporter` whose asset prefix fits ``out``)."""
    import nbformat

    slides = slides or exporter()
    nb = nbformat.read(notebook, as_version=4)
    if lacks_figures(nb) and edition == CLASS:
        print(f"warning: {shown(notebook)} calls plt.show() but holds no figure: it was executed with a "
              "matplotlib backend that does not draw inline (MPLBACKEND=Agg?), so its slides lack their figures "
              "and measure too short. Execute it again without MPLBACKEND=Agg.", file=sys.stderr, flush=True)
    nb = prepare(nb, edition)
    body, _ = slides.from_notebook_node(nb, resources={"metadata": {"name": notebook.stem,
                                                                    "path": str(notebook.parent)}})
    deck = out / f"{notebook.stem}{slides.file_extension}"
    deck.write_text(body, encoding="utf-8")
    return deck


def build(notebooks_dir: Path, sources_dir: Path, out: Path, deps: Path) -> list[Path]:
    """``make slides``: one deck per lesson and appendix in ``sources_dir``, from its executed copy if any."""
    lessons = lesson_sources(sources_dir)
    if not lessons:
        raise SystemExit(f"make_slides: no lesson notebooks (NN_*.ipynb) in {sources_dir}")
    pairs = []
    for source in lessons:
        executed = notebooks_dir / source.name
        if not executed.exists():
            print(f"{source.stem}: no executed copy in {notebooks_dir}, using the source notebook "
                  "(slides without outputs; `make lessons` first for the full decks)", flush=True)
        pairs.append(executed if executed.exists() else source)
    return render_all(pairs, out, deps)


def instructor_deck(deck: Path) -> Path:
    """Where the instructor deck of the class deck ``OUT/NN_x.slides.html`` is: ``OUT/instructor/NN_x.slides.html``."""
    return deck.parent / INSTRUCTOR_DIR / deck.name


def render_all(notebooks: list[Path], out: Path, deps: Path) -> list[Path]:
    """Both decks of every notebook: the class decks in ``out`` (returned) and the instructor decks in
    ``out/instructor/``, which use the assets of ``out`` (``../reveal.js``, ``../vendor``)."""
    copy_assets(ensure_deps(deps), out)
    (out / INSTRUCTOR_DIR).mkdir(parents=True, exist_ok=True)
    decks = []
    for path in notebooks:
        deck = render(path, out, exporter())
        instructor = render(path, out / INSTRUCTOR_DIR, exporter("../"), INSTRUCTOR)
        decks.append(deck)
        print(f"{shown(deck)}  ({deck.stat().st_size / 1e6:.1f} MB, from {shown(path)}; instructor deck: "
              f"{shown(instructor)})", flush=True)
    return decks


def given_notebooks(paths: list[Path]) -> list[Path]:
    """Notebooks named on the command line: files as they are, folders by their lessons and appendices."""
    notebooks = []
    for path in paths:
        if path.is_dir():
            found = lesson_sources(path)
            if not found:
                raise SystemExit(f"make_slides: no NN_*.ipynb or A1_*.ipynb notebooks in {path}")
            notebooks += found
        elif path.suffix == ".ipynb" and path.is_file():
            notebooks.append(path)
        else:
            raise SystemExit(f"make_slides: {path} is not a notebook or a folder of notebooks")
    return [p.resolve() for p in notebooks]


def measure(decks: list[Path], strict: bool, screenshots: Path | None = None,
            contact: Path | None = None) -> int:
    """Measure the class decks (and their instructor decks, if written) slide by slide and print the report;
    with ``contact``, write a contact sheet of every class deck there (``contact/<deck>.png``)."""
    import tempfile

    from tools import browser, measure_slides

    if browser.find_chromium() is None:
        print("--measure: no Chromium found, the slides were not measured (Debian: apt-get install chromium; "
              "or set CHROME_BIN)", file=sys.stderr)
        return 1 if strict else 0
    instructor = [instructor_deck(deck) for deck in decks if instructor_deck(deck).is_file()]
    with tempfile.TemporaryDirectory() as scratch, browser.chromium() as chrome:
        shots = screenshots or (Path(scratch) if contact else None)
        measured = [measure_slides.measure(chrome, deck, shots / deck.name.removesuffix(".slides.html")
                                           if shots else None) for deck in decks]
        for deck in measured if contact else []:
            measure_slides.contact_sheet(deck, shots / deck.name, contact / f"{deck.name}.png")
        measured_instructor = [measure_slides.measure(chrome, deck) for deck in instructor]
    print(measure_slides.report(measured))
    if measured_instructor:
        print(f"\ninstructor decks ({shown(instructor[0].parent)}):")
        print(measure_slides.report(measured_instructor))
    if screenshots:
        print(f"screenshots of every slide in {shown(screenshots)}/<deck>/<h>-<v>.png")
    if contact:
        print(f"contact sheets (every slide of a class deck on one image): {shown(contact)}/<deck>.png")
    return 1 if strict and any(deck.overflowing for deck in measured) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="render only these executed notebooks (files, or folders of NN_*/A1_* notebooks); "
                             "default: every lesson, from --notebooks-dir or else its source")
    parser.add_argument("--measure", action="store_true",
                        help="then measure every slide in headless Chromium and list the ones taller than "
                             "the 960×700 canvas")
    parser.add_argument("--strict", action="store_true", help="with --measure: exit 1 when a slide overflows")
    parser.add_argument("--screenshots", type=Path, metavar="DIR",
                        help="with --measure: also write a screenshot of every slide, DIR/<deck>/<h>-<v>.png")
    parser.add_argument("--notebooks-dir", type=Path, default=ROOT / "build" / "notebooks",
                        help="executed notebooks (default: build/notebooks, written by `make lessons`)")
    parser.add_argument("--sources-dir", type=Path, default=ROOT / "notebooks",
                        help="the lesson notebooks; their names decide the decks (default: notebooks)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "slides",
                        help="where the decks and their assets go (default: build/slides)")
    parser.add_argument("--deps-dir", type=Path, default=ROOT / "build" / "slides-deps",
                        help="npm install folder, reused between runs (default: build/slides-deps)")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    if args.notebooks:
        decks = render_all(given_notebooks(args.notebooks), out, args.deps_dir.resolve())
    else:
        decks = build(args.notebooks_dir.resolve(), args.sources_dir.resolve(), out, args.deps_dir.resolve())
    print(f"{len(decks)} class decks in {shown(out)} and their instructor decks in {shown(out / INSTRUCTOR_DIR)}: "
          "open one in a browser (press S for the speaker notes)")
    if args.measure:
        return measure(decks, args.strict, args.screenshots.resolve() if args.screenshots else None,
                       out / CONTACT_DIR)
    return 0


if __name__ == "__main__":
    sys.exit(main())
