"""load_lesson_data("oxford_pets") offline, with tensorflow-datasets' mock data (no download)."""

from __future__ import annotations

import numpy as np
import pytest

tf = pytest.importorskip("tensorflow")
try:  # imported explicitly: older tfds do not import their testing module with the package
    from tensorflow_datasets import testing as tfds_testing
except ImportError as err:  # e.g. tfds 4.9.10's testing module with TensorFlow 2.16's older protobuf
    pytest.skip(f"tensorflow_datasets.testing cannot be imported with these versions: {err}",
                allow_module_level=True)

from fcnlab.data import PET_CLASSES, load_lesson_data  # noqa: E402


def _examples(n, rng):
    """Pet-like examples: odd-sized uint8 photos and trimaps (1 pet, 2 background, 3 border)."""
    for i in range(n):
        h, w = 60 + i, 45 + 2 * i
        trimap = np.full((h, w, 1), 2, np.uint8)
        trimap[10:40, 8:30] = 3
        trimap[12:38, 10:28] = 1
        yield {"image": rng.integers(0, 256, (h, w, 3), dtype=np.uint8), "segmentation_mask": trimap,
               "label": 0, "species": 0, "file_name": f"pet_{i}.jpg".encode(),
               "head_bbox": np.zeros(4, np.float32)}


def _as_dataset(builder, split, **kwargs):
    signature = {
        "image": tf.TensorSpec((None, None, 3), tf.uint8),
        "segmentation_mask": tf.TensorSpec((None, None, 1), tf.uint8),
        "label": tf.TensorSpec((), tf.int64), "species": tf.TensorSpec((), tf.int64),
        "file_name": tf.TensorSpec((), tf.string), "head_bbox": tf.TensorSpec((4,), tf.float32),
    }
    seed = 0 if "train" in str(split) else 1
    return tf.data.Dataset.from_generator(lambda: _examples(6, np.random.default_rng(seed)),
                                          output_signature=signature)


def test_oxford_pets_in_the_lesson_format():
    with tfds_testing.mock_data(as_dataset_fn=_as_dataset):
        lesson = load_lesson_data("oxford_pets", n_train=4, n_test=2, size=64)
    assert lesson.train_images.shape == (4, 64, 64, 3) and lesson.train_images.dtype == np.float32
    assert lesson.train_labels.shape == (4, 64, 64, 2) and lesson.train_labels.dtype == np.uint8
    assert lesson.test_labels.shape == (2, 64, 64, 2)
    assert lesson.class_names == PET_CLASSES["binary"]
    assert 0 <= lesson.train_images.min() and lesson.train_images.max() <= 1
    assert np.all(lesson.train_labels.sum(-1) == 1), "still one-hot after the nearest-neighbour resize"
    masks = lesson.train_masks
    assert 0.05 < masks.mean() < 0.5, "the pet (and its border) is class 1, the background class 0"


def test_oxford_pets_three_classes():
    with tfds_testing.mock_data(as_dataset_fn=_as_dataset):
        lesson = load_lesson_data("oxford_pets", classes="full", n_train=2, n_test=1, size=48)
    assert lesson.train_labels.shape[-1] == 3 and lesson.class_names == ("background", "pet", "border")
    assert set(np.unique(lesson.train_masks)) == {0, 1, 2}


def test_bad_trimaps_are_named():
    # tfds' default mock data draws random masks of random sizes: not trimaps
    with tfds_testing.mock_data(num_examples=3), pytest.raises(ValueError, match=r"^oxford_iiit_pet train example 0: "):
        load_lesson_data("oxford_pets", n_train=2, n_test=1, size=32)


def test_asking_for_more_images_than_the_split_has():
    with tfds_testing.mock_data(as_dataset_fn=_as_dataset), pytest.raises(ValueError, match="asked for 10 images"):
        load_lesson_data("oxford_pets", n_train=10, n_test=1, size=32)
