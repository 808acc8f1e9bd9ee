"""fcnlab.devices: the precision policy and the strategy for this machine (every training path uses it), and
out-of-memory advice."""

from __future__ import annotations

import dataclasses
import json

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


STRATEGY_SCRIPT = """
import json
import tensorflow as tf

cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
import dataclasses
import keras
from fcnlab import data, devices, profile, training

mirrored = tf.distribute.MirroredStrategy([d.name for d in tf.config.list_logical_devices("CPU")])
devices.strategy = lambda: mirrored  # what devices.strategy() returns on a machine with two GPUs
lesson = data.load_lesson_data(n_train=12, n_test=2, size=64)
tiny = dataclasses.replace(profile.get("fast"), epochs=1, head_channels=16, validation_images=4, batch_size=4,
                           fine_tune_epochs=1, freeze_backbone=True, cache_features=True)
run = training.train_fcn("fcn32s", lesson, tiny, save=False)
optimizer_vars = run.model.optimizer.variables
print(json.dumps({"model": run.model.distribute_strategy is mirrored,
                  "optimizer": all(isinstance(v.value, tf.distribute.DistributedValues) for v in optimizer_vars[1:]),
                  "loss": run.history["loss"]}))
"""


def test_every_training_path_uses_the_one_strategy():
    """train_fcn (its cached stage) and fine_tune build and train under devices.strategy(): here a
    MirroredStrategy over two logical CPUs, as on a machine with two GPUs."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""}
    result = subprocess.run([sys.executable, "-c", STRATEGY_SCRIPT], env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["model"], "the model was not built under the strategy"
    assert out["optimizer"], "fine-tuning's optimiser variables are not mirrored"
    assert len(out["loss"]) == 2 and all(np.isfinite(out["loss"]))
