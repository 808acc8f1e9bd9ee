"""Plausible wrong answers to the exercises of notebooks/02_data.ipynb; each must fail its check.

Each entry replaces the solution region (``### BEGIN SOLUTION`` … ``### END SOLUTION``) of the exercise's
answer cell. The names the check reads are set to ``None`` before that region, in the cell itself.
"""

import textwrap

from tools.exercise_cases import merged


def _ns(p0_line: str, accuracy: str, miou: str) -> str:
    """A ``null_scores`` answer (exercise 2) from its three parts."""
    return (f"def null_scores(labels):  # noqa: F811\n    {p0_line}\n"
            f"    return p0, {accuracy}, {miou}\n")


def _fm(body: str, before: str = "") -> str:
    """A ``flip_misfit`` answer (exercise 4) that returns ``body``."""
    return f"def flip_misfit(masks, num_classes):  # noqa: F811\n{before}    return {body}\n"

# Exercise 3: grey_rule, then its prediction and score on the held-out split
_GREY = ("grey = images.mean(axis=-1)\n"
         "return (grey < t if direction == '<' else grey >= t).astype(np.int64)")
_APPLY = "grey_pred = grey_rule(split.images, best_direction, best_t)\n"
_SCORE = "grey_miou = metrics.mean_iou(road_split, grey_pred, 2)\n"


def _gr(rule_body: str, rest: str) -> str:
    """An exercise-3 answer: ``grey_rule`` with ``rule_body``, then ``rest`` (grey_pred, grey_miou)."""
    body = "".join(f"    {line}\n" for line in rule_body.split("\n"))
    return f"def grey_rule(images, direction, t):  # noqa: F811\n{body}\n{rest}"


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
        "float32, like the tf.data batch": (
            "def my_one_hot(masks, num_classes):\n"
            "    return np.eye(num_classes, dtype=np.float32)[masks]\n"
        ),
    },
    # ex2 and ex4 ask for functions (null_scores, flip_misfit), so that the check can call them on inputs
    # of its own; each wrong answer keeps its mistake in that form.
    "ex2": {
        "the training set's share": _ns(
            "p0 = float(train_labels[..., 0].mean())", "p0", "p0 / labels.shape[-1]"),
        "channel 1 instead of channel 0": _ns(
            "p0 = float(labels[..., 1].mean())", "p0", "p0 / labels.shape[-1]"),
        "mean IoU not averaged over the classes": _ns(
            "p0 = float(labels[..., 0].mean())", "p0", "p0"),
        "mean IoU from the road share": _ns(
            "p0 = float(labels[..., 0].mean())", "p0", "(1 - p0) / 2"),
        "accuracy is the road share": _ns(
            "p0 = float(labels[..., 0].mean())", "1 - p0", "p0 / labels.shape[-1]"),
        "rounded numbers from the text": _ns("p0 = 0.8", "0.79", "0.4"),
        "the lesson's C, not the labels' class count": _ns(
            "p0 = float(labels[..., 0].mean())", "p0", "p0 / C"),
        "section 4's scores returned": _ns("p0 = acc_null", "acc_null", "miou_null"),
    },
    # ex3 asks for grey_rule(images, direction, t) too, so that the check can try both directions on images
    # of its own; each wrong answer keeps its mistake in that form.
    "ex3": {
        "section 5's table for the colour rule": _gr(
            _GREY, "grey_pred = rule_pred\ngrey_miou = reports['colour rule']['mean_iou']\n"),
        "the threshold of the colour rule's interval": _gr(
            _GREY, "grey_pred = grey_rule(split.images, '<', 0.211)\n" + _SCORE),
        "all zeros (the null predictor)": _gr(
            "return np.zeros(images.shape[:-1], np.int64)", _APPLY + _SCORE),
        "applied to the training images": _gr(
            _GREY, "grey_pred = grey_rule(train_imgs, best_direction, best_t)\n"
                   "grey_miou = metrics.mean_iou(is_road.astype(np.int64), grey_pred, 2)\n"),
        "the direction flipped": _gr(
            "grey = images.mean(axis=-1)\n"
            "return (grey >= t if direction == '<' else grey < t).astype(np.int64)", _APPLY + _SCORE),
        "the training score reported": _gr(_GREY, _APPLY + "grey_miou = best_miou\n"),
        "every 4th pixel only": _gr(
            "grey = images[:, ::4, ::4].mean(axis=-1)\n"
            "return (grey < t if direction == '<' else grey >= t).astype(np.int64)",
            _APPLY + "grey_miou = metrics.mean_iou(road_split[:, ::4, ::4], grey_pred, 2)\n"),
    },
    "ex4": {
        "np.fliplr on a batch (flips up and down)": _fm(
            "metrics.mean_iou(np.fliplr(masks), masks, num_classes)"),
        "the order of the images flipped": _fm("metrics.mean_iou(masks[::-1], masks, num_classes)"),
        "no flip at all": _fm("metrics.mean_iou(masks, masks, num_classes)"),
        "the null predictor's score": _fm("miou_null"),
        "a percentage": _fm("100 * metrics.mean_iou(masks[:, :, ::-1], masks, num_classes)"),
        "the lesson's C, not num_classes": _fm("metrics.mean_iou(masks[:, :, ::-1], masks, C)"),
        "split.masks, not the masks passed in": _fm(
            "metrics.mean_iou(split.masks[:, :, ::-1], split.masks, num_classes)"),
    },
}


# --- Written blind ---------------------------------------------------------------------------------------------
# By a reviewer who saw only the student edition: not the solutions, not the checks' design, not the answers
# above. Merged into WRONG_ANSWERS and RIGHT_ANSWERS below; a name that clashes gets " (blind)".
BLIND_WRONG_ANSWERS = {
    # ------------------------------------------------------------------ ex1: one-hot by hand
    "ex1": {
        "calls fcnlab.data.one_hot": '''
            def my_one_hot(masks, num_classes):
                return fcnlab.data.one_hot(masks, num_classes)
        ''',
        "np.eye's default float dtype": '''
            def my_one_hot(masks, num_classes):
                return np.eye(num_classes)[masks]
        ''',
        "bool, not uint8": '''
            def my_one_hot(masks, num_classes):
                return masks[..., None] == np.arange(num_classes)
        ''',
        "class axis first": '''
            def my_one_hot(masks, num_classes):
                return np.stack([masks == c for c in range(num_classes)]).astype(np.uint8)
        ''',
        "global C instead of num_classes": '''
            def my_one_hot(masks, num_classes):
                return (masks[..., None] == np.arange(C)).astype(np.uint8)
        ''',
        "classes counted from masks.max() + 1": '''
            def my_one_hot(masks, num_classes):
                n = int(masks.max()) + 1
                return (masks[..., None] == np.arange(n)).astype(np.uint8)
        ''',
        "binary only: 1 - m and m": '''
            def my_one_hot(masks, num_classes):
                masks = np.asarray(masks)
                return np.stack([1 - masks, masks], axis=-1).astype(np.uint8)
        ''',
        "signed int8, not uint8": '''
            def my_one_hot(masks, num_classes):
                return np.identity(num_classes)[masks].astype(np.int8)
        ''',
        "off by one: classes 1..C": '''
            def my_one_hot(masks, num_classes):
                return (masks[..., None] == np.arange(1, num_classes + 1)).astype(np.uint8)
        ''',
        "only channels 0 and 1 filled": '''
            def my_one_hot(masks, num_classes):
                out = np.zeros((*np.shape(masks), num_classes), dtype=np.uint8)
                out[..., 0] = masks == 0
                out[..., 1] = masks == 1
                return out
        ''',
        "argmax: the wrong direction": '''
            def my_one_hot(masks, num_classes):
                return np.asarray(masks).argmax(axis=-1).astype(np.uint8)
        ''',
    },
    # ------------------------------------------------------------------ ex2: the null predictor by formula
    # (the exercise now asks for null_scores(labels); each answer keeps its mistake in that form)
    "ex2": {
        "copied the scores of section 4": '''
            def null_scores(labels):
                return acc_null, acc_null, miou_null
        ''',
        "p0 from the training shares": '''
            def null_scores(labels):
                p0 = shares[0]
                return p0, p0, p0 / labels.shape[-1]
        ''',
        "p0 from the training labels": '''
            def null_scores(labels):
                p0 = data.train_labels[..., 0].mean()
                return p0, p0, p0 / labels.shape[-1]
        ''',
        "channel 1 (road) instead of class 0": '''
            def null_scores(labels):
                p0 = labels[..., 1].mean()
                return p0, p0, p0 / labels.shape[-1]
        ''',
        "percent, not a fraction": '''
            def null_scores(labels):
                p0 = 100 * labels[..., 0].mean()
                return p0, p0, p0 / labels.shape[-1]
        ''',
        "a pixel count, not a share": '''
            def null_scores(labels):
                p0 = int(labels[..., 0].sum())
                accuracy = p0 / labels[..., 0].size
                return p0, accuracy, accuracy / labels.shape[-1]
        ''',
        "divided by all one-hot entries": '''
            def null_scores(labels):
                p0 = labels[..., 0].sum() / labels.size
                return p0, p0, p0 / labels.shape[-1]
        ''',
        "share of zeros in the one-hot array": '''
            def null_scores(labels):
                p0 = np.mean(labels == 0)
                return p0, p0, p0 / labels.shape[-1]
        ''',
        "mIoU = IoU of class 0 only": '''
            def null_scores(labels):
                p0 = labels[..., 0].mean()
                return p0, p0, p0
        ''',
        "other classes given IoU 1 - p0": '''
            def null_scores(labels):
                p0 = labels[..., 0].mean()
                return p0, p0, (p0 + (1 - p0)) / labels.shape[-1]
        ''',
        "accuracy 1 - p0": '''
            def null_scores(labels):
                p0 = labels[..., 0].mean()
                return p0, 1 - p0, p0 / labels.shape[-1]
        ''',
        "hard-coded two classes": '''
            def null_scores(labels):
                p0 = labels[..., 0].mean()
                return p0, p0, p0 / 2
        ''',
        "scored with fcnlab.metrics, no formula": '''
            def null_scores(labels):
                p0 = labels[..., 0].mean()
                masks = labels.argmax(axis=-1)
                zeros = np.zeros_like(masks)
                return (p0, metrics.pixel_accuracy(masks, zeros),
                        metrics.mean_iou(masks, zeros, labels.shape[-1]))
        ''',
    },
    # ------------------------------------------------------------------ ex3: the grey threshold on held-out images
    # (the exercise now asks for grey_rule(images, direction, t) as well; each answer keeps its mistake)
    "ex3": {
        "re-fitted the threshold on the held-out split": _gr(_GREY, textwrap.dedent('''
            split_grey = split.images.mean(axis=-1)
            best = (-1.0, None)
            for t in bins[1:-1]:
                for direction in ("<", ">="):
                    fires = split_grey < t if direction == "<" else split_grey >= t
                    score = metrics.mean_iou(road_split, fires.astype(np.int64), 2)
                    if score > best[0]:
                        best = (score, fires.astype(np.int64))
            grey_miou, grey_pred = best
        ''')),
        "copied the colour rule's prediction": _gr(_GREY, "grey_pred = rule_pred\n" + _SCORE),
        "copied the training mean IoU": _gr(_GREY, _APPLY + "grey_miou = best_miou\n"),
        "ignored best_direction, always <": _gr(
            "return (images.mean(axis=-1) < t).astype(np.int64)", _APPLY + _SCORE),
        "scored on the training images": _gr(
            _GREY, "grey_pred = grey_rule(train_imgs, best_direction, best_t)\n"
                   "grey_miou = metrics.mean_iou(is_road.astype(np.int64), grey_pred, 2)\n"),
        "threshold on a 0-255 scale": _gr(
            "grey = images.mean(axis=-1)\nt = t * 255\n"
            "return (grey < t if direction == '<' else grey >= t).astype(np.int64)", _APPLY + _SCORE),
        "red channel as the grey level": _gr(
            "grey = images[..., 0]\n"
            "return (grey < t if direction == '<' else grey >= t).astype(np.int64)", _APPLY + _SCORE),
        "inverted: 1 = not road": _gr(
            "grey = images.mean(axis=-1)\n"
            "return (~(grey < t if direction == '<' else grey >= t)).astype(np.int64)", _APPLY + _SCORE),
        "pixel accuracy instead of mean IoU": _gr(
            _GREY, _APPLY + "grey_miou = metrics.pixel_accuracy(road_split, grey_pred)\n"),
        "every 4th pixel, as in the search": _gr(
            "grey = images[:, ::4, ::4].mean(axis=-1)\n"
            "return (grey < t if direction == '<' else grey >= t).astype(np.int64)",
            _APPLY + "grey_miou = metrics.mean_iou(road_split[:, ::4, ::4], grey_pred, 2)\n"),
        "max channel (HSV value) as the grey level": _gr(
            "grey = images.max(axis=-1)\n"
            "return (grey < t if direction == '<' else grey >= t).astype(np.int64)", _APPLY + _SCORE),
        "the truth as the prediction": _gr(_GREY, "grey_pred = road_split.copy()\n" + _SCORE),
    },
    # ------------------------------------------------------------------ ex4: a flip that forgets the mask
    # (the exercise now asks for flip_misfit(masks, num_classes); each answer keeps its mistake in that form)
    "ex4": {
        "np.fliplr on (N, H, W) flips the rows": '''
            def flip_misfit(masks, num_classes):
                return metrics.mean_iou(np.fliplr(masks), masks, num_classes)
        ''',
        "axis 1: an up-down flip": '''
            def flip_misfit(masks, num_classes):
                return metrics.mean_iou(np.flip(masks, axis=1), masks, num_classes)
        ''',
        "axis 0: reversed the image order": '''
            def flip_misfit(masks, num_classes):
                return metrics.mean_iou(masks[::-1], masks, num_classes)
        ''',
        "np.flip without an axis flips everything": '''
            def flip_misfit(masks, num_classes):
                return metrics.mean_iou(np.flip(masks), masks, num_classes)
        ''',
        "transpose instead of a flip": '''
            def flip_misfit(masks, num_classes):
                return metrics.mean_iou(masks.transpose(0, 2, 1), masks, num_classes)
        ''',
        "training masks instead of the held-out split": '''
            def flip_misfit(masks, num_classes):
                return metrics.mean_iou(train_masks[:, :, ::-1], train_masks, num_classes)
        ''',
        "pixel accuracy instead of mean IoU": '''
            def flip_misfit(masks, num_classes):
                return metrics.pixel_accuracy(masks[:, :, ::-1], masks)
        ''',
        "copied the null predictor's mean IoU": '''
            def flip_misfit(masks, num_classes):
                return miou_null
        ''',
        "flipped both sides": '''
            def flip_misfit(masks, num_classes):
                flipped = masks[:, :, ::-1]
                return metrics.mean_iou(flipped, flipped, num_classes)
        ''',
        "colour rule on flipped images": '''
            def flip_misfit(masks, num_classes):
                flipped_pred = colour_rule.predict(split.images[:, :, ::-1])
                return metrics.mean_iou(road_split, flipped_pred, 2)
        ''',
        "hard-coded two classes": '''
            def flip_misfit(masks, num_classes):
                return metrics.mean_iou(masks[:, :, ::-1], masks, 2)
        ''',
        "road IoU only": '''
            def flip_misfit(masks, num_classes):
                return metrics.iou_per_class(masks[:, :, ::-1], masks, num_classes)[1]
        ''',
        "boundary IoU instead of mean IoU": '''
            def flip_misfit(masks, num_classes):
                return metrics.boundary_iou(masks[:, :, ::-1], masks, num_classes)
        ''',
        "mean of per-image scores": '''
            def flip_misfit(masks, num_classes):
                return float(np.mean([metrics.mean_iou(m[:, ::-1], m, num_classes) for m in masks]))
        ''',
    },
}

BLIND_RIGHT_ANSWERS = {
    "ex1": {
        "rows of an identity matrix": '''
            def my_one_hot(masks, num_classes):
                return np.eye(num_classes, dtype=np.uint8)[np.asarray(masks)]
        ''',
        "compare with arange": '''
            def my_one_hot(masks, num_classes):
                masks = np.asarray(masks)
                return (masks[..., np.newaxis] == np.arange(num_classes)).astype(np.uint8)
        ''',
        "loop over the classes": '''
            def my_one_hot(masks, num_classes):
                masks = np.asarray(masks)
                out = np.zeros(masks.shape + (num_classes,), dtype=np.uint8)
                for c in range(num_classes):
                    out[..., c] = masks == c
                return out
        ''',
        "put_along_axis": '''
            def my_one_hot(masks, num_classes):
                masks = np.asarray(masks)
                out = np.zeros((*masks.shape, num_classes), dtype=np.uint8)
                np.put_along_axis(out, masks[..., None], 1, axis=-1)
                return out
        ''',
    },
    "ex2": {
        "channel 0 of the one-hot labels": '''
            def null_scores(labels):
                p0 = labels[..., 0].mean()
                return p0, p0, p0 / labels.shape[-1]
        ''',
        "from the masks, mean over an explicit list of IoUs": '''
            def null_scores(labels):
                C = labels.shape[-1]
                p0 = float(np.mean(labels.argmax(axis=-1) == 0))
                ious = [p0] + [0.0] * (C - 1)   # class 0: |truth| / |all pixels|; the others: 0
                return p0, p0, sum(ious) / len(ious)
        ''',
        "count over size": '''
            def null_scores(labels):
                zeros_channel = labels[..., 0]
                p0 = zeros_channel.sum() / zeros_channel.size
                return p0, p0, p0 / labels.shape[-1]
        ''',
    },
    "ex3": {
        "threshold as in section 5": _gr(_GREY, _APPLY + _SCORE),
        "np.where on the direction, uint8 prediction": _gr(
            "g = images.sum(axis=-1) / 3\nbelow = g < t\n"
            "return np.where(below if direction == '<' else ~below, 1, 0).astype(np.uint8)",
            _APPLY + _SCORE),
    },
    "ex4": {
        "reverse the width axis": '''
            def flip_misfit(masks, num_classes):
                return metrics.mean_iou(masks[:, :, ::-1], masks, num_classes)
        ''',
        "np.flip on axis 2": '''
            def flip_misfit(masks, num_classes):
                flipped = np.flip(masks, axis=2)
                return metrics.mean_iou(flipped, masks, num_classes=num_classes)
        ''',
        "fliplr per 2-D mask": '''
            def flip_misfit(masks, num_classes):
                flipped = np.stack([np.fliplr(m) for m in masks])
                return metrics.mean_iou(masks, flipped, num_classes)
        ''',
        "tf.image.flip_left_right": '''
            def flip_misfit(masks, num_classes):
                flipped = tf.image.flip_left_right(masks[..., None]).numpy()[..., 0]
                return float(metrics.mean_iou(flipped, masks, num_classes))
        ''',
    },
}




RIGHT_ANSWERS: dict = {}
WRONG_ANSWERS = merged(WRONG_ANSWERS, BLIND_WRONG_ANSWERS)
RIGHT_ANSWERS = merged(RIGHT_ANSWERS, BLIND_RIGHT_ANSWERS)


# --- Written blind, second review ------------------------------------------------------------------------------
# By a second reviewer who, playing a student, saw only the student edition (not the solutions, the checks'
# design or the answers above); "module-level alias" names its alias _alias, not _oh (IPython's output
# history, which the kernel needs). Merged below; a name that clashes gets " (blind 2)". Reclassified after
# reading them: ex1 [wraps on overflow: masks % num_classes]: wrong -> right; ex1 [tf.one_hot tensor (not numpy)]: wrong -> right; ex3 [grey_pred bool (dtype)]: wrong -> right; ex4 [by hand, absent classes counted as 0]: wrong -> right.
BLIND2_WRONG_ANSWERS = {'ex1': {'eye float64': 'def my_one_hot(masks, num_classes):\n    return np.eye(num_classes)[masks]',
         'bool dtype': 'def my_one_hot(masks, num_classes):\n'
                       '    return masks[..., None] == np.arange(num_classes)',
         'int64 dtype': 'def my_one_hot(masks, num_classes):\n'
                        '    return (masks[..., None] == np.arange(num_classes)).astype(np.int64)',
         'classes from max (ignores num_classes)': 'def my_one_hot(masks, num_classes):\n'
                                                   '    return np.eye(masks.max() + 1, '
                                                   'dtype=np.uint8)[masks]',
         'channels first': 'def my_one_hot(masks, num_classes):\n'
                           '    return np.stack([masks == c for c in range(num_classes)], '
                           'axis=0).astype(np.uint8)',
         'off by one classes': 'def my_one_hot(masks, num_classes):\n'
                               '    return (masks[..., None] == np.arange(1, num_classes + '
                               '1)).astype(np.uint8)',
         'binary only': 'def my_one_hot(masks, num_classes):\n'
                        '    return np.stack([1 - masks, masks], axis=-1).astype(np.uint8)',
         'flattened': 'def my_one_hot(masks, num_classes):\n'
                      '    return np.eye(num_classes, dtype=np.uint8)[masks.ravel()]',
         'only (N,H,W) masks': 'def my_one_hot(masks, num_classes):\n'
                               '    out = np.zeros((*masks.shape, num_classes), np.uint8)\n'
                               '    n, h, w = masks.shape\n'
                               '    for c in range(num_classes):\n'
                               '        out[:, :, :, c] = masks == c\n'
                               '    return out',
         'calls fcnlab one_hot': 'def my_one_hot(masks, num_classes):\n'
                                 '    return fcnlab.data.one_hot(masks, num_classes)',
         'calls fcnlab via alias': 'from fcnlab.data import one_hot as oh\n'
                                   'def my_one_hot(masks, num_classes):\n'
                                   '    return oh(masks, num_classes)',
         'num_classes-1 channels (dropped last)': 'def my_one_hot(masks, num_classes):\n'
                                                  '    return (masks[..., None] == np.arange(num_classes - '
                                                  '1)).astype(np.uint8)',
         'module-level alias of fcnlab.data.one_hot': '_alias = fcnlab.data.one_hot\n'
                                                      'def my_one_hot(masks, num_classes):\n'
                                                      '    return _alias(masks, num_classes)',
         'default-arg capture': 'def my_one_hot(masks, num_classes, _f=fcnlab.data.one_hot):\n'
                                '    return _f(masks, num_classes)'},
 'ex2': {'p0 = overall mean (1/C)': 'def null_scores(labels):\n'
                                    '    p0 = labels.mean()\n'
                                    '    return p0, p0, p0 / labels.shape[-1]',
         'p0 = road share': 'def null_scores(labels):\n'
                            '    p0 = labels[..., 1].mean()\n'
                            '    return p0, p0, p0 / labels.shape[-1]',
         'miou p0/2 (ignores C)': 'def null_scores(labels):\n'
                                  '    p0 = labels[..., 0].mean()\n'
                                  '    return p0, p0, p0 / 2',
         'miou = p0': 'def null_scores(labels):\n    p0 = labels[..., 0].mean()\n    return p0, p0, p0',
         'percent': 'def null_scores(labels):\n'
                    '    p0 = labels[..., 0].mean()\n'
                    '    return p0, 100 * p0, p0 / labels.shape[-1]',
         'ignores labels (split.masks)': 'def null_scores(labels):\n'
                                         '    p0 = (split.masks == 0).mean()\n'
                                         '    return p0, p0, p0 / C',
         'metrics call': 'def null_scores(labels):\n'
                         '    m = labels.argmax(-1)\n'
                         '    z = np.zeros_like(m)\n'
                         '    return (m == 0).mean(), metrics.pixel_accuracy(m, z), metrics.mean_iou(m, z, '
                         'labels.shape[-1])',
         'p0 over all entries': 'def null_scores(labels):\n'
                                '    p0 = labels[..., 0].sum() / labels.size\n'
                                '    return p0, p0, p0 / labels.shape[-1]',
         'miou over C-1': 'def null_scores(labels):\n'
                          '    p0 = labels[..., 0].mean()\n'
                          '    return p0, p0, p0 / (labels.shape[-1] - 1)',
         'miou (p0 + (1-p0))/C': 'def null_scores(labels):\n'
                                 '    p0 = labels[..., 0].mean()\n'
                                 '    return p0, p0, (p0 + (1 - p0)) / labels.shape[-1]',
         'C from global C': 'def null_scores(labels):\n'
                            '    p0 = labels[..., 0].mean()\n'
                            '    return p0, p0, p0 / C',
         'dict instead of tuple order swapped': 'def null_scores(labels):\n'
                                                '    p0 = labels[..., 0].mean()\n'
                                                '    return p0, p0 / labels.shape[-1], p0',
         'first image only': 'def null_scores(labels):\n'
                             '    p0 = labels[0, ..., 0].mean()\n'
                             '    return p0, p0, p0 / labels.shape[-1]'},
 'ex3': {'direction ignored (<)': 'def grey_rule(images, direction, t):\n'
                                  '    return (images.mean(axis=-1) < t).astype(np.int64)\n'
                                  'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                                  'grey_miou = metrics.mean_iou(road_split, grey_pred, 2)',
         '<= instead of <': 'def grey_rule(images, direction, t):\n'
                            '    grey = images.mean(axis=-1)\n'
                            "    fires = (grey <= t) if direction == '<' else (grey > t)\n"
                            '    return fires.astype(np.int64)\n'
                            'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                            'grey_miou = metrics.mean_iou(road_split, grey_pred, 2)',
         'luminance weights': 'def grey_rule(images, direction, t):\n'
                              '    grey = images @ np.array([0.299, 0.587, 0.114], dtype=np.float32)\n'
                              "    fires = (grey < t) if direction == '<' else (grey >= t)\n"
                              '    return fires.astype(np.int64)\n'
                              'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                              'grey_miou = metrics.mean_iou(road_split, grey_pred, 2)',
         'max channel': 'def grey_rule(images, direction, t):\n'
                        '    grey = images.max(axis=-1)\n'
                        "    fires = (grey < t) if direction == '<' else (grey >= t)\n"
                        '    return fires.astype(np.int64)\n'
                        'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                        'grey_miou = metrics.mean_iou(road_split, grey_pred, 2)',
         'train miou copied': 'def grey_rule(images, direction, t):\n'
                              '    grey = images.mean(axis=-1)\n'
                              "    fires = (grey < t) if direction == '<' else (grey >= t)\n"
                              '    return fires.astype(np.int64)\n'
                              'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                              'grey_miou = best_miou',
         'pixel accuracy': 'def grey_rule(images, direction, t):\n'
                           '    grey = images.mean(axis=-1)\n'
                           "    fires = (grey < t) if direction == '<' else (grey >= t)\n"
                           '    return fires.astype(np.int64)\n'
                           'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                           'grey_miou = metrics.pixel_accuracy(road_split, grey_pred)',
         'road IoU only': 'def grey_rule(images, direction, t):\n'
                          '    grey = images.mean(axis=-1)\n'
                          "    fires = (grey < t) if direction == '<' else (grey >= t)\n"
                          '    return fires.astype(np.int64)\n'
                          'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                          'grey_miou = metrics.iou_per_class(road_split, grey_pred, 2)[1]',
         'inverted prediction': 'def grey_rule(images, direction, t):\n'
                                '    grey = images.mean(axis=-1)\n'
                                "    fires = (grey >= t) if direction == '<' else (grey < t)\n"
                                '    return fires.astype(np.int64)\n'
                                'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                                'grey_miou = metrics.mean_iou(road_split, grey_pred, 2)',
         't ignored (global best_t)': 'def grey_rule(images, direction, t):\n'
                                      '    grey = images.mean(axis=-1)\n'
                                      "    return ((grey < best_t) if direction == '<' else (grey >= "
                                      'best_t)).astype(np.int64)\n'
                                      'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                                      'grey_miou = metrics.mean_iou(road_split, grey_pred, 2)',
         'subsampled pred': 'def grey_rule(images, direction, t):\n'
                            '    grey = images.mean(axis=-1)\n'
                            "    fires = (grey < t) if direction == '<' else (grey >= t)\n"
                            '    return fires.astype(np.int64)\n'
                            'grey_pred = grey_rule(split.images[:, ::4, ::4], best_direction, best_t)\n'
                            'grey_miou = metrics.mean_iou(road_split[:, ::4, ::4], grey_pred, 2)',
         'colour rule used': 'def grey_rule(images, direction, t):\n'
                             '    grey = images.mean(axis=-1)\n'
                             "    fires = (grey < t) if direction == '<' else (grey >= t)\n"
                             '    return fires.astype(np.int64)\n'
                             'grey_pred = colour_rule.predict(split.images)\n'
                             'grey_miou = metrics.mean_iou(road_split, grey_pred, 2)',
         'per-image mean IoU': 'def grey_rule(images, direction, t):\n'
                               '    grey = images.mean(axis=-1)\n'
                               "    return ((grey < t) if direction == '<' else (grey >= "
                               't)).astype(np.int64)\n'
                               'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                               'grey_miou = float(np.mean([metrics.mean_iou(a, b, 2) for a, b in '
                               'zip(road_split, grey_pred)]))\n'
                               "print('pooled', metrics.mean_iou(road_split, grey_pred, 2), 'per-image', "
                               'grey_miou)',
         'refit threshold on test': 'def grey_rule(images, direction, t):\n'
                                    '    grey = images.mean(axis=-1)\n'
                                    "    fires = (grey < t) if direction == '<' else (grey >= t)\n"
                                    '    return fires.astype(np.int64)\n'
                                    'best = max(((metrics.mean_iou(road_split, grey_rule(split.images, d, '
                                    "t), 2), d, t) for t in bins[1:-1] for d in ('<', '>=')))\n"
                                    'grey_pred = grey_rule(split.images, best[1], best[2])\n'
                                    'grey_miou = best[0]',
         'train images predicted': 'def grey_rule(images, direction, t):\n'
                                   '    grey = images.mean(axis=-1)\n'
                                   "    fires = (grey < t) if direction == '<' else (grey >= t)\n"
                                   '    return fires.astype(np.int64)\n'
                                   'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                                   'grey_miou = metrics.mean_iou(is_road.astype(int), grey_rule(train_imgs, '
                                   'best_direction, best_t), 2)',
         'scored on 0..255 grey with t': 'def grey_rule(images, direction, t):\n'
                                         '    grey = (images * 255).mean(axis=-1) / 255 + 1/255\n'
                                         "    fires = (grey < t) if direction == '<' else (grey >= t)\n"
                                         '    return fires.astype(np.int64)\n'
                                         'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                                         'grey_miou = metrics.mean_iou(road_split, grey_pred, 2)',
         "direction compared to '>' (typo) -> always >=": 'def grey_rule(images, direction, t):\n'
                                                          '    grey = images.mean(axis=-1)\n'
                                                          "    return ((grey < t) if direction == '>' else "
                                                          '(grey >= t)).astype(np.int64)\n'
                                                          'grey_pred = grey_rule(split.images, '
                                                          'best_direction, best_t)\n'
                                                          'grey_miou = metrics.mean_iou(road_split, '
                                                          'grey_pred, 2)',
         'rounded 2dp': 'def grey_rule(images, direction, t):\n'
                        '    grey = images.mean(axis=-1)\n'
                        "    return ((grey < t) if direction == '<' else (grey >= t)).astype(np.int64)\n"
                        'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                        'grey_miou = round(metrics.mean_iou(road_split, grey_pred, 2), 2)',
         'rounded 1dp': 'def grey_rule(images, direction, t):\n'
                        '    grey = images.mean(axis=-1)\n'
                        "    return ((grey < t) if direction == '<' else (grey >= t)).astype(np.int64)\n"
                        'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                        'grey_miou = round(metrics.mean_iou(road_split, grey_pred, 2), 1)',
         'colour rule mean iou (in scope)': 'def grey_rule(images, direction, t):\n'
                                            '    grey = images.mean(axis=-1)\n'
                                            "    return ((grey < t) if direction == '<' else (grey >= "
                                            't)).astype(np.int64)\n'
                                            'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                                            "grey_miou = reports['colour rule']['mean_iou']",
         'null miou (in scope)': 'def grey_rule(images, direction, t):\n'
                                 '    grey = images.mean(axis=-1)\n'
                                 "    return ((grey < t) if direction == '<' else (grey >= "
                                 't)).astype(np.int64)\n'
                                 'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                                 'grey_miou = miou_null',
         'miou +0.01': 'def grey_rule(images, direction, t):\n'
                       '    grey = images.mean(axis=-1)\n'
                       "    return ((grey < t) if direction == '<' else (grey >= t)).astype(np.int64)\n"
                       'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                       'grey_miou = metrics.mean_iou(road_split, grey_pred, 2) + 0.01',
         'miou +0.003': 'def grey_rule(images, direction, t):\n'
                        '    grey = images.mean(axis=-1)\n'
                        "    return ((grey < t) if direction == '<' else (grey >= t)).astype(np.int64)\n"
                        'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                        'grey_miou = metrics.mean_iou(road_split, grey_pred, 2) + 0.003',
         'boundary iou': 'def grey_rule(images, direction, t):\n'
                         '    grey = images.mean(axis=-1)\n'
                         "    return ((grey < t) if direction == '<' else (grey >= t)).astype(np.int64)\n"
                         'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                         'grey_miou = metrics.boundary_iou(road_split, grey_pred, 2)'},
 'ex4': {'up-down flip': 'def flip_misfit(masks, num_classes):\n'
                         '    return metrics.mean_iou(masks, masks[:, ::-1], num_classes)',
         'np.fliplr on 3-D (flips H)': 'def flip_misfit(masks, num_classes):\n'
                                       '    return metrics.mean_iou(masks, np.fliplr(masks), num_classes)',
         'pixel accuracy': 'def flip_misfit(masks, num_classes):\n'
                           '    return metrics.pixel_accuracy(masks, masks[:, :, ::-1])',
         'per-image mean': 'def flip_misfit(masks, num_classes):\n'
                           '    return float(np.mean([metrics.mean_iou(m, m[:, ::-1], num_classes) for m in '
                           'masks]))',
         'num_classes ignored (2)': 'def flip_misfit(masks, num_classes):\n'
                                    '    return metrics.mean_iou(masks, masks[:, :, ::-1], 2)',
         'batch order flipped': 'def flip_misfit(masks, num_classes):\n'
                                '    return metrics.mean_iou(masks, masks[::-1], num_classes)',
         'transpose': 'def flip_misfit(masks, num_classes):\n'
                      '    return metrics.mean_iou(masks, masks.transpose(0, 2, 1), num_classes)',
         'road IoU only': 'def flip_misfit(masks, num_classes):\n'
                          '    return float(metrics.iou_per_class(masks, masks[:, :, ::-1], num_classes)[1])',
         'ignores masks arg (split.masks)': 'def flip_misfit(masks, num_classes):\n'
                                            '    return metrics.mean_iou(split.masks, split.masks[:, :, '
                                            '::-1], num_classes)',
         'nanmean over present classes by hand but IoU = inter/truth': 'def flip_misfit(masks, '
                                                                       'num_classes):\n'
                                                                       '    f = masks[:, :, ::-1]\n'
                                                                       '    ious = [((masks == c) & (f == '
                                                                       'c)).sum() / max((masks == c).sum(), '
                                                                       '1) for c in range(num_classes)]\n'
                                                                       '    return float(np.mean(ious))',
         'dice instead of IoU': 'def flip_misfit(masks, num_classes):\n'
                                '    return float(np.nanmean(metrics.dice_per_class(masks, masks[:, :, '
                                '::-1], num_classes)))',
         'shift by one instead of flip': 'def flip_misfit(masks, num_classes):\n'
                                         '    return metrics.mean_iou(masks, np.roll(masks, 1, axis=-1), '
                                         'num_classes)',
         '1 - miou': 'def flip_misfit(masks, num_classes):\n'
                     '    return 1 - metrics.mean_iou(masks, masks[:, :, ::-1], num_classes)'}}

BLIND2_RIGHT_ANSWERS = {'ex1': {'compare': 'def my_one_hot(masks, num_classes):\n'
                    '    return (np.asarray(masks)[..., None] == np.arange(num_classes)).astype(np.uint8)',
         'eye index': 'def my_one_hot(masks, num_classes):\n'
                      '    return np.eye(num_classes, dtype=np.uint8)[masks]',
         'zeros + put_along_axis': 'def my_one_hot(masks, num_classes):\n'
                                   '    masks = np.asarray(masks)\n'
                                   '    out = np.zeros(masks.shape + (num_classes,), dtype=np.uint8)\n'
                                   '    np.put_along_axis(out, masks[..., None].astype(np.intp), 1, '
                                   'axis=-1)\n'
                                   '    return out',
         'keras to_categorical': 'def my_one_hot(masks, num_classes):\n'
                                 "    return keras.utils.to_categorical(masks, num_classes).astype('uint8')",
         'tf.one_hot numpy': 'def my_one_hot(masks, num_classes):\n'
                             '    return tf.one_hot(masks, num_classes, dtype=tf.uint8).numpy()',
         'wraps on overflow: masks % num_classes': 'def my_one_hot(masks, num_classes):\n'
                                                   '    return np.eye(num_classes, dtype=np.uint8)[masks % '
                                                   'num_classes]',
         'tf.one_hot tensor (not numpy)': 'def my_one_hot(masks, num_classes):\n'
                                          '    return tf.one_hot(masks, num_classes, dtype=tf.uint8)'},
 'ex2': {'obvious': 'def null_scores(labels):\n'
                    '    p0 = labels[..., 0].mean()\n'
                    '    return p0, p0, p0 / labels.shape[-1]',
         'argmax': 'def null_scores(labels):\n'
                   '    C_ = labels.shape[-1]\n'
                   '    p0 = float(np.mean(labels.argmax(axis=-1) == 0))\n'
                   '    return (p0, p0, (p0 + 0 * (C_ - 1)) / C_)',
         'sum/count list': 'def null_scores(labels):\n'
                           '    n0 = int(labels[..., 0].sum(dtype=np.int64))\n'
                           '    total = labels.size // labels.shape[-1]\n'
                           '    p0 = n0 / total\n'
                           '    return [p0, p0, p0 / labels.shape[-1]]',
         'nan-aware (classes present)': 'def null_scores(labels):\n'
                                        '    p0 = labels[..., 0].mean()\n'
                                        '    present = (labels.reshape(-1, labels.shape[-1]).sum(0) > 0)\n'
                                        '    present[0] = True\n'
                                        '    return p0, p0, p0 / present.sum()'},
 'ex3': {'obvious': 'def grey_rule(images, direction, t):\n'
                    '    grey = images.mean(axis=-1)\n'
                    "    fires = (grey < t) if direction == '<' else (grey >= t)\n"
                    '    return fires.astype(np.int64)\n'
                    'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                    'grey_miou = metrics.mean_iou(road_split, grey_pred, 2)',
         'bool pred, np.where': 'def grey_rule(images, direction, t):\n'
                                '    g = np.mean(images, axis=3)\n'
                                "    return np.where(g < t, 1, 0) if direction == '<' else np.where(g >= t, "
                                '1, 0)\n'
                                'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                                'grey_miou = metrics.mean_iou(road_split, grey_pred, 2)',
         'sum/3 and ~': 'def grey_rule(images, direction, t):\n'
                        '    below = images.sum(-1) / 3 < t\n'
                        "    return (below if direction == '<' else ~below).astype(np.uint8)\n"
                        'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                        'grey_miou = metrics.mean_iou(road_split, grey_pred.astype(np.int64), 2)',
         'split.masks==ROAD': 'def grey_rule(images, direction, t):\n'
                              '    grey = images.mean(axis=-1)\n'
                              "    fires = (grey < t) if direction == '<' else (grey >= t)\n"
                              '    return fires.astype(np.int64)\n'
                              'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                              'grey_miou = metrics.segmentation_report((split.masks == '
                              "ROAD).astype(np.int64), grey_pred, 2)['mean_iou']",
         'grey_pred bool (dtype)': 'def grey_rule(images, direction, t):\n'
                                   '    grey = images.mean(axis=-1)\n'
                                   "    return (grey < t) if direction == '<' else (grey >= t)\n"
                                   'grey_pred = grey_rule(split.images, best_direction, best_t)\n'
                                   'grey_miou = metrics.mean_iou(road_split, grey_pred.astype(int), 2)'},
 'ex4': {'obvious': 'def flip_misfit(masks, num_classes):\n'
                    '    return metrics.mean_iou(masks, masks[:, :, ::-1], num_classes)',
         'np.flip axis -1': 'def flip_misfit(masks, num_classes):\n'
                            '    return metrics.mean_iou(np.flip(masks, axis=-1), masks, num_classes)',
         'by hand nanmean': 'def flip_misfit(masks, num_classes):\n'
                            '    f = masks[..., ::-1]\n'
                            '    ious = []\n'
                            '    for c in range(num_classes):\n'
                            '        a, b = masks == c, f == c\n'
                            '        u = (a | b).sum()\n'
                            '        if u:\n'
                            '            ious.append((a & b).sum() / u)\n'
                            '    return float(np.mean(ious))',
         'tf flip_left_right': 'def flip_misfit(masks, num_classes):\n'
                               '    flipped = tf.image.flip_left_right(masks[..., None]).numpy()[..., 0]\n'
                               '    return metrics.mean_iou(masks, flipped, num_classes)',
         'by hand, absent classes counted as 0': 'def flip_misfit(masks, num_classes):\n'
                                                 '    f = masks[:, :, ::-1]\n'
                                                 '    ious = []\n'
                                                 '    for c in range(num_classes):\n'
                                                 '        u = ((masks == c) | (f == c)).sum()\n'
                                                 '        ious.append(((masks == c) & (f == c)).sum() / u if '
                                                 'u else 0.0)\n'
                                                 '    return float(np.mean(ious))'}}




WRONG_ANSWERS = merged(WRONG_ANSWERS, BLIND2_WRONG_ANSWERS, "blind 2")
RIGHT_ANSWERS = merged(RIGHT_ANSWERS, BLIND2_RIGHT_ANSWERS, "blind 2")
