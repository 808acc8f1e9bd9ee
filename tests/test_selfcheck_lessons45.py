"""fcnlab.selfcheck.lesson04 / lesson05, the references of lessons 4 and 5's exercise checks, on small inputs:
each passes a right answer and fails a known mistake with the hint that names it (the lessons' executed checks
are tests/test_exercises.py's)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from fcnlab import metrics
from fcnlab.selfcheck import lesson04, lesson05


def test_steps_are_checked_against_keras_on_runs_the_check_makes():
    def right(history, n, b):
        return len(history.epoch) * math.ceil(n / b)

    assert lesson04.check_steps(right, 5 * math.ceil(160 / 9), 160) == 90
    with pytest.raises(AssertionError, match="early stopping.*epochs that ran"):
        lesson04.check_steps(lambda h, n, b: h.params["epochs"] * math.ceil(n / b), 90, 160)
    with pytest.raises(AssertionError, match="last, smaller batch"):
        lesson04.check_steps(lambda h, n, b: len(h.epoch) * (n // b), 90, 160)
    with pytest.raises(AssertionError, match="steps_batch9.*last, smaller batch"):
        lesson04.check_steps(right, 5 * (160 // 9), 160)


def test_dice_loss_mistakes_are_named():
    def dice_loss(onehot, logits, axes=(0, 1, 2)):
        p = np.exp(logits - logits.max(-1, keepdims=True))
        p = p / p.sum(-1, keepdims=True)
        return float(1 - (2 * (p * onehot).sum(axes) / (p.sum(axes) + onehot.sum(axes))).mean())

    lesson04.check_dice_loss(dice_loss)
    with pytest.raises(AssertionError, match="not per image"):
        lesson04.check_dice_loss(lambda y, z: dice_loss(y, z, axes=(1, 2)))


def _predict_at(prob, t, positive=1):
    others = np.where(np.arange(prob.shape[-1]) == positive, -1.0, prob)
    return np.where(prob[..., positive] >= t, positive, others.argmax(axis=-1))


def test_the_threshold_is_fitted_on_validation_and_the_whole_curve_checked():
    rng = np.random.default_rng(0)
    grid = np.round(np.arange(0.05, 0.96, 0.05), 2)
    val_true, report_true = rng.integers(0, 2, (2, 3, 16, 16))
    val_p1 = np.clip(val_true * 0.4 + rng.random(val_true.shape) * 0.6, 0, 1)
    rep_p1 = np.clip(report_true * 0.3 + rng.random(report_true.shape) * 0.7, 0, 1)
    val, report = (np.stack([1 - val_p1, val_p1], -1), val_true), (np.stack([1 - rep_p1, rep_p1], -1), report_true)

    def curve(probs, true):
        return [metrics.mean_iou(true, _predict_at(probs, t), 2) for t in grid]

    right = curve(*val)
    best = float(grid[np.argmax(right)])
    tuned, plain = lesson05.check_threshold(right, best, grid, val, report, _predict_at, 2)
    assert np.isclose(plain, metrics.mean_iou(report_true, _predict_at(report[0], 0.5), 2))
    with pytest.raises(AssertionError, match="report images' curve"):
        lesson05.check_threshold(curve(*report), best, grid, val, report, _predict_at, 2)
    sampled = np.interp(grid, grid[[0, 9, 18]], np.asarray(right)[[0, 9, 18]])
    if not np.allclose(sampled, right):
        with pytest.raises(AssertionError, match="off at"):
            lesson05.check_threshold(sampled, best, grid, val, report, _predict_at, 2)
    with pytest.raises(AssertionError, match="not its index"):
        lesson05.check_threshold(right, float(np.argmax(right)), grid, val, report, _predict_at, 2)


def test_precision_recall_iou_from_a_three_class_matrix():
    cm = np.array([[50, 4, 6], [3, 30, 7], [9, 2, 40]])
    tp, fp, fn = 30, 4 + 2, 3 + 7
    lesson05.check_confusion(tp / (tp + fp), tp / (tp + fn), tp / (tp + fp + fn), cm)
    with pytest.raises(AssertionError, match="swapped"):
        lesson05.check_confusion(tp / (tp + fn), tp / (tp + fp), tp / (tp + fp + fn), cm)
    # FP and FN from the cells [0, 1] and [1, 0]: right with two classes only
    with pytest.raises(AssertionError, match="precision"):
        lesson05.check_confusion(30 / 34, 30 / 33, 30 / 37, cm)
    with pytest.raises(AssertionError, match="Dice"):
        lesson05.check_confusion(tp / (tp + fp), tp / (tp + fn), 2 * tp / (2 * tp + fp + fn), cm)


def test_band_errors_name_the_denominator():
    rng = np.random.default_rng(1)
    y_true = rng.integers(0, 2, (2, 8, 8))
    bands = rng.random((2, 8, 8)) < 0.2
    preds = {name: np.where(rng.random((2, 8, 8)) < 0.3, 1 - y_true, y_true) for name in ("fcn32s", "fcn8s")}
    shares = {n: np.count_nonzero((p != y_true) & bands) / np.count_nonzero(p != y_true) for n, p in preds.items()}
    assert lesson05.check_band_errors(bands.mean(), shares, bands, preds, y_true) == pytest.approx(shares)
    per_band = {n: np.count_nonzero((p != y_true) & bands) / bands.sum() for n, p in preds.items()}
    with pytest.raises(AssertionError, match="not of the band pixels"):
        lesson05.check_band_errors(bands.mean(), per_band, bands, preds, y_true)
    with pytest.raises(AssertionError, match="not a count"):
        lesson05.check_band_errors(int(bands.sum()), shares, bands, preds, y_true)


def test_a_sigmoid_for_the_softmax_is_named():
    """The probabilities of a multi-class Dice come from the softmax over the classes, not a sigmoid per class."""
    def dice_loss(onehot, logits):
        p = 1 / (1 + np.exp(-logits))
        return float(1 - (2 * (p * onehot).sum((0, 1, 2)) / (p.sum((0, 1, 2)) + onehot.sum((0, 1, 2)))).mean())

    with pytest.raises(AssertionError, match="sigmoid"):
        lesson04.check_dice_loss(dice_loss)
