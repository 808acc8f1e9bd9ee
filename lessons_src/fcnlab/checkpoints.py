"""Training state on disk while a stage trains: the best epoch so far and a backup to resume from after a
disconnect (one job: what a Keras ``fit`` writes, and reading it back).

Keras' own ``BackupAndRestore`` and ``ModelCheckpoint`` save the *whole* model. For the full profile's first
stage that is the frozen 134-million-parameter VGG16 FCN — about 1 GB per epoch through Google Drive's mount —
to keep the few thousand weights that train. :class:`StageCheckpoint` saves only the **live state**: the
variables of the layers that are not frozen (:func:`live_variables`: weights, and batch-norm statistics where
they update) and the optimiser's variables.

- It keeps the best epoch's live weights (by ``monitor``) in memory and puts them back when ``fit`` ends, like
  ``EarlyStopping(restore_best_weights=True)``.
- It writes a backup (live state, optimiser, epoch, best weights) after every epoch, or at most every
  ``every_seconds`` (fine-tuning, where the live state is the whole network). :meth:`StageCheckpoint.restore`
  loads it before ``fit`` and returns the epoch to start from: ``fit(..., initial_epoch=...)``.
- A backup carries the identity of what made it (run, variant, stage, epochs, learning rate); one with another
  identity is never resumed — it is deleted and the stage starts over. A finished ``fit`` deletes its backup.

Files are ``.npz`` archives written atomically (a disconnect mid-write leaves the previous file intact).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import keras
import numpy as np


def live_variables(model) -> list:
    """The variables of ``model`` that training can change: those of its layers that are not frozen.

    A frozen layer (``trainable = False``, e.g. the full profile's encoder and fc6 / fc7) never changes in
    ``fit``; its variables are left out. A trainable layer contributes all its variables, including batch-norm
    moving statistics, which are not trainable weights but do change.
    """
    found, seen = [], set()

    def visit(layer):
        if not layer.trainable:
            return
        inner = getattr(layer, "layers", None)
        if inner:  # a nested model: look at its layers one by one
            for sub in inner:
                visit(sub)
            return
        for variable in layer.variables:
            if id(variable) not in seen:
                seen.add(id(variable))
                found.append(variable)

    for layer in model.layers:
        visit(layer)
    return found


def _save_npz(path: Path, arrays: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial.npz")
    np.savez(partial, **arrays)
    os.replace(partial, path)


def _load_into(variables, arrays, prefix: str, what: str) -> None:
    values = [arrays[f"{prefix}{i}"] for i in range(int(arrays[f"{prefix}count"]))]
    if [tuple(v.shape) for v in values] != [tuple(v.shape) for v in variables]:
        raise ValueError(f"{what}: the saved shapes do not match this model's (built another way?)")
    for variable, value in zip(variables, values, strict=True):
        variable.assign(value)


def _arrays(variables, prefix: str) -> dict:
    out = {f"{prefix}{i}": keras.ops.convert_to_numpy(v) for i, v in enumerate(variables)}
    out[f"{prefix}count"] = np.array(len(variables))
    return out


class StageCheckpoint(keras.callbacks.Callback):
    """Keep the best epoch of a stage and back the stage up in ``folder`` (see the module doc).

    Args:
        folder: one per run, variant and stage (:meth:`fcnlab.storage.Run.checkpoint_dir`).
        identity: what makes the backup valid (JSON-serialisable); a backup with another identity is not resumed.
        monitor, mode: the metric that decides the best epoch (``"val_miou"``, ``"max"``).
        every_seconds: ``0``: back up after every epoch; otherwise at most this often.
        say: where to report what happens (``print``).
    """

    def __init__(self, folder, identity: dict, *, monitor: str = "val_miou", mode: str = "max",
                 every_seconds: float = 0.0, say=print):
        super().__init__()
        if mode not in ("max", "min"):
            raise ValueError(f"mode: expected 'max' or 'min', got {mode!r}")
        self.folder, self.identity = Path(folder), json.loads(json.dumps(identity))
        self.monitor, self.mode, self.every_seconds, self.say = monitor, mode, every_seconds, say
        self.best, self.best_epoch, self._best_weights = None, None, None
        self._last_backup = None

    @property
    def state_path(self) -> Path:
        return self.folder / "state.npz"

    @property
    def identity_path(self) -> Path:
        return self.folder / "identity.json"

    def restore(self, model) -> int:
        """Load this stage's backup into ``model`` (compiled); return the epoch to start ``fit`` from (0: none)."""
        saved = json.loads(self.identity_path.read_text()) if self.identity_path.exists() else None
        if not self.state_path.exists() or saved != self.identity:
            if self.folder.exists():
                why = "another run or stage made it" if saved != self.identity else "it holds no finished epoch"
                self.say(f"not resuming the backup in {self.folder}: {why}; starting over")
                shutil.rmtree(self.folder, ignore_errors=True)
            return 0
        model.optimizer.build(model.trainable_variables)
        with np.load(self.state_path, allow_pickle=False) as arrays:
            _load_into(live_variables(model), arrays, "w", str(self.state_path))
            _load_into(model.optimizer.variables, arrays, "o", str(self.state_path))
            self._best_weights = [arrays[f"b{i}"] for i in range(int(arrays["bcount"]))] or None
            self.best = float(arrays["best"]) if self._best_weights else None
            self.best_epoch = int(arrays["best_epoch"]) if self._best_weights else None
            epoch = int(arrays["epoch"])
        self.say(f"resuming from the backup in {self.folder}: {epoch} epoch(s) were done")
        return epoch

    def on_train_begin(self, logs=None):
        self._last_backup = time.monotonic()

    def on_epoch_end(self, epoch, logs=None):
        value = (logs or {}).get(self.monitor)
        if value is None:
            raise KeyError(f"StageCheckpoint: no {self.monitor!r} in the epoch's logs "
                           f"(has {', '.join(sorted(logs or {}))}); pass validation_data to fit")
        value = float(value)
        if self.best is None or (value > self.best if self.mode == "max" else value < self.best):
            self.best, self.best_epoch = value, epoch
            self._best_weights = [keras.ops.convert_to_numpy(v).copy() for v in live_variables(self.model)]
        if self.every_seconds and time.monotonic() - self._last_backup < self.every_seconds:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        if not self.identity_path.exists():
            self.identity_path.write_text(json.dumps(self.identity, indent=2, sort_keys=True))
        best = {f"b{i}": w for i, w in enumerate(self._best_weights)}
        state = {**_arrays(live_variables(self.model), "w"), **_arrays(self.model.optimizer.variables, "o"),
                 **best, "bcount": np.array(len(best)), "best": np.array(self.best),
                 "best_epoch": np.array(self.best_epoch), "epoch": np.array(epoch + 1)}
        _save_npz(self.state_path, state)
        self._last_backup = time.monotonic()

    def on_train_end(self, logs=None):
        # fit returned (a disconnect never gets here): keep the best epoch, drop the backup
        if self._best_weights is not None:
            for variable, value in zip(live_variables(self.model), self._best_weights, strict=True):
                variable.assign(value)
        shutil.rmtree(self.folder, ignore_errors=True)
