"""fcnlab.checks: every check converts what it accepts, and rejects the rest with a ValueError naming the argument."""

from __future__ import annotations

import numpy as np
import pytest

from fcnlab import checks

IMAGE = np.zeros((2, 4, 5, 3), np.uint8)
ONE_HOT = np.eye(2, dtype=np.uint8)[np.zeros((2, 4, 5), np.int64)]

REJECTED = [
    pytest.param(checks.integer, 2.0, {}, id="integer-float"),
    pytest.param(checks.integer, True, {}, id="integer-bool"),
    pytest.param(checks.integer, 0, {}, id="integer-below-least"),
    pytest.param(checks.integer, 1, {"least": 2}, id="integer-below-given-least"),
    pytest.param(checks.images, IMAGE[0], {}, id="images-no-batch-axis"),
    pytest.param(checks.images, IMAGE, {"batch": False}, id="image-a-batch"),
    pytest.param(checks.images, IMAGE[..., :1], {}, id="images-one-channel"),
    pytest.param(checks.images, np.full((1, 2, 2, 3), 2.0), {}, id="images-float-above-1"),
    pytest.param(checks.images, np.full((1, 2, 2, 3), np.nan), {}, id="images-nan"),
    pytest.param(checks.images, np.full((1, 2, 2, 3), 256), {}, id="images-int-above-255"),
    pytest.param(checks.images, np.array([[[["a"] * 3]]], dtype=object), {}, id="images-objects"),
    pytest.param(checks.images, np.zeros((0, 2, 2, 3)), {}, id="images-empty"),
    pytest.param(checks.label_map, np.zeros((2, 2), np.float32), {}, id="labels-float"),
    pytest.param(checks.label_map, np.zeros((1, 2, 2, 2), np.int64), {}, id="labels-one-hot"),
    pytest.param(checks.label_map, -np.ones((2, 2), np.int64), {}, id="labels-negative"),
    pytest.param(checks.label_map, np.full((2, 2), 2), {"num_classes": 2}, id="labels-too-large"),
    pytest.param(checks.label_map, np.zeros((0, 2), np.int64), {}, id="labels-empty"),
    pytest.param(checks.one_hot_labels, ONE_HOT.argmax(-1), {}, id="one-hot-label-maps"),
    pytest.param(checks.one_hot_labels, ONE_HOT[..., :1], {}, id="one-hot-one-class"),
    pytest.param(checks.one_hot_labels, ONE_HOT, {"images_shape": (3, 4, 5, 3)}, id="one-hot-count"),
    pytest.param(checks.one_hot_labels, ONE_HOT, {"images_shape": (2, 5, 4, 3)}, id="one-hot-size"),
    pytest.param(checks.one_hot_labels, ONE_HOT * 0.5, {}, id="one-hot-soft"),
    pytest.param(checks.one_hot_labels, ONE_HOT * 0, {}, id="one-hot-no-class"),
    pytest.param(checks.class_scores, np.zeros((2, 2, 1)), {}, id="scores-one-class"),
    pytest.param(checks.class_scores, np.full((2, 2), np.nan), {}, id="scores-nan"),
]


@pytest.mark.parametrize(("check", "value", "kwargs"), REJECTED)
def test_a_rejected_value_raises_a_value_error_that_names_it(check, value, kwargs):
    with pytest.raises(ValueError, match=r"^the_argument: "):
        check(value, "the_argument", **kwargs)


def test_messages_say_what_is_wrong():
    """A few whole sentences, as examples of what every message reads like."""
    sentences = {
        "size: expected an int >= 32, got 2.0": lambda: checks.integer(2.0, "size", least=32),
        "masks: expected integer class labels, got dtype float32 — scores or one-hot labels? take the argmax over "
        "the class axis first (fcnlab.metrics.to_label_map)": lambda: checks.label_map(np.zeros((2, 2), np.float32),
                                                                                        "masks"),
        "x: expected RGB images (N, H, W, 3), got shape (4, 5, 3) (a single image? add a batch axis with x[None])":
            lambda: checks.images(IMAGE[0], "x"),
        "labels: 3 labels for 2 images in images": lambda: checks.one_hot_labels(
            np.concatenate([ONE_HOT, ONE_HOT[:1]]), images_shape=(2, 4, 5, 3)),
    }
    for sentence, call in sentences.items():
        with pytest.raises(ValueError) as info:
            call()
        assert str(info.value) == sentence


def test_accepted_values_come_back_converted():
    assert checks.integer(np.int64(3), "n") == 3 and type(checks.integer(np.int64(3), "n")) is int
    np.testing.assert_array_equal(checks.images(np.full((1, 1, 1, 3), 255, np.uint8)), np.ones((1, 1, 1, 3)))
    assert checks.images(IMAGE).dtype == np.float32
    assert checks.label_map(np.ones((2, 2), bool)).dtype == np.int64
    assert checks.one_hot_labels(ONE_HOT.astype(np.float32)).dtype == np.uint8
    np.testing.assert_array_equal(checks.class_scores(ONE_HOT), ONE_HOT)
