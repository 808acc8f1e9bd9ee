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

PET, BACKGROUND, BORDER = 1, 2, 3  # the values of an Oxford-IIIT Pet trimap
#: What each trimap value must become: binary "not pet" / "pet" (the border is pet), full the classes of
#: PET_CLASSES["full"] ("background", "pet", "border").
EXPECTED = {"binary": {PET: 1, BACKGROUND: 0, BORDER: 1}, "full": {PET: 1, BACKGROUND: 0, BORDER: 2}}


def _trimap(h, w):
    trimap = np.full((h, w, 1), BACKGROUND, np.uint8)
    trimap[h // 6:h * 2 // 3, w // 6:w * 2 // 3] = BORDER
    trimap[h // 6 + 2:h * 2 // 3 - 2, w // 6 + 2:w * 2 // 3 - 2] = PET
    return trimap


def _examples(sizes, seed):
    """Pet-like examples: uint8 photos and trimaps (1 pet, 2 background, 3 border) of the given sizes."""
    rng = np.random.default_rng(seed)
    for i, (h, w) in enumerate(sizes):
        yield {"image": rng.integers(0, 256, (h, w, 3), dtype=np.uint8), "segmentation_mask": _trimap(h, w),
               "label": 0, "species": 0, "file_name": f"pet_{i}.jpg".encode(), "head_bbox": np.zeros(4, np.float32)}


def _mock(sizes):
    """tfds' mock_data serving ``sizes`` examples: train from seed 0, test from seed 1."""
    signature = {
        "image": tf.TensorSpec((None, None, 3), tf.uint8),
        "segmentation_mask": tf.TensorSpec((None, None, 1), tf.uint8),
        "label": tf.TensorSpec((), tf.int64), "species": tf.TensorSpec((), tf.int64),
        "file_name": tf.TensorSpec((), tf.string), "head_bbox": tf.TensorSpec((4,), tf.float32),
    }

    def as_dataset(builder, split, **kwargs):
        seed = 0 if "train" in str(split) else 1
        return tf.data.Dataset.from_generator(lambda: _examples(sizes, seed), output_signature=signature)

    return tfds_testing.mock_data(as_dataset_fn=as_dataset)


@pytest.mark.parametrize("classes", ["binary", "full"])
def test_trimap_values_become_the_lesson_classes(classes):
    """At the target size nothing is resized: every pixel's class is the trimap value's class, and the photos
    are the uint8 photos scaled by 1/255."""
    with _mock([(32, 32)] * 3):
        lesson = load_lesson_data("oxford_pets", classes=classes, n_train=2, n_test=1, size=32)
    assert lesson.class_names == PET_CLASSES[classes]
    trimap = _trimap(32, 32)[..., 0]
    expected = np.vectorize(EXPECTED[classes].get)(trimap)
    for masks in (lesson.train_masks, lesson.test_masks):
        np.testing.assert_array_equal(masks, np.broadcast_to(expected, masks.shape))
    photos = np.stack([example["image"] for example in _examples([(32, 32)] * 2, seed=0)])
    np.testing.assert_allclose(lesson.train_images, photos / 255.0, atol=1e-6)


@pytest.mark.parametrize("classes", ["binary", "full"])
def test_odd_sized_trimaps_are_resized_with_nearest_neighbour(classes):
    """Odd sizes are resized to 48 x 48: the classes equal the trimap resized by nearest neighbour (computed here
    with numpy: the source pixel under each target pixel's centre), then mapped. Bilinear would blend 1 and 3 into
    2 (background) along the pet's outline."""
    sizes = [(61, 45), (70, 53), (57, 66)]
    with _mock(sizes):
        lesson = load_lesson_data("oxford_pets", classes=classes, n_train=3, n_test=1, size=48)
    table = np.vectorize(EXPECTED[classes].get)
    for mask, (h, w) in zip(lesson.train_masks, sizes, strict=True):
        rows = ((np.arange(48) + 0.5) * h / 48).astype(int)
        cols = ((np.arange(48) + 0.5) * w / 48).astype(int)
        np.testing.assert_array_equal(mask, table(_trimap(h, w)[rows][:, cols, 0]))
    assert np.all(lesson.train_labels.sum(-1) == 1)


def test_bad_trimaps_are_named():
    # tfds' default mock data draws random masks of random sizes: not trimaps
    with tfds_testing.mock_data(num_examples=3), pytest.raises(ValueError, match=r"^oxford_iiit_pet train example 0: "):
        load_lesson_data("oxford_pets", n_train=2, n_test=1, size=32)


def test_asking_for_more_images_than_the_split_has():
    with _mock([(40, 40)] * 3), pytest.raises(ValueError, match="asked for 10 images, the split has 3"):
        load_lesson_data("oxford_pets", n_train=10, n_test=1, size=32)
