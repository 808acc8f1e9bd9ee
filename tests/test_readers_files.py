"""What the course's readers read says what is and how to check it: no dated runs, issue numbers or the story of
how the project was made (that belongs in commit messages), and the README's first screen leads to the lessons.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tools import make_book, series

ROOT = Path(__file__).resolve().parents[1]
READERS_FILES = sorted({ROOT / "README.md", ROOT / "CHANGELOG.md", ROOT / "notebooks" / "README.md",
                        ROOT / "data" / "README.md", *(ROOT / "docs").rglob("*.md")})
#: what a reader should not meet: (what it is, pattern)
FORBIDDEN = [
    ("a dated run", re.compile(r"\b20\d\d-\d\d-\d\d\b")),
    ("an issue or pull-request number", re.compile(r"(?<![\w/&])#\d+\b|\b(issue|PR|pull request)\s*#?\d+", re.I)),
    ("the project's history", re.compile(r"\b(sessions?|lent|in an earlier|the issue's|we tried|was tried|"
                                         r"tried shorter|today)\b", re.I)),
]
RELEASE_HEADING = re.compile(r"^## \[\d+\.\d+\.\d+\] - 20\d\d-\d\d-\d\d$")  # a changelog may date its releases


def offences(text: str) -> list[str]:
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if RELEASE_HEADING.match(line):
            continue
        found += [f"line {number}: {what} ({m.group(0)!r})" for what, pattern in FORBIDDEN
                  for m in pattern.finditer(line)]
    return found


@pytest.mark.parametrize("path", READERS_FILES, ids=[str(p.relative_to(ROOT)) for p in READERS_FILES])
def test_a_readers_file_tells_no_dated_runs_issue_numbers_or_history(path):
    found = offences(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(ROOT)}:\n" + "\n".join(found)


def test_the_check_finds_what_it_is_for():
    assert offences("the series took 328.8 s on 2026-12-02")
    assert offences("fixed in #42") and offences("see issue 12")
    assert offences("no GPU has been lent to this project's sessions")
    assert not offences("## [0.2.0] - 2026-12-04") and not offences("excellent results; open slide #/3/1 of the deck")


def test_the_readme_is_short_and_its_first_screen_opens_every_lesson_in_colab():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 120, f"README.md has {len(lines)} lines: move details into docs/"
    first_screen = "\n".join(lines[:30])
    config = make_book.settings()
    for lesson in series.lessons():
        link = make_book.COLAB.format(owner_repo=config["owner_repo"], ref=config["ref"], name=lesson.name)
        assert link in first_screen, f"README.md's first screen lacks the Colab link {link}"


def test_the_readme_figure_is_committed_and_small():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert images, "README.md shows no figure from the lessons"
    for image in images:
        path = ROOT / image
        assert path.exists() and path.stat().st_size < 400_000, f"{image}: missing or over 400 KB"
