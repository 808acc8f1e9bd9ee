"""Training FCNs with Keras (one job: the training loop and its stages).

Lesson 4 builds each piece inline while training FCN-32s — the splits, the datasets of a stage, the compile
step, the callbacks, ``fit`` — and then calls :func:`train_fcn`, which does the same, to refine it into FCN-16s
and FCN-8s (:func:`init_from_coarser`, the paper's staged training). Lesson 5 calls :func:`load_or_train`, which
loads what lesson 4 saved for the same run, or trains it the same way.

- The model returns **logits**; the loss is ``CategoricalCrossentropy(from_logits=True)`` on one-hot labels
  (numerically safer than a softmax layer followed by a log).
- The training metric is ``keras.metrics.OneHotMeanIoU``: it takes the argmax of the scores, so logits work.
- A validation split is carved off the training images; the test images are only used for the final report.
- Every model is built, compiled and trained under the one strategy of :func:`fcnlab.devices.strategy`.
- Saved files belong to their run (:mod:`fcnlab.storage`); a stage's best epoch and backup are kept by
  :class:`fcnlab.checkpoints.StageCheckpoint`.
"""

from __future__ import annotations

import dataclasses
import time
from contextlib import contextmanager
from dataclasses import dataclass

import keras
import numpy as np
import tensorflow as tf

from fcnlab import checkpoints, devices, evaluation, features, storage
from fcnlab import data as fdata
from fcnlab.profile import Profile

#: The staged training of Long et al.: each variant starts from the trained next-coarser one.
COARSER = {"fcn16s": "fcn32s", "fcn8s": "fcn16s"}
#: Controls for an honest comparison: FCN-32s trained on for as many epochs as FCN-16s and FCN-8s got in total
#: (the same refinement stages, without a skip), so that "the skip helped" is not "it trained longer".
CONTROLS = {"fcn32s_as_16s": "fcn32s", "fcn32s_as_8s": "fcn32s_as_16s"}


def recipe(name: str) -> tuple[str, str | None]:
    """``(variant, starts_from)`` of a model ``name``: a variant, or a control of :data:`CONTROLS`."""
    if name in CONTROLS:
        return "fcn32s", CONTROLS[name]
    from fcnlab.models import VARIANTS

    if name not in VARIANTS:
        raise ValueError(f"unknown model {name!r}: expected one of {', '.join([*VARIANTS, *CONTROLS])}")
    return name, COARSER.get(name)


# --------------------------------------------------------------------------------------------------
# data for training
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Splits:
    """Train and validation arrays, and the labelled images the run reports on (test, or validation)."""

    train_images: np.ndarray
    train_labels: np.ndarray
    val_images: np.ndarray
    val_labels: np.ndarray
    report: fdata.LabelledSplit


def splits(data: fdata.LessonData, profile: Profile) -> Splits:
    """The profile's share of ``data``: its first ``train_images`` training images (all if ``None``), the last
    ``validation_images`` of them held out, and the first ``report_images`` of the split reported on."""
    images, labels = data.train_images, data.train_labels
    if profile.train_images is not None:
        images, labels = images[:profile.train_images], labels[:profile.train_images]
    (x_train, y_train), (x_val, y_val) = fdata.split_validation(images, labels, profile.validation_images)
    report = fdata.report_split(dataclasses.replace(data, train_images=images, train_labels=labels),
                                profile.validation_images)
    if profile.report_images is not None:
        report = fdata.LabelledSplit(report.images[:profile.report_images], report.labels[:profile.report_images],
                                     report.name)
    return Splits(x_train, y_train, x_val, y_val, report)


def stage_datasets(model, split: Splits, profile: Profile, *, seed: int = 0):
    """``(fitted, train_ds, val_ds)`` for one stage of training ``model``.

    A trainable encoder (the fast profile, fine-tuning): ``fitted`` is ``model`` and the datasets hold images,
    the training one shuffled and augmented as ``profile`` says (:func:`fcnlab.data.make_tf_dataset`).

    A frozen encoder with ``profile.cache_features`` (the full profile's frozen stages): the frozen part is run
    once over the images (:mod:`fcnlab.features`), ``fitted`` is the rest of the model (its own layers, so
    training it trains ``model``) and the datasets hold the cached features, un-augmented (augmented images
    would have other features). Both give the same losses as training ``model`` on un-augmented images.
    """
    if profile.cache_features and not model.get_layer("backbone").trainable:
        encoder, decoder = features.split_fcn(model)
        with quiet_retracing():
            cached_train = features.cache_features(encoder, split.train_images)
            cached_val = features.cache_features(encoder, split.val_images)
        train_ds = features.make_feature_dataset(cached_train, split.train_labels, profile.batch_size,
                                                 shuffle=True, seed=seed)
        val_ds = features.make_feature_dataset(cached_val, split.val_labels, 8, shuffle=False)
        return decoder, train_ds, val_ds
    train_ds = fdata.make_tf_dataset(split.train_images, split.train_labels, profile.batch_size, shuffle=True,
                                     augment=profile.augment, seed=seed)
    val_ds = fdata.make_tf_dataset(split.val_images, split.val_labels, 8, shuffle=False, augment=False)
    return model, train_ds, val_ds


# --------------------------------------------------------------------------------------------------
# model, compile, callbacks
# --------------------------------------------------------------------------------------------------
def build_model(variant: str, profile: Profile, num_classes: int, *, pretrained: bool = True):
    """:func:`fcnlab.models.build_fcn` sized by ``profile``, under :func:`fcnlab.devices.strategy`.

    ``pretrained=False`` skips the ImageNet download (for a model whose weights are copied in afterwards).
    """
    from fcnlab.models import build_fcn

    with devices.strategy().scope():
        return build_fcn(variant, num_classes=num_classes, weights=profile.weights if pretrained else None,
                         width=profile.backbone_width, freeze_backbone=profile.freeze_backbone,
                         batch_norm=profile.batch_norm, head_channels=profile.head_channels,
                         dropout=profile.dropout, fc_weights=profile.fc_weights if pretrained else None,
                         freeze_fc=profile.freeze_fc)


def compile_fcn(model, profile: Profile, *, steps_per_epoch: int, epochs: int | None = None,
                learning_rate: float | None = None):
    """Compile ``model`` for training: Adam with a cosine learning-rate decay from ``learning_rate`` (the
    profile's by default) to zero over ``epochs``, cross-entropy on logits, mean IoU."""
    epochs = profile.epochs if epochs is None else epochs
    rate = profile.learning_rate if learning_rate is None else learning_rate
    with devices.strategy().scope():
        schedule = keras.optimizers.schedules.CosineDecay(rate, steps_per_epoch * epochs)
        model.compile(optimizer=keras.optimizers.Adam(schedule),
                      loss=keras.losses.CategoricalCrossentropy(from_logits=True),
                      metrics=[keras.metrics.OneHotMeanIoU(model.output_shape[-1], name="miou")])
    return model


def stage_checkpoint(run: storage.Run, variant: str, stage: str, *, epochs: int, learning_rate: float,
                     seed: int, every_seconds: float = 0.0, say=print) -> checkpoints.StageCheckpoint:
    """The :class:`~fcnlab.checkpoints.StageCheckpoint` of one stage of ``variant`` in ``run``'s folder."""
    identity = {"run": run.identity, "variant": variant, "stage": stage, "epochs": epochs,
                "learning_rate": learning_rate, "seed": seed}
    return checkpoints.StageCheckpoint(run.checkpoint_dir(variant, stage), identity, every_seconds=every_seconds,
                                       say=say)


def early_stopping(epochs: int):
    """Stop when the validation mIoU has not improved for a third of the stage (at least 3 epochs)."""
    return keras.callbacks.EarlyStopping(monitor="val_miou", mode="max", patience=max(3, epochs // 3))


@contextmanager
def quiet_retracing():
    """Hide TensorFlow's "triggered tf.function retracing" warnings while a lesson trains several models.

    Every new Keras model traces its own training function; after a few models TensorFlow warns about
    "excessive retracing", which is expected here and says nothing a student can act on.
    """
    logger = tf.get_logger()
    level = logger.level
    logger.setLevel("ERROR")
    try:
        yield
    finally:
        logger.setLevel(level)


def fit_stage(fitted, train_ds, val_ds, *, epochs: int, checkpoint, profile: Profile, callbacks=(),
              verbose: int = 0) -> dict:
    """``fitted.fit`` for one stage, resumed from ``checkpoint``'s backup when there is one; the history."""
    start = checkpoint.restore(fitted)
    with devices.out_of_memory_advice(profile), quiet_retracing():
        # shuffle=False: the tf.data pipeline already reshuffles every epoch (Keras cannot shuffle a Dataset)
        history = fitted.fit(train_ds, validation_data=val_ds, epochs=epochs, initial_epoch=start,
                             callbacks=[checkpoint, early_stopping(epochs), *callbacks], shuffle=False,
                             verbose=verbose)
    return history.history


# --------------------------------------------------------------------------------------------------
# stages
# --------------------------------------------------------------------------------------------------
def init_from_coarser(model, coarser) -> list[str]:
    """Start ``model`` from a trained coarser (or the same) FCN: copy the weights of every layer they share.

    This is how Long et al. train: FCN-16s starts from the trained FCN-32s, FCN-8s from FCN-16s. Shared are the
    encoder, fc6, fc7, ``score_fr`` (and, from FCN-16s to 8s, ``upscore2`` and ``score_pool4``). The new skip
    scorer starts at zero, so the finer net at first predicts what the coarser one did (up to the border effects
    of two bilinear upsamplings instead of one), and training only adds the detail the new skip knows.

    The same variant copies everything: training then continues (the controls of :data:`CONTROLS`).

    Returns the names of the layers copied. Raises ``ValueError`` unless ``coarser`` is a coarser variant or the
    same one (by model name, as :func:`fcnlab.models.build_fcn` names them) with matching layer shapes.
    """
    from fcnlab.models import OUTPUT_STRIDES

    if OUTPUT_STRIDES.get(coarser.name, 0) < OUTPUT_STRIDES.get(model.name, 64):
        raise ValueError(f"init_from_coarser: {coarser.name!r} is not a coarser FCN than {model.name!r} "
                         f"(expected the models of build_fcn: fcn32s -> fcn16s -> fcn8s)")
    names = {layer.name for layer in coarser.layers}
    copied = []
    for layer in model.layers:
        if not layer.weights or layer.name not in names:
            continue
        values = coarser.get_layer(layer.name).get_weights()
        if [tuple(v.shape) for v in values] != [tuple(w.shape) for w in layer.weights]:
            raise ValueError(f"init_from_coarser: layer {layer.name!r} has other shapes in {coarser.name!r} "
                             f"(built with another width, head or number of classes?)")
        layer.set_weights(values)
        copied.append(layer.name)
    return copied


def fine_tune(model, data: fdata.LessonData, profile: Profile, *, epochs: int | None = None,
              learning_rate: float | None = None, seed: int = 0, callbacks=(), verbose: int = 0) -> dict:
    """Stage 2 of the full profile: unfreeze the encoder (and fc6 / fc7) and train everything at a lower rate.

    Stage 1 trains only the decoder on a frozen ImageNet encoder (fast, and with caching exact). Long et al.
    report that a frozen encoder reaches about 70 % of the fine-tuned mean IU; this stage closes that gap. The
    learning rate defaults to a tenth of the profile's, so the pretrained filters change gently. The stage backs
    up at most every ``profile.fine_tune_backup_seconds`` (its live state is the whole network). Returns the
    Keras history of this stage.
    """
    epochs = profile.fine_tune_epochs if epochs is None else epochs
    rate = profile.learning_rate / 10 if learning_rate is None else learning_rate
    for name in ("backbone", "fc6", "fc7"):
        model.get_layer(name).trainable = True
    split = splits(data, profile)

    keras.utils.set_random_seed(seed)
    fitted, train_ds, val_ds = stage_datasets(model, split, profile, seed=seed)  # images: nothing is frozen
    compile_fcn(fitted, profile, steps_per_epoch=_steps(split, profile), epochs=epochs, learning_rate=rate)
    checkpoint = stage_checkpoint(storage.Run.of(profile, data), model.name, "fine-tune", epochs=epochs,
                                  learning_rate=rate, seed=seed, every_seconds=profile.fine_tune_backup_seconds)
    return fit_stage(fitted, train_ds, val_ds, epochs=epochs, checkpoint=checkpoint, profile=profile,
                     callbacks=callbacks, verbose=verbose)


def _steps(split: Splits, profile: Profile) -> int:
    return int(np.ceil(len(split.train_images) / profile.batch_size))


@dataclass
class TrainingRun:
    """What :func:`train_fcn` returns. ``report`` is scored on ``report_split`` (``"test"`` or ``"validation"``)."""

    variant: str
    model: object
    history: dict
    train_seconds: float
    report: dict
    report_split: str
    epochs: int


def train_fcn(variant: str, data: fdata.LessonData, profile: Profile, *, seed: int = 0, epochs: int | None = None,
              init_from=None, init_from_name: str | None = None, name: str | None = None, callbacks=(),
              save: bool = True, verbose: int = 0) -> TrainingRun:
    """Build and train one FCN variant on ``data`` with the settings of ``profile``, all its stages.

    Every variant trained with the same ``seed`` and profile sees the same images in the same order with the
    same augmentation. With ``init_from`` (a trained coarser FCN, e.g. FCN-32s for FCN-16s) the new model starts
    from its weights (:func:`init_from_coarser`, the paper's staged training) and trains for
    ``profile.refine_epochs`` at ``profile.refine_learning_rate``; otherwise it starts from scratch (or from
    ImageNet) for ``profile.epochs`` at ``profile.learning_rate``, then, if the profile has one, the fine-tuning
    stage (:func:`fine_tune`). ``epochs`` overrides the first stage's. Each stage keeps its best epoch by
    validation mIoU and can resume after a disconnect (:func:`stage_checkpoint`). The model is then scored on
    the run's report split (test images, or the validation split for data without test labels) and, with
    ``save``, saved with its result (:mod:`fcnlab.storage`) — once, after the last stage — as ``name``
    (default: the variant; a control of :data:`CONTROLS` has its own name). The result records what the model
    started from: ``init_from_name``, by default the Keras name of ``init_from`` (a control's is ``fcn32s``).
    """
    keras.utils.set_random_seed(seed)
    devices.use_precision(profile)  # the profile's dtype policy for the model built below
    refine = init_from is not None
    epochs = (profile.refine_epochs if refine else profile.epochs) if epochs is None else epochs
    rate = profile.refine_learning_rate if refine else profile.learning_rate
    run = storage.Run.of(profile, data)
    split = splits(data, profile)
    # with init_from the copy overwrites every layer ImageNet would fill: no download
    model = build_model(variant, profile, data.num_classes, pretrained=not refine)
    if refine:
        init_from_coarser(model, init_from)
    with devices.strategy().scope():
        fitted, train_ds, val_ds = stage_datasets(model, split, profile, seed=seed)
    compile_fcn(fitted, profile, steps_per_epoch=_steps(split, profile), epochs=epochs, learning_rate=rate)
    name = variant if name is None else name
    checkpoint = stage_checkpoint(run, name, "refine" if refine else "train", epochs=epochs, learning_rate=rate,
                                  seed=seed)
    start = time.perf_counter()
    history = fit_stage(fitted, train_ds, val_ds, epochs=epochs, checkpoint=checkpoint, profile=profile,
                        callbacks=callbacks, verbose=verbose)
    stages = [{"stage": "refine" if refine else "train", "epochs": len(history["loss"]), "learning_rate": rate}]
    if not refine and profile.fine_tune_epochs:
        tuned = fine_tune(model, data, profile, seed=seed, callbacks=callbacks, verbose=verbose)
        history = {key: [*history[key], *tuned.get(key, [])] for key in history}
        stages.append({"stage": "fine-tune", "epochs": len(tuned["loss"]), "learning_rate": profile.learning_rate / 10})
    seconds = time.perf_counter() - start
    report = evaluation.evaluate_split(model, split.report, data.class_names)
    total = sum(stage["epochs"] for stage in stages)
    if save:
        info = {"stages": stages, "init_from": (init_from_name or init_from.name) if refine else None,
                "seed": seed}
        storage.save_model(model, run, name, **info)
        storage.save_result(name, report, run, train_seconds=round(seconds, 1), epochs=total, **info)
    return TrainingRun(name, model, history, seconds, report, split.report.name, total)


def load_or_train(name: str, data: fdata.LessonData, profile: Profile, *, say=print, announce: bool = True,
                  **kwargs):
    """The model this run saved as ``name`` (lesson 4), else one trained now the way lesson 4 trains it.

    That is: FCN-32s from scratch (plus the fine-tuning stage when the profile has one), FCN-16s from FCN-32s
    and FCN-8s from FCN-16s (:data:`COARSER`), a control of :data:`CONTROLS` from the model it continues; what
    a model starts from is loaded or trained first. A model saved by another profile or for other data is never
    loaded (:func:`fcnlab.storage.load_model` says so). Trained models are saved with their results. One line
    per model, in order: the model it starts from is named in that line, not announced when it is only loaded.
    """
    variant, starts_from = recipe(name)
    run = storage.Run.of(profile, data)
    model = storage.load_model(run, name, say=say)
    if model is not None:
        if announce:  # one short line each (lesson 5 shows them on a slide)
            say(f"{name}: loaded from {run.key}")
        return model
    start = (load_or_train(starts_from, data, profile, say=say, announce=False, **kwargs)
             if starts_from else None)
    say(f"{name}: not saved for this run yet; trained now" + (f" from {starts_from}" if starts_from else ""))
    return train_fcn(variant, data, profile, init_from=start, init_from_name=starts_from, name=name,
                     **kwargs).model
