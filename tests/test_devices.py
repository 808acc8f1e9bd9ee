"""fcnlab.devices: the precision policy and the strategy for this machine, and out-of-memory advice."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from fcnlab import devices, profile


def test_this_cpu_gets_float32_and_one_strategy_for_the_whole_process():
    import tensorflow as tf

    assert devices.mixed_precision_policy() == "float32"  # no GPU here
    first = devices.strategy()
    assert first.num_replicas_in_sync == 1 and isinstance(first, type(tf.distribute.get_strategy()))
    assert devices.strategy() is first, "created once per process"


def test_the_bfloat16_policy_trains_on_the_cpu_with_float32_logits():
    """The full profile's mixed-precision path (bfloat16, as on an A100 / H100), run here on the CPU."""
    import keras

    from fcnlab import data, training

    mixed = dataclasses.replace(profile.get("fast"), mixed_precision=True, head_channels=16, epochs=2,
                                validation_images=2)
    lesson = data.load_lesson_data(n_train=6, n_test=1, size=64)
    try:
        assert devices.use_precision(mixed, "mixed_bfloat16") == "mixed_bfloat16"
        model = training.build_model("fcn8s", mixed, 2)
        assert model.get_layer("score_fr").compute_dtype == "bfloat16"
        assert model.get_layer("score_fr").kernel.dtype == "float32", "weights stay float32"
        split = training.splits(lesson, mixed)
        fitted, train_ds, val_ds = training.stage_datasets(model, split, mixed)
        training.compile_fcn(fitted, mixed, steps_per_epoch=2, epochs=2)
        history = fitted.fit(train_ds, validation_data=val_ds, epochs=2, verbose=0)
        assert np.isfinite(history.history["loss"]).all()
        logits = model(lesson.test_images, training=False)
        assert logits.dtype == "float32", "the logits layer keeps the loss in float32"
    finally:
        keras.config.set_dtype_policy("float32")
    assert devices.use_precision(profile.get("fast")) == "float32"


def test_out_of_memory_becomes_advice():
    import tensorflow as tf

    fast = profile.get("fast")
    with pytest.raises(devices.GPUOutOfMemoryError, match=r"batch size 2\. Try a smaller batch: .*batch_size=1"):
        with devices.out_of_memory_advice(fast):
            raise tf.errors.ResourceExhaustedError(None, None, "OOM when allocating tensor")
    with devices.out_of_memory_advice(fast):  # other errors and normal code pass through untouched
        pass
    with pytest.raises(KeyError), devices.out_of_memory_advice(fast):
        raise KeyError("x")
