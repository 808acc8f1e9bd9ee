"""Shared fixtures. The lesson series runs in the session through tests/lesson_run.py (collected from
tests/test_lessons.py), before the tests that read what it made:

- ``executed_lessons``: the folder of the executed lessons (``NN_*.ipynb``, ``A1_*.ipynb``, with outputs);
- ``series_build``: the build folder the lessons wrote their models and results into;
- ``chrome``: a headless Chromium driven by Playwright (tools/browser.py);
- ``deps`` and ``class_decks``: the decks' npm assets, and the decks rendered from the executed series;
- ``build``: an empty build folder (``FCNLAB_BUILD_DIR``) for one test.

``--executed build/notebooks`` gives the first two from ``make lessons`` instead (``build/`` the build folder),
for a quick loop on the slide tests without running the series.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import shutil
from pathlib import Path

import pytest
from lesson_run import (  # noqa: F401  (pytest's hooks)
    executed_folder,
    pytest_collect_file,
    pytest_collection_finish,
    pytest_collection_modifyitems,
    pytest_configure_node,
    pytest_unconfigure,
    pytest_xdist_make_scheduler,
    session_folders,
)

from tools import browser, make_slides, series

ROOT = Path(__file__).resolve().parents[1]

# the demo lesson for the harness's own tests is a notebook, not a test for nbval to collect
collect_ignore_glob = ["fixtures/*"]


def pytest_addoption(parser):
    parser.addoption("--executed", metavar="DIR", help="a folder of executed lessons (e.g. build/notebooks "
                     "after make lessons) for the tests that read the executed series, instead of running it")


def pytest_configure(config):
    config.addinivalue_line("markers", "lessons: executes the lesson series or reads what it made (make unit "
                                       "leaves these out)")


@pytest.fixture(scope="session")
def executed_lessons(request) -> Path:
    """The folder of the executed lessons (``NN_*.ipynb``, ``A1_*.ipynb``), outputs included."""
    return executed_folder(request.config)


@pytest.fixture(scope="session")
def series_build(request, executed_lessons) -> Path:
    """The build folder of the executed series: its models and results (``fcnlab.storage``)."""
    if request.config.getoption("executed"):
        return Path(request.config.getoption("executed")).resolve().parent
    return session_folders(request.config)["build"]


@pytest.fixture(scope="session")
def deps() -> Path:
    """The decks' npm assets (reveal.js, MathJax, axe-core ...), installed once into build/slides-deps."""
    folder = ROOT / "build" / "slides-deps"
    stamp = folder / ".installed"
    if not (stamp.exists() and stamp.read_text().strip() == make_slides.lock_digest()) and not shutil.which("npm"):
        pytest.skip("npm not found: the decks' assets come from the npm registry once (apt-get install npm)")
    return make_slides.ensure_deps(folder)


@pytest.fixture(scope="session")
def class_decks(request, executed_lessons, deps) -> Path:
    """The class decks rendered from the executed series, once per session (slides, accessibility and book
    tests), by whichever xdist worker asks first; their instructor decks are in its ``instructor/`` folder."""
    out = session_folders(request.config)["top"] / "class_decks"
    out.mkdir(exist_ok=True)
    with open(out / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other worker waits here while the first renders
        if not (out / ".rendered").exists():
            with contextlib.redirect_stdout(io.StringIO()):
                make_slides.render_all([executed_lessons / p.name for p in series.series()], out, deps)
            (out / ".rendered").touch()
    return out


@pytest.fixture
def build(tmp_path, monkeypatch) -> Path:
    """An empty build folder (``FCNLAB_BUILD_DIR``) for what a test trains and saves."""
    monkeypatch.setenv("FCNLAB_BUILD_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture(scope="session")
def chrome():
    """A headless Chromium driven by Playwright (tools/browser.py); the test is skipped where there is none."""
    if browser.find_chromium() is None:
        pytest.skip("no Chromium: apt-get install chromium (Debian), or set CHROME_BIN")
    with browser.chromium() as chromium:
        yield chromium
