"""The slide decks (`make slides`, tools/make_slides.py) open in a browser with no internet.

Each lesson's deck is built from its source notebook into a temporary folder and opened in headless Chromium
with every network request sent to a closed port: reveal.js must start (no uncaught JavaScript error, the
``reveal`` element marked ``ready``), the first slide must show the lesson's title, and the screenshot must not
be blank. Needs Chromium (Debian: ``apt-get install chromium``; or set CHROME_BIN) and npm the first time (the
assets come from the npm registry into build/slides-deps/); without them the tests are skipped.
"""

from __future__ import annotations

import contextlib
import html
import importlib.util
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "notebooks"
LESSONS = sorted(SOURCES.glob("[0-9][0-9]_*.ipynb"))
CHROME_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# an external resource the page would load (links in the text, <a href>, are fine)
EXTERNAL = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//"
    r"|\bimport\b[^;\n]*?\bfrom\s*[\"'](?:https?:)?//"
    r"|@import\s+(?:url\()?\s*[\"']?(?:https?:)?//",
    re.IGNORECASE,
)


def _load_make_slides():
    spec = importlib.util.spec_from_file_location("make_slides", ROOT / "tools" / "make_slides.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _chrome() -> str | None:
    if os.environ.get("CHROME_BIN"):
        return shutil.which(os.environ["CHROME_BIN"])
    return next((path for name in CHROME_NAMES if (path := shutil.which(name))), None)


@pytest.fixture(scope="module")
def chrome():
    path = _chrome()
    if path is None:
        pytest.skip("no Chromium found: install Debian's chromium to run the slide tests (apt-get install chromium)")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """All decks, from the source notebooks (no executed copies: every lesson takes the fallback)."""
    make_slides = _load_make_slides()
    deps = ROOT / "build" / "slides-deps"
    installed = (deps / ".installed").exists() and (deps / ".installed").read_text().strip() == (
        make_slides.lock_digest())
    if not installed and shutil.which("npm") is None:
        pytest.skip("npm not found: the slides take reveal.js, MathJax, require.js and jQuery from the npm "
                    "registry once (Debian: apt-get install npm)")
    out = tmp_path_factory.mktemp("slides")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = make_slides.main(["--notebooks-dir", str(out / "no-executed-notebooks"), "--out", str(out)])
    assert code == 0
    return out, printed.getvalue()


def _run_chrome(chrome: str, profile: Path, url: str, *mode: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--window-size=1280,720", "--virtual-time-budget=5000",
             "--enable-logging=stderr", "--v=0",
             # offline: anything that is not a local file goes to a closed port and fails at once
             "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>"]
    return subprocess.run([chrome, *flags, *mode, url], capture_output=True, text=True, timeout=90)


def _title(path: Path) -> str:
    first = nbformat.read(path, as_version=4).cells[0].source
    return first.splitlines()[0].lstrip("#").strip()


def test_every_lesson_gets_a_deck_and_the_fallback_is_reported(built):
    out, printed = built
    assert sorted(p.name for p in out.glob("*.slides.html")) == [f"{p.stem}.slides.html" for p in LESSONS]
    for lesson in LESSONS:
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


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_deck_opens_on_the_title_slide_offline(built, chrome, lesson, tmp_path):
    from PIL import Image

    out, _ = built
    url = (out / f"{lesson.stem}.slides.html").as_uri()
    shot = tmp_path / "first-slide.png"
    dom = _run_chrome(chrome, tmp_path / "profile", url, "--dump-dom")
    render = _run_chrome(chrome, tmp_path / "profile", url, f"--screenshot={shot}")
    for run in (dom, render):
        errors = [line for line in run.stderr.splitlines() if "Uncaught" in line]
        assert not errors, f"{lesson.stem}: JavaScript errors:\n" + "\n".join(errors)

    # reveal.js started (it marks its element "ready") and the slide on show is the title slide
    assert re.search(r'class="reveal [^"]*\bready\b', dom.stdout), f"{lesson.stem}: reveal.js did not start"
    present = re.search(r'<section [^>]*class="[^"]*\bpresent\b', dom.stdout)
    assert present, f"{lesson.stem}: no slide on show"
    assert _title(lesson) in html.unescape(dom.stdout[present.start():present.start() + 5000])
    if "$" in "".join(c.source for c in nbformat.read(lesson, as_version=4).cells if c.cell_type == "markdown"):
        assert "MathJax_CHTML" in dom.stdout, f"{lesson.stem}: MathJax typeset nothing"

    assert shot.is_file(), f"{lesson.stem}: no screenshot; chromium said:\n{render.stderr[-2000:]}"
    pixels = np.asarray(Image.open(shot).convert("L"), dtype=float)
    assert pixels.shape == (720, 1280)
    assert pixels.std() > 10, f"{lesson.stem}: the first slide is blank"
    assert (pixels < 128).mean() > 0.01, f"{lesson.stem}: the first slide shows (almost) no text"
