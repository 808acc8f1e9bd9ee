"""Segmentation metrics that tell the truth (numpy + scipy, no TensorFlow).

Every function takes two integer *label maps* of the same shape: ``(N, H, W)`` for a batch of N
images or ``(H, W)`` for a single image, holding one class index per pixel (``y_true`` is the
ground truth, ``y_pred`` the prediction). A network outputs scores of shape ``(..., C)``; turn them
into labels with :func:`to_label_map` first. The metrics:

confusion matrix
    A ``(C, C)`` table of pixel counts: row = true class, column = predicted class. Every other
    metric here is read off it (except boundary IoU, which needs the pixel positions).
pixel accuracy
    The fraction of pixels whose predicted class is right. Easy to read, easy to fool: when 90 % of
    the pixels are background, predicting "background" everywhere scores 0.9.
IoU (intersection over union, Jaccard index), per class
    ``TP / (TP + FP + FN)``: the overlap of the true and predicted regions of a class divided by
    their union. A class that appears in neither truth nor prediction has no IoU (``NaN``), because
    0/0 is not a score of 0 or 1.
mean IoU
    The average of the per-class IoUs over the classes that occur, so a small class weighs as much
    as a large one. As in Long et al. (FCN, CVPR 2015) and ``keras.metrics.MeanIoU``, it is
    accumulated over the whole dataset: one confusion matrix for all images, then the IoUs.
Dice (F1), per class
    ``2 TP / (2 TP + FP + FN)``: like IoU but counts the overlap twice; ``Dice = 2 IoU / (1 + IoU)``,
    so for one class it ranks predictions the same way as IoU while looking kinder. Averaged over classes
    the two can disagree: mean Dice is not a function of mean IoU.
boundary IoU
    IoU computed only on a thin band (``width`` pixels) along the inside of each region's contour
    (Cheng et al., CVPR 2021). Region IoU barely notices blurry or shifted edges on large objects;
    boundary IoU is dominated by them.
per-image IoU
    The mean IoU of each image on its own, to find the best and the worst predictions.

Wrong inputs (float scores instead of labels, mismatched shapes, labels outside ``[0, C)``) raise a
``ValueError`` that names the argument (:mod:`fcnlab.checks`), instead of silently giving a plausible-looking
number.
"""

from __future__ import annotations

import warnings

import numpy as np
from scipy import ndimage

from fcnlab import checks

__all__ = [
    "to_label_map",
    "confusion_matrix",
    "pixel_accuracy",
    "iou_per_class",
    "mean_iou",
    "dice_per_class",
    "boundary_band",
    "boundary_iou_per_class",
    "boundary_iou",
    "per_image_iou",
    "segmentation_report",
]


# ----------------------------------------------------------------------------------------------------
# Input handling
# ----------------------------------------------------------------------------------------------------


def to_label_map(y, *, name: str = "y") -> np.ndarray:
    """Turn per-class scores into a label map by taking the argmax over the last axis.

    Args:
        y (array-like, shape (..., C) with C >= 2):
            One score per class in the last axis: one-hot labels, probabilities (softmax output) or
            raw logits, e.g. ``(N, H, W, C)`` from a segmentation network or ``(H, W, C)``.
        name (str):
            The name used for ``y`` in error messages.

    Returns:
        np.ndarray of int64, shape ``y.shape[:-1]``:
            The index of the highest score of each pixel, e.g. ``(N, H, W)``.

    Note:
        Softmax is strictly increasing in each logit and divides every class of a pixel by the same
        sum, so it never changes which class is largest: ``argmax(logits) == argmax(softmax(logits))``.
        You never need to apply softmax just to get labels.

        This function always takes the argmax, so do not pass it a label map that is already integer:
        an ``(N, H, W)`` label map would be read as ``N x H`` pixels with ``W`` "classes".
    """
    y = checks.class_scores(y, name)  # NaN is refused: np.argmax would take it for the largest score
    return np.argmax(y, axis=-1).astype(np.int64)


def _validate(
    y_true, y_pred, num_classes, *, needs_num_classes: bool = True
) -> tuple[np.ndarray, np.ndarray, int | None]:
    """The one input check shared by every metric; it runs before any computation.

    Returns ``(y_true, y_pred, num_classes)`` with both label maps as int64 of shape (N, H, W)
    (a single (H, W) image becomes N = 1). With ``needs_num_classes=False`` (pixel accuracy, which
    does not need the number of classes) ``num_classes`` is ignored and only negative labels are rejected.
    """
    num_classes = checks.integer(num_classes, "num_classes", least=2) if needs_num_classes else None
    t = checks.label_map(y_true, "y_true", num_classes=num_classes)
    p = checks.label_map(y_pred, "y_pred", num_classes=num_classes)
    if t.shape != p.shape:
        raise ValueError(f"y_true and y_pred have different shapes: {t.shape} vs {p.shape}")
    # A single (H, W) image is a batch of one.
    return (t[np.newaxis], p[np.newaxis], num_classes) if t.ndim == 2 else (t, p, num_classes)


# ----------------------------------------------------------------------------------------------------
# Private workers on validated int64 (N, H, W) arrays
# ----------------------------------------------------------------------------------------------------


def _confusion(t: np.ndarray, p: np.ndarray, num_classes: int) -> np.ndarray:
    # Each (true, pred) pair gets its own bin number C*t + p, i.e. the flat index of cell [t, p] in a
    # C x C matrix; counting the bins once with bincount fills the whole matrix in a single pass.
    bins = num_classes * t.ravel() + p.ravel()
    return np.bincount(bins, minlength=num_classes * num_classes).reshape(num_classes, num_classes)


def _ratio_or_nan(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator / denominator as float64, NaN where the denominator is 0 (without a warning)."""
    out = np.full(np.shape(denominator), np.nan)
    np.divide(numerator, denominator, out=out, where=denominator > 0)
    return out


def _iou_from_confusion(cm: np.ndarray) -> np.ndarray:
    """Per-class IoU from a (..., C, C) confusion matrix (rows = truth); NaN for absent classes."""
    tp = np.diagonal(cm, axis1=-2, axis2=-1)
    fp = cm.sum(axis=-2) - tp  # predicted as c (column sum) but truly another class
    fn = cm.sum(axis=-1) - tp  # truly c (row sum) but predicted as another class
    return _ratio_or_nan(tp, tp + fp + fn)


def _nanmean(values: np.ndarray, axis=None):
    """``np.nanmean``: the mean over the classes that occur. No class at all gives NaN, quietly (numpy warns
    "Mean of empty slice"; here that is an expected outcome, e.g. boundary IoU of images without any boundary)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmean(values, axis=axis)


_STRUCTURE_3X3 = np.ones((3, 3), dtype=bool)  # 8-connected: erodes diagonally as well


def boundary_band(mask, width: int = 3) -> np.ndarray:
    """The inner boundary band of a binary (H, W) mask: the pixels within ``width`` of its contour."""
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return mask  # nothing to erode: an empty mask has an empty boundary
    # border_value=1 pretends the mask continues outside the image, so the image frame is not a
    # contour: a region that is cut off by the edge of the picture has no boundary along that edge.
    eroded = ndimage.binary_erosion(mask, structure=_STRUCTURE_3X3, iterations=width, border_value=1)
    return mask & ~eroded


def _boundary_iou_per_class(t: np.ndarray, p: np.ndarray, num_classes: int, width: int) -> np.ndarray:
    intersection = np.zeros(num_classes, dtype=np.int64)
    union = np.zeros(num_classes, dtype=np.int64)
    for true_map, pred_map in zip(t, p, strict=True):
        for c in range(num_classes):
            b_true = boundary_band(true_map == c, width)
            b_pred = boundary_band(pred_map == c, width)
            intersection[c] += np.count_nonzero(b_true & b_pred)
            union[c] += np.count_nonzero(b_true | b_pred)
    return _ratio_or_nan(intersection, union)


# ----------------------------------------------------------------------------------------------------
# Public metrics
# ----------------------------------------------------------------------------------------------------


def confusion_matrix(y_true, y_pred, num_classes: int) -> np.ndarray:
    """Count pixels by (true class, predicted class).

    Args:
        y_true, y_pred (integer array-like, shape (N, H, W) or (H, W)):
            Label maps with values in ``[0, num_classes)``.
        num_classes (int >= 2):

    Returns:
        np.ndarray of int64, shape (C, C):
            ``cm[i, j]`` = number of pixels of true class ``i`` predicted as class ``j``. Rows are the
            truth, columns the prediction (the convention of ``sklearn.metrics.confusion_matrix``); the
            diagonal holds the correct pixels and everything sums to N * H * W.
    """
    t, p, num_classes = _validate(y_true, y_pred, num_classes)
    return _confusion(t, p, num_classes)


def pixel_accuracy(y_true, y_pred) -> float:
    """Fraction of pixels whose predicted label equals the true label.

    Args:
        y_true, y_pred (integer array-like, shape (N, H, W) or (H, W)):

    Returns:
        float in [0, 1]:
            Dominated by the largest class; read it next to mean IoU, never on its own.
    """
    t, p, _ = _validate(y_true, y_pred, None, needs_num_classes=False)
    return float(np.mean(t == p))


def iou_per_class(y_true, y_pred, num_classes: int) -> np.ndarray:
    """Intersection over union of each class, ``TP / (TP + FP + FN)``, over all images together.

    Args:
        y_true, y_pred (integer array-like, shape (N, H, W) or (H, W)):
        num_classes (int >= 2):

    Returns:
        np.ndarray of float64, shape (C,):
            ``NaN`` for a class that occurs in neither ``y_true`` nor ``y_pred`` (0/0: there is nothing
            to score). A class that is present in one of them but never matched scores 0.
    """
    t, p, num_classes = _validate(y_true, y_pred, num_classes)
    return _iou_from_confusion(_confusion(t, p, num_classes))


def mean_iou(y_true, y_pred, num_classes: int) -> float:
    """Mean of :func:`iou_per_class` over the classes that occur (``NaN`` entries are skipped).

    The IoUs come from one confusion matrix accumulated over the whole dataset, as in Long et al.
    (FCN) and ``keras.metrics.MeanIoU``: pass all images at once, not the average of per-batch or
    per-image scores (for those, see :func:`per_image_iou`).

    Args:
        y_true, y_pred (integer array-like, shape (N, H, W) or (H, W)):
        num_classes (int >= 2):

    Returns:
        float:
    """
    return float(_nanmean(iou_per_class(y_true, y_pred, num_classes)))


def dice_per_class(y_true, y_pred, num_classes: int) -> np.ndarray:
    """Dice coefficient (F1 score) of each class, ``2 TP / (2 TP + FP + FN)``, over all images.

    Args:
        y_true, y_pred (integer array-like, shape (N, H, W) or (H, W)):
        num_classes (int >= 2):

    Returns:
        np.ndarray of float64, shape (C,):
            ``NaN`` for a class absent from both ``y_true`` and ``y_pred``.
    """
    t, p, num_classes = _validate(y_true, y_pred, num_classes)
    cm = _confusion(t, p, num_classes)
    tp = np.diag(cm)
    fp = cm.sum(axis=0) - tp
    fn = cm.sum(axis=1) - tp
    return _ratio_or_nan(2 * tp, 2 * tp + fp + fn)


def boundary_iou_per_class(y_true, y_pred, num_classes: int, *, width: int = 3) -> np.ndarray:
    """Boundary IoU of each class (Cheng et al., "Boundary IoU", CVPR 2021).

    For each image and class c, the boundary region of a binary mask M is ``M`` minus ``M`` eroded
    ``width`` times by a 3x3 square: the band of pixels of M within ``width`` pixels of its contour.
    With ``Bt`` and ``Bp`` the boundary regions of the true and predicted masks of class c::

        IoU_c = sum over images |Bt & Bp|  /  sum over images |Bt | Bp|

    The image frame is not a contour (the erosion treats outside the image as "inside the mask"), so
    a class that fills a whole image has no boundary there. The reference implementation of Cheng et
    al. pads with background instead and does count the frame; it also sets the width to 2 % of the
    image diagonal (about 6 pixels at 224 x 224).

    Args:
        y_true, y_pred (integer array-like, shape (N, H, W) or (H, W)):
        num_classes (int >= 2):
        width (int >= 1):
            Thickness of the boundary band in pixels.

    Returns:
        np.ndarray of float64, shape (C,):
            ``NaN`` for a class with no boundary pixels in any image, true or predicted.
    """
    width = checks.integer(width, "width")
    t, p, num_classes = _validate(y_true, y_pred, num_classes)
    return _boundary_iou_per_class(t, p, num_classes, width)


def boundary_iou(y_true, y_pred, num_classes: int, *, width: int = 3) -> float:
    """Mean of :func:`boundary_iou_per_class` over the classes that have a boundary (NaN skipped).

    Stricter than :func:`mean_iou`: a prediction shifted by a couple of pixels keeps most of its
    region IoU but loses much of its boundary IoU. ``NaN`` if no class has any boundary at all.
    """
    return float(_nanmean(boundary_iou_per_class(y_true, y_pred, num_classes, width=width)))


def per_image_iou(y_true, y_pred, num_classes: int) -> np.ndarray:
    """Mean IoU of each image on its own, e.g. to show the best and the worst predictions.

    Classes absent from both truth and prediction of an image are skipped in that image's mean.
    These scores are *not* what :func:`mean_iou` averages: the dataset score pools all pixels first.

    Args:
        y_true, y_pred (integer array-like, shape (N, H, W) or (H, W)):
        num_classes (int >= 2):

    Returns:
        np.ndarray of float64, shape (N,):
            One score per image (N = 1 for a single (H, W) image).
    """
    t, p, num_classes = _validate(y_true, y_pred, num_classes)
    n = t.shape[0]
    c2 = num_classes * num_classes
    # Same trick as _confusion, with the image index as an extra "digit": image i owns the bins
    # [i * C*C, (i+1) * C*C), so one bincount gives all N confusion matrices, shape (N, C, C).
    image_index = np.arange(n, dtype=np.int64)[:, np.newaxis, np.newaxis]
    bins = image_index * c2 + num_classes * t + p
    cms = np.bincount(bins.ravel(), minlength=n * c2).reshape(n, num_classes, num_classes)
    return np.asarray(_nanmean(_iou_from_confusion(cms), axis=1), dtype=np.float64).reshape(n)


def segmentation_report(
    y_true, y_pred, num_classes: int, *, class_names=None, boundary_width: int = 3
) -> dict:
    """The headline numbers of an evaluation as a JSON-friendly dict.

    Args:
        y_true, y_pred (integer array-like, shape (N, H, W) or (H, W)):
        num_classes (int >= 2):
        class_names (sequence of str, optional):
            One name per class; defaults to ``"class 0"``, ``"class 1"``, ...
        boundary_width (int >= 1):
            ``width`` of :func:`boundary_iou`.

    Returns:
        dict:
            ``{"pixel_accuracy": float, "mean_iou": float, "boundary_iou": float,
            "iou_per_class": {class name: float}}`` with plain Python floats (NaN where a class does
            not occur), so ``json.dumps`` accepts it.
    """
    width = checks.integer(boundary_width, "boundary_width")
    t, p, num_classes = _validate(y_true, y_pred, num_classes)
    if class_names is None:
        class_names = [f"class {c}" for c in range(num_classes)]
    else:
        class_names = [str(name) for name in class_names]
        if len(class_names) != num_classes:
            raise ValueError(f"class_names: expected {num_classes} names, got {len(class_names)}")
        if len(set(class_names)) != num_classes:
            raise ValueError(f"class_names: names must be unique, got {class_names}")

    # Validated once above; the private workers skip the checks the public functions would repeat.
    ious = _iou_from_confusion(_confusion(t, p, num_classes))
    boundary_ious = _boundary_iou_per_class(t, p, num_classes, width)
    return {
        "pixel_accuracy": float(np.mean(t == p)),
        "mean_iou": float(_nanmean(ious)),
        "boundary_iou": float(_nanmean(boundary_ious)),
        "iou_per_class": {name: float(iou) for name, iou in zip(class_names, ious, strict=True)},
    }
