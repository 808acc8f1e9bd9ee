"""Exercises students solve: every check fails on the stub and on wrong answers, and passes on the solution.

notebooks/README.md ("Exercises") sets the conventions; tools/make_student.py reads them; the harness that
executes the lessons is in tests/conftest.py. Three groups of tests:

- the conventions, read from the notebooks (fast, every lesson): at least three exercises, nbgrader metadata
  that nbgrader accepts, unique grade_ids, no solution before ``## Exercises``, at least one wrong answer per
  exercise in ``tests/wrong_answers/<lesson>.py``;
- the lessons executed (marked ``lessons``; ``FCNLAB_TEST_LESSONS=01,03`` picks lessons): the lesson runs, and
  for every exercise ``<lesson>-exN-stub`` (the student edition fails saying "not answered yet"),
  ``<lesson>-exN-wrong[<name>]`` (the check fails on that wrong answer) and ``<lesson>-exN-solution`` (it passes);
- the harness itself, on the demo lesson tests/fixtures/00_demo.ipynb (a few seconds): it passes a correct
  lesson, and reports a check that passes a wrong answer, a stub that leaks a NameError, a check that fails on
  its solution, a cell that needs an answer, a wrong answer that does not run and a lesson that crashes.
"""

from __future__ import annotations

import copy
import re
from collections import Counter

import nbformat
import pytest
from conftest import (
    FIXTURES,
    WRONG_ANSWERS_DIR,
    cases,
    kernel_env,
    lessons,
    load_wrong_answers,
    run_lesson,
)

from tools import make_student, series

LESSONS = series.lessons()
APPENDICES = series.appendices()
DEMO = FIXTURES / "00_demo.ipynb"
DEMO_WRONG = FIXTURES / "wrong_answers" / "00_demo.py"


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
    wrong, wrong_problems = load_wrong_answers(wrong_dir / f"{path.stem}.py")
    code_answers = {make_student.grading(nb.cells[i]).get("grade_id"): ex.number
                    for ex in layout.exercises for i in ex.code_answers(nb)}
    problems += wrong_problems
    for gid in wrong:
        if gid not in code_answers:
            problems.append(f"{wrong_dir.name}/{path.stem}.py: {gid!r} is not the grade_id of a code answer cell")
    covered = Counter(code_answers[gid] for gid, named in wrong.items() if gid in code_answers and named)
    for ex in layout.exercises:
        if not covered[ex.number] and not wrong_problems:
            problems.append(f"Exercise {ex.number} has no wrong answer in {wrong_dir.name}/{path.stem}.py")
    return problems


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_lesson_has_at_least_three_exercises(path):
    layout = make_student.exercise_layout(_read(path))
    assert layout.start is not None, f"{path.name}: no '## Exercises' heading"
    assert len(layout.exercises) >= 3, f"{path.name}: {len(layout.exercises)} exercises, expected at least 3"


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


# --- the lessons, executed (the session fixture exercise_runs) --------------------------------------------------

def test_lesson_runs(executed_lesson, exercise_runs):
    run = exercise_runs.lessons[executed_lesson]
    assert not run.problems, f"{executed_lesson} ({run.notebook}):\n- " + "\n- ".join(run.problems)


def test_exercise(exercise_case, exercise_runs, record_property):
    stem, case = exercise_case
    outcome = exercise_runs.lessons[stem].outcomes[case.key]
    record_property("outcome", outcome.message)
    assert outcome.ok, f"{stem} {case.key}: {outcome.message}"


# --- the harness itself, on the demo lesson ----------------------------------------------------------------------

def test_the_demo_lesson_follows_the_conventions():
    assert exercise_problems(DEMO, FIXTURES / "wrong_answers") == []
    layout = make_student.exercise_layout(_read(DEMO))
    kinds = [[_read(DEMO).cells[i].cell_type for i in ex.answers] for ex in layout.exercises]
    assert kinds == [["code"], ["code"], ["markdown", "code"]], "a value, a function, a prediction + code"


def test_cases_are_named_for_the_test_ids():
    wrong, problems = load_wrong_answers(DEMO_WRONG)
    assert not problems
    keys = [case.key for case in cases(_read(DEMO), wrong)]
    assert keys[:4] == ["ex1-stub", "ex1-wrong[one pool]", "ex1-wrong[added, not multiplied]", "ex1-solution"]
    assert "ex2-wrong[constant answer]" in keys and keys[-1] == "ex3-solution"


def test_load_wrong_answers_reports_a_broken_file(tmp_path):
    assert load_wrong_answers(tmp_path / "99_none.py")[1][0].startswith("no wrong answers")
    (tmp_path / "bad.py").write_text("WRONG_ANSWERS = {'ex1': 'stride4 = 2'}\n")
    assert "must be a dict" in load_wrong_answers(tmp_path / "bad.py")[1][0]
    (tmp_path / "typo.py").write_text("WRONG_ANSWERS = {\n")
    assert "does not import" in load_wrong_answers(tmp_path / "typo.py")[1][0]


def test_lessons_can_be_picked_with_an_env_var(monkeypatch):
    monkeypatch.setenv("FCNLAB_TEST_LESSONS", "02, 05")
    assert [p.stem[:2] for p in lessons()] == [p.stem[:2] for p in LESSONS if p.stem[:2] in ("02", "05")]
    monkeypatch.delenv("FCNLAB_TEST_LESSONS")
    assert lessons() == LESSONS + APPENDICES


@pytest.fixture(scope="module")
def demo_env(tmp_path_factory):
    return kernel_env(tmp_path_factory.mktemp("demo-build"))


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory, demo_env):
    wrong, _ = load_wrong_answers(DEMO_WRONG)
    return run_lesson(DEMO, wrong, tmp_path_factory.mktemp("demo"), env=demo_env)


def test_harness_passes_a_correct_lesson(demo_run):
    assert demo_run.problems == []
    failed = {key: o.message for key, o in demo_run.outcomes.items() if not o.ok}
    assert not failed
    wrong, _ = load_wrong_answers(DEMO_WRONG)
    assert len(demo_run.outcomes) == 3 * 2 + sum(len(named) for named in wrong.values())
    # the messages the student would read
    assert "Exercise 1 is not answered yet" in demo_run.outcomes["ex1-stub"].message
    assert "NotImplementedError: Exercise 2 is not answered yet" in demo_run.outcomes["ex2-stub"].message
    assert demo_run.outcomes["ex2-wrong[a count, not a fraction]"].message == (
        "check: hint: a map agrees with itself everywhere")


def test_the_executed_notebook_is_an_ordinary_run_of_the_instructor_edition(demo_run, demo_env):
    from nbclient import NotebookClient

    ours = _read(demo_run.notebook)
    plain = _read(DEMO)
    NotebookClient(plain, kernel_name="python3", resources={"metadata": {"path": str(DEMO.parent)}}).execute(
        env=demo_env)
    assert [c.source for c in ours.cells] == [c.source for c in _read(DEMO).cells], "sources unchanged"
    for mine, theirs in zip(ours.cells, plain.cells, strict=True):
        if mine.cell_type == "code":
            assert mine.execution_count == theirs.execution_count
            assert mine.outputs == theirs.outputs, mine.source


def _cell(nb, grade_id):
    return next(c for c in nb.cells if make_student.grading(c).get("grade_id") == grade_id)


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory, demo_env):
    """The demo lesson with one planted mistake per exercise, and two more wrong answers."""
    nb = _read(DEMO)
    # exercise 1: the answer cell does not set stride4 = None first, so the unanswered check meets a NameError
    ex1 = _cell(nb, "ex1")
    ex1.source = ex1.source.replace("stride4 = None\n", "")
    # ... and a cell after it uses its answer
    at = nb.cells.index(_cell(nb, "ex1-check")) + 1
    nb.cells[at:at] = [nbformat.v4.new_markdown_cell("Twice the stride:"), nbformat.v4.new_code_cell(
        "print(stride4 * 2)")]
    # exercise 2: the check only asks for a perfect match, so a constant 1.0 passes it
    _cell(nb, "ex2-check").source = 'assert pixel_accuracy(mask, mask) == 1.0, "hint: agree with itself"'
    # exercise 3: the check expects the wrong thing, so the solution fails it
    check3 = _cell(nb, "ex3-check")
    check3.source = check3.source.replace("upsampled.shape == mask.shape", "upsampled.shape == pooled.shape")
    wrong, _ = load_wrong_answers(DEMO_WRONG)
    wrong = copy.deepcopy(wrong)
    wrong["ex3"]["a typo"] = "upsampled = np.repet(pooled, 2)"
    wrong["ex3"]["a list"] = "upsampled = [[0, 0], [1, 1]]"
    return run_lesson(DEMO, wrong, tmp_path_factory.mktemp("broken"), env=demo_env, nb=nb)


def test_harness_reports_a_stub_that_leaks_a_name_error(broken_run):
    outcome = broken_run.outcomes["ex1-stub"]
    assert not outcome.ok and "NameError" in outcome.message and "to None" in outcome.message


def test_harness_reports_a_cell_that_needs_an_answer(broken_run):
    assert any(re.search(r"student edition: cell \d+ raises NameError: .* with exercises 1-1 unanswered", p)
               for p in broken_run.problems), broken_run.problems


def test_harness_reports_a_check_that_passes_a_wrong_answer(broken_run):
    outcome = broken_run.outcomes["ex2-wrong[constant answer]"]
    assert not outcome.ok and "passes this wrong answer" in outcome.message and "return 1.0" in outcome.message
    assert broken_run.outcomes["ex2-wrong[a count, not a fraction]"].ok, "16 != 1.0: still caught"
    assert broken_run.outcomes["ex2-solution"].ok


def test_harness_reports_a_check_that_fails_its_solution(broken_run):
    outcome = broken_run.outcomes["ex3-solution"]
    assert not outcome.ok and "the check raises AssertionError" in outcome.message


def test_harness_reports_wrong_answers_that_do_not_test_the_check(broken_run):
    typo = broken_run.outcomes["ex3-wrong[a typo]"]
    assert not typo.ok and "does not run" in typo.message and "AttributeError" in typo.message
    crash = broken_run.outcomes["ex3-wrong[a list]"]
    assert not crash.ok and "AttributeError" in crash.message and "should fail with an AssertionError" in (
        crash.message)


def test_harness_reports_a_lesson_that_crashes_before_the_exercises(tmp_path, demo_env):
    nb = _read(DEMO)
    nb.cells[5].source += "\n1 / 0"
    wrong, _ = load_wrong_answers(DEMO_WRONG)
    run = run_lesson(DEMO, wrong, tmp_path, env=demo_env, nb=nb)
    assert run.problems and run.problems[0].startswith("cell 5 raises ZeroDivisionError")
    assert run.outcomes and all(not o.ok and "not checked: cell 5" in o.message for o in run.outcomes.values())
    assert run.notebook.exists(), "the partly executed notebook is kept to read the error in context"


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
