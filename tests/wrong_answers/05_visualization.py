"""Wrong answers for the exercises of notebooks/05_visualization.ipynb.

Each entry replaces the code between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` in the exercise's answer
cell; the exercise's check must then fail (an AssertionError with a hint). They are the mistakes students make:
a constant instead of a search, the right formula on the wrong split, axis or class, logits for probabilities.
"""

from tools.exercise_cases import merged

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

WRONG_ANSWERS["ex1"].update({
    "the ground truth scored against itself": (
        "val_curve = [metrics.mean_iou(val_true, val_true, C) for t in GRID]\n"
        "best_threshold = float(GRID[np.argmax(val_curve)])\n"),
    "right at three thresholds, the rest a straight line": (
        "ends = [metrics.mean_iou(val_true, predict_at(val_probs, t), C) for t in GRID[[0, 9, 18]]]\n"
        "val_curve = list(np.interp(GRID, GRID[[0, 9, 18]], ends))\n"
        "best_threshold = float(GRID[np.argmax(val_curve)])\n"),
})
WRONG_ANSWERS["ex2"]["errors per band pixel, each model's share in percent"] = (
    "band_share = bands.mean()\n"
    "error_share = {}\n"
    "for name in ('fcn32s', 'fcn8s'):\n"
    "    wrong = preds[name] != y_true\n"
    "    error_share[name] = 100 * np.count_nonzero(wrong & bands) / np.count_nonzero(wrong)\n")
WRONG_ANSWERS["ex4"]["one Dice from the mean IoU"] = (
    "m = metrics.mean_iou(y_true, preds['fcn8s'], C)\n"
    "dice_from_iou = 2 * m / (1 + m)\n"
    "iou_a, iou_b = [0.9, 0.15], [0.5, 0.5]\n")

# --- written blind -----------------------------------------------------------------------------------------------
# By a reviewer who saw only the student edition (not the solutions, the checks or the answers above), kept
# under their names and code.
BLIND_WRONG = {
    "ex1": {
        'tuned on the report images': """
            val_curve = [metrics.mean_iou(y_true, predict_at(probs_all["fcn32s"], t), C) for t in GRID]
            best_threshold = GRID[int(np.argmax(val_curve))]
        """,
        "FCN-8s's validation probabilities, not FCN-32s's": """
            p8 = keras.ops.convert_to_numpy(keras.ops.softmax(
                evaluation.predict_logits(models["fcn8s"], split.val_images), axis=-1))
            val_curve = [metrics.mean_iou(val_true, predict_at(p8, t), C) for t in GRID]
            best_threshold = GRID[int(np.argmax(val_curve))]
        """,
        'three thresholds computed, the rest interpolated': """
            coarse = [0.05, 0.5, 0.95]
            at_coarse = [metrics.mean_iou(val_true, predict_at(val_probs, t), C) for t in coarse]
            val_curve = np.interp(GRID, coarse, at_coarse)
            best_threshold = GRID[int(np.argmax(val_curve))]
        """,
        'pixel accuracy instead of mean IoU': """
            val_curve = [metrics.pixel_accuracy(val_true, predict_at(val_probs, t)) for t in GRID]
            best_threshold = GRID[int(np.argmax(val_curve))]
        """,
        'road IoU only, not the mean over classes': """
            val_curve = [metrics.iou_per_class(val_true, predict_at(val_probs, t), C)[1] for t in GRID]
            best_threshold = GRID[int(np.argmax(val_curve))]
        """,
        'mean of per-image IoUs instead of the pooled mean IoU': """
            val_curve = [float(np.mean(metrics.per_image_iou(val_true, predict_at(val_probs, t), C)))
                         for t in GRID]
            best_threshold = GRID[int(np.argmax(val_curve))]
        """,
        'argmin: the worst threshold': """
            val_curve = [metrics.mean_iou(val_true, predict_at(val_probs, t), C) for t in GRID]
            best_threshold = GRID[int(np.argmin(val_curve))]
        """,
        'best_threshold is the index, not the threshold': """
            val_curve = [metrics.mean_iou(val_true, predict_at(val_probs, t), C) for t in GRID]
            best_threshold = int(np.argmax(val_curve))
        """,
        'best_threshold is the best score, not its t': """
            val_curve = [metrics.mean_iou(val_true, predict_at(val_probs, t), C) for t in GRID]
            best_threshold = max(val_curve)
        """,
        'kept the default 0.5 from the explorer': """
            val_curve = [metrics.mean_iou(val_true, predict_at(val_probs, t), C) for t in GRID]
            best_threshold = 0.5
        """,
        'thresholds applied to the logits': """
            val_curve = [metrics.mean_iou(val_true, predict_at(val_logits, t), C) for t in GRID]
            best_threshold = GRID[int(np.argmax(val_curve))]
        """,
        "threshold on class 0's probability": """
            val_curve = [metrics.mean_iou(val_true, predict_at(val_probs, t, positive=0), C)
                         for t in GRID]
            best_threshold = GRID[int(np.argmax(val_curve))]
        """,
        'one validation image only': """
            val_curve = [metrics.mean_iou(val_true[0], predict_at(val_probs[0], t), C) for t in GRID]
            best_threshold = GRID[int(np.argmax(val_curve))]
        """,
    },
    "ex2": {
        'share of the band pixels that are wrong': """
            band_share = bands.mean()
            error_share = {}
            for name in ("fcn32s", "fcn8s"):
                wrong = preds[name] != y_true
                error_share[name] = (wrong & bands).sum() / bands.sum()
        """,
        'share of all pixels that are wrong and in a band': """
            band_share = bands.mean()
            error_share = {name: float(((preds[name] != y_true) & bands).mean())
                           for name in ("fcn32s", "fcn8s")}
        """,
        'counts, not fractions': """
            band_share = int(bands.sum())
            error_share = {name: int(((preds[name] != y_true) & bands).sum())
                           for name in ("fcn32s", "fcn8s")}
        """,
        'percentages': """
            band_share = 100 * bands.mean()
            error_share = {name: 100 * ((preds[name] != y_true) & bands).sum() / (preds[name] != y_true).sum()
                           for name in ("fcn32s", "fcn8s")}
        """,
        'band share rounded as printed in section 3': """
            band_share = round(float(bands.mean()), 2)
            error_share = {}
            for name in ("fcn32s", "fcn8s"):
                wrong = preds[name] != y_true
                error_share[name] = round(float((wrong & bands).sum() / wrong.sum()), 2)
        """,
        'bands of the predicted masks, not the true ones': """
            error_share = {}
            for name in ("fcn32s", "fcn8s"):
                pred_bands = np.stack([np.any([boundary_band(m == c) for c in range(C)], axis=0)
                                       for m in preds[name]])
                wrong = preds[name] != y_true
                error_share[name] = (wrong & pred_bands).sum() / wrong.sum()
            band_share = bands.mean()
        """,
        "copy-paste: FCN-8s's errors used for both models": """
            band_share = bands.mean()
            wrong = preds["fcn8s"] != y_true
            share = (wrong & bands).sum() / wrong.sum()
            error_share = {"fcn32s": share, "fcn8s": share}
        """,
        "FCN-16s's errors filed under fcn8s": """
            band_share = bands.mean()
            error_share = {}
            for key, name in (("fcn32s", "fcn32s"), ("fcn8s", "fcn16s")):
                wrong = preds[name] != y_true
                error_share[key] = (wrong & bands).sum() / wrong.sum()
        """,
        'uncertain pixels (entropy > 0.5 bit) instead of wrong ones': """
            band_share = bands.mean()
            error_share = {}
            for name in ("fcn32s", "fcn8s"):
                unsure = viz.entropy_map(probs_all[name]) > 0.5
                error_share[name] = (unsure & bands).sum() / unsure.sum()
        """,
        'only the image K studied in section 2': """
            band_share = bands[K].mean()
            error_share = {}
            for name in ("fcn32s", "fcn8s"):
                wrong = preds[name][K] != y_true[K]
                error_share[name] = (wrong & bands[K]).sum() / wrong.sum()
        """,
        "band share of class 1's band only": """
            road_bands = np.stack([boundary_band(m == 1) for m in y_true])
            band_share = road_bands.mean()
            error_share = {}
            for name in ("fcn32s", "fcn8s"):
                wrong = preds[name] != y_true
                error_share[name] = (wrong & road_bands).sum() / wrong.sum()
        """,
        'per-image shares averaged': """
            band_share = float(np.mean([b.mean() for b in bands]))
            error_share = {}
            for name in ("fcn32s", "fcn8s"):
                wrong = preds[name] != y_true
                per_image = [(w & b).sum() / max(w.sum(), 1) for w, b in zip(wrong, bands)]
                error_share[name] = float(np.mean(per_image))
        """,
    },
    "ex3": {
        'rows and columns swapped (precision and recall exchanged)': """
            tp = cm[1, 1]
            precision = tp / cm[1, :].sum()
            recall = tp / cm[:, 1].sum()
            iou = tp / (cm[1, :].sum() + cm[:, 1].sum() - tp)
        """,
        'class 0 instead of class 1': """
            tp = cm[0, 0]
            precision = tp / cm[:, 0].sum()
            recall = tp / cm[0, :].sum()
            iou = tp / (cm[:, 0].sum() + cm[0, :].sum() - tp)
        """,
        'integer division': """
            tp = cm[1, 1]
            fp = cm[:, 1].sum() - tp
            fn = cm[1, :].sum() - tp
            precision = tp // (tp + fp)
            recall = tp // (tp + fn)
            iou = tp // (tp + fp + fn)
        """,
        'percentages': """
            tp = cm[1, 1]
            fp = cm[:, 1].sum() - tp
            fn = cm[1, :].sum() - tp
            precision = 100 * tp / (tp + fp)
            recall = 100 * tp / (tp + fn)
            iou = 100 * tp / (tp + fp + fn)
        """,
        "mean IoU over the classes instead of class 1's": """
            tp = cm[1, 1]
            precision = tp / cm[:, 1].sum()
            recall = tp / cm[1, :].sum()
            ious = np.diag(cm) / (cm.sum(axis=0) + cm.sum(axis=1) - np.diag(cm))
            iou = ious.mean()
        """,
        'Dice computed as the IoU': """
            tp = cm[1, 1]
            fp = cm[:, 1].sum() - tp
            fn = cm[1, :].sum() - tp
            precision = tp / (tp + fp)
            recall = tp / (tp + fn)
            iou = 2 * tp / (2 * tp + fp + fn)
        """,
        'precision as a share of all pixels': """
            tp = cm[1, 1]
            precision = tp / cm.sum()
            recall = tp / cm[1, :].sum()
            iou = tp / (cm[:, 1].sum() + cm[1, :].sum() - tp)
        """,
        'row-normalised matrix, then precision from its column': """
            rates = cm / cm.sum(axis=1, keepdims=True)
            precision = rates[1, 1] / rates[:, 1].sum()
            recall = rates[1, 1]
            iou = rates[1, 1] / (rates[:, 1].sum() + rates[1, :].sum() - rates[1, 1])
        """,
        "FCN-8s's confusion matrix": """
            cm8 = metrics.confusion_matrix(y_true, preds["fcn8s"], C)
            tp = cm8[1, 1]
            precision = tp / cm8[:, 1].sum()
            recall = tp / cm8[1, :].sum()
            iou = tp / (cm8[:, 1].sum() + cm8[1, :].sum() - tp)
        """,
    },
    "ex4": {
        "FCN-32s's IoUs": """
            j = metrics.iou_per_class(y_true, preds["fcn32s"], C)
            dice_from_iou = 2 * j / (1 + j)
            iou_a, iou_b = [1.0, 0.0], [0.45, 0.45]
        """,
        'formula from the mean IoU (one number)': """
            j = metrics.mean_iou(y_true, preds["fcn8s"], C)
            dice_from_iou = 2 * j / (1 + j)
            iou_a, iou_b = [1.0, 0.0], [0.45, 0.45]
        """,
        'forgot the 2: J / (1 + J)': """
            j = metrics.iou_per_class(y_true, preds["fcn8s"], C)
            dice_from_iou = j / (1 + j)
            iou_a, iou_b = [1.0, 0.0], [0.45, 0.45]
        """,
        '2J / (1 - J)': """
            j = metrics.iou_per_class(y_true, preds["fcn8s"], C)
            dice_from_iou = 2 * j / (1 - j + 1e-12)
            iou_a, iou_b = [1.0, 0.0], [0.45, 0.45]
        """,
        'models A and B swapped': """
            j = metrics.iou_per_class(y_true, preds["fcn8s"], C)
            dice_from_iou = 2 * j / (1 + j)
            iou_a, iou_b = [0.45, 0.45], [1.0, 0.0]
        """,
        'not a counterexample: believes the ranking always holds': """
            j = metrics.iou_per_class(y_true, preds["fcn8s"], C)
            dice_from_iou = 2 * j / (1 + j)
            iou_a, iou_b = [0.8, 0.6], [0.7, 0.6]
        """,
        'a tie, not a flip': """
            j = metrics.iou_per_class(y_true, preds["fcn8s"], C)
            dice_from_iou = 2 * j / (1 + j)
            iou_a, iou_b = [0.9, 0.1], [0.5, 0.5]
        """,
        'too little spread: A still wins on Dice': """
            j = metrics.iou_per_class(y_true, preds["fcn8s"], C)
            dice_from_iou = 2 * j / (1 + j)
            iou_a, iou_b = [0.6, 0.4], [0.49, 0.49]
        """,
        "the lesson's real models as A and B": """
            j = metrics.iou_per_class(y_true, preds["fcn8s"], C)
            dice_from_iou = 2 * j / (1 + j)
            iou_a = metrics.iou_per_class(y_true, preds["fcn8s"], C)
            iou_b = metrics.iou_per_class(y_true, preds["fcn32s"], C)
        """,
        'IoUs in percent': """
            j = metrics.iou_per_class(y_true, preds["fcn8s"], C)
            dice_from_iou = 2 * j / (1 + j)
            iou_a, iou_b = [100.0, 0.0], [45.0, 45.0]
        """,
        'per-image IoUs of FCN-8s': """
            j = metrics.per_image_iou(y_true, preds["fcn8s"], C)
            dice_from_iou = 2 * j / (1 + j)
            iou_a, iou_b = [1.0, 0.0], [0.45, 0.45]
        """,
        'three IoUs per model instead of two': """
            j = metrics.iou_per_class(y_true, preds["fcn8s"], C)
            dice_from_iou = 2 * j / (1 + j)
            iou_a, iou_b = [1.0, 0.0, 0.5], [0.45, 0.45, 0.45]
        """,
    },
}

BLIND_RIGHT = {
    "ex1": {
        'list comprehension and argmax': """
            val_curve = [metrics.mean_iou(val_true, predict_at(val_probs, t), C) for t in GRID]
            best_threshold = GRID[int(np.argmax(val_curve))]
        """,
        'loop into an array, nanmean of the per-class IoUs, max by key': """
            val_curve = np.zeros(len(GRID))
            for i, t in enumerate(GRID):
                pred = predict_at(val_probs, t)
                val_curve[i] = np.nanmean(metrics.iou_per_class(val_true, pred, C))
            best_threshold = max(GRID, key=lambda t: val_curve[list(GRID).index(t)])
        """,
        'a dict from threshold to score': """
            scores_by_t = {float(t): metrics.mean_iou(val_true, predict_at(val_probs, t), C) for t in GRID}
            val_curve = list(scores_by_t.values())
            best_threshold = max(scores_by_t, key=scores_by_t.get)
        """,
    },
    "ex2": {
        'boolean masks and sums': """
            band_share = np.count_nonzero(bands) / bands.size
            error_share = {}
            for name in ("fcn32s", "fcn8s"):
                wrong = preds[name] != y_true
                error_share[name] = np.count_nonzero(wrong & bands) / np.count_nonzero(wrong)
        """,
        'mean of the band mask over the wrong pixels': """
            band_share = float(bands.mean())
            error_share = {name: float(bands[preds[name] != y_true].mean()) for name in ["fcn32s", "fcn8s"]}
        """,
        'image by image': """
            band_share = sum(b.sum() for b in bands) / sum(b.size for b in bands)
            error_share = {}
            for name in ("fcn32s", "fcn8s"):
                in_band = total = 0
                for pred, truth, band in zip(preds[name], y_true, bands):
                    wrong = pred != truth
                    in_band += int(wrong[band].sum())
                    total += int(wrong.sum())
                error_share[name] = in_band / total
        """,
    },
    "ex3": {
        'column and row sums': """
            tp = cm[1, 1]
            fp = cm[:, 1].sum() - tp
            fn = cm[1, :].sum() - tp
            precision = tp / (tp + fp)
            recall = tp / (tp + fn)
            iou = tp / (tp + fp + fn)
        """,
        'np.delete the diagonal cell; IoU from precision and recall': """
            tp = float(cm[1, 1])
            fp = np.delete(cm[:, 1], 1).sum()
            fn = np.delete(cm[1, :], 1).sum()
            precision = tp / (tp + fp)
            recall = tp / (tp + fn)
            iou = precision * recall / (precision + recall - precision * recall)
        """,
        'loops over the cells': """
            tp = fp = fn = 0
            for t in range(cm.shape[0]):
                for p in range(cm.shape[1]):
                    if t == 1 and p == 1:
                        tp += cm[t, p]
                    elif p == 1:
                        fp += cm[t, p]
                    elif t == 1:
                        fn += cm[t, p]
            precision = tp / (tp + fp)
            recall = tp / (tp + fn)
            iou = tp / (tp + fp + fn)
        """,
    },
    "ex4": {
        'numpy formula, a perfect class and a failed one against two middling ones': """
            j = metrics.iou_per_class(y_true, preds["fcn8s"], C)
            dice_from_iou = 2 * j / (1 + j)
            iou_a = [1.0, 0.0]
            iou_b = [0.45, 0.45]
        """,
        'loop over the classes, another counterexample': """
            dice_from_iou = []
            for j in metrics.iou_per_class(y_true, preds["fcn8s"], C):
                dice_from_iou.append(2 * j / (1 + j))
            dice_from_iou = np.array(dice_from_iou)
            iou_a = np.array([0.9, 0.1])   # mean 0.50, mean Dice 0.56
            iou_b = np.array([0.48, 0.48])  # mean 0.48, mean Dice 0.65
        """,
    },
}

# blind wrong answers that no check of these exercises can reject, so they are not run: with two classes the
# off-diagonal cells [0, 1] and [1, 0] are exactly FP and FN, and all off-diagonal pixels are FP + FN; the
# masks give the same numbers as the matrix ("from cm alone" is about the method, which values do not show);
# metrics.dice_per_class equals 2J / (1 + J) to rounding. A multi-class exercise (or a function the check
# calls on a matrix of its own) would reject the first two.
BLIND_NOT_REJECTED = {
    "ex3": {
        'FP and FN from cells [0, 1] and [1, 0]: only right with two classes': """
            tp, fp, fn = cm[1, 1], cm[0, 1], cm[1, 0]
            precision = tp / (tp + fp)
            recall = tp / (tp + fn)
            iou = tp / (tp + fp + fn)
        """,
        'IoU with all off-diagonal pixels as errors: only right with two classes': """
            tp = cm[1, 1]
            precision = tp / cm[:, 1].sum()
            recall = tp / cm[1, :].sum()
            iou = tp / (tp + cm.sum() - np.trace(cm))
        """,
        'fcnlab and masks instead of the confusion matrix': """
            called, truly = preds["fcn32s"] == 1, y_true == 1
            precision = truly[called].mean()
            recall = called[truly].mean()
            iou = metrics.iou_per_class(y_true, preds["fcn32s"], C)[1]
        """,
    },
    "ex4": {
        "fcnlab's dice_per_class instead of 2J/(1+J)": """
            dice_from_iou = metrics.dice_per_class(y_true, preds["fcn8s"], C)
            iou_a, iou_b = [1.0, 0.0], [0.45, 0.45]
        """,
    },
}




WRONG_ANSWERS = merged(WRONG_ANSWERS, BLIND_WRONG)
RIGHT_ANSWERS = merged({}, BLIND_RIGHT)
