"""The colour-threshold baseline: what you get *without* a network.

A pixel is called "road" when one colour feature falls inside an interval ``[low, high)``. Three features are
tried (grey level, saturation, and distance to the mean road colour of the training set); for each, every
interval on a 128-bin grid is scored by its training mean IoU, and the best feature and interval win.
The fit is exhaustive, so no threshold rule of this family does better on the training images.

If this baseline scored well, the dataset would not need a network. On the lesson data it does not: road
colour changes from scene to scene and sidewalks share it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FEATURES = ("grey", "saturation", "road_colour_distance")
_BINS = 128


def colour_features(images: np.ndarray, mean_road_colour) -> dict[str, np.ndarray]:
    """The per-pixel features the baseline may threshold, each ``(N, H, W)`` float32."""
    images = np.asarray(images, dtype=np.float32)
    grey = images.mean(axis=-1)
    cmax, cmin = images.max(axis=-1), images.min(axis=-1)
    saturation = (cmax - cmin) / np.maximum(cmax, 1e-6)
    distance = np.linalg.norm(images - np.asarray(mean_road_colour, dtype=np.float32), axis=-1)
    return {"grey": grey, "saturation": saturation, "road_colour_distance": distance}


def _interval_scores(hist_pos: np.ndarray, hist_neg: np.ndarray) -> np.ndarray:
    """Mean IoU (2 classes) of the rule "positive iff bin in [i, j)" for every pair of bin edges i < j."""
    cpos = np.concatenate([[0], np.cumsum(hist_pos)])
    cneg = np.concatenate([[0], np.cumsum(hist_neg)])
    tp = cpos[None, :] - cpos[:, None]  # [i, j]: positives with bin in [i, j)
    fp = cneg[None, :] - cneg[:, None]
    fn = cpos[-1] - tp
    tn = cneg[-1] - fp
    with np.errstate(divide="ignore", invalid="ignore"):
        miou = 0.5 * (tp / (tp + fp + fn) + tn / (tn + fn + fp))
    miou[np.tril_indices_from(miou)] = -1.0  # only i < j are intervals
    return np.nan_to_num(miou, nan=-1.0)


@dataclass(frozen=True)
class ColourThresholdBaseline:
    """A fitted rule: road iff ``low <= feature < high``. Build it with :meth:`fit`."""

    feature: str
    low: float
    high: float
    mean_road_colour: tuple[float, float, float]
    train_mean_iou: float

    @classmethod
    def fit(cls, images: np.ndarray, masks: np.ndarray, *, positive_class: int = 1):
        """Fit on training ``images`` (N, H, W, 3) in [0, 1] and integer ``masks`` (N, H, W).

        ``positive_class`` is the label of the class to find (1 = road in the lesson data).
        """
        images = np.asarray(images)
        masks = np.asarray(masks)
        if images.shape[:-1] != masks.shape or images.shape[-1] != 3:
            raise ValueError(f"images {images.shape} and masks {masks.shape} do not match: expected "
                             "(N, H, W, 3) and (N, H, W)")
        positive = masks == positive_class
        if not positive.any() or positive.all():
            raise ValueError(f"masks: class {positive_class} must occur, but not everywhere")
        mean_colour = tuple(float(c) for c in images[positive].mean(axis=0))
        best = None
        for name, values in colour_features(images, mean_colour).items():
            lo, hi = float(values.min()), float(values.max()) + 1e-6
            edges = np.linspace(lo, hi, _BINS + 1)
            bins = np.clip(np.digitize(values, edges) - 1, 0, _BINS - 1)
            hist_pos = np.bincount(bins[positive], minlength=_BINS)
            hist_neg = np.bincount(bins[~positive], minlength=_BINS)
            scores = _interval_scores(hist_pos, hist_neg)
            i, j = np.unravel_index(np.argmax(scores), scores.shape)
            candidate = (float(scores[i, j]), name, float(edges[i]), float(edges[j]))
            if best is None or candidate[0] > best[0]:
                best = candidate
        score, name, low, high = best
        return cls(feature=name, low=low, high=high, mean_road_colour=mean_colour, train_mean_iou=score)

    def predict(self, images: np.ndarray, *, positive_class: int = 1) -> np.ndarray:
        """Integer label maps ``(N, H, W)``: ``positive_class`` where the rule fires, else 0."""
        values = colour_features(images, self.mean_road_colour)[self.feature]
        fires = (values >= self.low) & (values < self.high)
        return np.where(fires, positive_class, 0).astype(np.int64)

    def __str__(self) -> str:
        return (f"road iff {self.low:.3f} <= {self.feature} < {self.high:.3f} "
                f"(train mIoU {self.train_mean_iou:.3f})")
