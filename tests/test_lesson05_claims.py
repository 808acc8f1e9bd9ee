"""What lesson 5's text says about its own run, checked here instead of in the lesson.

The text's run is the fast profile on the default data (synthetic road scenes, two classes). Its prose states
numbers and orderings — a 3-pixel shift keeps mean IoU above 0.9 and drops boundary IoU to about 0.3; the
entropy concentrates on the boundaries; the controls take about half of FCN-8s's gain in mean IoU and the skips
most of its gain in boundary IoU — and a student should not meet a maintainer's ``assert`` for each of them.
The tests read what the executed series saved in its build folder (the ``series_build`` fixture):
the results lesson 4 and lesson 5 wrote, and the FCN-8s model.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import softmax

from fcnlab import baseline, evaluation, metrics, storage, training, viz
from fcnlab import data as fdata
from fcnlab import profile as fprofile

K = 3  # the image lesson 5 studies closely


@pytest.fixture(scope="module")
def text_run():
    """``(lesson data, fast profile, its split)``: the run lesson 5's text describes."""
    lesson = fdata.load_lesson_data("synthetic", classes="binary")
    fast = fprofile.get("fast")
    return lesson, fast, training.splits(lesson, fast)


@pytest.fixture(scope="module")
def saved(series_build, text_run):
    """``(results by name, storage run)`` of the executed series; ``fcnlab.storage`` reads its build folder
    while the module's tests run."""
    if fprofile.current().name != "fast":
        pytest.skip("the series ran another profile; lesson 5's text describes the fast one")
    lesson, fast, _ = text_run
    run = storage.Run.of(fast, lesson)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FCNLAB_BUILD_DIR", str(series_build))
        results = storage.load_results(run)
        missing = {"fcn32s", "fcn16s", "fcn8s", *training.CONTROLS} - set(results)
        assert not missing, f"the executed series saved no result for {sorted(missing)} in {run.key}"
        yield results, run


def test_a_3_pixel_shift_keeps_mean_iou_and_costs_most_of_the_boundary_iou(text_run):
    """Section 3: "Mean IoU hardly moves; boundary IoU falls to about 0.3"."""
    _, _, split = text_run
    truth = split.report.masks[K]
    shifted = np.pad(truth, ((0, 0), (3, 0)))[:, :-3]
    assert metrics.mean_iou(truth, shifted, 2) > 0.9
    assert 0.2 < metrics.boundary_iou(truth, shifted, 2) < 0.45


def test_the_uncertainty_sits_on_the_boundaries(saved, text_run):
    """Section 3: FCN-8s's mean entropy inside the true boundary bands is several times that outside."""
    _, run = saved
    _, _, split = text_run
    model = storage.load_model(run, "fcn8s", say=lambda _: None)
    assert model is not None, f"no fcn8s saved in {run.key}"
    logits = evaluation.predict_logits(model, split.report.images)
    entropy = viz.entropy_map(softmax(logits, axis=-1))
    # the true 3-pixel bands of both classes (lesson 5's boundary_band is the metric's own band)
    bands = np.stack([metrics.boundary_band(m == 0, 3) | metrics.boundary_band(m == 1, 3)
                      for m in split.report.masks])
    assert entropy[bands].mean() > 3 * entropy[~bands].mean()


def test_the_comparison_reads_as_the_text_says(saved, text_run):
    """Section 6 and the summary: skips and epochs both help; the baseline is far behind; about half of
    FCN-8s's mean-IoU gain is training time; most of its boundary-IoU gain is the skips'."""
    results, _ = saved
    _, _, split = text_run
    rule = baseline.ColourThresholdBaseline.fit(split.train_images, split.train_labels.argmax(axis=-1))
    base = metrics.mean_iou(split.report.masks, rule.predict(split.report.images), 2)
    m = {name: r["mean_iou"] for name, r in results.items()}
    b = {name: r["boundary_iou"] for name, r in results.items()}
    assert all(r["split"] == "test" for r in results.values())
    assert m["fcn8s"] > m["fcn32s_as_8s"] > m["fcn32s"], m
    assert m["fcn8s"] > base + 0.1, (m, base)
    assert b["fcn8s"] >= b["fcn16s"] >= b["fcn32s"], b
    epochs_share = (m["fcn32s_as_8s"] - m["fcn32s"]) / (m["fcn8s"] - m["fcn32s"])
    assert 0.25 < epochs_share < 0.75, f"'about half' of the mean-IoU gain is training time: {epochs_share:.2f}"
    skip_share = (b["fcn8s"] - b["fcn32s_as_8s"]) / (b["fcn8s"] - b["fcn32s"])
    assert skip_share > 0.5, f"'most' of the boundary-IoU gain is the skips': {skip_share:.2f}"
