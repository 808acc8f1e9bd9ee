"""The lesson notebooks follow the series' conventions (notebooks/README.md).

nbval executes them (``make test``); these tests check what execution cannot: stripped outputs, the shared
top cells, prose before code, exercises with self-checks, slideshow metadata.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from tools import series, sync_notebooks

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
EXPECTED = ["01_segmentation_concepts", "02_data", "03_fcn_architecture", "04_training", "05_visualization"]
NOTEBOOKS = series.lessons()
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}


def _read(path):
    return nbformat.read(path, as_version=4)


def test_the_series_is_complete():
    assert [p.stem for p in NOTEBOOKS] == EXPECTED


@pytest.fixture(params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def notebook(request):
    return request.param, _read(request.param)


def test_committed_without_outputs(notebook):
    path, nb = notebook
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not dirty, f"{path.name}: cells {dirty} have outputs; run nbstripout {path.name}"


def test_title_badge_setup_objectives(notebook):
    path, nb = notebook
    cells = nb.cells
    number = int(path.stem[:2])
    assert cells[0].cell_type == "markdown" and re.match(rf"# Lesson {number} — ", cells[0].source), \
        f"{path.name}: cell 0 must be the title '# Lesson {number} — …'"
    ref = sync_notebooks.settings()["ref"]
    assert f"colab.research.google.com/github/fcnlab/fcnlab/blob/{ref}/notebooks/{path.name}" in cells[1].source
    assert cells[2].cell_type == "code" and "google.colab" in cells[2].source
    assert cells[3].cell_type == "markdown" and cells[3].source.startswith("## Learning objectives")


def test_setup_cell_is_identical_everywhere():
    sources = {p.name: _read(p).cells[2].source for p in NOTEBOOKS}
    assert len(set(sources.values())) == 1, f"setup cells differ: {sorted(sources)}"
    (setup,) = set(sources.values())
    assert "--no-deps" in setup and "-e " not in setup, "Colab installs fcnlab with --no-deps, not editable"


def test_prose_before_every_code_cell(notebook):
    path, nb = notebook
    for i, cell in enumerate(nb.cells[3:], 3):
        if cell.cell_type == "code":
            assert nb.cells[i - 1].cell_type == "markdown", \
                f"{path.name}: code cell {i} does not follow a markdown cell"


def test_prose_is_at_least_a_third(notebook):
    path, nb = notebook
    prose = sum(len(c.source) for c in nb.cells if c.cell_type == "markdown")
    total = sum(len(c.source) for c in nb.cells)
    assert prose / total >= 1 / 3, f"{path.name}: prose is {prose / total:.0%} of the text"


def test_objectives_summary_and_three_exercises_with_self_checks(notebook):
    path, nb = notebook
    headings = [c.source.splitlines()[0] for c in nb.cells if c.cell_type == "markdown" and c.source]
    assert any(h.startswith("## Summary") for h in headings), f"{path.name}: no '## Summary'"
    exercises = [i for i, c in enumerate(nb.cells)
                 if c.cell_type == "markdown" and re.match(r"#+ .*\bExercise\b", c.source)]
    assert len(exercises) >= 3, f"{path.name}: {len(exercises)} exercises, expected at least 3"
    bounds = exercises[1:] + [len(nb.cells)]
    for start, end in zip(exercises, bounds, strict=True):
        checks = [c for c in nb.cells[start + 1:end] if c.cell_type == "code" and "assert" in c.source]
        assert checks, f"{path.name}: the exercise in cell {start} has no self-check (an assert)"


def test_slideshow_metadata_on_every_cell(notebook):
    path, nb = notebook
    missing = [i for i, c in enumerate(nb.cells)
               if c.metadata.get("slideshow", {}).get("slide_type") not in SLIDE_TYPES]
    assert not missing, f"{path.name}: cells {missing} lack slideshow metadata"
    assert nb.cells[0].metadata["slideshow"]["slide_type"] == "slide"


def test_colab_asks_for_a_gpu(notebook):
    path, nb = notebook
    assert nb.metadata.get("accelerator") == "GPU", f"{path.name}: metadata.accelerator should be 'GPU'"


def test_badge_and_setup_cells_are_in_sync_with_the_template(capsys):
    from tools import sync_notebooks

    assert sync_notebooks.main(["--check"]) == 0, capsys.readouterr().err


def test_sync_is_idempotent_and_repairs_a_drifted_notebook(tmp_path, monkeypatch):
    import shutil

    from tools import sync_notebooks as sync

    copy = tmp_path / NOTEBOOKS[0].name
    shutil.copy(NOTEBOOKS[0], copy)
    config = sync.settings()
    assert not sync.sync(copy, config, write=True), "a synced notebook needs no change"
    nb = _read(copy)
    nb.cells[2].source = nb.cells[2].source.replace("--no-deps", "-e")  # drift: someone edited by hand
    nbformat.write(nb, copy)
    assert sync.sync(copy, config, write=True), "drift is detected"
    assert _read(copy).cells[2].source == _read(NOTEBOOKS[0]).cells[2].source, "and repaired"
    before = copy.read_bytes()
    assert not sync.sync(copy, config, write=True) and copy.read_bytes() == before, "idempotent"
