"""The checks of lesson 2's exercises (notebooks/02_data.ipynb).

Each ``check_*`` function recomputes the truth itself, on the lesson's data and on inputs it makes, and raises
an ``AssertionError`` whose hint names the mistake it recognises (without stating a predicted number).
"""

from __future__ import annotations

from contextlib import ExitStack
from unittest import mock

import numpy as np

import fcnlab.data
from fcnlab import metrics

__all__ = ["check_one_hot", "check_null_scores", "check_grey_threshold", "check_misfit"]


def _forbidden(*targets, hint: str) -> ExitStack:
    """While open, calling any of ``targets`` ((module, name) pairs) fails the check with ``hint``."""
    stack = ExitStack()
    for module, name in targets:
        stack.enter_context(mock.patch.object(module, name, side_effect=AssertionError(hint)))
    return stack


def _call(fn, *args):
    """``fn(*args)``; an error becomes a failed check that says on what input it happened."""
    try:
        return fn(*args)
    except AssertionError:
        raise
    except Exception as err:
        shapes = ", ".join(str(np.shape(a)) if np.ndim(a) else repr(a) for a in args)
        name = getattr(fn, "__name__", "it")
        raise AssertionError(f"hint: {name}({shapes}) fails: {type(err).__name__}: {err} "
                             "(use its arguments, whatever their shape and class count)") from None


def _one_hot(masks, num_classes):
    return np.eye(num_classes, dtype=np.uint8)[np.asarray(masks)]


def check_one_hot(my_one_hot, masks, labels) -> None:
    """``my_one_hot`` on masks the check makes (other shapes and class counts) and on ``masks``."""
    rng = np.random.default_rng(2)
    cases = [(rng.integers(0, 4, (2, 5, 7)), 6), (rng.integers(0, 3, (3, 4)), 3),
             (np.array([[0, 1, 1], [1, 0, 2]]), 3)]
    with _forbidden((fcnlab.data, "one_hot"), hint="hint: write it without fcnlab.data.one_hot"):
        for mask, c in cases:
            got = np.asarray(_call(my_one_hot, mask, c))
            assert got.shape != (c, *mask.shape) or c == mask.shape[0], (
                "hint: the classes go in the LAST axis")
            assert got.shape == (*mask.shape, c), (
                f"hint: a {mask.shape} mask and {c} classes give shape {(*mask.shape, c)}: "
                "num_classes channels, whatever the largest label in the mask")
            assert got.dtype == np.uint8, f"hint: labels are stored as uint8, not {got.dtype}"
            expected = _one_hot(mask, c)
            assert not np.array_equal(got[..., :-1], expected[..., 1:]), (
                "hint: class 0 has channel 0")
            assert np.array_equal(got, expected), "hint: channel k is 1 exactly where the mask is k"
        assert np.array_equal(my_one_hot(masks, labels.shape[-1]), labels), (
            "hint: try it on split.masks and compare with split.labels")


def _null_truth(labels):
    masks = np.asarray(labels).argmax(axis=-1)
    zeros = np.zeros_like(masks)
    c = labels.shape[-1]
    return (float(np.mean(masks == 0)), metrics.pixel_accuracy(masks, zeros),
            metrics.mean_iou(masks, zeros, c))


def _made_labels(rng, c, share0, shape=(3, 16, 16)):
    """One-hot labels with ``c`` classes, about ``share0`` of the pixels class 0, every class present."""
    masks = np.where(rng.random(shape) < share0, 0, rng.integers(1, c, shape))
    masks.flat[:c] = np.arange(c)
    return _one_hot(masks, c)


def check_null_scores(null_scores, labels) -> None:
    """``null_scores(labels) -> (p0, accuracy, mean IoU)`` on ``labels`` and on labels the check makes."""
    rng = np.random.default_rng(4)
    cases = [labels, _made_labels(rng, 4, 0.55), _made_labels(rng, 3, 0.3), _made_labels(rng, 2, 0.9)]
    truths = [_null_truth(case) for case in cases]  # measured with fcnlab.metrics, before they are off
    score_fns = [(metrics, name) for name in ("pixel_accuracy", "mean_iou", "iou_per_class",
                                              "segmentation_report", "confusion_matrix")]
    hint = "hint: predict the scores by a formula of p0 and the number of classes, no metric"
    with _forbidden(*[t for t in score_fns if hasattr(*t)], hint=hint):
        for case, (p0, accuracy, miou) in zip(cases, truths, strict=True):
            c = case.shape[-1]
            got = _call(null_scores, case)
            assert len(got) == 3, "hint: return (p0, accuracy, mean IoU)"
            got_p0, got_acc, got_miou = (float(v) for v in got)
            assert not np.isclose(got_p0, 100 * p0), "hint: p0 is a share (0 to 1), not a percentage"
            assert not np.isclose(got_p0, np.mean(case == 0)), (
                "hint: the share of class-0 PIXELS, not of the zeros in the one-hot array")
            assert np.isclose(got_p0, p0), (
                "hint: p0 is the share of class-0 pixels of the labels passed in (channel 0)")
            assert not np.isclose(got_acc, 1 - p0), "hint: which pixels does it get right?"
            assert np.isclose(got_acc, accuracy), "hint: pixel accuracy, as a formula of p0"
            assert c == 2 or not np.isclose(got_miou, p0 / 2), (
                "hint: the number of classes is labels.shape[-1], not always 2 (nor C)")
            assert np.isclose(got_miou, miou), (
                "hint: the IoU of class 0, the IoU of every other class, then their mean")


def _grey_rule(images, direction, t):
    grey = np.asarray(images).mean(axis=-1)
    return grey < t if direction == "<" else grey >= t


def check_grey_threshold(grey_rule, grey_pred, grey_miou, *, images, truth, direction, t,
                         train_miou) -> None:
    """``grey_rule`` on images the check makes, both directions; then the training rule applied to every
    held-out pixel (``grey_pred``) and its mean IoU."""
    made = np.random.default_rng(3).random((2, 6, 7, 3), dtype=np.float32)
    for made_direction, made_t in [("<", 0.4), (">=", 0.4), (">=", 0.6), ("<", 0.55)]:
        got = np.asarray(_call(grey_rule, made, made_direction, made_t))
        expected = _grey_rule(made, made_direction, made_t)
        assert got.shape == expected.shape, f"hint: one 0/1 label per pixel, {expected.shape}"
        assert made_direction == "<" or not np.array_equal(got, _grey_rule(made, "<", made_t)), (
            f"hint: with direction {made_direction!r} the rule fires where grey {made_direction} t")
        assert not np.array_equal(got, expected != 1), "hint: 1 = road: which side of t fires?"
        assert np.array_equal(got, expected), (
            "hint: the grey level is the mean of R, G and B; compare it with t in the given direction")
    fires = _grey_rule(images, direction, t)
    pred = np.asarray(grey_pred)
    assert pred.shape == truth.shape, f"hint: one 0/1 label per held-out pixel, {truth.shape}"
    assert not np.array_equal(pred, truth), "hint: that is the truth; apply the threshold"
    differs = np.mean(pred != fires)
    assert differs < 0.99, "hint: 1 = road: which side of best_t does the rule fire on?"
    assert differs < 1e-3, ("hint: apply the training rule (best_direction, best_t) to the grey "
                            "level, the mean of R, G and B, of every held-out pixel")
    miou = metrics.mean_iou(truth, fires.astype(np.int64), 2)
    assert not np.isclose(grey_miou, train_miou), "hint: that is the training score"
    assert not np.isclose(grey_miou, metrics.pixel_accuracy(truth, fires)), (
        "hint: mean IoU, not pixel accuracy")
    assert abs(grey_miou - miou) < 1e-3, "hint: score grey_pred against road_split (2 classes)"


def _misfit_mistakes(masks, c):
    """Known wrong flips and scores, by hint: what each would return for ``masks``."""
    flips = {"np.fliplr and axis 1 of (N, H, W) flip up and down": masks[:, ::-1],
             "axis 0 reverses the order of the masks": masks[::-1],
             "the mask is not flipped at all": masks,
             "np.flip without an axis flips every axis": masks[::-1, ::-1, ::-1]}
    known = {hint: metrics.mean_iou(flipped, masks, c) for hint, flipped in flips.items()}
    truth = metrics.mean_iou(masks[:, :, ::-1], masks, c)
    known["a mean IoU lies between 0 and 1"] = 100 * truth
    known["mean IoU, not pixel accuracy"] = metrics.pixel_accuracy(masks[:, :, ::-1], masks)
    per_image = np.mean([metrics.mean_iou(m[:, ::-1], m, c) for m in masks])
    known["one mean IoU over all pixels, not a mean of per-image scores"] = per_image
    return truth, {hint: value for hint, value in known.items() if not np.isclose(value, truth)}


def check_misfit(flip_misfit, masks, num_classes) -> None:
    """``flip_misfit(masks, num_classes)`` on ``masks`` and on masks the check makes (3 classes, H != W)."""
    rng = np.random.default_rng(6)
    made = rng.integers(0, 3, (4, 6, 9))
    made[:, :, :4] = 0  # lopsided, so that a flip matters
    for case, c in [(np.asarray(masks), num_classes), (made, 3)]:
        got = float(_call(flip_misfit, case, c))
        truth, known = _misfit_mistakes(case, c)
        hint = next((h for h, value in known.items() if np.isclose(got, value)),
                    "flip every mask left to right and score it against the unflipped masks")
        assert abs(got - truth) < 1e-9, f"hint: {hint}"
