"""The machine a lesson trains on: its mixed-precision policy, its ``tf.distribute`` strategy, and advice when
its memory runs out (one job: adapt training to the hardware).

- :func:`mixed_precision_policy` picks ``mixed_bfloat16`` on GPUs with bfloat16 tensor cores (compute capability
  >= 8: A100, L4, H100), ``mixed_float16`` on older tensor-core GPUs (>= 7: V100, T4) and ``float32`` elsewhere.
- :func:`strategy` is the one strategy every training path uses (lesson 4's cell, ``train_fcn``,
  ``fine_tune``): ``MirroredStrategy`` on several GPUs, else the default strategy (one device). It is created once
  per process, so every model of a run lives under the same strategy.
- TPUs are not supported: the code has never run on one. On a Colab TPU runtime TensorFlow sees no GPU, so the
  lessons pick the fast profile and run on the runtime's CPU.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager


def gpu_names() -> list[str]:
    """The GPUs TensorFlow sees (an empty list on a CPU)."""
    import tensorflow as tf

    return [gpu.name for gpu in tf.config.list_physical_devices("GPU")]


def mixed_precision_policy() -> str:
    """The Keras dtype policy for this machine's accelerator (see the module doc).

    The FCN's ``logits`` layer is float32 under every policy, so the loss and the softmax stay in full precision.
    """
    import tensorflow as tf

    gpus = tf.config.list_physical_devices("GPU")
    if not gpus:
        return "float32"
    major, _ = tf.config.experimental.get_device_details(gpus[0]).get("compute_capability", (0, 0))
    return "mixed_bfloat16" if major >= 8 else "mixed_float16" if major >= 7 else "float32"


def use_precision(profile, policy: str | None = None) -> str:
    """Set Keras' global dtype policy for ``profile`` and return its name.

    ``profile.mixed_precision`` on: ``policy`` (default :func:`mixed_precision_policy`); off: ``float32``.
    Models built afterwards compute in that policy.
    """
    import keras

    name = (policy or mixed_precision_policy()) if profile.mixed_precision else "float32"
    keras.config.set_dtype_policy(name)
    return name


@functools.cache
def strategy():
    """The ``tf.distribute`` strategy of this process: ``MirroredStrategy`` on several GPUs, else the default.

    Each replica gets a slice of every batch and the gradients are summed across replicas, so a profile's
    ``batch_size`` is the global batch. Build and compile models inside ``strategy().scope()``.
    """
    import tensorflow as tf

    if len(tf.config.list_logical_devices("GPU")) > 1:
        return tf.distribute.MirroredStrategy()
    return tf.distribute.get_strategy()


class GPUOutOfMemoryError(RuntimeError):
    """Training ran out of accelerator memory; the message says what to change."""


@contextmanager
def out_of_memory_advice(profile):
    """Turn TensorFlow's out-of-memory error into advice a student can act on."""
    import tensorflow as tf

    try:
        yield
    except tf.errors.ResourceExhaustedError as err:
        smaller = max(1, profile.batch_size // 2)
        raise GPUOutOfMemoryError(
            f"The GPU ran out of memory while training with batch size {profile.batch_size}. Try a smaller "
            f"batch: PROFILE = dataclasses.replace(PROFILE, batch_size={smaller}), then run the training cell "
            "again (Runtime -> Restart session first frees the memory). Mixed precision (the full profile's "
            "default) also halves the activations' memory.") from err
