"""The maintainer tools: `make lessons` starts from a clean build; the setup cell can pin a tag."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from tools import run_lessons, series, sync_notebooks

ROOT = Path(__file__).resolve().parents[1]




def test_make_lessons_starts_from_a_clean_build(tmp_path):
    """Models, backups and results of an earlier run are gone before the first lesson runs; the npm cache stays."""
    for stale in ("models/smoke-x/fcn32s.keras", "checkpoints/fast-x/fcn32s-train/state.npz",
                  "results/fast-x/fcn8s.json", "notebooks/04_training.ipynb", "results.json",
                  "slides-deps/node_modules/reveal.js/package.json"):
        (tmp_path / stale).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / stale).write_text("old")
    run_lessons.clean(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slides-deps"]
    assert (tmp_path / "slides-deps/node_modules/reveal.js/package.json").exists()


def test_the_series_is_the_numbered_lessons_in_order_then_the_appendices():
    names = [p.name for p in series.series()]
    numbered = [n for n in names if n[:2].isdigit()]
    assert numbered and names == sorted(numbered) + sorted(n for n in names if n.startswith("A"))


def test_the_setup_cell_and_badge_can_pin_a_tag(tmp_path, monkeypatch):
    sync = sync_notebooks
    copy = tmp_path / "notebooks"
    copy.mkdir()
    lesson = sorted((ROOT / "notebooks").glob("0[0-9]_*.ipynb"))[0]
    shutil.copy(lesson, copy / lesson.name)
    ref = sync.settings()["ref"]
    pyproject = (ROOT / "pyproject.toml").read_text().replace(f'ref = "{ref}"', 'ref = "v1.2.0"')
    pyproject = pyproject.replace('\nversion = "', '\nversion = "1.2.0"  # was "', 1)
    assert 'ref = "v1.2.0"' in pyproject and '\nversion = "1.2.0"' in pyproject
    (tmp_path / "pyproject.toml").write_text(pyproject)
    monkeypatch.setattr(sync, "ROOT", tmp_path)
    config = sync.settings()
    assert config["ref"] == "v1.2.0"
    assert sync.sync(copy / lesson.name, config, write=True)
    nb = nbformat.read(copy / lesson.name, as_version=4)
    assert f"/blob/v1.2.0/notebooks/{lesson.name}" in nb.cells[1].source
    assert "git+https://github.com/fcnlab/fcnlab@v1.2.0" in nb.cells[2].source
    assert 'FCNLAB_VERSION = "1.2.0"' in nb.cells[2].source


def test_the_release_names_one_version_everywhere():
    """pyproject's version = fcnlab.__version__ = the tag the notebooks install = CHANGELOG's latest release =
    CITATION.cff's version: a course that pins the tag gets the package its notebooks check for."""
    import re

    import fcnlab

    config = sync_notebooks.settings()
    version = config["version"]
    assert fcnlab.__version__ == version, f"fcnlab.__version__ {fcnlab.__version__} != pyproject's {version}"
    assert config["ref"] == f"v{version}", f"[tool.fcnlab] ref {config['ref']!r} is not the release tag v{version}"
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", (ROOT / "CHANGELOG.md").read_text(), re.M)
    assert releases and releases[0] == version, f"CHANGELOG.md's latest release is {releases[:1]}, not {version}"
    cff = (ROOT / "CITATION.cff").read_text()
    assert re.search(rf'^version: "?{re.escape(version)}"?$', cff, re.M), f"CITATION.cff does not say {version}"


def test_a_setup_cell_stops_a_notebook_on_another_fcnlab_version(capsys):
    """The setup cell, run outside Colab, checks the installed fcnlab against the notebook's release."""
    config = sync_notebooks.settings()
    _, setup = sync_notebooks.expected_cells(ROOT / "notebooks" / "01_x.ipynb", config)
    exec(compile(setup, "setup cell", "exec"), {})  # noqa: S102  (the cell, as a kernel runs it)
    assert f"fcnlab {config['version']}" in capsys.readouterr().out
    stale = setup.replace(f'FCNLAB_VERSION = "{config["version"]}"', 'FCNLAB_VERSION = "0.0.1"')
    with pytest.raises(RuntimeError, match=f"written for fcnlab 0.0.1, but fcnlab {config['version']} is installed"):
        exec(compile(stale, "setup cell", "exec"), {})  # noqa: S102


def test_a_lesson_kernel_is_shut_down_when_its_notebook_is_done(tmp_path):
    """nbclient leaves running a kernel whose manager it was given: the series must not keep every lesson's
    kernel (gigabytes each) alive until the end."""
    import os
    import time

    import psutil

    path = tmp_path / "99_pid.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import os\nprint(os.getpid())")]),
                   path)
    nb, failed = run_lessons.execute(path, 60, env=dict(os.environ))
    assert failed is None
    pid = int(nb.cells[0].outputs[0]["text"])
    deadline = time.monotonic() + 10
    while psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
        assert time.monotonic() < deadline, f"the kernel (pid {pid}) still runs after its notebook finished"
        time.sleep(0.2)


def test_the_results_table_scores_the_colour_baseline_as_lesson_5_does():
    """`make lessons`' baseline row: lesson 2's rule fitted on the run's training images (validation held out),
    scored on its report split; none for more than two classes."""
    from fcnlab import baseline, data, metrics, training
    from fcnlab.profile import get

    fast = get("fast")
    row = run_lessons.baseline_row(fast, "synthetic", "binary")
    split = training.splits(data.load_lesson_data("synthetic"), fast)
    rule = baseline.ColourThresholdBaseline.fit(split.train_images, split.train_labels.argmax(axis=-1))
    expected = metrics.mean_iou(split.report.masks, rule.predict(split.report.images), 2)
    assert (row["split"], row["images"]) == ("test", 27)
    assert row["mean_iou"] == pytest.approx(expected) and 0.3 < row["mean_iou"] < 0.6
    assert run_lessons.baseline_row(fast, "synthetic", "full") is None
