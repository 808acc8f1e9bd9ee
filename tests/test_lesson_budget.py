"""One class hour per lesson (issue 11): every numbered lesson stays within the budget of
``tools/lesson_stats.py`` — at most 2,200 words of prose and 200 lines of code before its exercises (speaker
notes and the setup cell not counted; the data settings cell counts) and no code line wider than 88 characters.
The appendices (``A1_*``) are optional reading and not held to the hour."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from tools import lesson_stats, series

ROOT = Path(__file__).resolve().parents[1]
NUMBERED = series.lessons()


@pytest.mark.parametrize("path", NUMBERED, ids=[p.stem for p in NUMBERED])
def test_the_lesson_fits_a_class_hour(path):
    s = lesson_stats.stats(path)
    assert s.words <= lesson_stats.MAX_WORDS, f"{path.name}: {s.words} words of prose; cut to the budget"
    assert s.code_lines <= lesson_stats.MAX_CODE_LINES, f"{path.name}: {s.code_lines} lines of code"
    assert s.wide_lines == 0, f"{path.name}: {s.wide_lines} code lines wider than {lesson_stats.MAX_LINE}"


def _notebook(tmp_path, cells) -> Path:
    nb = nbformat.v4.new_notebook(cells=cells)
    path = tmp_path / "99_x.ipynb"
    nbformat.write(nb, path)
    return path


def test_the_counter_counts_what_the_budget_is_about(tmp_path):
    """Prose and code before the exercises count (the data settings cell too); speaker notes, the setup cell and
    exercises do not."""
    notes = nbformat.v4.new_markdown_cell("four words of notes")
    notes.metadata["slideshow"] = {"slide_type": "notes"}
    slide = nbformat.v4.new_markdown_cell("# Title\n\ntwo more")
    slide.metadata["slideshow"] = {"slide_type": "slide"}
    path = _notebook(tmp_path, [
        slide, notes,
        nbformat.v4.new_code_cell("# Setup: the same cell in every lesson\nimport os\nimport sys"),
        nbformat.v4.new_code_cell("# Data settings: the student's\nDATA = 'synthetic'"),
        nbformat.v4.new_code_cell("x = 1\ny = 2\n" + "z = " + "1 + " * 30 + "1"),
        nbformat.v4.new_markdown_cell("## Exercises\n\n### Exercise 1 — think"),
        nbformat.v4.new_code_cell("answer = None"),
    ])
    s = lesson_stats.stats(path)
    assert (s.words, s.notes_words, s.code_lines, s.exercise_code_lines) == (4, 4, 5, 1)
    assert (s.wide_lines, s.slides, s.exercises) == (1, 1, 1)
