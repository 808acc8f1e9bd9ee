"""The checks of lesson 2's exercises (notebooks/02_data.ipynb).

Each ``check_*`` function recomputes the truth itself, on the lesson's data and on inputs it makes, and raises
an ``AssertionError`` whose hint names the mistake it recognises (without stating a predicted number).
"""

from __future__ import annotations

import sys

import numpy as np

import fcnlab.data
from fcnlab import metrics

__all__ = ["check_one_hot", "check_null_scores", "check_grey_threshold", "check_misfit"]


class _forbidden:
    """While open, records every call of ``functions`` (by their code, so an alias or a default argument
    that holds one is caught too); on exit, a recorded call fails the check with ``hint``."""

    def __init__(self, *functions, hint: str):
        self.codes = {f.__code__ for f in functions}
        self.hint, self.called, self.previous = hint, False, None

    def _profile(self, frame, event, arg):
        if event == "call" and frame.f_code in self.codes:
            self.called = True

    def __enter__(self):
        self.previous = sys.getprofile()
        sys.setprofile(self._profile)
        return self

    def __exit__(self, *exc):
        sys.setprofile(self.previous)
        if self.called:
            raise AssertionError(self.hint)
        return False


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
    with _forbidden(fcnlab.data.one_hot, hint="hint: write it without fcnlab.data.one_hot"):
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


def _predicted_case():
    """The labels of the exercise's "predict" question: 4 classes, 60 % of the pixels class 0."""
    masks = np.zeros((2, 10, 10), dtype=np.int64)
    masks.flat[120:] = np.arange(80) % 3 + 1
    return _one_hot(masks, 4)


def check_null_scores(null_scores, labels) -> tuple[float, float]:
    """``null_scores(labels) -> (p0, accuracy, mean IoU)`` on ``labels`` and on labels the check makes;
    returns (accuracy, mean IoU) for the labels of the "predict" question."""
    rng = np.random.default_rng(4)
    cases = [labels, _predicted_case(), _made_labels(rng, 4, 0.55), _made_labels(rng, 3, 0.3),
             _made_labels(rng, 2, 0.9)]
    truths = [_null_truth(case) for case in cases]  # measured with fcnlab.metrics, before they are off
    score_fns = [getattr(metrics, name) for name in ("pixel_accuracy", "mean_iou", "iou_per_class",
                                                     "segmentation_report", "confusion_matrix")
                 if hasattr(metrics, name)]
    hint = "hint: predict the scores by a formula of p0 and the number of classes, no metric"
    with _forbidden(*score_fns, hint=hint):
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
                f"hint: your mean IoU is right for 2 classes only; these labels have {c}")
            assert np.isclose(got_miou, miou), (
                "hint: the IoU of class 0, the IoU of every other class, then their mean")
    return tuple(float(v) for v in null_scores(cases[1])[1:])


def _grey_rule(images, direction, t):
    grey = np.asarray(images).mean(axis=-1)
    return grey < t if direction == "<" else grey >= t


def check_grey_threshold(grey_rule, grey_pred, grey_miou, *, images, truth, direction, t,
                         train_miou) -> None:
    """``grey_rule`` on images the check makes, both directions; then the training rule applied to every
    held-out pixel (``grey_pred``) and its mean IoU."""
    made = np.random.default_rng(3).random((2, 6, 7, 3), dtype=np.float32)
    thresholds = [("<", 0.375), (">=", 0.375), (">=", 0.625), ("<", 0.5)]
    for i, (_, made_t) in enumerate(thresholds):  # pixels whose grey level is exactly t
        made[i % 2, i // 2, :3] = (made_t - 0.125, made_t, made_t + 0.125)
    for made_direction, made_t in thresholds:
        got = np.asarray(_call(grey_rule, made, made_direction, made_t))
        expected = _grey_rule(made, made_direction, made_t)
        assert got.shape == expected.shape, f"hint: one 0/1 label per pixel, {expected.shape}"
        assert made_direction == "<" or not np.array_equal(got, _grey_rule(made, "<", made_t)), (
            f"hint: with direction {made_direction!r} the rule fires where grey {made_direction} t")
        assert not np.array_equal(got, expected != 1), "hint: 1 = road: which side of t fires?"
        at_t = np.isclose(made.mean(axis=-1), made_t)
        assert np.array_equal(got[~at_t], expected[~at_t]), (
            "hint: the grey level is the mean of R, G and B; compare it with t in the given direction")
        assert np.array_equal(got, expected), (
            f"hint: a pixel whose grey level is exactly t: with direction {made_direction!r}, "
            f"grey {made_direction} t decides")
    fires = _grey_rule(images, direction, t)
    pred = np.asarray(grey_pred)
    assert pred.shape == truth.shape, f"hint: one 0/1 label per held-out pixel, {truth.shape}"
    assert not np.array_equal(pred, truth), "hint: that is the truth; apply the threshold"
    differs = np.mean(pred != fires)
    assert differs < 0.99, "hint: 1 = road: which side of best_t does the rule fire on?"
    assert differs < 1e-3, ("hint: apply the training rule (best_direction, best_t) to the grey "
                            "level, the mean of R, G and B, of every held-out pixel")
    pred = pred.astype(np.int64)
    miou = metrics.mean_iou(truth, pred, 2)
    known = {"that is the training score": train_miou,
             "mean IoU, not pixel accuracy": metrics.pixel_accuracy(truth, pred),
             "one mean IoU over all held-out pixels, not a mean of per-image scores":
                 np.nanmean([metrics.mean_iou(y, p, 2) for y, p in zip(truth, pred, strict=True)]),
             "keep the full value; do not round it": round(miou, 2),
             "a mean IoU lies between 0 and 1, not a percentage": 100 * miou}
    hint = next((h for h, value in known.items()
                 if np.isclose(grey_miou, value, rtol=0, atol=1e-9) and not np.isclose(value, miou)),
                "score grey_pred against road_split (2 classes)")
    assert abs(grey_miou - miou) < 1e-9, f"hint: {hint}"


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
