"""Tests for fcnlab.data: the synthetic lesson data, the lecture-folder loader and its checks, tf.data."""

import hashlib
import json
import re
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


def test_lesson_data_is_frozen(lesson):
    with pytest.raises(AttributeError):
        lesson.train_images = None
    assert "train images (180, 224, 224, 3)" in repr(lesson)


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

    first = data.load_lesson_data(**kwargs)
    assert data.load_lesson_data(**kwargs) is first  # cached
    data._synthetic.cache_clear()
    data._rendered.cache_clear()
    second = data.load_lesson_data(**kwargs)
    assert second is not first  # really generated again
    print(json.dumps([digest(first), digest(second)]))
""")


def test_determinism_across_cache_clears_and_processes():
    """Two calls with the cache cleared in between give byte-identical arrays, and so does this process.

    The cache is cleared in a separate process, so this test does not evict the data other tests share.
    """
    kwargs = {"n_train": 6, "n_test": 2, "size": 64, "seed": 3, "classes": "full"}
    result = subprocess.run([sys.executable, "-c", _DETERMINISM_SCRIPT, json.dumps(kwargs)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    first, second = json.loads(result.stdout)
    assert first == second
    here = load_lesson_data(**kwargs)
    arrays = (here.train_images, here.train_labels, here.test_images, here.test_labels)
    assert [[str(a.dtype), list(a.shape), hashlib.sha256(a.tobytes()).hexdigest()] for a in arrays] == first


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"classes": "bogus"}, r"^classes: expected 'binary' or 'full', got 'bogus'$"),
        ({"classes": "Binary"}, r"^classes: expected 'binary' or 'full'"),
        ({"n_train": 0}, r"^n_train: expected an int >= 1, got 0$"),
        ({"n_train": -3}, r"^n_train: expected an int >= 1, got -3$"),
        ({"n_train": 2.0}, r"^n_train: expected an int >= 1, got 2\.0$"),
        ({"n_train": True}, r"^n_train: expected an int >= 1, got True$"),
        ({"n_test": 0}, r"^n_test: expected an int >= 1, got 0$"),
        ({"n_test": None}, r"^n_test: expected an int >= 1, got None$"),
        ({"n_train": 1, "n_test": 1, "size": 16}, r"^size: expected an image size >= 32 pixels, got 16$"),
        ({"n_train": 1, "n_test": 1, "seed": -1}, r"^seed: expected an int >= 0, got -1$"),
    ],
)
def test_bad_synthetic_arguments(kwargs, pattern):
    with pytest.raises(ValueError, match=pattern):
        load_lesson_data(**kwargs)


@pytest.mark.parametrize(("kwargs", "argument"), [({"seed": 1.5}, "seed"), ({"size": 40.7}, "size")])
def test_float_seed_or_size_is_rejected(kwargs, argument):
    with pytest.raises(ValueError, match=rf"^{argument}: "):
        load_lesson_data(n_train=1, n_test=1, **{"size": 32, **kwargs})


@pytest.mark.parametrize("source", ["oxford", "Synthetic", "camvid"])
def test_unknown_source_name(source, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no folder of that name here
    with pytest.raises(ValueError, match=rf"^source: unknown dataset {source!r}; expected 'synthetic', "
                                         r"'oxford_pets' or a folder holding seg_train_imgs\.npy"):
        load_lesson_data(source)


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


def test_missing_folder(tmp_path):
    missing = tmp_path / "not_mounted"
    with pytest.raises(FileNotFoundError, match=rf"^{re.escape(str(missing))}: no such folder .*"
                                                r"seg_train_imgs\.npy.*Drive mounted"):
        load_lesson_data(missing)
    assert not missing.exists()


def test_a_file_instead_of_a_folder(tmp_path):
    path = tmp_path / "seg_train_imgs.npy"
    np.save(path, np.zeros((1, 4, 4, 3), np.uint8))
    with pytest.raises(FileNotFoundError, match="no such folder"):
        load_lesson_data(path)


@pytest.mark.parametrize("missing", [TRAIN_IMGS, TRAIN_LABELS, TEST_IMGS])
def test_missing_file(tmp_path, missing):
    arrays = _good_arrays(np.random.default_rng(5))
    arrays[missing] = None
    folder = _write(tmp_path / "lecture", arrays)
    with pytest.raises(FileNotFoundError, match=rf"^{re.escape(missing)}: not found in {re.escape(str(folder))}$"):
        load_lesson_data(folder)


# ---- the bad-input matrix: (description, how to break the folder, expected error) -------------------
def _set(name, array):
    """Replace one file's array."""
    def change(arrays, folder):
        arrays[name] = array(arrays) if callable(array) else array
    return change


def _set_item(name, index, value, dtype=None):
    """Change one element of one array (optionally after a dtype change)."""
    def change(arrays, folder):
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


def _labels_with_two_classes(arrays):
    labels = arrays[TRAIN_LABELS].copy()
    labels[1, 2, 3] = (1, 1)
    return labels


def _labels_with_no_class(arrays):
    labels = arrays[TRAIN_LABELS].copy()
    labels[0, 0, 0] = (0, 0)
    return labels


def _object_array():
    a = np.empty(N, dtype=object)
    a[:] = [np.zeros((H, W, 3)) for _ in range(N)]
    return a


BAD_INPUTS = [
    # (id, change the arrays, change the bytes, exception, regex)
    ("truncated data", None, _raw_bytes(TRAIN_IMGS, lambda b: b[: len(b) - 100]),
     ValueError, r"^seg_train_imgs\.npy: not a readable \.npy file \(truncated or corrupt\?\)"),
    ("truncated header", None, _raw_bytes(TRAIN_LABELS, lambda b: b[:40]),
     ValueError, r"^seg_train_labels\.npy: .*(truncated or corrupt\?)"),
    ("empty file", None, _raw_bytes(TEST_IMGS, lambda b: b""),
     ValueError, r"^seg_test_imgs\.npy: not a \.npy file \(no \.npy header: truncated or corrupt\?\)"),
    ("object array (pickle)", _set(TRAIN_IMGS, _object_array()), None,
     ValueError, r"^seg_train_imgs\.npy: holds pickled Python objects \(dtype=object\)"),
    ("string array", _set(TRAIN_IMGS, np.full((N, H, W, 3), "0.5")), None,
     ValueError, r"^seg_train_imgs\.npy: expected a numeric array, got dtype <U3$"),
    ("string labels", _set(TRAIN_LABELS, np.array(["road", "sky"])), None,
     ValueError, r"^seg_train_labels\.npy: expected a numeric array, got dtype <U4$"),
    ("3-D images", _set(TRAIN_IMGS, lambda a: a[TRAIN_IMGS][..., 0]), None,
     ValueError, rf"^seg_train_imgs\.npy: expected RGB images \(N, H, W, 3\), got shape \({N}, {H}, {W}\)"),
    ("single image", _set(TEST_IMGS, lambda a: a[TEST_IMGS][0]), None,
     ValueError, rf"^seg_test_imgs\.npy: expected RGB images \(N, H, W, 3\), got shape \({H}, {W}, 3\) "
                 r"\(a single image\? add a batch axis"),
    ("RGBA images", _set(TRAIN_IMGS, lambda a: np.concatenate([a[TRAIN_IMGS], a[TRAIN_IMGS][..., :1]], -1)),
     None, ValueError, rf"^seg_train_imgs\.npy: expected RGB images \(N, H, W, 3\), got shape \({N}, {H}, {W}, 4\)$"),
    ("labels without channel axis", _set(TRAIN_LABELS, lambda a: a[TRAIN_LABELS].argmax(-1)), None,
     ValueError, rf"^seg_train_labels\.npy: expected one-hot labels \({N}, {H}, {W}, C\), got \({N}, {H}, {W}\)"
                 r" — integer label maps\? one-hot encode them"),
    ("labels with 1 channel", _set(TRAIN_LABELS, lambda a: a[TRAIN_LABELS][..., 1:]), None,
     ValueError, rf"^seg_train_labels\.npy: expected at least 2 classes on the last axis, got shape "
                 rf"\({N}, {H}, {W}, 1\)$"),
    ("label count mismatch", _set(TRAIN_LABELS, lambda a: a[TRAIN_LABELS][:-1]), None,
     ValueError, rf"^seg_train_labels\.npy: {N - 1} labels for {N} images in seg_train_imgs\.npy$"),
    ("label size mismatch", _set(TRAIN_LABELS, lambda a: a[TRAIN_LABELS][:, :, :-1]), None,
     ValueError, rf"^seg_train_labels\.npy: label size \({H}, {W - 1}\) does not match image size "
                 rf"\({H}, {W}\) of seg_train_imgs\.npy$"),
    ("transposed labels", _set(TRAIN_LABELS, lambda a: a[TRAIN_LABELS].transpose(0, 2, 1, 3)), None,
     ValueError, rf"^seg_train_labels\.npy: label size \({W}, {H}\) does not match image size \({H}, {W}\)"),
    ("NaN in images", _set_item(TRAIN_IMGS, (0, 1, 2, 0), np.nan, np.float32), None,
     ValueError, r"^seg_train_imgs\.npy: contains 1 NaN or infinite values$"),
    ("inf in images", _set_item(TEST_IMGS, (0, 1, 2, 0), np.inf, np.float64), None,
     ValueError, r"^seg_test_imgs\.npy: contains 1 NaN or infinite values$"),
    ("inf in labels", _set_item(TRAIN_LABELS, (0, 0, 0, 1), np.inf, np.float32), None,
     ValueError, r"^seg_train_labels\.npy: contains NaN or infinite values$"),
    ("NaN in test labels", _set_item(TEST_LABELS, (0, 0, 0, 0), np.nan, np.float64), None,
     ValueError, r"^seg_test_labels\.npy: contains NaN or infinite values$"),
    ("float images > 1 (0-255 floats)", _set(TRAIN_IMGS, lambda a: a[TRAIN_IMGS].astype(np.float32)), None,
     ValueError, r"^seg_train_imgs\.npy: float images must be in \[0, 1\], found values in \[0, 255\]; "
                 r"0-255 values\? pass uint8 or divide by 255$"),
    ("negative float pixels", _set_item(TRAIN_IMGS, (1, 0, 0, 2), -0.25, np.float32), None,
     ValueError, r"^seg_train_imgs\.npy: float images must be in \[0, 1\], found values in \[-0\.25, "),
    ("negative int pixels", _set_item(TRAIN_IMGS, (1, 0, 0, 2), -3, np.int16), None,
     ValueError, r"^seg_train_imgs\.npy: integer images must be in 0\.\.255, found values in \[-3, \d+\]$"),
    ("uint16 images > 255", _set_item(TEST_IMGS, (0, 0, 0, 0), 1000, np.uint16), None,
     ValueError, r"^seg_test_imgs\.npy: integer images must be in 0\.\.255, found values in \[\d+, 1000\]$"),
    ("soft labels", _set(TRAIN_LABELS, lambda a: np.where(a[TRAIN_LABELS] == 1, 0.5, 0.5)), None,
     ValueError, r"^seg_train_labels\.npy: labels are not one-hot: found the value .*0\.5\b.*, expected only 0 and 1"),
    ("class indices as channel values", _set_item(TRAIN_LABELS, (0, 0, 0, 1), 2), None,
     ValueError, r"^seg_train_labels\.npy: labels are not one-hot: found the value .*\b2\b.*, expected only 0 and 1"),
    ("two classes set", _set(TRAIN_LABELS, _labels_with_two_classes), None,
     ValueError, r"^seg_train_labels\.npy: labels are not one-hot: 1 pixels do not have exactly one class set$"),
    ("no class set", _set(TRAIN_LABELS, _labels_with_no_class), None,
     ValueError, r"^seg_train_labels\.npy: labels are not one-hot: 1 pixels do not have exactly one class set$"),
    ("empty train images", _set(TRAIN_IMGS, np.zeros((0, H, W, 3), np.uint8)), None,
     ValueError, rf"^seg_train_imgs\.npy: is empty \(shape \(0, {H}, {W}, 3\)\)$"),
    ("empty train labels", _set(TRAIN_LABELS, np.zeros((0,), np.uint8)), None,
     ValueError, r"^seg_train_labels\.npy: is empty \(shape \(0,\)\)$"),
    ("empty test images", _set(TEST_IMGS, np.zeros((0, H, W, 3), np.float32)), None,
     ValueError, r"^seg_test_imgs\.npy: is empty"),
    ("test images of another size", _set(TEST_IMGS, lambda a: a[TEST_IMGS][:, :8, :8]), None,
     ValueError, rf"^seg_test_imgs\.npy: image shape \(8, 8, 3\) differs from seg_train_imgs\.npy "
                 rf"\({H}, {W}, 3\)$"),
    ("test labels with another class count",
     _set(TEST_LABELS, lambda a: np.eye(3, dtype=np.uint8)[a[TEST_LABELS].argmax(-1)]), None,
     ValueError, r"^seg_test_labels\.npy: 3 classes, but seg_train_labels\.npy has 2$"),
    ("test label count mismatch", _set(TEST_LABELS, lambda a: a[TEST_LABELS][:1]), None,
     ValueError, r"^seg_test_labels\.npy: 1 labels for 3 images in seg_test_imgs\.npy$"),
    ("test labels as a label map", _set(TEST_LABELS, lambda a: a[TEST_LABELS].argmax(-1)), None,
     ValueError, rf"^seg_test_labels\.npy: expected one-hot labels \(3, {H}, {W}, C\), got \(3, {H}, {W}\)"),
]


def _snapshot(folder):
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


@pytest.mark.parametrize(("change_arrays", "change_bytes", "error", "pattern"),
                         [case[1:] for case in BAD_INPUTS], ids=[case[0] for case in BAD_INPUTS])
def test_bad_lecture_files(tmp_path, change_arrays, change_bytes, error, pattern):
    arrays = _good_arrays(np.random.default_rng(6))
    folder = tmp_path / "lecture"
    if change_arrays is not None:
        change_arrays(arrays, folder)
    folder.mkdir()
    for name, array in arrays.items():
        np.save(folder / name, array, allow_pickle=array.dtype == object)
    if change_bytes is not None:
        change_bytes(folder)
    before = _snapshot(folder)
    with pytest.raises(error, match=pattern):
        load_lesson_data(folder)
    assert _snapshot(folder) == before, "a failed load changed the files on disk"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lecture"]


def test_the_spec_example_message(tmp_path):
    """The message format of the spec, at full lecture size but with a cheap all-zero array."""
    folder = tmp_path / "lecture"
    folder.mkdir()
    images = np.zeros((180, 224, 224, 3), np.uint8)
    np.save(folder / TRAIN_IMGS, images)
    np.save(folder / TRAIN_LABELS, np.zeros((180, 224, 224), np.uint8))
    np.save(folder / TEST_IMGS, images[:27])
    expected = "seg_train_labels.npy: expected one-hot labels (180, 224, 224, C), got (180, 224, 224)"
    with pytest.raises(ValueError, match=rf"^{re.escape(expected)}"):
        load_lesson_data(folder)


@pytest.mark.parametrize(("labels", "shown"), [(np.array([[[[0.5, 0.5]]]]), "0.5"),
                                               (np.array([[[[0, 2]]]], np.uint8), "2")])
def test_not_one_hot_message_shows_the_plain_value(labels, shown):
    with pytest.raises(ValueError, match=rf"^labels: labels are not one-hot: found the value {shown}, "):
        data.check_labels(labels)


def test_labels_checked_only_after_their_images(tmp_path):
    """Two problems: the first file in loading order is the one reported."""
    arrays = _good_arrays(np.random.default_rng(7))
    arrays[TRAIN_IMGS] = arrays[TRAIN_IMGS][..., :2]
    arrays[TRAIN_LABELS] = arrays[TRAIN_LABELS][..., :1]
    with pytest.raises(ValueError, match=r"^seg_train_imgs\.npy: "):
        load_lesson_data(_write(tmp_path / "x", arrays))


@pytest.mark.parametrize("content", ["random bytes", "cut to 3 bytes"])
def test_corrupt_file_is_reported_as_corrupt(tmp_path, content):
    arrays = _good_arrays(np.random.default_rng(8))
    folder = _write(tmp_path / "lecture", arrays)
    path = folder / TRAIN_LABELS
    if content == "random bytes":
        path.write_bytes(np.random.default_rng(0).bytes(2000))
    else:
        path.write_bytes(path.read_bytes()[:3])
    before = _snapshot(folder)
    with pytest.raises(ValueError, match=r"^seg_train_labels\.npy: .*(corrupt|not a \.npy)"):
        load_lesson_data(folder)
    assert _snapshot(folder) == before


def test_npz_archive_under_a_npy_name_is_reported(tmp_path):
    folder = _write(tmp_path / "lecture", _good_arrays(np.random.default_rng(9)))
    np.savez(tmp_path / "archive.npz", labels=np.zeros((N, H, W, 2), np.uint8))
    (folder / TRAIN_LABELS).write_bytes((tmp_path / "archive.npz").read_bytes())
    with pytest.raises(ValueError, match=r"^seg_train_labels\.npy: .*(npz|zip|not a \.npy)"):
        load_lesson_data(folder)


def test_corrupt_file_raises_a_value_error_naming_the_file(tmp_path):
    """What holds today for random bytes: a ValueError naming the file (the wording is the xfail above)."""
    folder = _write(tmp_path / "lecture", _good_arrays(np.random.default_rng(8)))
    (folder / TRAIN_LABELS).write_bytes(np.random.default_rng(0).bytes(2000))
    before = _snapshot(folder)
    with pytest.raises(ValueError, match=r"^seg_train_labels\.npy: "):
        load_lesson_data(folder)
    assert _snapshot(folder) == before


# ----------------------------------------------------------------------------------------------------
# check_images / check_labels / one_hot used directly
# ----------------------------------------------------------------------------------------------------
def test_check_functions_name_the_array():
    with pytest.raises(ValueError, match=r"^my_batch: expected RGB images"):
        data.check_images(np.zeros((2, 4, 4)), "my_batch")
    with pytest.raises(ValueError, match=r"^labels: expected one-hot labels \(N, H, W, C\), got \(2, 4, 4\)"):
        data.check_labels(np.zeros((2, 4, 4), np.uint8))
    with pytest.raises(ValueError, match=r"^y: holds Python objects \(dtype=object\)"):
        data.check_labels(np.array([None, 1], dtype=object), "y")


def test_check_images_converts():
    u8 = np.array([[[[0, 128, 255]]]], np.uint8)
    out = data.check_images(u8)
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, [[[[0.0, 128 / 255, 1.0]]]], rtol=1e-7)
    as_bool = data.check_images(np.ones((1, 2, 2, 3), bool))
    assert as_bool.dtype == np.float32 and as_bool.max() == pytest.approx(1 / 255)


def test_one_hot():
    masks = np.array([[0, 2], [1, 0]])
    out = data.one_hot(masks, 3)
    assert out.dtype == np.uint8 and out.shape == (2, 2, 3)
    assert np.array_equal(out.argmax(-1), masks)
    _assert_one_hot(out, 3)
    with pytest.raises(ValueError, match=r"^masks: labels must be in \[0, 2\), found \[0, 2\]$"):
        data.one_hot(masks, 2)
    with pytest.raises(ValueError, match=r"^masks: expected integer class labels, got dtype float64$"):
        data.one_hot(masks.astype(float), 3)


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
    ds = data.make_tf_dataset(small.train_images, small.train_labels, 4, shuffle=False, augment=True, seed=3)
    for _ in range(2):
        images, labels = _epoch(ds)
        assert images.shape == small.train_images.shape
        assert images.min() >= 0.0 and images.max() <= 1.0
        assert np.isin(labels, (0.0, 1.0)).all()
        assert (labels.sum(-1) == 1).all()
        assert not np.array_equal(images, small.train_images)  # it did augment
        # the augmentation is geometric *and* joint: the road fraction stays roughly the same per image
        np.testing.assert_allclose(labels[..., 1].mean(axis=(1, 2)),
                                   small.train_labels[..., 1].mean(axis=(1, 2)), atol=0.15)


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


@pytest.fixture
def no_tensorflow(monkeypatch):
    """Importing TensorFlow fails: a check that runs 'before TensorFlow' must raise its ValueError anyway."""
    monkeypatch.setitem(sys.modules, "tensorflow", None)


@pytest.mark.parametrize(
    ("make_args", "pattern"),
    [
        (lambda d: (d.train_images, d.train_labels, 0), r"^batch_size: expected an int >= 1, got 0$"),
        (lambda d: (d.train_images, d.train_labels, -2), r"^batch_size: expected an int >= 1, got -2$"),
        (lambda d: (d.train_images, d.train_labels, 2.0), r"^batch_size: expected an int >= 1, got 2\.0$"),
        (lambda d: (d.train_images, d.train_labels, True), r"^batch_size: expected an int >= 1, got True$"),
        (lambda d: (d.train_images, d.train_labels[:5], 2), r"^labels: 5 labels for 8 images in images$"),
        (lambda d: (d.train_images, d.test_labels, 2), r"^labels: 2 labels for 8 images in images$"),
        (lambda d: (d.train_images, d.train_masks, 2), r"^labels: expected one-hot labels \(8, 64, 64, C\)"),
        (lambda d: (d.train_images * 255, d.train_labels, 2), r"^images: float images must be in \[0, 1\]"),
        (lambda d: (d.train_images[..., :2], d.train_labels, 2), r"^images: expected RGB images"),
    ],
)
def test_tf_bad_inputs_raise_before_tensorflow(small, no_tensorflow, make_args, pattern):
    with pytest.raises(ValueError, match=pattern):
        data.make_tf_dataset(*make_args(small), shuffle=True, augment=True)


def test_no_tensorflow_fixture_works(small, no_tensorflow):
    with pytest.raises(ImportError):
        data.make_tf_dataset(small.train_images, small.train_labels, 2, shuffle=False, augment=False)
