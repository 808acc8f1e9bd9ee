"""How long each lesson is: words of prose, lines of code, code lines wider than 88 characters, slides.

    python -m tools.lesson_stats            # a table for notebooks/NN_*.ipynb and A*_*.ipynb
    python -m tools.lesson_stats --json     # the same numbers as JSON

What counts (notebooks/README.md, "One class hour"): the prose is every markdown cell that is not a speaker
note (`slide_type` `notes`), the code every code cell but the setup cell (the data settings cell counts); both
stop at the `## Exercises` heading (the exercise section is counted on its own). Wide lines are counted in
every code cell, exercises included. `tests/test_lesson_budget.py` holds the numbered lessons to the budget.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import nbformat

from tools import series

ROOT = Path(__file__).resolve().parents[1]
MAX_WORDS, MAX_CODE_LINES, MAX_LINE = 2200, 200, 88
SETUP_CELL_START = "# Setup: the same cell in every lesson"  # the data settings cell is counted


@dataclass
class Stats:
    notebook: str
    words: int            # prose before the exercises, speaker notes excluded
    code_lines: int       # code before the exercises, the setup cell excluded
    wide_lines: int       # code lines longer than MAX_LINE, anywhere
    slides: int           # slide + subslide breaks (the title slide included)
    exercises: int        # "### Exercise" headings
    exercise_words: int
    exercise_code_lines: int
    notes_words: int


def slide_type(cell) -> str:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")


def is_exercise_heading(cell) -> bool:
    return cell.cell_type == "markdown" and bool(re.match(r"##\s+Exercises\b", cell.source))


def stats(path: Path) -> Stats:
    nb = nbformat.read(path, as_version=4)
    s = Stats(path.stem, 0, 0, 0, 0, 0, 0, 0, 0)
    in_exercises = False
    for cell in nb.cells:
        in_exercises = in_exercises or is_exercise_heading(cell)
        kind = slide_type(cell)
        if kind in ("slide", "subslide"):
            s.slides += 1
        if cell.cell_type == "markdown":
            words = len(cell.source.split())
            if kind == "notes":
                s.notes_words += words
            elif in_exercises:
                s.exercise_words += words
            else:
                s.words += words
            s.exercises += len(re.findall(r"^###\s+Exercise\b", cell.source, re.M))
        elif cell.cell_type == "code":
            lines = cell.source.splitlines()
            s.wide_lines += sum(len(line) > MAX_LINE for line in lines)
            if cell.source.startswith(SETUP_CELL_START):
                continue
            if in_exercises:
                s.exercise_code_lines += len(lines)
            else:
                s.code_lines += len(lines)
    return s


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    rows = [stats(p) for p in series.series()]
    if args.json:
        print(json.dumps([asdict(r) for r in rows], indent=2))
        return 0
    print(f"{'notebook':<26} {'words':>6} {'code':>5} {'wide':>5} {'slides':>6} {'exerc.':>6} "
          f"{'ex words':>8} {'ex code':>7} {'notes':>6}")
    for r in rows:
        flag = " (over budget)" if r.notebook[0].isdigit() and (
            r.words > MAX_WORDS or r.code_lines > MAX_CODE_LINES or r.wide_lines) else ""
        print(f"{r.notebook:<26} {r.words:>6} {r.code_lines:>5} {r.wide_lines:>5} {r.slides:>6} "
              f"{r.exercises:>6} {r.exercise_words:>8} {r.exercise_code_lines:>7} {r.notes_words:>6}{flag}")
    print(f"budget per numbered lesson: <= {MAX_WORDS} words, <= {MAX_CODE_LINES} code lines, "
          f"no line over {MAX_LINE} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
