"""build_fcn is the paper's FCN-32s / 16s / 8s wiring, layer by layer, as lesson 3 describes it.

The lesson builds FCN-32s, 16s and 8s inline and keeps one student-facing check (same layers, same weights, same
logits as ``fcnlab.models.build_fcn``). Here every layer's configuration, the shape traces and the trainable
counts are compared against a reference wiring written from the paper, so that a change to ``build_fcn`` that the
lesson's prose would no longer describe fails a test. Also: the first training stage of the full profile (frozen encoder and fc6 / fc7) leaves only the score layers and the
learned x2 upsamplings trainable, and the parameter comparison the lesson states (FCN-32s has more parameters
than FCN-8s because of upscore32's 64x64 kernel).
"""

from __future__ import annotations

import keras
import numpy as np
import pytest
from keras import layers

from fcnlab import models
from fcnlab.models import CropToReference, PadToMultiple, bilinear_upsampling

WIDTH, HEAD, NUM_CLASSES = 0.125, 16, 2


def _paper_fcn(variant: str) -> keras.Model:
    """FCN-32s / 16s / 8s wired as in Long et al. (and as lesson 3 writes them), on fcnlab's narrow encoder."""
    image = keras.Input(shape=(None, None, 3), name="image")
    padded = PadToMultiple(32, name="pad")(image)
    pool3, pool4, pool5 = models.build_backbone(width=WIDTH, weights=None)(padded)
    x = layers.Conv2D(HEAD, 7, padding="same", activation="relu", kernel_initializer="he_normal",
                      name="fc6")(pool5)
    x = layers.Dropout(0.5, name="drop6")(x)
    x = layers.Conv2D(HEAD, 1, activation="relu", kernel_initializer="he_normal", name="fc7")(x)
    x = layers.Dropout(0.5, name="drop7")(x)
    score = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)
    if variant == "fcn32s":
        up = bilinear_upsampling(32, NUM_CLASSES, trainable=False, name="upscore32")(score)
    else:
        score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score)
        skip = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool4")(pool4)
        score = layers.Add(name="fuse_pool4")([score, skip])
        if variant == "fcn16s":
            up = bilinear_upsampling(16, NUM_CLASSES, trainable=False, name="upscore16")(score)
        else:
            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool4")(score)
            skip = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool3")(pool3)
            score = layers.Add(name="fuse_pool3")([score, skip])
            up = bilinear_upsampling(8, NUM_CLASSES, trainable=False, name="upscore8")(score)
    up = CropToReference(name="crop")([up, image])
    logits = layers.Activation("linear", dtype="float32", name="logits")(up)
    return keras.Model(image, logits, name=variant)


def _n_trainable(model: keras.Model) -> int:
    return sum(int(np.prod(w.shape)) for w in model.trainable_weights)


@pytest.mark.parametrize("variant", models.VARIANTS)
def test_build_fcn_is_the_papers_wiring(variant):
    keras.utils.set_random_seed(0)
    ours = _paper_fcn(variant)
    ref = models.build_fcn(variant, width=WIDTH, weights=None, head_channels=HEAD, freeze_backbone=False)
    assert models.shape_trace(ours, (97, 131, 3)) == models.shape_trace(ref, (97, 131, 3))
    assert [type(layer) for layer in ours.layers] == [type(layer) for layer in ref.layers]
    for mine, theirs in zip(ours.layers, ref.layers, strict=True):
        if mine.name != "backbone":  # the nested encoder is build_backbone's in both
            assert mine.get_config() == theirs.get_config(), f"{variant}: layer {mine.name} differs"
    assert ours.count_params() == ref.count_params()
    assert _n_trainable(ours) == _n_trainable(ref)
    ref.set_weights(ours.get_weights())  # same shapes in the same order, or this raises
    x = np.random.default_rng(0).random((2, 97, 131, 3), dtype=np.float32)
    np.testing.assert_allclose(keras.ops.convert_to_numpy(ours(x)), keras.ops.convert_to_numpy(ref(x)),
                               rtol=1e-5, atol=1e-5)


def test_first_stage_of_the_full_profile_trains_only_score_layers_and_x2_upsamplings():
    model = models.build_fcn("fcn8s", width=WIDTH, weights=None, head_channels=HEAD, freeze_fc=True)
    trained = {v.path.split("/")[0] for v in model.trainable_weights}
    learned = {"score_fr", "upscore2", "score_pool4", "upscore_pool4", "score_pool3"}
    assert trained == learned
    assert _n_trainable(model) == sum(model.get_layer(name).count_params() for name in learned)


def test_fcn32s_has_more_parameters_than_fcn8s_because_of_upscore32():
    sizes = {v: models.build_fcn(v, width=WIDTH, weights=None, head_channels=HEAD) for v in ("fcn32s", "fcn8s")}
    fcn32s, fcn8s = sizes["fcn32s"], sizes["fcn8s"]
    upscore32 = fcn32s.get_layer("upscore32").count_params()
    assert upscore32 == 64 * 64 * NUM_CLASSES * NUM_CLASSES
    fcn8s_extra = sum(fcn8s.get_layer(name).count_params()
                      for name in ("upscore2", "score_pool4", "upscore_pool4", "score_pool3", "upscore8"))
    assert fcn8s.get_layer("upscore8").count_params() == 16 * 16 * NUM_CLASSES * NUM_CLASSES
    assert fcn32s.count_params() - fcn8s.count_params() == upscore32 - fcn8s_extra > 0
    # the difference is all in the fixed final upsampling: FCN-8s learns more
    assert _n_trainable(fcn8s) > _n_trainable(fcn32s)
