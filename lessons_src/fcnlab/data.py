"""The lesson data (one job: the arrays a lesson learns from — load, check, split, feed to TensorFlow).

The lecture trains on 180 images of 224 x 224 x 3 with one-hot labels 224 x 224 x 2 and tests on 27 images.
:func:`load_lesson_data` returns data in exactly that format, from one of three sources (``$FCNLAB_DATA`` picks
one when none is given; :func:`default_source`):

- ``"synthetic"`` (the default): generated road scenes (:mod:`fcnlab.scenes`), road / not road, made from a
  seed, offline. Unlike the lecture's data, the test images have labels too.
- a folder holding the lecture's files ``seg_train_imgs.npy``, ``seg_train_labels.npy``,
  ``seg_test_imgs.npy`` and optionally ``seg_test_labels.npy`` (e.g. a mounted Google Drive folder);
- ``"oxford_pets"``: real photos through tensorflow-datasets (:func:`load_oxford_pets`).

:func:`split_validation` and :func:`report_split` say which images train, validate and are reported on (the
validation split when the data has no test labels).

Every array is checked before TensorFlow sees it (:mod:`fcnlab.checks`); a problem raises ``ValueError`` (or
``FileNotFoundError``) naming the file or array and what is wrong. Files are read with
``np.load(..., allow_pickle=False)``.

:func:`make_tf_dataset` builds the ``tf.data`` input pipeline, with augmentation applied jointly to each image
and its mask (TensorFlow is imported only there).
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from fcnlab import checks, scenes

#: Class names of the binary lesson task; channel k of a one-hot label is class k.
ROAD_CLASSES = ("not road", "road")
LECTURE_FILES = {
    "train_images": "seg_train_imgs.npy",
    "train_labels": "seg_train_labels.npy",
    "test_images": "seg_test_imgs.npy",
    "test_labels": "seg_test_labels.npy",  # optional: the lecture ships no test labels
}
N_TRAIN, N_TEST, IMAGE_SIZE = 180, 27, 224


@dataclass(frozen=True, eq=False)
class LessonData:
    """Images float32 ``(N, H, W, 3)`` in [0, 1]; labels one-hot uint8 ``(N, H, W, C)``."""

    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray | None
    class_names: tuple[str, ...]
    source: str

    @property
    def num_classes(self) -> int:
        return len(self.class_names)

    @functools.cached_property
    def fingerprint(self) -> str:
        """A SHA-256 of every array (shapes, dtypes, bytes) and the class names: the same data, the same string.

        Saved models and results record it (:mod:`fcnlab.storage`), so nothing trained on other data is loaded.
        """
        digest = hashlib.sha256(repr(self.class_names).encode())
        for array in (self.train_images, self.train_labels, self.test_images, self.test_labels):
            if array is None:
                digest.update(b"none")
                continue
            array = np.ascontiguousarray(array)
            digest.update(f"{array.shape}{array.dtype.str}".encode())
            digest.update(memoryview(array).cast("B"))
        return digest.hexdigest()

    @property
    def train_masks(self) -> np.ndarray:
        """Integer label maps ``(N, H, W)``: the one-hot labels with the class axis argmaxed away."""
        return self.train_labels.argmax(axis=-1)

    @property
    def test_masks(self) -> np.ndarray | None:
        return None if self.test_labels is None else self.test_labels.argmax(axis=-1)

    def __repr__(self) -> str:
        test = "no labels" if self.test_labels is None else f"labels {self.test_labels.shape}"
        return (f"LessonData(source={self.source!r}, classes={self.class_names}, "
                f"train images {self.train_images.shape} labels {self.train_labels.shape}, "
                f"test images {self.test_images.shape} {test})")


# --------------------------------------------------------------------------------------------------
# one-hot labels
# --------------------------------------------------------------------------------------------------


def one_hot(masks, num_classes: int) -> np.ndarray:
    """Integer label maps ``(..., H, W)`` → one-hot uint8 ``(..., H, W, num_classes)``."""
    num_classes = checks.integer(num_classes, "num_classes", least=2)
    masks = checks.label_map(masks, "masks", ndim=None, num_classes=num_classes)
    return np.eye(num_classes, dtype=np.uint8)[masks]


# --------------------------------------------------------------------------------------------------
# loading
# --------------------------------------------------------------------------------------------------
def _load_npy(path: Path) -> np.ndarray:
    """``np.load`` without pickles, with errors that name the file."""
    if not path.is_file():
        raise FileNotFoundError(f"{path.name}: not found in {path.parent}")
    try:
        with open(path, "rb") as f:
            magic = f.read(6)
    except OSError as err:
        raise ValueError(f"{path.name}: cannot be read: {err}") from None
    if magic != b"\x93NUMPY":
        kind = "a .npz archive, not a .npy file" if magic.startswith(b"PK") else \
            "not a .npy file (no .npy header: truncated or corrupt?)"
        raise ValueError(f"{path.name}: {kind}")
    try:
        return np.load(path, allow_pickle=False)
    except ValueError as err:
        if "Object arrays" in str(err):
            raise ValueError(f"{path.name}: holds pickled Python objects (dtype=object); "
                             "save a numeric array instead") from None
        raise ValueError(f"{path.name}: not a readable .npy file (truncated or corrupt?): {err}") from None
    except (EOFError, OSError) as err:
        raise ValueError(f"{path.name}: cannot be read as a .npy file (truncated or corrupt?): {err}") from None


def load_lecture_folder(folder, class_names=None) -> LessonData:
    """Load and check the lecture's ``seg_*.npy`` files from ``folder``."""
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder (expected the lecture's files "
                                f"{', '.join(LECTURE_FILES.values())}; in Colab, is Drive mounted?)")
    names = LECTURE_FILES
    train_images = checks.images(_load_npy(folder / names["train_images"]), names["train_images"])
    train_labels = checks.one_hot_labels(_load_npy(folder / names["train_labels"]), names["train_labels"],
                                images_shape=train_images.shape, images_name=names["train_images"])
    test_images = checks.images(_load_npy(folder / names["test_images"]), names["test_images"])
    if test_images.shape[1:] != train_images.shape[1:]:
        raise ValueError(f"{names['test_images']}: image shape {test_images.shape[1:]} differs from "
                         f"{names['train_images']} {train_images.shape[1:]}")
    test_labels = None
    if (folder / names["test_labels"]).exists():
        test_labels = checks.one_hot_labels(_load_npy(folder / names["test_labels"]), names["test_labels"],
                                   images_shape=test_images.shape, images_name=names["test_images"])
        if test_labels.shape[-1] != train_labels.shape[-1]:
            raise ValueError(f"{names['test_labels']}: {test_labels.shape[-1]} classes, but "
                             f"{names['train_labels']} has {train_labels.shape[-1]}")
    num_classes = train_labels.shape[-1]
    if class_names is None:
        class_names = ("background", "foreground") if num_classes == 2 else tuple(
            f"class {k}" for k in range(num_classes))
    if len(class_names) != num_classes:
        raise ValueError(f"class_names: {len(class_names)} names for {num_classes} classes")
    return LessonData(train_images, train_labels, test_images, test_labels, tuple(class_names), str(folder))


@lru_cache(maxsize=4)
def _rendered(seed: int, n: int, size: int) -> tuple[np.ndarray, np.ndarray]:
    """The scenes, rendered once per (seed, n, size): binary and full labels share them."""
    images, class_maps = scenes.generate_scenes(n, seed=seed, size=size)
    images.flags.writeable = False
    return images, class_maps


@lru_cache(maxsize=4)
def _synthetic(seed: int, classes: str, n_train: int, n_test: int, size: int) -> LessonData:
    images, class_maps = _rendered(seed, n_train + n_test, size)
    if classes == "binary":
        masks, class_names = (class_maps == scenes.ROAD).astype(np.uint8), ROAD_CLASSES
    else:
        masks, class_names = class_maps, scenes.SCENE_CLASSES
    labels = one_hot(masks, len(class_names))
    labels.flags.writeable = False  # shared between calls: nobody may change the cached copy
    return LessonData(images[:n_train], labels[:n_train], images[n_train:], labels[n_train:],
                      tuple(class_names), f"synthetic road scenes (seed={seed})")


PET_CLASSES = {"binary": ("not pet", "pet"), "full": ("background", "pet", "border")}
#: Oxford-IIIT Pet trimaps: 1 = pet, 2 = background, 3 = border (the uncertain outline around the pet)
_TRIMAP_TO_FULL = np.array([255, 1, 0, 2], dtype=np.uint8)   # trimap value -> index in PET_CLASSES["full"]
_TRIMAP_TO_BINARY = np.array([255, 1, 0, 1], dtype=np.uint8)  # the border counts as pet in the binary task


def load_oxford_pets(*, classes: str = "binary", n_train: int = N_TRAIN, n_test: int = N_TEST,
                     size: int = IMAGE_SIZE, data_dir=None) -> LessonData:
    """Real photos: the Oxford-IIIT Pet dataset via tensorflow-datasets, in the lesson's format.

    Needs the internet the first time (about 800 MB download, a few minutes in Colab; then cached in
    ``data_dir``). Takes the first ``n_train`` / ``n_test`` images of tfds' train / test splits, resizes images
    bilinearly and trimaps with **nearest neighbour** to ``size`` x ``size``. ``classes="binary"`` gives
    not pet / pet (the trimap's border counts as pet), ``"full"`` the three trimap classes.
    """
    if classes not in PET_CLASSES:
        raise ValueError(f"classes: expected 'binary' or 'full', got {classes!r}")
    import tensorflow as tf
    import tensorflow_datasets as tfds

    table = _TRIMAP_TO_BINARY if classes == "binary" else _TRIMAP_TO_FULL
    class_names = PET_CLASSES[classes]
    arrays = {}
    for split, count in (("train", n_train), ("test", n_test)):
        ds = tfds.load("oxford_iiit_pet", split=split, data_dir=data_dir, shuffle_files=False)
        images, masks = [], []
        for k, example in enumerate(tfds.as_numpy(ds.take(count))):
            where = f"oxford_iiit_pet {split} example {k}"
            image, trimap = example["image"], example["segmentation_mask"]
            if trimap.shape[:2] != image.shape[:2]:
                raise ValueError(f"{where}: segmentation_mask {trimap.shape[:2]} does not match image "
                                 f"{image.shape[:2]}")
            if not np.isin(trimap, (1, 2, 3)).all():
                raise ValueError(f"{where}: segmentation_mask values must be trimap labels 1, 2, 3, found "
                                 f"{sorted(np.unique(trimap).tolist())[:8]}")
            images.append(tf.image.resize(image, (size, size), method="bilinear").numpy() / 255.0)
            resized = tf.image.resize(trimap, (size, size), method="nearest").numpy()[..., 0]
            masks.append(table[resized])
        if len(images) < count:
            raise ValueError(f"oxford_iiit_pet {split}: asked for {count} images, the split has {len(images)}")
        arrays[split] = (np.clip(np.stack(images), 0, 1).astype(np.float32),
                         one_hot(np.stack(masks).astype(np.int64), len(class_names)))
    return LessonData(*arrays["train"], *arrays["test"], class_names, "oxford_iiit_pet (tensorflow-datasets)")


#: The environment variables that pick the data when :func:`load_lesson_data` is called without a source
#: (CI and ``make lessons`` set them; the lessons' settings cell reads them as its defaults).
DATA_ENV, CLASSES_ENV = "FCNLAB_DATA", "FCNLAB_CLASSES"


def default_source(environ=None) -> tuple[str, str]:
    """``(source, classes)`` from ``FCNLAB_DATA`` / ``FCNLAB_CLASSES``; ``("synthetic", "binary")`` if unset."""
    environ = os.environ if environ is None else environ
    source = environ.get(DATA_ENV, "").strip() or "synthetic"
    classes = environ.get(CLASSES_ENV, "").strip() or "binary"
    return source, classes


def load_lesson_data(source: str | os.PathLike | None = None, *, seed: int = 0, classes: str | None = None,
                     n_train: int = N_TRAIN, n_test: int = N_TEST, size: int = IMAGE_SIZE,
                     class_names=None) -> LessonData:
    """The lesson's train and test data, in the lecture's format.

    Args:
        source: ``"synthetic"`` (generated road scenes), ``"oxford_pets"`` (real photos through
            tensorflow-datasets, needs the internet once: :func:`load_oxford_pets`) or a folder with the
            lecture's ``seg_*.npy`` files. ``None``: ``$FCNLAB_DATA``, else ``"synthetic"``.
        seed: synthetic data only: the same seed gives byte-identical arrays.
        classes: ``"binary"`` (not road / road, the lesson default) or ``"full"`` (the generator's six
            classes, :data:`fcnlab.scenes.SCENE_CLASSES`; for Oxford pets the three trimap classes).
            ``None``: ``$FCNLAB_CLASSES``, else ``"binary"``. Folder data has the classes of its files.
        n_train, n_test, size: synthetic data and Oxford pets: how many images of what size (180, 27, 224).
        class_names: folder data only: names for the label channels.

    Returns:
        A frozen :class:`LessonData`. Its arrays are read-only (they are cached): copy before editing.
    """
    env_source, env_classes = default_source()
    source = env_source if source is None else source
    classes = env_classes if classes is None else classes
    if isinstance(source, str) and source == "synthetic":
        if classes not in ("binary", "full"):
            raise ValueError(f"classes: expected 'binary' or 'full', got {classes!r}")
        n_train, n_test = checks.integer(n_train, "n_train"), checks.integer(n_test, "n_test")
        # seed and size are checked by the generator (a float seed is an error, not silently truncated)
        return _synthetic(seed, classes, n_train, n_test, size)
    if isinstance(source, str) and source == "oxford_pets":
        return load_oxford_pets(classes=classes, n_train=n_train, n_test=n_test, size=size)
    if isinstance(source, str) and os.sep not in source and not Path(source).exists():
        raise ValueError(f"source: unknown dataset {source!r}; expected 'synthetic', 'oxford_pets' or a folder holding "
                         f"{', '.join(LECTURE_FILES.values())}")
    return load_lecture_folder(source, class_names=class_names)


# --------------------------------------------------------------------------------------------------
# splits: train / validation / the labelled images a lesson reports on
# --------------------------------------------------------------------------------------------------
VALIDATION_IMAGES = 20  # of the 180 training images, held out for early stopping and model choice


def split_validation(images, labels, n_val: int = VALIDATION_IMAGES):
    """``(train_images, train_labels), (val_images, val_labels)``: the last ``n_val`` images validate."""
    if isinstance(n_val, bool) or not isinstance(n_val, (int, np.integer)) or not 0 < n_val < len(images):
        raise ValueError(f"n_val: expected an int with 0 < n_val < {len(images)} (the number of images), "
                         f"got {n_val!r}")
    return (images[:-n_val], labels[:-n_val]), (images[-n_val:], labels[-n_val:])


@dataclass(frozen=True, eq=False)
class LabelledSplit:
    """Images and one-hot labels to score a model on, and what they are (``"test"`` or ``"validation"``)."""

    images: np.ndarray
    labels: np.ndarray
    name: str

    @property
    def masks(self) -> np.ndarray:
        return self.labels.argmax(axis=-1)


def report_split(data: LessonData, n_val: int = VALIDATION_IMAGES) -> LabelledSplit:
    """The labelled images a lesson reports its scores on.

    The test split when it has labels. The lecture's own files ship no test labels: then the validation split
    (the last ``n_val`` training images, :func:`split_validation`), which is never trained on but is used to
    pick the best epoch, so its scores are slightly optimistic. ``name`` says which it is.
    """
    if data.test_labels is not None:
        return LabelledSplit(data.test_images, data.test_labels, "test")
    _, (images, labels) = split_validation(data.train_images, data.train_labels, n_val)
    return LabelledSplit(images, labels, "validation")


# --------------------------------------------------------------------------------------------------
# tf.data
# --------------------------------------------------------------------------------------------------
def augment_pair(image, label, seed, *, max_zoom: float = 1.25):
    """Augment one image and its one-hot label *jointly* (TensorFlow ops, stateless randomness).

    Geometry (a horizontal flip, a zoom-in of up to ``max_zoom`` and a random crop back to the input size)
    is applied to both; the label is resized with **nearest neighbour** so it stays one-hot. Colour jitter
    (brightness, contrast, saturation) changes the image only. ``seed`` is a shape-(2,) int tensor.
    """
    import tensorflow as tf

    seeds = tf.random.experimental.stateless_split(seed, num=6)
    flip = tf.random.stateless_uniform([], seeds[0]) < 0.5
    image = tf.cond(flip, lambda: tf.image.flip_left_right(image), lambda: image)
    label = tf.cond(flip, lambda: tf.image.flip_left_right(label), lambda: label)

    shape = tf.shape(image)
    height, width = shape[0], shape[1]
    zoom = tf.random.stateless_uniform([], seeds[1], 1.0, max_zoom)
    new_h = tf.cast(tf.math.ceil(tf.cast(height, tf.float32) * zoom), tf.int32)
    new_w = tf.cast(tf.math.ceil(tf.cast(width, tf.float32) * zoom), tf.int32)
    image = tf.image.resize(image, (new_h, new_w), method="bilinear")
    label = tf.image.resize(label, (new_h, new_w), method="nearest")
    top = tf.random.stateless_uniform([], seeds[2], 0, new_h - height + 1, dtype=tf.int32)
    left = tf.random.stateless_uniform([], seeds[2][::-1], 0, new_w - width + 1, dtype=tf.int32)
    image = image[top:top + height, left:left + width]
    label = label[top:top + height, left:left + width]

    image = tf.image.stateless_random_brightness(image, 0.1, seeds[3])
    image = tf.image.stateless_random_contrast(image, 0.8, 1.2, seeds[4])
    image = tf.image.stateless_random_saturation(image, 0.8, 1.2, seeds[5])
    return tf.clip_by_value(image, 0.0, 1.0), label


def make_tf_dataset(images, labels, batch_size: int, *, shuffle: bool, augment: bool, seed: int = 0):
    """A batched, cached and prefetched ``tf.data.Dataset`` of ``(image, one-hot label)`` pairs.

    Images are checked with :func:`fcnlab.checks.images`, labels with :func:`fcnlab.checks.one_hot_labels` before TensorFlow is
    involved. With ``shuffle`` the order changes every epoch; with ``augment`` each pair is augmented by
    :func:`augment_pair`. Both are deterministic given ``seed`` (the n-th epoch is the same in every run).
    """
    images = checks.images(images, "images")
    labels = checks.one_hot_labels(labels, "labels", images_shape=images.shape)
    checks.integer(batch_size, "batch_size")
    import tensorflow as tf

    ds = tf.data.Dataset.from_tensor_slices((images, labels))
    ds = ds.map(lambda x, y: (x, tf.cast(y, tf.float32))).cache()
    if shuffle:
        ds = ds.shuffle(len(images), seed=seed, reshuffle_each_iteration=True)
    if augment:
        # one random int64 per element, different every epoch but the same sequence in every run
        randoms = tf.data.Dataset.random(seed=seed, rerandomize_each_iteration=True).batch(2)
        ds = tf.data.Dataset.zip((ds, randoms))
        ds = ds.map(lambda pair, r: augment_pair(*pair, seed=r), num_parallel_calls=tf.data.AUTOTUNE,
                    deterministic=True)
    return ds.batch(batch_size).prefetch(tf.data.AUTOTUNE)
