"""The lesson series, executed once per test session, with every exercise checked on the way.

Two session fixtures:

- ``exercise_runs``: executes every instructor lesson (``notebooks/NN_*.ipynb``, then the appendices
  ``notebooks/A1_*.ipynb``) once, in order, each in its own kernel (fast profile, inline figures, working
  directory ``notebooks/``, one temporary ``FCNLAB_BUILD_DIR`` for all, so lesson 5 finds the models lesson 4
  trained), and records what :func:`run_lesson` found; tests/test_exercises.py turns the records into tests.
  That build folder is the session's (:func:`pytest_configure` sets ``FCNLAB_BUILD_DIR`` for the whole test
  session, then removes it): nbval's kernels, started later in the same session, use it too, so nbval's lesson 5
  loads the models the series saved — lesson 4 retrains its own, the controls are loaded, as in Colab with
  Drive — instead of training the controls a second time.
- ``executed_lessons``: the folder (a :class:`pathlib.Path`) of the executed instructor notebooks, with outputs,
  e.g. for the slide tests: the series is executed once for all of them.

``FCNLAB_TEST_LESSONS=01,03`` restricts both to the lessons whose names start with one of those prefixes.
Tests that use either fixture are marked ``lessons``; ``make unit`` leaves them out (``-m "not lessons"``).

How a lesson is run (:func:`run_lesson`): the cells before ``## Exercises`` run as usual. Then, on copies of the
cells, the **student path**: the exercise section as the student edition has it (tools/make_student.py stubs),
each stubbed answer cell must raise the stub's "not answered yet" (or define a function that does) and each
check must then fail saying "not answered yet" (never a NameError). Then, exercise by exercise, each **wrong
answer** of ``tests/wrong_answers/<lesson>.py`` (written into the answer cell in place of the solution) must run
and make the check fail with an AssertionError; last, the **solution** itself (the real cells), whose check must
pass. So the notebook ends up as an ordinary execution of the instructor edition.
"""

from __future__ import annotations

import copy
import importlib.util
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
WRONG_ANSWERS_DIR = Path(__file__).resolve().parent / "wrong_answers"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

from tools import browser, make_student, series  # noqa: E402

# the demo lesson for the harness's own tests is a notebook, not a test for nbval to collect
collect_ignore_glob = ["fixtures/*"]

LESSONS_ENV = "FCNLAB_TEST_LESSONS"
CELL_TIMEOUT = int(os.environ.get("FCNLAB_CELL_TIMEOUT", "600"))
NOT_ANSWERED = make_student.NOT_ANSWERED
RIGHT_PREFIX = "RIGHT: "
OTHER_EXERCISE = re.compile(r"Exercise (\d+) is " + NOT_ANSWERED)


# --- which lessons, which wrong answers ------------------------------------------------------------------------

def lessons(notebooks_dir: Path = NOTEBOOKS, *, selected: bool = True) -> list[Path]:
    """The instructor lessons in execution order; with ``selected``, only those ``FCNLAB_TEST_LESSONS`` names."""
    paths = series.series(notebooks_dir)
    wanted = [w.strip() for w in os.environ.get(LESSONS_ENV, "").split(",") if w.strip()]
    if selected and wanted:
        paths = [p for p in paths if p.stem.startswith(tuple(wanted))]
    return paths


def load_wrong_answers(path: Path) -> tuple[dict[str, dict[str, str]], list[str]]:
    """``WRONG_ANSWERS`` of ``path`` (tests/wrong_answers/__init__.py describes it) and what is wrong with it."""
    if not path.exists():
        return {}, [f"no wrong answers: write {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}"]
    spec = importlib.util.spec_from_file_location(f"wrong_answers_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as err:  # a broken file is a failed test, not a failed collection
        return {}, [f"{path.name} does not import: {type(err).__name__}: {err}"]
    answers = getattr(module, "WRONG_ANSWERS", None)
    ok = isinstance(answers, dict) and all(
        isinstance(gid, str) and isinstance(named, dict)
        and all(isinstance(n, str) and n.strip() and isinstance(c, str) for n, c in named.items())
        for gid, named in answers.items())
    if not ok:
        return {}, [f"{path.name}: WRONG_ANSWERS must be a dict {{grade_id: {{name: code}}}} of strings"]
    # RIGHT_ANSWERS (same format): alternatives that must pass, carried as names starting with RIGHT_PREFIX
    for gid, named in getattr(module, "RIGHT_ANSWERS", {}).items():
        answers = {**answers, gid: {**answers.get(gid, {}), **{RIGHT_PREFIX + n: c for n, c in named.items()}}}
    return answers, []


# --- the cases: what each lesson is tested for ------------------------------------------------------------------

@dataclass
class Case:
    key: str  # "ex2-stub", "ex2-solution", "ex2-wrong[constant answer]"
    number: int
    kind: str  # "stub", "solution" or "wrong"
    answer_id: str | None = None  # the answer cell a wrong answer goes into
    name: str | None = None  # the wrong answer's name
    code: str | None = None


def cases(nb, wrong: dict[str, dict[str, str]]) -> list[Case]:
    """What :func:`run_lesson` records for ``nb``, in order: per exercise its stub, wrong answers, solution."""
    layout = make_student.exercise_layout(nb)
    found = []
    for ex in layout.exercises:
        found.append(Case(f"ex{ex.number}-stub", ex.number, "stub"))
        for index in ex.code_answers(nb):
            gid = make_student.grading(nb.cells[index]).get("grade_id")
            for name, code in wrong.get(gid, {}).items():
                label = name if gid == f"ex{ex.number}" else f"{gid}: {name}"
                found.append(Case(f"ex{ex.number}-wrong[{label}]", ex.number, "wrong", gid, name, code))
        found.append(Case(f"ex{ex.number}-solution", ex.number, "solution"))
    return found


# --- running a lesson ------------------------------------------------------------------------------------------

@dataclass
class Outcome:
    ok: bool
    message: str


@dataclass
class LessonRun:
    stem: str
    notebook: Path  # the executed instructor notebook (partial if the lesson failed)
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)  # outside the exercises: the lesson itself fails
    outcomes: dict[str, Outcome] = field(default_factory=dict)  # Case.key -> what happened


def _error(cell) -> tuple[str, str] | None:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return output.get("ename", "?"), output.get("evalue", "")
    return None


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


class _Kernel:
    """One lesson's kernel: runs real cells (numbered as an ordinary run) and copies (not numbered)."""

    def __init__(self, client, nb):
        self.client, self.nb, self.count = client, nb, 0

    def real(self, index: int):
        cell = self.nb.cells[index]
        if cell.cell_type != "code" or not cell.source.strip():
            return None
        self.count += 1
        self.client.execute_cell(cell, index, execution_count=self.count)
        for output in cell.outputs:
            if output.get("output_type") == "execute_result":
                output["execution_count"] = self.count
        return _error(cell)

    def copy(self, cell, index: int):
        if cell.cell_type != "code" or not cell.source.strip():
            return None
        cell, original = copy.deepcopy(cell), self.nb.cells[index]
        try:
            self.client.execute_cell(cell, index, store_history=False)
        finally:  # nbclient puts the executed cell into the notebook: the real one goes back
            self.nb.cells[index] = original
        return _error(cell)


def _student_path(kernel: _Kernel, nb, layout, run: LessonRun) -> None:
    number_of = {}
    for ex in layout.exercises:
        for index in [*ex.answers, ex.check]:
            number_of[index] = ex.number
    last, answers_said = 0, {}
    for index in range(layout.start + 1, len(nb.cells)):
        cell = nb.cells[index]
        if cell.cell_type != "code":
            continue
        number = number_of.get(index)
        if number is None:  # plain code in the exercise section: must not need an answer
            error = kernel.copy(cell, index)
            if error is not None:
                unanswered = f" with exercises 1-{last} unanswered" if last else ""
                run.problems.append(f"student edition: cell {index} {_says(error)}{unanswered} (nothing after "
                                    "an exercise may depend on its answer)")
            continue
        last = number
        key = f"ex{number}-stub"
        if make_student.is_solution(cell):
            error = kernel.copy(make_student.stub_cell(cell), index)
            if error is not None and not (error[0] == "NotImplementedError" and NOT_ANSWERED in error[1]):
                run.outcomes[key] = Outcome(False, f"the stubbed answer cell {index} {_says(error)}")
            answers_said.setdefault(number, []).append(f"answer cell {index} {_says(error)}")
            continue
        error = kernel.copy(cell, index)  # the check
        if key in run.outcomes:  # the answer cell already went wrong
            continue
        why = _not_answered(error, number)
        if why:
            run.outcomes[key] = Outcome(False, f"with the stub, the check (cell {index}) should fail saying "
                                               f"'{NOT_ANSWERED}', but {why}")
        else:
            said = "; ".join(answers_said.get(number, []))
            run.outcomes[key] = Outcome(True, f"{said}; check {_says(error)}")


def _run_exercise(kernel: _Kernel, nb, ex, wanted: list[Case], run: LessonRun) -> None:
    first = ex.answers[0]
    span = range(first, ex.check + 1)
    for case in wanted:
        if case.kind != "wrong":
            continue
        errors = []
        for index in span:
            cell = nb.cells[index]
            gid = make_student.grading(cell).get("grade_id")
            if make_student.is_solution(cell) and gid == case.answer_id:
                cell = make_student.answered_cell(cell, case.code)
            errors.append((index, kernel.copy(cell, index)))
        *before, (check, error) = errors
        if case.name.startswith(RIGHT_PREFIX):
            failed = [(i, e) for i, e in errors if e is not None]
            run.outcomes[case.key] = Outcome(not failed, f"cell {failed[0][0]} {_says(failed[0][1])} with this "
                                             f"right answer:\n{case.code}" if failed else "the right answer passes")
            continue
        broken = [(i, e) for i, e in before if e is not None]
        if broken:
            i, e = broken[0]
            message = f"the wrong answer does not run: cell {i} {_says(e)} (a wrong answer must run)"
            run.outcomes[case.key] = Outcome(False, message)
        elif error is None:
            run.outcomes[case.key] = Outcome(False, f"the check (cell {check}) passes this wrong answer:\n"
                                                    f"{case.code}")
        elif error[0] != "AssertionError":
            run.outcomes[case.key] = Outcome(False, f"the check (cell {check}) {_says(error)}: it should fail "
                                                    "with an AssertionError and a hint")
        elif not error[1].strip():
            run.outcomes[case.key] = Outcome(False, f"the check (cell {check}) fails with a bare assert: give "
                                                    "the student a hint")
        else:
            run.outcomes[case.key] = Outcome(True, f"check: {error[1]}")
    errors = [(index, kernel.real(index)) for index in span]
    failed = [(i, e) for i, e in errors if e is not None]
    key = f"ex{ex.number}-solution"
    if failed:
        i, e = failed[0]
        where = "the check" if i == ex.check else f"cell {i}"
        run.outcomes[key] = Outcome(False, f"with the solution, {where} {_says(e)}")
    else:
        run.outcomes[key] = Outcome(True, "the solution passes its check")


def run_lesson(path: Path, wrong: dict[str, dict[str, str]], out_dir: Path, *, env: dict[str, str],
               nb=None, timeout: int = CELL_TIMEOUT) -> LessonRun:
    """Execute the lesson at ``path`` (or the notebook ``nb``, as if it were there) and check its exercises.

    Writes the executed instructor notebook to ``out_dir / path.name`` and returns what happened.
    """
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4) if nb is None else copy.deepcopy(nb)
    run = LessonRun(path.stem, out_dir / path.name)
    layout = make_student.exercise_layout(nb)
    wanted = cases(nb, wrong)
    conventions = [p for p in layout.problems if layout.start is not None] + make_student.nbgrader_problems(nb)
    for index, cell in enumerate(nb.cells):
        try:
            make_student.stub_cell(cell)
        except make_student.MarkerError as err:
            conventions.append(f"cell {index}: {err}")
    checked = layout.start is not None and layout.exercises and not conventions
    # IPC transport: a local socket instead of a TCP port (no "running over TCP without encryption" warning)
    out_dir.mkdir(parents=True, exist_ok=True)
    km = KernelManager(kernel_name="python3", transport="ipc", ip=str(out_dir / f".{path.stem}-kernel"))
    client = NotebookClient(nb, km=km, timeout=timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}},
                            extra_arguments=["--IPKernelApp.capture_fd_output=False"])  # C logs: not in the lesson
    client.reset_execution_trackers()
    kernel = _Kernel(client, nb)
    start = time.perf_counter()
    index = -1
    try:
        with open(out_dir / f".{path.stem}-kernel.log", "w") as kernel_log, \
                client.setup_kernel(env=env, cwd=str(path.parent), stderr=kernel_log, cleanup_kc=True):
            info = client.wait_for_reply(client.kc.kernel_info())
            nb.metadata["language_info"] = info["content"]["language_info"]
            end = layout.start if checked else len(nb.cells)
            for index in range(end):
                error = kernel.real(index)
                if error is not None:
                    run.problems.append(f"cell {index} {_says(error)}")
                    break
            else:
                if checked:
                    _student_path(kernel, nb, layout, run)
                    by_number = {ex.number: ex for ex in layout.exercises}
                    done = set()
                    for index in range(layout.start + 1, len(nb.cells)):
                        if index in done:
                            continue
                        ex = next((e for e in by_number.values() if e.answers[0] == index), None)
                        if ex is None:
                            error = kernel.real(index)
                            if error is not None:
                                run.problems.append(f"cell {index} (exercise section, with the "
                                                    f"solutions) {_says(error)}")
                            continue
                        _run_exercise(kernel, nb, ex, [c for c in wanted if c.number == ex.number], run)
                        done.update(range(index, ex.check + 1))
            client.set_widgets_metadata()
    except Exception as err:  # the kernel died, a cell timed out
        run.problems.append(f"cell {index}: {type(err).__name__}: {err}")
    run.seconds = round(time.perf_counter() - start, 1)
    if run.problems:
        why = run.problems[0]
    elif conventions:  # test_exercises_follow_the_conventions_and_have_wrong_answers says more
        why = "the exercises break the conventions of notebooks/README.md: " + "; ".join(conventions)
    else:
        why = "not reached"
    for case in wanted:  # anything not reached: say why
        if case.key not in run.outcomes:
            run.outcomes[case.key] = Outcome(False, f"not checked: {why}")
    out_dir.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, run.notebook)
    return run


def kernel_env(build_dir: Path) -> dict[str, str]:
    """The lessons' environment: fast profile, one build folder for the whole series, no TensorFlow start-up
    logs. The kernels use the notebook's inline matplotlib backend (even under ``MPLBACKEND=Agg``): the executed
    notebooks feed the slide tests, and a deck measured without its figures would measure nothing."""
    env = {**os.environ, "FCNLAB_PROFILE": "fast", "TF_CPP_MIN_LOG_LEVEL": "3", "FCNLAB_BUILD_DIR": str(build_dir),
           "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    for name in ("FCNLAB_DATA", "FCNLAB_CLASSES"):  # the default data
        env.pop(name, None)
    return env


@dataclass
class Series:
    folder: Path  # the executed instructor notebooks
    lessons: dict[str, LessonRun]


def _say(config, text: str) -> None:
    capture = config.pluginmanager.getplugin("capturemanager")
    reporter = config.pluginmanager.getplugin("terminalreporter")
    if capture is None or reporter is None:
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line(text)


@pytest.fixture(scope="session")
def exercise_runs(request, tmp_path_factory) -> Series:
    """Every selected lesson executed once, its exercises checked (see the module's docstring)."""
    folder = tmp_path_factory.mktemp("executed_lessons")
    env = kernel_env(Path(os.environ["FCNLAB_BUILD_DIR"]))  # the session's (pytest_configure)
    series = Series(folder, {})
    paths = lessons()
    for k, path in enumerate(paths, 1):
        wrong, _ = load_wrong_answers(WRONG_ANSWERS_DIR / f"{path.stem}.py")
        _say(request.config, f"\n[{k}/{len(paths)}] executing {path.name} and its exercises …")
        run = run_lesson(path, wrong, folder, env=env)
        series.lessons[path.stem] = run
        state = "ok" if not run.problems else f"FAILED: {run.problems[0][:200]}"
        _say(request.config, f"[{k}/{len(paths)}] {path.stem}: {run.seconds} s, {state}")
    return series


@pytest.fixture(scope="session")
def executed_lessons(exercise_runs) -> Path:
    """The folder of executed instructor notebooks (``NN_*.ipynb``, ``A1_*.ipynb``), outputs included."""
    return exercise_runs.folder


SESSION_BUILD = pytest.StashKey[tuple]()


def pytest_configure(config):
    # one build folder for the session: the series and nbval's kernels share it, nothing outside is touched
    folder = tempfile.mkdtemp(prefix="fcnlab-test-build-")
    config.stash[SESSION_BUILD] = (folder, os.environ.get("FCNLAB_BUILD_DIR"))
    os.environ["FCNLAB_BUILD_DIR"] = folder
    config.addinivalue_line("markers", "lessons: executes the lesson series (fixtures exercise_runs and "
                                       "executed_lessons); make unit deselects them")


def pytest_unconfigure(config):
    folder, before = config.stash.get(SESSION_BUILD, (None, None))
    if folder is None:
        return
    shutil.rmtree(folder, ignore_errors=True)
    if before is None:
        os.environ.pop("FCNLAB_BUILD_DIR", None)
    else:
        os.environ["FCNLAB_BUILD_DIR"] = before


def pytest_collection_modifyitems(config, items):
    for item in items:
        if {"exercise_runs", "executed_lessons"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.lessons)


def pytest_generate_tests(metafunc):
    """``lesson`` (a selected lesson's stem) and ``exercise_case`` ((stem, Case)), for tests/test_exercises.py."""
    if "exercise_case" in metafunc.fixturenames:
        found = []
        for path in lessons():
            wrong, _ = load_wrong_answers(WRONG_ANSWERS_DIR / f"{path.stem}.py")
            nb = nbformat.read(path, as_version=4)
            found += [(path.stem, case) for case in cases(nb, wrong)]
        metafunc.parametrize("exercise_case", found, ids=[f"{stem}-{case.key}" for stem, case in found])
    if "executed_lesson" in metafunc.fixturenames:
        stems = [p.stem for p in lessons()]
        metafunc.parametrize("executed_lesson", stems, ids=stems)


@pytest.fixture(scope="session")
def chrome():
    """A headless Chromium driven by Playwright (tools/browser.py); the test is skipped where there is none."""
    if browser.find_chromium() is None:
        pytest.skip("no Chromium: apt-get install chromium (Debian), or set CHROME_BIN")
    with browser.chromium() as chromium:
        yield chromium
