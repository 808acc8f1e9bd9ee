"""The student edition (notebooks/student/, written by tools/make_student.py) is in sync and holds no solution.

It is committed (Colab opens notebooks from the repository), so a test fails when a lesson changed and
``make student`` was not run. The stub itself is tested here on the demo lesson tests/fixtures/00_demo.ipynb,
against nbgrader's ClearSolutions too (nbgrader is in requirements.txt; tests/test_nbgrader.py runs its
autograder).
"""

from __future__ import annotations

import copy
import shutil

import nbformat
import pytest

from tools import make_student, series, sync_notebooks

ROOT = series.ROOT
NOTEBOOKS = series.NOTEBOOKS
FIXTURES = ROOT / "tests" / "fixtures"

STUDENT = NOTEBOOKS / make_student.STUDENT_DIR
SOURCES = make_student.sources(NOTEBOOKS)
DEMO = FIXTURES / "00_demo.ipynb"
CONFIG = sync_notebooks.settings()


def _read(path):
    return nbformat.read(path, as_version=4)


# --- the committed student edition ------------------------------------------------------------------------------

def test_student_edition_is_up_to_date(capsys):
    code = make_student.main(["--check"])  # what `python -m tools.make_student --check` does
    assert code == 0, capsys.readouterr().err


def test_every_lesson_has_a_student_edition():
    assert [p.name for p in SOURCES] == sorted(p.name for p in STUDENT.glob("*.ipynb"))


@pytest.fixture(params=SOURCES, ids=[p.stem for p in SOURCES])
def editions(request):
    path = request.param
    student = STUDENT / path.name
    if not student.exists():
        pytest.fail(f"{student.relative_to(ROOT)} is missing (run: make student)")
    return path, _read(path), _read(student)


def test_student_edition_holds_no_solution_line(editions):
    path, instructor, student = editions
    markers = [i for i, c in enumerate(student.cells) if make_student.has_markers(c.source)]
    assert not markers, f"student/{path.name}: cells {markers} still hold a solution marker"
    taught = [cell for cell in instructor.cells if not make_student.is_notes(cell)]
    for i, (theirs, mine) in enumerate(zip(taught, student.cells, strict=True)):
        kept = set(make_student.replace_solution_region(theirs.source, "")[0].split("\n"))
        leaked = [line for line in make_student.solution_lines(theirs)
                  if line in mine.source.split("\n") and line not in kept]
        assert not leaked, f"student/{path.name}, cell {i}: solution lines {leaked}"


def test_student_edition_is_the_lesson_with_stubs(editions):
    """The lesson's cells but its speaker notes (the instructor's), in order, each answer a stub."""
    path, instructor, student = editions
    taught = [cell for cell in instructor.cells if not make_student.is_notes(cell)]
    assert len(taught) < len(instructor.cells) or path.name.startswith("A"), f"{path.name}: no speaker notes?"
    assert not any(make_student.is_notes(cell) for cell in student.cells), f"student/{path.name}: speaker notes"
    assert len(student.cells) == len(taught)
    for i, (theirs, mine) in enumerate(zip(taught, student.cells, strict=True)):
        assert mine.metadata.get("slideshow") == theirs.metadata.get("slideshow"), f"cell {i}: slide metadata"
        if i == 1 or make_student.is_solution(theirs):
            continue
        assert mine.source == theirs.source, f"student/{path.name}, cell {i} differs from the lesson's"
    dirty = [i for i, c in enumerate(student.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not dirty, f"student/{path.name}: cells {dirty} have outputs"


def test_student_badge_opens_the_student_edition_and_names_the_solutions(editions):
    path, _, student = editions
    badge = student.cells[1].source
    owner_repo = CONFIG["repository"].removeprefix("https://github.com/")
    assert (f"colab.research.google.com/github/{owner_repo}/blob/{CONFIG['ref']}/notebooks/student/{path.name})"
            in badge)
    assert "instructor edition" in badge
    assert f"{CONFIG['repository']}/blob/{CONFIG['ref']}/notebooks/{path.name})" in badge


# --- the tool, on the demo lesson --------------------------------------------------------------------------------

def _cell(nb, grade_id):
    return next(c for c in nb.cells if make_student.grading(c).get("grade_id") == grade_id)


@pytest.fixture(scope="module")
def demo():
    return _read(DEMO)


@pytest.fixture(scope="module")
def demo_student(demo):
    return make_student.student_notebook(demo, DEMO.name, CONFIG)


def test_code_stub_keeps_the_lines_around_the_solution(demo, demo_student):
    assert _cell(demo_student, "ex1").source == (
        "stride4 = None\n# YOUR CODE HERE\n"
        'raise NotImplementedError("Exercise 1 is not answered yet: replace this line")')
    # lines after the region stay; the stub replaces the region only
    assert _cell(demo_student, "ex3").source.endswith('replace this line")\nprint(upsampled)')


def test_code_stub_inside_a_function_keeps_its_indentation(demo_student):
    source = _cell(demo_student, "ex2").source
    assert source.split("\n")[-2:] == [
        "    # YOUR CODE HERE",
        '    raise NotImplementedError("Exercise 2 is not answered yet: replace this line")']
    namespace = {}
    exec(source, namespace)  # noqa: S102  (the stub is valid Python and says what to do)
    with pytest.raises(NotImplementedError, match="Exercise 2 is not answered yet"):
        namespace["pixel_accuracy"](1, 1)


def test_markdown_answer_becomes_your_answer_here(demo_student):
    assert _cell(demo_student, "ex3-prediction").source == "**My prediction:**\n\nYOUR ANSWER HERE"


def test_solution_cell_without_markers_is_replaced_whole():
    cell = nbformat.v4.new_code_cell("answer = 42")
    cell.metadata["nbgrader"] = {"grade": False, "grade_id": "ex7", "locked": False, "schema_version": 3,
                                 "solution": True, "task": False}
    assert make_student.stub_cell(cell).source == make_student.code_stub(7)
    assert cell.source == "answer = 42", "the lesson's cell is left alone"


@pytest.mark.parametrize("source, error", [
    ("### BEGIN SOLUTION\n### BEGIN SOLUTION\nx = 1\n### END SOLUTION", "nested"),
    ("x = None\n### BEGIN SOLUTION\nx = 1", "without an END"),
    ("x = 1\n### END SOLUTION", "without a BEGIN"),
], ids=["nested", "unterminated", "stray end"])
def test_broken_markers_are_refused(source, error):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = {"solution": True, "grade_id": "ex1"}
    with pytest.raises(make_student.MarkerError, match=error):
        make_student.stub_cell(cell)


def test_a_solution_outside_a_solution_cell_is_refused(demo):
    nb = copy.deepcopy(demo)
    del _cell(nb, "ex1").metadata["nbgrader"]
    with pytest.raises(make_student.MarkerError, match="cell 9: a solution region in a cell that is not"):
        make_student.student_notebook(nb, DEMO.name, CONFIG)


def test_check_names_stale_files_and_writing_fixes_them(tmp_path, capsys):
    sources, out = tmp_path / "notebooks", tmp_path / "notebooks" / "student"
    sources.mkdir()
    shutil.copy(DEMO, sources / DEMO.name)
    args = ["--sources", str(sources)]
    assert make_student.main([*args, "--check"]) == 1
    assert "00_demo.ipynb (missing)" in capsys.readouterr().err
    assert make_student.main(args) == 0 and (out / DEMO.name).exists()
    written = (out / DEMO.name).read_bytes()
    assert make_student.main([*args, "--check"]) == 0, "in sync after writing"
    assert make_student.main(args) == 0 and (out / DEMO.name).read_bytes() == written, "idempotent"

    nb = _read(sources / DEMO.name)  # an author changes a solution and forgets make student
    _cell(nb, "ex1").source = _cell(nb, "ex1").source.replace("stride4 = None", "stride4 = None  # the stride")
    nbformat.write(nb, sources / DEMO.name)
    (out / "07_gone.ipynb").write_text("{}")  # a lesson that was renamed
    capsys.readouterr()
    assert make_student.main([*args, "--check"]) == 1
    err = capsys.readouterr().err
    assert "00_demo.ipynb (differs from its lesson)" in err and "07_gone.ipynb (no such lesson)" in err
    assert make_student.main(args) == 0 and make_student.main([*args, "--check"]) == 0
    assert not (out / "07_gone.ipynb").exists()


def test_appendices_get_a_student_edition_only_with_exercises(tmp_path, demo):
    nb = copy.deepcopy(demo)
    nbformat.write(nb, tmp_path / "A1_with.ipynb")
    nb.cells = [c for c in nb.cells if not make_student.is_solution(c)]
    nbformat.write(nb, tmp_path / "A2_without.ipynb")
    shutil.copy(DEMO, tmp_path / DEMO.name)
    assert [p.name for p in make_student.sources(tmp_path)] == [DEMO.name, "A1_with.ipynb"]


def test_same_stubs_as_nbgrader(demo):
    """nbgrader's ClearSolutions, given our stub, writes the same cells, and its metadata validator accepts the
    demo lesson."""
    from nbgrader import preprocessors
    from nbgrader.nbgraderformat import MetadataValidator

    MetadataValidator().validate_nb(copy.deepcopy(demo))
    for i, cell in enumerate(demo.cells):
        clear = preprocessors.ClearSolutions(code_stub={"python": make_student.code_stub(
            make_student.exercise_number(cell))})
        one = nbformat.v4.new_notebook(cells=[copy.deepcopy(cell)], metadata=demo.metadata)
        theirs = clear.preprocess(one, {})[0].cells[0].source
        assert make_student.stub_cell(cell).source == theirs, f"cell {i}"


def test_metadata_nbgrader_would_refuse_is_reported(demo):
    nb = copy.deepcopy(demo)
    prediction = _cell(nb, "ex3-prediction").metadata["nbgrader"]
    prediction["grade"] = False  # a markdown answer must be graded by hand in nbgrader
    _cell(nb, "ex2").metadata["nbgrader"]["grade_id"] = "ex1"
    problems = make_student.nbgrader_problems(nb)
    assert any("markdown answer needs" in p for p in problems)
    assert any("'ex1' is also cell 9's" in p for p in problems)
