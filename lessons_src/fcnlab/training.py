"""Training FCNs with Keras: compile, callbacks, one call to train a variant, saved models and results.

Lesson 4 builds each piece inline first (the loss, the optimiser, the callbacks) while training FCN-32s, and then
uses :func:`train_fcn` to refine it into FCN-16s and FCN-8s (:func:`init_from_coarser`, the paper's staged
training); lesson 5 calls :func:`load_or_train`, which does the same when it finds no saved model.

- The model returns **logits**; the loss is ``CategoricalCrossentropy(from_logits=True)`` on one-hot labels
  (numerically safer than a softmax layer followed by a log).
- The training metric is ``keras.metrics.OneHotMeanIoU``: it takes the argmax of the scores, so logits work.
- A validation split is carved off the training images (the test images are never used to pick a model).
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from fcnlab import data as fdata
from fcnlab import features, metrics
from fcnlab.data import VALIDATION_IMAGES, split_validation  # noqa: F401  (re-exported for lesson 4)
from fcnlab.profile import Profile


def build_dir() -> Path:
    """Where lessons write models and results: ``$FCNLAB_BUILD_DIR``, else the repository's ``build/``.

    Notebooks run inside ``notebooks/``, so from there it is ``../build``; elsewhere (Colab) ``./build``.
    """
    if os.environ.get("FCNLAB_BUILD_DIR"):
        return Path(os.environ["FCNLAB_BUILD_DIR"])
    here = Path.cwd()
    return here.parent / "build" if here.name == "notebooks" else here / "build"


DRIVE_FOLDER = Path("/content/drive/MyDrive/fcnlab")


def checkpoint_dir() -> Path:
    """Where training state is backed up: Google Drive when it is mounted (Colab), else ``build/checkpoints``.

    A Colab runtime can disconnect mid-training; what is on Drive survives it, so re-running the training cell
    resumes from the last finished epoch (see :func:`train_fcn`'s ``backup_dir``).
    """
    return DRIVE_FOLDER / "checkpoints" if DRIVE_FOLDER.parent.is_dir() else build_dir() / "checkpoints"


def model_path(variant: str) -> Path:
    """``build/models/<variant>.keras``."""
    return build_dir() / "models" / f"{variant}.keras"


def mixed_precision_policy() -> str:
    """The Keras dtype policy for this machine's accelerator.

    ``mixed_bfloat16`` on GPUs with bfloat16 tensor cores (compute capability >= 8: A100, L4, H100) and on
    TPUs; ``mixed_float16`` on older tensor-core GPUs (>= 7: V100, T4); ``float32`` on a CPU. The FCN's
    ``logits`` layer is float32 under every policy, so the loss and the softmax stay in full precision.
    """
    import tensorflow as tf

    if tf.config.list_logical_devices("TPU"):
        return "mixed_bfloat16"
    gpus = tf.config.list_physical_devices("GPU")
    if not gpus:
        return "float32"
    major, _ = tf.config.experimental.get_device_details(gpus[0]).get("compute_capability", (0, 0))
    return "mixed_bfloat16" if major >= 8 else "mixed_float16" if major >= 7 else "float32"


def choose_strategy():
    """A ``tf.distribute`` strategy for what this runtime has.

    A Colab TPU runtime → ``TPUStrategy``; several GPUs → ``MirroredStrategy`` (each replica gets a slice of
    every batch, gradients are summed across replicas); otherwise the default strategy (one device).
    """
    import tensorflow as tf

    try:
        resolver = tf.distribute.cluster_resolver.TPUClusterResolver()  # raises without a TPU
        tf.config.experimental_connect_to_cluster(resolver)
        tf.tpu.experimental.initialize_tpu_system(resolver)
        return tf.distribute.TPUStrategy(resolver)
    except (ValueError, RuntimeError, tf.errors.NotFoundError):
        pass
    if len(tf.config.list_logical_devices("GPU")) > 1:
        return tf.distribute.MirroredStrategy()
    return tf.distribute.get_strategy()


def image_datasets(lesson_data: fdata.LessonData, profile: Profile, *, seed: int = 0):
    """``(train_ds, val_ds, n_train)``: the training split shuffled and augmented as ``profile`` says, batched by
    its batch size; the validation split (:func:`split_validation`) in order, unaugmented."""
    (x_train, y_train), (x_val, y_val) = split_validation(lesson_data.train_images, lesson_data.train_labels)
    train_ds = fdata.make_tf_dataset(x_train, y_train, profile.batch_size, shuffle=True,
                                     augment=profile.augment, seed=seed)
    val_ds = fdata.make_tf_dataset(x_val, y_val, 8, shuffle=False, augment=False)
    return train_ds, val_ds, len(x_train)


def compile_fcn(model, profile: Profile, *, steps_per_epoch: int, epochs: int | None = None):
    """Compile ``model`` for training: Adam with a cosine learning-rate decay, cross-entropy on logits, mIoU."""
    import keras

    epochs = profile.epochs if epochs is None else epochs
    schedule = keras.optimizers.schedules.CosineDecay(profile.learning_rate, steps_per_epoch * epochs)
    num_classes = model.output_shape[-1]
    model.compile(
        optimizer=keras.optimizers.Adam(schedule),
        loss=keras.losses.CategoricalCrossentropy(from_logits=True),
        metrics=[keras.metrics.OneHotMeanIoU(num_classes, name="miou")],
    )
    return model


def predict_labels(model, images, *, batch_size: int = 16) -> np.ndarray:
    """Integer label maps ``(N, H, W)``: the argmax of the model's logits (no softmax needed for labels).

    The model is called directly on each batch (inference mode) rather than through ``model.predict``, which
    would trace a new ``tf.function`` for every model evaluated: a lesson that compares several models would
    then print TensorFlow's "excessive retracing" warnings for no benefit.
    """
    import keras

    images = fdata.check_images(images)
    logits = [keras.ops.convert_to_numpy(model(images[i:i + batch_size], training=False))
              for i in range(0, len(images), batch_size)]
    return metrics.to_label_map(np.concatenate(logits))


def evaluate(model, images, labels, class_names) -> dict:
    """Test metrics of ``model`` as plain floats: pixel accuracy, mean IoU, boundary IoU, IoU per class."""
    y_true = metrics.to_label_map(fdata.check_labels(labels))
    y_pred = predict_labels(model, images)
    return metrics.segmentation_report(y_true, y_pred, len(class_names), class_names=class_names)


class LivePrediction:
    """A Keras callback factory: after every ``every`` epochs, show image / truth / prediction in place.

    In a notebook the figure is updated in one output area (``IPython.display`` with a display id), so
    students watch the prediction sharpen while the model trains.
    """

    def __new__(cls, image, mask, *, every: int = 1, title: str = ""):
        import keras

        class _LivePrediction(keras.callbacks.Callback):
            def __init__(self):
                super().__init__()
                self.handle = None

            def on_epoch_end(self, epoch, logs=None):
                if (epoch + 1) % every:
                    return
                import matplotlib.pyplot as plt
                from IPython.display import display

                logits = np.asarray(self.model(image[None], training=False))[0]  # one image: no predict loop
                prediction = logits.argmax(-1)
                fig, axes = plt.subplots(1, 3, figsize=(9, 3))
                for ax, shown, name in zip(axes, (image, mask, prediction),
                                           ("image", "true mask", f"prediction after epoch {epoch + 1}"), strict=True):
                    ax.imshow(shown, vmin=0, vmax=1, cmap=None if shown.ndim == 3 else "gray")
                    ax.set_title(name)
                    ax.axis("off")
                miou = (logs or {}).get("val_miou")
                fig.suptitle(f"{title} — val mIoU {miou:.3f}" if miou is not None else title)
                fig.tight_layout()
                if self.handle is None:
                    self.handle = display(fig, display_id=True)
                else:
                    self.handle.update(fig)
                plt.close(fig)

        return _LivePrediction()


class GPUOutOfMemoryError(RuntimeError):
    """Training ran out of accelerator memory; the message says what to change."""


@contextmanager
def out_of_memory_advice(profile: Profile):
    """Turn TensorFlow's out-of-memory error into advice a student can act on."""
    import tensorflow as tf

    try:
        yield
    except tf.errors.ResourceExhaustedError as err:
        smaller = max(1, profile.batch_size // 2)
        raise GPUOutOfMemoryError(
            f"The GPU ran out of memory while training with batch size {profile.batch_size}. Try a smaller "
            f"batch: PROFILE = dataclasses.replace(PROFILE, batch_size={smaller}), then run the training cell "
            "again (Runtime -> Restart session first frees the memory). Mixed precision (the full profile's "
            "default) also halves the activations' memory.") from err


#: The staged training of Long et al.: each variant starts from the trained next-coarser one.
COARSER = {"fcn16s": "fcn32s", "fcn8s": "fcn16s"}


def init_from_coarser(model, coarser) -> list[str]:
    """Start ``model`` from a trained coarser FCN: copy the weights of every layer they share, by name.

    This is how Long et al. train: FCN-16s starts from the trained FCN-32s, FCN-8s from FCN-16s. Shared are the
    encoder, fc6, fc7, ``score_fr`` (and, from FCN-16s to 8s, ``upscore2`` and ``score_pool4``). The new skip
    scorer starts at zero, so the finer net at first predicts what the coarser one did (up to the border effects
    of two bilinear upsamplings instead of one), and training only adds the detail the new skip knows.

    Returns the names of the layers copied. Raises ``ValueError`` unless ``coarser`` is a coarser variant
    (by model name, as :func:`fcnlab.models.build_fcn` names them) with matching layer shapes.
    """
    from fcnlab.models import OUTPUT_STRIDES

    if OUTPUT_STRIDES.get(coarser.name, 0) <= OUTPUT_STRIDES.get(model.name, 64):
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


@dataclass
class TrainingRun:
    """What :func:`train_fcn` returns."""

    variant: str
    model: object
    history: dict
    train_seconds: float
    test_report: dict | None


def train_fcn(variant: str, lesson_data: fdata.LessonData, profile: Profile, *, seed: int = 0,
              epochs: int | None = None, init_from=None, callbacks=(), save: bool = True, backup_dir=None,
              strategy=None, verbose: int = 0) -> TrainingRun:
    """Build and train one FCN variant on the lesson data with the settings of ``profile``.

    Every variant trained with the same ``seed`` and profile sees the same images in the same order with
    the same augmentation. With ``init_from`` (a trained coarser FCN, e.g. FCN-32s for FCN-16s) the new model
    starts from its weights (:func:`init_from_coarser`, the paper's staged training) and trains for
    ``profile.refine_epochs`` at ``profile.refine_learning_rate``; otherwise it starts from scratch (or from
    ImageNet) for ``profile.epochs`` at ``profile.learning_rate``. ``epochs`` overrides either. The model with the best
    validation mIoU is kept (``EarlyStopping(restore_best_weights=True)``) and, with ``save``, written to
    :func:`model_path`. The test images are only used for the final report.

    With ``backup_dir`` (e.g. ``checkpoint_dir() / variant``), Keras' ``BackupAndRestore`` saves the training
    state after every epoch; if the process dies (a Colab disconnect), calling ``train_fcn`` again with the same
    arguments resumes after the last finished epoch and runs only the remaining ones, so the run still ends
    after ``epochs`` epochs. (The resumed epochs see a different shuffle / augmentation order than an
    uninterrupted run would: tf.data's random stream restarts with the process.)

    ``strategy`` defaults to :func:`choose_strategy` (one device, several GPUs, or a TPU); the batch size of
    the profile is the global batch, split across replicas.

    With a frozen encoder and ``profile.cache_features`` (the full profile), the frozen part's features (pool3 /
    pool4 / pool5, or pool3 / pool4 / fc6 with ``profile.freeze_fc``) are computed once (:mod:`fcnlab.features`)
    and only the decoder runs each step: the same losses as recomputing them, without augmentation (callbacks
    then see the decoder as their model).
    """
    import keras

    from fcnlab.models import build_fcn

    keras.utils.set_random_seed(seed)
    if init_from is not None:
        profile = dataclasses.replace(profile, epochs=profile.refine_epochs,
                                      learning_rate=profile.refine_learning_rate)
    epochs = profile.epochs if epochs is None else epochs
    (x_train, y_train), (x_val, y_val) = split_validation(lesson_data.train_images, lesson_data.train_labels)
    if strategy is None:
        strategy = choose_strategy()
    cached = profile.cache_features and profile.freeze_backbone
    with strategy.scope():  # variables created here are mirrored on every replica
        pretrained = init_from is None  # with init_from, the copy overwrites every layer ImageNet would fill
        model = build_fcn(variant, num_classes=lesson_data.num_classes,
                          weights=profile.weights if pretrained else None,
                          width=profile.backbone_width, freeze_backbone=profile.freeze_backbone,
                          batch_norm=profile.batch_norm, head_channels=profile.head_channels,
                          dropout=profile.dropout, fc_weights=profile.fc_weights if pretrained else None,
                          freeze_fc=profile.freeze_fc)
        if init_from is not None:
            init_from_coarser(model, init_from)
        steps = int(np.ceil(len(x_train) / profile.batch_size))
        fitted = model
        if cached:  # train the decoder (the model's own head layers) on features computed once
            encoder, fitted = features.split_fcn(model)
        compile_fcn(fitted, profile, steps_per_epoch=steps, epochs=epochs)
    if cached:
        # exact only without augmentation (an augmented image has other features): stage 1 trains on the
        # images as they are; the fine-tuning stage (fine_tune) augments
        train_ds = features.make_feature_dataset(features.cache_features(encoder, x_train), y_train,
                                                 profile.batch_size, shuffle=True, seed=seed)
        val_ds = features.make_feature_dataset(features.cache_features(encoder, x_val), y_val, 8, shuffle=False)
    else:
        train_ds, val_ds, _ = image_datasets(lesson_data, profile, seed=seed)
    stop = keras.callbacks.EarlyStopping(monitor="val_miou", mode="max", patience=max(3, epochs // 3),
                                         restore_best_weights=True)
    if backup_dir is not None:
        callbacks = [keras.callbacks.BackupAndRestore(str(backup_dir)), *callbacks]
    start = time.perf_counter()
    # shuffle=False: the tf.data pipeline already reshuffles every epoch (Keras cannot shuffle a Dataset)
    with out_of_memory_advice(profile):
        history = fitted.fit(train_ds, validation_data=val_ds, epochs=epochs, callbacks=[stop, *callbacks],
                             shuffle=False, verbose=verbose)
    seconds = time.perf_counter() - start
    report = None
    if lesson_data.test_labels is not None:
        report = evaluate(model, lesson_data.test_images, lesson_data.test_labels, lesson_data.class_names)
    if save:
        path = model_path(variant)
        path.parent.mkdir(parents=True, exist_ok=True)
        model.save(path)
        if report is not None:
            save_result(variant, report, train_seconds=seconds, epochs=len(history.history["loss"]),
                        profile=profile.name, init_from=None if init_from is None else init_from.name)
    return TrainingRun(variant, model, history.history, seconds, report)


def fine_tune(model, lesson_data: fdata.LessonData, profile: Profile, *, epochs: int,
              learning_rate: float | None = None, seed: int = 0, callbacks=(), verbose: int = 0) -> dict:
    """Stage 2 of the full profile: unfreeze the encoder (and fc6 / fc7) and train everything at a lower rate.

    Stage 1 trains only the decoder on a frozen ImageNet encoder (fast, and with caching exact). Long et al.
    report that a frozen encoder reaches about 70 % of the fine-tuned mean IU; this stage closes that gap.
    The learning rate defaults to a tenth of the profile's, so the pretrained filters change gently.
    Returns the Keras history of this stage.
    """
    import keras

    for name in ("backbone", "fc6", "fc7"):
        model.get_layer(name).trainable = True
    keras.utils.set_random_seed(seed)
    train_ds, val_ds, n_train = image_datasets(lesson_data, profile, seed=seed)
    lr = profile.learning_rate / 10 if learning_rate is None else learning_rate
    tuned = dataclasses.replace(profile, learning_rate=lr)
    compile_fcn(model, tuned, steps_per_epoch=int(np.ceil(n_train / profile.batch_size)), epochs=epochs)
    with out_of_memory_advice(profile):
        history = model.fit(train_ds, validation_data=val_ds, epochs=epochs, callbacks=list(callbacks),
                            shuffle=False, verbose=verbose)
    return history.history


def save_result(name: str, report: dict, **extra) -> Path:
    """Write ``build/results/<name>.json`` (test metrics + extras) for ``make lessons`` to collect."""
    path = build_dir() / "results" / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**report, **extra}, indent=2, sort_keys=True))
    return path


def load_or_train(variant: str, lesson_data: fdata.LessonData, profile: Profile, **kwargs):
    """The model saved by lesson 4 when it exists, else one trained now the way lesson 4 trains it.

    That is: FCN-32s from scratch (plus the fine-tuning stage when the profile has one), FCN-16s from FCN-32s and
    FCN-8s from FCN-16s (:data:`COARSER`; the coarser ones are loaded or trained first). Trained models are saved.
    """
    import keras

    import fcnlab.models  # noqa: F401  (registers the custom layers needed to load)

    path = model_path(variant)
    if path.exists():
        return keras.saving.load_model(path)
    if variant in COARSER:
        coarser = load_or_train(COARSER[variant], lesson_data, profile, **kwargs)
        return train_fcn(variant, lesson_data, profile, init_from=coarser, **kwargs).model
    run = train_fcn(variant, lesson_data, profile, **kwargs)
    if profile.fine_tune_epochs:
        fine_tune(run.model, lesson_data, profile, epochs=profile.fine_tune_epochs, seed=kwargs.get("seed", 0))
        run.model.save(path)
    return run.model
