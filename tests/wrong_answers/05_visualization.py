"""Wrong answers for the exercises of notebooks/05_visualization.ipynb.

Each entry replaces the code between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` in the exercise's answer
cell; the exercise's check must then fail (an AssertionError with a hint). They are the mistakes students make:
a constant instead of a search, the right formula on the wrong split, axis or class, logits for probabilities.
"""

_CURVE = "val_curve = [metrics.mean_iou(val_true, predict_at(val_probs, t), C) for t in GRID]\n"

WRONG_ANSWERS = {
    "ex1": {
        "no search: the default threshold": _CURVE + "best_threshold = 0.5\n",
        "the index of the best, not the threshold": _CURVE + "best_threshold = int(np.argmax(val_curve))\n",
        "the worst threshold (argmin)": _CURVE + "best_threshold = float(GRID[np.argmin(val_curve)])\n",
        "tuned on the report images": (
            "val_curve = [metrics.mean_iou(y_true, predict_at(probs_all['fcn32s'], t), C) for t in GRID]\n"
            "best_threshold = float(GRID[np.argmax(val_curve)])\n"),
        "thresholds on logits, not probabilities": (
            "val_curve = [metrics.mean_iou(val_true, predict_at(val_logits, t), C) for t in GRID]\n"
            "best_threshold = float(GRID[np.argmax(val_curve)])\n"),
        "the probability of class 0": (
            "val_curve = [metrics.mean_iou(val_true, (val_probs[..., 0] >= t).astype(int), C)\n"
            "             for t in GRID]\n"
            "best_threshold = float(GRID[np.argmax(val_curve)])\n"),
        "pixel accuracy instead of mean IoU": (
            "val_curve = [metrics.pixel_accuracy(val_true, predict_at(val_probs, t)) for t in GRID]\n"
            "best_threshold = float(GRID[np.argmax(val_curve)])\n"),
        "FCN-8s instead of FCN-32s": (
            "p8 = keras.ops.convert_to_numpy(keras.ops.softmax(\n"
            "    evaluation.predict_logits(models['fcn8s'], split.val_images), axis=-1))\n"
            "val_curve = [metrics.mean_iou(val_true, predict_at(p8, t), C) for t in GRID]\n"
            "best_threshold = float(GRID[np.argmax(val_curve)])\n"),
        "FCN-8s's probabilities on the report images": (
            "val_curve = [metrics.mean_iou(y_true, predict_at(probs_all['fcn8s'], t), C) for t in GRID]\n"
            "best_threshold = float(GRID[np.argmax(val_curve)])\n"),
    },
    "ex2": {
        "errors per band pixel (the wrong denominator)": (
            "band_share = bands.mean()\n"
            "error_share = {name: np.count_nonzero((preds[name] != y_true) & bands) / np.count_nonzero(bands)\n"
            "               for name in ('fcn32s', 'fcn8s')}\n"),
        "errors outside the bands": (
            "band_share = bands.mean()\n"
            "error_share = {}\n"
            "for name in ('fcn32s', 'fcn8s'):\n"
            "    wrong = preds[name] != y_true\n"
            "    error_share[name] = np.count_nonzero(wrong & ~bands) / np.count_nonzero(wrong)\n"),
        "a share of all pixels": (
            "band_share = bands.mean()\n"
            "error_share = {name: ((preds[name] != y_true) & bands).mean() for name in ('fcn32s', 'fcn8s')}\n"),
        "the predicted bands instead of the true ones": (
            "band_share = bands.mean()\n"
            "error_share = {}\n"
            "for name in ('fcn32s', 'fcn8s'):\n"
            "    wrong = preds[name] != y_true\n"
            "    pred_bands = np.stack([np.any([boundary_band(m == c) for c in range(C)], axis=0)\n"
            "                           for m in preds[name]])\n"
            "    error_share[name] = np.count_nonzero(wrong & pred_bands) / np.count_nonzero(wrong)\n"),
        "the bands of class 1 only": (
            "road_bands = np.stack([boundary_band(m == 1) for m in y_true])\n"
            "band_share = road_bands.mean()\n"
            "error_share = {}\n"
            "for name in ('fcn32s', 'fcn8s'):\n"
            "    wrong = preds[name] != y_true\n"
            "    error_share[name] = np.count_nonzero(wrong & road_bands) / np.count_nonzero(wrong)\n"),
        "band_share as a pixel count": (
            "band_share = np.count_nonzero(bands)\n"
            "error_share = {}\n"
            "for name in ('fcn32s', 'fcn8s'):\n"
            "    wrong = preds[name] != y_true\n"
            "    error_share[name] = np.count_nonzero(wrong & bands) / np.count_nonzero(wrong)\n"),
        "the models swapped": (
            "band_share = bands.mean()\n"
            "error_share = {}\n"
            "for name, other in (('fcn32s', 'fcn8s'), ('fcn8s', 'fcn32s')):\n"
            "    wrong = preds[other] != y_true\n"
            "    error_share[name] = np.count_nonzero(wrong & bands) / np.count_nonzero(wrong)\n"),
        "the mean of per-image shares": (
            "band_share = bands.mean()\n"
            "error_share = {}\n"
            "for name in ('fcn32s', 'fcn8s'):\n"
            "    wrong = preds[name] != y_true\n"
            "    error_share[name] = float(np.mean([np.count_nonzero(w & b) / max(1, np.count_nonzero(w))\n"
            "                                       for w, b in zip(wrong, bands)]))\n"),
    },
    "ex3": {
        "the transposed matrix (precision and recall swapped)": (
            "tp = cm[1, 1]\n"
            "fp = cm[1, :].sum() - tp\n"
            "fn = cm[:, 1].sum() - tp\n"
            "precision, recall, iou = tp / (tp + fp), tp / (tp + fn), tp / (tp + fp + fn)\n"),
        "class 0 instead of class 1": (
            "tp = cm[0, 0]\n"
            "fp = cm[:, 0].sum() - tp\n"
            "fn = cm[0, :].sum() - tp\n"
            "precision, recall, iou = tp / (tp + fp), tp / (tp + fn), tp / (tp + fp + fn)\n"),
        "true negatives in the IoU": (
            "tp = cm[1, 1]\n"
            "fp = cm[:, 1].sum() - tp\n"
            "fn = cm[1, :].sum() - tp\n"
            "precision, recall, iou = tp / (tp + fp), tp / (tp + fn), tp / cm.sum()\n"),
        "Dice instead of IoU": (
            "tp = cm[1, 1]\n"
            "fp = cm[:, 1].sum() - tp\n"
            "fn = cm[1, :].sum() - tp\n"
            "precision, recall, iou = tp / (tp + fp), tp / (tp + fn), 2 * tp / (2 * tp + fp + fn)\n"),
        "the whole row and column sums (TP counted twice)": (
            "tp = cm[1, 1]\n"
            "precision, recall = tp / cm[:, 1].sum(), tp / cm[1, :].sum()\n"
            "iou = tp / (cm[:, 1].sum() + cm[1, :].sum())\n"),
        "pixel accuracy for precision": (
            "tp = cm[1, 1]\n"
            "fp = cm[:, 1].sum() - tp\n"
            "fn = cm[1, :].sum() - tp\n"
            "precision, recall, iou = np.trace(cm) / cm.sum(), tp / (tp + fn), tp / (tp + fp + fn)\n"),
        "FCN-8s's matrix": (
            "cm8 = metrics.confusion_matrix(y_true, preds['fcn8s'], C)\n"
            "tp = cm8[1, 1]\n"
            "fp = cm8[:, 1].sum() - tp\n"
            "fn = cm8[1, :].sum() - tp\n"
            "precision, recall, iou = tp / (tp + fp), tp / (tp + fn), tp / (tp + fp + fn)\n"),
    },
    "ex4": {
        "2J / (1 - J)": (
            "jaccard = metrics.iou_per_class(y_true, preds['fcn8s'], C)\n"
            "dice_from_iou = 2 * jaccard / (1 - jaccard)\n"
            "iou_a, iou_b = [0.9, 0.15], [0.5, 0.5]\n"),
        "J / (1 + J)": (
            "jaccard = metrics.iou_per_class(y_true, preds['fcn8s'], C)\n"
            "dice_from_iou = jaccard / (1 + jaccard)\n"
            "iou_a, iou_b = [0.9, 0.15], [0.5, 0.5]\n"),
        "Dice = IoU": (
            "dice_from_iou = metrics.iou_per_class(y_true, preds['fcn8s'], C)\n"
            "iou_a, iou_b = [0.9, 0.15], [0.5, 0.5]\n"),
        "FCN-32s's IoUs": (
            "jaccard = metrics.iou_per_class(y_true, preds['fcn32s'], C)\n"
            "dice_from_iou = 2 * jaccard / (1 + jaccard)\n"
            "iou_a, iou_b = [0.9, 0.15], [0.5, 0.5]\n"),
        "the same model twice": (
            "jaccard = metrics.iou_per_class(y_true, preds['fcn8s'], C)\n"
            "dice_from_iou = 2 * jaccard / (1 + jaccard)\n"
            "iou_a, iou_b = [0.6, 0.6], [0.6, 0.6]\n"),
        "A better in every class": (
            "jaccard = metrics.iou_per_class(y_true, preds['fcn8s'], C)\n"
            "dice_from_iou = 2 * jaccard / (1 + jaccard)\n"
            "iou_a, iou_b = [0.9, 0.8], [0.5, 0.5]\n"),
        "the flip the wrong way round": (
            "jaccard = metrics.iou_per_class(y_true, preds['fcn8s'], C)\n"
            "dice_from_iou = 2 * jaccard / (1 + jaccard)\n"
            "iou_a, iou_b = [0.5, 0.5], [0.9, 0.15]\n"),
        "an IoU above 1": (
            "jaccard = metrics.iou_per_class(y_true, preds['fcn8s'], C)\n"
            "dice_from_iou = 2 * jaccard / (1 + jaccard)\n"
            "iou_a, iou_b = [1.3, 0.0], [0.6, 0.6]\n"),
        "uneven but no flip": (
            "jaccard = metrics.iou_per_class(y_true, preds['fcn8s'], C)\n"
            "dice_from_iou = 2 * jaccard / (1 + jaccard)\n"
            "iou_a, iou_b = [0.9, 0.5], [0.6, 0.6]\n"),
    },
}
