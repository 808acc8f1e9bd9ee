"""Tests for fcnlab.baseline: the colour-threshold baseline a network has to beat."""

import numpy as np
import pytest

from fcnlab import baseline, metrics
from fcnlab.baseline import ColourThresholdBaseline
from fcnlab.data import load_lesson_data


# ----------------------------------------------------------------------------------------------------
# toy problems where the answer is known
# ----------------------------------------------------------------------------------------------------
def _grey_band_problem(rng, n=6, size=40, low=0.4, high=0.6):
    """Road pixels have grey level (channel mean) in [low, high), all others outside; colours vary a lot.

    Each pixel is its grey level plus a random zero-mean colour offset, so only the grey level separates the
    classes: saturation and the distance to the mean road colour overlap between them.
    """
    road = rng.random((n, size, size)) < 0.35
    grey = np.where(road, rng.uniform(low, high, road.shape),
                    np.where(rng.random(road.shape) < 0.5, rng.uniform(0.0, low - 0.02, road.shape),
                             rng.uniform(high + 0.02, 1.0, road.shape)))
    direction = rng.standard_normal((n, size, size, 3))
    direction -= direction.mean(axis=-1, keepdims=True)              # zero mean: the grey level is kept
    direction /= np.abs(direction).max(axis=-1, keepdims=True)        # largest component +-1
    amplitude = rng.uniform(0, 1, road.shape) * np.minimum(np.minimum(grey, 1 - grey), 0.3)
    images = grey[..., None] + amplitude[..., None] * direction
    assert images.min() >= 0 and images.max() <= 1
    return images.astype(np.float32), road.astype(np.int64)


def test_finds_the_known_grey_interval():
    images, masks = _grey_band_problem(np.random.default_rng(0))
    rule = ColourThresholdBaseline.fit(images, masks)
    assert rule.feature == "grey"
    # the grid has 128 bins over [0, 1]: the edges land within one bin of the gaps around 0.4 and 0.6
    assert 0.37 <= rule.low <= 0.41, rule
    assert 0.59 <= rule.high <= 0.63, rule
    assert rule.train_mean_iou > 0.99, rule
    predicted = rule.predict(images)
    assert metrics.mean_iou(masks, predicted, 2) > 0.99
    # the fitted mean road colour is the mean colour of the road pixels
    np.testing.assert_allclose(rule.mean_road_colour, images[masks == 1].mean(axis=0), atol=1e-5)


def test_finds_a_saturation_rule_when_only_saturation_separates():
    rng = np.random.default_rng(1)
    n, size = 4, 32
    road = rng.random((n, size, size)) < 0.4
    # same grey-level distribution for both classes; road is grey (saturation 0), the rest strongly coloured
    grey = rng.uniform(0.3, 0.7, road.shape)
    direction = np.array([1.0, -0.5, -0.5])
    colourful = grey[..., None] + 0.25 * direction * rng.choice([-1, 1], road.shape)[..., None]
    images = np.where(road[..., None], grey[..., None], colourful).astype(np.float32)
    rule = ColourThresholdBaseline.fit(images, road.astype(int))
    assert rule.feature == "saturation", rule
    assert rule.low <= 1e-6
    assert rule.train_mean_iou == pytest.approx(1.0)
    assert np.array_equal(rule.predict(images), road.astype(np.int64))


def _all_candidate_scores(images, masks, mean_colour):
    """Brute force, independently of the fit: the training mean IoU of every (feature, [edge_i, edge_j))."""
    positive = masks == 1
    scores = {}
    for name, values in baseline.colour_features(images, mean_colour).items():
        v = values.ravel()
        edges = np.linspace(float(v.min()), float(v.max()) + 1e-6, 129)
        above = v[None, :] >= edges[:, None]             # (129, P): value >= edge k
        for i in range(128):
            fires = above[i][None, :] & ~above[i + 1:]     # rows: [edge_i, edge_j) for j = i+1 .. 128
            tp = (fires & positive.ravel()).sum(axis=1)
            fp = fires.sum(axis=1) - tp
            fn = positive.sum() - tp
            tn = v.size - tp - fp - fn
            with np.errstate(divide="ignore", invalid="ignore"):
                miou = 0.5 * (tp / (tp + fp + fn) + tn / (tn + fp + fn))
            for j, score in zip(range(i + 1, 129), miou, strict=True):
                scores[(name, i, j)] = (float(score), float(edges[i]), float(edges[j]))
    return scores


def test_the_fit_is_the_best_of_all_its_candidates():
    rng = np.random.default_rng(2)
    # a messy problem where no rule is perfect
    images = rng.random((2, 24, 24, 3)).astype(np.float32)
    masks = (images[..., 0] * 0.7 + rng.random((2, 24, 24)) * 0.5 > 0.6).astype(int)
    rule = ColourThresholdBaseline.fit(images, masks)
    scores = _all_candidate_scores(images, masks, rule.mean_road_colour)
    best = max(s for s, _, _ in scores.values() if np.isfinite(s))
    assert rule.train_mean_iou == pytest.approx(best, abs=1e-12)
    # and it is the score of what it predicts
    assert metrics.mean_iou(masks, rule.predict(images), 2) == pytest.approx(rule.train_mean_iou, abs=1e-12)
    assert rule.train_mean_iou < 0.95  # the problem is indeed not trivially separable


def test_predict_returns_integer_label_maps_of_the_right_shape():
    images, masks = _grey_band_problem(np.random.default_rng(3), n=3, size=20)
    rule = ColourThresholdBaseline.fit(images, masks)
    predicted = rule.predict(images)
    assert predicted.shape == masks.shape and predicted.dtype == np.int64
    assert set(np.unique(predicted)) <= {0, 1}
    other = rule.predict(np.random.default_rng(4).random((5, 11, 13, 3)))
    assert other.shape == (5, 11, 13) and other.dtype == np.int64
    # a different positive class id is painted as that id
    assert set(np.unique(rule.predict(images, positive_class=4))) == {0, 4}


def test_positive_class_selects_the_class_to_find():
    images, masks = _grey_band_problem(np.random.default_rng(5), n=3, size=24)
    relabelled = np.where(masks == 1, 3, 2)  # road is class 3, the rest class 2
    rule = ColourThresholdBaseline.fit(images, relabelled, positive_class=3)
    assert rule.feature == "grey" and rule.train_mean_iou > 0.99
    assert np.array_equal(rule.predict(images, positive_class=3) == 3, masks == 1)


def test_str_describes_the_rule():
    images, masks = _grey_band_problem(np.random.default_rng(6), n=2, size=16)
    text = str(ColourThresholdBaseline.fit(images, masks))
    assert text.startswith("road iff ") and "grey" in text and "train mIoU" in text


@pytest.mark.parametrize(
    ("images_shape", "masks_shape"),
    [
        ((2, 8, 8, 3), (2, 8, 9)),       # width differs
        ((2, 8, 8, 3), (3, 8, 8)),       # count differs
        ((2, 8, 8, 3), (2, 8, 8, 2)),    # one-hot labels instead of a label map
        ((2, 8, 8, 4), (2, 8, 8)),       # RGBA
        ((8, 8, 3), (2, 8, 8)),          # a single image without a batch axis
    ],
)
def test_mismatched_shapes_raise(images_shape, masks_shape):
    images = np.random.default_rng(0).random(images_shape)
    masks = np.zeros(masks_shape, dtype=int)
    masks.flat[::2] = 1
    with pytest.raises(ValueError, match=r"images .* and masks .* do not match"):
        ColourThresholdBaseline.fit(images, masks)


@pytest.mark.parametrize("fill", [0, 1])
def test_masks_without_both_classes_raise(fill):
    images = np.random.default_rng(0).random((2, 8, 8, 3))
    with pytest.raises(ValueError, match=r"masks: class 1 must occur, but not everywhere"):
        ColourThresholdBaseline.fit(images, np.full((2, 8, 8), fill))


# ----------------------------------------------------------------------------------------------------
# the lesson data: a colour rule is not enough
# ----------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def lesson_fit():
    data = load_lesson_data()
    rule = ColourThresholdBaseline.fit(data.train_images, data.train_masks)
    return data, rule


def test_baseline_is_weak_on_the_lesson_data(lesson_fit):
    data, rule = lesson_fit
    predicted = rule.predict(data.test_images)
    assert predicted.shape == data.test_masks.shape
    test_miou = metrics.mean_iou(data.test_masks, predicted, 2)
    all_not_road = metrics.mean_iou(data.test_masks, np.zeros_like(data.test_masks), 2)
    all_road = metrics.mean_iou(data.test_masks, np.ones_like(data.test_masks), 2)
    message = (f"colour-threshold baseline ({rule}): test mIoU {test_miou:.3f}; "
               f"all 'not road' {all_not_road:.3f}; all 'road' {all_road:.3f}")
    print(message)
    assert test_miou <= 0.70, "a colour rule does too well: the dataset would not need a network. " + message
    assert test_miou > all_not_road, message
    assert test_miou > all_road, message


def test_reported_train_score_is_the_score_of_its_predictions(lesson_fit):
    data, rule = lesson_fit
    recomputed = metrics.mean_iou(data.train_masks, rule.predict(data.train_images), 2)
    assert recomputed == pytest.approx(rule.train_mean_iou, abs=1e-9)
    assert rule.feature in baseline.FEATURES
    assert rule.low < rule.high
