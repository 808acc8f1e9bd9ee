"""Run profiles: how big a run the lessons make on this machine (one job: name and pick the settings).

- ``fast``: a CPU or CI. A narrow VGG-shaped encoder (``width`` 1/8 of VGG16's channels) trained from scratch,
  a few epochs, float32. It shows every step for real, in minutes on two cores.
- ``full``: a GPU (e.g. Colab). VGG16 with ImageNet weights, its classifier convolutionalised into fc6 / fc7,
  all of it frozen in a first stage (trained on cached features) and fine-tuned in a second; mixed precision.
- ``smoke``: the full profile's network, stages, callbacks and saving, with random weights instead of the
  ImageNet download and a handful of images and epochs, so that CI runs every line a GPU student runs.

:func:`current` picks one: the ``FCNLAB_PROFILE`` environment variable wins; else ``CI=true`` means ``fast``;
else ``full`` when TensorFlow sees a GPU, ``fast`` otherwise.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Profile:
    """Everything the lessons need to know to size a run."""

    name: str
    backbone_width: float      # 1.0 = VGG16; < 1 = the same five blocks, narrower, trained from scratch
    weights: str | None        # "imagenet" (downloads from the internet) or None (random initialisation)
    freeze_backbone: bool
    batch_norm: bool           # batch normalisation in the narrow encoder (trains faster from scratch)
    head_channels: int         # channels of fc6 / fc7 (4096 in the paper)
    fc_weights: str | None     # fc6 / fc7 from VGG16's ImageNet classifier ("imagenet") or from scratch (None)
    freeze_fc: bool            # keep fc6 / fc7 frozen in the first stage, as freeze_backbone does the encoder
    dropout: float             # after fc6 and fc7 (0.5 in the paper)
    epochs: int
    fine_tune_epochs: int      # stage 2: unfreeze the encoder and train on at a lower rate (0 = no stage 2)
    refine_epochs: int         # FCN-16s from a trained FCN-32s, FCN-8s from FCN-16s (the paper's staged training)
    refine_learning_rate: float
    batch_size: int
    learning_rate: float
    augment: bool
    cache_features: bool       # frozen stage: compute the encoder once, train the decoder on cached features
    mixed_precision: bool
    description: str
    train_images: int | None = None  # use only the first N training images (None: all of them)
    report_images: int | None = None  # score on only the first N test (or validation) images
    validation_images: int = 20      # the last ones of the training images, held out to pick the best epoch
    fine_tune_backup_seconds: float = 600.0  # fine-tuning backs its (large) state up at most this often

    def as_dict(self) -> dict:
        return asdict(self)


PROFILES = {
    "fast": Profile(
        name="fast", backbone_width=0.125, weights=None, freeze_backbone=False, batch_norm=True,
        head_channels=256, fc_weights=None, freeze_fc=False, dropout=0.0,
        epochs=16, fine_tune_epochs=0, refine_epochs=4, refine_learning_rate=1e-3,
        batch_size=2, learning_rate=2e-3, augment=True, cache_features=False, mixed_precision=False,
        description="CPU / CI: a VGG-shaped encoder at 1/8 width trained from scratch, float32",
    ),
    "full": Profile(
        name="full", backbone_width=1.0, weights="imagenet", freeze_backbone=True, batch_norm=False,
        head_channels=4096, fc_weights="imagenet", freeze_fc=True, dropout=0.5,
        epochs=30, fine_tune_epochs=10, refine_epochs=10, refine_learning_rate=1e-4,
        batch_size=16, learning_rate=1e-4, augment=True, cache_features=True, mixed_precision=True,
        description="GPU / Colab: VGG16 with ImageNet weights (encoder and fc6 / fc7), frozen, then fine-tuned; "
                    "mixed precision",
    ),
    "smoke": Profile(
        name="smoke", backbone_width=1.0, weights=None, freeze_backbone=True, batch_norm=False,
        head_channels=4096, fc_weights=None, freeze_fc=True, dropout=0.5,
        epochs=2, fine_tune_epochs=1, refine_epochs=1, refine_learning_rate=1e-4,
        batch_size=2, learning_rate=1e-4, augment=True, cache_features=True, mixed_precision=True,
        description="CI check of the GPU path: the full profile's network and stages with random weights, "
                    "6 + 2 training images, 2 reported, 1-2 epochs per stage",
        train_images=8, report_images=2, validation_images=2, fine_tune_backup_seconds=0.0,
    ),
}


def gpu_available() -> bool:
    """Whether TensorFlow sees a GPU (imports TensorFlow)."""
    import tensorflow as tf

    return bool(tf.config.list_physical_devices("GPU"))


def current(environ=None) -> Profile:
    """The active profile: ``FCNLAB_PROFILE``, else ``fast`` under ``CI=true``, else by GPU."""
    environ = os.environ if environ is None else environ
    requested = environ.get("FCNLAB_PROFILE", "").strip().lower()
    if requested:
        if requested not in PROFILES:
            raise ValueError(f"FCNLAB_PROFILE={environ['FCNLAB_PROFILE']!r} is not a profile; "
                             f"expected one of {', '.join(PROFILES)}")
        return PROFILES[requested]
    if environ.get("CI", "").strip().lower() in ("1", "true", "yes"):
        return PROFILES["fast"]
    return PROFILES["full" if gpu_available() else "fast"]


def get(name: str) -> Profile:
    """The profile called ``name`` (``fast``, ``full`` or ``smoke``)."""
    if name not in PROFILES:
        raise ValueError(f"profile: unknown name {name!r}; expected one of {', '.join(PROFILES)}")
    return PROFILES[name]
