"""``python -m tools.bench``: how fast does this machine train FCNs, and what does feature caching save?

One job: measure, and print what it measured (the README and ``build/results.json`` quote the numbers; none
is written down here). Everything is measured in one process, side by side, so the numbers can be compared
with each other:

* ``matmul_gflops``: the float32 matrix-multiply rate, the practical ceiling for convolutions here;
* the training throughput (images / s) of the *fast* profile's FCN-8s and of the full-width VGG16 FCN-8s
  with a frozen encoder (``vgg16_fcn8s``: as the full profile's first stage trains it, fc6 / fc7 frozen too;
  ``vgg16_fcn8s_trainable_fc``: fc6 / fc7 trained), their FLOPs per image counted from the layers, and the
  fraction of the matmul rate that this throughput achieves;
* ``cache_speedup``: training the VGG16 FCN-8s decoder on cached features (:mod:`fcnlab.features`) against
  recomputing the frozen part at every step, with the same losses, for the full profile's first stage
  (frozen encoder and frozen fc6 / fc7: the cache holds pool3, pool4 and fc6) and, as
  ``cache_speedup_trainable_fc``, for a trainable fc6 / fc7 (the cache holds pool3, pool4 and pool5);
* ``fast_seconds_to_miou_0_90``: wall seconds for the fast profile to reach a test mean IoU of 0.90
  (skip with ``--skip-train``);
* ``gpu``: on a GPU, the VGG16 FCN-8s in float32, mixed precision and with XLA, against the card's peak.

Human-readable lines come first; the **last line** of the output is one JSON object with all the numbers.
``--quick`` shrinks every measurement (64 x 64 images, a few steps) to a smoke test of the whole script.

Timing conventions: every measurement warms up first (the first steps trace and compile the train step);
a train step is timed from the call until its loss is back on the host (``train_on_batch`` returns numpy
values, so the step has really finished, on a GPU too). Models use random weights (``weights=None``): speed
does not depend on the values, and nothing is downloaded.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import sys
import time

import keras
import numpy as np
import tensorflow as tf

from fcnlab import data as fdata
from fcnlab import devices, evaluation, features, metrics, training
from fcnlab import profile as fprofile
from fcnlab.models import build_fcn, layer_flops

TARGET_MIOU = 0.90

#: Peak dense throughput in TFLOP/s of some GPUs: (fp16/bf16 tensor cores, fp32, tf32 tensor cores), keyed
#: by a substring of the device name. H100 is the SXM card (the PCIe card is ~25 % slower); H200 has the
#: H100 SXM's compute. T4 has no TF32.
GPU_PEAK_TFLOPS = {
    "T4": {"fp16": 65.0, "fp32": 8.1, "tf32": None},
    "A100": {"fp16": 312.0, "fp32": 19.5, "tf32": 156.0},
    "H100": {"fp16": 989.0, "fp32": 67.0, "tf32": 495.0},
    "H200": {"fp16": 989.0, "fp32": 67.0, "tf32": 495.0},
}


@dataclasses.dataclass(frozen=True)
class Settings:
    """How big each measurement is."""

    size: int = 224            # images are size x size (the fast profile's model trains at its own batch size)
    matmul_n: int = 2048
    matmul_reps: int = 10      # back-to-back multiplies per trial (best of 3 trials)
    fast_warmup: int = 3
    fast_steps: int = 20
    vgg_batch: int = 4
    vgg_head_channels: int = 4096  # fc6 / fc7 of the VGG16 FCN (4096 as in the paper; the smoke run uses less)
    vgg_warmup: int = 2
    vgg_steps: int = 6
    cache_images: int = 48     # images in one epoch of the caching comparison
    cache_batch: int | None = None  # its batch size; None: the full profile's (16), which stage 1 trains with
    cache_timed_epochs: int = 3
    gpu_batch: int = 16
    gpu_warmup: int = 3
    gpu_steps: int = 20
    train_n_train: int | None = None   # None: the full lesson data
    train_size: int = 224
    train_epochs: int | None = None    # None: the fast profile's epochs


FULL = Settings()
QUICK = Settings(size=64, matmul_reps=3, fast_warmup=2, fast_steps=3, vgg_batch=2, vgg_head_channels=256,
                 vgg_warmup=1, vgg_steps=2,
                 cache_images=8, cache_batch=2, gpu_batch=4, gpu_warmup=1, gpu_steps=3, train_n_train=28, train_size=64,
                 train_epochs=2)
#: On a GPU the full run uses bigger batches: a batch of 4 would measure launch overheads.
FULL_GPU = dataclasses.replace(FULL, fast_steps=50, vgg_batch=16, vgg_steps=20, cache_images=128)


def say(*args):
    print(*args, flush=True)


# --------------------------------------------------------------------------------------------------
# The machine
# --------------------------------------------------------------------------------------------------
def machine_info() -> dict:
    """CPU count (and how many this process may use), platform, Python / TensorFlow / Keras versions, load."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count()
    return {
        "cpu_count": os.cpu_count(),
        "cpus_usable": usable,
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "load_average_start": _load_average(),
    }


def _load_average():
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def measure_matmul_gflops(n: int, reps: int, trials: int = 3) -> float:
    """The float32 matrix-multiply rate in GFLOP/s: ``tf.linalg.matmul`` of two ``n x n`` matrices.

    Two warm-up multiplies, then ``trials`` runs of ``reps`` back-to-back multiplies, each timed until
    the last result is on the host (pulling one element of the result waits for all queued work); the
    best trial counts. One multiply is ``2 n^3`` FLOPs. On Ampere and newer GPUs TensorFlow runs float32
    matmuls on TF32 tensor cores by default (see ``gpu.tf32_enabled``).
    """
    rng = np.random.default_rng(0)
    a = tf.constant(rng.standard_normal((n, n), dtype=np.float32))
    b = tf.constant(rng.standard_normal((n, n), dtype=np.float32))
    for _ in range(2):
        float(tf.linalg.matmul(a, b)[0, 0])
    best = float("inf")
    for _ in range(trials):
        start = time.perf_counter()
        for _ in range(reps):
            c = tf.linalg.matmul(a, b)
        float(c[0, 0])
        best = min(best, time.perf_counter() - start)
    return 2 * n**3 * reps / best / 1e9


# --------------------------------------------------------------------------------------------------
# FLOPs, counted from the layers
# --------------------------------------------------------------------------------------------------
#: Training FLOPs per forward FLOP, by the layer's role (see :func:`training_flops`).
TRAIN_FACTOR = {"trainable": 3, "frozen": 2, "frozen_encoder": 1}


def training_flops(rows) -> int:
    """Training FLOPs per image from :func:`fcnlab.models.layer_flops` rows: the usual "3x forward" rule, by role.

    A trainable layer costs its forward pass, the gradient w.r.t. its input (as much again) and the
    gradient w.r.t. its weights (as much again): 3x. A frozen layer that gradients pass through (the
    fixed final upsampling) needs the forward pass and the input gradient: 2x. A frozen layer in front of
    every trainable one (the frozen encoder, a frozen fc6 / fc7) only runs forward: 1x. (The first layer of a trainable encoder needs no input
    gradient, a small overcount.)
    """
    return int(sum(TRAIN_FACTOR[row["role"]] * row["flops"] for row in rows))


def flops_summary(model, size: int) -> dict:

    rows = layer_flops(model, (size, size, 3))
    return {"forward": int(sum(r["flops"] for r in rows)), "train": training_flops(rows)}


# --------------------------------------------------------------------------------------------------
# Training throughput
# --------------------------------------------------------------------------------------------------
def _batches(images, labels, batch_size):
    """An endless iterator of ``(images, one-hot float32 labels)`` batches, cycling through the data."""
    ds = tf.data.Dataset.from_tensor_slices((images, labels.astype(np.float32)))
    return iter(ds.repeat().batch(batch_size, drop_remainder=True).prefetch(tf.data.AUTOTUNE))


def _train_steps(model, batches, steps):
    """Run ``steps`` train steps on batches from ``batches``; ``(losses, wall seconds)``.

    ``train_on_batch`` returns numpy values, so each step has finished (on any device) when it returns.
    """
    losses = []
    start = time.perf_counter()
    for _ in range(steps):
        x, y = next(batches)
        losses.append(float(model.train_on_batch(x, y, return_dict=True)["loss"]))
    return losses, time.perf_counter() - start


def measure_train_img_per_s(model, images, labels, *, batch_size, warmup, steps) -> float:
    """Training images per second of a compiled ``model``: ``steps`` timed steps after ``warmup`` steps.

    The batches cycle through ``images`` (already in memory, prefetched), so this is the model's speed,
    not the input pipeline's. The warm-up steps trace the train step and are not timed.
    """
    batches = _batches(images, labels, batch_size)
    _train_steps(model, batches, warmup)
    _, seconds = _train_steps(model, batches, steps)
    return steps * batch_size / seconds


def _compile(model, profile, *, steps, epochs=1, jit_compile=None):
    """:func:`fcnlab.training.compile_fcn` (Adam, cross-entropy on logits, mIoU), optionally forcing XLA on/off.

    Keras 3 turns XLA on by default on a GPU (``jit_compile="auto"``) and off on a CPU.
    """
    training.compile_fcn(model, profile, steps_per_epoch=steps, epochs=epochs)
    if jit_compile is not None:
        model.jit_compile = jit_compile
    return model


# --------------------------------------------------------------------------------------------------
# Feature caching
# --------------------------------------------------------------------------------------------------
def measure_cache_speedup(model, profile, images, labels, *, batch_size, timed_epochs=2) -> dict:
    """An epoch of decoder training on cached features against one with the frozen encoder recomputed.

    ``model`` is an FCN with a frozen encoder (and maybe a frozen fc6 / fc7: the cache then holds fc6's output
    instead of pool5, see :func:`fcnlab.features.split_fcn`) and no dropout (dropout would draw different masks in the
    two runs). Both runs start from the same weights and a fresh optimiser and see the same batches in
    the same order (:func:`fcnlab.data.make_tf_dataset` / :func:`fcnlab.features.make_feature_dataset`
    with one seed, no augmentation) for ``1 + timed_epochs`` epochs: the first warms up (traces the train
    step), the others are timed, each including its input pipeline, and the fastest counts (the least
    disturbed by other work on the machine; all are listed, and ``ratio_median`` uses the median epochs, which
    shows an occasional slow epoch that the minimum leaves out). The per-step losses of all steps are compared.

    * recompute: ``model.train_on_batch`` on image batches: the encoder runs forward at every step;
    * cached: :func:`fcnlab.features.cache_features` once (``cache_build_seconds``, reported separately,
      tracing included), then ``decoder.train_on_batch`` on feature batches.
    """
    steps = int(np.ceil(len(images) / batch_size))
    initial = model.get_weights()

    epochs = 1 + timed_epochs

    def run(trainee, dataset):
        losses, seconds = [], []
        for _ in range(epochs):  # each pass over the dataset is a (reshuffled) epoch
            start = time.perf_counter()
            losses += [float(trainee.train_on_batch(x, y, return_dict=True)["loss"]) for x, y in dataset]
            seconds.append(time.perf_counter() - start)
        return losses, seconds[1:]

    _compile(model, profile, steps=steps, epochs=epochs)
    image_ds = fdata.make_tf_dataset(images, labels, batch_size, shuffle=True, augment=False, seed=0)
    recompute_losses, recompute_epochs = run(model, image_ds)

    model.set_weights(initial)
    start = time.perf_counter()
    encoder, decoder = features.split_fcn(model)
    pools = features.cache_features(encoder, images)
    cache_seconds = time.perf_counter() - start
    _compile(decoder, profile, steps=steps, epochs=epochs)
    feature_ds = features.make_feature_dataset(pools, labels, batch_size, shuffle=True, seed=0)
    cached_losses, cached_epochs = run(decoder, feature_ds)
    recompute_seconds, cached_seconds = min(recompute_epochs), min(cached_epochs)

    saved = recompute_seconds - cached_seconds
    rows = layer_flops(model, images.shape[1:])

    # the layers that still run at every step
    in_decoder = {layer.name for layer in decoder.layers if not isinstance(layer, keras.layers.InputLayer)}
    decoder_rows = [row for row in rows if row["layer"] in in_decoder]
    return {
        "images": len(images),
        "batch_size": batch_size,
        "features": [t.name for t in decoder.inputs[1:]],
        "seconds_per_epoch_recompute": recompute_seconds,
        "seconds_per_epoch_cached": cached_seconds,
        "ratio": recompute_seconds / cached_seconds,
        # the same from the median epochs: lower when something else on the machine disturbed some epochs
        "ratio_median": float(np.median(recompute_epochs) / np.median(cached_epochs)),
        "max_loss_diff": float(np.max(np.abs(np.subtract(recompute_losses, cached_losses)))),
        "steps_compared": len(recompute_losses),
        "timed_epochs_recompute": recompute_epochs,
        "timed_epochs_cached": cached_epochs,
        "cache_build_seconds": cache_seconds,
        "cache_megabytes": sum(p.nbytes for p in pools) / 2**20,
        "epochs_to_break_even": cache_seconds / saved if saved > 0 else None,
        # what the ratio would be if time followed the training FLOPs (it ignores the optimiser update,
        # which touches every trainable head weight at every step)
        "ratio_expected_from_flops": training_flops(rows) / training_flops(decoder_rows),
    }


# --------------------------------------------------------------------------------------------------
# Time to a target mIoU
# --------------------------------------------------------------------------------------------------
def measure_seconds_to_miou(lesson_data, profile, *, target=TARGET_MIOU, epochs=None) -> dict:
    """Wall seconds of :func:`fcnlab.training.train_fcn` (fast profile, FCN-8s) until the test mIoU >= ``target``.

    A callback evaluates the test mean IoU after every epoch and stops training once it reaches the
    target. ``seconds`` counts from the start of ``fit`` (so the first epoch's tracing and the per-epoch
    validation that ``train_fcn`` does are included) to the end of that epoch, *minus* the time of the
    callback's own test evaluations; ``seconds_incl_eval`` includes them. ``None`` if the target is not
    reached within the profile's epochs.
    """


    y_true = lesson_data.test_labels.argmax(-1)

    class StopAtMIoU(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            self.start, self.eval_seconds, self.reached, self.mious = time.perf_counter(), 0.0, None, []

        def on_epoch_end(self, epoch, logs=None):
            before = time.perf_counter()
            y_pred = evaluation.predict_labels(self.model, lesson_data.test_images)
            miou = metrics.mean_iou(y_true, y_pred, lesson_data.num_classes)
            after = time.perf_counter()
            self.mious.append(round(miou, 4))
            if miou >= target and self.reached is None:
                self.reached = {"epoch": epoch + 1, "seconds": before - self.start - self.eval_seconds,
                                "seconds_incl_eval": after - self.start}
                self.model.stop_training = True
            self.eval_seconds += after - before

    stop = StopAtMIoU()
    run = training.train_fcn("fcn8s", lesson_data, profile, epochs=epochs, callbacks=[stop], save=False)
    reached = stop.reached or {}
    return {
        "seconds": reached.get("seconds"),
        "seconds_incl_eval": reached.get("seconds_incl_eval"),
        "epoch": reached.get("epoch"),
        "epochs_run": len(stop.mious),
        "epochs_max": profile.epochs if epochs is None else epochs,
        "test_miou_per_epoch": stop.mious,
        "train_seconds_total": run.train_seconds,
    }


# --------------------------------------------------------------------------------------------------
# GPU
# --------------------------------------------------------------------------------------------------
def gpu_peaks(device_name: str):
    """The :data:`GPU_PEAK_TFLOPS` entry whose key is in ``device_name`` (``None`` if unknown)."""
    for key, peaks in GPU_PEAK_TFLOPS.items():
        if key.lower() in device_name.lower():
            return key, peaks
    return None, None


def measure_gpu(settings, images, labels, profile) -> dict | None:
    """On a GPU: VGG16 FCN-8s training img/s (as ``profile`` trains it) in float32, mixed precision and with XLA.

    Four configurations, each a fresh model compiled with ``jit_compile`` forced on or off: float32,
    mixed precision (the policy :func:`fcnlab.devices.mixed_precision_policy` picks for this card,
    float32 logits and loss), and both again with XLA. Each reports img/s and the percentage of the card's
    peak (:data:`GPU_PEAK_TFLOPS`: the fp16/bf16 tensor-core peak for mixed precision, the fp32 peak, and
    the TF32 peak when TensorFlow's TF32 is on, for float32). ``None`` without a GPU.
    """


    gpus = tf.config.list_physical_devices("GPU")
    if not gpus:
        return None
    details = tf.config.experimental.get_device_details(gpus[0])
    name = details.get("device_name", "unknown GPU")
    key, peaks = gpu_peaks(name)
    tf32 = bool(tf.config.experimental.tensor_float_32_execution_enabled())
    mixed = devices.mixed_precision_policy()
    if mixed == "float32":
        mixed = "mixed_float16"
    result = {"device_name": name, "compute_capability": details.get("compute_capability"),
              "peak_key": key, "peak_tflops": peaks, "tf32_enabled": tf32, "batch_size": settings.gpu_batch,
              "mixed_policy": mixed, "configs": {}}
    flops = None
    for label, policy, xla in (("float32", "float32", False), ("mixed", mixed, False),
                               ("float32_xla", "float32", True), ("mixed_xla", mixed, True)):
        keras.backend.clear_session()
        keras.mixed_precision.set_global_policy(policy)
        try:
            keras.utils.set_random_seed(0)
            model = build_fcn("fcn8s", num_classes=labels.shape[-1], weights=None, freeze_backbone=True,
                              head_channels=profile.head_channels, dropout=profile.dropout,
                              freeze_fc=profile.freeze_fc)
            flops = flops or flops_summary(model, settings.size)
            _compile(model, profile, steps=settings.gpu_warmup + settings.gpu_steps, jit_compile=xla)
            img_s = measure_train_img_per_s(model, images, labels, batch_size=settings.gpu_batch,
                                            warmup=settings.gpu_warmup, steps=settings.gpu_steps)
            entry = {"img_per_s": img_s, "jit_compile": bool(model.jit_compile)}
            achieved = img_s * flops["train"] / 1e12
            entry["train_tflops"] = achieved
            if peaks:
                if policy == "float32":
                    entry["pct_of_fp32_peak"] = 100 * achieved / peaks["fp32"]
                    if tf32 and peaks["tf32"]:
                        entry["pct_of_tf32_peak"] = 100 * achieved / peaks["tf32"]
                else:
                    entry["pct_of_fp16_peak"] = 100 * achieved / peaks["fp16"]
        except Exception as err:  # one configuration failing (e.g. XLA) must not lose the others
            entry = {"error": f"{type(err).__name__}: {err}"[:500]}
        finally:
            keras.mixed_precision.set_global_policy("float32")
        result["configs"][label] = entry
        say(f"  GPU {label:12s} {json.dumps(entry)}")
    result["train_gflop_per_img"] = flops["train"] / 1e9 if flops else None
    return result


# --------------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------------
def run(settings: Settings, *, skip_train: bool) -> dict:


    result = {"quick": settings is QUICK, "image_size": settings.size}
    result["machine"] = machine_info()
    say(f"machine: {json.dumps(result['machine'])}")

    n = max(settings.cache_images, settings.gpu_batch, settings.vgg_batch, fprofile.get("fast").batch_size)
    lesson = fdata.load_lesson_data(n_train=n, n_test=1, size=settings.size)
    images, labels = lesson.train_images, lesson.train_labels

    # 1. the matmul rate
    result["matmul_n"] = settings.matmul_n
    result["matmul_gflops"] = measure_matmul_gflops(settings.matmul_n, settings.matmul_reps)
    say(f"matmul float32 {settings.matmul_n}x{settings.matmul_n}: {result['matmul_gflops']:.1f} GFLOP/s")

    def report(key, model, img_s):
        flops = flops_summary(model, settings.size)
        result[f"{key}_train_img_per_s"] = img_s
        result[f"{key}_forward_gflop_per_img"] = flops["forward"] / 1e9
        result[f"{key}_train_gflop_per_img"] = flops["train"] / 1e9
        result[f"{key}_pct_of_matmul"] = 100 * img_s * flops["train"] / 1e9 / result["matmul_gflops"]
        result[f"{key}_jit_compile"] = bool(model.jit_compile)
        say(f"{key}: {img_s:.2f} img/s at {settings.size}x{settings.size}; forward "
            f"{flops['forward'] / 1e9:.2f} GFLOP/img, training ~{flops['train'] / 1e9:.2f} GFLOP/img -> "
            f"{img_s * flops['train'] / 1e9:.1f} GFLOP/s = {result[f'{key}_pct_of_matmul']:.1f} % of matmul")

    # 2. the fast profile's FCN-8s, trained end to end (narrow encoder with batch norm, head 256)
    fast = fprofile.get("fast")
    keras.utils.set_random_seed(0)
    model = build_fcn("fcn8s", num_classes=lesson.num_classes, weights=fast.weights, width=fast.backbone_width,
                      freeze_backbone=fast.freeze_backbone, batch_norm=fast.batch_norm,
                      head_channels=fast.head_channels, dropout=fast.dropout)
    _compile(model, fast, steps=settings.fast_warmup + settings.fast_steps)
    img_s = measure_train_img_per_s(model, images, labels, batch_size=fast.batch_size,
                                    warmup=settings.fast_warmup, steps=settings.fast_steps)
    report("fast_fcn8s", model, img_s)

    # 3. + 4. the full-width VGG16 FCN-8s with a frozen encoder (random weights, nothing to download; dropout
    # off, see measure_cache_speedup), then feature caching on the same model: first as the full profile's
    # first stage trains it (fc6 / fc7 frozen too), then with fc6 / fc7 trained
    full = dataclasses.replace(fprofile.get("full"), weights=None, fc_weights=None, dropout=0.0,
                               head_channels=settings.vgg_head_channels)
    result["vgg16_fcn8s_head_channels"] = full.head_channels
    for key, freeze_fc in (("vgg16_fcn8s", full.freeze_fc), ("vgg16_fcn8s_trainable_fc", False)):
        keras.backend.clear_session()
        keras.utils.set_random_seed(0)
        model = build_fcn("fcn8s", num_classes=lesson.num_classes, weights=None, freeze_backbone=True,
                          head_channels=full.head_channels, dropout=0.0, freeze_fc=freeze_fc)
        _compile(model, full, steps=settings.vgg_warmup + settings.vgg_steps)
        img_s = measure_train_img_per_s(model, images, labels, batch_size=settings.vgg_batch,
                                        warmup=settings.vgg_warmup, steps=settings.vgg_steps)
        report(key, model, img_s)
        cache = measure_cache_speedup(model, full, images[:settings.cache_images], labels[:settings.cache_images],
                                      batch_size=settings.cache_batch or full.batch_size,
                                      timed_epochs=settings.cache_timed_epochs)
        suffix = key.removeprefix("vgg16_fcn8s")
        result[f"cache_build_seconds{suffix}"] = cache.pop("cache_build_seconds")
        result[f"cache_speedup{suffix}"] = cache
        say(f"cache ({'fc6 / fc7 frozen' if freeze_fc else 'fc6 / fc7 trained'}; cached: "
            f"{', '.join(cache['features'])}): {cache['images']} images, batch {cache['batch_size']}: "
            f"{cache['seconds_per_epoch_recompute']:.2f} s/epoch recomputing, "
            f"{cache['seconds_per_epoch_cached']:.3f} s/epoch on cached features -> x{cache['ratio']:.1f} "
            f"(x{cache['ratio_expected_from_flops']:.1f} expected from the FLOPs); building the cache "
            f"{result[f'cache_build_seconds{suffix}']:.2f} s; max loss difference {cache['max_loss_diff']:.2e} "
            f"over {cache['steps_compared']} steps")
        del model
    keras.backend.clear_session()

    # 5. seconds to a test mIoU of 0.90 with the fast profile
    result["fast_seconds_to_miou_0_90"] = None
    result["fast_epoch_miou_0_90"] = None
    if skip_train:
        say("time to mIoU 0.90: skipped (--skip-train)")
    else:
        if settings.train_n_train is None:
            train_data = fdata.load_lesson_data()
        else:
            train_data = fdata.load_lesson_data(n_train=settings.train_n_train, n_test=4, size=settings.train_size)
        miou = measure_seconds_to_miou(train_data, fast, epochs=settings.train_epochs)
        result["fast_seconds_to_miou_0_90"] = miou["seconds"]
        result["fast_epoch_miou_0_90"] = miou["epoch"]
        result["fast_time_to_miou"] = miou
        if miou["seconds"] is None:
            say(f"time to mIoU 0.90: not reached in {miou['epochs_run']} epochs "
                f"(test mIoU per epoch {miou['test_miou_per_epoch']})")
        else:
            say(f"time to mIoU 0.90: {miou['seconds']:.1f} s of training (epoch {miou['epoch']}; "
                f"{miou['seconds_incl_eval']:.1f} s with the test evaluations)")
        keras.backend.clear_session()

    # 6. the GPU, if any
    result["gpu"] = None
    if tf.config.list_physical_devices("GPU"):
        say("GPU:")
        result["gpu"] = measure_gpu(settings, images, labels, full)
    result["machine"]["load_average_end"] = _load_average()
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small smoke run (64x64 images, a few steps)")
    parser.add_argument("--skip-train", action="store_true", help="skip the time-to-mIoU-0.90 training run")
    parser.add_argument("--out", help="also write the JSON result to this file")
    args = parser.parse_args(argv)

    if args.quick:
        settings = QUICK
    else:
        settings = FULL_GPU if tf.config.list_physical_devices("GPU") else FULL
    start = time.perf_counter()
    result = run(settings, skip_train=args.skip_train)
    result["bench_seconds"] = time.perf_counter() - start
    line = json.dumps(result, sort_keys=True)
    if args.out:
        with open(args.out, "w") as f:
            f.write(line + "\n")
    print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
