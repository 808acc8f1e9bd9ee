"""Build the course as a static site (the "book") from the executed lessons: ``make book``.

    python -m tools.make_book                       # build/notebooks/ -> build/book/ (open build/book/index.html)
    python -m tools.make_book --notebooks-dir DIR --out DIR
    python -m tools.make_book --figure 05_visualization:30 docs/images/overlay_and_errors.png

The site is built by Sphinx with myst-nb (the notebooks are read as they are, never executed:
``nb_execution_mode = "off"``) and sphinx-book-theme; its sources are ``docs/`` (``docs/conf.py`` says why this
tool). What this script adds before Sphinx runs, in a staging folder (``build/book-src/``):

- the executed lessons and appendices (:mod:`tools.series`) from ``build/notebooks/`` (``make lessons`` writes
  them); on each lesson page the Colab badge of the instructor edition is replaced by links to the student
  edition in Colab, the lesson's class deck and its source, and the solutions of the exercises are folded away
  (``hide-input``), as is the plumbing code the decks hide (``remove_input``);
- the lesson table of the home page, from each lesson's title and first paragraph;
- the results of ``build/results.json`` (and ``build/bench.json`` if ``python -m tools.bench --out
  build/bench.json`` wrote it) for the performance page;
- the decks from ``build/slides/`` (``make slides``: the class decks, and the instructor decks in
  ``instructor/``), copied into the site as ``slides/`` (the contact sheets are left out);
- MathJax, require.js and the widget renderer from the slides' pinned npm packages (``build/slides-deps/``,
  installed once by ``npm ci``), so that the site loads nothing from the network;
- CHANGELOG.md, notebooks/README.md and data/README.md, which pages include.

The site opens from the folder (``build/book/index.html``) or through ``python -m http.server -d build/book``.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import nbformat

from tools import make_slides, make_student, series

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
BADGE_LINE = re.compile(r"colab\.research\.google\.com/github/")
COLAB = "https://colab.research.google.com/github/{owner_repo}/blob/{ref}/notebooks/student/{name}"
SOURCE = "{repository}/blob/{ref}/notebooks/{name}"
INCLUDED = {"CHANGELOG.md": "CHANGELOG.md", "notebooks/README.md": "conventions.md", "data/README.md": "data.md"}
WIDGETS_PATH_JS = """\
(function () {  // make_book: the widget renderer's fonts are in _static/vendor/html-manager/
  var here = new URL("html-manager", document.currentScript.src).href;
  window.__jupyter_widgets_assets_path__ = here + "/";
  // webpack takes its asset path from the folder of whichever module's URL: map them all to the fonts' folder
  require.config({paths: {"@jupyter-widgets": here, "@jupyter-widgets/html-manager/dist": here}});
})();
"""
LESSON_TIME = "one class hour"
APPENDIX_TIME = "optional, ~20 min"


def settings() -> dict:
    from tools import sync_notebooks

    config = sync_notebooks.settings()
    config["owner_repo"] = config["repository"].removeprefix("https://github.com/").rstrip("/")
    return config


def version() -> str:
    from tools.sync_notebooks import tomllib

    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["version"]


def title_and_summary(nb) -> tuple[str, str]:
    """The lesson's title (``# Lesson 1 — …``) and the first paragraph under it."""
    lines = nb.cells[0].source.strip().split("\n\n")
    title = lines[0].lstrip("# ").strip()
    summary = " ".join(lines[1].split()) if len(lines) > 1 else ""
    return title, summary


def colab_url(path: Path, config: dict) -> str:
    """Colab opens the student edition of a lesson; an appendix (no exercises) has only the one edition."""
    student = (ROOT / "notebooks" / "student" / path.name).exists()
    return COLAB.format(owner_repo=config["owner_repo"], ref=config["ref"], name=path.name).replace(
        "notebooks/student/", "notebooks/student/" if student else "notebooks/")


def deck_name(path: Path) -> str:
    return f"{path.stem}.slides.html"


def links_cell(path: Path, config: dict, *, deck: bool) -> str:
    colab = colab_url(path, config)
    student = "/student/" in colab
    source = SOURCE.format(repository=config["repository"], ref=config["ref"], name=path.name)
    what = "the student edition of this lesson" if student else "this notebook"
    parts = [f'<a class="colab-link" href="{colab}"><img src="../_static/colab-badge.svg" '
             f'alt="Open {what} in Google Colab"></a> ' + ("the student edition (exercises to answer)" if student else
                                               "to run it")]
    if deck:
        parts.append(f'<a class="deck-link" href="../slides/{deck_name(path)}">class deck</a> (press S for the '
                     "speaker notes)")
    parts.append(f'<a href="{source}">the notebook</a>' + (" (instructor edition, with the solutions)" if student
                                                          else ""))
    return ('<p class="lesson-links">' + " · ".join(parts) + "</p>\n\n"
            "This page shows the notebook as it ran on a CPU (the fast profile, the generated road scenes)"
            + ("; the solutions of the exercises are folded away: click to show them." if student else "."))


def prepare(path: Path, config: dict, *, deck: bool):
    """The executed notebook as the book shows it (the file itself is not changed)."""
    nb = nbformat.read(path, as_version=4)
    if len(nb.cells) > 1 and nb.cells[1].cell_type == "markdown" and BADGE_LINE.search(nb.cells[1].source):
        nb.cells[1].source = links_cell(path, config, deck=deck)
    else:
        nb.cells.insert(1, nbformat.v4.new_markdown_cell(links_cell(path, config, deck=deck)))
    nb.cells = for_readers(nb.cells)
    setup = next((c for c in nb.cells if c.cell_type == "code"), None)  # plumbing for a reader: folded
    for cell in nb.cells:
        tags = list(cell.metadata.get("tags", []))
        if cell.cell_type == "code" and ("remove_input" in tags or cell is setup):
            tags = [t for t in tags if t != "remove_input"] + ["hide-input"]
        if tags:
            cell.metadata["tags"] = tags
        alts = [out["metadata"]["image/png"]["alt"] for out in cell.get("outputs", [])
                if "image/png" in out.get("data", {}) and out.get("metadata", {}).get("image/png", {}).get("alt")]
        if alts:  # myst-nb writes a figure's alt from the cell's metadata, not from the output's
            cell.metadata.setdefault("mystnb", {})["image"] = {"alt": " ".join(dict.fromkeys(alts))}
    return nb


def for_readers(cells) -> list:
    """The cells a student reads: no speaker notes (they are the instructor's, and some answer the lesson's
    "predict first" questions), and the exercises as the student edition has them: each answer a stub, no
    output under an answer or a check (the checks print what the answers are)."""
    shown = []
    for cell in cells:
        if cell.metadata.get("slideshow", {}).get("slide_type") == "notes":
            continue
        if make_student.is_solution(cell):
            cell = make_student.stub_cell(cell)
        if cell.cell_type == "code" and (make_student.is_solution(cell) or make_student.is_check(cell)):
            cell.outputs, cell.execution_count = [], None
        shown.append(cell)
    return shown


def readme_summaries() -> dict[str, str]:
    """What each lesson teaches, in a line: the README's lesson table (its rows link the student editions)."""
    found = {}
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"\|.*notebooks/student/([\w.]+)\.ipynb\) \| (.+) \|$", line)
        if match:
            found[match.group(1)] = match.group(2).strip()
    return found


def lesson_table(notebooks: list[Path], config: dict, decks: set[str]) -> str:
    rows = ["| lesson | what it teaches | time | student edition | class deck |", "|---|---|---|---|---|"]
    summaries = readme_summaries()
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        title, summary = title_and_summary(nb)
        summary = summaries.get(path.stem, summary.split(". ")[0].rstrip(".") + ".")
        colab = colab_url(path, config)
        deck = (f'<a href="slides/{deck_name(path)}" aria-label="class deck of {title}">deck</a>'
                if deck_name(path) in decks else "`make slides`")
        when = APPENDIX_TIME if path.name[0] == "A" else LESSON_TIME
        rows.append(f"| [{title}](lessons/{path.stem}.ipynb) | {summary} | {when} | "
                    f'<a href="{colab}"><img src="_static/colab-badge.svg" alt="Open {title} in Google Colab"></a> | '
                    f"{deck} |")
    return "\n".join(rows) + "\n"


def instructor_decks(notebooks: list[Path], slides_dir: Path) -> str:
    """The instructors' page's links to the instructor decks (``slides/instructor/``, `make slides`)."""
    links = []
    for path in notebooks:
        name = f"{make_slides.INSTRUCTOR_DIR}/{deck_name(path)}"
        if (slides_dir / name).is_file():
            title, _ = title_and_summary(nbformat.read(path, as_version=4))
            links.append(f'- <a href="slides/{name}">{title}</a>')
    if not links:
        return "*No instructor decks: run `make slides`, then `make book`.*\n"
    return "Instructor decks (each solution one step down from its question):\n\n" + "\n".join(links) + "\n"


def _number(value, digits=3) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def results_page(results: Path, bench: Path) -> str:
    """The tables of the performance page, from ``build/results.json`` (and ``build/bench.json``)."""
    if not results.exists():
        return ("*No `build/results.json`: run `make lessons`, then `make book`.*\n")
    data = json.loads(results.read_text())
    out = [f"Profile `{data.get('profile')}`, data `{data.get('data')}`, classes `{data.get('classes')}` "
           f"(run `{data.get('run')}`).\n",
           "| model | pixel accuracy | mean IoU | boundary IoU | epochs (its own stage) | training seconds |",
           "|---|---|---|---|---|---|"]
    variants = data.get("variants", {})
    order = ["baseline", "fcn32s", "fcn16s", "fcn8s"]  # then the controls
    for name, v in sorted(variants.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else 9, kv[0])):
        out.append(f"| `{name}` | {_number(v.get('pixel_accuracy'))} | {_number(v.get('mean_iou'))} | "
                   f"{_number(v.get('boundary_iou'))} | {v.get('epochs', '')} | {v.get('train_seconds', '')} |")
    out += ["", "| notebook | seconds |", "|---|---|"]
    for name, seconds in data.get("notebook_seconds", {}).items():
        out.append(f"| `{name}` | {seconds} |")
    out.append(f"| **series** | **{data.get('total_seconds', '')}** |")
    if "peak_kernel_rss_mb" in data:
        out.append(f"\nPeak memory of a lesson's kernel: {data['peak_kernel_rss_mb']} MB.")
    if bench.exists():
        measured = json.loads(bench.read_text().strip().splitlines()[-1])
        out += ["", "From `build/bench.json`:", "", "```json", json.dumps(measured, indent=2, sort_keys=True)[:6000],
                "```"]
    else:
        out += ["", "*No `build/bench.json`: `python -m tools.bench --out build/bench.json` writes it.*"]
    return "\n".join(out) + "\n"


def copy_vendor(static: Path, deps: Path) -> None:
    """MathJax 2, require.js and the widget renderer, from the slides' npm packages, into ``_static/vendor``."""
    make_slides.ensure_deps(deps)
    modules, vendor = deps / "node_modules", static / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    shutil.copy2(modules / "requirejs" / "require.js", vendor / "require.js")
    make_slides.copy_mathjax(modules, vendor / "mathjax")
    shutil.copytree(widget_assets(deps), vendor / "html-manager")
    # the renderer loads its icon fonts from next to its require.js module, wherever the page is
    (vendor / "widgets-path.js").write_text(WIDGETS_PATH_JS)


def widget_assets(deps: Path) -> Path:
    """The widget renderer with its fonts (``dist/``), from the pinned npm package; fetched once into ``deps``."""
    target = deps / "html-manager-dist"
    if (target / ".complete").exists():
        return target
    npm = make_slides.npm_binary()
    quiet = ["--no-audit", "--no-fund", "--loglevel=error"]
    packed = subprocess.run([npm, "pack", make_slides.WIDGETS_PACKAGE, "--json", *quiet], cwd=deps, check=True,
                            capture_output=True, text=True)
    tarball = deps / json.loads(packed.stdout)[0]["filename"]
    algorithm, _, digest = make_slides.WIDGETS_INTEGRITY.partition("-")
    if base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode() != digest:
        tarball.unlink()
        raise SystemExit(f"make_book: {tarball.name} does not match the pinned integrity")
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir()
    with tarfile.open(tarball) as tar:
        for member in tar.getmembers():
            name = member.name.removeprefix("package/")
            if member.isfile() and (name == "LICENSE" or (name.startswith("dist/") and "/" not in name[5:]
                                                          and not name.endswith((".map", ".d.ts")) and name not in ("dist/embed.js", "dist/libembed-amd.js"))):
                (target / Path(name).name).write_bytes(tar.extractfile(member).read())
    tarball.unlink()
    (target / ".complete").write_text(make_slides.WIDGETS_PACKAGE + "\n")
    return target


def stage(notebooks_dir: Path, slides_dir: Path, staging: Path, deps: Path, build_dir: Path) -> dict:
    """Fill ``staging`` with everything Sphinx reads; returns what went in."""
    wanted = series.series()
    missing = [p.name for p in wanted if not (notebooks_dir / p.name).exists()]
    if missing:
        raise SystemExit(f"make_book: no executed {', '.join(missing)} in {notebooks_dir}. The book shows the "
                         "executed lessons: run `make lessons` first (about 5 minutes on a CPU), then `make book`.")
    config = settings()
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(DOCS, staging, ignore=shutil.ignore_patterns("_build", "__pycache__"))
    generated = staging / "_generated"
    generated.mkdir()
    for source, name in INCLUDED.items():
        shutil.copy2(ROOT / source, generated / name)
    decks = {p.name for p in slides_dir.glob("*.slides.html")} if slides_dir.is_dir() else set()
    extra = staging / "_extra"
    if decks:
        shutil.copytree(slides_dir, extra / "slides", ignore=shutil.ignore_patterns(".assets", make_slides.CONTACT_DIR))
    else:
        print(f"make_book: no class decks in {slides_dir}: the book links none. `make slides` builds them "
              "(npm once), then run `make book` again.", flush=True)
    lessons_dir = staging / "lessons"
    lessons_dir.mkdir()
    executed = [notebooks_dir / p.name for p in wanted]
    for path in executed:
        nbformat.write(prepare(path, config, deck=deck_name(path) in decks), lessons_dir / path.name)
    (generated / "config.json").write_text(json.dumps({**config, "version": version()}))
    (generated / "lesson_table.md").write_text(lesson_table(executed, config, decks))
    (generated / "lessons_toctree.md").write_text("```{toctree}\n:hidden:\n:caption: Lessons\n\n"
                                                  + "".join(f"lessons/{p.stem}\n" for p in executed) + "```\n")
    (generated / "results.md").write_text(results_page(build_dir / "results.json", build_dir / "bench.json"))
    (generated / "instructor_decks.md").write_text(instructor_decks(executed, slides_dir))
    copy_vendor(staging / "_static", deps)
    # the deck's script that names each widget slider after its label (a screen reader reads the name)
    shutil.copy2(make_slides.PACKAGE_DIR / "reveal_fcnlab" / "name-sliders.js", staging / "_static")
    return {"lessons": [p.stem for p in executed], "decks": sorted(decks)}


def build(notebooks_dir: Path, out: Path, *, slides_dir: Path, staging: Path, deps: Path,
          build_dir: Path) -> dict:
    """Stage and run Sphinx; returns what went in and the seconds it took."""
    start = time.perf_counter()
    info = stage(notebooks_dir, slides_dir, staging, deps, build_dir)
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going", "-E",
               "-d", str(staging.parent / (staging.name + "-doctrees")), str(staging), str(out)]
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": os.environ.get("TF_CPP_MIN_LOG_LEVEL", "3")}
    result = subprocess.run(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    # Sphinx's warnings, without TensorFlow's start-up lines (autodoc imports the package)
    noise = ("I0000 ", "WARNING: All log messages before absl", "To enable the following instructions")
    warnings = [line for line in result.stderr.splitlines() if not line.startswith(noise)]
    if warnings:
        print("\n".join(warnings), file=sys.stderr)
    if result.returncode:
        raise SystemExit(f"make_book: Sphinx failed (exit {result.returncode}); its warnings are above")
    info["seconds"] = round(time.perf_counter() - start, 1)
    return info


def save_figure(spec: str, target: Path, notebooks_dir: Path) -> Path:
    """``--figure 05_visualization:30 docs/images/x.png``: the first PNG output of the cell with id ``30`` of that
    executed lesson (a cell's id stays when cells are added before it; a number that is no cell's id is the
    cell's index)."""
    stem, _, index = spec.partition(":")
    nb = nbformat.read(notebooks_dir / f"{stem}.ipynb", as_version=4)
    cell = next((c for c in nb.cells if c.get("id") == index), None)
    if cell is None:
        if not index.isdigit() or int(index) >= len(nb.cells):
            raise SystemExit(f"make_book: {stem} has no cell with id or index {index!r}")
        cell = nb.cells[int(index)]
    for output in cell.get("outputs", []):
        png = output.get("data", {}).get("image/png")
        if png:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(png))
            return target
    raise SystemExit(f"make_book: cell {index} of {stem} has no PNG output")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebooks-dir", type=Path, default=ROOT / "build" / "notebooks",
                        help="the executed lessons (default: build/notebooks, written by `make lessons`)")
    parser.add_argument("--slides-dir", type=Path, default=ROOT / "build" / "slides",
                        help="the class decks (default: build/slides, written by `make slides`)")
    parser.add_argument("--results-dir", type=Path, default=ROOT / "build",
                        help="where results.json (and bench.json) are (default: build)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "book", help="the site (default: build/book)")
    parser.add_argument("--deps-dir", type=Path, default=ROOT / "build" / "slides-deps",
                        help="the slides' npm packages, reused (default: build/slides-deps)")
    parser.add_argument("--figure", nargs=2, metavar=("LESSON:CELL", "PNG"),
                        help="only write the figure of that cell of an executed lesson to PNG (the README's)")
    args = parser.parse_args(argv)
    if args.figure:
        print(save_figure(args.figure[0], Path(args.figure[1]), args.notebooks_dir.resolve()))
        return 0
    out = args.out.resolve()
    info = build(args.notebooks_dir.resolve(), out, slides_dir=args.slides_dir.resolve(),
                 staging=out.parent / "book-src", deps=args.deps_dir.resolve(), build_dir=args.results_dir.resolve())
    print(f"book: {len(info['lessons'])} lessons, {len(info['decks'])} decks, {info['seconds']} s -> "
          f"{out / 'index.html'} (or: python -m http.server -d {out})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
