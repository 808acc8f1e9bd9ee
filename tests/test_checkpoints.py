"""fcnlab.checkpoints: a stage keeps its best epoch, backs up only what trains, and bounds what it writes; a
training run resumes its own backup after a kill, and never another configuration's."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from fcnlab import checkpoints, data, profile, storage, training
from fcnlab.models import build_fcn


def test_live_variables_leave_frozen_layers_out_and_keep_batch_norm_statistics():
    model = build_fcn("fcn16s", weights=None, width=0.125, head_channels=8, batch_norm=True,
                      freeze_backbone=True, freeze_fc=True)
    live = {id(v) for v in checkpoints.live_variables(model)}
    frozen = [*model.get_layer("backbone").variables, *model.get_layer("fc6").variables,
              *model.get_layer("fc7").variables]
    assert not live & {id(v) for v in frozen}
    assert {id(v) for v in model.get_layer("score_pool4").variables} <= live
    model.get_layer("backbone").trainable = True
    live = {id(v) for v in checkpoints.live_variables(model)}
    stats = model.get_layer("backbone").get_layer("block1_conv1_bn").non_trainable_variables
    assert stats and {id(v) for v in stats} <= live, "moving mean / variance change in training: backed up"


class _Tiny:
    """A model, a StageCheckpoint on it, and the epoch loop driven by hand with chosen validation scores."""

    def __init__(self, folder, every_seconds=0.0):
        import keras

        self.model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
        self.model.compile(optimizer="adam", loss="mse")
        self.model.optimizer.build(self.model.trainable_variables)
        self.checkpoint = checkpoints.StageCheckpoint(folder, {"test": 1}, every_seconds=every_seconds,
                                                      say=lambda line: None)
        self.checkpoint.set_model(self.model)

    def epochs(self, scores):
        self.checkpoint.on_train_begin()
        weights = []
        for epoch, score in enumerate(scores):
            kernel = self.model.layers[0].kernel
            kernel.assign(np.full(kernel.shape, float(epoch), dtype="float32"))  # "training" changed it
            weights.append(epoch)
            self.checkpoint.on_epoch_end(epoch, {"val_miou": score})
        return weights


def test_the_best_epoch_is_restored_at_the_end(tmp_path):
    tiny = _Tiny(tmp_path / "stage")
    tiny.epochs([0.5, 0.8, 0.6, 0.7])
    assert (tmp_path / "stage" / "state.npz").exists()
    tiny.checkpoint.on_train_end()
    np.testing.assert_array_equal(np.array(tiny.model.layers[0].kernel), 1.0)  # epoch 1 had the best 0.8
    assert not (tmp_path / "stage").exists(), "a finished stage leaves no backup"


def test_a_backup_resumes_in_a_new_model_with_the_best_so_far(tmp_path):
    first = _Tiny(tmp_path / "stage")
    first.epochs([0.5, 0.9, 0.6])  # then the process dies: no on_train_end
    second = _Tiny(tmp_path / "stage")
    assert second.checkpoint.restore(second.model) == 3
    np.testing.assert_array_equal(np.array(second.model.layers[0].kernel), 2.0)  # the last epoch's weights
    assert second.checkpoint.best == pytest.approx(0.9)
    second.checkpoint.on_train_begin()
    second.checkpoint.on_epoch_end(3, {"val_miou": 0.7})
    second.checkpoint.on_train_end()
    np.testing.assert_array_equal(np.array(second.model.layers[0].kernel), 1.0)  # epoch 1, before the crash


def test_with_an_interval_nothing_is_written_between_backups(tmp_path):
    tiny = _Tiny(tmp_path / "stage", every_seconds=3600)
    tiny.epochs([0.5, 0.6, 0.7])
    assert not (tmp_path / "stage").exists()
    tiny.checkpoint.on_train_end()
    np.testing.assert_array_equal(np.array(tiny.model.layers[0].kernel), 2.0)  # the best is kept in memory


class _BytesWritten:
    """After each epoch: the bytes of the files under ``folder`` that were (re)written during it."""

    def __new__(cls, folder):
        import keras

        class Counter(keras.callbacks.Callback):
            def __init__(self):
                super().__init__()
                self.seen, self.per_epoch = {}, []

            def on_epoch_end(self, epoch, logs=None):
                written = 0
                for path in folder.rglob("*"):
                    if path.is_file():
                        stat = path.stat()
                        if self.seen.get(path) != stat.st_mtime_ns:
                            written += stat.st_size
                            self.seen[path] = stat.st_mtime_ns
                self.per_epoch.append(written)

        return Counter()


def test_the_full_width_frozen_stage_writes_at_most_100_mb_per_epoch(tmp_path, monkeypatch):
    """Lesson 4's callbacks on the full profile's FCN-32s (134 M parameters, random weights), frozen stage on
    cached features: the backup holds what trains, not the encoder (Keras' BackupAndRestore + ModelCheckpoint
    wrote ~1 GB per epoch here)."""
    monkeypatch.setenv("FCNLAB_BUILD_DIR", str(tmp_path))
    smoke = dataclasses.replace(profile.get("smoke"), epochs=2, train_images=6, validation_images=2)
    lesson = data.load_lesson_data(n_train=6, n_test=1, size=64)
    run = storage.Run.of(smoke, lesson)
    split = training.splits(lesson, smoke)
    model = training.build_model("fcn32s", smoke, lesson.num_classes)
    assert model.count_params() > 130_000_000
    fitted, train_ds, val_ds = training.stage_datasets(model, split, smoke)
    assert fitted is not model, "the frozen stage trains the decoder on cached features"
    training.compile_fcn(fitted, smoke, steps_per_epoch=2, epochs=smoke.epochs)
    checkpoint = training.stage_checkpoint(run, "fcn32s", "train", epochs=smoke.epochs,
                                           learning_rate=smoke.learning_rate, seed=0)
    counter = _BytesWritten(checkpoint.folder)
    fitted.fit(train_ds, validation_data=val_ds, epochs=smoke.epochs, verbose=0,
               callbacks=[checkpoint, training.early_stopping(smoke.epochs), counter])
    assert len(counter.per_epoch) == 2
    assert all(0 < written <= 100e6 for written in counter.per_epoch), counter.per_epoch


def test_a_backup_from_another_configuration_is_not_resumed(build, capsys):
    """A killed run of other settings (here: other epochs) left a backup in the stage's folder: it is deleted."""
    small_lesson = data.load_lesson_data(n_train=24, n_test=4, size=64)
    tiny = dataclasses.replace(profile.get("fast"), epochs=3, head_channels=32, validation_images=4)
    key = storage.Run.of(tiny, small_lesson)
    ours = training.stage_checkpoint(key, "fcn32s", "train", epochs=tiny.epochs,
                                     learning_rate=tiny.learning_rate, seed=0)
    ours.folder.mkdir(parents=True)
    other = {**ours.identity, "epochs": 99}
    ours.identity_path.write_text(json.dumps(other))
    np.savez(ours.state_path, epoch=np.array(2))
    run = training.train_fcn("fcn32s", small_lesson, tiny, save=False)
    assert len(run.history["loss"]) == tiny.epochs, "all epochs ran: nothing was resumed"
    assert "not resuming the backup" in capsys.readouterr().out
    assert not ours.folder.exists(), "the stale backup is gone (and the finished run left none)"


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
        if self.epoch == self.die_at and batch == 1:  # after the second of its batches
            os._exit(17)

lesson = data.load_lesson_data(n_train=24, n_test=4, size=64)
tiny = dataclasses.replace(profile.get("fast"), epochs=4, head_channels=16, validation_images=4, batch_size=8)
log, die_at = sys.argv[1], int(sys.argv[2])
callbacks = [keras.callbacks.CSVLogger(log, append=True)]
if die_at >= 0:
    callbacks.append(DieMidEpoch(die_at))
run = training.train_fcn("fcn32s", lesson, tiny, seed=0, save=False, callbacks=callbacks)
print("EPOCHS_RUN", len(run.history["loss"]))
"""


def test_training_killed_mid_epoch_resumes_without_losing_finished_epochs(tmp_path):
    import csv
    import os
    import subprocess
    import sys

    script = tmp_path / "train.py"
    script.write_text(RESUME_SCRIPT)
    log = tmp_path / "log.csv"
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": "", "FCNLAB_BUILD_DIR": str(tmp_path)}
    killed = subprocess.run([sys.executable, str(script), str(log), "2"], env=env, capture_output=True, text=True,
                            timeout=300)
    assert killed.returncode == 17, killed.stderr[-2000:]
    assert [int(row["epoch"]) for row in csv.DictReader(log.open())] == [0, 1], "epochs 0, 1 done before the kill"
    backups = list((tmp_path / "checkpoints").glob("*/fcn32s-train/state.npz"))
    assert len(backups) == 1, "the stage left its backup for the next run"

    resumed = subprocess.run([sys.executable, str(script), str(log), "-1"], env=env, capture_output=True,
                             text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert "resuming from the backup" in resumed.stdout and "EPOCHS_RUN 2" in resumed.stdout, resumed.stdout
    rows = [int(row["epoch"]) for row in csv.DictReader(log.open()) if row["epoch"] != "epoch"]
    assert rows == [0, 1, 2, 3], f"every planned epoch exactly once, none lost: {rows}"
    assert not backups[0].parent.exists(), "the backup is removed after a finished run"
