"""Write the shared cells into every lesson from one template each.

    python -m tools.sync_notebooks           # rewrite the notebooks that are out of sync
    python -m tools.sync_notebooks --check   # exit 1 and name them instead (a test runs this)

- cell 1, the Colab badge, and cell 2, the setup cell: every lesson;
- the data settings cell (first line ``# Data settings``): the lessons of :data:`SETTINGS_LESSONS`, where the
  student picks the data once per notebook. Where it is missing, it is inserted after the learning objectives
  (and their speaker notes).

The repository URL and the git ref (a release tag, ``vX.Y.Z``) are named once, in ``pyproject.toml`` under
``[tool.fcnlab]``; the setup cell checks that the installed ``fcnlab.__version__`` is ``[project] version``
(the release step: docs/maintainers.md). Running the tool twice changes nothing the second time (idempotent); cell metadata and all
other cells are left alone.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from tools import series

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

BADGE = ("[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
         "(https://colab.research.google.com/github/{owner_repo}/blob/{ref}/notebooks/{filename})")

SETUP = '''\
# Setup: the same cell in every lesson (written by tools/sync_notebooks.py).
# In Google Colab it installs the fcnlab helper package, the release this notebook was
# written for, from the course repository; everywhere it checks that release is the one
# installed (on your machine `make setup` installs it).
import importlib
import subprocess
import sys

import keras

FCNLAB_VERSION = "{version}"  # the fcnlab release this notebook was written for
if "google.colab" in sys.modules:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "fcnlab @ git+{repository}@{ref}"], check=True)
fcnlab = importlib.import_module("fcnlab")  # imported after it is installed
if fcnlab.__version__ != FCNLAB_VERSION:
    raise RuntimeError(
        f"This notebook was written for fcnlab {{FCNLAB_VERSION}}, but fcnlab "
        f"{{fcnlab.__version__}} is installed. In Colab: Runtime > Restart session, then "
        "run this cell again. On your machine: run `make setup` in the repository.")
major = int(keras.__version__.split(".")[0])
assert major >= 3, f"fcnlab needs Keras 3 (TF >= 2.16), not {{keras.__version__}}"
print(f"fcnlab {{fcnlab.__version__}}, Keras {{keras.__version__}}")'''

#: The lessons that load data for themselves (the others use the synthetic scenes to teach a concept).
SETTINGS_LESSONS = ("02_data", "04_training", "05_visualization")
SETTINGS_FIRST_LINE = "# Data settings"
SETTINGS = '''\
# Data settings: the same cell in lessons 2, 4, 5 (written by tools/sync_notebooks.py).
# DATA: "synthetic" (generated road scenes, offline), "oxford_pets" (photos through
# tensorflow-datasets, ~800 MB) or a folder of the lecture's seg_*.npy files, e.g.
# "/content/drive/MyDrive/DL_Colab/DL_data". CLASSES: "binary" or "full" (all classes).
import os
import sys

DATA = os.environ.get("FCNLAB_DATA", "synthetic")  # to change it: DATA = "oxford_pets"
CLASSES = os.environ.get("FCNLAB_CLASSES", "binary")
USE_DRIVE = "google.colab" in sys.modules  # False: no Drive, all stays in the runtime
if USE_DRIVE:
    from google.colab import drive

    drive.mount("/content/drive")
print(f"data: {DATA!r}, classes: {CLASSES!r}")'''


def settings() -> dict:
    """``repository`` and ``ref`` from ``[tool.fcnlab]`` in pyproject.toml, and the package's ``version``."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        pyproject = tomllib.load(f)
    values = pyproject.get("tool", {}).get("fcnlab")
    if values is None:
        raise SystemExit("pyproject.toml: no [tool.fcnlab] section with repository and ref")
    missing = {"repository", "ref"} - set(values)
    if missing:
        raise SystemExit(f"pyproject.toml [tool.fcnlab]: missing {', '.join(sorted(missing))}")
    return {**{key: str(values[key]) for key in ("repository", "ref")}, "version": pyproject["project"]["version"]}


def expected_cells(path: Path, config: dict) -> tuple[str, str]:
    owner_repo = config["repository"].removeprefix("https://github.com/").rstrip("/")
    badge = BADGE.format(owner_repo=owner_repo, ref=config["ref"], filename=path.name)
    return badge, SETUP.format(**config)


def _settings_index(nb) -> int | None:
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and cell.source.startswith(SETTINGS_FIRST_LINE):
            return i
    return None


def _after_objectives(nb) -> int:
    """Where a missing settings cell goes: after the learning objectives and their speaker notes."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and cell.source.startswith("## Learning objectives"):
            j = i + 1
            while j < len(nb.cells) and nb.cells[j].metadata.get("slideshow", {}).get("slide_type") == "notes":
                j += 1
            return j
    raise SystemExit("no '## Learning objectives' cell to put the data settings cell after")


def sync(path: Path, config: dict, *, write: bool) -> bool:
    """Whether ``path`` was out of sync (and, with ``write``, is now fixed)."""
    nb = nbformat.read(path, as_version=4)
    badge, setup = expected_cells(path, config)
    if len(nb.cells) < 3 or nb.cells[1].cell_type != "markdown" or nb.cells[2].cell_type != "code":
        raise SystemExit(f"{path.name}: expected cell 1 = badge (markdown) and cell 2 = setup (code)")
    stale = nb.cells[1].source != badge or nb.cells[2].source != setup
    nb.cells[1].source, nb.cells[2].source = badge, setup
    for cell in nb.cells[1:3]:
        cell.metadata["slideshow"] = {"slide_type": "skip"}
    where = _settings_index(nb)
    if path.stem in SETTINGS_LESSONS:
        if where is None:
            stale = True
            cell = nbformat.v4.new_code_cell(SETTINGS)
            nb.cells.insert(_after_objectives(nb), cell)
            # the student reads it in the notebook; on a slide it is plumbing
            cell.metadata.update({"slideshow": {"slide_type": "-"}, "tags": ["remove_input"]})
        elif nb.cells[where].source != SETTINGS:
            stale = True
            nb.cells[where].source = SETTINGS
    elif where is not None:
        raise SystemExit(f"{path.name}: has a data settings cell but is not one of {', '.join(SETTINGS_LESSONS)}")
    if stale and write:
        nbformat.write(nb, path)
    return stale


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report notebooks that are out of sync")
    args = parser.parse_args(argv)
    config = settings()
    stale = [p.name for p in series.series(NOTEBOOKS) if sync(p, config, write=not args.check)]
    if args.check and stale:
        print(f"out of sync with tools/sync_notebooks.py: {', '.join(stale)} "
              "(run: python -m tools.sync_notebooks)", file=sys.stderr)
        return 1
    print(f"{'checked' if args.check else 'synced'}: {len(stale)} notebook(s) {'stale' if args.check else 'rewritten'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
