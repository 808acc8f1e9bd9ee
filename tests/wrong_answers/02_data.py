"""Plausible wrong answers to the exercises of notebooks/02_data.ipynb; each must fail its check.

Each entry replaces the solution region (``### BEGIN SOLUTION`` … ``### END SOLUTION``) of the exercise's
answer cell. The names the check reads are set to ``None`` before that region, in the cell itself.
"""

WRONG_ANSWERS = {
    "ex1": {
        "np.eye without a dtype (float64)": (
            "def my_one_hot(masks, num_classes):\n"
            "    return np.eye(num_classes)[masks]\n"
        ),
        "classes on the first axis": (
            "def my_one_hot(masks, num_classes):\n"
            "    return np.moveaxis(np.eye(num_classes, dtype=np.uint8)[masks], -1, 0)\n"
        ),
        "always two classes": (
            "def my_one_hot(masks, num_classes):\n"
            "    return np.eye(2, dtype=np.uint8)[masks]\n"
        ),
        "one class too many": (
            "def my_one_hot(masks, num_classes):\n"
            "    return np.eye(num_classes + 1, dtype=np.uint8)[masks]\n"
        ),
        "the mask unchanged": (
            "def my_one_hot(masks, num_classes):\n"
            "    return np.asarray(masks, dtype=np.uint8)\n"
        ),
        "classes counted from 1": (
            "def my_one_hot(masks, num_classes):\n"
            "    classes = np.arange(1, num_classes + 1)\n"
            "    return (np.asarray(masks)[..., None] == classes).astype(np.uint8)\n"
        ),
    },
    "ex2": {
        "the training set's share": (
            "p0 = float(train_labels[..., 0].mean())\n"
            "predicted_accuracy = p0\n"
            "predicted_miou = p0 / C\n"
        ),
        "channel 1 instead of channel 0": (
            "p0 = float(split.labels[..., 1].mean())\n"
            "predicted_accuracy = p0\n"
            "predicted_miou = p0 / C\n"
        ),
        "mean IoU not averaged over the classes": (
            "p0 = float(split.labels[..., 0].mean())\n"
            "predicted_accuracy = p0\n"
            "predicted_miou = p0\n"
        ),
        "mean IoU from the road share": (
            "p0 = float(split.labels[..., 0].mean())\n"
            "predicted_accuracy = p0\n"
            "predicted_miou = (1 - p0) / 2\n"
        ),
        "accuracy is the road share": (
            "p0 = float(split.labels[..., 0].mean())\n"
            "predicted_accuracy = 1 - p0\n"
            "predicted_miou = p0 / C\n"
        ),
        "rounded numbers from the text": (
            "p0 = 0.8\n"
            "predicted_accuracy = 0.79\n"
            "predicted_miou = 0.4\n"
        ),
    },
    "ex3": {
        "all zeros (the null predictor)": (
            "grey_pred = np.zeros_like(road_split)\n"
            "grey_miou = metrics.mean_iou(road_split, grey_pred, 2)\n"
        ),
        "applied to the training images": (
            "train_grey = train_imgs.mean(axis=-1)\n"
            "fires = train_grey < best_t if best_direction == '<' else train_grey >= best_t\n"
            "grey_pred = fires.astype(np.int64)\n"
            "grey_miou = metrics.mean_iou(is_road.astype(np.int64), grey_pred, 2)\n"
        ),
        "the direction flipped": (
            "split_grey = split.images.mean(axis=-1)\n"
            "fires = split_grey >= best_t if best_direction == '<' else split_grey < best_t\n"
            "grey_pred = fires.astype(np.int64)\n"
            "grey_miou = metrics.mean_iou(road_split, grey_pred, 2)\n"
        ),
        "the training score reported": (
            "split_grey = split.images.mean(axis=-1)\n"
            "fires = split_grey < best_t if best_direction == '<' else split_grey >= best_t\n"
            "grey_pred = fires.astype(np.int64)\n"
            "grey_miou = best_miou\n"
        ),
        "every 4th pixel only": (
            "split_grey = split.images[:, ::4, ::4].mean(axis=-1)\n"
            "fires = split_grey < best_t if best_direction == '<' else split_grey >= best_t\n"
            "grey_pred = fires.astype(np.int64)\n"
            "grey_miou = metrics.mean_iou(road_split[:, ::4, ::4], grey_pred, 2)\n"
        ),
    },
    "ex4": {
        "np.fliplr on a batch (flips up and down)": (
            "misfit_miou = metrics.mean_iou(np.fliplr(split.masks), split.masks, C)\n"
        ),
        "the order of the images flipped": (
            "misfit_miou = metrics.mean_iou(split.masks[::-1], split.masks, C)\n"
        ),
        "no flip at all": (
            "misfit_miou = metrics.mean_iou(split.masks, split.masks, C)\n"
        ),
        "the null predictor's score": (
            "misfit_miou = miou_null\n"
        ),
        "a percentage": (
            "misfit_miou = 100 * metrics.mean_iou(split.masks[:, :, ::-1], split.masks, C)\n"
        ),
    },
}
