"""The checks of lesson 3's exercises (notebooks/03_fcn_architecture.ipynb).

Each ``check_*`` function recomputes the truth from the models themselves and raises an ``AssertionError``
whose hint names the mistake it recognises (without stating a predicted number).
"""

from __future__ import annotations

import keras
import numpy as np

from fcnlab import models

__all__ = ["receptive_fields", "check_pool4_shape", "check_fcn32_sizes", "check_score_fields",
           "check_fcn4s"]


def receptive_fields(net) -> dict[str, int]:
    """Receptive field (pixels per side) of ``score_pool4`` and ``score_fr`` of an FCN, layer by layer."""
    encoder = [lay for lay in net.get_layer("backbone").layers
               if isinstance(lay, (keras.layers.Conv2D, keras.layers.MaxPooling2D))]
    to_pool4 = encoder[:[lay.name for lay in encoder].index("block4_pool") + 1]
    head = [net.get_layer(name) for name in ("fc6", "fc7", "score_fr")]
    chains = {"score_pool4": [*to_pool4, net.get_layer("score_pool4")], "score_fr": [*encoder, *head]}
    fields = {}
    for name, chain in chains.items():  # r_out = r_in + (k - 1) * j_in, j_out = j_in * s
        r, j = 1, 1
        for lay in chain:
            k = lay.kernel_size[0] if hasattr(lay, "kernel_size") else lay.pool_size[0]
            r, j = r + (k - 1) * j, j * lay.strides[0]
        fields[name] = r
    return fields


def _field(net, last: str) -> int:
    """Receptive field of the encoder layer ``last`` of ``net``, by the recurrence."""
    r, j = 1, 1
    for lay in net.get_layer("backbone").layers:
        if isinstance(lay, (keras.layers.Conv2D, keras.layers.MaxPooling2D)):
            k = lay.kernel_size[0] if hasattr(lay, "kernel_size") else lay.pool_size[0]
            r, j = r + (k - 1) * j, j * lay.strides[0]
            if lay.name == last:
                return r
    raise ValueError(last)


def check_score_fields(rf_score_pool4, rf_score_fr, net) -> dict[str, int]:
    """Compare the two predicted receptive fields with the recurrence applied to ``net``'s layers."""
    fields = receptive_fields(net)
    pool4, fr = fields["score_pool4"], fields["score_fr"]
    assert (rf_score_pool4, rf_score_fr) != (fr, pool4), "hint: the two are swapped"
    assert rf_score_pool4 not in (16, 32), "hint: a receptive field, not a stride"
    pool5 = fr - 6 * 32
    below = {name: _field(net, name) for name in ("block4_conv3", "block3_pool")}
    known4 = {below["block4_conv3"]: "pool4's own 2x2 window counts too (score_pool4 reads pool4)",
              below["block3_pool"]: "that is pool3's field: score_pool4 sits on pool4, one block deeper",
              pool5 // 2: "halving pool5's field does not give pool4's: apply the recurrence block by block",
              pool5: "that is pool5's field: score_pool4 reads pool4"}
    hint4 = known4.get(rf_score_pool4, "score_pool4 is a 1x1 conv on pool4: apply the recurrence up to "
                                       "block4_pool, then add what a 1x1 kernel adds")
    assert rf_score_pool4 == pool4, f"hint: {hint4}"
    known = {pool5: "pool5's field: fc6, a 7x7 kernel, comes on top",
             pool5 + 6: "fc6's kernel steps over pool5 units, not pixels",
             pool5 + 7 * 32: "a k-wide kernel adds k - 1 steps, not k",
             224: "a receptive field can be larger than the image",
             pool5 + 6 * 16: "fc6 sits on pool5's grid, not pool4's"}
    assert rf_score_fr == fr, f"hint: {known.get(rf_score_fr, 'fc6 is a 7x7 conv on the stride-32 grid')}"
    return fields


_SKIPS = ("score_pool4", "score_pool3", "score_pool2")
_NAMES = ("backbone", "fc6", "fc7", "score_fr", *_SKIPS, "fuse_pool2", "upscore4", "crop")
# Each convolution of the head and skips: (kernel size, activation, the tensor it should read)
_CONVS = {"fc6": (7, "relu", "pool5"), "fc7": (1, "relu", "fc6"), "score_fr": (1, "linear", "fc7"),
          "score_pool4": (1, "linear", "pool4"), "score_pool3": (1, "linear", "pool3"),
          "score_pool2": (1, "linear", "pool2")}
_JOBS = {"fc6": "a 7x7 conv (VGG's fc6, convolutionalised)", "fc7": "a 1x1 conv (VGG's fc7)",
         "score_fr": "a 1x1 conv, one score per class", "score_pool4": "a 1x1 conv, one score per class",
         "score_pool3": "a 1x1 conv, one score per class", "score_pool2": "a 1x1 conv, one score per class"}


def check_pool4_shape(pool4_shape, width) -> tuple:
    """Exercise 1: the predicted ``(height, width, channels)`` of block4_pool for a 320x480 image."""
    encoder = models.build_backbone(width=width, weights=None, input_shape=(320, 480, 3))
    truth = tuple(encoder.outputs[1].shape[1:])
    assert len(pool4_shape) == 3, "hint: give (height, width, channels)"
    assert tuple(pool4_shape[:2]) == truth[:2], "hint: how many pools before pool4?"
    assert pool4_shape[2] == truth[2], "hint: the toy has WIDTH x VGG's channels"
    return tuple(pool4_shape)


def check_fcn32_sizes(padded_hw, score_hw, short_hw, width, head) -> None:
    """Exercise 2: FCN-32s's sizes on a 97x131 image, read from the model and an unpadded encoder."""
    fcn32 = models.build_fcn("fcn32s", width=width, weights=None, head_channels=head)
    trace = {name: shape for name, shape, _ in models.shape_trace(fcn32, (97, 131, 3))}
    assert tuple(padded_hw) == trace["pad"][1:3], "hint: pad rounds up to a multiple of 32"
    assert tuple(score_hw) == trace["score_fr"][1:3], "hint: score_fr is 32 times smaller"
    unpadded = models.build_backbone(width=width, weights=None, input_shape=(97, 131, 3))
    pool5_hw = unpadded.outputs[2].shape[1:3]
    assert tuple(short_hw) == (32 * pool5_hw[0], 32 * pool5_hw[1]), "hint: pools round down"


def _decoder(score_fr, skips, num_classes, hw, use=(True, True, True, True)):
    """What an FCN-4s computes from its score maps: x2, +pool4, x2, +pool3, x2, +pool2, x4 (bilinear), crop.

    ``use`` switches the deep path and each skip on or off (to recognise a model that drops one).
    """
    score = score_fr * use[0]
    for skip, on in zip(skips, use[1:], strict=True):
        score = np.asarray(models.bilinear_upsampling(2, num_classes)(score)) + skip * on
    up = np.asarray(models.bilinear_upsampling(4, num_classes, trainable=False)(score))
    return up[:, :hw[0], :hw[1]]


def _check_convs(model) -> None:
    """Each conv of the head and skips: a Conv2D of the right kernel size and activation."""
    for name, (k, activation, _) in _CONVS.items():
        layer = model.get_layer(name)
        assert isinstance(layer, keras.layers.Conv2D), f"hint: {name} should be {_JOBS[name]}"
        assert tuple(layer.kernel_size) == (k, k), (
            f"hint: {name} has a {layer.kernel_size[0]}x{layer.kernel_size[1]} kernel; it should be "
            f"{_JOBS[name]}")
        used = layer.get_config()["activation"]
        assert used == activation, (
            f"hint: {name} has activation {used!r}; " + (
                "a score layer gives raw scores (logits): no activation" if activation == "linear"
                else f"{name} is followed by a ReLU, as in VGG"))


def _reference_conv(model, name, channels_in):
    """``name`` as it should be (kernel size, activation, padding), built in the check, with the student's
    weights copied in; weights of another shape fail the check."""
    kernel_size, activation, source = _CONVS[name]
    weights = model.get_layer(name).get_weights()
    conv = keras.layers.Conv2D(weights[0].shape[-1], kernel_size, padding="same", activation=activation,
                               use_bias=len(weights) > 1)
    conv.build((None, None, None, channels_in))
    try:
        conv.set_weights(weights)
    except ValueError:
        raise AssertionError(f"hint: {name} should be {_JOBS[name]}, reading {source}") from None
    return conv


def _reference_tensors(model, image) -> dict[str, np.ndarray]:
    """What each conv should read, computed in the check: the encoder's pools (the student's encoder
    weights), then fc6 and fc7 as they should be, with the student's weights."""
    backbone = model.get_layer("backbone")
    try:
        pools = [backbone.get_layer(f"block{i}_pool").output for i in (2, 3, 4, 5)]
    except ValueError:
        raise AssertionError("hint: use backbone_with_pool2() as the encoder") from None
    encoder = keras.Model(backbone.inputs, pools)
    padded = models.PadToMultiple(32)(image)
    values = dict(zip(("pool2", "pool3", "pool4", "pool5"), (np.asarray(t) for t in encoder(padded)),
                      strict=True))
    for name in ("fc6", "fc7", "score_fr", *_SKIPS):
        source = values[_CONVS[name][2]]
        values[name] = np.asarray(_reference_conv(model, name, source.shape[-1])(source))
    return values


def _check_inputs(model, image) -> None:
    """Each conv reads the tensor it should: compared with the reference tensors, by value."""
    expected = _reference_tensors(model, image)
    probe = keras.Model(model.inputs, [model.get_layer(name).input for name in _CONVS])
    for (name, (_, _, source)), got in zip(_CONVS.items(), probe(image), strict=True):
        got, want = np.asarray(got), expected[source]
        assert got.shape == want.shape and np.allclose(got, want, atol=1e-4, rtol=1e-3), (
            f"hint: {name} should read {source}" + (
                " (the encoder's block2_pool, stride 4)" if source == "pool2" else
                f" (the encoder's block{source[-1]}_pool)" if source.startswith("pool") else
                f" (the output of {source})"))


def _reference_output(model, image, num_classes) -> np.ndarray:
    """The FCN-4s built in the check: the student's encoder and conv weights in convs of the right kind,
    fresh bilinear x2 and x4 upsamplings, the crop."""
    values = _reference_tensors(model, image)
    score = values["score_fr"]
    for name in _SKIPS:
        score = np.asarray(models.bilinear_upsampling(2, num_classes)(score)) + values[name]
    up = np.asarray(models.bilinear_upsampling(4, num_classes, trainable=False)(score))
    return up[:, :image.shape[1], :image.shape[2]]


def check_fcn4s(model, num_classes, seed=0) -> tuple:
    """Verify an FCN-4s by what it computes; returns the output shape on a 97x131 image."""
    names = {lay.name for lay in model.layers}
    missing = [name for name in _NAMES if name not in names]
    assert not missing, f"hint: name the layers as asked; not found: {', '.join(missing)}"
    rng = np.random.default_rng(seed)
    image = rng.random((1, 97, 131, 3), dtype=np.float32)
    try:
        out = np.asarray(model(image))
    except Exception as err:  # a layer that cannot take a 97x131 image
        raise AssertionError(f"hint: fcn4s fails on a 97x131 image: {type(err).__name__}: {err}") from None
    assert out.shape == (1, 97, 131, num_classes), "hint: crop back to the input size"
    trace = {name: shape for name, shape, _ in models.shape_trace(model)}
    assert trace["fuse_pool2"][1:3] == (56, 56), "hint: on which grid does pool2 live?"
    for name, size in [("score_fr", 7), ("score_pool4", 14), ("score_pool3", 28), ("score_pool2", 56)]:
        assert trace[name][1:3] == (size, size), f"hint: {name} scores its own pool (stride {224 // size})"
    assert trace["upscore4"][1:3] == (224, 224), "hint: upscore4 undoes one stride"
    assert not model.get_layer("upscore4").trainable, "hint: the last upsampling is fixed"
    _check_convs(model)
    assert not model.get_layer("score_pool2").get_weights()[0].any(), "hint: how does a skip start?"
    learned = [lay for lay in model.layers
               if isinstance(lay, keras.layers.Conv2DTranspose) and lay.trainable]
    assert len(learned) == 3, "hint: each x2 upsampling is learned (it starts bilinear)"
    saved = model.get_weights()
    try:  # give the skips weights, so that each one shows in the output
        for name in _SKIPS:
            layer = model.get_layer(name)
            layer.set_weights([rng.normal(0, 0.1, w.shape).astype(w.dtype) for w in layer.get_weights()])
        _check_inputs(model, image)
        probe = keras.Model(model.inputs, [model.get_layer(n).output for n in ("score_fr", *_SKIPS)]
                            + [model.outputs[0]])
        score_fr, *skips, out = (np.asarray(t) for t in probe(image))
        reference = _reference_output(model, image, num_classes)
    finally:
        model.set_weights(saved)
    hw = out.shape[1:3]
    if not np.allclose(out, _decoder(score_fr, skips, num_classes, hw), atol=1e-4):
        parts = ("the deep path (score_fr)", *(f"the {name[6:]} skip" for name in _SKIPS))
        for i, part in enumerate(parts):
            use = [j != i for j in range(4)]
            dropped = _decoder(score_fr, skips, num_classes, hw, use)
            assert not np.allclose(out, dropped, atol=1e-4), f"hint: {part} does not reach the output"
        raise AssertionError("hint: the output should be the fixed x4 upsampling of fuse_pool2 = "
                             "x2(fuse_pool3) + score_pool2(pool2), each x2 a sum of scores, starting "
                             "bilinear (bilinear_upsampling), the logits left as they are")
    assert np.allclose(out, reference, atol=1e-4, rtol=1e-3), (
        "hint: compare your model, layer by layer, with FCN-8s (models.build_fcn) plus the pool2 skip")
    return out.shape
