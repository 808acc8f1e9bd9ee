"""Frozen-encoder feature caching (one job: compute the frozen part of an FCN once, train only the rest).

With a **frozen encoder** and **no augmentation**, the encoder maps each training image to the same feature maps
in every epoch, so recomputing them at every step is wasted work. :func:`split_fcn` cuts an FCN from
:func:`fcnlab.models.build_fcn` into an ``encoder`` (image -> the pools the variant uses; with a frozen fc6
too, fc6's output instead of pool5) and a ``decoder`` (``[size_reference, *features]`` -> logits) built from the
model's **own layer objects**, so training the decoder trains the model. :func:`cache_features` runs the encoder
once; :func:`make_feature_dataset` batches and shuffles the cached features exactly as
:func:`fcnlab.data.make_tf_dataset` batches and shuffles the images (same ``seed``, same batches), so training
the decoder computes the same losses and gradients as training the whole model.

It is exact only while the features cannot change between epochs: not with augmentation (an augmented image has
other features), not while the encoder trains (fine-tuning), not with dropout or batch norm running in training
mode in the cached part (the cut is placed before ``drop6``; a frozen Keras layer runs in inference mode). How much
it saves depends on how much of a training step is frozen; ``python -m tools.bench`` measures it.

The decoder's first input, the *size reference*, only tells the final ``crop`` layer the input image's height and
width (FCNs pad the image to a multiple of 32 and crop the logits back): pass the images, or the empty
``(N, H, W, 0)`` array of :func:`size_reference`.
"""

from __future__ import annotations

import warnings

import keras
import numpy as np
import tensorflow as tf

from fcnlab import checks
from fcnlab.models import OUTPUT_STRIDES, fcn_head

__all__ = ["FEATURE_NAMES", "split_fcn", "size_reference", "cache_features", "make_feature_dataset"]

#: The decoder's feature inputs, in order (strides 8, 16, 32); with a frozen fc6 the last is "fc6_output".
USED_FEATURES = {"fcn32s": 1, "fcn16s": 2, "fcn8s": 3}  # how many of the pools, counted from pool5
FEATURE_NAMES = ("pool3", "pool4", "pool5")


def split_fcn(model, *, backbone_name: str = "backbone"):
    """Split an FCN into ``(encoder, decoder)`` that share its layers (and so its weights).

    ``model``: an FCN-32s / 16s / 8s from :func:`fcnlab.models.build_fcn` (any input size, any width). The cut is
    after the backbone, or, when the backbone **and** fc6 are frozen, after fc6 (before ``drop6``).

    Returns ``encoder``, image -> the features the variant uses (FCN-8s ``[pool3, pool4, pool5]``, FCN-16s
    ``[pool4, pool5]``, FCN-32s ``[pool5]``; with a frozen fc6 the last is ``fc6_output``), and ``decoder``,
    ``[size_reference, *features]`` -> logits, wired from the model's own layers by
    :func:`fcnlab.models.fcn_head` (the same wiring as in ``build_fcn``). ``decoder([ref, *encoder(images)])``
    equals ``model(images)``, and ``decoder.get_layer("fc7") is model.get_layer("fc7")``.
    """
    if len(model.inputs) != 1:
        raise ValueError(f"split_fcn: expected a model with one image input, got {len(model.inputs)} inputs")
    names = {layer.name for layer in model.layers}
    variants = [v for v, stride in OUTPUT_STRIDES.items() if f"upscore{stride}" in names]
    if len(variants) != 1 or backbone_name not in names or "pad" not in names:
        raise ValueError(f"split_fcn: {model.name!r} is not an FCN built by fcnlab.models.build_fcn "
                         f"(needs layers 'pad', {backbone_name!r} and one of upscore32 / upscore16 / upscore8)")
    image = model.inputs[0]
    pools = model.get_layer(backbone_name)(model.get_layer("pad")(image))
    if len(pools) != len(FEATURE_NAMES):
        raise ValueError(f"split_fcn: {backbone_name!r} has {len(pools)} outputs; expected "
                         f"{len(FEATURE_NAMES)} ({', '.join(FEATURE_NAMES)})")
    # only the features this variant uses: FCN-32s pool5; FCN-16s pool4, pool5; FCN-8s all three
    used = USED_FEATURES[variants[0]]
    outputs, names = list(pools[-used:]), list(FEATURE_NAMES[-used:])
    # A frozen fc6 behind a frozen backbone: cache its output instead of pool5 (the cut stays before drop6)
    after_fc6 = not model.get_layer("fc6").trainable and not model.get_layer(backbone_name).trainable_weights
    if after_fc6:
        outputs[-1], names[-1] = model.get_layer("fc6")(outputs[-1]), "fc6_output"  # not "fc6": the layer's name
    encoder = keras.Model(image, outputs, name=f"{model.name}_encoder")

    reference = keras.Input(shape=(*image.shape[1:3], None), dtype=image.dtype, name="size_reference")
    feature_inputs = [keras.Input(shape=f.shape[1:], name=name) for f, name in zip(outputs, names, strict=True)]
    head_inputs = [None] * (len(FEATURE_NAMES) - used) + feature_inputs  # unused pools: never touched
    own_layers = {layer.name: layer for layer in model.layers}
    logits = fcn_head(variants[0], reference, head_inputs, own_layers, after_fc6=after_fc6)
    decoder = keras.Model([reference, *feature_inputs], logits, name=f"{model.name}_decoder")
    return encoder, decoder


def size_reference(n: int, height: int, width: int) -> np.ndarray:
    """An empty ``(n, height, width, 0)`` float32 array: the decoder's size reference, using no memory."""
    return np.zeros((int(n), int(height), int(width), 0), dtype=np.float32)


def cache_features(encoder, images, batch_size: int = 16, *, dtype="float32") -> tuple[np.ndarray, ...]:
    """Run ``encoder`` once over ``images``: a tuple of numpy arrays, one per encoder output (e.g. ``(pool3, pool4,
    pool5)``, or ``(pool3, pool4, fc6)`` with a frozen fc6).

    Args:
        encoder: the encoder from :func:`split_fcn`; it runs in inference mode (frozen batch norm uses its
            moving statistics, exactly as in the frozen encoder of the full model during training).
        images: ``(N, H, W, 3)`` images, checked by :func:`fcnlab.checks.images` (float in [0, 1] or
            uint8), **not augmented**.
        batch_size: images per encoder call (only memory and speed depend on it).
        dtype: storage type of the features. ``"float32"`` (default) is exact; ``"float16"`` halves the
            memory at a relative error of ~1e-3 in the features, so training is then only approximately the
            same.

    Warns (``UserWarning``) when the encoder has trainable weights: its features are then only valid until
    it is trained.
    """
    images = checks.images(images, "images")
    batch_size = checks.integer(batch_size, "batch_size")
    dtype = np.dtype(dtype)
    if dtype not in (np.float32, np.float16):
        raise ValueError(f"dtype: expected float32 or float16, got {dtype}")
    if encoder.trainable_weights:
        warnings.warn("cache_features: the encoder has trainable weights; cached features are exact only for "
                      "a frozen encoder (set the backbone's trainable = False)", UserWarning, stacklevel=2)
    features = encoder.predict(images, batch_size=batch_size, verbose=0)
    if len(encoder.outputs) == 1:  # FCN-32s: Keras returns the one array itself, not a list of one
        features = [features]
    return tuple(np.asarray(f, dtype=np.float32).astype(dtype, copy=False) for f in features)


def make_feature_dataset(features, labels, batch_size: int, *, shuffle: bool, seed: int = 0):
    """A ``tf.data.Dataset`` of ``((size_reference, *features), one-hot label)`` batches.

    The counterpart of :func:`fcnlab.data.make_tf_dataset` (with ``augment=False``) for the decoder of
    :func:`split_fcn`: with the same ``batch_size``, ``shuffle`` and ``seed`` it yields the same examples in
    the same batches in the same order (reshuffled every epoch, the n-th epoch the same in every run), so
    ``decoder.fit`` on it computes the same losses as ``model.fit`` on the images. There is no
    augmentation: caching is exact only for un-augmented images and a frozen encoder (see the module doc).

    Args:
        features: the encoder's outputs from :func:`cache_features` (e.g. ``(pool3, pool4, pool5)`` or
            ``(pool3, pool4, fc6)`` for FCN-8s; float32 or float16, fed to the decoder as float32).
        labels: one-hot labels ``(N, H, W, C)`` of the cached images (checked by
            :func:`fcnlab.checks.one_hot_labels`); their ``H, W`` size the empty size reference.
        batch_size, shuffle, seed: as in :func:`fcnlab.data.make_tf_dataset`.
    """
    features = tuple(features)
    if not 1 <= len(features) <= len(FEATURE_NAMES):
        raise ValueError(f"features: expected 1 to {len(FEATURE_NAMES)} arrays (the encoder's outputs, "
                         f"ending with pool5 or fc6), got {len(features)}")
    features = tuple(np.asarray(f) for f in features)
    labels = checks.one_hot_labels(labels, "labels")
    names = (*FEATURE_NAMES[-len(features):-1], "pool5 / fc6")  # the deepest: pool5, or fc6 when it is frozen
    for name, f in zip(names, features, strict=True):
        if f.ndim != 4 or len(f) != len(labels):
            raise ValueError(f"features: {name} has shape {f.shape}; expected (N, h, w, channels) with "
                             f"N = {len(labels)} (the number of labels)")
        if not np.issubdtype(f.dtype, np.floating):
            raise ValueError(f"features: {name} has dtype {f.dtype}; expected floats")
    for (name, f), g in zip(zip(names, features, strict=True), features[1:], strict=False):
        if tuple(f.shape[1:3]) != (2 * g.shape[1], 2 * g.shape[2]):
            raise ValueError(f"features: {name} is {f.shape[1:3]}, not twice the next feature's "
                             f"{g.shape[1:3]}: pass the encoder's outputs in order")
    batch_size = checks.integer(batch_size, "batch_size")
    reference = size_reference(*labels.shape[:3])
    ds = tf.data.Dataset.from_tensor_slices(((reference, *features), labels))
    if shuffle:
        # The same buffer (all examples) and seed as make_tf_dataset: the same permutation every epoch.
        ds = ds.shuffle(len(labels), seed=seed, reshuffle_each_iteration=True)

    def to_float32(inputs, label):
        return tuple(tf.cast(x, tf.float32) for x in inputs), tf.cast(label, tf.float32)

    # Casting after batching is the same as casting each example (float16 -> float32 is exact).
    return ds.batch(batch_size).map(to_float32).prefetch(tf.data.AUTOTUNE)
