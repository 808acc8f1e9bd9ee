"""fcnlab.features: the decoder on cached encoder features computes exactly what the full FCN computes."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from fcnlab import data, features, models, profile, training

NARROW = dict(weights=None, width=0.125, head_channels=16, dropout=0.0, freeze_backbone=True)
STEPS_PROFILE = dataclasses.replace(profile.get("fast"), learning_rate=1e-2, augment=False)


@pytest.fixture(scope="module")
def small():
    return data.load_lesson_data(n_train=8, n_test=2, size=64)


def _build(variant, seed=0, **kwargs):
    import keras

    keras.utils.set_random_seed(seed)
    return models.build_fcn(variant, **{**NARROW, **kwargs})


@pytest.mark.parametrize("freeze_fc", [False, True])
@pytest.mark.parametrize("variant", models.VARIANTS)
def test_decoder_on_cached_features_equals_the_model(small, variant, freeze_fc):
    model = _build(variant, batch_norm=True, freeze_fc=freeze_fc)
    encoder, decoder = features.split_fcn(model)
    # 50 x 60 is not a multiple of 32: the pad / crop round trip must come out at the input size
    images = small.train_images[:, :50, :60]
    pools = features.cache_features(encoder, images, batch_size=3)
    used = features.USED_FEATURES[variant]
    assert [p.shape[1:3] for p in pools] == [(8, 8), (4, 4), (2, 2)][-used:]  # of the padded 64 x 64 image
    assert all(p.dtype == np.float32 for p in pools)
    expected = model.predict(images, verbose=0)
    empty = features.size_reference(*images.shape[:3])
    assert empty.nbytes == 0
    np.testing.assert_allclose(decoder.predict([empty, *pools], verbose=0), expected, atol=1e-5)
    # the images themselves work as the size reference too
    np.testing.assert_allclose(decoder.predict([images, *pools], verbose=0), expected, atol=1e-5)

    # the same layer objects: the decoder is the model's head, not a copy
    # a frozen fc6 behind the frozen encoder is cut off too: its output is cached instead of pool5
    deepest = "fc6_output" if freeze_fc else "pool5"
    assert [x.name for x in decoder.inputs] == ["size_reference", *features.FEATURE_NAMES[-used:-1], deepest]
    assert pools[-1].shape[-1] == (16 if freeze_fc else 64)  # fc6's channels (head_channels), or pool5's
    assert ("fc6" in {layer.name for layer in encoder.layers}) == freeze_fc
    assert not any(layer is model.get_layer("fc6") for layer in decoder.layers) == freeze_fc
    for layer in decoder.layers:
        if layer.weights:
            assert model.get_layer(layer.name) is layer
    assert encoder.get_layer("backbone") is model.get_layer("backbone")
    assert "backbone" not in [layer.name for layer in decoder.layers]


def test_float16_storage_is_close(small):
    encoder, _ = features.split_fcn(_build("fcn8s"))
    exact = features.cache_features(encoder, small.train_images)
    half = features.cache_features(encoder, small.train_images, dtype="float16")
    for e, h in zip(exact, half, strict=True):
        assert h.dtype == np.float16
        np.testing.assert_allclose(h.astype(np.float32), e, rtol=2e-3, atol=2e-3 * np.abs(e).max())


@pytest.mark.parametrize(("variant", "freeze_fc"), [("fcn8s", True)])  # the full profile's first stage
def test_training_the_decoder_on_cached_features_is_training_the_model(small, variant, freeze_fc):
    """Same batches, same losses, same head weights: caching changes the cost, not the computation.

    (The one cached == uncached test; the forward equality of every variant and cut is tested above.)"""
    batch, epochs = 2, 2
    steps = int(np.ceil(len(small.train_images) / batch))
    full = _build(variant, freeze_fc=freeze_fc)
    twin = _build(variant, freeze_fc=freeze_fc)  # the same seed: identical initial weights
    fc6_before = full.get_layer("fc6").get_weights()[0]
    for a, b in zip(full.get_weights(), twin.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    encoder, decoder = features.split_fcn(twin)
    pools = features.cache_features(encoder, small.train_images)
    training.compile_fcn(full, STEPS_PROFILE, steps_per_epoch=steps, epochs=epochs)
    training.compile_fcn(decoder, STEPS_PROFILE, steps_per_epoch=steps, epochs=epochs)

    image_ds = data.make_tf_dataset(small.train_images, small.train_labels, batch, shuffle=True,
                                    augment=False, seed=3)
    feature_ds = features.make_feature_dataset(pools, small.train_labels, batch, shuffle=True, seed=3)
    full_losses, cached_losses = [], []
    for _ in range(epochs):  # each pass over a dataset is a reshuffled epoch
        for (x, y), (f, y_cached) in zip(image_ds, feature_ds, strict=True):
            np.testing.assert_array_equal(y.numpy(), y_cached.numpy())  # the same examples, in order
            full_losses.append(float(full.train_on_batch(x, y, return_dict=True)["loss"]))
            cached_losses.append(float(decoder.train_on_batch(f, y_cached, return_dict=True)["loss"]))
    assert len(full_losses) == epochs * steps
    np.testing.assert_allclose(cached_losses, full_losses, atol=1e-4)
    assert full_losses[-1] < full_losses[0]  # it did train

    # the head weights (all of the model's weights, the frozen encoder included) are the same afterwards
    for a, b in zip(full.get_weights(), twin.get_weights(), strict=True):
        np.testing.assert_allclose(b, a, atol=1e-5, rtol=1e-4)
    # a frozen fc6 stays as it was
    assert np.array_equal(full.get_layer("fc6").get_weights()[0], fc6_before) == freeze_fc
    # and the twin model, trained only through its decoder, predicts what the fully trained model predicts
    np.testing.assert_allclose(twin.predict(small.test_images, verbose=0),
                               full.predict(small.test_images, verbose=0), atol=1e-4)


def test_a_trainable_encoder_warns(small):
    encoder, _ = features.split_fcn(_build("fcn32s", freeze_backbone=False))
    with pytest.warns(UserWarning, match="frozen encoder"):
        features.cache_features(encoder, small.train_images[:2])


BAD_INPUTS = [  # (what is wrong, the call, the part of the message that names it)
    ("four feature arrays", lambda enc, pools, y: features.make_feature_dataset(pools + pools[:1], y, 2,
                                                                                 shuffle=False),
     "expected 1 to 3 arrays"),
    ("features in the wrong order", lambda enc, pools, y: features.make_feature_dataset(pools[::-1], y, 2,
                                                                                         shuffle=False),
     "not twice the next feature"),
    ("pool4 for fewer images", lambda enc, pools, y: features.make_feature_dataset(
        (pools[0], pools[1][:3], pools[2]), y, 2, shuffle=False), "pool4 has shape"),
    ("batch size 0", lambda enc, pools, y: features.make_feature_dataset(pools, y, 0, shuffle=False),
     "batch_size"),
    ("integer storage", lambda enc, pools, y: features.cache_features(enc, np.zeros((1, 64, 64, 3)),
                                                                      dtype="int8"), "dtype"),
]


@pytest.mark.parametrize(("call", "message"), [case[1:] for case in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS])
def test_bad_inputs_are_rejected(small, call, message):
    encoder, _ = features.split_fcn(_build("fcn8s"))
    pools = features.cache_features(encoder, small.train_images)
    with pytest.raises(ValueError, match=message):
        call(encoder, pools, small.train_labels)


def test_split_fcn_rejects_a_model_that_is_no_fcn():
    import keras

    with pytest.raises(ValueError, match="not an FCN built by fcnlab.models.build_fcn"):
        features.split_fcn(keras.Sequential([keras.Input((8, 8, 3)), keras.layers.Conv2D(2, 1)]))
