"""Write the student edition of the lessons: ``notebooks/student/NN_*.ipynb``, every exercise's solution taken out.

    python -m tools.make_student           # (re)write the student edition (``make student``)
    python -m tools.make_student --check   # exit 1 and name the stale files instead (a test runs this)

``notebooks/NN_*.ipynb`` are the instructor edition: each exercise's answer sits between ``### BEGIN SOLUTION``
and ``### END SOLUTION`` in a cell with nbgrader metadata (notebooks/README.md, "Exercises"). The student
edition is the same notebook with

- every solution region replaced by a stub, as nbgrader's ``generate_assignment`` does;
- cell 1, the Colab badge, pointing at the student edition, plus a line that says where the solutions are (the
  instructor edition); repository and ref come from ``[tool.fcnlab]`` in pyproject.toml, as for
  tools/sync_notebooks.py;
- no speaker notes (cells of ``slide_type`` ``notes``: the instructor's talk track for the decks, which
  asks the room what the next cell answers; the course's website leaves them out too);
- no outputs.

It is written for every numbered lesson, and for an appendix (``A1_*.ipynb``) only if it has solution cells.
Colab opens notebooks from the repository, so the student edition is committed; never edit it by hand.

**The stub follows nbgrader's ClearSolutions preprocessor** (``nbgrader/preprocessors/clearsolutions.py``,
nbgrader 0.9), re-implemented here in a few lines instead of installing nbgrader (which brings a Jupyter server,
SQLAlchemy, alembic, ... and takes seconds to import) for one function:

- a line that *contains* ``BEGIN SOLUTION`` opens a region and a line that contains ``END SOLUTION`` closes it
  (any number of comment marks, as nbgrader's default delimiters); the region, both marker lines included, is
  replaced by the stub, each stub line indented like the ``BEGIN`` line; every line outside a region is kept;
- a nested ``BEGIN`` or a missing ``END`` is an error, and so is a region in a cell that is not a solution cell
  (nbgrader's ``enforce_metadata``); a stray ``END`` is an error too (nbgrader drops it silently);
- a solution cell (``metadata.nbgrader.solution``) without markers has its whole source replaced by the stub;
- the notebook's ``celltoolbar`` metadata is dropped.

The stubs: markdown gets nbgrader's ``YOUR ANSWER HERE``; code gets nbgrader's ``# YOUR CODE HERE`` and a
``raise NotImplementedError(...)`` that, unlike nbgrader's default (its ``code_stub`` is configurable), names
the exercise and says it is "not answered yet", so that a student who runs the notebook top to bottom is told
what to do at each exercise. The exercise number comes from the cell's ``grade_id`` (``exN``, ``exN-...``).
What nbgrader's other assignment steps do (locking cells, checksums, hidden tests) is not needed here: an
instructor who uses nbgrader runs it on the instructor edition itself.

The module is also the conventions in code for the tests (tests/test_exercises.py, tests/test_student_edition.py):
:func:`exercise_layout` finds the exercises of a lesson and :func:`nbgrader_problems` checks the nbgrader
metadata as nbgrader's own validator (schema version 3) does.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from tools import series, sync_notebooks

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
STUDENT_DIR = "student"

BEGIN = "BEGIN SOLUTION"  # nbgrader's ClearSolutions.begin_solution_delimeter
END = "END SOLUTION"  # nbgrader's ClearSolutions.end_solution_delimeter
TEXT_STUB = "YOUR ANSWER HERE"  # nbgrader's ClearSolutions.text_stub
NOT_ANSWERED = "not answered yet"  # the words the stub and every check's first assert use

EXERCISES_HEADING = "## Exercises"
EXERCISE_HEADING = re.compile(r"#{2,4}\s+Exercise\s+(\d+)\b")
GRADE_ID = re.compile(r"ex(\d+)(?![0-9])")

BADGE = ("[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
         "(https://colab.research.google.com/github/{owner_repo}/blob/{ref}/notebooks/student/{filename})")
STUDENT_LINE = (
    "**Student edition.** The exercises at the end are yours to answer: replace each `# YOUR CODE HERE` (and "
    "the `raise` under it) or *YOUR ANSWER HERE* with your answer, then run the check below it. The solutions "
    "are in the instructor edition, [notebooks/{filename}]({repository}/blob/{ref}/notebooks/{filename}).")


class MarkerError(ValueError):
    """A solution region nbgrader would refuse: nested, unterminated, or in a cell that is not a solution cell."""


def code_stub(number: int | None) -> str:
    """nbgrader's code stub, with a message that names the exercise."""
    exercise = f"Exercise {number}" if number is not None else "This exercise"
    return f'# YOUR CODE HERE\nraise NotImplementedError("{exercise} is {NOT_ANSWERED}: replace this line")'


# --- cells ---------------------------------------------------------------------------------------------------

def grading(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def is_solution(cell) -> bool:
    """An answer cell (nbgrader: ``solution: true``); a markdown answer is also ``grade: true``."""
    return bool(grading(cell).get("solution", False))


def is_notes(cell) -> bool:
    """A speaker notes cell (the instructor's; not in the student edition)."""
    return cell.metadata.get("slideshow", {}).get("slide_type") == "notes"


def is_check(cell) -> bool:
    """A check cell (nbgrader: an autograded test, ``grade: true`` and ``solution: false``)."""
    return cell.cell_type == "code" and bool(grading(cell).get("grade", False)) and not is_solution(cell)


def exercise_number(cell) -> int | None:
    """N of the cell's ``grade_id`` ``exN`` / ``exN-...`` (``None`` if it has no such id)."""
    match = GRADE_ID.match(str(grading(cell).get("grade_id", "")))
    return int(match.group(1)) if match else None


def has_markers(source: str) -> bool:
    return any(BEGIN in line or END in line for line in source.split("\n"))


def replace_solution_region(source: str, replacement: str) -> tuple[str, bool]:
    """``source`` with each solution region replaced by ``replacement``; and whether there was one.

    nbgrader's ``ClearSolutions._replace_solution_region``: the replacement's lines are indented like the
    ``BEGIN`` line, the lines outside the regions are kept.
    """
    new_lines: list[str] = []
    in_solution = replaced = False
    for line in source.split("\n"):
        if BEGIN in line:
            if in_solution:
                raise MarkerError("nested BEGIN SOLUTION")
            in_solution = replaced = True
            indent = re.match(r"\s*", line).group(0)
            new_lines += [indent + stub_line for stub_line in replacement.split("\n")]
        elif END in line:
            if not in_solution:
                raise MarkerError("END SOLUTION without a BEGIN SOLUTION")
            in_solution = False
        elif not in_solution:
            new_lines.append(line)
    if in_solution:
        raise MarkerError("BEGIN SOLUTION without an END SOLUTION")
    return "\n".join(new_lines), replaced


def _replaced(cell, replacement: str):
    new = copy.deepcopy(cell)
    new.source, replaced = replace_solution_region(cell.source, replacement)
    if replaced and not is_solution(cell):
        raise MarkerError("a solution region in a cell that is not a solution cell (nbgrader metadata "
                          "'solution': true)")
    if is_solution(cell) and not replaced:
        new.source = replacement  # nbgrader: a solution cell without markers is replaced whole
    return new


def stub_cell(cell):
    """A copy of ``cell`` as the student edition has it (unchanged if it holds no solution)."""
    if cell.cell_type == "code":
        return _replaced(cell, code_stub(exercise_number(cell)))
    return _replaced(cell, TEXT_STUB)


def answered_cell(cell, code: str):
    """A copy of the answer cell ``cell`` with its solution region replaced by ``code`` (e.g. a wrong answer)."""
    if not is_solution(cell):
        raise MarkerError("not a solution cell")
    return _replaced(cell, textwrap.dedent(code).strip("\n"))


def solution_lines(cell) -> list[str]:
    """The non-blank lines inside the cell's solution regions (the whole cell if it has no markers)."""
    if not has_markers(cell.source):
        return [line for line in cell.source.split("\n") if line.strip()] if is_solution(cell) else []
    lines, inside = [], False
    for line in cell.source.split("\n"):
        if BEGIN in line:
            inside = True
        elif END in line:
            inside = False
        elif inside and line.strip():
            lines.append(line)
    return lines


# --- the exercises of a lesson ---------------------------------------------------------------------------------

@dataclass
class Exercise:
    number: int
    heading: int  # index of the "### Exercise N — ..." cell
    answers: list[int] = field(default_factory=list)  # answer cells (code and markdown), in order
    check: int | None = None  # the check cell

    def code_answers(self, nb) -> list[int]:
        return [i for i in self.answers if nb.cells[i].cell_type == "code"]


@dataclass
class Layout:
    start: int | None  # index of the "## Exercises" cell (None: the lesson has none)
    exercises: list[Exercise]
    problems: list[str]  # what breaks the conventions of notebooks/README.md, one sentence each


def exercises_start(nb) -> int | None:
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and cell.source.split("\n", 1)[0].strip() == EXERCISES_HEADING:
            return i
    return None


def exercise_layout(nb) -> Layout:
    """The exercises of ``nb`` and what in them breaks the conventions (notebooks/README.md)."""
    start = exercises_start(nb)
    problems: list[str] = []
    end = len(nb.cells) if start is None else start
    for i, cell in enumerate(nb.cells[:end]):
        if has_markers(cell.source) or is_solution(cell) or grading(cell).get("grade"):
            problems.append(f"cell {i}: a solution, or a cell nbgrader grades, before '{EXERCISES_HEADING}'")
    if start is None:
        return Layout(None, [], problems + [f"no '{EXERCISES_HEADING}' heading"])

    exercises: list[Exercise] = []
    for i in range(start + 1, len(nb.cells)):
        cell = nb.cells[i]
        heading = EXERCISE_HEADING.match(cell.source) if cell.cell_type == "markdown" else None
        if heading and not is_solution(cell):
            number = int(heading.group(1))
            if number != len(exercises) + 1:
                problems.append(f"cell {i}: Exercise {number} where Exercise {len(exercises) + 1} was expected")
            exercises.append(Exercise(number, i))
            continue
        if not (is_solution(cell) or is_check(cell)):
            if has_markers(cell.source):
                problems.append(f"cell {i}: solution markers in a cell without nbgrader metadata "
                                "'solution': true")
            continue
        gid = grading(cell).get("grade_id")
        number = exercise_number(cell)
        current = exercises[-1] if exercises else None
        if current is None:
            problems.append(f"cell {i} ({gid}): an nbgrader cell before the first '### Exercise 1' heading")
            continue
        if number != current.number:
            problems.append(f"cell {i}: grade_id {gid!r} inside Exercise {current.number} (expected "
                            f"'ex{current.number}...')")
        if is_solution(cell):
            if current.check is not None:
                problems.append(f"cell {i} ({gid}): an answer cell after the check of Exercise {current.number}")
            current.answers.append(i)
        else:
            if gid != f"ex{current.number}-check":
                problems.append(f"cell {i}: the check's grade_id is {gid!r}, expected 'ex{current.number}-check'")
            if current.check is not None:
                problems.append(f"cell {i}: a second check cell in Exercise {current.number}")
            else:
                current.check = i
    for ex in exercises:
        if not ex.code_answers(nb):
            problems.append(f"Exercise {ex.number} (cell {ex.heading}): no code answer cell (nbgrader "
                            "'solution': true, grade_id 'exN')")
        if ex.check is None:
            problems.append(f"Exercise {ex.number} (cell {ex.heading}): no check cell (grade_id "
                            f"'ex{ex.number}-check')")
        elif nb.cells[ex.check - 1].cell_type != "markdown":
            problems.append(f"Exercise {ex.number}: the check (cell {ex.check}) does not follow a markdown line")
    return Layout(start, exercises, problems)


def nbgrader_problems(nb) -> list[str]:
    """What nbgrader's metadata validator (``nbgraderformat/v3.py``, schema version 3) would refuse."""
    problems, seen = [], {}
    required = ("schema_version", "grade", "locked", "solution")
    allowed = set(required) | {"task", "grade_id", "points", "checksum", "cell_type"}
    for i, cell in enumerate(nb.cells):
        if "nbgrader" not in cell.metadata:
            continue
        meta = grading(cell)
        missing = [key for key in required if key not in meta]
        extra = sorted(set(meta) - allowed)
        if missing or extra:
            problems.append(f"cell {i}: nbgrader metadata missing {missing}, unknown {extra}")
            continue
        if meta["schema_version"] != 3:
            problems.append(f"cell {i}: nbgrader schema_version {meta['schema_version']}, expected 3")
        grade, solution, locked = meta["grade"], meta["solution"], meta["locked"]
        gid = meta.get("grade_id")
        if grade or solution or locked:
            if not gid or not re.fullmatch(r"[A-Za-z0-9_\-]+", str(gid)):
                problems.append(f"cell {i}: nbgrader grade_id {gid!r} (letters, digits, '_' and '-')")
            elif gid in seen:
                problems.append(f"cell {i}: grade_id {gid!r} is also cell {seen[gid]}'s (must be unique)")
            else:
                seen[gid] = i
        if grade and not isinstance(meta.get("points"), (int, float)):
            problems.append(f"cell {i} ({gid}): a grade cell needs 'points'")
        if cell.cell_type == "markdown" and not meta.get("task", False) and grade != solution:
            problems.append(f"cell {i} ({gid}): a markdown answer needs 'solution': true and 'grade': true "
                            "(nbgrader grades it by hand)")
    return problems


# --- the student edition ---------------------------------------------------------------------------------------

def student_notebook(nb, filename: str, config: dict):
    """The student edition of the lesson ``nb`` (saved as ``notebooks/student/<filename>``)."""
    student = copy.deepcopy(nb)
    for i, cell in enumerate(nb.cells):
        try:
            student.cells[i] = stub_cell(cell)
        except MarkerError as err:
            raise MarkerError(f"{filename}, cell {i}: {err}") from None
    owner_repo = config["repository"].removeprefix("https://github.com/").rstrip("/")
    badge = BADGE.format(owner_repo=owner_repo, ref=config["ref"], filename=filename)
    line = STUDENT_LINE.format(repository=config["repository"].rstrip("/"), ref=config["ref"], filename=filename)
    if len(student.cells) < 2 or student.cells[1].cell_type != "markdown":
        raise MarkerError(f"{filename}: expected cell 1 = the Colab badge (markdown)")
    student.cells[1].source = f"{badge}\n\n{line}"
    student.cells = [cell for cell in student.cells if not is_notes(cell)]
    for cell in student.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cell.metadata.pop("execution", None)
    student.metadata.pop("celltoolbar", None)  # as nbgrader
    return student


def render(nb) -> str:
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def sources(directory: Path) -> list[Path]:
    """The lessons that get a student edition: every numbered lesson, and appendices with solution cells."""
    lessons = series.lessons(directory)
    appendices = [p for p in series.appendices(directory)
                  if any(is_solution(c) for c in nbformat.read(p, as_version=4).cells)]
    return lessons + appendices


def build(source_dir: Path, out_dir: Path, *, write: bool, config: dict | None = None) -> list[str]:
    """The stale files of ``out_dir`` (missing, different, or without a lesson), fixed when ``write``."""
    config = config or sync_notebooks.settings()
    stale = []
    expected = {}
    for path in sources(source_dir):
        expected[path.name] = render(student_notebook(nbformat.read(path, as_version=4), path.name, config))
    for name, text in expected.items():
        target = out_dir / name
        if not target.exists():
            stale.append(f"{name} (missing)")
        elif target.read_text(encoding="utf-8") != text:
            stale.append(f"{name} (differs from its lesson)")
        else:
            continue
        if write:
            out_dir.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    for orphan in sorted(out_dir.glob("*.ipynb")):
        if orphan.name not in expected:
            stale.append(f"{orphan.name} (no such lesson)")
            if write:
                orphan.unlink()
    return stale


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only name the stale files (exit 1 if any)")
    parser.add_argument("--sources", type=Path, default=NOTEBOOKS, help="the instructor edition (notebooks/)")
    parser.add_argument("--out", type=Path, help="where the student edition goes (default: SOURCES/student)")
    args = parser.parse_args(argv)
    out = args.out or args.sources / STUDENT_DIR
    try:
        stale = build(args.sources, out, write=not args.check)
    except MarkerError as err:
        print(f"make_student: {err}", file=sys.stderr)
        return 2
    if args.check:
        if stale:
            print(f"the student edition in {out} is out of date: {', '.join(stale)} (run: make student)",
                  file=sys.stderr)
            return 1
        print(f"student edition up to date ({out})")
        return 0
    print(f"student edition: {len(stale)} file(s) written or removed in {out}" +
          (f": {', '.join(stale)}" if stale else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
