"""The lesson series runs, and every exercise's check tells right answers from wrong ones.

The series itself is collected from this file (tests/lesson_run.py): each lesson's test edition
(tools/exercise_cases.py) executed once by nbval, one test per cell, e.g. ``notebooks/02_data.ipynb::cell 14``
and ``notebooks/02_data.ipynb::ex1-wrong[classes on the first axis]`` (``FCNLAB_TEST_LESSONS=02`` runs one).

The tests below check the harness on the demo lesson tests/fixtures/00_demo.ipynb, without a kernel: its test
edition's cells are run in a plain namespace, as the kernel would run them. The harness must pass a correct
lesson and report a stub that leaks a NameError, a cell that needs an answer, a check that passes a wrong
answer, a check that fails its solution, a wrong answer that does not run and a right answer that fails.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from types import SimpleNamespace

import nbformat
import numpy as np
import pytest
from lesson_run import selected

from tools import exercise_cases, make_student, series

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEMO = FIXTURES / "00_demo.ipynb"
DEMO_ANSWERS = FIXTURES / "wrong_answers" / "00_demo.py"


def _read(path):
    return nbformat.read(path, as_version=4)


def _cell(nb, grade_id):
    return next(c for c in nb.cells if make_student.grading(c).get("grade_id") == grade_id)


def run_edition(nb, answers, tmp_path) -> dict[str, str | None]:
    """Every code cell of ``nb``'s test edition in order, in one namespace: {test name: failure or None}."""
    edition = exercise_cases.test_edition(nb, answers, settings={}, cases_file=tmp_path / "cases.json")
    runner = exercise_cases.Runner.load(tmp_path / "cases.json", SimpleNamespace(user_ns={"np": np}))
    outcomes, index = {}, -1
    for cell in edition.cells[1:]:  # the settings cell is the kernel's
        if cell.cell_type != "code":
            continue
        if exercise_cases.is_added(cell):
            key = cell.metadata[exercise_cases.MARK]
            try:
                runner.run(key)
                outcomes[key] = None
            except AssertionError as err:
                outcomes[key] = str(err)
        else:
            index = next(i for i in range(index + 1, len(nb.cells)) if nb.cells[i].source == cell.source)
            error = runner.execute(cell.source)
            outcomes[f"cell {index}"] = None if error is None else f"{error[0]}: {error[1]}"
    return outcomes


def test_the_series_is_every_lesson_then_the_appendices_and_can_be_narrowed(monkeypatch):
    monkeypatch.delenv("FCNLAB_TEST_LESSONS", raising=False)
    assert selected() == series.series()
    monkeypatch.setenv("FCNLAB_TEST_LESSONS", "02, 05")
    assert [p.stem[:2] for p in selected()] == ["02", "05"]


def test_answers_files_are_read_and_a_broken_one_is_named(tmp_path):
    answers = exercise_cases.load_answers(DEMO_ANSWERS)
    assert not answers.problems and answers.wrong["ex1"]["one pool"] == "stride4 = 2"
    assert answers.right["ex2"], "alternatives that must pass"
    assert exercise_cases.load_answers(tmp_path / "99_none.py").problems[0].startswith("no wrong answers")
    (tmp_path / "bad.py").write_text("WRONG_ANSWERS = {'ex1': 'stride4 = 2'}\n")
    assert "must be a dict" in exercise_cases.load_answers(tmp_path / "bad.py").problems[0]
    (tmp_path / "typo.py").write_text("WRONG_ANSWERS = {\n")
    assert "does not import" in exercise_cases.load_answers(tmp_path / "typo.py").problems[0]


def test_the_test_edition_adds_cells_and_keeps_the_lessons(tmp_path):
    nb = _read(DEMO)
    answers = exercise_cases.load_answers(DEMO_ANSWERS)
    edition = exercise_cases.test_edition(nb, answers, settings={"FCNLAB_BUILD_DIR": "/b"},
                                          cases_file=tmp_path / "cases.json")
    kept = [c for c in edition.cells if not exercise_cases.is_added(c)]
    assert [c.source for c in kept] == [c.source for c in nb.cells], "the lesson's cells, unchanged, in order"
    added = [c.metadata[exercise_cases.MARK] for c in edition.cells if exercise_cases.is_added(c)]
    assert added[:3] == ["settings", "student edition", "ex1-wrong[one pool]"]
    assert "ex2-right[a loop]" in added
    assert "'FCNLAB_BUILD_DIR': '/b'" in edition.cells[0].source
    first_answer = next(i for i, c in enumerate(edition.cells) if make_student.grading(c).get("grade_id") == "ex1")
    assert edition.cells[first_answer - 1].metadata[exercise_cases.MARK].startswith("ex1-"), (
        "an exercise's cases run just before its answer cell")


def test_the_harness_passes_a_correct_lesson(tmp_path):
    outcomes = run_edition(_read(DEMO), exercise_cases.load_answers(DEMO_ANSWERS), tmp_path)
    assert {k: v for k, v in outcomes.items() if v} == {}
    assert "ex2-wrong[a count, not a fraction]" in outcomes and "ex2-right[a loop]" in outcomes


@pytest.fixture
def broken(tmp_path):
    """The demo lesson with one planted mistake per exercise, two more wrong answers and a failing right one."""
    nb = _read(DEMO)
    # exercise 1: the answer cell does not set stride4 = None first, so the unanswered check meets a NameError
    ex1 = _cell(nb, "ex1")
    ex1.source = ex1.source.replace("stride4 = None\n", "")
    # ... and a cell after it uses its answer
    at = nb.cells.index(_cell(nb, "ex1-check")) + 1
    nb.cells[at:at] = [nbformat.v4.new_markdown_cell("Twice the stride:"),
                       nbformat.v4.new_code_cell("print(stride4 * 2)")]
    # exercise 2: the check only asks for a perfect match, so a constant 1.0 passes it
    _cell(nb, "ex2-check").source = 'assert pixel_accuracy(mask, mask) == 1.0, "hint: agree with itself"'
    # exercise 3: the check expects the wrong thing, so the solution fails it
    check3 = _cell(nb, "ex3-check")
    check3.source = check3.source.replace("upsampled.shape == mask.shape", "upsampled.shape == pooled.shape")
    answers = copy.deepcopy(exercise_cases.load_answers(DEMO_ANSWERS))
    answers.wrong["ex3"]["a typo"] = "upsampled = np.repet(pooled, 2)"
    answers.wrong["ex3"]["a list"] = "upsampled = [[0, 0], [1, 1]]"
    answers.right["ex1"] = {"too big": "stride4 = 32"}
    return run_edition(nb, answers, tmp_path)


def test_the_harness_reports_a_stub_that_leaks_a_name_error(broken):
    assert re.search(r"Exercise 1: with the stub.*NameError.*to None", broken["student edition"]), broken


def test_the_harness_reports_a_cell_that_needs_an_answer(broken):
    assert re.search(r"student edition: cell \d+ raises NameError: .* with exercises 1-1 unanswered",
                     broken["student edition"]), broken["student edition"]


def test_the_harness_reports_a_check_that_passes_a_wrong_answer(broken):
    assert "passes this wrong answer" in broken["ex2-wrong[constant answer]"]
    assert "return 1.0" in broken["ex2-wrong[constant answer]"]
    assert broken["ex2-wrong[a count, not a fraction]"] is None, "16 != 1.0: still caught"


def test_the_harness_reports_a_check_that_fails_its_solution(broken):
    check = next(k for k, v in broken.items() if v and v.startswith("AssertionError: hint: upsample"))
    assert check.startswith("cell "), broken


def test_the_harness_reports_answers_that_do_not_test_the_check(broken):
    assert "does not run" in broken["ex3-wrong[a typo]"] and "AttributeError" in broken["ex3-wrong[a typo]"]
    assert "should fail with an AssertionError" in broken["ex3-wrong[a list]"]
    assert "with this right answer" in broken["ex1-right[too big]"]


def test_the_executed_copy_is_the_lesson_with_outputs(executed_lessons):
    for path in selected():
        executed = _read(executed_lessons / path.name)
        assert [c.source for c in executed.cells] == [c.source for c in _read(path).cells], path.name
        counts = [c.execution_count for c in executed.cells if c.cell_type == "code" and c.source.strip()]
        assert counts == list(range(1, len(counts) + 1)), f"{path.name}: numbered as one run"
