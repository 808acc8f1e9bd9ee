"""fcnlab.checkpoints: a stage keeps its best epoch, backs up only what trains, and bounds what it writes."""

from __future__ import annotations

import dataclasses

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
