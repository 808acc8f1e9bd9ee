"""The checks of lesson 4's exercises (notebooks/04_training.ipynb): each runs the student's answer on inputs
it makes itself, compares with a reference computed here, and raises ``AssertionError`` with a hint that names
the mistake it recognises (never the answer to a "predict" question)."""

from __future__ import annotations

import math
from pathlib import Path

import keras
import numpy as np

from fcnlab import checkpoints


class _StopAfter(keras.callbacks.Callback):
    """Early stopping, made predictable: stop after ``epochs`` epochs of this ``fit`` call."""

    def __init__(self, epochs: int):
        super().__init__()
        self.epochs, self.seen = epochs, 0

    def on_epoch_end(self, epoch, logs=None):
        self.seen += 1
        if self.seen >= self.epochs:
            self.model.stop_training = True


def _tiny_fit(n_images: int, batch_size: int, epochs: int, *, initial_epoch: int = 0, stop_after=None):
    """A real ``fit`` of a one-weight model: its History and the optimiser steps Keras counted."""
    rng = np.random.default_rng(n_images * 100 + batch_size)
    x = rng.normal(size=(n_images, 1)).astype("float32")
    net = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    net.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")
    callbacks = [_StopAfter(stop_after)] if stop_after else []
    history = net.fit(x, 2 * x, batch_size=batch_size, epochs=epochs, initial_epoch=initial_epoch,
                      shuffle=False, callbacks=callbacks, verbose=0)
    return history, int(net.optimizer.iterations)


# (what the run shows, n_images, batch_size, epochs, initial_epoch, stop_after)
_RUNS = [
    ("a last, smaller batch", 10, 3, 4, 0, None),
    ("early stopping after 2 of 6 epochs", 12, 4, 6, 0, 2),
    ("a batch larger than the data", 5, 8, 2, 0, None),
    ("a resumed fit (initial_epoch=2, epochs=5)", 9, 2, 5, 2, None),
]


def check_steps(count_steps, steps_batch9, n_train: int) -> int:
    """Exercise 1: ``count_steps(history, n_images, batch_size)`` against Keras' own step counter on four real
    runs, and ``steps_batch9`` (5 epochs, batches of 9, ``n_train`` images). Returns the steps of that run."""
    for what, n, b, epochs, initial, stop in _RUNS:
        history, keras_steps = _tiny_fit(n, b, epochs, initial_epoch=initial, stop_after=stop)
        got = count_steps(history, n, b)
        if got == keras_steps:
            continue
        ran, planned = len(history.epoch), epochs - initial
        mistakes = {
            "a step is one batch, not one image": ran * n,
            "the last, smaller batch is a step too": ran * (n // b),
            "every epoch has its steps, not just one": math.ceil(n / b),
            "count the epochs that ran (history.epoch), not those asked for": planned * math.ceil(n / b),
            "count the epochs this fit ran: it started at initial_epoch": (initial + ran) * math.ceil(n / b),
            "count batches, not epochs": ran,
        }
        named = [hint for hint, value in mistakes.items() if value == got]
        raise AssertionError(f"hint ({what}: {n} images, batches of {b}): "
                             + (named[0] if named else f"Keras counted other than {got} steps"))
    epochs9, per_epoch = 5, math.ceil(n_train / 9)
    mistakes9 = {n_train // 9 * epochs9: "the last, smaller batch is a step too",
                 per_epoch: "5 epochs, each with its batches", n_train * epochs9: "a step is a batch"}
    assert steps_batch9 == epochs9 * per_epoch, "hint (steps_batch9): " + mistakes9.get(
        steps_batch9, "batches of 9 from the lesson's training images, for 5 epochs")
    return steps_batch9


def _softmax(logits):
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def _dice_loss(onehot, p, axes):
    dice = 2 * (p * onehot).sum(axes) / (p.sum(axes) + onehot.sum(axes))
    return float(1 - dice.mean())


def check_dice_loss(dice_loss) -> None:
    """Exercise 3: ``dice_loss(onehot, logits)`` on a batch of two 4×5 images with three classes (the second
    holds only class 0): a perfect prediction, a confident one 30 % wrong, all-zero logits and random logits."""
    rng = np.random.default_rng(3)
    masks = rng.integers(0, 3, size=(2, 4, 5))
    masks[1] = 0
    y = np.eye(3, dtype=np.float32)[masks]
    guess = np.where(rng.random(masks.shape) < 0.3, (masks + 1) % 3, masks)
    cases = {"a perfect prediction": 30 * (2 * y - 1),
             "a confident prediction, 30 % wrong": 30 * (2 * np.eye(3, dtype=np.float32)[guess] - 1),
             "all-zero logits": np.zeros_like(y),
             "random logits": rng.normal(size=y.shape).astype(np.float32)}
    batch = (0, 1, 2)
    for what, logits in cases.items():
        got, p = dice_loss(y, logits), _softmax(logits)
        if np.isclose(got, _dice_loss(y, p, batch), atol=1e-5):
            continue
        hard = np.eye(3)[logits.argmax(-1)]
        mistakes = {
            "sum over the whole batch: one Dice per class, not per image": _dice_loss(y, p, (1, 2)),
            "sum over the pixels, per class: not per pixel": _dice_loss(y, p, ()),
            "one Dice per class, then the mean over the classes": _dice_loss(y, p, (0, 1, 2, 3)),
            "the loss is 1 - mean Dice": 1 - _dice_loss(y, p, batch),
            "the classes' Dice are averaged, not summed": 1 - (1 - _dice_loss(y, p, batch)) * 3,
            "p: the softmax of the logits": _dice_loss(y, logits, batch),
            "p: the softmax, not a sigmoid": _dice_loss(y, 1 / (1 + np.exp(-logits)), batch),
            "p: a softmax over the classes (the last axis)": _dice_loss(
                y, np.moveaxis(_softmax(np.moveaxis(logits, 0, -1)), -1, 0), batch),
            "p: soft probabilities, not the argmax": _dice_loss(y, hard, batch),
            "2 × the overlap: a perfect prediction has D = 1": float(1 - ((p * y).sum(batch) / (
                p.sum(batch) + y.sum(batch))).mean()),
            "no smoothing constant: the formula as given": float(1 - ((2 * (p * y).sum(batch) + 1) / (
                p.sum(batch) + y.sum(batch) + 1)).mean()),
            "the denominator sums p and y, not their squares": float(1 - (2 * (p * y).sum(batch) / (
                (p ** 2).sum(batch) + (y ** 2).sum(batch))).mean()),
        }
        named = [hint for hint, value in mistakes.items() if np.isclose(got, value, atol=1e-5)]
        raise AssertionError(f"hint ({what}): " + (named[0] if named else "follow the formula term by term"))


def check_resume(resumed, resumed_history, predicted_start, predicted_steps, at_disconnect: Path,
                 per_epoch: int) -> None:
    """Exercise 4: the resumed run fits only the epochs the backup lacks, starting from the backup's weights
    (``at_disconnect``: a copy of the backup, taken when the runtime "disconnected"), with its step counter;
    and the two predictions."""
    epochs = list(resumed_history.epoch)
    assert epochs[:1] != [0], "hint: fit only the epochs the backup lacks (initial_epoch)"
    assert epochs[-1:] == [3], "hint: epochs is where fit ends (4 in all), not how many more to run"
    with np.load(at_disconnect) as saved:
        backup = [saved[f"w{i}"] for i in range(int(saved["wcount"]))]
    now = [keras.ops.convert_to_numpy(v) for v in checkpoints.live_variables(resumed)]
    assert len(now) == len(backup), "hint: resume the small stage: small_stage(backup_folder)"
    # each kernel's distance from the backup's, relative to its size: two epochs of Adam at 1e-3 move it by
    # a few percent; a kernel that started elsewhere (another random start) is about 1.4 away
    moved = np.median([np.linalg.norm(a - b) / np.linalg.norm(b) for a, b in zip(now, backup, strict=True)
                       if a.ndim > 1])
    assert moved < 0.5, "hint: the resumed model never got the backup's weights: restore before fit"
    assert int(resumed.optimizer.iterations) == 4 * per_epoch, (
        "hint: restore the backup before fit: it holds the optimiser's state too")
    start_hints = {epochs[0] + 1: "count from 0, as Keras does", epochs[0] - 1: "how many epochs finished?"}
    assert predicted_start == epochs[0], "hint (predicted_start): " + start_hints.get(
        predicted_start, "how many epochs did the backup hold?")
    steps_hints = {2 * per_epoch: "the backup restores the optimiser's step counter too",
                   4 * per_epoch * 2: "a step is a batch of 2 images", 4: "steps, not epochs"}
    assert predicted_steps == 4 * per_epoch, "hint (predicted_steps): " + steps_hints.get(
        predicted_steps, "what does the backup hold, and how many batches has an epoch?")
