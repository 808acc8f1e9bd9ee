"""The path a Colab student takes, executed in CI: lessons 4 and 5 end to end under the settings a GPU student
with their own data has, in one run (one run: each is minutes of full-width VGG16 on two CPU cores).

- ``FCNLAB_PROFILE=smoke``: the full profile's network (full-width VGG16 with fc6 / fc7, 134 M parameters),
  stages (frozen stage on cached features, fine-tuning, FCN-16s / 8s refinements), callbacks and saving, with
  random weights instead of the ImageNet download and a handful of images — every line a GPU student runs.
- ``FCNLAB_DATA=<folder>``: the lecture's file format without test labels (as the lecture ships it), here with
  three classes; the lessons report on the validation split and say so.

Lesson 5 runs after lesson 4 in the same build folder and must use lesson 4's models, not train new ones. The
synthetic data with test labels, binary, runs in the fast profile in every other lesson test.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import numpy as np
import pytest

from tools import run_lessons

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.lessons  # executes lessons 4 and 5: not in make unit

LESSONS = [ROOT / "notebooks" / "04_training.ipynb", ROOT / "notebooks" / "05_visualization.ipynb"]


@pytest.fixture(scope="module")
def lecture_folder(tmp_path_factory):
    """The lecture's files for a 3-class task, 16 training images, no test labels; 96 x 96 (any multiple of 32
    loads) so that full-width VGG16 runs in seconds on two CPU cores."""
    from fcnlab import data, scenes

    full = data.load_lesson_data(classes="full", n_train=16, n_test=4, size=96)
    # sky / building / vegetation -> 0, road -> 1, sidewalk / vehicle -> 2
    table = np.zeros(len(scenes.SCENE_CLASSES), dtype=np.int64)
    table[scenes.SCENE_CLASSES.index("road")] = 1
    table[[scenes.SCENE_CLASSES.index("sidewalk"), scenes.SCENE_CLASSES.index("vehicle")]] = 2
    folder = tmp_path_factory.mktemp("DL_data")
    np.save(folder / data.LECTURE_FILES["train_images"], (full.train_images * 255).round().astype(np.uint8))
    np.save(folder / data.LECTURE_FILES["train_labels"], data.one_hot(table[full.train_masks], 3))
    np.save(folder / data.LECTURE_FILES["test_images"], (full.test_images * 255).round().astype(np.uint8))
    return folder


def _models(build: Path) -> dict[str, int]:
    return {str(p.relative_to(build)): p.stat().st_mtime_ns for p in (build / "models").glob("*/*.keras")}


def _execute_lessons(build: Path, env: dict) -> dict[str, nbformat.NotebookNode]:
    """Lesson 4, then lesson 5 in the same build folder; lesson 5 must reuse lesson 4's models."""
    kernel_env = {**os.environ, "FCNLAB_BUILD_DIR": str(build), "TF_CPP_MIN_LOG_LEVEL": "3", **env}
    kernel_env.pop("MPLBACKEND", None)
    executed, saved_by_lesson_4 = {}, None
    for path in LESSONS:
        nb, failed = run_lessons.execute(path, 900, env=kernel_env)
        nbformat.write(nb, build / f"executed-{path.name}")
        assert failed is None, f"{path.name} failed under {env}:\n{str(failed)[-3000:]}"
        executed[path.stem] = nb
        if saved_by_lesson_4 is None:
            saved_by_lesson_4 = _models(build)
            assert len(saved_by_lesson_4) >= 3, f"lesson 4 saves FCN-32s, 16s, 8s: {sorted(saved_by_lesson_4)}"
    now = _models(build)
    reused = {name: now.get(name) == mtime for name, mtime in saved_by_lesson_4.items()}
    assert all(reused.values()), f"lesson 5 retrained or replaced lesson 4's models: {reused}"
    return executed


def _text(nb) -> str:
    return "\n".join(out.get("text", "") for cell in nb.cells if cell.cell_type == "code"
                     for out in cell.get("outputs", []) if out.get("output_type") == "stream")


def _check_runs(build: Path, executed, *, profile: str, split: str, classes: int):
    results = {p.parent.name: json.loads(p.read_text()) for p in (build / "results").glob("*/fcn8s.json")}
    assert len(results) == 1, f"one run: {sorted(results)}"
    (key, fcn8s), = results.items()
    assert key.startswith(f"{profile}-") and f"-{classes}c-" in key
    assert fcn8s["profile"] == profile and fcn8s["split"] == split
    assert len(fcn8s["iou_per_class"]) == classes
    for name in ("fcn32s", "fcn16s", "fcn8s"):
        sidecar = json.loads((build / "models" / key / f"{name}.json").read_text())
        assert sidecar["run"]["profile"]["name"] == profile
    assert "Traceback" not in _text(executed["05_visualization"])


def test_lessons_4_and_5_under_the_smoke_profile_on_lecture_files_without_test_labels(tmp_path, lecture_folder):
    """The full profile's path — VGG16 at full width, cached frozen stage, fine-tuning, refinements, Drive-safe
    checkpoints, saving and reloading, with random weights and a handful of images — on the lecture's files."""
    executed = _execute_lessons(tmp_path, {"FCNLAB_PROFILE": "smoke", "FCNLAB_DATA": str(lecture_folder)})
    _check_runs(tmp_path, executed, profile="smoke", split="validation", classes=3)
    assert "validation" in _text(executed["04_training"]), "lesson 4 says which split it reports on"
    assert not list((tmp_path / "checkpoints").glob("*/*/state.npz")), "finished stages leave no backup"
