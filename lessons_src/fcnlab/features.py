"""Frozen-encoder feature caching: compute the frozen part once, then train only the rest.

With a **frozen encoder** and **no augmentation**, the encoder maps each training image to the same feature
maps (``block3_pool``, ``block4_pool``, ``block5_pool``) in every epoch, so recomputing them at every step is
wasted work. How much caching saves depends on how much of a training step is frozen:

* **The full profile** (VGG16 with ``freeze_fc=True``): fc6 and fc7 come from VGG16's ImageNet classifier and
  stay frozen in the first stage too, so the cache ends at **fc6's output** (``pool3``, ``pool4``, ``fc6_output``):
  everything but fc7's forward pass and the small score / skip / upsampling layers is computed once. For
  FCN-8s at 224 x 224 the frozen part is ~41 of the ~43 forward GFLOPs per image, and an epoch on cached
  features is well over ten times faster (``python -m fcnlab.bench`` measures it).
* **A trainable fc6 / fc7** (``freeze_fc=False``): the cache ends at ``pool5``. At full width fc6 alone is a
  7x7 convolution from 512 to 4096 channels (10 GFLOPs forward, ~3x that to train), so the frozen encoder is
  only ~47 % of a training step and caching saves at most ~1.9x.

So:

1. :func:`split_fcn` cuts an FCN from :func:`fcnlab.models.build_fcn` into an ``encoder`` (image ->
   ``[pool3, pool4, pool5]``, or ``[pool3, pool4, fc6]`` when fc6 is frozen) and a ``decoder``
   (``[size_reference, *features]`` -> logits).
   Both are built from the model's **own layer objects**, so they share its weights: training the
   decoder trains the model's head, and the full model is ready to use afterwards.
2. :func:`cache_features` runs the encoder once over the training images.
3. :func:`make_feature_dataset` batches and shuffles the cached features exactly like
   :func:`fcnlab.data.make_tf_dataset` batches and shuffles the images (same ``seed`` -> same batches).

Training the decoder on the cached features is then the same computation as training the full model: the
same forward pass through the layers after the cut, the same losses, the same gradients for the head (the encoder
has none). The tests check this to 1e-4 for all three variants.

When caching is **not** exact (use the full model with :func:`fcnlab.training.train_fcn` instead):

* **Augmentation**: every epoch sees differently flipped / zoomed / jittered images, so their features
  differ every epoch; cached features are those of the un-augmented images.
* **Fine-tuning** (a trainable encoder, e.g. stage 2 of the full profile or the fast profile, which trains
  its narrow encoder from scratch): the encoder's weights change, so yesterday's features go stale.
* **Dropout** is not a problem: the cut is before ``drop6``, so the decoder draws its dropout masks as usual.
* **Batch normalisation in a trainable encoder** uses batch statistics in training; a frozen one (Keras 3
  runs frozen ``BatchNormalization`` in inference mode) is fine.

The decoder's first input, the *size reference*, only tells the final ``crop`` layer the input image's
height and width (FCNs pad the image to a multiple of 32 and crop the logits back). It accepts any number
of channels, so pass either the images themselves or an empty ``(N, H, W, 0)`` array from
:func:`size_reference`, which costs no memory; :func:`make_feature_dataset` builds the latter for you.
"""

from __future__ import annotations

import warnings

import numpy as np

from fcnlab import data as fdata

__all__ = ["FEATURE_NAMES", "split_fcn", "size_reference", "cache_features", "make_feature_dataset"]

#: The decoder's feature inputs, in order (strides 8, 16, 32); with a frozen fc6 the last is "fc6_output".
USED_FEATURES = {"fcn32s": 1, "fcn16s": 2, "fcn8s": 3}  # how many of the pools, counted from pool5
FEATURE_NAMES = ("pool3", "pool4", "pool5")


def split_fcn(model, *, backbone_name: str = "backbone"):
    """Split an FCN into ``(encoder, decoder)`` that share its layers (and so its weights).

    Args:
        model: an FCN-32s / 16s / 8s from :func:`fcnlab.models.build_fcn` (any input size, any width).
        backbone_name: the nested encoder model's layer name.

    Where the cut is: after the backbone, or, when the backbone **and** fc6 are frozen (``freeze_fc=True``),
    after fc6 (before ``drop6``): everything frozen in front of the first dropout is computed once.

    Returns:
        ``encoder``: ``keras.Model`` image -> the features the variant uses (FCN-8s
        ``[pool3, pool4, pool5]``, FCN-16s ``[pool4, pool5]``, FCN-32s ``[pool5]``; with a frozen fc6 the last
        of them is ``fc6_output`` instead of ``pool5``), exactly as the FCN sees them (after its ``pad`` layer and the
        nested ``backbone``).

        ``decoder``: ``keras.Model`` ``[size_reference, *features]`` -> logits: the model's own
        layers after the cut (fc6 unless frozen, drop6, fc7, drop7, score_fr, the skips and upsamplings, crop,
        logits),
        wired by :func:`fcnlab.models.fcn_head` — the same function that wired them in ``build_fcn``.
        ``size_reference`` is any ``(N, H, W, C)`` tensor whose ``H, W`` are the input images' (only its shape
        is used, by the ``crop`` layer; see :func:`size_reference`). (Unused features are left out: older
        Keras versions reject a model with an unconnected input.)

    ``decoder([ref, *encoder(images)])`` equals ``model(images)``; the layer objects are the model's own
    (``decoder.get_layer("fc6") is model.get_layer("fc6")``), so training the decoder trains the model.
    """
    import keras

    from fcnlab.models import OUTPUT_STRIDES, fcn_head

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
        images: ``(N, H, W, 3)`` images, checked by :func:`fcnlab.data.check_images` (float in [0, 1] or
            uint8), **not augmented**.
        batch_size: images per encoder call (only memory and speed depend on it).
        dtype: storage type of the features. ``"float32"`` (default) is exact; ``"float16"`` halves the
            memory (full-width VGG16 at 224 x 224: pool3 + pool4 + pool5 take 1.3 MB per image in float32,
            pool3 + pool4 + fc6 2.0 MB; the image itself is 0.6 MB) at a relative error of ~1e-3 in the
            features, so training is then only approximately the same.

    Warns (``UserWarning``) when the encoder has trainable weights: its features are then only valid until
    it is trained.
    """
    images = fdata.check_images(images, "images")
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise ValueError(f"batch_size: expected an int >= 1, got {batch_size!r}")
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
            :func:`fcnlab.data.check_labels`); their ``H, W`` size the empty size reference.
        batch_size, shuffle, seed: as in :func:`fcnlab.data.make_tf_dataset`.
    """
    features = tuple(features)
    if not 1 <= len(features) <= len(FEATURE_NAMES):
        raise ValueError(f"features: expected 1 to {len(FEATURE_NAMES)} arrays (the encoder's outputs, "
                         f"ending with pool5 or fc6), got {len(features)}")
    features = tuple(np.asarray(f) for f in features)
    labels = fdata.check_labels(labels, "labels")
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
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise ValueError(f"batch_size: expected an int >= 1, got {batch_size!r}")
    import tensorflow as tf

    reference = size_reference(*labels.shape[:3])
    ds = tf.data.Dataset.from_tensor_slices(((reference, *features), labels))
    if shuffle:
        # The same buffer (all examples) and seed as make_tf_dataset: the same permutation every epoch.
        ds = ds.shuffle(len(labels), seed=seed, reshuffle_each_iteration=True)

    def to_float32(inputs, label):
        return tuple(tf.cast(x, tf.float32) for x in inputs), tf.cast(label, tf.float32)

    # Casting after batching is the same as casting each example (float16 -> float32 is exact).
    return ds.batch(batch_size).map(to_float32).prefetch(tf.data.AUTOTUNE)
