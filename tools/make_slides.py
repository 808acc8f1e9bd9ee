"""Render the lessons as reveal.js slide decks that open in a browser with no internet.

    python tools/make_slides.py            # what `make slides` runs

writes ``build/slides/NN_*.slides.html``, one deck per lesson, from the executed notebooks in
``build/notebooks/`` (``make lessons``); a lesson with no executed copy is rendered from its source notebook in
``notebooks/`` (no outputs) and a line says so. The slide breaks come from each cell's
``metadata.slideshow.slide_type``; nbconvert's ``SlidesExporter`` does the rendering.

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
import fcntl
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

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


def copy_assets(deps: Path, out: Path) -> None:
    modules = deps / "node_modules"
    reveal, vendor = out / "reveal.js", out / "vendor"
    for folder in (reveal, vendor):
        shutil.rmtree(folder, ignore_errors=True)
    for part in ("dist", "plugin"):
        shutil.copytree(modules / "reveal.js" / part, reveal / part)
    shutil.copy2(modules / "reveal.js" / "LICENSE", reveal / "LICENSE")
    vendor.mkdir(parents=True)
    shutil.copy2(modules / "requirejs" / "require.js", vendor / "require.js")
    shutil.copy2(modules / "jquery" / "dist" / "jquery.min.js", vendor / "jquery.min.js")
    shutil.copy2(modules / "jquery" / "LICENSE.txt", vendor / "jquery.LICENSE.txt")
    for part in MATHJAX_PARTS:
        source, target = modules / "mathjax" / part, vendor / "mathjax" / part
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    shutil.copytree(deps / "html-manager", vendor / "html-manager")


def exporter():
    from nbconvert import SlidesExporter
    from traitlets.config import Config

    config = Config()
    config.SlidesExporter.reveal_url_prefix = "reveal.js"  # relative: speaker notes need a local reveal.js
    config.SlidesExporter.reveal_theme = "white"  # its font ships with reveal.js ("simple" imports Google Fonts)
    config.SlidesExporter.reveal_scroll = True  # a slide with a long code cell scrolls instead of spilling over
    config.SlidesExporter.require_js_url = "vendor/require.js"
    config.SlidesExporter.jquery_url = "vendor/jquery.min.js"
    config.SlidesExporter.mathjax_url = f"vendor/mathjax/MathJax.js?config={MATHJAX_CONFIG}"
    config.SlidesExporter.widget_renderer_url = "vendor/html-manager/embed-amd.js"
    slides = SlidesExporter(config=config)
    slides.mermaid_js_url = MERMAID_STUB  # not a configurable trait in nbconvert 7
    return slides


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def lesson_sources(sources: Path) -> list[Path]:
    return sorted(sources.glob("[0-9][0-9]_*.ipynb"))


def build(notebooks_dir: Path, sources_dir: Path, out: Path, deps: Path) -> list[Path]:
    lessons = lesson_sources(sources_dir)
    if not lessons:
        raise SystemExit(f"make_slides: no lesson notebooks (NN_*.ipynb) in {sources_dir}")
    copy_assets(ensure_deps(deps), out)
    slides = exporter()
    decks = []
    for source in lessons:
        executed = notebooks_dir / source.name
        if executed.exists():
            path = executed
        else:
            path = source
            print(f"{source.stem}: no executed copy in {notebooks_dir}, using the source notebook "
                  "(slides without outputs; `make lessons` first for the full decks)", flush=True)
        body, _ = slides.from_filename(str(path))
        deck = out / f"{source.stem}{slides.file_extension}"
        deck.write_text(body, encoding="utf-8")
        decks.append(deck)
        print(f"{shown(deck)}  ({deck.stat().st_size / 1e6:.1f} MB, from {shown(path)})", flush=True)
    return decks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
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
    decks = build(args.notebooks_dir.resolve(), args.sources_dir.resolve(), out, args.deps_dir.resolve())
    print(f"{len(decks)} decks in {shown(out)}: open one in a browser (press S for the speaker notes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
