"""Tests for fcnlab.metrics: hand-computed examples, cross-checks with scikit-learn and Keras, validation."""

import json
import warnings

import numpy as np
import pytest
from sklearn import metrics as skm

from fcnlab import metrics

# ----------------------------------------------------------------------------------------------------
# A tiny example computed by hand (3 classes, one 2x3 image)
#
#   y_true  0 0 0      y_pred  0 0 1      pixel pairs (true, pred):
#           1 1 2              1 1 1      (0,0) (0,0) (0,1) (1,1) (1,1) (2,1)
#
#   confusion matrix   pred: 0  1  2     class 0: TP 2, FP 0, FN 1 -> IoU 2/3, Dice 4/5
#              true 0      [ 2, 1, 0 ]   class 1: TP 2, FP 2, FN 0 -> IoU 2/4, Dice 4/6
#              true 1      [ 0, 2, 0 ]   class 2: TP 0, FP 0, FN 1 -> IoU 0,   Dice 0
#              true 2      [ 0, 1, 0 ]   pixel accuracy 4/6, mean IoU (2/3 + 1/2 + 0) / 3 = 7/18
# ----------------------------------------------------------------------------------------------------

Y_TRUE = np.array([[0, 0, 0], [1, 1, 2]])
Y_PRED = np.array([[0, 0, 1], [1, 1, 1]])


def test_confusion_matrix_by_hand():
    cm = metrics.confusion_matrix(Y_TRUE, Y_PRED, 3)
    np.testing.assert_array_equal(cm, [[2, 1, 0], [0, 2, 0], [0, 1, 0]])
    assert cm.dtype == np.int64
    assert cm.shape == (3, 3)


def test_confusion_matrix_rows_are_truth():
    # One pixel, true class 0 predicted as class 1: the count goes to row 0, column 1.
    cm = metrics.confusion_matrix(np.array([[0]]), np.array([[1]]), 2)
    np.testing.assert_array_equal(cm, [[0, 1], [0, 0]])


def test_pixel_accuracy_by_hand():
    acc = metrics.pixel_accuracy(Y_TRUE, Y_PRED)
    assert isinstance(acc, float)
    assert acc == pytest.approx(4 / 6)


def test_iou_per_class_by_hand():
    iou = metrics.iou_per_class(Y_TRUE, Y_PRED, 3)
    assert iou.dtype == np.float64
    np.testing.assert_allclose(iou, [2 / 3, 1 / 2, 0.0])


def test_mean_iou_by_hand():
    miou = metrics.mean_iou(Y_TRUE, Y_PRED, 3)
    assert isinstance(miou, float)
    assert miou == pytest.approx(7 / 18)


def test_dice_per_class_by_hand():
    dice = metrics.dice_per_class(Y_TRUE, Y_PRED, 3)
    np.testing.assert_allclose(dice, [4 / 5, 4 / 6, 0.0])
    # Dice = 2 IoU / (1 + IoU) for every class.
    iou = metrics.iou_per_class(Y_TRUE, Y_PRED, 3)
    np.testing.assert_allclose(dice, 2 * iou / (1 + iou))


def test_absent_class_is_nan_and_skipped_by_the_mean():
    # With 4 classes, class 3 occurs in neither map: its IoU and Dice are NaN, not 0 or 1 ...
    iou = metrics.iou_per_class(Y_TRUE, Y_PRED, 4)
    np.testing.assert_allclose(iou[:3], [2 / 3, 1 / 2, 0.0])
    assert np.isnan(iou[3])
    assert np.isnan(metrics.dice_per_class(Y_TRUE, Y_PRED, 4)[3])
    # ... and the mean is taken over the 3 classes that occur, exactly as with num_classes=3.
    assert metrics.mean_iou(Y_TRUE, Y_PRED, 4) == pytest.approx(7 / 18)


def test_class_only_in_prediction_scores_zero_not_nan():
    y_true = np.zeros((2, 2), dtype=int)
    y_pred = np.array([[0, 0], [0, 1]])
    iou = metrics.iou_per_class(y_true, y_pred, 2)
    np.testing.assert_allclose(iou, [3 / 4, 0.0])


def test_batch_and_single_image_agree():
    # An (H, W) map is one image; the same map as (1, H, W) gives the same numbers.
    a = metrics.iou_per_class(Y_TRUE, Y_PRED, 3)
    b = metrics.iou_per_class(Y_TRUE[None], Y_PRED[None], 3)
    np.testing.assert_array_equal(a, b)


def test_bool_labels_are_accepted():
    y_true = np.array([[True, False], [True, True]])
    y_pred = np.array([[True, True], [False, True]])
    cm = metrics.confusion_matrix(y_true, y_pred, 2)
    np.testing.assert_array_equal(cm, [[0, 1], [1, 2]])


def test_mean_iou_pools_pixels_over_the_dataset():
    # Two images: averaging the per-image scores is not the dataset mean IoU.
    y_true = np.stack([Y_TRUE, np.zeros((2, 3), dtype=int)])
    y_pred = np.stack([Y_PRED, np.zeros((2, 3), dtype=int)])
    pooled = metrics.mean_iou(y_true, y_pred, 3)
    cm = metrics.confusion_matrix(y_true, y_pred, 3)
    np.testing.assert_array_equal(cm, [[8, 1, 0], [0, 2, 0], [0, 1, 0]])
    assert pooled == pytest.approx((8 / 9 + 2 / 4 + 0) / 3)
    assert pooled != pytest.approx(np.mean(metrics.per_image_iou(y_true, y_pred, 3)))


# ----------------------------------------------------------------------------------------------------
# Cross-checks against scikit-learn and Keras on random label maps
# ----------------------------------------------------------------------------------------------------


def _random_maps(seed, num_classes, shape=(3, 16, 16)):
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, num_classes, size=shape)
    # A prediction that is right about 60 % of the time, so the scores are neither 0 nor 1.
    noise = rng.integers(0, num_classes, size=shape)
    y_pred = np.where(rng.random(shape) < 0.6, y_true, noise)
    return y_true, y_pred


@pytest.mark.parametrize("num_classes", [2, 5])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_agrees_with_sklearn(seed, num_classes):
    y_true, y_pred = _random_maps(seed, num_classes)
    labels = list(range(num_classes))
    t, p = y_true.ravel(), y_pred.ravel()
    assert set(np.unique(t)) == set(labels)  # every class occurs, so sklearn never divides by zero

    np.testing.assert_array_equal(
        metrics.confusion_matrix(y_true, y_pred, num_classes), skm.confusion_matrix(t, p, labels=labels)
    )
    assert metrics.pixel_accuracy(y_true, y_pred) == pytest.approx(skm.accuracy_score(t, p))
    np.testing.assert_allclose(
        metrics.iou_per_class(y_true, y_pred, num_classes),
        skm.jaccard_score(t, p, labels=labels, average=None),
    )
    assert metrics.mean_iou(y_true, y_pred, num_classes) == pytest.approx(
        skm.jaccard_score(t, p, labels=labels, average="macro")
    )
    np.testing.assert_allclose(
        metrics.dice_per_class(y_true, y_pred, num_classes), skm.f1_score(t, p, labels=labels, average=None)
    )


@pytest.mark.parametrize(
    ("num_classes", "seed"),
    [(2, 0), (5, 1), (4, 2)],  # the last one: labels drawn from 0..2 only, class 3 absent
)
def test_mean_iou_agrees_with_keras(num_classes, seed):
    keras = pytest.importorskip("keras")
    y_true, y_pred = _random_maps(seed, 3 if num_classes == 4 else num_classes, shape=(4, 32, 32))
    metric = keras.metrics.MeanIoU(num_classes=num_classes)
    metric.update_state(y_true, y_pred)
    expected = float(np.asarray(metric.result()))
    assert metrics.mean_iou(y_true, y_pred, num_classes) == pytest.approx(expected, rel=1e-5)


# ----------------------------------------------------------------------------------------------------
# to_label_map
# ----------------------------------------------------------------------------------------------------


def test_to_label_map_one_hot_logits_and_softmax_agree():
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 4, size=(2, 5, 6))
    one_hot = np.eye(4, dtype=np.float32)[labels]  # (2, 5, 6, 4)
    # Logits whose argmax is `labels`: random scores in [-5, 5) plus a margin of 10 on the right class.
    logits = rng.uniform(-5.0, 5.0, size=(2, 5, 6, 4)) + 10.0 * one_hot
    exp = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probs = exp / exp.sum(axis=-1, keepdims=True)

    from_one_hot = metrics.to_label_map(one_hot)
    assert from_one_hot.dtype == np.int64
    assert from_one_hot.shape == (2, 5, 6)
    np.testing.assert_array_equal(from_one_hot, labels)
    np.testing.assert_array_equal(metrics.to_label_map(logits), labels)
    np.testing.assert_array_equal(metrics.to_label_map(probs), labels)


def test_to_label_map_argmax_of_logits_equals_argmax_of_softmax_without_margin():
    rng = np.random.default_rng(1)
    logits = rng.normal(size=(3, 8, 8, 5)) * 4.0
    exp = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probs = exp / exp.sum(axis=-1, keepdims=True)
    np.testing.assert_array_equal(metrics.to_label_map(logits), metrics.to_label_map(probs))


def test_to_label_map_output_feeds_the_metrics():
    one_hot = np.eye(3)[Y_PRED]
    assert metrics.mean_iou(Y_TRUE, metrics.to_label_map(one_hot, name="y_pred"), 3) == pytest.approx(7 / 18)


# ----------------------------------------------------------------------------------------------------
# Boundary IoU
# ----------------------------------------------------------------------------------------------------


def _square_map(size=32, top=8, left=8, side=12, cls=1):
    y = np.zeros((size, size), dtype=np.int64)
    y[top : top + side, left : left + side] = cls
    return y


def test_boundary_iou_perfect_prediction_is_one():
    y = np.stack([_square_map(), _square_map(top=3, left=15, side=10), _square_map(side=20)])
    y[1, 20:30, 2:12] = 2
    assert metrics.boundary_iou(y, y, 3) == 1.0
    np.testing.assert_array_equal(metrics.boundary_iou_per_class(y, y, 3, width=2), [1.0, 1.0, 1.0])


def test_boundary_iou_is_stricter_than_mean_iou_for_a_shifted_prediction():
    y_true = _square_map(size=64, top=16, left=16, side=32)[None]
    y_pred = np.roll(y_true, shift=(3, 3), axis=(1, 2))  # the same square, 3 pixels down and right
    miou = metrics.mean_iou(y_true, y_pred, 2)
    biou = metrics.boundary_iou(y_true, y_pred, 2, width=3)
    assert miou > 0.75
    assert biou < 0.35
    assert biou < miou - 0.4


def test_square_boundary_with_width_one_is_its_perimeter():
    side = 10
    mask = _square_map(size=20, top=5, left=5, side=side) == 1
    boundary = metrics.boundary_band(mask, 1)
    assert boundary.sum() == 4 * side - 4  # 36 pixels: the outermost ring of the square
    assert not boundary[6:14, 6:14].any()  # the interior is not boundary
    # Seen through the public API: the same square one column to the right has a 36-pixel ring too;
    # the two rings share 2 x 9 pixels of their top and bottom rows -> IoU 18 / (36 + 36 - 18).
    y_true = _square_map(size=20, top=5, left=5, side=side)
    y_pred = _square_map(size=20, top=5, left=6, side=side)
    assert metrics.boundary_iou_per_class(y_true, y_pred, 2, width=1)[1] == pytest.approx(18 / 54)


def test_width_sets_the_band_thickness():
    mask = _square_map(size=20, top=5, left=5, side=10) == 1
    assert metrics.boundary_band(mask, 2).sum() == 10 * 10 - 6 * 6
    assert metrics.boundary_band(mask, 5).sum() == 10 * 10  # eroded away completely: all boundary


def test_image_border_is_not_a_boundary():
    # A class filling the whole image has no boundary: NaN, quietly (no RuntimeWarning).
    y = np.zeros((2, 16, 16), dtype=np.int64)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        per_class = metrics.boundary_iou_per_class(y, y, 2, width=1)
        assert np.isnan(per_class).all()
        assert np.isnan(metrics.boundary_iou(y, y, 2, width=1))
    # Left half class 0, right half class 1: the only boundary of class 0 is the column at the split.
    split = np.zeros((16, 16), dtype=np.int64)
    split[:, 8:] = 1
    assert metrics.boundary_band(split == 0, 1).sum() == 16
    assert metrics.boundary_band(split == 0, 1)[:, 7].all()
    # Moving the split one column gives disjoint boundaries: IoU 0. Were the frame counted as
    # boundary, the rings would share the frame pixels and the score would be well above 0.
    moved = np.zeros((16, 16), dtype=np.int64)
    moved[:, 9:] = 1
    np.testing.assert_array_equal(metrics.boundary_iou_per_class(split, moved, 2, width=1), [0.0, 0.0])


def test_boundary_iou_is_nanmean_of_per_class():
    y_true, y_pred = _random_maps(3, 3, shape=(2, 24, 24))
    per_class = metrics.boundary_iou_per_class(y_true, y_pred, 3, width=2)
    assert per_class.shape == (3,)
    assert metrics.boundary_iou(y_true, y_pred, 3, width=2) == pytest.approx(np.nanmean(per_class))


# ----------------------------------------------------------------------------------------------------
# Per-image IoU and the report
# ----------------------------------------------------------------------------------------------------


def test_per_image_iou():
    y_true = np.stack([Y_TRUE, Y_TRUE, np.zeros((2, 3), dtype=int)])
    y_pred = np.stack([Y_TRUE, Y_PRED, np.ones((2, 3), dtype=int)])
    scores = metrics.per_image_iou(y_true, y_pred, 3)
    assert scores.shape == (3,)
    assert scores.dtype == np.float64
    # perfect; the hand example; all class 0 predicted as class 1 (both classes IoU 0, class 2 absent)
    np.testing.assert_allclose(scores, [1.0, 7 / 18, 0.0])
    assert np.argmin(scores) == 2 and np.argmax(scores) == 0


def test_per_image_iou_single_image():
    scores = metrics.per_image_iou(Y_TRUE, Y_PRED, 5)
    assert scores.shape == (1,)
    assert scores[0] == pytest.approx(7 / 18)


def test_per_image_iou_matches_mean_iou_image_by_image():
    y_true, y_pred = _random_maps(4, 5, shape=(6, 12, 12))
    expected = [metrics.mean_iou(t, p, 5) for t, p in zip(y_true, y_pred, strict=True)]
    np.testing.assert_allclose(metrics.per_image_iou(y_true, y_pred, 5), expected)


def test_segmentation_report():
    y_true, y_pred = _random_maps(5, 3, shape=(2, 16, 16))
    report = metrics.segmentation_report(y_true, y_pred, 3, class_names=["road", "car", "sky"])
    assert set(report) == {"pixel_accuracy", "mean_iou", "boundary_iou", "iou_per_class"}
    assert list(report["iou_per_class"]) == ["road", "car", "sky"]
    assert report["pixel_accuracy"] == pytest.approx(metrics.pixel_accuracy(y_true, y_pred))
    assert report["mean_iou"] == pytest.approx(metrics.mean_iou(y_true, y_pred, 3))
    assert report["boundary_iou"] == pytest.approx(metrics.boundary_iou(y_true, y_pred, 3, width=3))
    np.testing.assert_allclose(
        list(report["iou_per_class"].values()), metrics.iou_per_class(y_true, y_pred, 3)
    )
    for value in [report["pixel_accuracy"], report["mean_iou"], report["boundary_iou"]]:
        assert type(value) is float
    assert all(type(v) is float for v in report["iou_per_class"].values())
    assert json.loads(json.dumps(report)) == report


def test_segmentation_report_default_names_and_nan():
    report = metrics.segmentation_report(Y_TRUE, Y_PRED, 4, boundary_width=1)
    assert list(report["iou_per_class"]) == ["class 0", "class 1", "class 2", "class 3"]
    assert np.isnan(report["iou_per_class"]["class 3"])
    assert report["mean_iou"] == pytest.approx(7 / 18)
    json.dumps(report)  # NaN is allowed by json.dumps


# ----------------------------------------------------------------------------------------------------
# Wrong inputs: one table of (call, exception, the argument the message names)
# ----------------------------------------------------------------------------------------------------

# Every public metric, called with (y_true, y_pred) and the number of classes where it takes one.
ALL_METRICS = {
    "confusion_matrix": lambda t, p: metrics.confusion_matrix(t, p, 3),
    "pixel_accuracy": lambda t, p: metrics.pixel_accuracy(t, p),
    "iou_per_class": lambda t, p: metrics.iou_per_class(t, p, 3),
    "mean_iou": lambda t, p: metrics.mean_iou(t, p, 3),
    "dice_per_class": lambda t, p: metrics.dice_per_class(t, p, 3),
    "boundary_iou_per_class": lambda t, p: metrics.boundary_iou_per_class(t, p, 3),
    "boundary_iou": lambda t, p: metrics.boundary_iou(t, p, 3),
    "per_image_iou": lambda t, p: metrics.per_image_iou(t, p, 3),
    "segmentation_report": lambda t, p: metrics.segmentation_report(t, p, 3),
}
Y = np.zeros((2, 4, 4), dtype=np.int64)


def _with(value, dtype=np.int64):
    """Y with one pixel set to ``value``."""
    y = Y.astype(dtype)
    y[1, 2, 3] = value
    return y


ERRORS = [
    # scores passed where labels belong: every metric refuses them and points to to_label_map
    *[pytest.param(lambda f=f: f(Y, Y.astype(np.float32)), ValueError,
                   "y_pred", id=f"float-{name}")
      for name, f in ALL_METRICS.items()],
    pytest.param(lambda: metrics.mean_iou(Y.astype(float), Y, 2), ValueError,
                 "y_true", id="whole-number-floats"),
    pytest.param(lambda: metrics.mean_iou(Y, np.zeros((2, 4, 4, 3), np.int64), 3), ValueError,
                 "y_pred",
                 id="one-hot-labels"),
    pytest.param(lambda: metrics.pixel_accuracy(np.array([["a", "b"]]), np.array([[0, 1]])), ValueError,
                 "y_true", id="strings"),
    pytest.param(lambda: metrics.iou_per_class(np.zeros(4, int), np.zeros(4, int), 2), ValueError,
                 "y_true", id="1-d"),
    pytest.param(lambda: metrics.mean_iou(Y[:0], Y[:0], 2), ValueError, "y_true", id="empty"),
    pytest.param(lambda: metrics.mean_iou(Y[0], Y[0, :0], 2), ValueError, "y_pred", id="empty-pred"),
    pytest.param(lambda: metrics.dice_per_class(Y, np.zeros((2, 4, 5), int), 2), ValueError,
                 "y_pred", id="shapes"),
    pytest.param(lambda: metrics.per_image_iou(_with(3), Y, 3), ValueError,
                 "y_true", id="label-too-big"),
    pytest.param(lambda: metrics.boundary_iou(Y, _with(3), 3), ValueError,
                 "y_pred", id="pred-label-too-big"),
    pytest.param(lambda: metrics.confusion_matrix(Y, _with(-1), 2), ValueError,
                 "y_pred", id="negative-label"),
    pytest.param(lambda: metrics.pixel_accuracy(_with(-1), Y), ValueError,
                 "y_true", id="negative-label-no-num-classes"),
    pytest.param(lambda: metrics.mean_iou(Y, Y, 1), ValueError, "num_classes",
                 id="one-class"),
    pytest.param(lambda: metrics.mean_iou(Y, Y, True), ValueError, "num_classes",
                 id="bool-classes"),
    pytest.param(lambda: metrics.iou_per_class(Y, Y, 2.0), ValueError,
                 "num_classes", id="float-classes"),
    pytest.param(lambda: metrics.boundary_iou(Y, Y, 2, width=0), ValueError, "width",
                 id="width"),
    pytest.param(lambda: metrics.segmentation_report(Y, Y, 2, boundary_width=1.5), ValueError,
                 "boundary_width", id="boundary-width"),
    pytest.param(lambda: metrics.segmentation_report(Y_TRUE, Y_PRED, 3, class_names=["a", "b"]), ValueError,
                 "class_names", id="class-names-count"),
    pytest.param(lambda: metrics.segmentation_report(Y_TRUE, Y_PRED, 3, class_names=["a", "b", "a"]),
                 ValueError, "class_names", id="class-names-unique"),
    pytest.param(lambda: metrics.to_label_map(np.zeros((4, 4, 1)), name="scores"), ValueError,
                 "scores",
                 id="scores-one-class"),
    pytest.param(lambda: metrics.to_label_map(np.array([[0.1, np.nan]])), ValueError, "y",
                 id="scores-nan"),
]


@pytest.mark.parametrize(("call", "error", "named"), ERRORS)
def test_wrong_inputs_raise_errors_that_name_the_argument(call, error, named):
    with pytest.raises(error) as info:
        call()
    assert named in str(info.value)


def test_numpy_integer_num_classes_is_fine():
    assert metrics.mean_iou(Y_TRUE, Y_PRED, np.int64(3)) == pytest.approx(7 / 18)
