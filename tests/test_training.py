"""fcnlab.training on small lesson data: the loss falls, runs are deterministic, models and results are saved."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from fcnlab import data, profile, training

TINY = dataclasses.replace(profile.get("fast"), epochs=3, head_channels=32)


@pytest.fixture(scope="module")
def small_lesson():
    # the first 28 scenes of the lesson data, at 64 x 64 so that a few epochs take seconds
    return data.load_lesson_data(n_train=24, n_test=4, size=64)


@pytest.fixture
def build(tmp_path, monkeypatch):
    monkeypatch.setenv("FCNLAB_BUILD_DIR", str(tmp_path))
    return tmp_path


def test_build_dir_follows_the_environment_and_the_notebooks_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("FCNLAB_BUILD_DIR", str(tmp_path / "b"))
    assert training.build_dir() == tmp_path / "b"
    assert training.model_path("fcn8s") == tmp_path / "b" / "models" / "fcn8s.keras"
    monkeypatch.delenv("FCNLAB_BUILD_DIR")
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    assert training.build_dir() == tmp_path / "build"
    monkeypatch.chdir(tmp_path)
    assert training.build_dir() == tmp_path / "build"


def test_split_validation_holds_out_the_last_images(small_lesson):
    (xt, yt), (xv, yv) = training.split_validation(small_lesson.train_images, small_lesson.train_labels, 4)
    assert len(xt) == 20 and len(xv) == 4
    assert np.array_equal(xv, small_lesson.train_images[-4:]) and np.array_equal(yt, small_lesson.train_labels[:20])
    with pytest.raises(ValueError, match="n_val"):
        training.split_validation(small_lesson.train_images, small_lesson.train_labels, 24)


def test_training_lowers_the_loss_saves_the_model_and_the_result(small_lesson, build):
    run = training.train_fcn("fcn8s", small_lesson, TINY, seed=1)
    losses = run.history["loss"]
    assert len(losses) == TINY.epochs
    assert losses[-1] < losses[0], f"the loss did not fall: {losses}"
    assert set(run.test_report) >= {"pixel_accuracy", "mean_iou", "boundary_iou", "iou_per_class"}
    assert 0 <= run.test_report["mean_iou"] <= 1
    path = training.model_path("fcn8s")
    assert path.exists()
    saved = json.loads((build / "results" / "fcn8s.json").read_text())
    assert saved["mean_iou"] == pytest.approx(run.test_report["mean_iou"])
    assert saved["train_seconds"] > 0 and saved["profile"] == "fast"
    # load_or_train loads the saved model (safe mode) instead of training again
    loaded = training.load_or_train("fcn8s", small_lesson, TINY)
    images = small_lesson.test_images
    np.testing.assert_allclose(loaded.predict(images, verbose=0), run.model.predict(images, verbose=0), atol=1e-5)


def test_same_seed_same_metrics(small_lesson):
    first = training.train_fcn("fcn16s", small_lesson, TINY, seed=3, epochs=2, save=False)
    second = training.train_fcn("fcn16s", small_lesson, TINY, seed=3, epochs=2, save=False)
    assert first.history == second.history
    assert first.test_report == second.test_report


def test_predict_labels_and_evaluate_agree_with_metrics(small_lesson):
    from fcnlab import metrics
    from fcnlab.models import build_fcn

    model = build_fcn("fcn32s", weights=None, width=0.125, head_channels=8)
    labels = training.predict_labels(model, small_lesson.test_images)
    assert labels.shape == (4, 64, 64) and labels.dtype.kind == "i"
    report = training.evaluate(model, small_lesson.test_images, small_lesson.test_labels, small_lesson.class_names)
    assert report["mean_iou"] == pytest.approx(metrics.mean_iou(small_lesson.test_masks, labels, 2), nan_ok=True)
    with pytest.raises(ValueError, match="images"):
        training.predict_labels(model, small_lesson.test_images[0])


RESUME_SCRIPT = """
import os, sys, dataclasses, keras
from fcnlab import data, profile, training

class DieMidEpoch(keras.callbacks.Callback):
    # simulates a Colab disconnect: the process ends in the middle of epoch `die_at`
    def __init__(self, die_at):
        super().__init__()
        self.die_at, self.epoch = die_at, 0
    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch
    def on_train_batch_end(self, batch, logs=None):
        if self.epoch == self.die_at and batch == 1:  # after the first of its two batches
            os._exit(17)

lesson = data.load_lesson_data(n_train=24, n_test=4, size=64)
tiny = dataclasses.replace(profile.get("fast"), epochs=4, head_channels=16)
log, backup, die_at = sys.argv[1], sys.argv[2], int(sys.argv[3])
callbacks = [keras.callbacks.CSVLogger(log, append=True)]
if die_at >= 0:
    callbacks.append(DieMidEpoch(die_at))
run = training.train_fcn("fcn32s", lesson, tiny, seed=0, save=False, backup_dir=backup, callbacks=callbacks)
print("EPOCHS_RUN", len(run.history["loss"]))
"""


def test_training_killed_mid_epoch_resumes_without_losing_finished_epochs(tmp_path):
    import csv
    import os
    import subprocess
    import sys

    script = tmp_path / "train.py"
    script.write_text(RESUME_SCRIPT)
    log, backup = tmp_path / "log.csv", tmp_path / "backup"
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""}
    killed = subprocess.run([sys.executable, str(script), str(log), str(backup), "2"], env=env,
                            capture_output=True, text=True, timeout=300)
    assert killed.returncode == 17, killed.stderr[-2000:]
    epochs_before = [int(row["epoch"]) for row in csv.DictReader(log.open())]
    assert epochs_before == [0, 1], "epochs 0 and 1 finished before the kill in epoch 2"
    assert backup.exists(), "BackupAndRestore left its state for the next run"

    resumed = subprocess.run([sys.executable, str(script), str(log), str(backup), "-1"], env=env,
                             capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert "EPOCHS_RUN 2" in resumed.stdout, "only the two unfinished epochs run again"
    rows = [int(row["epoch"]) for row in csv.DictReader(log.open()) if row["epoch"] != "epoch"]
    assert rows == [0, 1, 2, 3], f"every planned epoch exactly once, none lost: {rows}"
    assert not backup.exists() or not any(backup.iterdir()), "the backup is removed after a finished run"


MIRRORED_SCRIPT = """
import json, sys
import numpy as np
import tensorflow as tf

cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
import keras
from fcnlab import data
from fcnlab.models import build_fcn

lesson = data.load_lesson_data(n_train=8, n_test=1, size=64)
x, y = lesson.train_images, lesson.train_labels.astype("float32")

def losses(strategy):
    keras.utils.set_random_seed(0)
    with strategy.scope():
        model = build_fcn("fcn8s", weights=None, width=0.125, head_channels=16, dropout=0.0,
                          freeze_backbone=False)
        model.compile(keras.optimizers.SGD(0.05), keras.losses.CategoricalCrossentropy(from_logits=True))
    ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(4)  # global batch 4 = 2 per replica
    history = model.fit(ds, epochs=3, verbose=0, shuffle=False)
    return history.history["loss"], [w.numpy().tolist() for w in model.get_layer("score_fr").weights]

devices = [d.name for d in tf.config.list_logical_devices("CPU")]
mirrored = tf.distribute.MirroredStrategy(devices)
single = tf.distribute.OneDeviceStrategy(devices[0])
(l1, w1), (l2, w2) = losses(single), losses(mirrored)
print(json.dumps({"replicas": mirrored.num_replicas_in_sync, "single": l1, "mirrored": l2,
                  "max_weight_diff": max(float(np.abs(np.array(a) - np.array(b)).max()) for a, b in zip(w1, w2))}))
"""


def test_training_under_mirrored_strategy_matches_one_device():
    import os
    import subprocess
    import sys

    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""}
    result = subprocess.run([sys.executable, "-c", MIRRORED_SCRIPT], env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["replicas"] == 2
    np.testing.assert_allclose(out["mirrored"], out["single"], rtol=1e-4, atol=1e-5)
    assert out["max_weight_diff"] < 1e-4


def test_policy_and_strategy_on_this_cpu():
    import tensorflow as tf

    assert training.mixed_precision_policy() == "float32"  # no GPU / TPU here
    assert training.choose_strategy().num_replicas_in_sync == 1
    assert isinstance(training.choose_strategy(), type(tf.distribute.get_strategy()))


def test_fine_tune_unfreezes_the_encoder(small_lesson):
    full_like = dataclasses.replace(profile.get("fast"), freeze_backbone=True, freeze_fc=True, epochs=1,
                                    head_channels=16)
    run = training.train_fcn("fcn32s", small_lesson, full_like, save=False)
    backbone = run.model.get_layer("backbone")
    assert not backbone.trainable
    assert not run.model.get_layer("fc6").trainable and not run.model.get_layer("fc7").trainable
    before = [w.numpy().copy() for w in backbone.trainable_weights] or [w.numpy().copy() for w in backbone.weights]
    history = training.fine_tune(run.model, small_lesson, full_like, epochs=1)
    assert backbone.trainable and len(history["loss"]) == 1
    assert run.model.get_layer("fc6").trainable and run.model.get_layer("fc7").trainable
    after = [w.numpy() for w in backbone.weights[: len(before)]]
    assert any(not np.allclose(a, b) for a, b in zip(before, after, strict=True)), "the encoder was trained"
    assert run.model.optimizer.learning_rate.numpy() <= full_like.learning_rate / 10 + 1e-12


def test_out_of_memory_becomes_advice():
    import tensorflow as tf

    fast = profile.get("fast")
    with pytest.raises(training.GPUOutOfMemoryError, match=r"batch size 2\. Try a smaller batch: .*batch_size=1"):
        with training.out_of_memory_advice(fast):
            raise tf.errors.ResourceExhaustedError(None, None, "OOM when allocating tensor")
    with training.out_of_memory_advice(fast):  # other errors and normal code pass through untouched
        pass
    with pytest.raises(KeyError), training.out_of_memory_advice(fast):
        raise KeyError("x")


def test_cached_features_train_exactly_like_the_frozen_model(small_lesson):
    frozen = dataclasses.replace(profile.get("fast"), freeze_backbone=True, augment=False, epochs=2,
                                 head_channels=16, cache_features=False)
    plain = training.train_fcn("fcn16s", small_lesson, frozen, seed=5, save=False)
    cached = training.train_fcn("fcn16s", small_lesson, dataclasses.replace(frozen, cache_features=True),
                                seed=5, save=False)
    np.testing.assert_allclose(cached.history["loss"], plain.history["loss"], atol=1e-4)
    np.testing.assert_allclose(cached.history["val_loss"], plain.history["val_loss"], atol=1e-4)
    assert cached.test_report["mean_iou"] == pytest.approx(plain.test_report["mean_iou"], abs=1e-3)


def test_init_from_coarser_starts_where_the_coarser_net_is(small_lesson):
    """Staged training: FCN-16s copies FCN-32s' layers; its zero skip leaves the prediction (almost) unchanged."""
    from fcnlab.models import build_fcn

    kwargs = dict(weights=None, width=0.125, head_channels=16, batch_norm=True, freeze_backbone=False)
    fcn32s = build_fcn("fcn32s", **kwargs)
    for layer in fcn32s.layers:  # pretend it was trained: weights no fresh model has
        if layer.name in ("score_fr", "fc7"):
            layer.set_weights([w + 0.05 for w in layer.get_weights()])
    fcn16s = build_fcn("fcn16s", **kwargs)
    copied = training.init_from_coarser(fcn16s, fcn32s)
    assert set(copied) == {"backbone", "fc6", "fc7", "score_fr"}
    np.testing.assert_array_equal(fcn16s.get_layer("score_fr").get_weights()[0],
                                  fcn32s.get_layer("score_fr").get_weights()[0])
    assert not fcn16s.get_layer("score_pool4").get_weights()[0].any()  # the new skip still starts at zero
    # x2 then x16 bilinear is not exactly x32 bilinear (borders), but the label maps agree almost everywhere
    x = small_lesson.test_images
    same = np.mean(training.predict_labels(fcn16s, x) == training.predict_labels(fcn32s, x))
    assert same > 0.95, same
    fcn8s = build_fcn("fcn8s", **kwargs)
    assert set(training.init_from_coarser(fcn8s, fcn16s)) == {"backbone", "fc6", "fc7", "score_fr", "upscore2",
                                                               "score_pool4"}
    with pytest.raises(ValueError, match="not a coarser FCN"):
        training.init_from_coarser(fcn32s, fcn16s)
    with pytest.raises(ValueError, match="other shapes"):
        training.init_from_coarser(build_fcn("fcn16s", **{**kwargs, "head_channels": 8}), fcn32s)


def test_load_or_train_trains_the_stages_in_order(small_lesson, build):
    staged = dataclasses.replace(TINY, epochs=2, refine_epochs=1, head_channels=16)
    model = training.load_or_train("fcn16s", small_lesson, staged)
    assert model.name == "fcn16s"
    assert training.model_path("fcn32s").exists() and training.model_path("fcn16s").exists()
    r32 = json.loads((build / "results" / "fcn32s.json").read_text())
    r16 = json.loads((build / "results" / "fcn16s.json").read_text())
    assert r32["epochs"] == 2 and r32["init_from"] is None
    assert r16["epochs"] == 1 and r16["init_from"] == "fcn32s"  # refine_epochs, started from FCN-32s
