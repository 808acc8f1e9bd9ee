"""Tests for fcnlab.data: the synthetic lesson data, the lecture-folder loader and its checks, tf.data."""

import hashlib
import io
import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from fcnlab import data, scenes
from fcnlab.data import load_lesson_data

TRAIN_IMGS, TRAIN_LABELS = "seg_train_imgs.npy", "seg_train_labels.npy"
TEST_IMGS, TEST_LABELS = "seg_test_imgs.npy", "seg_test_labels.npy"


def _assert_one_hot(labels, num_classes):
    assert labels.dtype == np.uint8
    assert labels.shape[-1] == num_classes
    assert np.isin(labels, (0, 1)).all()
    assert (labels.sum(axis=-1) == 1).all()


# ----------------------------------------------------------------------------------------------------
# synthetic data, lesson defaults (uses the cached default data: generated once per session)
# ----------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def lesson():
    return load_lesson_data()


def test_default_shapes_and_dtypes(lesson):
    assert lesson.train_images.shape == (180, 224, 224, 3)
    assert lesson.train_images.dtype == np.float32
    assert lesson.train_labels.shape == (180, 224, 224, 2)
    assert lesson.train_labels.dtype == np.uint8
    assert lesson.test_images.shape == (27, 224, 224, 3)
    assert lesson.test_images.dtype == np.float32
    assert lesson.test_labels is not None
    assert lesson.test_labels.shape == (27, 224, 224, 2)
    assert lesson.test_labels.dtype == np.uint8
    assert lesson.class_names == ("not road", "road") == data.ROAD_CLASSES
    assert lesson.num_classes == 2
    assert "synthetic" in lesson.source and "seed=0" in lesson.source


def test_default_values(lesson):
    for images in (lesson.train_images, lesson.test_images):
        assert images.min() >= 0.0 and images.max() <= 1.0
    _assert_one_hot(lesson.train_labels, 2)
    _assert_one_hot(lesson.test_labels, 2)
    road_fraction = lesson.train_labels[..., 1].mean()
    assert 0.05 < road_fraction < 0.6, road_fraction
    # every image has road and not-road pixels
    assert lesson.train_labels[..., 1].any(axis=(1, 2)).all()
    assert lesson.train_labels[..., 0].any(axis=(1, 2)).all()
    assert np.array_equal(lesson.train_masks, lesson.train_labels.argmax(-1))
    assert lesson.test_masks.shape == (27, 224, 224)


def test_default_data_are_the_generators_scenes(lesson):
    """Train image k is scene k of seed 0, test image k is scene 180 + k; road is class 1."""
    for split_images, split_labels, index in ((lesson.train_images, lesson.train_labels, 0),
                                              (lesson.test_images, lesson.test_labels, 180)):
        image, class_map = scenes.render_scene(np.random.default_rng([0, index]), 224)
        assert np.array_equal(split_images[0], image)
        assert np.array_equal(split_labels[0, ..., 1], (class_map == scenes.ROAD).astype(np.uint8))


def test_cached_arrays_are_read_only(lesson):
    arrays = [lesson.train_images, lesson.train_labels, lesson.test_images, lesson.test_labels]
    for array in arrays:
        assert not array.flags.writeable
    before = lesson.train_images[0, 0, 0].copy()
    with pytest.raises(ValueError, match="read-only"):
        lesson.train_images[0, 0, 0] = 0.5
    with pytest.raises(ValueError, match="read-only"):
        lesson.test_labels[...] = 0
    assert np.array_equal(lesson.train_images[0, 0, 0], before)
    # the same call gives the same (cached) object, unchanged
    again = load_lesson_data()
    assert again is lesson
    # a copy is writable
    copy = lesson.train_images[:2].copy()
    copy[0] = 0
    assert lesson.train_images[0].any()




# ----------------------------------------------------------------------------------------------------
# synthetic data, other settings
# ----------------------------------------------------------------------------------------------------
def test_small_variants():
    d = load_lesson_data(n_train=5, n_test=3, size=48)
    assert d.train_images.shape == (5, 48, 48, 3) and d.train_labels.shape == (5, 48, 48, 2)
    assert d.test_images.shape == (3, 48, 48, 3) and d.test_labels.shape == (3, 48, 48, 2)
    _assert_one_hot(d.train_labels, 2)
    assert not d.train_images.flags.writeable and not d.test_labels.flags.writeable
    one = load_lesson_data(n_train=1, n_test=1, size=32)
    assert one.train_images.shape == (1, 32, 32, 3) and one.test_images.shape == (1, 32, 32, 3)


def test_train_and_test_are_consecutive_scenes():
    """n_train + n_test scenes of one seed: a bigger n_train moves the first test images into train."""
    small = load_lesson_data(n_train=3, n_test=2, size=40, seed=9)
    big = load_lesson_data(n_train=5, n_test=1, size=40, seed=9)
    assert np.array_equal(big.train_images[:3], small.train_images)
    assert np.array_equal(big.train_images[3:5], small.test_images)


def test_full_classes():
    d = load_lesson_data(classes="full", n_train=12, n_test=2, size=64)
    assert d.class_names == scenes.SCENE_CLASSES and d.num_classes == 6
    assert d.train_labels.shape == (12, 64, 64, 6) and d.test_labels.shape == (2, 64, 64, 6)
    _assert_one_hot(d.train_labels, 6)
    assert set(np.unique(d.train_masks)) == set(range(6))
    binary = load_lesson_data(classes="binary", n_train=12, n_test=2, size=64)
    assert np.array_equal(d.train_images, binary.train_images)  # same scenes, other labels
    assert np.array_equal(binary.train_masks, d.train_masks == scenes.ROAD)


def test_seeds():
    a = load_lesson_data(n_train=3, n_test=1, size=40, seed=1)
    b = load_lesson_data(n_train=3, n_test=1, size=40, seed=2)
    assert not np.array_equal(a.train_images, b.train_images)
    assert "seed=1" in a.source and "seed=2" in b.source


def test_numpy_integer_arguments():
    d = load_lesson_data(n_train=np.int64(2), n_test=np.int32(1), size=np.int64(32), seed=np.int64(3))
    assert d.train_images.shape == (2, 32, 32, 3)


_DETERMINISM_SCRIPT = textwrap.dedent("""
    import hashlib, json, sys
    from fcnlab import data

    kwargs = json.loads(sys.argv[1])

    def digest(d):
        arrays = (d.train_images, d.train_labels, d.test_images, d.test_labels)
        return [[str(a.dtype), list(a.shape), hashlib.sha256(a.tobytes()).hexdigest()] for a in arrays]

    print(json.dumps(digest(data.load_lesson_data(**kwargs))))
""")


def test_determinism_across_processes():
    """A fresh process generates byte-identical arrays to this one's."""
    kwargs = {"n_train": 6, "n_test": 2, "size": 64, "seed": 3, "classes": "full"}
    result = subprocess.run([sys.executable, "-c", _DETERMINISM_SCRIPT, json.dumps(kwargs)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    there = json.loads(result.stdout)
    here = load_lesson_data(**kwargs)
    arrays = (here.train_images, here.train_labels, here.test_images, here.test_labels)
    assert [[str(a.dtype), list(a.shape), hashlib.sha256(a.tobytes()).hexdigest()] for a in arrays] == there


# ----------------------------------------------------------------------------------------------------
# the lecture's folder format
# ----------------------------------------------------------------------------------------------------
N, H, W = 4, 16, 12  # non-square, so height and width cannot be confused


def _good_arrays(rng, n=N, n_test=3, classes=2, dtype=np.uint8):
    def images(count):
        if dtype == np.uint8:
            return rng.integers(0, 256, (count, H, W, 3), dtype=np.uint8)
        return rng.random((count, H, W, 3)).astype(dtype)

    def labels(count):
        return np.eye(classes, dtype=np.uint8)[rng.integers(0, classes, (count, H, W))]

    return {TRAIN_IMGS: images(n), TRAIN_LABELS: labels(n), TEST_IMGS: images(n_test), TEST_LABELS: labels(n_test)}


def _write(folder, arrays):
    folder.mkdir(parents=True, exist_ok=True)
    for name, array in arrays.items():
        if array is not None:
            np.save(folder / name, array)
    return folder


def test_folder_round_trip_uint8(tmp_path):
    arrays = _good_arrays(np.random.default_rng(0))
    folder = _write(tmp_path / "lecture", arrays)
    d = load_lesson_data(folder)
    assert d.train_images.dtype == np.float32 and d.test_images.dtype == np.float32
    np.testing.assert_array_equal(d.train_images, (arrays[TRAIN_IMGS] / 255.0).astype(np.float32))
    np.testing.assert_array_equal(d.test_images, (arrays[TEST_IMGS] / 255.0).astype(np.float32))
    assert d.train_images.min() >= 0 and d.train_images.max() <= 1
    assert d.train_images.max() > 0.9  # really scaled from 0..255, not clipped or left alone
    np.testing.assert_array_equal(d.train_labels, arrays[TRAIN_LABELS])
    np.testing.assert_array_equal(d.test_labels, arrays[TEST_LABELS])
    assert d.train_labels.dtype == np.uint8
    assert d.class_names == ("background", "foreground")
    assert d.source == str(folder)
    assert np.array_equal(d.train_masks, arrays[TRAIN_LABELS].argmax(-1))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_folder_float_images_are_kept(tmp_path, dtype):
    arrays = _good_arrays(np.random.default_rng(1), dtype=dtype)
    arrays[TRAIN_IMGS][0, 0, 0] = (0.0, 1.0, 0.5)  # the exact ends of the range are fine
    arrays[TRAIN_LABELS] = arrays[TRAIN_LABELS].astype(np.float32)  # float one-hot labels are fine too
    d = load_lesson_data(_write(tmp_path / "f", arrays))
    assert d.train_images.dtype == np.float32
    np.testing.assert_array_equal(d.train_images, arrays[TRAIN_IMGS].astype(np.float32))
    np.testing.assert_array_equal(d.test_images, arrays[TEST_IMGS].astype(np.float32))
    assert d.train_labels.dtype == np.uint8
    np.testing.assert_array_equal(d.train_labels, arrays[TRAIN_LABELS])


def test_folder_without_test_labels(tmp_path):
    arrays = _good_arrays(np.random.default_rng(2))
    arrays[TEST_LABELS] = None
    d = load_lesson_data(_write(tmp_path / "lecture", arrays))
    assert d.test_labels is None and d.test_masks is None
    assert d.test_images.shape == (3, H, W, 3)
    assert "no labels" in repr(d)


def test_folder_with_more_classes_and_class_names(tmp_path):
    folder = _write(tmp_path / "lecture", _good_arrays(np.random.default_rng(3), classes=3))
    d = load_lesson_data(folder)
    assert d.class_names == ("class 0", "class 1", "class 2") and d.num_classes == 3
    named = load_lesson_data(folder, class_names=["a", "b", "c"])
    assert named.class_names == ("a", "b", "c")
    with pytest.raises(ValueError, match=r"^class_names: 2 names for 3 classes$"):
        load_lesson_data(folder, class_names=("a", "b"))


def test_folder_given_as_str_path_or_relative_name(tmp_path, monkeypatch):
    folder = _write(tmp_path / "drive", _good_arrays(np.random.default_rng(4)))
    for source in (folder, str(folder)):
        assert load_lesson_data(source).train_images.shape == (N, H, W, 3)
    monkeypatch.chdir(tmp_path)
    assert load_lesson_data("drive").train_images.shape == (N, H, W, 3)  # no os.sep, but it exists
    assert data.load_lecture_folder("drive").test_images.shape == (3, H, W, 3)




@pytest.fixture
def no_tensorflow(monkeypatch):
    """Importing TensorFlow fails: a check that runs 'before TensorFlow' must raise its ValueError anyway."""
    monkeypatch.setitem(sys.modules, "tensorflow", None)



def test_no_tensorflow_fixture_works(no_tensorflow):
    small = load_lesson_data(n_train=8, n_test=2, size=64)
    with pytest.raises(ImportError):
        data.make_tf_dataset(small.train_images, small.train_labels, 2, shuffle=False, augment=False)


# ----------------------------------------------------------------------------------------------------
# wrong inputs: one table of (call, exception, the argument or file the message names)
# ----------------------------------------------------------------------------------------------------
def _set(name, array):
    """Replace one file's array."""
    def change(arrays):
        arrays[name] = array(arrays) if callable(array) else array
    return change


def _set_item(name, index, value, dtype=None):
    """Change one element of one array (optionally after a dtype change)."""
    def change(arrays):
        a = arrays[name].astype(dtype) if dtype is not None else arrays[name].copy()
        a[index] = value
        arrays[name] = a
    return change


def _raw_bytes(name, make_bytes):
    """Write the file's bytes by hand after the arrays are saved."""
    def after(folder):
        path = folder / name
        path.write_bytes(make_bytes(path.read_bytes()))
    return after


def _two_classes_set(arrays):
    labels = arrays[TRAIN_LABELS].copy()
    labels[1, 2, 3] = (1, 1)
    return labels


def _object_array():
    a = np.empty(N, dtype=object)
    a[:] = [np.zeros((H, W, 3)) for _ in range(N)]
    return a


def _npz(path_bytes):
    buffer = io.BytesIO()
    np.savez(buffer, labels=np.zeros((N, H, W, 2), np.uint8))
    return buffer.getvalue()


def _snapshot(folder):
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def _broken_folder(*changes, raw=None):
    """Load a lecture folder broken by ``changes`` (to the arrays) and ``raw`` (to the bytes of a file);
    a failed load must leave the files as they were."""
    def call(tmp_path):
        arrays = _good_arrays(np.random.default_rng(6))
        for change in changes:
            change(arrays)
        folder = tmp_path / "lecture"
        folder.mkdir()
        for name, array in arrays.items():
            if array is not None:
                np.save(folder / name, array, allow_pickle=array.dtype == object)
        if raw is not None:
            raw(folder)
        before = _snapshot(folder)
        try:
            load_lesson_data(folder)
        finally:
            assert _snapshot(folder) == before, "a failed load changed the files on disk"
    return call


def _synthetic_data(**kwargs):
    return lambda tmp_path: load_lesson_data(**{"n_train": 1, "n_test": 1, "size": 32, **kwargs})


def _tf(images=None, labels=None, batch_size=2):
    def call(tmp_path):
        small = load_lesson_data(n_train=8, n_test=2, size=64)
        data.make_tf_dataset(small.train_images if images is None else images(small),
                             small.train_labels if labels is None else labels(small), batch_size,
                             shuffle=True, augment=True)
    return call


ERRORS = [
    # synthetic data: the arguments
    pytest.param(_synthetic_data(classes="Binary"), ValueError, "classes",
                 id="classes"),
    pytest.param(_synthetic_data(n_train=0), ValueError, "n_train", id="n_train-0"),
    pytest.param(_synthetic_data(n_train=True), ValueError, "n_train", id="n_train-bool"),
    pytest.param(_synthetic_data(n_test=2.0), ValueError, "n_test", id="n_test-float"),
    pytest.param(_synthetic_data(size=16), ValueError, "size", id="size"),
    pytest.param(_synthetic_data(size=40.7), ValueError, "size",
                 id="size-float"),
    pytest.param(_synthetic_data(seed=1.5), ValueError, "seed", id="seed-float"),
    pytest.param(lambda tmp_path: load_lesson_data("camvid"), ValueError,
                 "source", id="unknown-source"),
    # the lecture's folder: files missing, unreadable or of the wrong kind
    pytest.param(lambda tmp_path: load_lesson_data(tmp_path / "not_mounted"), FileNotFoundError,
                 "not_mounted", id="no-folder"),
    pytest.param(_broken_folder(_set(TRAIN_LABELS, None)), FileNotFoundError, "seg_train_labels.npy",
                 id="missing-file"),
    pytest.param(_broken_folder(raw=_raw_bytes(TRAIN_IMGS, lambda b: b[: len(b) - 100])), ValueError,
                 "seg_train_imgs.npy", id="truncated"),
    pytest.param(_broken_folder(raw=_raw_bytes(TEST_IMGS, lambda b: b"")), ValueError,
                 "seg_test_imgs.npy", id="empty-file"),
    pytest.param(_broken_folder(raw=_raw_bytes(TRAIN_LABELS, lambda b: np.random.default_rng(0).bytes(2000))),
                 ValueError, "seg_train_labels.npy", id="random-bytes"),
    pytest.param(_broken_folder(raw=_raw_bytes(TRAIN_LABELS, _npz)), ValueError,
                 "seg_train_labels.npy", id="npz"),
    pytest.param(_broken_folder(_set(TRAIN_IMGS, _object_array())), ValueError,
                 "seg_train_imgs.npy", id="pickle"),
    pytest.param(_broken_folder(_set(TRAIN_IMGS, np.full((N, H, W, 3), "0.5"))), ValueError,
                 "seg_train_imgs.npy", id="strings"),
    # images
    pytest.param(_broken_folder(_set(TEST_IMGS, lambda a: a[TEST_IMGS][0])), ValueError,
                 "seg_test_imgs.npy", id="single-image"),
    pytest.param(_broken_folder(_set(TRAIN_IMGS, lambda a: np.concatenate([a[TRAIN_IMGS]] * 2, -1)[..., :4])),
                 ValueError, "seg_train_imgs.npy",
                 id="rgba"),
    pytest.param(_broken_folder(_set_item(TRAIN_IMGS, (0, 1, 2, 0), np.nan, np.float32)), ValueError,
                 "seg_train_imgs.npy", id="nan-image"),
    pytest.param(_broken_folder(_set(TRAIN_IMGS, lambda a: a[TRAIN_IMGS].astype(np.float32))), ValueError,
                 "seg_train_imgs.npy", id="0-255-floats"),
    pytest.param(_broken_folder(_set_item(TRAIN_IMGS, (1, 0, 0, 2), -0.25, np.float32)), ValueError,
                 "seg_train_imgs.npy", id="negative-float"),
    pytest.param(_broken_folder(_set_item(TEST_IMGS, (0, 0, 0, 0), 1000, np.uint16)), ValueError,
                 "seg_test_imgs.npy", id="uint16"),
    pytest.param(_broken_folder(_set(TEST_IMGS, lambda a: a[TEST_IMGS][:, :8, :8])), ValueError,
                 "seg_test_imgs.npy",
                 id="test-image-size"),
    # labels
    pytest.param(_broken_folder(_set(TRAIN_LABELS, lambda a: a[TRAIN_LABELS].argmax(-1))), ValueError,
                 "seg_train_labels.npy", id="label-maps"),
    pytest.param(_broken_folder(_set(TRAIN_LABELS, lambda a: a[TRAIN_LABELS][..., 1:])), ValueError,
                 "seg_train_labels.npy", id="one-channel"),
    pytest.param(_broken_folder(_set(TRAIN_LABELS, lambda a: a[TRAIN_LABELS][:-1])), ValueError,
                 "seg_train_labels.npy", id="label-count"),
    pytest.param(_broken_folder(_set(TRAIN_LABELS, lambda a: a[TRAIN_LABELS].transpose(0, 2, 1, 3))), ValueError,
                 "seg_train_labels.npy", id="transposed"),
    pytest.param(_broken_folder(_set_item(TRAIN_LABELS, (0, 0, 0, 1), np.inf, np.float32)), ValueError,
                 "seg_train_labels.npy", id="inf-label"),
    pytest.param(_broken_folder(_set(TRAIN_LABELS, lambda a: np.full(a[TRAIN_LABELS].shape, 0.5))), ValueError,
                 "seg_train_labels.npy",
                 id="soft-labels"),
    pytest.param(_broken_folder(_set_item(TRAIN_LABELS, (0, 0, 0, 1), 2)), ValueError,
                 "seg_train_labels.npy",
                 id="class-index"),
    pytest.param(_broken_folder(_set(TRAIN_LABELS, _two_classes_set)), ValueError,
                 "seg_train_labels.npy",
                 id="two-classes-set"),
    pytest.param(_broken_folder(_set_item(TRAIN_LABELS, (0, 0, 0), 0)), ValueError,
                 "seg_train_labels.npy",
                 id="no-class-set"),
    pytest.param(_broken_folder(_set(TEST_LABELS, lambda a: np.eye(3, dtype=np.uint8)[a[TEST_LABELS].argmax(-1)])),
                 ValueError, "seg_test_labels.npy", id="class-count"),
    pytest.param(_broken_folder(_set(TRAIN_IMGS, lambda a: a[TRAIN_IMGS][..., :2]),
                                _set(TRAIN_LABELS, lambda a: a[TRAIN_LABELS][..., :1])), ValueError,
                 "seg_train_imgs.npy", id="first-file-first"),
    # one_hot
    pytest.param(lambda tmp_path: data.one_hot(np.array([[0, 2], [1, 0]]), 2), ValueError,
                 "masks", id="one_hot-range"),
    pytest.param(lambda tmp_path: data.one_hot(np.zeros((2, 2)), 2), ValueError,
                 "masks", id="one_hot-float"),
    # make_tf_dataset
    pytest.param(_tf(batch_size=0), ValueError, "batch_size", id="batch-0"),
    pytest.param(_tf(batch_size=True), ValueError, "batch_size", id="batch-bool"),
    pytest.param(_tf(labels=lambda d: d.train_labels[:5]), ValueError, "labels",
                 id="tf-label-count"),
    pytest.param(_tf(labels=lambda d: d.train_masks), ValueError, "labels",
                 id="tf-label-maps"),
    pytest.param(_tf(images=lambda d: d.train_images * 255), ValueError,
                 "images", id="tf-0-255-floats"),
]


@pytest.mark.parametrize(("call", "error", "named"), ERRORS)
def test_wrong_inputs_raise_errors_that_name_the_file_or_argument(tmp_path, no_tensorflow, call, error, named):
    """Every check runs before TensorFlow is imported (the ``no_tensorflow`` fixture makes importing it fail)."""
    with pytest.raises(error) as info:
        call(tmp_path)
    assert named in str(info.value)


def test_one_hot():
    masks = np.array([[0, 2], [1, 0]])
    out = data.one_hot(masks, 3)
    assert out.dtype == np.uint8 and out.shape == (2, 2, 3)
    assert np.array_equal(out.argmax(-1), masks)
    _assert_one_hot(out, 3)
    # a bool mask is the class index 0 / 1 (not a boolean index into the identity matrix)
    np.testing.assert_array_equal(data.one_hot(np.array([[True, False]]), 2), [[[0, 1], [1, 0]]])


# ----------------------------------------------------------------------------------------------------
# make_tf_dataset (small: 8 images of 64 x 64)
# ----------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def small():
    return load_lesson_data(n_train=8, n_test=2, size=64)


def _epoch(ds):
    images, labels = zip(*[(x.numpy(), y.numpy()) for x, y in ds], strict=True)
    return np.concatenate(images), np.concatenate(labels)


def test_tf_batches_shapes_and_dtypes(small):
    ds = data.make_tf_dataset(small.train_images, small.train_labels, 3, shuffle=True, augment=True)
    batches = list(ds)
    assert [int(x.shape[0]) for x, _ in batches] == [3, 3, 2]
    for x, y in batches:
        assert x.dtype.name == "float32" and y.dtype.name == "float32"
        assert tuple(x.shape[1:]) == (64, 64, 3) and tuple(y.shape[1:]) == (64, 64, 2)


def test_tf_without_augmentation_or_shuffle_is_the_data(small):
    ds = data.make_tf_dataset(small.train_images, small.train_labels, 3, shuffle=False, augment=False)
    for _ in range(2):  # and the same again in the second epoch
        images, labels = _epoch(ds)
        assert np.array_equal(images, small.train_images)
        assert labels.dtype == np.float32
        assert np.array_equal(labels, small.train_labels.astype(np.float32))


def test_tf_uint8_images_are_scaled(small):
    u8 = (np.asarray(small.train_images[:2]) * 255).round().astype(np.uint8)
    images, _ = _epoch(data.make_tf_dataset(u8, small.train_labels[:2], 2, shuffle=False, augment=False))
    np.testing.assert_array_equal(images, u8 / np.float32(255))


def test_tf_augmentation_keeps_labels_one_hot_and_images_in_range(small):
    """Labels are resized with nearest neighbour: a bilinear zoom would blend 0 and 1 into fractions at edges."""
    ds = data.make_tf_dataset(small.train_images, small.train_labels, 4, shuffle=False, augment=True, seed=3)
    for _ in range(2):
        images, labels = _epoch(ds)
        assert images.shape == small.train_images.shape
        assert images.min() >= 0.0 and images.max() <= 1.0
        assert np.isin(labels, (0.0, 1.0)).all()
        assert (labels.sum(-1) == 1).all()
        assert not np.array_equal(images, small.train_images)  # it did augment


def _self_labelled(masks):
    """Grey images that show their own label: 0.3 where the mask is 0, 0.7 where it is 1."""
    images = np.repeat((0.3 + 0.4 * masks)[..., None], 3, axis=-1).astype(np.float32)
    return images, data.one_hot(masks, 2)


def _misplaced_labels(images, labels):
    """Pixels whose augmented label does not fit the augmented image of :func:`_self_labelled`, per image.

    Colour jitter maps every pixel of a grey image through the same increasing affine function, so ``weight`` (the
    grey level scaled to [0, 1] between the image's two original greys) is the bilinear weight that the image's
    resize gave to class-1 pixels. Nearest neighbour takes the pixel nearest in both axes, whose bilinear weight is
    at least 1/2 x 1/2: a label 1 needs ``weight >= 1/4``, a label 0 ``weight <= 3/4``.
    """
    grey = images[..., 0]
    lo, hi = grey.min(axis=(1, 2), keepdims=True), grey.max(axis=(1, 2), keepdims=True)
    weight = (grey - lo) / (hi - lo)
    road = labels.argmax(-1) == 1
    return ((road & (weight < 0.25 - 1e-3)) | (~road & (weight > 0.75 + 1e-3))).sum(axis=(1, 2))


def test_tf_augmentation_moves_image_and_mask_together():
    """Flip, zoom and crop are applied to the image and its mask alike: every augmented label fits its augmented
    image (random 6 x 6 blocks, so a flip, a zoom or a crop that is off by one pixel for one of them shows). The
    pairs are shuffled too: they must stay pairs."""
    blocks = np.random.default_rng(0).integers(0, 2, (12, 8, 8))
    images, labels = _self_labelled(np.kron(blocks, np.ones((6, 6), np.int64)))
    ds = data.make_tf_dataset(images, labels, 12, shuffle=True, augment=True, seed=1)
    for _ in range(2):
        misplaced = _misplaced_labels(*_epoch(ds))
        assert not misplaced.any(), misplaced


def test_tf_augmentation_flips_zooms_and_crops():
    """Each geometric step really happens, at random. Road fills the bottom-left corner, 20 x 20 of 50 x 50; a zoom
    z then a crop starting at column ``left`` and row ``top`` leave a road ``20 z - left`` wide (``50 - 30 z + left``
    when flipped) and ``50 - 30 z + top`` high. So a flip moves the road to the right in some images, not all; the
    road is narrower than 20 in some flipped and some unflipped images (the crop starts at random columns, not
    always at the left or right edge) and both lower and higher than 20 in some (it starts at random rows)."""
    size = 50
    corner = np.zeros((size, size), np.int64)
    corner[30:, :20] = 1
    images, labels = _self_labelled(np.repeat(corner[None], 16, axis=0))
    _, aug = _epoch(data.make_tf_dataset(images, labels, 16, shuffle=False, augment=True, seed=2))
    road = aug[..., 1]
    bottom_row = road[:, -1]
    flipped = bottom_row[:, -1] > bottom_row[:, 0]
    assert 0 < flipped.sum() < 16, flipped
    outer_column = np.where(flipped[:, None], road[:, :, -1], road[:, :, 0])
    width, height = bottom_row.sum(axis=1), outer_column.sum(axis=1)
    assert (width[flipped] < 20).any() and (width[~flipped] < 20).any(), (width, flipped)
    assert (height < 20).any() and (height > 20).any(), height


def test_tf_same_seed_same_epochs_and_epochs_differ(small):
    def two_epochs(seed):
        ds = data.make_tf_dataset(small.train_images, small.train_labels, 3, shuffle=True, augment=True,
                                  seed=seed)
        return [_epoch(ds) for _ in range(2)]

    a, b, c = two_epochs(0), two_epochs(0), two_epochs(1)
    for (xa, ya), (xb, yb) in zip(a, b, strict=True):
        assert np.array_equal(xa, xb) and np.array_equal(ya, yb)
    assert not np.array_equal(a[0][0], a[1][0]), "epoch 2 repeats epoch 1"
    assert not np.array_equal(a[0][0], c[0][0]), "another seed gives the same epoch"


def test_tf_shuffle_only_permutes(small):
    ds = data.make_tf_dataset(small.train_images, small.train_labels, 8, shuffle=True, augment=False, seed=5)
    orders = []
    for _ in range(2):
        images, labels = _epoch(ds)
        flat = np.asarray(small.train_images).reshape(8, -1)
        order = [int(np.flatnonzero((flat == image.reshape(1, -1)).all(axis=1))[0]) for image in images]
        assert sorted(order) == list(range(8))
        assert np.array_equal(labels, small.train_labels[order].astype(np.float32))  # pairs stay together
        orders.append(order)
    assert orders[0] != orders[1]
    assert orders[0] != list(range(8))


