"""Where the lessons keep what they make, and what made it (one job: saved files and their provenance).

Everything a lesson saves — trained models, test reports, training backups — belongs to a **run**: the profile
that sized the training and the data it was trained on (:class:`Run`). Its key names the folder::

    <build dir>/models/<key>/<variant>.keras + <variant>.json    the model and its sidecar (what made it)
    <build dir>/results/<key>/<name>.json                        a report, with the profile and data in it
    <build dir>/checkpoints/<key>/<variant>-<stage>/             training state while a stage runs

The build dir (:func:`build_dir`) is ``$FCNLAB_BUILD_DIR`` if set; else, in Colab with Google Drive mounted,
``MyDrive/fcnlab`` (so lesson 5 in a new runtime finds what lesson 4 trained); else the repository's ``build/``.
A model is loaded only when its sidecar says it was made by the same run (:func:`load_model`); anything made by
another profile or other data is left alone, and the lesson says so.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

#: Google Drive as Colab mounts it (``drive.mount("/content/drive")``).
DRIVE_ROOT = Path("/content/drive/MyDrive")


def drive_mounted() -> bool:
    return DRIVE_ROOT.is_dir()


def build_dir() -> Path:
    """``$FCNLAB_BUILD_DIR``; else ``MyDrive/fcnlab`` when Google Drive is mounted; else ``build/``.

    Notebooks run inside ``notebooks/``, so there ``build/`` is ``../build``; elsewhere ``./build``.
    """
    if os.environ.get("FCNLAB_BUILD_DIR"):
        return Path(os.environ["FCNLAB_BUILD_DIR"])
    if drive_mounted():
        return DRIVE_ROOT / "fcnlab"
    here = Path.cwd()
    return here.parent / "build" if here.name == "notebooks" else here / "build"


def _slug(text: str, limit: int = 24) -> str:
    """A short, file-name-safe version of ``text`` (a folder path becomes its last part)."""
    text = Path(text).name if os.sep in text else text
    text = re.sub(r"\s*\(.*\)$", "", text)  # "synthetic road scenes (seed=0)" -> "synthetic road scenes"
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit] or "data"


@dataclass(frozen=True)
class Run:
    """What made a model, a report or a backup: the run profile and the data (source, classes, fingerprint)."""

    profile: object  # fcnlab.profile.Profile
    data_source: str
    class_names: tuple[str, ...]
    data_fingerprint: str

    @classmethod
    def of(cls, profile, data) -> Run:
        """The run of ``profile`` on ``data`` (a :class:`fcnlab.data.LessonData`)."""
        return cls(profile, data.source, tuple(data.class_names), data.fingerprint)

    @property
    def identity(self) -> dict:
        """Everything that decides what training produces; saved next to every file of the run."""
        return {"profile": self.profile.as_dict(),
                "data": {"source": self.data_source, "classes": list(self.class_names),
                         "fingerprint": self.data_fingerprint}}

    @property
    def key(self) -> str:
        """``<profile>-<data>-<N>c-<digest>``, e.g. ``fast-synthetic-road-scenes-2c-1f0a9c3e``."""
        digest = hashlib.sha256(json.dumps(self.identity, sort_keys=True).encode()).hexdigest()[:8]
        return f"{self.profile.name}-{_slug(self.data_source)}-{len(self.class_names)}c-{digest}"

    def describe(self) -> str:
        return f"profile {self.profile.name!r}, data {self.data_source!r} ({len(self.class_names)} classes)"

    # -- where its files go -------------------------------------------------------------------------------
    def model_path(self, variant: str) -> Path:
        return build_dir() / "models" / self.key / f"{variant}.keras"

    def result_path(self, name: str) -> Path:
        return build_dir() / "results" / self.key / f"{name}.json"

    def checkpoint_dir(self, variant: str, stage: str) -> Path:
        return build_dir() / "checkpoints" / self.key / f"{variant}-{stage}"


def _sidecar(model_path: Path) -> Path:
    return model_path.with_suffix(".json")


def _write_json(path: Path, content: dict) -> None:
    """Write ``content`` atomically: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(content, indent=2, sort_keys=True))
    os.replace(partial, path)


def save_model(model, run: Run, variant: str, **info) -> Path:
    """Save ``model`` as ``run.model_path(variant)`` with a sidecar naming the run (plus ``info``, e.g. stages).

    The file holds the architecture and the weights, not the optimiser's state: it is for predicting (lesson 5)
    and for starting the next stage, and the Adam moments of a fine-tuned VGG16 FCN would add 1 GB to it.
    """
    import keras

    path = run.model_path(variant)
    path.parent.mkdir(parents=True, exist_ok=True)
    _sidecar(path).unlink(missing_ok=True)  # no sidecar while the model file is being replaced
    bare = keras.Model.from_config(model.get_config())  # the same layers and settings, not compiled
    bare.set_weights(model.get_weights())
    bare.save(path)
    _write_json(_sidecar(path), {"variant": variant, "run": run.identity, "saved": time.strftime("%Y-%m-%d %H:%M:%S"),
                                 **info})
    return path


def saved_elsewhere(variant: str, run: Run) -> list[Path]:
    """Models of ``variant`` in the build dir that another run made (other profile or data)."""
    root = build_dir() / "models"
    if not root.is_dir():
        return []
    return sorted(p for p in root.glob(f"*/{variant}.keras") if p.parent.name != run.key)


def load_model(run: Run, variant: str, *, say=print):
    """The model ``run`` saved for ``variant``, or ``None`` (and a line saying why) when there is none.

    A file is loaded only if its sidecar names exactly this run: a model without a sidecar, or one whose
    sidecar names another profile or other data, is never loaded. Models of other runs are listed, not used.
    """
    import keras

    import fcnlab.models  # noqa: F401  (registers the custom layers the file needs)

    path = run.model_path(variant)
    for other in saved_elsewhere(variant, run):
        say(f"{variant}: not using {other} (made by another run: {other.parent.name})")
    if not path.exists():
        return None
    sidecar = _sidecar(path)
    made_by = json.loads(sidecar.read_text()).get("run") if sidecar.exists() else None
    if made_by != run.identity:
        why = "it has no sidecar saying what made it" if made_by is None else "its sidecar names another run"
        say(f"{variant}: not loading {path}: {why}")
        return None
    return keras.saving.load_model(path)


def save_result(name: str, report: dict, run: Run, **extra) -> Path:
    """Write ``report`` (metrics) and ``extra`` to ``run.result_path(name)``, with the profile and the data."""
    path = run.result_path(name)
    _write_json(path, {**report, **extra, "profile": run.profile.name, "data": run.data_source,
                       "classes": list(run.class_names), "run": run.key})
    return path


def load_results(run: Run) -> dict[str, dict]:
    """Every result ``run`` saved, by name."""
    folder = build_dir() / "results" / run.key
    return {p.stem: json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))}
