"""The exercises follow the conventions of notebooks/README.md ("Exercises"), read from the notebooks.

At least three exercises per lesson, nbgrader metadata that nbgrader accepts, unique grade_ids, no solution
before ``## Exercises``, at least one wrong answer per exercise in ``tests/wrong_answers/<lesson>.py``. That
every check fails on the stub and on the wrong answers and passes on the right ones and the solution is tested
where the lessons run (tests/test_lessons.py, tools/exercise_cases.py).
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from pathlib import Path

import nbformat
import pytest

from tools import exercise_cases, make_student, series

LESSONS = series.lessons()
APPENDICES = series.appendices()
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEMO = FIXTURES / "00_demo.ipynb"
WRONG_ANSWERS_DIR = exercise_cases.ANSWERS_DIR


def _read(path):
    return nbformat.read(path, as_version=4)


def _with_exercises(paths):
    return [p for p in paths if any(make_student.is_solution(c) for c in _read(p).cells)]


# --- the conventions, read from the notebooks ------------------------------------------------------------------

def exercise_problems(path, wrong_dir) -> list[str]:
    """Everything about the exercises of ``path`` that breaks the conventions, one sentence each."""
    nb = _read(path)
    layout = make_student.exercise_layout(nb)
    problems = layout.problems + make_student.nbgrader_problems(nb)
    answers = exercise_cases.load_answers(wrong_dir / f"{path.stem}.py")
    wrong, wrong_problems = answers.wrong, answers.problems
    code_answers = {make_student.grading(nb.cells[i]).get("grade_id"): ex.number
                    for ex in layout.exercises for i in ex.code_answers(nb)}
    problems += wrong_problems
    for gid in [*wrong, *answers.right]:
        if gid not in code_answers:
            problems.append(f"{wrong_dir.name}/{path.stem}.py: {gid!r} is not the grade_id of a code answer cell")
    covered = Counter(code_answers[gid] for gid, named in wrong.items() if gid in code_answers and named)
    for ex in layout.exercises:
        if not covered[ex.number] and not wrong_problems:
            problems.append(f"Exercise {ex.number} has no wrong answer in {wrong_dir.name}/{path.stem}.py")
    return problems


@pytest.mark.parametrize("path", LESSONS + APPENDICES, ids=[p.stem for p in LESSONS + APPENDICES])
def test_no_solution_before_the_exercises(path):
    nb = _read(path)
    start = make_student.exercises_start(nb)
    early = [i for i, c in enumerate(nb.cells[:start]) if make_student.has_markers(c.source)
             or make_student.is_solution(c) or make_student.grading(c).get("grade")]
    assert not early, f"{path.name}: cells {early} hold a solution or a graded cell before '## Exercises'"


@pytest.mark.parametrize("path", LESSONS + APPENDICES, ids=[p.stem for p in LESSONS + APPENDICES])
def test_grade_ids_are_unique(path):
    ids = Counter(make_student.grading(c).get("grade_id") for c in _read(path).cells
                  if make_student.grading(c).get("grade_id"))
    twice = sorted(gid for gid, n in ids.items() if n > 1)
    assert not twice, f"{path.name}: grade_ids used more than once: {twice}"


@pytest.mark.parametrize("path", LESSONS + _with_exercises(APPENDICES),
                         ids=[p.stem for p in LESSONS + _with_exercises(APPENDICES)])
def test_exercises_follow_the_conventions_and_have_wrong_answers(path):
    problems = exercise_problems(path, WRONG_ANSWERS_DIR)
    assert not problems, f"{path.name}:\n- " + "\n- ".join(problems)


def test_every_wrong_answers_file_belongs_to_a_lesson():
    stems = {p.stem for p in LESSONS + APPENDICES}
    orphans = [p.name for p in sorted(WRONG_ANSWERS_DIR.glob("*.py")) if p.stem != "__init__" and p.stem not in stems]
    assert not orphans, f"tests/wrong_answers/ has files for no lesson: {orphans}"




SIZE = re.compile(r"\((\d+) min, (in class|homework)\)$")


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_exercise_says_its_minutes_and_whether_it_is_for_class(path):
    nb = _read(path)
    for ex in make_student.exercise_layout(nb).exercises:
        heading = nb.cells[ex.heading].source.splitlines()[0]
        assert SIZE.search(heading), f"{path.name}: '{heading}' should end with '(N min, in class)' or '(N min, homework)'"


def test_the_demo_lesson_follows_the_conventions():
    assert exercise_problems(DEMO, FIXTURES / "wrong_answers") == []
    layout = make_student.exercise_layout(_read(DEMO))
    kinds = [[_read(DEMO).cells[i].cell_type for i in ex.answers] for ex in layout.exercises]
    assert kinds == [["code"], ["code"], ["markdown", "code"]], "a value, a function, a prediction + code"


def _cell(nb, grade_id):
    return next(c for c in nb.cells if make_student.grading(c).get("grade_id") == grade_id)


def test_layout_reports_what_breaks_the_conventions():
    nb = _read(DEMO)
    early = copy.deepcopy(_cell(nb, "ex1"))
    early.metadata["nbgrader"]["grade_id"] = "ex0"
    nb.cells.insert(5, early)  # a solution in the lesson body
    _cell(nb, "ex2-check").metadata["nbgrader"]["grade_id"] = "ex2-test"
    nb.cells.remove(_cell(nb, "ex3-check"))
    problems = make_student.exercise_layout(nb).problems
    assert any("cell 5: a solution" in p and "before '## Exercises'" in p for p in problems), problems
    assert any("the check's grade_id is 'ex2-test'" in p for p in problems), problems
    assert any("Exercise 3" in p and "no check cell" in p for p in problems), problems
