"""Input checks shared by :mod:`fcnlab.data`, :mod:`fcnlab.metrics` and :mod:`fcnlab.viz`.

One job: turn what a student passes in into the array the package works with, or raise a ``ValueError`` that
names the argument (or file) and says what is wrong, before TensorFlow, a metric or a plot sees the data.
Every check returns the array it checked, converted:

- :func:`images`: RGB images, float in [0, 1] or integer in 0..255 (scaled by 1/255) -> float32 in [0, 1];
- :func:`label_map`: integer class labels, one per pixel (bool is fine) -> int64;
- :func:`one_hot_labels`: one-hot labels ``(N, H, W, C)`` -> uint8;
- :func:`class_scores`: scores with the classes in the last axis ``(..., C)`` (logits, probabilities, one-hot);
- :func:`integer`: a count or a size given as an int (not a bool, not a float) -> int.

``name`` is what the message calls the checked value: the argument's name, or the file it was read from.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = ["images", "label_map", "one_hot_labels", "class_scores", "integer"]

_ARGMAX_HINT = "take the argmax over the class axis first (fcnlab.metrics.to_label_map)"


def _numeric(array: np.ndarray, name: str) -> None:
    """A non-empty array of numbers (or bools)."""
    if array.dtype == object:
        raise ValueError(f"{name}: holds Python objects (dtype=object); expected a numeric array")
    if not (np.issubdtype(array.dtype, np.number) or array.dtype == np.bool_):
        raise ValueError(f"{name}: expected a numeric array, got dtype {array.dtype}")
    if array.size == 0:
        raise ValueError(f"{name}: is empty (shape {array.shape})")


def integer(value, name: str, *, least: int = 1) -> int:
    """``value`` as an int, if it is an integer >= ``least`` (a bool or a float such as ``2.0`` is not)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral) or value < least:
        raise ValueError(f"{name}: expected an int >= {least}, got {value!r}")
    return int(value)


def images(x, name: str = "images", *, batch: bool = True) -> np.ndarray:
    """RGB images as float32 in [0, 1]: ``(N, H, W, 3)``, or with ``batch=False`` one image ``(H, W, 3)``.

    Float images must already be in [0, 1] (they are kept as they are); integer images (uint8, or any integer
    or bool type) must be in 0..255 and are scaled by 1/255.
    """
    x = np.asarray(x)
    _numeric(x, name)
    ndim, expected = (4, "RGB images (N, H, W, 3)") if batch else (3, "one RGB image (H, W, 3)")
    if x.ndim != ndim or x.shape[-1] != 3:
        hint = ""
        if batch and x.ndim == 3:
            hint = " (a single image? add a batch axis with x[None])"
        elif not batch and x.ndim == 4:
            hint = " (a batch? pass one image, e.g. x[0])"
        raise ValueError(f"{name}: expected {expected}, got shape {x.shape}{hint}")
    if np.issubdtype(x.dtype, np.floating):
        finite = np.isfinite(x)
        if not finite.all():
            raise ValueError(f"{name}: contains {int(x.size - finite.sum())} NaN or infinite values")
        lo, hi = float(x.min()), float(x.max())
        if lo < 0 or hi > 1:
            hint = "; 0-255 values? pass uint8 or divide by 255" if hi > 1 and lo >= 0 else ""
            raise ValueError(f"{name}: float images must be in [0, 1], found values in [{lo:g}, {hi:g}]{hint}")
        return x.astype(np.float32, copy=False)
    lo, hi = int(x.min()), int(x.max())
    if lo < 0 or hi > 255:
        raise ValueError(f"{name}: integer images must be in 0..255, found values in [{lo}, {hi}]")
    return x.astype(np.float32) / np.float32(255)


_LABEL_MAP_SHAPES = {2: "(H, W)", 3: "(N, H, W)"}


def label_map(y, name: str = "mask", *, ndim=(2, 3), num_classes: int | None = None) -> np.ndarray:
    """Integer class labels, one per pixel, as int64 (same shape).

    Args:
        y: an integer (or bool) array.
        name: what the messages call ``y``.
        ndim: the allowed numbers of dimensions, from 2 ``(H, W)`` and 3 ``(N, H, W)``; ``None``: any.
        num_classes: labels must lie in ``[0, num_classes)``; ``None``: they must only be >= 0.
    """
    y = np.asarray(y)
    if y.size == 0:
        raise ValueError(f"{name}: is empty (shape {y.shape})")
    if not (np.issubdtype(y.dtype, np.integer) or y.dtype == np.bool_):
        hint = f" — scores or one-hot labels? {_ARGMAX_HINT}" if np.issubdtype(y.dtype, np.floating) else ""
        raise ValueError(f"{name}: expected integer class labels, got dtype {y.dtype}{hint}")
    if ndim is not None and y.ndim not in ndim:
        shapes = " or ".join(_LABEL_MAP_SHAPES[d] for d in ndim)
        hint = f" — one-hot labels or scores? {_ARGMAX_HINT}" if y.ndim == max(ndim) + 1 else ""
        raise ValueError(f"{name}: expected a label map {shapes}, got shape {y.shape}{hint}")
    # the range is checked before the cast to int64, so a huge uint64 label cannot wrap around to a negative one
    lo, hi = y.min(), y.max()
    if num_classes is None:
        if lo < 0:
            raise ValueError(f"{name}: class labels must be >= 0, found {lo}")
    elif lo < 0 or hi >= num_classes:
        raise ValueError(f"{name}: labels must be in [0, {num_classes}), found {lo if lo < 0 else hi}")
    return y.astype(np.int64, copy=False)


def one_hot_labels(labels, name: str = "labels", *, images_shape=None, images_name: str = "images") -> np.ndarray:
    """One-hot labels ``(N, H, W, C)`` with C >= 2, as uint8.

    With ``images_shape``, the count and the height / width must match those images (called ``images_name``).
    """
    labels = np.asarray(labels)
    _numeric(labels, name)
    if labels.ndim != 4:
        n, h, w = images_shape[:3] if images_shape is not None else ("N", "H", "W")
        hint = (" — integer label maps? one-hot encode them, e.g. np.eye(C, dtype=np.uint8)[masks]"
                if labels.ndim == 3 else "")
        raise ValueError(f"{name}: expected one-hot labels ({n}, {h}, {w}, C), got {labels.shape}{hint}")
    if labels.shape[-1] < 2:
        raise ValueError(f"{name}: expected at least 2 classes on the last axis, got shape {labels.shape}")
    if images_shape is not None:
        if labels.shape[0] != images_shape[0]:
            raise ValueError(f"{name}: {labels.shape[0]} labels for {images_shape[0]} images in {images_name}")
        if labels.shape[1:3] != tuple(images_shape[1:3]):
            raise ValueError(f"{name}: label size {labels.shape[1:3]} does not match image size "
                             f"{tuple(images_shape[1:3])} of {images_name}")
    if np.issubdtype(labels.dtype, np.floating) and not np.isfinite(labels).all():
        raise ValueError(f"{name}: contains NaN or infinite values")
    binary = np.isin(labels, (0, 1))
    if not binary.all():
        odd = labels[~binary].flat[0].item()
        raise ValueError(f"{name}: labels are not one-hot: found the value {odd!r}, expected only 0 and 1 "
                         "(soft labels or class indices?)")
    per_pixel = labels.sum(axis=-1, dtype=np.int64)
    if (per_pixel != 1).any():
        count = int((per_pixel != 1).sum())
        raise ValueError(f"{name}: labels are not one-hot: {count} pixels do not have exactly one class set")
    return labels.astype(np.uint8, copy=False)


def class_scores(y, name: str = "scores") -> np.ndarray:
    """Per-class scores with the classes in the last axis, ``(..., C)`` with C >= 2, and no NaN.

    One-hot labels, softmax probabilities and logits all qualify. Returned as an array, dtype unchanged.
    """
    y = np.asarray(y)
    _numeric(y, name)
    if y.ndim < 1 or y.shape[-1] < 2:
        raise ValueError(f"{name}: expected scores with the classes in the last axis, shape (..., C) with C >= 2, "
                         f"got shape {y.shape}")
    # np.argmax treats NaN as the largest value, which would quietly pick an arbitrary class
    if np.issubdtype(y.dtype, np.floating) and np.isnan(y).any():
        raise ValueError(f"{name}: scores contain NaN")
    return y
