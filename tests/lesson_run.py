"""The lesson series in the test session: each lesson executed once, by nbval, with its exercises checked.

``tests/test_lessons.py`` is where the series is collected (:func:`pytest_collect_file`, used by
tests/conftest.py): one nbval notebook per lesson of ``tools.series``, in order, each the lesson's **test
edition** (tools/exercise_cases.py: the lesson's cells plus the cells that check its exercises), so a test id
reads ``notebooks/02_data.ipynb::cell 14`` or ``notebooks/02_data.ipynb::ex1-wrong[classes on the first axis]``.
nbval runs the cells in one kernel per lesson (started by tools/kernel.py, like ``make lessons``); every cell
is a test. ``FCNLAB_TEST_LESSONS=01,03`` picks lessons.

Every lesson of the session writes into one build folder of its own (lesson 5 loads what lesson 4 trained),
named in the test edition's settings cell — the test process's environment is not changed. The executed
copy of each lesson (its own cells with their outputs, the added cells left out) goes to a session folder,
which the fixtures ``executed_lessons`` and ``series_build`` hand to the tests that read the executed series
(slides, lesson 5's claims); the lessons run first. Those tests carry the marker ``lessons``, as do the
lessons' cells; ``make unit`` leaves them out. The session's folder (test editions, executed copies, build,
the kernels' own logs) is removed at the end; ``FCNLAB_KEEP_TEST_BUILD=1`` keeps it and prints where it is.

With pytest-xdist (``make test`` runs ``-n 2``) the work is shared out between the workers file by file
(:class:`SeriesScheduling`: one lesson is one unit), in the order of :func:`pytest_collection_modifyitems`:
lesson 4 first (the longest), the other lessons, the other tests that execute lessons, lesson 5, the rest, and
last the test files that read the executed series. Every worker uses the one session folder the controller
made. Lesson 5 loads what lesson 4 trained: it starts once lesson 4 has saved its last model (:data:`AFTER`),
while lesson 4 goes on with its exercises; a test of the executed series waits until every lesson it collected
has been executed, whichever worker ran it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import nbformat
import pytest
from nbval.kernel import RunningKernel
from nbval.plugin import IPyNbCell, IPyNbFile, find_comment_markers, find_metadata_tags
from xdist.scheduler import LoadFileScheduling

from tools import exercise_cases, kernel, series

ROOT = Path(__file__).resolve().parents[1]
ANCHOR = Path(__file__).resolve().parent / "test_lessons.py"
LESSONS_ENV = "FCNLAB_TEST_LESSONS"
SESSION = pytest.StashKey[dict]()
SESSION_INPUT = "fcnlab_session"  # the controller's session folder, in each xdist worker's workerinput
# a lesson that loads what an earlier one saved: {lesson: (earlier lesson, what it waits for in the build folder)}.
# Lesson 5 loads lesson 4's models; FCN-8s's result is the last thing lesson 4 saves.
AFTER = {"05": ("04", "results/*/fcn8s.json")}
FIRST = "04"  # the longest lesson: its unit is handed out first
# the longest test files (--durations), handed out before the other files of their kind: a long unit left for
# last keeps one worker busy while the other has nothing to do
LONG_FILES = ("test_book.py", "test_slides.py", "test_accessibility.py", "test_training.py", "test_checkpoints.py",
              "test_devices.py", "test_bench.py", "test_baseline.py", "test_tools.py")
WAIT_S = 3600  # how long a lesson or a test of the executed series waits for another worker's lesson


def selected() -> list[Path]:
    """The lessons and appendices of ``tools.series`` that ``FCNLAB_TEST_LESSONS`` names (all if unset)."""
    wanted = [w.strip() for w in os.environ.get(LESSONS_ENV, "").split(",") if w.strip()]
    return [p for p in series.series() if not wanted or p.stem.startswith(tuple(wanted))]


def session_folders(config) -> dict:
    """``{"build": ..., "executed": ..., "done": ..., "editions": ..., "logs": ...}``: this session's folders,
    shared by all xdist workers (the controller names the top folder); ``editions`` and ``logs`` per worker."""
    if SESSION not in config.stash:
        given = getattr(config, "workerinput", {}).get(SESSION_INPUT)
        top = Path(given) if given else Path(tempfile.mkdtemp(prefix="fcnlab-test-"))
        worker = getattr(config, "workerinput", {}).get("workerid", "main")
        folders = {"top": top, "build": top / "build", "executed": top / "executed", "done": top / "done",
                   "editions": top / "editions" / worker, "logs": top / "logs" / worker, "collected": set()}
        for name in ("build", "executed", "done", "editions", "logs"):
            folders[name].mkdir(parents=True, exist_ok=True)
        config.stash[SESSION] = folders
    return config.stash[SESSION]


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """xdist's controller: every worker uses the controller's session folder."""
    node.workerinput[SESSION_INPUT] = str(session_folders(node.config)["top"])


def settings(build: Path) -> dict[str, str | None]:
    """What a lesson's kernel sets first: the fast profile, this session's build folder, the default data."""
    return {"FCNLAB_PROFILE": "fast", "FCNLAB_BUILD_DIR": str(build), "TF_CPP_MIN_LOG_LEVEL": "3",
            "FCNLAB_DATA": None, "FCNLAB_CLASSES": None}


class LessonKernel(RunningKernel):
    """nbval's kernel, started the way `make lessons` starts one (tools/kernel.py)."""

    def __init__(self, cwd: Path, log: Path, startup_timeout: int = 60):  # noqa: D107
        self.log = open(log, "w")  # noqa: SIM115  (closed in stop())
        self.km = kernel.start(cwd, stderr=self.log, name=log.stem)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=startup_timeout)
        for _ in range(30):  # until IOPub delivers: nbval reads every output from it
            msg_id = self.kc.kernel_info()
            self.await_reply(msg_id, timeout=10)
            try:
                self.await_idle(msg_id, 1)
                break
            except Exception:  # noqa: BLE001  (queue.Empty: not subscribed yet)
                continue

    def stop(self):
        super().stop()
        self.log.close()


class Lesson(IPyNbFile):
    """One lesson's test edition, executed by nbval in a :class:`LessonKernel`; writes the executed copy."""

    def collect(self):
        folders = session_folders(self.config)
        source = nbformat.read(self.path, as_version=4)
        answers = exercise_cases.load_answers(exercise_cases.ANSWERS_DIR / f"{self.path.stem}.py")
        self.nb = exercise_cases.test_edition(
            source, answers, settings=settings(folders["build"]),
            cases_file=folders["editions"] / f"{self.path.stem}.cases.json")
        nbformat.write(self.nb, folders["editions"] / self.path.name)
        self.executed = nbformat.read(self.path, as_version=4)  # filled in as the cells run
        self.count = 0
        lesson_index = -1
        for number, cell in enumerate(c for c in self.nb.cells if c.cell_type == "code"):
            if exercise_cases.is_added(cell):
                name, target = cell.metadata[exercise_cases.MARK], None
            else:
                lesson_index = self.executed.cells.index(next(
                    c for c in self.executed.cells[lesson_index + 1:] if c.source == cell.source))
                name, target = f"cell {lesson_index}", lesson_index
            options = defaultdict(bool, find_metadata_tags(cell.metadata))
            options.update(dict(find_comment_markers(cell.source)))
            options["check"] = False  # outputs are not compared (the lessons are committed without them)
            item = LessonCell.from_parent(self, name=name, cell_num=number, cell=cell, options=options)
            item.target = target
            item.add_marker(pytest.mark.lessons)
            yield item

    def setup(self):
        folders = session_folders(self.config)
        (folders["done"] / self.path.stem).unlink(missing_ok=True)
        earlier, pattern = AFTER.get(self.path.stem[:2], (None, None))
        ran_earlier = [s for s in folders["collected"] if s.startswith(f"{earlier}_")]
        if ran_earlier:  # until it has saved what this lesson loads, or finished without (this one then trains)
            _wait(lambda: any(folders["build"].glob(pattern)) or (folders["done"] / ran_earlier[0]).exists(),
                  f"{ran_earlier[0]} to save {pattern}")
        self.kernel = LessonKernel(self.path.parent, folders["logs"] / f"{self.path.stem}.log",
                                   self.config.option.nbval_kernel_startup_timeout)

    def teardown(self):
        folders = session_folders(self.config)
        nbformat.write(self.executed, folders["executed"] / self.path.name)
        (folders["done"] / self.path.stem).touch()  # after the copy: a waiting test reads it next
        super().teardown()


class LessonCell(IPyNbCell):
    """A cell of a lesson's test edition; a lesson's own cell keeps its outputs for the executed copy."""

    target: int | None = None

    def runtest(self):
        try:
            super().runtest()
        finally:
            if self.target is not None and self.test_outputs is not None and self.cell.source.strip():
                lesson = self.parent
                lesson.count += 1
                cell = lesson.executed.cells[self.target]
                cell.execution_count = lesson.count
                cell.outputs = [nbformat.from_dict(_plain(o)) for o in self.test_outputs]
                for output in cell.outputs:
                    if output.get("output_type") == "execute_result":
                        output["execution_count"] = lesson.count


def _plain(output) -> dict:
    """An nbval output as an nbformat output (nbval keeps the kernel's message fields)."""
    kind = output["output_type"]
    if kind == "stream":
        return {"output_type": "stream", "name": output["name"], "text": output["text"]}
    if kind == "error":
        return {"output_type": "error", "ename": output["ename"], "evalue": output["evalue"],
                "traceback": output["traceback"]}
    plain = {"output_type": kind, "data": output.get("data", {}), "metadata": output.get("metadata", {})}
    if kind == "execute_result":
        plain["execution_count"] = output.get("execution_count")
    return plain


class Series(pytest.File):
    """The lessons, in the order of ``tools.series``."""

    def collect(self):
        for path in selected():
            yield Lesson.from_parent(self, path=path)


def pytest_collect_file(file_path, parent):
    if file_path == ANCHOR:
        return Series.from_parent(parent, path=file_path)
    return None


def _reads_series(item) -> bool:
    return bool({"executed_lessons", "series_build"} & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config, items):
    """Order the units of work (under xdist each file, each lesson, is one): lesson 4 (the longest), the other
    lessons but those that wait for another (:data:`AFTER`), the other tests that execute lessons, the lessons
    that wait, the rest (:data:`LONG_FILES` first), and last the test files with a test of the executed series
    (marked ``lessons``)."""
    readers = set()
    for item in items:
        if not isinstance(item, LessonCell) and _reads_series(item):
            item.add_marker(pytest.mark.lessons)
            readers.add(item.path)

    def order(item):
        if isinstance(item, LessonCell):
            number = item.parent.path.stem[:2]
            return (0 if number == FIRST else 3 if number in AFTER else 1), 0
        long_first = LONG_FILES.index(item.path.name) if item.path.name in LONG_FILES else len(LONG_FILES)
        if item.path in readers:
            return 5, long_first
        if item.get_closest_marker("lessons"):
            return 2, 0
        return 4, long_first

    items.sort(key=order)  # stable: each lesson's cells keep their order


class SeriesScheduling(LoadFileScheduling):
    """xdist's ``loadfile`` (a lesson's cells run in one kernel, so a lesson is one unit), the units handed out
    in the order of the collection rather than by size."""

    def __init__(self, config, log=None):  # noqa: D107
        super().__init__(config, log)
        config.option.loadscopereorder = False


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Whatever ``--dist`` says (``-n 2`` alone means ``load``, test by test), lessons are not cut up."""
    return SeriesScheduling(config, log)


def pytest_collection_finish(session):
    """The lessons this process will run or wait for: those left after selection (-m, -k)."""
    folders = session_folders(session.config)
    folders["collected"] = {item.parent.path.stem for item in session.items if isinstance(item, LessonCell)}


def pytest_unconfigure(config):
    folders = config.stash.get(SESSION, None)
    if folders is None or hasattr(config, "workerinput"):  # the controller removes it, after every worker
        return
    if os.environ.get("FCNLAB_KEEP_TEST_BUILD"):
        print(f"\nthe lessons' test editions, executed copies, build and kernel logs: {folders['top']}")
    else:
        shutil.rmtree(folders["top"], ignore_errors=True)


def executed_folder(config) -> Path:
    """The executed series of this session (the lessons ran first), or of ``--executed DIR``."""
    given = config.getoption("executed")
    if given:
        return Path(given)
    folders = session_folders(config)
    if not folders["collected"]:
        pytest.skip("the lessons did not run in this session: run them with it (pytest tests/test_lessons.py "
                    "...), or name an executed series with --executed build/notebooks (after make lessons)")
    _wait(lambda: all((folders["done"] / s).exists() for s in folders["collected"]),
          f"the lessons {', '.join(sorted(folders['collected']))} to be executed")
    return folders["executed"]


def _wait(ready, what: str) -> None:
    """Until ``ready()`` (another xdist worker is at work), at most :data:`WAIT_S` seconds."""
    deadline = time.monotonic() + WAIT_S
    while not ready():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {WAIT_S} s for {what}")
        time.sleep(2)
