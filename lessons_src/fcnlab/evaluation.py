"""Scoring a trained FCN on labelled images (one job: model in, label maps and a metrics report out).

The model returns **logits**; the predicted label of a pixel is their argmax (softmax would not change it), and
the metrics come from :mod:`fcnlab.metrics` (numpy).
"""

from __future__ import annotations

import keras
import numpy as np

from fcnlab import checks, metrics


def predict_logits(model, images, *, batch_size: int = 16) -> np.ndarray:
    """The model's logits ``(N, H, W, C)`` as float32 numpy, computed batch by batch in inference mode.

    The model is called directly on each batch rather than through ``model.predict``, which would trace a new
    ``tf.function`` for every model evaluated: a lesson that compares several models would then print
    TensorFlow's "excessive retracing" warnings for no benefit.
    """
    images = checks.images(images)
    out = [keras.ops.convert_to_numpy(model(images[i:i + batch_size], training=False))
           for i in range(0, len(images), batch_size)]
    return np.concatenate(out).astype(np.float32, copy=False)


def predict_labels(model, images, *, batch_size: int = 16) -> np.ndarray:
    """Integer label maps ``(N, H, W)``: the argmax of the model's logits."""
    return metrics.to_label_map(predict_logits(model, images, batch_size=batch_size))


def evaluate(model, images, labels, class_names) -> dict:
    """Metrics of ``model`` as plain floats: pixel accuracy, mean IoU, boundary IoU, IoU per class."""
    y_true = metrics.to_label_map(checks.one_hot_labels(labels))
    y_pred = predict_labels(model, images)
    return metrics.segmentation_report(y_true, y_pred, len(class_names), class_names=class_names)


def evaluate_split(model, split, class_names) -> dict:
    """:func:`evaluate` on a :class:`fcnlab.data.LabelledSplit`; the report says which split it is."""
    return {**evaluate(model, split.images, split.labels, class_names), "split": split.name,
            "images": int(len(split.images))}
