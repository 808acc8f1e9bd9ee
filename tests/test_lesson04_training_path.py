"""Checks moved out of lesson 4 (notebooks/04_training.ipynb) and what the lesson relies on.

The lesson builds, compiles and fits FCN-32s inline (sections 5 and 6), then calls ``training.train_fcn`` for
FCN-16s and FCN-8s. These tests run the lesson's own cells, taken from the notebook, on small data and check
that they are the package's code path:

- the inline compile step equals ``training.compile_fcn`` (schedule, optimiser, loss, metric): this was the
  lesson's ``twin`` cell;
- the lesson's cells train exactly what ``train_fcn`` trains with the same profile and seed, in the fast
  profile (the model on augmented images) and in a full-like profile (the decoder on cached features), so
  lesson 4's FCN-32s and the one lesson 5 would train through ``load_or_train`` are the same network.

(``init_from_coarser``, the lesson's other equality cell, is tested in tests/test_training.py.)
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import keras
import nbformat
import numpy as np
import pytest

from fcnlab import data, devices, evaluation, metrics, profile, storage, training, viz

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "04_training.ipynb"
TINY = dataclasses.replace(profile.get("fast"), epochs=2, head_channels=16, validation_images=4)
TINY_FULL = dataclasses.replace(TINY, freeze_backbone=True, freeze_fc=True, batch_norm=False, dropout=0.5,
                                cache_features=True)


def _cells() -> list[str]:
    return [c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code"]


def _cell(marker: str) -> str:
    found = [source for source in _cells() if marker in source]
    assert len(found) == 1, f"expected one code cell of lesson 4 with {marker!r}, found {len(found)}"
    return found[0]


#: the lesson's cells from "build FCN-32s" to "fit", in order (each found by a line only it has)
TRAINING_CELLS = ("training.build_model(\"fcn32s\"", "fitted.compile(", "training.stage_checkpoint(",
                  "fitted.fit(")


@pytest.fixture(scope="module")
def small_lesson():
    return data.load_lesson_data(n_train=16, n_test=2, size=64)


def _namespace(lesson, prof) -> dict:
    """What the lesson has defined before section 5 (sections 1-2), for ``lesson`` and ``prof``."""
    import time

    import matplotlib.pyplot as plt

    return {"time": time, "keras": keras, "np": np, "plt": plt, "devices": devices, "evaluation": evaluation,
            "metrics": metrics, "storage": storage, "training": training, "viz": viz, "fdata": data,
            "PROFILE": prof, "lesson": lesson, "C": lesson.num_classes, "RUN": storage.Run.of(prof, lesson),
            "split": training.splits(lesson, prof)}


def _run_lesson_cells(lesson, prof, cells=TRAINING_CELLS) -> dict:
    namespace = _namespace(lesson, prof)
    for marker in cells:
        exec(compile(_cell(marker), f"04_training: {marker}", "exec"), namespace)
    return namespace


def _compile_config(model) -> dict:
    """What ``compile`` was given, serialised; the optimiser's automatic name ("adam", "adam_1") left out."""
    config = model.get_compile_config()
    config["optimizer"]["config"].pop("name")
    return config


def test_the_lesson_compiles_as_compile_fcn(small_lesson, build):
    lesson = _run_lesson_cells(small_lesson, TINY, TRAINING_CELLS[:2])  # build, compile
    twin = training.build_model("fcn32s", TINY, small_lesson.num_classes)
    training.compile_fcn(twin, TINY, steps_per_epoch=lesson["steps_per_epoch"])
    ours = _compile_config(lesson["fitted"])
    assert ours == _compile_config(twin)
    # and what the lesson says it is: Adam, cosine decay to 0 over all steps, cross-entropy on logits, mIoU
    schedule = ours["optimizer"]["config"]["learning_rate"]
    assert ours["optimizer"]["class_name"] == "Adam" and schedule["class_name"] == "CosineDecay"
    steps = int(np.ceil(len(lesson["split"].train_images) / TINY.batch_size)) * TINY.epochs
    assert schedule["config"]["initial_learning_rate"] == TINY.learning_rate
    assert schedule["config"]["decay_steps"] == steps and schedule["config"]["alpha"] == 0.0
    assert ours["loss"]["class_name"] == "CategoricalCrossentropy" and ours["loss"]["config"]["from_logits"]
    (metric,) = ours["metrics"]
    assert metric["class_name"] == "OneHotMeanIoU" and metric["config"]["name"] == "miou"
    assert metric["config"]["num_classes"] == small_lesson.num_classes


@pytest.mark.parametrize("prof", [TINY, TINY_FULL], ids=["fast", "full-like (cached features)"])
def test_the_lessons_cells_train_what_train_fcn_trains(small_lesson, build, prof):
    lesson = _run_lesson_cells(small_lesson, prof)
    assert (lesson["fitted"] is lesson["model"]) == (not prof.cache_features)
    packaged = training.train_fcn("fcn32s", small_lesson, prof, seed=lesson["SEED"], save=False)
    assert lesson["history"].history["loss"] == packaged.history["loss"]
    assert lesson["history"].history["val_miou"] == packaged.history["val_miou"]
    for a, b in zip(lesson["model"].get_weights(), packaged.model.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    steps = int(lesson["fitted"].optimizer.iterations)
    assert steps == len(packaged.history["loss"]) * lesson["steps_per_epoch"]
    # the finished stage left no backup behind (both used the same stage checkpoint folder)
    assert not lesson["checkpoint"].folder.exists()
