"""Write the Colab badge (cell 1) and the setup cell (cell 2) into every lesson from one template.

    python tools/sync_notebooks.py           # rewrite the notebooks that are out of sync
    python tools/sync_notebooks.py --check   # exit 1 and name them instead (a test runs this)

The repository URL and the git ref are named once, in ``pyproject.toml`` under ``[tool.fcnlab]``. Running the
tool twice changes nothing the second time (idempotent); cell metadata and all other cells are left alone.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

BADGE = ("[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
         "(https://colab.research.google.com/github/{owner_repo}/blob/{ref}/notebooks/{filename})")

SETUP = '''\
# Setup (the same cell in every lesson, written by tools/sync_notebooks.py). In Google Colab it installs the
# fcnlab helper package from the course repository and checks the TensorFlow / Keras versions; anywhere else
# (your machine, CI) it does nothing: `make lessons` installed fcnlab already.
import subprocess
import sys

if "google.colab" in sys.modules:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "fcnlab @ git+{repository}@{ref}"], check=True)
    import keras
    import tensorflow as tf

    assert int(keras.__version__.split(".")[0]) >= 3, (
        f"fcnlab needs Keras 3 (TensorFlow >= 2.16); this runtime has Keras {{keras.__version__}}")
    print(f"fcnlab installed; TensorFlow {{tf.__version__}}, Keras {{keras.__version__}}")'''


def settings() -> dict:
    """``repository`` and ``ref`` from ``[tool.fcnlab]`` in pyproject.toml."""
    text = (ROOT / "pyproject.toml").read_text()
    section = re.search(r"^\[tool\.fcnlab\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    if section is None:
        raise SystemExit("pyproject.toml: no [tool.fcnlab] section with repository and ref")
    values = dict(re.findall(r'^(\w+)\s*=\s*"([^"]*)"', section.group(1), re.M))
    missing = {"repository", "ref"} - set(values)
    if missing:
        raise SystemExit(f"pyproject.toml [tool.fcnlab]: missing {', '.join(sorted(missing))}")
    return values


def expected_cells(path: Path, config: dict) -> tuple[str, str]:
    owner_repo = config["repository"].removeprefix("https://github.com/").rstrip("/")
    badge = BADGE.format(owner_repo=owner_repo, ref=config["ref"], filename=path.name)
    return badge, SETUP.format(**config)


def sync(path: Path, config: dict, *, write: bool) -> bool:
    """Whether ``path`` was out of sync (and, with ``write``, is now fixed)."""
    nb = nbformat.read(path, as_version=4)
    badge, setup = expected_cells(path, config)
    if len(nb.cells) < 3 or nb.cells[1].cell_type != "markdown" or nb.cells[2].cell_type != "code":
        raise SystemExit(f"{path.name}: expected cell 1 = badge (markdown) and cell 2 = setup (code)")
    stale = nb.cells[1].source != badge or nb.cells[2].source != setup
    if stale and write:
        nb.cells[1].source, nb.cells[2].source = badge, setup
        for cell in nb.cells[1:3]:
            cell.metadata["slideshow"] = {"slide_type": "skip"}
        nbformat.write(nb, path)
    return stale


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report notebooks that are out of sync")
    args = parser.parse_args(argv)
    config = settings()
    stale = [p.name for p in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")) if sync(p, config, write=not args.check)]
    if args.check and stale:
        print(f"out of sync with tools/sync_notebooks.py: {', '.join(stale)} "
              "(run: python tools/sync_notebooks.py)", file=sys.stderr)
        return 1
    print(f"{'checked' if args.check else 'synced'}: {len(stale)} notebook(s) {'stale' if args.check else 'rewritten'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
