"""The checks of lesson 5's exercises (notebooks/05_visualization.ipynb): each compares the student's answer
with a reference computed here, in full, and raises ``AssertionError`` with a hint that names the mistake it
recognises (never the answer to a "predict" question)."""

from __future__ import annotations

import numpy as np

from fcnlab import metrics


def _first(hints: dict, got, default: str) -> str:
    """The hint of the first known mistake whose result ``got`` equals, else ``default``."""
    for hint, value in hints.items():
        value = np.asarray(value, dtype=float)
        if np.shape(got) == value.shape and np.allclose(got, value, equal_nan=True):
            return hint
    return default


def check_threshold(val_curve, best_threshold, grid, val, report, predict_at, num_classes: int):
    """Exercise 1: ``val_curve`` is the validation mIoU at every threshold of ``grid`` (all of them) and
    ``best_threshold`` the threshold where it peaks, fitted on ``val = (probs, true labels)``; then the tuned
    threshold is applied to ``report = (probs, true labels)``. Returns the report's mIoU at it and at 0.5."""
    (val_probs, val_true), (report_probs, report_true) = val, report
    grid = np.asarray(grid, dtype=float)

    def curve(probs, true, score=lambda t, p: metrics.mean_iou(t, p, num_classes), positive=1):
        return [score(true, predict_at(probs, t, positive)) for t in grid]

    got = np.asarray(val_curve, dtype=float)
    assert got.shape == grid.shape, f"hint: one validation mIoU per threshold in GRID ({len(grid)})"
    right = np.asarray(curve(val_probs, val_true), dtype=float)
    if not np.allclose(got, right):
        mistakes = {
            "that is the report images' curve: tune on the validation images": curve(report_probs, report_true),
            "score with the mean IoU, not the pixel accuracy": curve(
                val_probs, val_true, lambda t, p: metrics.pixel_accuracy(t, p)),
            "the mean IoU over the classes, not class 1's IoU": curve(
                val_probs, val_true, lambda t, p: metrics.iou_per_class(t, p, num_classes)[1]),
            "threshold p of class 1 (road), not of class 0": curve(val_probs, val_true, positive=0),
            "one mIoU over all validation pixels, not a mean of per-image IoUs": curve(
                val_probs, val_true, lambda t, p: float(np.mean(metrics.per_image_iou(t, p, num_classes)))),
        }
        off = [f"{t:g}" for t, a, b in zip(grid, got, right, strict=True) if not np.isclose(a, b)]
        raise AssertionError("hint: " + _first(mistakes, got, f"your curve is off at {len(off)} of "
                                               f"{len(grid)} thresholds (t = {', '.join(off[:4])}, …): "
                                               "FCN-32s's validation mIoU at each t"))
    best = set(grid[np.isclose(right, right.max())])
    hints = {float(np.argmax(right)): "best_threshold is a t from GRID, not its index",
             float(right.max()): "best_threshold is the threshold, not its mIoU",
             float(grid[np.argmin(right)]): "the threshold with the highest mIoU, not the lowest"}
    assert any(np.isclose(best_threshold, t) for t in best), "hint: " + hints.get(
        float(best_threshold), "the t of GRID where your validation curve is highest")
    return tuple(metrics.mean_iou(report_true, predict_at(report_probs, t), num_classes)
                 for t in (float(best_threshold), 0.5))


def check_band_errors(band_share, error_share, bands, preds, y_true) -> dict:
    """Exercise 2: ``band_share`` (the fraction of the report pixels in ``bands``) and ``error_share`` (for
    FCN-32s and FCN-8s, the fraction of the model's wrong pixels that lie in ``bands``)."""
    bands = np.asarray(bands, dtype=bool)
    right = np.count_nonzero(bands) / bands.size
    band_hints = {"a fraction, not a count of pixels": np.count_nonzero(bands),
                  "a fraction, not a percentage": 100 * right}
    assert np.isclose(band_share, right), "hint (band_share): " + _first(
        band_hints, band_share, "the fraction of all report pixels that lie in bands")
    assert isinstance(error_share, dict) and set(error_share) == {"fcn32s", "fcn8s"}, (
        "hint: a dict with one share per model, keys 'fcn32s' and 'fcn8s'")
    shares = {}
    for name in ("fcn32s", "fcn8s"):
        wrong = np.asarray(preds[name]) != y_true
        shares[name] = np.count_nonzero(wrong & bands) / np.count_nonzero(wrong)
    for name, share in error_share.items():
        wrong = np.asarray(preds[name]) != y_true
        if np.isclose(share, shares[name]):
            continue
        other = "fcn8s" if name == "fcn32s" else "fcn32s"
        per_image = [np.count_nonzero(w & b) / max(1, np.count_nonzero(w)) for w, b in zip(wrong, bands, strict=True)]
        mistakes = {
            f"that is {other}'s share: use {name}'s errors": shares[other],
            "of the wrong pixels, not of the band pixels": np.count_nonzero(wrong & bands) / bands.sum(),
            "of the wrong pixels, not of all pixels": np.count_nonzero(wrong & bands) / bands.size,
            "the errors inside the bands, not outside": 1 - shares[name],
            "a fraction, not a percentage": 100 * shares[name],
            "a fraction, not a count": np.count_nonzero(wrong & bands),
            "pool the pixels of all images: not a mean of per-image shares": np.mean(per_image),
        }
        raise AssertionError(f"hint ({name}): " + _first(
            mistakes, share, "of this model's wrong pixels, the share that lies in bands"))
    return shares


def check_confusion(precision, recall, iou, cm, positive: int = 1) -> None:
    """Exercise 3: class ``positive``'s precision, recall and IoU from the confusion matrix ``cm`` (rows: the
    true class, columns: the predicted class)."""
    cm = np.asarray(cm, dtype=float)

    def scores(k, matrix=cm):
        tp = matrix[k, k]
        fp, fn = matrix[:, k].sum() - tp, matrix[k, :].sum() - tp
        return tp / (tp + fp), tp / (tp + fn), tp / (tp + fp + fn), tp, fp, fn

    p, r, j, tp, fp, fn = scores(positive)
    got = np.asarray([precision, recall, iou], dtype=float)
    if np.allclose(got, [p, r, j], equal_nan=True):
        return
    p0, r0, j0 = scores(1 - positive)[:3] if cm.shape[0] == 2 else (np.nan,) * 3
    if np.allclose(got, [p0, r0, j0]):
        raise AssertionError(f"hint: those are class {1 - positive}'s numbers; the exercise asks for class "
                             f"{positive}'s")
    if np.allclose(got, 100 * np.array([p, r, j])):
        raise AssertionError("hint: fractions, not percentages")
    if np.allclose(got[:2], [r, p]) and not np.isclose(p, r):
        raise AssertionError("hint: precision and recall swapped: the rows of cm are the true classes, "
                             "the columns the predicted ones")
    assert np.isclose(precision, p), "hint: precision is about the pixels predicted as class 1 (a column)"
    assert np.isclose(recall, r), "hint: recall is about the pixels that truly are class 1 (a row)"
    iou_hints = {"that is the Dice, 2TP / (2TP + FP + FN)": 2 * tp / (2 * tp + fp + fn),
                 "IoU leaves out the true negatives": tp / cm.sum(),
                 "TP counted twice: FP and FN exclude it": tp / (tp + fp + tp + fn),
                 "class 1's IoU, not the mean over the classes": np.mean(
                     [scores(k)[2] for k in range(len(cm))])}
    raise AssertionError("hint: " + _first(iou_hints, iou, "IoU = TP / (TP + FP + FN)"))
