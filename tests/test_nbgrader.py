"""The instructors' nbgrader path, for real: an nbgrader course with one lesson as its assignment.

In a temporary course directory (its ``nbgrader_config.py`` written here): ``nbgrader generate_assignment``
makes the release from the instructor edition, then ``nbgrader autograde`` grades three submissions, and the
scores are read from nbgrader's gradebook (``nbgrader.api.Gradebook``):

- ``solved``: the release with every answer cell filled in from the instructor edition: every check scores
  its points;
- ``blank``: the release as a student gets it (nbgrader's stubs): every check scores 0, and autograding
  finishes (no crash on ``NotImplementedError``);
- ``wrong``: solved, but for one exercise whose answer is a wrong answer of ``tests/wrong_answers/``: that
  exercise's check scores 0, the others their points.

The autograder's kernel imports ``fcnlab`` and runs the lesson in the fast profile with a temporary build
folder. Lesson 1 is the assignment: it executes in about 10 s (three submissions: well under a minute).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

from tools import make_student, series

pytestmark = pytest.mark.filterwarnings("ignore:Object of type <SubmittedNotebook> not in session")  # nbgrader's
ROOT = Path(__file__).resolve().parents[1]
LESSON = next(p for p in series.lessons() if p.stem.startswith("01_"))
ASSIGNMENT = "lesson01"
WRONG_EXERCISE = "ex1"  # the answer cell that gets a wrong answer in the third submission

CONFIG = """\
c = get_config()  # noqa: F821 (nbgrader's config loader defines it)
c.CourseDirectory.root = {root!r}
c.CourseDirectory.course_id = "fcnlab"
c.CourseDirectory.db_url = {db!r}
# the lessons' own stub wording ("... is not answered yet"), as README.md advises
c.ClearSolutions.code_stub = {{"python": '# YOUR CODE HERE\\nraise NotImplementedError("not answered yet")'}}
c.ExecutePreprocessor.timeout = 300
"""


def _wrong_answer(grade_id: str) -> tuple[str, str]:
    path = ROOT / "tests" / "wrong_answers" / f"{LESSON.stem}.py"
    spec = importlib.util.spec_from_file_location("wrong_answers_nbgrader", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    name, code = next(iter(module.WRONG_ANSWERS[grade_id].items()))
    return name, code


def _ok(result: dict, what: str) -> None:
    assert result["success"], f"nbgrader {what} failed:\n{result['log']}\n{result.get('error')}"


def _submission(release, source, answers: dict[str, str]):
    """The release with the answer cells named in ``answers`` (grade_id -> code, or None: the solution)."""
    nb = copy_nb(release)
    solved = {make_student.grading(c).get("grade_id"): c for c in source.cells if make_student.is_solution(c)}
    for cell in nb.cells:
        gid = make_student.grading(cell).get("grade_id")
        if gid in answers:
            mine = solved[gid] if answers[gid] is None else make_student.answered_cell(solved[gid], answers[gid])
            cell.source = mine.source
    return nb


def copy_nb(nb):
    return nbformat.reads(nbformat.writes(nb), as_version=4)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The course after generate_assignment and autograde: (gradebook URL, check cells' points, wrong name)."""
    from nbgrader.apps import NbGraderAPI
    from traitlets.config.loader import PyFileConfigLoader

    course = tmp_path_factory.mktemp("course")
    db = f"sqlite:///{course / 'gradebook.db'}"
    (course / "nbgrader_config.py").write_text(CONFIG.format(root=str(course), db=db))
    (course / "source" / ASSIGNMENT).mkdir(parents=True)
    shutil.copy(LESSON, course / "source" / ASSIGNMENT / LESSON.name)
    source = nbformat.read(LESSON, as_version=4)
    code_answers = [make_student.grading(c)["grade_id"] for c in source.cells
                    if make_student.is_solution(c) and c.cell_type == "code"]
    wrong_name, wrong_code = _wrong_answer(WRONG_EXERCISE)
    submissions = {
        "solved": dict.fromkeys(code_answers),
        "blank": {},
        "wrong": {**dict.fromkeys(code_answers), WRONG_EXERCISE: wrong_code},
    }
    api = NbGraderAPI(config=PyFileConfigLoader("nbgrader_config.py", str(course)).load_config())
    with pytest.MonkeyPatch.context() as env:  # the autograder's kernels inherit this environment
        env.setenv("FCNLAB_PROFILE", "fast")
        env.setenv("FCNLAB_BUILD_DIR", str(tmp_path_factory.mktemp("build")))
        env.setenv("MPLBACKEND", "Agg")
        env.setenv("TF_CPP_MIN_LOG_LEVEL", "3")
        env.delenv("FCNLAB_DATA", raising=False)
        env.delenv("FCNLAB_CLASSES", raising=False)
        # nbgrader runs alembic (the gradebook's migrations) as a command: this environment's
        env.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
        env.chdir(course)
        _ok(api.generate_assignment(ASSIGNMENT, force=True), "generate_assignment")
        release = nbformat.read(course / "release" / ASSIGNMENT / LESSON.name, as_version=4)
        for student, answers in submissions.items():
            folder = course / "submitted" / student / ASSIGNMENT
            folder.mkdir(parents=True)
            nbformat.write(_submission(release, source, answers), folder / LESSON.name)
            _ok(api.autograde(ASSIGNMENT, student, force=True, create=True), f"autograde {student}")
    points = {make_student.grading(c)["grade_id"]: make_student.grading(c)["points"]
              for c in source.cells if make_student.is_check(c)}
    return db, points, wrong_name


def _scores(db: str, student: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(db) as gb:
        notebook = gb.find_submission_notebook(LESSON.stem, ASSIGNMENT, student)
        return {grade.name: grade.score for grade in notebook.grades if grade.cell.cell_type == "code"}


@pytest.mark.lessons
def test_the_solved_lesson_gets_every_point(graded):
    db, points, _ = graded
    assert len(points) >= 3 and all(p > 0 for p in points.values())
    assert _scores(db, "solved") == points


@pytest.mark.lessons
def test_the_unanswered_student_edition_gets_zero_and_is_graded(graded):
    db, points, _ = graded
    assert _scores(db, "blank") == {gid: 0 for gid in points}


@pytest.mark.lessons
def test_a_wrong_answer_loses_that_exercise_only(graded):
    db, points, wrong_name = graded
    expected = {**points, f"{WRONG_EXERCISE}-check": 0}
    assert _scores(db, "wrong") == expected, f"wrong answer {wrong_name!r} in {WRONG_EXERCISE}"

