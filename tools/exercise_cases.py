"""The test edition of a lesson: the lesson as ``make test`` executes it once, every exercise checked on the way.

``make test`` executes each lesson once, through nbval (tests/lesson_run.py collects it). What nbval executes is
the lesson's **test edition**: the instructor edition with a few cells added, each marked in its metadata
(``"fcnlab_test"``) and each an nbval test of its own:

- first, the run's settings: the fast profile, the test session's build folder, the default data, figures
  drawn inline (so the executed copy holds them);
- after the ``## Exercises`` heading, the **student path**: every code cell of the exercise section as the
  student edition has it (tools/make_student.py's stubs). Each stubbed answer must raise the stub's "not
  answered yet" (or define a function that does), each check must then fail saying "not answered yet" (never
  with a ``NameError``), and nothing else may fail;
- before each exercise's answer cells, one cell per **wrong answer** of ``tests/wrong_answers/<lesson>.py``
  (written into the answer cell in place of the solution: the answer must run and the check must fail with an
  ``AssertionError`` that carries a hint) and one per **right answer** (an alternative that must pass).

The lesson's own cells are unchanged, so the solutions then run as the lesson's cells and their checks must
pass; the executed copy of the lesson is an ordinary execution of the instructor edition. The added cells run
their code in the kernel's own namespace (:class:`Runner`), exactly as a student's cell would.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from tools import make_student

ROOT = Path(__file__).resolve().parents[1]
ANSWERS_DIR = ROOT / "tests" / "wrong_answers"
MARK = "fcnlab_test"  # metadata key of a cell the test edition adds
NOT_ANSWERED = make_student.NOT_ANSWERED
OTHER_EXERCISE = re.compile(r"Exercise (\d+) is " + NOT_ANSWERED)


# --- the answers a check is tried with ----------------------------------------------------------------------------

@dataclass
class Answers:
    wrong: dict[str, dict[str, str]] = field(default_factory=dict)  # grade_id -> name -> code: must fail
    right: dict[str, dict[str, str]] = field(default_factory=dict)  # grade_id -> name -> code: must pass
    problems: list[str] = field(default_factory=list)  # what is wrong with the file


def merged(ours: dict, theirs: dict, tag: str = "blind") -> dict:
    """``ours`` and ``theirs`` (``{grade_id: {name: code}}``, e.g. a blind reviewer's answers) in one new dict;
    a name of theirs that ours has already is marked ``"<name> (<tag>)"``."""
    both = {gid: dict(named) for gid, named in ours.items()}
    for gid, named in theirs.items():
        mine = both.setdefault(gid, {})
        for name, code in named.items():
            mine[f"{name} ({tag})" if name in mine else name] = code
    return both


def load_answers(path: Path) -> Answers:
    """``WRONG_ANSWERS`` and ``RIGHT_ANSWERS`` of ``path`` (tests/wrong_answers/__init__.py describes them)."""
    if not path.exists():
        return Answers(problems=[f"no wrong answers: write tests/wrong_answers/{path.name}"])
    spec = importlib.util.spec_from_file_location(f"answers_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as err:  # a broken file is a failed test, not a failed collection
        return Answers(problems=[f"{path.name} does not import: {type(err).__name__}: {err}"])
    found = Answers()
    for attribute, target in (("WRONG_ANSWERS", found.wrong), ("RIGHT_ANSWERS", found.right)):
        answers = getattr(module, attribute, {})
        ok = isinstance(answers, dict) and all(
            isinstance(gid, str) and isinstance(named, dict)
            and all(isinstance(n, str) and n.strip() and isinstance(c, str) for n, c in named.items())
            for gid, named in answers.items())
        if ok:
            target.update(answers)
        else:
            found.problems.append(f"{path.name}: {attribute} must be a dict {{grade_id: {{name: code}}}} of strings")
    return found


# --- the cases: what the test edition adds ---------------------------------------------------------------------

@dataclass
class Step:
    role: str  # "answer" (a student's answer), "stub" (the student edition's stub), "check", "code"
    index: int  # the lesson cell it stands for
    source: str
    number: int | None = None  # the exercise it belongs to


@dataclass
class Case:
    key: str  # "student edition", "ex2-wrong[np.eye without a dtype]", "ex2-right[a loop]"
    kind: str  # "student", "wrong" or "right"
    steps: list[Step]
    before: int  # the lesson cell the case's test cell goes in front of (-1: after the exercises heading)
    code: str | None = None  # the answer's code (wrong and right cases)


def _student_path(nb, layout) -> Case:
    number_of = {i: ex.number for ex in layout.exercises for i in [*ex.answers, ex.check]}
    steps = []
    for index in range(layout.start + 1, len(nb.cells)):
        cell = nb.cells[index]
        if cell.cell_type != "code":
            continue
        number = number_of.get(index)
        if make_student.is_solution(cell):
            steps.append(Step("stub", index, make_student.stub_cell(cell).source, number))
        else:
            steps.append(Step("check" if number else "code", index, cell.source, number))
    return Case("student edition", "student", steps, before=layout.start + 1)


def cases(nb, answers: Answers) -> list[Case]:
    """The cells the test edition adds to ``nb``, in order; none when its exercises break the conventions."""
    layout = make_student.exercise_layout(nb)
    if layout.start is None or not layout.exercises or layout.problems:
        return []
    found = [_student_path(nb, layout)]
    for ex in layout.exercises:
        span = range(ex.answers[0], ex.check + 1)
        for index in ex.code_answers(nb):
            gid = make_student.grading(nb.cells[index]).get("grade_id")
            for kind, named in (("wrong", answers.wrong.get(gid, {})), ("right", answers.right.get(gid, {}))):
                for name, code in named.items():
                    steps = []
                    for i in span:
                        cell = nb.cells[i]
                        if cell.cell_type != "code":
                            continue
                        if i == index:
                            steps.append(Step("answer", i, make_student.answered_cell(cell, code).source, ex.number))
                        else:
                            steps.append(Step("check" if i == ex.check else "code", i, cell.source, ex.number))
                    label = name if gid == f"ex{ex.number}" else f"{gid}: {name}"
                    found.append(Case(f"ex{ex.number}-{kind}[{label}]", kind, steps, ex.answers[0], code))
    return found


def test_edition(nb, answers: Answers, *, settings: dict[str, str], cases_file: Path):
    """The test edition of ``nb`` (a copy): its cases written to ``cases_file``, its settings in its first cell.

    ``settings``: environment variables the lesson's kernel sets first (e.g. ``FCNLAB_BUILD_DIR``); a value of
    ``None`` removes the variable.
    """
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))  # a deep copy of plain dicts
    found = cases(nb, answers)
    cases_file.write_text(json.dumps([asdict(c) for c in found], indent=1))
    head = (f"# {MARK}: this run's settings (tools/exercise_cases.py), not part of the lesson\n"
            "import os\nimport sys\n\n"
            f"for _name, _value in {settings!r}.items():\n"
            "    if _value is None:\n        os.environ.pop(_name, None)\n"
            "    else:\n        os.environ[_name] = _value\n"
            f"sys.path.insert(0, {str(ROOT)!r})\n"
            "from tools.exercise_cases import Runner  # noqa: E402\n\n"
            f"_cases = Runner.load({str(cases_file)!r}, get_ipython())\n"
            "%matplotlib inline")
    added = {c.key: c for c in found}
    cells = []
    for index, cell in enumerate(nb.cells):
        for case in found:
            if case.before == index:
                cells.append(_added(f"# {MARK}: {case.key}\n_cases.run({case.key!r})", case.key))
        cells.append(cell)
    nb.cells = [_added(head, "settings"), *cells]
    assert len(added) == len(found), "case keys are unique"
    return nb


def _added(source: str, key: str):
    return nbformat.v4.new_code_cell(source, metadata={MARK: key})


def is_added(cell) -> bool:
    return MARK in cell.get("metadata", {})


# --- in the lesson's kernel ----------------------------------------------------------------------------------------

def _says(error) -> str:
    return "passes" if error is None else f"raises {error[0]}: {error[1]}".strip()


def _not_answered(error, number: int) -> str | None:
    """Why ``error`` is not "exercise ``number`` is not answered yet" (None if it is)."""
    if error is None:
        return "it passes"
    ename, evalue = error
    if ename == "NameError":
        return (f"it raises NameError: {evalue} (set the names the check reads to None before "
                "### BEGIN SOLUTION)")
    if NOT_ANSWERED not in evalue or ename not in ("AssertionError", "NotImplementedError"):
        return f"it raises {ename}: {evalue!r}, not an AssertionError saying '{NOT_ANSWERED}'"
    other = {int(n) for n in OTHER_EXERCISE.findall(evalue)} - {number}
    if other:
        return f"it fails because Exercise {min(other)} is not answered (nothing may depend on another answer)"
    return None


class Runner:
    """Runs a case's cells in the kernel's namespace and fails (``AssertionError``) when the case does."""

    def __init__(self, cases: dict[str, Case], shell):
        self.cases, self.shell = cases, shell

    @classmethod
    def load(cls, path: str | Path, shell) -> Runner:
        found = {}
        for raw in json.loads(Path(path).read_text()):
            raw["steps"] = [Step(**step) for step in raw["steps"]]
            found[raw["key"]] = Case(**raw)
        return cls(found, shell)

    def execute(self, source: str) -> tuple[str, str] | None:
        """Run ``source`` as a cell of the lesson would run; the error it raises as ``(name, message)``."""
        code = self.shell.transform_cell(source) if hasattr(self.shell, "transform_cell") else source
        try:
            exec(compile(code, "<cell>", "exec"), self.shell.user_ns)  # noqa: S102  (a student's cell)
        except Exception as err:  # noqa: BLE001  (any error is the cell's outcome)
            return type(err).__name__, str(err)
        finally:
            sys.stdout.flush()
        return None

    def run(self, key: str) -> str:
        case = self.cases[key]
        problems = getattr(self, f"_{case.kind}")(case)
        if problems:
            raise AssertionError(f"{key}:\n- " + "\n- ".join(problems))
        return f"{key}: ok"

    def _student(self, case: Case) -> list[str]:
        problems, last, stub_errors = [], 0, {}
        for step in case.steps:
            error = self.execute(step.source)
            if step.role == "code":
                if error is not None:
                    unanswered = f" with exercises 1-{last} unanswered" if last else ""
                    problems.append(f"student edition: cell {step.index} {_says(error)}{unanswered} (nothing "
                                    "after an exercise may depend on its answer)")
                continue
            last = step.number
            if step.role == "stub":
                if error is not None and not (error[0] == "NotImplementedError" and NOT_ANSWERED in error[1]):
                    stub_errors.setdefault(step.number, f"the stubbed answer cell {step.index} {_says(error)}")
                continue
            if step.number in stub_errors:
                problems.append(f"Exercise {step.number}: {stub_errors[step.number]}")
                continue
            why = _not_answered(error, step.number)
            if why:
                problems.append(f"Exercise {step.number}: with the stub, the check (cell {step.index}) should "
                                f"fail saying '{NOT_ANSWERED}', but {why}")
        return problems

    def _wrong(self, case: Case) -> list[str]:
        for step in case.steps:
            error = self.execute(step.source)
            if step.role != "check":
                if error is not None:
                    return [f"the wrong answer does not run: cell {step.index} {_says(error)} (a wrong answer "
                            f"must run):\n{case.code}"]
                continue
            if error is None:
                return [f"the check (cell {step.index}) passes this wrong answer:\n{case.code}"]
            if error[0] != "AssertionError":
                return [f"the check (cell {step.index}) {_says(error)}: it should fail with an AssertionError "
                        "and a hint"]
            if not error[1].strip():
                return [f"the check (cell {step.index}) fails with a bare assert: give the student a hint"]
            print(f"{case.key}: the check says {error[1]!r}")
        return []

    def _right(self, case: Case) -> list[str]:
        for step in case.steps:
            error = self.execute(step.source)
            if error is not None:
                return [f"cell {step.index} {_says(error)} with this right answer:\n{case.code}"]
        return []
