"""The one list of the course's notebooks: the numbered lessons in order, then the optional appendices.

    python -m tools.series            # prints their paths, one per line (the Makefile reads it)

Every tool and test that needs "the lessons" asks here, so a lesson is added or renamed in one place: its file
name (``notebooks/NN_snake_case.ipynb`` for a lesson, ``notebooks/A1_snake_case.ipynb`` for an appendix).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
LESSON_GLOB = "[0-9][0-9]_*.ipynb"
APPENDIX_GLOB = "A[0-9]_*.ipynb"


def lessons(folder: Path = NOTEBOOKS) -> list[Path]:
    """The numbered lessons of ``folder`` (``NN_*.ipynb``), in order."""
    return sorted(Path(folder).glob(LESSON_GLOB))


def appendices(folder: Path = NOTEBOOKS) -> list[Path]:
    """The appendices of ``folder`` (``A1_*.ipynb``, ...), in order."""
    return sorted(Path(folder).glob(APPENDIX_GLOB))


def series(folder: Path = NOTEBOOKS) -> list[Path]:
    """Lessons, then appendices: the order the series runs in."""
    return lessons(folder) + appendices(folder)


if __name__ == "__main__":
    root = Path.cwd()
    print("\n".join(str(p.relative_to(root) if p.is_relative_to(root) else p) for p in series()))
    sys.exit(0)
