"""Tests for fcnlab.models: bilinear upsampling, padding/cropping, encoders, FCN-32s/16s/8s."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from fcnlab import features, models
from fcnlab.models import (
    OUTPUT_STRIDES,
    VARIANTS,
    BilinearInitializer,
    CropToReference,
    PadToMultiple,
    VGGPreprocess,
    bilinear_kernel,
    bilinear_upsampling,
    build_backbone,
    build_fcn,
    layer_flops,
    shape_trace,
)

NARROW = {"width": 0.125, "weights": None}  # a CPU-sized encoder (8 ... 64 channels)
FINAL_UPSAMPLING = {"fcn32s": "upscore32", "fcn16s": "upscore16", "fcn8s": "upscore8"}
VGG16_NOTOP_PARAMS = 14_714_688


def _images(batch, height, width, seed=0):
    return np.random.default_rng(seed).random((batch, height, width, 3), dtype=np.float32)


@pytest.fixture(scope="module", params=VARIANTS)
def narrow_fcn(request):
    """One narrow FCN per variant with flexible input size, shared by the tests below."""
    keras.utils.set_random_seed(0)
    return build_fcn(request.param, head_channels=32, **NARROW)


# ----------------------------------------------------------------------------------------------
# Bilinear upsampling
# ----------------------------------------------------------------------------------------------


def test_bilinear_kernel_factor2_by_hand():
    kernel = bilinear_kernel(2, 3)
    assert kernel.shape == (4, 4, 3, 3)
    assert kernel.dtype == np.float32
    profile = np.array([0.25, 0.75, 0.75, 0.25], dtype=np.float32)
    for c in range(3):
        np.testing.assert_allclose(kernel[:, :, c, c], np.outer(profile, profile), atol=1e-7)
    # Channels are never mixed: every off-diagonal (out, in) pair is zero.
    off_diagonal = ~np.eye(3, dtype=bool)
    assert np.all(kernel[:, :, off_diagonal] == 0)


@pytest.mark.parametrize(("factor", "size"), [(1, 1), (2, 4), (3, 5), (4, 8), (8, 16), (32, 64)])
def test_bilinear_kernel_sizes_and_symmetry(factor, size):
    kernel = bilinear_kernel(factor, 1)[:, :, 0, 0]
    assert kernel.shape == (size, size)
    np.testing.assert_allclose(kernel, kernel.T)
    np.testing.assert_allclose(kernel, kernel[::-1, ::-1])
    # The 2-D kernel is the outer product of a 1-D tent with itself, so the tent is sqrt(diagonal).
    profile = np.sqrt(np.diag(kernel))
    np.testing.assert_allclose(np.outer(profile, profile), kernel, atol=1e-6)
    # Partition of unity: the taps that land on one output phase sum to 1, so a constant input
    # upsamples to the same constant (away from the border).
    for phase in range(factor):
        assert profile[phase::factor].sum() == pytest.approx(1.0)


def test_bilinear_kernel_odd_factor_peak_is_one():
    kernel = bilinear_kernel(3, 1)[:, :, 0, 0]
    assert kernel[2, 2] == pytest.approx(1.0)  # odd kernel: centre on a pixel
    np.testing.assert_allclose(kernel[2], [1 / 3, 2 / 3, 1, 2 / 3, 1 / 3], rtol=1e-6)


@pytest.mark.parametrize("factor", [2, 4, 8])
def test_bilinear_upsampling_matches_tf_image_resize_on_interior(factor):
    channels = 3
    x = np.random.default_rng(factor).standard_normal((1, 8, 8, channels)).astype(np.float32)
    layer = bilinear_upsampling(factor, channels, trainable=False)
    y = keras.ops.convert_to_numpy(layer(x))
    expected = tf.image.resize(x, (8 * factor, 8 * factor), method="bilinear").numpy()
    assert y.shape == expected.shape == (1, 8 * factor, 8 * factor, channels)
    interior = slice(factor, 8 * factor - factor)
    np.testing.assert_allclose(y[:, interior, interior], expected[:, interior, interior], atol=1e-5)
    # The borders do differ: the transposed convolution blends in its implicit zero padding.
    assert not np.allclose(y[:, 0], expected[:, 0], atol=1e-3)


def test_bilinear_upsampling_layer_config():
    layer = bilinear_upsampling(4, 5, trainable=False, name="up")
    layer.build((None, 3, 3, 5))
    assert layer.name == "up"
    assert layer.trainable is False
    assert layer.strides == (4, 4) and layer.kernel_size == (8, 8)
    assert layer.padding == "same" and layer.use_bias is False
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(layer.kernel), bilinear_kernel(4, 5))
    assert bilinear_upsampling(2, 1).trainable is True


def test_bilinear_initializer_serializes():
    init = BilinearInitializer(2)
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(init((4, 4, 2, 2))), bilinear_kernel(2, 2))
    restored = keras.initializers.deserialize(keras.initializers.serialize(init))
    assert isinstance(restored, BilinearInitializer) and restored.factor == 2


# ----------------------------------------------------------------------------------------------
# Padding and cropping
# ----------------------------------------------------------------------------------------------


def test_pad_to_multiple_and_crop_back():
    x = _images(2, 97, 131)
    padded = keras.ops.convert_to_numpy(PadToMultiple(32)(x))
    assert padded.shape == (2, 128, 160, 3)
    np.testing.assert_array_equal(padded[:, :97, :131], x)  # image in the top-left corner
    assert np.all(padded[:, 97:] == 0) and np.all(padded[:, :, 131:] == 0)
    cropped = keras.ops.convert_to_numpy(CropToReference()([padded, x]))
    np.testing.assert_array_equal(cropped, x)
    # Already a multiple: unchanged.
    assert PadToMultiple(32)(_images(1, 64, 96)).shape == (1, 64, 96, 3)


def test_pad_and_crop_with_dynamic_shapes():
    inp = keras.Input((None, None, 3))
    out = CropToReference()([PadToMultiple(16)(inp), inp])
    model = keras.Model(inp, out)
    for h, w in [(5, 7), (16, 33)]:
        x = _images(1, h, w)
        np.testing.assert_array_equal(keras.ops.convert_to_numpy(model(x)), x)
    assert PadToMultiple(32).compute_output_shape((None, 97, None, 3)) == (None, 128, None, 3)
    assert PadToMultiple.from_config(PadToMultiple(16).get_config()).multiple == 16


# ----------------------------------------------------------------------------------------------
# Encoders
# ----------------------------------------------------------------------------------------------


def test_vgg_preprocess_equals_keras_preprocess_input():
    x = _images(2, 8, 8)
    expected = keras.applications.vgg16.preprocess_input(x * 255.0)
    got = keras.ops.convert_to_numpy(VGGPreprocess()(x))
    np.testing.assert_allclose(got, expected, atol=1e-4)


def test_full_width_vgg16_backbone():
    backbone = build_backbone("vgg16", width=1.0, weights=None)
    assert backbone.name == "backbone"
    assert backbone.count_params() == VGG16_NOTOP_PARAMS
    names = {layer.name for layer in backbone.layers}
    assert {"block1_conv1", "block3_pool", "block4_pool", "block5_pool"} <= names
    assert isinstance(backbone.get_layer("preprocess"), VGGPreprocess)
    assert [tuple(t.shape) for t in backbone.outputs] == [
        (None, None, None, 256),
        (None, None, None, 512),
        (None, None, None, 512),
    ]


@pytest.mark.parametrize("batch_norm", [False, True])
def test_narrow_backbone_shapes_and_strides(batch_norm):
    backbone = build_backbone(width=0.25, weights=None, input_shape=(64, 96, 3), batch_norm=batch_norm)
    # 64, 128, 256, 512, 512 channels at width 0.25 -> 16, 32, 64, 128, 128.
    assert backbone.get_layer("block1_conv2").filters == 16
    assert backbone.get_layer("block5_conv3").filters == 128
    assert isinstance(backbone.get_layer("preprocess"), keras.layers.Rescaling)
    outs = backbone(_images(1, 64, 96))
    assert [tuple(o.shape) for o in outs] == [(1, 8, 12, 64), (1, 4, 6, 128), (1, 2, 3, 128)]
    has_bn = any(isinstance(layer, keras.layers.BatchNormalization) for layer in backbone.layers)
    assert has_bn is batch_norm


def test_narrow_backbone_width_rounds_and_never_hits_zero():
    backbone = build_backbone(width=0.01, weights=None)
    assert backbone.get_layer("block1_conv1").filters == 1  # max(1, round(0.64))
    assert backbone.get_layer("block5_conv1").filters == 5


# ----------------------------------------------------------------------------------------------
# FCN
# ----------------------------------------------------------------------------------------------


def test_fcn_output_shape_matches_input(narrow_fcn):
    y = narrow_fcn(_images(1, 320, 480), training=False)
    assert tuple(y.shape) == (1, 320, 480, 2)
    assert keras.backend.standardize_dtype(y.dtype) == "float32"


@pytest.fixture(scope="module", params=VARIANTS)
def fcn_with_skips(request):
    """A narrow 3-class FCN whose skip scorers hold random weights: at initialisation they are zero, so a skip
    added at the wrong place (or not at all) would not change the logits."""
    keras.utils.set_random_seed(4)
    model = build_fcn(request.param, num_classes=3, head_channels=16, **NARROW)
    rng = np.random.default_rng(0)
    for layer in model.layers:
        if layer.name.startswith("score_pool"):
            layer.set_weights([rng.normal(size=w.shape).astype("float32") for w in layer.get_weights()])
    return model


def _logits(model, x):
    return keras.ops.convert_to_numpy(model(x, training=False))


def test_fcn_on_an_odd_size_equals_the_fcn_on_the_image_padded_by_hand(fcn_with_skips):
    """A 97 x 131 image is padded inside the model with zeros at the bottom and right to 128 x 160, and the logits
    are cropped back: the same as padding the image with numpy and cropping the logits' top-left corner."""
    x = _images(1, 97, 131, seed=6)
    got = _logits(fcn_with_skips, x)
    assert got.shape == (1, 97, 131, 3)
    padded = np.pad(x, [(0, 0), (0, 128 - 97), (0, 160 - 131), (0, 0)])
    np.testing.assert_allclose(got, _logits(fcn_with_skips, padded)[:, :97, :131], rtol=1e-5, atol=1e-5)


def test_fcn_logits_are_the_sum_of_its_upsampled_score_maps(fcn_with_skips):
    """The decoder recomputed from the model's layers on a hand-padded odd-size image: score_fr x2 plus the pool4
    scores (x2 plus the pool3 scores), upsampled to the input and cropped. Each skip lands on its own stride."""
    model, layer = fcn_with_skips, fcn_with_skips.get_layer
    x = _images(1, 97, 131, seed=7)
    pool3, pool4, pool5 = layer("backbone")(np.pad(x, [(0, 0), (0, 31), (0, 29), (0, 0)]), training=False)
    score = layer("score_fr")(layer("fc7")(layer("fc6")(pool5)))  # dropout is off at inference
    if model.name == "fcn32s":
        up = layer("upscore32")(score)
    else:
        score = layer("upscore2")(score) + layer("score_pool4")(pool4)
        if model.name == "fcn16s":
            up = layer("upscore16")(score)
        else:
            score = layer("upscore_pool4")(score) + layer("score_pool3")(pool3)
            up = layer("upscore8")(score)
    expected = keras.ops.convert_to_numpy(up)[:, :97, :131]
    np.testing.assert_allclose(_logits(model, x), expected, rtol=1e-5, atol=1e-5)


def test_fcn_layer_names_and_structure(narrow_fcn):
    variant = narrow_fcn.name
    assert variant in VARIANTS
    names = [layer.name for layer in narrow_fcn.layers]
    common = ["image", "pad", "backbone", "fc6", "drop6", "fc7", "drop7", "score_fr"]
    assert names[: len(common)] == common
    assert names[-2:] == ["crop", "logits"]
    skips = {
        "fcn32s": [],
        "fcn16s": ["upscore2", "score_pool4", "fuse_pool4"],
        "fcn8s": ["upscore2", "score_pool4", "fuse_pool4", "upscore_pool4", "score_pool3", "fuse_pool3"],
    }[variant]
    for name in [*skips, FINAL_UPSAMPLING[variant]]:
        assert name in names
    # The nested encoder's layers are reachable by name.
    assert narrow_fcn.get_layer("backbone").get_layer("block4_pool").name == "block4_pool"
    assert narrow_fcn.get_layer("fc6").kernel_size == (7, 7)
    assert narrow_fcn.get_layer("fc6").filters == 32


def test_fcn_init_skips_zero_and_final_upsampling_fixed_bilinear(narrow_fcn):
    variant = narrow_fcn.name
    final = narrow_fcn.get_layer(FINAL_UPSAMPLING[variant])
    assert final.trainable is False
    assert final.strides == (OUTPUT_STRIDES[variant],) * 2
    np.testing.assert_array_equal(
        keras.ops.convert_to_numpy(final.kernel), bilinear_kernel(final.strides[0], 2)
    )
    for name in ("score_pool4", "score_pool3"):
        if name in [layer.name for layer in narrow_fcn.layers]:
            layer = narrow_fcn.get_layer(name)
            assert layer.trainable
            assert np.all(keras.ops.convert_to_numpy(layer.kernel) == 0)
            assert np.all(keras.ops.convert_to_numpy(layer.bias) == 0)
    for name in ("upscore2", "upscore_pool4"):
        if name in [layer.name for layer in narrow_fcn.layers]:
            layer = narrow_fcn.get_layer(name)
            assert layer.trainable
            np.testing.assert_array_equal(keras.ops.convert_to_numpy(layer.kernel), bilinear_kernel(2, 2))


def test_fcn8s_at_init_equals_its_fcn32s_path():
    """Zero-initialised skips: FCN-8s output = upscore8(upscore_pool4(upscore2(score_fr))), cropped."""
    keras.utils.set_random_seed(1)
    model = build_fcn("fcn8s", head_channels=16, **NARROW)
    x = _images(1, 70, 90, seed=3)
    score_model = keras.Model(model.input, model.get_layer("score_fr").output)
    score = score_model(x, training=False)
    path = model.get_layer("upscore8")(model.get_layer("upscore_pool4")(model.get_layer("upscore2")(score)))
    expected = keras.ops.convert_to_numpy(path)[:, :70, :90]
    got = keras.ops.convert_to_numpy(model(x, training=False))
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)
    assert np.abs(got).max() > 0  # not trivially zero


def test_fcn_fixed_input_shape_gives_static_output_shape():
    model = build_fcn("fcn8s", input_shape=(97, 131, 3), head_channels=16, **NARROW)
    assert tuple(model.output.shape) == (None, 97, 131, 2)
    assert tuple(model.get_layer("backbone").input.shape) == (None, 128, 160, 3)


def test_frozen_and_unfrozen_backbone():
    frozen = build_fcn("fcn32s", head_channels=16, **NARROW)
    backbone = frozen.get_layer("backbone")
    assert backbone.trainable is False
    assert backbone.trainable_weights == []
    assert len(backbone.non_trainable_weights) == len(backbone.weights) > 0
    trainable_names = {v.path.split("/")[0] for v in frozen.trainable_weights}
    assert trainable_names == {"fc6", "fc7", "score_fr"}  # upscore32 is fixed too
    free = build_fcn("fcn32s", freeze_backbone=False, head_channels=16, **NARROW)
    assert len(free.get_layer("backbone").trainable_weights) > 0


def test_output_is_float32_under_mixed_precision():
    previous = keras.config.dtype_policy()
    keras.config.set_dtype_policy("mixed_float16")
    try:
        model = build_fcn("fcn8s", head_channels=16, **NARROW)
        assert model.get_layer("fc6").compute_dtype == "float16"
        assert keras.backend.standardize_dtype(model.output.dtype) == "float32"
        y = model(_images(1, 40, 50), training=False)
        assert keras.backend.standardize_dtype(y.dtype) == "float32"
    finally:
        keras.config.set_dtype_policy(previous)


def test_convolutionalise_turns_a_dense_layer_into_the_same_convolution():
    """Flatten + Dense on an (h, w, c) map == a 'valid' h x w convolution with the reshaped kernel; on a
    larger map the convolution slides the same classifier over every window."""
    rng = np.random.default_rng(0)
    h, w, c, units = 3, 4, 5, 6
    kernel = rng.normal(size=(h * w * c, units)).astype("float32")
    bias = rng.normal(size=units).astype("float32")
    conv_kernel = models.convolutionalise(kernel, (h, w, c))
    assert conv_kernel.shape == (h, w, c, units)
    x = rng.normal(size=(2, h, w, c)).astype("float32")
    dense = x.reshape(2, -1) @ kernel + bias  # what keras' Flatten + Dense compute
    conv = keras.layers.Conv2D(units, (h, w), padding="valid")
    conv.build((None, None, None, c))
    conv.set_weights([conv_kernel, bias])
    np.testing.assert_allclose(keras.ops.convert_to_numpy(conv(x))[:, 0, 0], dense, rtol=1e-5, atol=1e-4)
    big = rng.normal(size=(1, h + 2, w + 3, c)).astype("float32")
    window = big[:, 1:1 + h, 2:2 + w].reshape(1, -1) @ kernel + bias  # the classifier on one window
    np.testing.assert_allclose(keras.ops.convert_to_numpy(conv(big))[:, 1, 2], window, rtol=1e-5, atol=1e-4)


def test_fc6_fc7_from_vgg16_classifier_weights_file(tmp_path):
    """fc_weights: fc6 / fc7 of the FCN compute VGG16's fc1 / fc2 at the centre of a 7x7 pool5 map."""
    keras.utils.set_random_seed(0)
    vgg = keras.applications.VGG16(include_top=True, weights=None)  # random stand-in for the ImageNet file
    path = tmp_path / "vgg16.weights.h5"
    vgg.save_weights(path)
    model = build_fcn("fcn32s", weights=None, fc_weights=str(path), freeze_fc=True, dropout=0.0)
    assert not model.get_layer("fc6").trainable and not model.get_layer("fc7").trainable
    assert model.get_layer("fc6").count_params() == vgg.get_layer("fc1").count_params()
    pool5 = np.random.default_rng(1).random((1, 7, 7, 512)).astype("float32")
    classifier = keras.Sequential([vgg.get_layer("flatten"), vgg.get_layer("fc1"), vgg.get_layer("fc2")])
    expected = keras.ops.convert_to_numpy(classifier(pool5))                        # (1, 4096)
    fcn = model.get_layer("fc7")(model.get_layer("fc6")(pool5))                     # (1, 7, 7, 4096)
    # fc6 pads ("same"), so only its centre pixel sees exactly the 7x7 window the dense fc1 saw
    np.testing.assert_allclose(keras.ops.convert_to_numpy(fcn)[:, 3, 3], expected, rtol=1e-4, atol=1e-4)


def test_save_and_reload_keras_format(tmp_path):
    keras.utils.set_random_seed(2)
    model = build_fcn("fcn8s", batch_norm=True, freeze_backbone=False, head_channels=16, **NARROW)
    # Make the skip layers non-zero so the round trip checks real weights.
    for name in ("score_pool4", "score_pool3"):
        layer = model.get_layer(name)
        layer.kernel.assign(np.random.default_rng(0).normal(size=layer.kernel.shape).astype("float32"))
    path = tmp_path / "fcn8s.keras"
    model.save(path)
    reloaded = keras.saving.load_model(path)  # default safe_mode=True: no Lambda layers allowed
    x = _images(1, 75, 50, seed=5)
    np.testing.assert_allclose(
        keras.ops.convert_to_numpy(reloaded(x, training=False)),
        keras.ops.convert_to_numpy(model(x, training=False)),
        rtol=1e-5,
        atol=1e-5,
    )
    assert reloaded.name == "fcn8s"
    assert reloaded.get_layer("upscore8").trainable is False
    assert isinstance(reloaded.get_layer("pad"), PadToMultiple)
    assert isinstance(reloaded.get_layer("crop"), CropToReference)


def test_save_and_reload_full_width_backbone(tmp_path):
    backbone = build_backbone(width=1.0, weights=None, input_shape=(32, 32, 3))
    path = tmp_path / "backbone.keras"
    backbone.save(path)
    reloaded = keras.saving.load_model(path)
    assert isinstance(reloaded.get_layer("preprocess"), VGGPreprocess)
    x = _images(1, 32, 32)
    for a, b in zip(reloaded(x), backbone(x), strict=True):
        np.testing.assert_allclose(keras.ops.convert_to_numpy(a), keras.ops.convert_to_numpy(b), atol=1e-4)


def test_a_few_adam_steps_lower_the_loss():
    keras.utils.set_random_seed(3)
    model = build_fcn("fcn8s", freeze_backbone=False, head_channels=16, dropout=0.0, **NARROW)
    # A learnable toy task: 16x16 blocks of class 1 are reddish, class 0 is grey, plus a little noise.
    rng = np.random.default_rng(7)
    labels = np.kron(rng.integers(0, 2, (4, 4, 4)), np.ones((1, 16, 16), dtype=np.int64))
    colour = np.array([1.0, 0.2, 0.2], dtype=np.float32)
    x = (0.2 + 0.6 * labels[..., None] * colour + 0.1 * rng.random((4, 64, 64, 3))).astype(np.float32)
    y = keras.utils.to_categorical(labels, 2)
    model.compile(
        optimizer=keras.optimizers.Adam(3e-3),
        loss=keras.losses.CategoricalCrossentropy(from_logits=True),
        jit_compile=False,
    )
    before = model.evaluate(x, y, verbose=0)
    model.fit(x, y, batch_size=4, epochs=10, verbose=0)
    after = model.evaluate(x, y, verbose=0)
    assert before == pytest.approx(np.log(2), abs=0.05)  # small random logits: about chance level
    assert after < 0.85 * before


def test_shape_trace_table():
    model = build_fcn("fcn16s", head_channels=16, **NARROW)
    trace = shape_trace(model, (97, 131, 3))
    table = {name: (shape, params) for name, shape, params in trace}
    assert [name for name, _, _ in trace] == [layer.name for layer in model.layers]
    assert table["image"] == ((None, 97, 131, 3), 0)
    assert table["pad"][0] == (None, 128, 160, 3)
    assert table["backbone"][0] == [(None, 16, 20, 32), (None, 8, 10, 64), (None, 4, 5, 64)]
    assert table["score_fr"][0] == (None, 4, 5, 2)
    assert table["upscore2"][0] == table["score_pool4"][0] == (None, 8, 10, 2)
    assert table["upscore16"][0] == (None, 128, 160, 2)
    assert table["logits"][0] == (None, 97, 131, 2)
    assert table["fc6"][1] == 7 * 7 * 64 * 16 + 16
    assert sum(params for _, _, params in trace) == model.count_params()
    # Tracing leaves the model as it was: each layer's output is still the one of the model's own graph.
    assert tuple(model.get_layer("score_fr").output.shape) == (None, None, None, 2)
    assert shape_trace(model, (97, 131, 3)) == trace


def test_shape_trace_after_split_fcn():
    """split_fcn calls the model's layers again to build its encoder and decoder (more calls, more graphs): the
    trace is still the model's own."""
    model = build_fcn("fcn8s", head_channels=16, freeze_fc=True, **NARROW)
    before = shape_trace(model, (97, 131, 3))
    encoder, _ = features.split_fcn(model)
    assert shape_trace(model, (97, 131, 3)) == before
    # the encoder is a model of the same layers: its trace is its own (it ends at fc6, the frozen part)
    assert [row[:2] for row in shape_trace(encoder, (97, 131, 3))] == [row[:2] for row in before[:4]]


def test_shape_trace_of_a_nested_model_with_more_outputs():
    """Lesson 3's FCN-4s exercise: a nested backbone with a fourth output (block2_pool) that reuses the layers of
    another model."""
    base = build_backbone(width=0.125, weights=None)
    backbone = keras.Model(base.input, [base.get_layer("block2_pool").output, *base.outputs], name="backbone")
    image = keras.Input((None, None, 3), name="image")
    pool2, _, _, pool5 = backbone(PadToMultiple(32, name="pad")(image))
    score = keras.layers.Conv2D(2, 1, name="score")(pool5)
    fused = keras.layers.Add(name="fuse")([keras.layers.UpSampling2D(8, name="up8")(score), pool2[..., :2]])
    model = keras.Model(image, CropToReference(name="crop")([fused, image]))
    table = dict((name, shape) for name, shape, _ in shape_trace(model, (100, 60, 3)))
    assert table["backbone"] == [(None, 32, 16, 16), (None, 16, 8, 32), (None, 8, 4, 64), (None, 4, 2, 64)]
    assert table["fuse"] == (None, 32, 16, 2)
    assert table["crop"] == (None, 100, 60, 2)


def test_vgg16_flops_match_the_textbook_count():
    """VGG16's 13 convolutions are 15.35 GMACs at 224 x 224; fc6 as a 7x7 conv on 7x7 adds 5.03 GMACs."""
    model = build_fcn("fcn8s", weights=None, head_channels=8)  # a thin head keeps this test light
    rows = {row["layer"]: row for row in layer_flops(model, (224, 224, 3))}
    encoder = sum(row["flops"] for name, row in rows.items() if name.startswith("backbone/"))
    assert encoder == pytest.approx(2 * 15.35e9, rel=1e-3)
    assert rows["backbone/block1_conv1"]["flops"] == 2 * 224 * 224 * 3 * 3 * 3 * 64
    assert rows["fc6"]["flops"] == 2 * 7 * 7 * 7 * 7 * 512 * 8
    # transposed convolutions count per input pixel: upscore8 spreads 28 x 28 pixels over 16 x 16 windows
    assert rows["upscore8"]["flops"] == 2 * 28 * 28 * 16 * 16 * 2 * 2


def test_layer_flops_roles():
    """The frozen encoder only runs forward; fc6 trains; the fixed final upsampling passes gradients."""
    model = build_fcn("fcn8s", weights=None, head_channels=8)
    rows = {row["layer"]: row["role"] for row in layer_flops(model, (224, 224, 3))}
    assert {role for name, role in rows.items() if name.startswith("backbone/")} == {"frozen_encoder"}
    assert (rows["fc6"], rows["upscore8"]) == ("trainable", "frozen")
    # a frozen fc6 / fc7 behind the frozen encoder only runs forward, like the encoder
    frozen_fc = build_fcn("fcn8s", weights=None, head_channels=8, freeze_fc=True)
    rows = {row["layer"]: row["role"] for row in layer_flops(frozen_fc, (224, 224, 3))}
    assert (rows["fc6"], rows["fc7"], rows["score_fr"]) == ("frozen_encoder", "frozen_encoder", "trainable")


# ----------------------------------------------------------------------------------------------
# Wrong arguments: one table of (call, exception, the argument the message names)
# ----------------------------------------------------------------------------------------------


def _fcn(**kwargs):
    return lambda: build_fcn(**{"weights": None, "width": 0.125, **kwargs})


ERRORS = [
    pytest.param(_fcn(variant="fcn4s"), ValueError, "fcn32s, fcn16s, fcn8s", id="variant"),
    pytest.param(_fcn(backbone="resnet50"), ValueError, "vgg16", id="backbone"),
    pytest.param(_fcn(width=0), ValueError, "width", id="width-0"),
    pytest.param(_fcn(width=1.5), ValueError, "width", id="width-1.5"),
    pytest.param(_fcn(width=0.5, weights="imagenet"), ValueError, "width",
                 id="narrow-imagenet"),
    pytest.param(_fcn(num_classes=1), ValueError, "num_classes", id="num_classes"),
    pytest.param(_fcn(input_shape=(64, 64, 1)), ValueError, "input_shape", id="grey-input"),
    pytest.param(_fcn(input_shape=(64, 64)), ValueError, "input_shape", id="2-d-input"),
    pytest.param(_fcn(width=1.0, batch_norm=True), ValueError, "batch_norm", id="batch_norm"),
    pytest.param(_fcn(dropout=1.0), ValueError, "dropout", id="dropout"),
    pytest.param(_fcn(fc_weights="imagenet"), ValueError, "head_channels",
                 id="fc_weights-narrow"),
    pytest.param(_fcn(width=1.0, head_channels=512, fc_weights="imagenet"), ValueError, "head_channels",
                 id="fc_weights-head"),
    pytest.param(lambda: bilinear_kernel(0, 2), ValueError, "factor",
                 id="factor"),
    pytest.param(lambda: BilinearInitializer(2)((3, 3, 2, 2)), ValueError,
                 "BilinearInitializer(factor=2)", id="initializer"),
    pytest.param(lambda: models.convolutionalise(np.zeros((60, 6)), (3, 4, 6)), ValueError,
                 "does not act on a flattened (3, 4, 6) map", id="convolutionalise"),
    pytest.param(lambda: models.vgg16_classifier_weights(None), ValueError, "nothing to load", id="fc-weights-none"),
]


@pytest.mark.parametrize(("call", "error", "named"), ERRORS)
def test_wrong_arguments_raise_errors_that_name_them(call, error, named):
    with pytest.raises(error) as info:
        call()
    assert named in str(info.value)
