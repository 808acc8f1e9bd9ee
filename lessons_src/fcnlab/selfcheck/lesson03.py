"""The checks of lesson 3's exercises (notebooks/03_fcn_architecture.ipynb).

Each ``check_*`` function recomputes the truth from the models themselves and raises an ``AssertionError``
whose hint names the mistake it recognises (without stating a predicted number).
"""

from __future__ import annotations

import keras
import numpy as np

from fcnlab import models

__all__ = ["receptive_fields", "check_score_fields", "check_fcn4s"]


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


def check_score_fields(rf_score_pool4, rf_score_fr, net) -> dict[str, int]:
    """Compare the two predicted receptive fields with the recurrence applied to ``net``'s layers."""
    fields = receptive_fields(net)
    pool4, fr = fields["score_pool4"], fields["score_fr"]
    assert (rf_score_pool4, rf_score_fr) != (fr, pool4), "hint: the two are swapped"
    assert rf_score_pool4 not in (16, 32), "hint: a receptive field, not a stride"
    assert rf_score_pool4 == pool4, "hint: score_pool4 is a 1x1 conv on pool4: what does it add?"
    pool5 = fr - 6 * 32
    known = {pool5: "pool5's field: fc6, a 7x7 kernel, comes on top",
             pool5 + 6: "fc6's kernel steps over pool5 units, not pixels",
             pool5 + 7 * 32: "a k-wide kernel adds k - 1 steps, not k",
             224: "a receptive field can be larger than the image",
             pool5 + 6 * 16: "fc6 sits on pool5's grid, not pool4's"}
    assert rf_score_fr == fr, f"hint: {known.get(rf_score_fr, 'fc6 is a 7x7 conv on the stride-32 grid')}"
    return fields


_SKIPS = ("score_pool4", "score_pool3", "score_pool2")
_NAMES = ("fc6", "score_fr", *_SKIPS, "fuse_pool2", "upscore4", "crop")


def _decoder(score_fr, skips, num_classes, hw, use=(True, True, True, True)):
    """What an FCN-4s computes from its score maps: x2, +pool4, x2, +pool3, x2, +pool2, x4 (bilinear), crop.

    ``use`` switches the deep path and each skip on or off (to recognise a model that drops one).
    """
    score = score_fr * use[0]
    for skip, on in zip(skips, use[1:], strict=True):
        score = np.asarray(models.bilinear_upsampling(2, num_classes)(score)) + skip * on
    up = np.asarray(models.bilinear_upsampling(4, num_classes, trainable=False)(score))
    return up[:, :hw[0], :hw[1]]


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
    assert not model.get_layer("score_pool2").get_weights()[0].any(), "hint: how does a skip start?"
    learned = [lay for lay in model.layers
               if isinstance(lay, keras.layers.Conv2DTranspose) and lay.trainable]
    assert len(learned) == 3, "hint: each x2 upsampling is learned (it starts bilinear)"
    saved = model.get_weights()
    try:  # give the skips weights, so that each one shows in the output
        for name in _SKIPS:
            layer = model.get_layer(name)
            layer.set_weights([rng.normal(0, 0.1, w.shape).astype(w.dtype) for w in layer.get_weights()])
        probe = keras.Model(model.inputs, [model.get_layer(n).output for n in ("score_fr", *_SKIPS)]
                            + [model.outputs[0]])
        score_fr, *skips, out = (np.asarray(t) for t in probe(image))
        fc6 = model.get_layer("fc6")
        fc6.set_weights([2 * w + 1 for w in fc6.get_weights()])
        moved = not np.allclose(np.asarray(probe(image)[0]), score_fr)
    finally:
        model.set_weights(saved)
    assert moved, "hint: score_fr should be computed from fc6 (and fc7) on pool5"
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
    return out.shape
