"""tools.bench: the smoke run ends with one JSON line holding every measurement; the FLOP counts add up."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from fcnlab import models
from tools import bench

KEYS = ("matmul_gflops", "fast_fcn8s_train_img_per_s", "vgg16_fcn8s_train_img_per_s",
        "fast_fcn8s_forward_gflop_per_img", "fast_fcn8s_train_gflop_per_img", "fast_fcn8s_pct_of_matmul",
        "vgg16_fcn8s_forward_gflop_per_img", "vgg16_fcn8s_train_gflop_per_img", "vgg16_fcn8s_pct_of_matmul",
        "cache_build_seconds")
CACHE_KEYS = ("seconds_per_epoch_recompute", "seconds_per_epoch_cached", "ratio", "max_loss_diff")


@pytest.fixture(scope="module")
def quick_result():
    # on the CPU even where there is a GPU: a smoke test of the whole script (the timeout only guards against a
    # hang: on a busy machine the run takes minutes, and how long it takes is not what this test checks)
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "CUDA_VISIBLE_DEVICES": "-1"}
    done = subprocess.run([sys.executable, "-m", "tools.bench", "--quick", "--skip-train"], env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    assert len(lines) > 1, done.stdout  # human-readable lines first
    return json.loads(lines[-1])


def test_quick_run_reports_every_measurement(quick_result):
    r = quick_result
    for key in KEYS:
        assert isinstance(r[key], float) and r[key] > 0, key
    for name, deepest in (("cache_speedup", "fc6_output"), ("cache_speedup_trainable_fc", "pool5")):
        cache = r[name]
        for key in CACHE_KEYS:
            assert isinstance(cache[key], float), (name, key)
        assert cache["seconds_per_epoch_recompute"] > 0 and cache["seconds_per_epoch_cached"] > 0
        assert cache["max_loss_diff"] <= 1e-4, name
        assert cache["features"] == ["pool3", "pool4", deepest]
    # the full profile's first stage (fc6 / fc7 frozen) leaves less to compute per step than a trainable fc6 / fc7
    assert r["cache_speedup"]["ratio_expected_from_flops"] > r["cache_speedup_trainable_fc"]["ratio_expected_from_flops"]
    assert r["fast_seconds_to_miou_0_90"] is None  # --skip-train
    assert r["gpu"] is None  # CUDA_VISIBLE_DEVICES=-1
    assert r["machine"]["cpu_count"] >= 1 and r["machine"]["tensorflow"] and r["machine"]["platform"]
    assert r["quick"] is True and r["image_size"] == 64


def test_training_flops_weigh_each_layer_by_its_role():
    """Trainable layers cost 3x their forward FLOPs, frozen layers that pass gradients 2x, a frozen encoder 1x."""
    model = models.build_fcn("fcn8s", weights=None, head_channels=8)  # a thin head keeps this test light
    rows = models.layer_flops(model, (224, 224, 3))
    by_role = {role: sum(row["flops"] for row in rows if row["role"] == role)
               for role in ("trainable", "frozen", "frozen_encoder")}
    assert bench.training_flops(rows) == by_role["frozen_encoder"] + 3 * by_role["trainable"] + 2 * by_role["frozen"]


def test_gpu_peaks_are_found_by_name():
    """The card's table entry is found by a part of the device name TensorFlow reports, in any case."""
    peaks = bench.GPU_PEAK_TFLOPS
    assert bench.gpu_peaks("NVIDIA H100 80GB HBM3") == ("H100", peaks["H100"])
    assert bench.gpu_peaks("Tesla T4") == ("T4", peaks["T4"])
    assert bench.gpu_peaks("nvidia a100-sxm4-40gb") == ("A100", peaks["A100"])
    assert bench.gpu_peaks("some CPU") == (None, None)
