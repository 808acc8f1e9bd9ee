"""Fully Convolutional Networks (FCN-32s, FCN-16s, FCN-8s) on a VGG16-shaped encoder.

The story of Long, Shelhamer & Darrell (2015), "Fully Convolutional Networks for Semantic
Segmentation", in four steps:

1. **The encoder answers "what".** A classification network (VGG16) turns an image into
   feature maps that say *what* is in each region. Every 2x2 max pool halves the resolution, so after
   five blocks a pixel of ``block5_pool`` summarises a 32x32 patch of the input (output stride 32):
   rich in meaning, poor in location.

2. **Convolutionalise the classifier.** VGG's fully connected layers fc6/fc7 become convolutions
   (fc6 is a 7x7 convolution, fc7 a 1x1 one) and the class layer becomes a 1x1 convolution
   ``score_fr``. The network now accepts any input size and returns a coarse *grid* of class scores
   instead of one label per image.

3. **Upsampling answers "where".** A transposed convolution initialised to bilinear interpolation
   (:func:`bilinear_upsampling`) brings the coarse scores back to the input resolution. Upsampling
   ``score_fr`` by 32 in one step is **FCN-32s**: correct classes, blobby boundaries.

4. **Skip connections refine "where".** Shallower layers still know where edges are. FCN-16s adds
   class scores predicted from ``block4_pool`` (stride 16) to the 2x-upsampled ``score_fr`` before the
   final 16x upsampling; FCN-8s also adds scores from ``block3_pool`` (stride 8) and upsamples by 8.
   Each skip layer starts at zero, so training begins exactly from the coarser net's prediction.

Differences from the paper (all stated where they happen):

* **Any input size.** The authors' reference Caffe models pad the input by 100 pixels (``pad: 100`` in
  conv1_1) and crop the output back. Here the image is zero-padded at the bottom/right to the next
  multiple of 32 (:class:`PadToMultiple`), so every
  feature map lines up exactly with the next, and the logits are cropped back to the input size
  (:class:`CropToReference`).
* **fc6 / fc7 from ImageNet, or from scratch.** With ``fc_weights="imagenet"`` fc6 and fc7 start from
  VGG16's ImageNet classifier (its dense layers ``fc1`` / ``fc2``, reshaped into convolutions by
  :func:`convolutionalise`), as in the paper; with ``fc_weights=None`` (the default, and the only choice
  for a narrow encoder) they are trained from scratch. The score layers always start fresh.
* **A frozen classifier** (``freeze_fc=True``, the full profile's first stage) keeps fc6 / fc7 fixed too,
  so only the score layers and the learned upsamplings train; the paper fine-tunes everything, which the
  full profile's second stage does.
* **Narrow encoders.** ``width < 1`` builds the same five-block VGG shape with fewer channels, trained
  from scratch, so the lessons can run on a CPU.
* **Logits out.** Models return per-pixel class *logits* (no softmax); pair them with
  ``keras.losses.CategoricalCrossentropy(from_logits=True)`` (or the sparse variant).

Everything here is plain Keras 3 (``import keras``; no Lambda layers), so a model saves to ``.keras``
and reloads with ``keras.saving.load_model`` in the default safe mode.
"""

from __future__ import annotations

import numbers

import keras
import numpy as np
from keras import layers, ops

from fcnlab import checks

__all__ = [
    "VARIANTS",
    "OUTPUT_STRIDES",
    "BACKBONES",
    "VGG_MEAN_BGR",
    "bilinear_kernel",
    "BilinearInitializer",
    "bilinear_upsampling",
    "PadToMultiple",
    "CropToReference",
    "VGGPreprocess",
    "build_backbone",
    "convolutionalise",
    "vgg16_classifier_weights",
    "head_layers",
    "fcn_head",
    "build_fcn",
    "shape_trace",
    "layer_flops",
]

#: The three FCN variants, coarsest first.
VARIANTS = ("fcn32s", "fcn16s", "fcn8s")

#: Output stride of each variant's prediction before its final (fixed bilinear) upsampling, which is
#: also that upsampling's factor: FCN-32s upsamples stride-32 scores by 32, FCN-16s stride-16 scores
#: by 16, FCN-8s stride-8 scores by 8.
OUTPUT_STRIDES = {"fcn32s": 32, "fcn16s": 16, "fcn8s": 8}

#: Known encoder names.
BACKBONES = ("vgg16",)

#: ImageNet channel means in BGR order, as used by VGG's "caffe" preprocessing.
VGG_MEAN_BGR = (103.939, 116.779, 123.68)

# The five VGG16 blocks: (number of 3x3 convolutions, channels at width 1.0).
_VGG16_BLOCKS = ((2, 64), (2, 128), (3, 256), (3, 512), (3, 512))

# The feature maps an FCN taps, with their output strides.
_FEATURE_LAYERS = ("block3_pool", "block4_pool", "block5_pool")  # strides 8, 16, 32

# Padding the input to a multiple of the encoder's total stride makes every pooled map exactly
# half the size of the one before it, so the upsampled scores and the skip scores always align.
_TOTAL_STRIDE = 32


# --------------------------------------------------------------------------------------------------
# Bilinear upsampling
# --------------------------------------------------------------------------------------------------


def bilinear_kernel(factor, channels):
    """Return the bilinear upsampling filter for a transposed convolution.

    This is the classic filter of Long et al.'s ``surgery.py`` (and d2l's ``bilinear_kernel``): a
    "tent" that falls off linearly with the distance from the kernel centre, one for each channel.

    Args:
        factor: integer upsampling factor (the stride of the transposed convolution).
        channels: number of channels; channel ``c`` is upsampled into channel ``c`` only.

    Returns:
        float32 array of shape ``(k, k, channels, channels)`` with ``k = 2 * factor - factor % 2``,
        laid out as ``keras.layers.Conv2DTranspose`` expects: ``(kernel_h, kernel_w, out_channels,
        in_channels)``. Off-diagonal channel pairs are zero.

    Example: for ``factor=2`` the kernel is 4x4 and its 1-D profile is ``[0.25, 0.75, 0.75, 0.25]``.
    """
    factor = checks.integer(factor, "factor")
    channels = checks.integer(channels, "channels")
    k = 2 * factor - factor % 2
    # The centre sits on a pixel for odd k and between the two middle pixels for even k.
    center = factor - 1 if k % 2 == 1 else factor - 0.5
    og = np.arange(k, dtype=np.float64)
    profile = 1.0 - np.abs(og - center) / factor  # 1-D tent
    filt = np.outer(profile, profile).astype(np.float32)  # 2-D bilinear = outer product of two tents
    kernel = np.zeros((k, k, channels, channels), dtype=np.float32)
    # Only channel c -> channel c: upsampling must not mix the class scores.
    kernel[:, :, np.arange(channels), np.arange(channels)] = filt[:, :, None]
    return kernel


@keras.saving.register_keras_serializable(package="fcnlab")
class BilinearInitializer(keras.initializers.Initializer):
    """Kernel initializer that fills a ``Conv2DTranspose`` kernel with :func:`bilinear_kernel`.

    Being a registered, serializable class (not a lambda) is what lets a model using it save to
    ``.keras`` and reload in safe mode.
    """

    def __init__(self, factor):
        self.factor = checks.integer(factor, "factor")

    def __call__(self, shape, dtype=None):
        k = 2 * self.factor - self.factor % 2
        if len(shape) != 4 or tuple(shape[:2]) != (k, k) or shape[2] != shape[3]:
            raise ValueError(
                f"BilinearInitializer(factor={self.factor}) needs a kernel of shape ({k}, {k}, C, C), "
                f"got {tuple(shape)}"
            )
        return ops.convert_to_tensor(bilinear_kernel(self.factor, int(shape[2])), dtype=dtype or "float32")

    def get_config(self):
        return {"factor": self.factor}


def bilinear_upsampling(factor, channels, *, trainable=True, name=None):
    """A ``Conv2DTranspose`` layer that upsamples by ``factor`` and starts as bilinear interpolation.

    The layer has kernel size ``k = 2 * factor - factor % 2``, stride ``factor``, ``padding="same"``,
    no bias, and its kernel initialised by :class:`BilinearInitializer`. With ``trainable=False`` it
    *is* bilinear interpolation (the paper fixes the final upsampling this way); with ``trainable=True``
    it starts as bilinear interpolation and is then learned (the paper's intermediate ``upscore``
    layers).

    On the interior it equals ``tf.image.resize(x, (factor * h, factor * w), method="bilinear")``
    (half-pixel centres). The outermost ~``factor`` pixels differ: a transposed convolution
    implicitly zero-pads its input, so near the border it blends in zeros, whereas ``tf.image.resize``
    clamps to the edge pixel. In an FCN this only touches the padded margin or the image border.

    Args:
        factor: integer upsampling factor.
        channels: number of input (= output) channels, e.g. the number of classes.
        trainable: whether the kernel is learned.
        name: layer name.
    """
    factor = checks.integer(factor, "factor")
    channels = checks.integer(channels, "channels")
    return layers.Conv2DTranspose(
        channels,
        kernel_size=2 * factor - factor % 2,
        strides=factor,
        padding="same",  # output size is exactly factor * input size
        use_bias=False,
        kernel_initializer=BilinearInitializer(factor),
        trainable=trainable,
        name=name,
    )


# --------------------------------------------------------------------------------------------------
# "Any input size": pad to a multiple of 32, crop back
# --------------------------------------------------------------------------------------------------


def _round_up(n, multiple):
    """``n`` rounded up to a multiple of ``multiple``; ``None`` (unknown size) stays ``None``."""
    return None if n is None else -(-n // multiple) * multiple


@keras.saving.register_keras_serializable(package="fcnlab")
class PadToMultiple(layers.Layer):
    """Zero-pad height and width at the bottom/right up to the next multiple of ``multiple``.

    Works with unknown (``None``) heights and widths: the padding is computed from the tensor's
    runtime shape with ``keras.ops``. A 97x131 image becomes 128x160; a 224x224 one stays 224x224.

    The authors' reference Caffe models instead pad the input by 100 pixels (conv1_1) and crop the
    output; padding to a multiple of the total stride (32) is cheaper and keeps all feature maps exactly
    aligned.
    """

    def __init__(self, multiple=32, **kwargs):
        super().__init__(**kwargs)
        self.multiple = checks.integer(multiple, "multiple")

    def call(self, inputs):
        shape = ops.shape(inputs)
        # (-n) % m is how much is missing to reach the next multiple of m (0 if n already is one).
        pad_h = (-shape[1]) % self.multiple
        pad_w = (-shape[2]) % self.multiple
        return ops.pad(inputs, [[0, 0], [0, pad_h], [0, pad_w], [0, 0]])

    def compute_output_shape(self, input_shape):
        h, w = (_round_up(n, self.multiple) for n in input_shape[1:3])
        return (input_shape[0], h, w, input_shape[3])

    def get_config(self):
        return {**super().get_config(), "multiple": self.multiple}


@keras.saving.register_keras_serializable(package="fcnlab")
class CropToReference(layers.Layer):
    """Crop ``x`` to the height and width of ``reference``: called as ``CropToReference()([x, ref])``.

    The crop keeps the top-left corner, which undoes :class:`PadToMultiple` (that pads at the
    bottom/right). The channels of ``x`` are kept.
    """

    def call(self, inputs):
        x, reference = inputs
        ref_shape = ops.shape(reference)
        return x[:, : ref_shape[1], : ref_shape[2], :]

    def compute_output_shape(self, input_shape):
        x_shape, ref_shape = input_shape
        return (x_shape[0], ref_shape[1], ref_shape[2], x_shape[3])


@keras.saving.register_keras_serializable(package="fcnlab")
class VGGPreprocess(layers.Layer):
    """VGG16's "caffe" input preprocessing, as a layer inside the model.

    ``x * scale``, then RGB -> BGR, then subtract the ImageNet mean ``[103.939, 116.779, 123.68]``
    (BGR order). With the default ``scale=255`` it maps images in ``[0, 1]`` exactly to
    ``keras.applications.vgg16.preprocess_input(x * 255)``, which is what the ImageNet weights expect.
    """

    def __init__(self, scale=255.0, **kwargs):
        super().__init__(**kwargs)
        self.scale = float(scale)

    def call(self, inputs):
        x = inputs * ops.cast(self.scale, inputs.dtype)
        x = ops.flip(x, axis=-1)  # RGB -> BGR
        return x - ops.cast(ops.convert_to_tensor(VGG_MEAN_BGR), x.dtype)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "scale": self.scale}


# --------------------------------------------------------------------------------------------------
# Encoder
# --------------------------------------------------------------------------------------------------


def _check_width(width):
    if isinstance(width, bool) or not isinstance(width, numbers.Real) or not 0 < width <= 1:
        raise ValueError(f"`width` must be a number in (0, 1], got width={width!r}")
    return float(width)


def _check_backbone_name(backbone):
    if backbone not in BACKBONES:
        raise ValueError(f"Unknown backbone {backbone!r}; known backbones: {', '.join(BACKBONES)}")


def _check_input_shape(input_shape):
    try:
        shape = tuple(input_shape)
    except TypeError:
        shape = None
    if shape is None or len(shape) != 3 or shape[-1] != 3:
        raise ValueError(
            f"`input_shape` must be a 3-tuple (height, width, 3) with 3 channels last, got {input_shape!r}"
        )
    for n in shape[:2]:
        if n is not None and (isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1):
            raise ValueError(f"`input_shape` height/width must be positive integers or None, got {shape!r}")
    return tuple(None if n is None else int(n) for n in shape)


def build_backbone(
    backbone="vgg16", *, width=1.0, weights="imagenet", input_shape=(None, None, 3), batch_norm=False
):
    """Build the encoder: images in ``[0, 1]`` -> ``[block3_pool, block4_pool, block5_pool]``.

    The three outputs have strides 8, 16 and 32 relative to the input. The model is named
    ``"backbone"`` and keeps VGG's layer names (``block1_conv1`` ... ``block5_pool``), so
    ``backbone.get_layer("block4_pool")`` works. Preprocessing happens inside the model (layer
    ``"preprocess"``), so callers always feed float32 images in ``[0, 1]``.

    Args:
        backbone: encoder name; only ``"vgg16"`` is known.
        width: channel multiplier in ``(0, 1]``. ``1.0`` is ``keras.applications.VGG16``
            (14,714,688 parameters), preceded by :class:`VGGPreprocess`. ``width < 1`` builds the same
            five blocks (2, 2, 3, 3, 3 convolutions of 3x3 + ReLU, then a 2x2 max pool) with
            ``max(1, round(c * width))`` channels for ``c`` in 64, 128, 256, 512, 512, He-normal
            initialisation, preceded by ``Rescaling(2, offset=-1)`` (``[0, 1]`` -> ``[-1, 1]``).
        weights: ``"imagenet"``, ``None`` (random) or a weights file path, passed to
            ``keras.applications.VGG16``. ImageNet weights exist only for ``width=1.0``; a narrow
            encoder needs ``weights=None``.
        input_shape: ``(height, width, 3)``; height and width may be ``None``.
        batch_norm: insert ``BatchNormalization`` after each convolution (before the ReLU) of a narrow
            encoder; it trains faster from scratch. Not available for ``width=1.0`` (the ImageNet
            VGG16 has no batch norm).

    Raises:
        ValueError: unknown backbone, ``width`` outside ``(0, 1]``, ImageNet weights with ``width < 1``,
            ``batch_norm=True`` with ``width=1.0``, or a bad ``input_shape``.
    """
    _check_backbone_name(backbone)
    width = _check_width(width)
    input_shape = _check_input_shape(input_shape)
    inputs = keras.Input(shape=input_shape, name="backbone_input")

    if width == 1.0:
        if batch_norm:
            raise ValueError(
                "batch_norm=True is only available for narrow encoders (width < 1); "
                "the ImageNet VGG16 (width=1.0) has no batch normalization"
            )
        vgg = keras.applications.VGG16(include_top=False, weights=weights, input_shape=input_shape)
        x = VGGPreprocess(name="preprocess")(inputs)
        # Re-wire VGG16's own layers (with their weights) after our preprocessing layer. VGG16 is a
        # plain chain, so calling its layers in order reproduces it, and the block names stay
        # directly visible in this model (one level of nesting less than wrapping `vgg` itself).
        features = {}
        for layer in vgg.layers[1:]:  # layers[0] is VGG16's own Input
            x = layer(x)
            features[layer.name] = x
    else:
        if weights is not None:
            raise ValueError(
                f"ImageNet weights exist only for width=1.0; a narrow encoder (width={width}) is "
                f"trained from scratch: pass weights=None (got weights={weights!r})"
            )
        x = layers.Rescaling(2.0, offset=-1.0, name="preprocess")(inputs)  # [0, 1] -> [-1, 1]
        features = {}
        for block, (n_convs, channels) in enumerate(_VGG16_BLOCKS, start=1):
            filters = max(1, round(channels * width))
            for i in range(1, n_convs + 1):
                name = f"block{block}_conv{i}"
                if batch_norm:
                    # conv -> BN -> ReLU; the conv bias is redundant because BN re-centres.
                    x = layers.Conv2D(
                        filters, 3, padding="same", use_bias=False, kernel_initializer="he_normal", name=name
                    )(x)
                    x = layers.BatchNormalization(name=f"{name}_bn")(x)
                    x = layers.Activation("relu", name=f"{name}_relu")(x)
                else:
                    x = layers.Conv2D(
                        filters,
                        3,
                        padding="same",
                        activation="relu",
                        kernel_initializer="he_normal",
                        name=name,
                    )(x)
            x = layers.MaxPooling2D(2, strides=2, name=f"block{block}_pool")(x)
            features[f"block{block}_pool"] = x

    return keras.Model(inputs, [features[name] for name in _FEATURE_LAYERS], name="backbone")


def convolutionalise(kernel, input_shape):
    """A dense layer's kernel as the kernel of the equivalent convolution.

    A ``Dense`` layer after ``Flatten`` on an ``(h, w, c)`` map computes, for every unit, one weighted sum over
    all ``h * w * c`` values; a ``Conv2D`` with an ``h x w`` kernel and ``padding="valid"`` computes the same
    sum at its single output pixel, and slides it over any larger map. Keras flattens in ``(h, w, c)``
    (row-major, channels last) order, which is exactly the layout of a ``Conv2D`` kernel
    ``(h, w, c, units)``, so the conversion is a reshape.

    Args:
        kernel: the dense kernel, ``(h * w * c, units)``.
        input_shape: ``(h, w, c)``, the shape of the map that was flattened (``(1, 1, c)`` for a dense layer
            on a vector: a 1x1 convolution).

    Returns:
        The ``(h, w, c, units)`` convolution kernel (the bias is unchanged).
    """
    kernel = np.asarray(kernel)
    shape = tuple(int(n) for n in input_shape)
    if kernel.ndim != 2 or len(shape) != 3 or kernel.shape[0] != int(np.prod(shape)):
        raise ValueError(f"convolutionalise: a dense kernel of shape {kernel.shape} does not act on a flattened "
                         f"{shape} map (expected ({int(np.prod(shape)) if len(shape) == 3 else '?'}, units))")
    return kernel.reshape(*shape, kernel.shape[1])


def vgg16_classifier_weights(weights="imagenet"):
    """fc6 and fc7 for the FCN head: VGG16's classifier layers ``fc1`` and ``fc2``, convolutionalised.

    ``keras.applications.VGG16(include_top=True)`` ends in ``flatten`` -> ``fc1`` (25,088 -> 4,096) -> ``fc2``
    (4,096 -> 4,096) -> ``predictions``. ``fc1`` becomes the FCN's 7x7 convolution ``fc6`` on ``block5_pool``
    (7x7x512) and ``fc2`` its 1x1 convolution ``fc7`` (:func:`convolutionalise`). The 1,000-class
    ``predictions`` layer is dropped: the FCN scores its own classes.

    Args:
        weights: ``"imagenet"`` (downloads VGG16 with its classifier, 528 MB, once; cached by Keras in
            ``~/.keras/models``) or a path to a weights file of ``keras.applications.VGG16(include_top=True)``.

    Returns:
        ``{"fc6": [kernel (7, 7, 512, 4096), bias (4096,)], "fc7": [kernel (1, 1, 4096, 4096), bias (4096,)]}``.
    """
    if weights is None:
        raise ValueError("vgg16_classifier_weights: weights=None has nothing to load; pass 'imagenet' or a path")
    vgg = keras.applications.VGG16(include_top=True, weights=weights)
    pool5_shape = tuple(vgg.get_layer("block5_pool").output.shape[1:])   # (7, 7, 512)
    fc1_kernel, fc1_bias = vgg.get_layer("fc1").get_weights()
    fc2_kernel, fc2_bias = vgg.get_layer("fc2").get_weights()
    return {"fc6": [convolutionalise(fc1_kernel, pool5_shape), fc1_bias],
            "fc7": [convolutionalise(fc2_kernel, (1, 1, fc2_kernel.shape[0])), fc2_bias]}


# --------------------------------------------------------------------------------------------------
# FCN
# --------------------------------------------------------------------------------------------------


def head_layers(variant, *, num_classes, head_channels, dropout):
    """Create the FCN decoder's layers for ``variant``, by name (not yet connected; :func:`fcn_head` wires them).

    fc6 / fc7 (the convolutionalised classifier, He-normal), their dropouts, ``score_fr``, and the variant's
    skips and upsamplings: the final one fixed bilinear, the intermediate ×2 ones learned from bilinear; the
    skip scorers start at zero. Then ``crop`` and the float32 ``logits``.
    """
    made = [
        layers.Conv2D(head_channels, 7, padding="same", activation="relu", kernel_initializer="he_normal",
                      name="fc6"),
        layers.Dropout(dropout, name="drop6"),
        layers.Conv2D(head_channels, 1, activation="relu", kernel_initializer="he_normal", name="fc7"),
        layers.Dropout(dropout, name="drop7"),
        layers.Conv2D(num_classes, 1, name="score_fr"),
    ]
    if variant == "fcn32s":
        made.append(bilinear_upsampling(32, num_classes, trainable=False, name="upscore32"))
    else:
        made += [bilinear_upsampling(2, num_classes, trainable=True, name="upscore2"),
                 layers.Conv2D(num_classes, 1, kernel_initializer="zeros", name="score_pool4"),
                 layers.Add(name="fuse_pool4")]
        if variant == "fcn16s":
            made.append(bilinear_upsampling(16, num_classes, trainable=False, name="upscore16"))
        else:
            made += [bilinear_upsampling(2, num_classes, trainable=True, name="upscore_pool4"),
                     layers.Conv2D(num_classes, 1, kernel_initializer="zeros", name="score_pool3"),
                     layers.Add(name="fuse_pool3"),
                     bilinear_upsampling(8, num_classes, trainable=False, name="upscore8")]
    # A float32 output layer keeps the logits (and the loss) in float32 under mixed precision.
    made += [CropToReference(name="crop"), layers.Activation("linear", dtype="float32", name="logits")]
    return {layer.name: layer for layer in made}


def fcn_head(variant, reference, pools, head, *, after_fc6=False):
    """Wire the FCN's decoder: from ``pools = (pool3, pool4, pool5)`` to per-pixel logits.

    ``head`` maps layer names to layers: new ones from :func:`head_layers` (in :func:`build_fcn`), or a built
    model's own layers (``{layer.name: layer for layer in model.layers}``, in
    :func:`fcnlab.features.split_fcn`), so one wiring serves both. ``reference`` is the input image (only its
    height and width are used, to crop the padded output back). With ``after_fc6``, the last of ``pools`` is
    fc6's output rather than pool5 (the decoder of a frozen fc6, whose output can be cached like the pools).
    """
    pool3, pool4, deepest = pools
    # The convolutionalised classifier: fc6 sees a 7x7 window of pool5 (224 / 32 = 7 in VGG).
    x = deepest if after_fc6 else head["fc6"](deepest)
    x = head["drop7"](head["fc7"](head["drop6"](x)))
    # One score per class for every 32x32 patch: the coarse "what".
    score = head["score_fr"](x)
    if variant == "fcn32s":
        up = head["upscore32"](score)  # straight back to full resolution, fixed bilinear
    else:
        # x2 (learned, starts bilinear) brings the stride-32 scores to pool4's grid, where a zero-initialised
        # 1x1 conv adds what pool4 knows about "where"
        score = head["fuse_pool4"]([head["upscore2"](score), head["score_pool4"](pool4)])
        if variant == "fcn16s":
            up = head["upscore16"](score)
        else:  # FCN-8s repeats the trick once more with pool3 (stride 8)
            score = head["fuse_pool3"]([head["upscore_pool4"](score), head["score_pool3"](pool3)])
            up = head["upscore8"](score)
    # Undo the padding: the logits have the input's height and width.
    return head["logits"](head["crop"]([up, reference]))


def build_fcn(
    variant="fcn8s",
    *,
    backbone="vgg16",
    num_classes=2,
    weights="imagenet",
    width=1.0,
    input_shape=(None, None, 3),
    freeze_backbone=True,
    batch_norm=False,
    head_channels=None,
    dropout=0.5,
    fc_weights=None,
    freeze_fc=False,
):
    """Build FCN-32s, FCN-16s or FCN-8s (Long et al. 2015) returning per-pixel class logits.

    The model takes float32 images in ``[0, 1]`` of any size (``input_shape`` may have ``None``
    height/width) and returns float32 logits of shape ``(batch, H, W, num_classes)`` for the input's
    ``H, W`` (no softmax). Layer by layer (top-level layer names in quotes)::

        "image" -> "pad" (PadToMultiple(32))
          -> "backbone" (nested model: pool3, pool4, pool5 at strides 8, 16, 32)
        pool5 -> "fc6" (7x7 conv, ReLU) -> "drop6" -> "fc7" (1x1 conv, ReLU) -> "drop7"
              -> "score_fr" (1x1 conv to num_classes, stride 32)
        fcn32s: score_fr -> "upscore32" (x32, fixed bilinear)
        fcn16s: score_fr -> "upscore2" (x2, learned) + "score_pool4"(pool4) = "fuse_pool4"
                -> "upscore16" (x16, fixed bilinear)
        fcn8s:  fuse_pool4 -> "upscore_pool4" (x2, learned) + "score_pool3"(pool3) = "fuse_pool3"
                -> "upscore8" (x8, fixed bilinear)
        -> "crop" (CropToReference: back to the input size) -> "logits" (float32)

    The encoder is a nested model named ``"backbone"``, so its layers are reached with
    ``model.get_layer("backbone").get_layer("block4_pool")``. The skip scorers ``score_pool4`` and
    ``score_pool3`` are zero-initialised: at initialisation FCN-16s/8s predict exactly what their
    FCN-32s path predicts, and training only adds detail. The final upsampling is fixed bilinear (not
    trainable), as in the paper; the intermediate ones start bilinear and are learned. fc6/fc7 start from
    VGG16's ImageNet classifier with ``fc_weights="imagenet"`` (as in the paper), else from He-normal
    initialisation; ``score_fr`` always starts from Keras' default (Glorot uniform).

    Args:
        variant: ``"fcn32s"``, ``"fcn16s"`` or ``"fcn8s"``.
        backbone: encoder name (see :func:`build_backbone`).
        num_classes: number of classes, an integer >= 2 (background counts as a class).
        weights: encoder weights, ``"imagenet"`` or ``None``; see :func:`build_backbone`.
        width: encoder (and default head) width multiplier in ``(0, 1]``.
        input_shape: ``(height, width, 3)``; height and width may be ``None`` (any size).
        freeze_backbone: set ``backbone.trainable = False`` (train the head and skips only).
        batch_norm: batch normalization in a narrow encoder (see :func:`build_backbone`).
        head_channels: channels of fc6/fc7; defaults to ``round(4096 * width)``.
        dropout: dropout rate after fc6 and fc7 (0.5 in the paper); ``0`` disables it.
        fc_weights: ``None`` (fc6/fc7 from scratch), ``"imagenet"`` or a VGG16-with-classifier weights file
            (fc6/fc7 from VGG16's ``fc1``/``fc2``, see :func:`vgg16_classifier_weights`); only for ``width=1.0``
            with ``head_channels`` 4096.
        freeze_fc: set fc6 and fc7 to ``trainable = False``. With a frozen backbone too, everything up to
            fc6's output is fixed and can be cached (:func:`fcnlab.features.split_fcn`); only the score layers
            and the learned x2 upsamplings train.

    Raises:
        ValueError: unknown variant, ``num_classes`` not an integer >= 2, bad ``input_shape``,
            ``head_channels``, ``dropout`` or ``fc_weights``, or any error of :func:`build_backbone`.
    """
    if variant not in VARIANTS:
        raise ValueError(f"Unknown variant {variant!r}; choose one of {', '.join(VARIANTS)}")
    num_classes = checks.integer(num_classes, "num_classes", least=2)
    width = _check_width(width)
    input_shape = _check_input_shape(input_shape)
    if head_channels is None:
        head_channels = max(1, round(4096 * width))
    head_channels = checks.integer(head_channels, "head_channels")
    if isinstance(dropout, bool) or not isinstance(dropout, numbers.Real) or not 0 <= dropout < 1:
        raise ValueError(f"`dropout` must be a number in [0, 1), got {dropout!r}")
    if fc_weights is not None and (width != 1.0 or head_channels != 4096):
        raise ValueError(f"`fc_weights={fc_weights!r}` (VGG16's classifier) needs width=1.0 and head_channels=4096, "
                         f"got width={width}, head_channels={head_channels}; use fc_weights=None to train fc6/fc7 "
                         f"from scratch")

    image = keras.Input(shape=input_shape, name="image")
    # Pad to a multiple of 32 so that pool5 -> x2 matches pool4 and pool4 -> x2 matches pool3 exactly.
    padded = PadToMultiple(_TOTAL_STRIDE, name="pad")(image)
    padded_shape = (*(_round_up(n, _TOTAL_STRIDE) for n in input_shape[:2]), input_shape[2])

    encoder = build_backbone(
        backbone, width=width, weights=weights, input_shape=padded_shape, batch_norm=batch_norm
    )
    if freeze_backbone:
        encoder.trainable = False
    pool3, pool4, pool5 = encoder(padded)

    head = head_layers(variant, num_classes=num_classes, head_channels=head_channels, dropout=dropout)
    logits = fcn_head(variant, image, (pool3, pool4, pool5), head)
    model = keras.Model(image, logits, name=variant)
    if fc_weights is not None:
        for name, values in vgg16_classifier_weights(fc_weights).items():
            model.get_layer(name).set_weights(values)
    if freeze_fc:
        model.get_layer("fc6").trainable = False
        model.get_layer("fc7").trainable = False
    return model


def shape_trace(model, input_shape=(224, 224, 3)):
    """List ``(layer_name, output_shape, num_params)`` for the top-level layers of ``model``.

    The shapes are those for a batch of images of size ``input_shape`` (batch dimension ``None``).
    They are computed symbolically (no forward pass, so it is instant even for full-width VGG16).
    The nested ``"backbone"`` has three outputs, so its ``output_shape`` is a list of three shapes.
    The model must be a functional model with one input that accepts ``input_shape`` (the default
    ``build_fcn`` input, ``(None, None, 3)``, accepts any size).

    Example::

        for name, shape, params in shape_trace(build_fcn("fcn8s", weights=None)):
            print(f"{name:15s} {str(shape):28s} {params:>12,}")
    """
    input_shape = tuple(input_shape)
    outputs = {id(layer): out for layer, _, out in _layer_calls(model, input_shape)}

    def as_shape(t):
        return [as_shape(u) for u in t] if isinstance(t, (list, tuple)) else tuple(t.shape)

    trace = []
    for layer in model.layers:
        if isinstance(layer, layers.InputLayer):
            trace.append((layer.name, (None, *input_shape), 0))
        else:
            trace.append((layer.name, as_shape(outputs[id(layer)]), int(layer.count_params())))
    return trace


def _layer_calls(model, input_shape):
    """``[(layer, inputs, outputs)]``: every top-level layer of ``model`` called on a batch of ``input_shape`` inputs.

    Public Keras only: ``keras.models.clone_model`` replays the model's graph on a new ``keras.Input`` of that size,
    reusing the model's own layers (``clone_function=lambda layer: layer``) and recording each call
    (``call_function``), as Keras' documentation of ``clone_model`` shows. ``inputs`` is the list of the call's
    input tensors, ``outputs`` what the layer returned: symbolic tensors whose shapes are known; nothing is
    computed. A layer called twice in the model is listed once, with its first call. A nested model (the
    ``"backbone"``) is one layer here; its outputs are those it gives in ``model``. The layers are in call order
    (the InputLayer is not listed). The replay adds one more symbolic call to each layer, like calling the model on
    a new input; the model, its weights and each layer's ``output`` are unchanged. Also used by
    :func:`layer_flops`.
    """
    if not isinstance(model, keras.Model) or len(model.inputs) != 1:
        raise ValueError(f"expected a functional keras.Model with one input, got {model!r}")
    new_input = keras.Input(shape=tuple(input_shape), dtype=model.inputs[0].dtype)
    calls = {}

    def record(layer, *args, **kwargs):
        outputs = layer(*args, **kwargs)
        inputs = [t for t in keras.tree.flatten((args, kwargs)) if isinstance(t, keras.KerasTensor)]
        calls.setdefault(id(layer), (layer, inputs, outputs))
        return outputs

    keras.models.clone_model(model, input_tensors=keras.tree.map_structure(lambda _: new_input, model.input),
                             clone_function=lambda layer: layer, call_function=record)
    return list(calls.values())


def layer_flops(model, input_shape=(224, 224, 3)):
    """Forward FLOPs per image of every convolution in ``model`` (nested models included).

    Returns a list of ``{"layer", "flops", "role"}`` dicts in call order; a layer of a nested model is
    named ``"backbone/block1_conv1"``. Shapes come from the same symbolic replay as :func:`shape_trace`
    (nothing is computed).

    * ``Conv2D``: ``2 * H_out * W_out * k_h * k_w * C_in * C_out`` (a multiply and an add per weight and
      output pixel; the bias is ignored);
    * ``Conv2DTranspose``: ``2 * H_in * W_in * k_h * k_w * C_in * C_out``: every *input* pixel is spread
      over a ``k_h x k_w`` window of every output channel (the bilinear kernels are mostly zeros, but
      are computed as dense ones).

    Pooling, batch norm, activations, additions, padding and cropping are not counted: they cost a few
    FLOPs per value, negligible next to the convolutions.

    ``role`` says how the layer counts in training: ``"trainable"`` (it has trainable weights),
    ``"frozen_encoder"`` (no trainable weights and no trainable layer before it, e.g. a frozen backbone
    and a frozen fc6 / fc7 behind it: only its forward pass runs, no gradient reaches it) or ``"frozen"``
    (no trainable weights, but gradients flow through it, e.g. the fixed final bilinear upsampling).
    "Before" is the model's topological layer order, so a layer placed after a trainable one that is not
    its ancestor counts as ``"frozen"``: an overcount, never an undercount.
    """
    return _conv_flops(model, tuple(input_shape), frozen_parent=False)


def _conv_flops(model, input_shape, *, frozen_parent):
    rows = []
    seen_trainable = False  # any trainable layer so far (in topological order)?
    for layer, inputs, outputs in _layer_calls(model, input_shape):
        in_shape = tuple(inputs[0].shape[1:])
        out_shape = tuple(keras.tree.flatten(outputs)[0].shape[1:])
        front = frozen_parent or (not seen_trainable and not layer.trainable_weights)
        seen_trainable = seen_trainable or bool(layer.trainable_weights)
        if isinstance(layer, keras.Model):
            rows += [{**row, "layer": f"{layer.name}/{row['layer']}"}
                     for row in _conv_flops(layer, in_shape, frozen_parent=front)]
            continue
        kh, kw = getattr(layer, "kernel_size", (0, 0))
        if isinstance(layer, layers.Conv2DTranspose):
            flops = 2 * in_shape[0] * in_shape[1] * kh * kw * in_shape[-1] * out_shape[-1]
        elif isinstance(layer, layers.Conv2D):
            flops = 2 * out_shape[0] * out_shape[1] * kh * kw * (in_shape[-1] // layer.groups) * out_shape[-1]
        else:
            continue
        role = "frozen_encoder" if front else "trainable" if layer.trainable_weights else "frozen"
        rows.append({"layer": layer.name, "flops": int(flops), "role": role})
    return rows
