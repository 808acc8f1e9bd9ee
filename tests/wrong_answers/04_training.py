"""Wrong answers for the exercises of notebooks/04_training.ipynb.

Each entry replaces the code between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` in the exercise's answer
cell; the exercise's check must then fail (an AssertionError with a hint). Each wrong answer changes one thing
in the solution, so that the check is shown to catch that very mistake. They are written for the fast profile
on the synthetic road scenes (160 training images, batch size 2, binary classes).
"""

from tools.exercise_cases import merged

_EX1 = '''\
def count_steps(history, n_images, batch_size):  # noqa: F811
    return len(history.epoch) * int(np.ceil(n_images / batch_size))


steps_batch9 = 5 * int(np.ceil(len(split.train_images) / 9))
'''

_EX2 = '''\
shifted = np.exp(image_logits - image_logits.max(axis=-1, keepdims=True))
probs = shifted / shifted.sum(axis=-1, keepdims=True)
labels = image_logits.argmax(axis=-1)
n_changed = 0
'''

_EX3 = '''\
def dice_loss(onehot, logits):  # noqa: F811
    p = np.exp(logits - logits.max(axis=-1, keepdims=True))
    p = p / p.sum(axis=-1, keepdims=True)
    axes = tuple(range(onehot.ndim - 1))
    dice = 2 * (p * onehot).sum(axes) / (p.sum(axes) + onehot.sum(axes))
    return float(1 - dice.mean())
'''

_EX4 = '''\
predicted_start = 2
predicted_steps = 4 * 4
resumed, ckpt = small_stage(backup_folder)
first = ckpt.restore(resumed)
resumed_history = resumed.fit(small_ds, validation_data=small_val, epochs=4,
                              initial_epoch=first, callbacks=[ckpt], verbose=0,
                              shuffle=False)
'''


def _change(solution: str, old: str, new: str) -> str:
    assert old in solution, old
    return solution.replace(old, new)


WRONG_ANSWERS = {
    "ex1": {
        "images, not batches": _change(_EX1, "int(np.ceil(n_images / batch_size))", "n_images"),
        "one epoch only": _change(_EX1, "len(history.epoch) * ", ""),
        "floor division: the last, partial batch forgotten in count_steps": _change(
            _EX1, "int(np.ceil(n_images / batch_size))", "(n_images // batch_size)"),
        "the epochs asked for, not those run (early stopping)": _change(
            _EX1, "len(history.epoch)", 'history.params["epochs"]'),
        "the last epoch's number: a resumed run's skipped epochs counted": _change(
            _EX1, "len(history.epoch)", "(history.epoch[-1] + 1)"),
        "the lesson's steps_per_epoch, whatever the inputs": _change(
            _EX1, "int(np.ceil(n_images / batch_size))", "steps_per_epoch"),
        "the validation images trained on too": _change(_EX1, "len(split.train_images) / 9",
                                                        "len(lesson.train_images) / 9"),
        "validation batches counted as steps": _change(
            _EX1, "int(np.ceil(n_images / batch_size))",
            "(int(np.ceil(n_images / batch_size)) + int(np.ceil(len(split.val_images) / 8)))"),
        "the last, partial batch forgotten": _change(_EX1, "5 * int(np.ceil(len(split.train_images) / 9))",
                                                     "5 * (len(split.train_images) // 9)"),
        "the epochs forgotten for batch size 9": _change(_EX1, "5 * int(np.ceil(len(split.train_images) / 9))",
                                                         "int(np.ceil(len(split.train_images) / 9))"),
    },
    "ex2": {
        "the softmax skipped": _change(_EX2, "probs = shifted / shifted.sum(axis=-1, keepdims=True)",
                                       "probs = image_logits"),
        "exponentiated, not normalised": _change(_EX2, "probs = shifted / shifted.sum(axis=-1, keepdims=True)",
                                                 "probs = shifted"),
        "a sigmoid instead of the softmax": _change(
            _EX2, "probs = shifted / shifted.sum(axis=-1, keepdims=True)",
            "probs = 1 / (1 + np.exp(-image_logits))"),
        "the softmax over the height axis": _change(
            _EX2, "shifted = np.exp(image_logits - image_logits.max(axis=-1, keepdims=True))\n"
                  "probs = shifted / shifted.sum(axis=-1, keepdims=True)",
            "shifted = np.exp(image_logits - image_logits.max(axis=1, keepdims=True))\n"
            "probs = shifted / shifted.sum(axis=1, keepdims=True)"),
        "the softmax over all pixels": _change(
            _EX2, "probs = shifted / shifted.sum(axis=-1, keepdims=True)",
            "probs = shifted / shifted.sum(axis=(1, 2), keepdims=True)"),
        "logits thresholded at 0.5 as if they were probabilities": _change(
            _EX2, "labels = image_logits.argmax(axis=-1)", "labels = (image_logits[..., 1] > 0.5).astype(int)"),
        "the argmax over the width axis": _change(_EX2, "labels = image_logits.argmax(axis=-1)",
                                                  "labels = image_logits.argmax(axis=2)"),
        "the road probability as the label": _change(_EX2, "labels = image_logits.argmax(axis=-1)",
                                                     "labels = probs[..., 1]"),
        "argmin instead of argmax": _change(_EX2, "labels = image_logits.argmax(axis=-1)",
                                            "labels = image_logits.argmin(axis=-1)"),
        "predicted that the softmax moves half the labels": _change(_EX2, "n_changed = 0",
                                                                   "n_changed = labels.size // 2"),
    },
    "ex3": {
        "a sigmoid instead of the softmax": _change(
            _EX3, "    p = np.exp(logits - logits.max(axis=-1, keepdims=True))\n"
                  "    p = p / p.sum(axis=-1, keepdims=True)\n",
            "    p = 1 / (1 + np.exp(-logits))\n"),
        "the logits used as probabilities": _change(
            _EX3, "    p = np.exp(logits - logits.max(axis=-1, keepdims=True))\n"
                  "    p = p / p.sum(axis=-1, keepdims=True)\n",
            "    p = logits\n"),
        "the softmax over the wrong axis": _change(
            _EX3, "    p = np.exp(logits - logits.max(axis=-1, keepdims=True))\n"
                  "    p = p / p.sum(axis=-1, keepdims=True)\n",
            "    p = np.exp(logits - logits.max(axis=0, keepdims=True))\n"
            "    p = p / p.sum(axis=0, keepdims=True)\n"),
        "a Dice per pixel, averaged": _change(_EX3, "axes = tuple(range(onehot.ndim - 1))", "axes = ()"),
        "a Dice per image, averaged": _change(_EX3, "axes = tuple(range(onehot.ndim - 1))",
                                              "axes = tuple(range(1, onehot.ndim - 1))"),
        "one Dice over all classes at once": _change(_EX3, "axes = tuple(range(onehot.ndim - 1))",
                                                     "axes = tuple(range(onehot.ndim))"),
        "the Dice, not the loss": _change(_EX3, "return float(1 - dice.mean())", "return float(dice.mean())"),
        "the classes summed, not averaged": _change(_EX3, "return float(1 - dice.mean())",
                                                    "return float(1 - dice.sum())"),
        "squares in the denominator": _change(_EX3, "(p.sum(axes) + onehot.sum(axes))",
                                              "((p ** 2).sum(axes) + (onehot ** 2).sum(axes))"),
    },
    "ex4": {
        "no restore: started over": _change(
            _EX4, "first = ckpt.restore(resumed)\n", "").replace("initial_epoch=first, ", ""),
        "initial_epoch set, but nothing restored": _change(_EX4, "first = ckpt.restore(resumed)\n", "first = 2\n"),
        "restored, then all 4 epochs again": _change(_EX4, "initial_epoch=first, ", ""),
        "restored, then 4 more epochs": _change(_EX4, "epochs=4,", "epochs=first + 4,"),
        "predicted the epoch that failed, counted from 1": _change(_EX4, "predicted_start = 2",
                                                                   "predicted_start = 3"),
        "predicted only the resumed epochs' steps": _change(_EX4, "predicted_steps = 4 * 4",
                                                            "predicted_steps = 2 * 4"),
    },
}

WRONG_ANSWERS["ex4"]["two fits from a fresh start: the backup never restored"] = _change(
    _EX4, "first = ckpt.restore(resumed)\n",
    "resumed.fit(small_ds, validation_data=small_val, epochs=2, verbose=0)\nfirst = 2\n")

# --- written blind -----------------------------------------------------------------------------------------------
# By a reviewer who saw only the student edition (not the solutions, the checks or the answers above), kept
# under their names. Exercise 1 asked for the value my_steps when they wrote; it now asks for the function
# count_steps(history, n_images, batch_size), which the check runs on fits it makes itself: each of their
# exercise-1 answers is written here as that function, with the same mistake (and their steps_batch9 as is).
_BLIND_STEPS9 = "steps_batch9 = 5 * int(np.ceil(len(split.train_images) / 9))\n"


def _steps(body: str, steps9: str = _BLIND_STEPS9) -> str:
    return f"def count_steps(history, n_images, batch_size):  # noqa: F811\n    {body}\n\n\n{steps9}"


BLIND_WRONG = {
    "ex1": {
        "copied total_steps from section 5 (ignores early stopping)": _steps("return total_steps"),
        "copied Keras' counter fcn32s_steps instead of predicting": _steps("return fcn32s_steps"),
        "floor division drops the last, partial batch": _steps(
            "return n_images // batch_size * len(history.epoch)",
            "steps_batch9 = len(split.train_images) // 9 * 5\n"),
        "int() truncates instead of rounding up": _steps(
            "return int(n_images / batch_size) * len(history.epoch)",
            "steps_batch9 = int(len(split.train_images) / 9) * 5\n"),
        "counted the validation images as training images": _steps(
            "return int(np.ceil(n_images / batch_size)) * len(history.epoch)",
            "n = len(lesson.train_images[:PROFILE.train_images])\n"
            "steps_batch9 = int(np.ceil(n / 9)) * 5\n"),
        "images seen, not batches": _steps("return n_images * len(history.epoch)",
                                           "steps_batch9 = len(split.train_images) * 5\n"),
        "one step per epoch": _steps("return len(history.epoch)", "steps_batch9 = 5\n"),
        "profile's epochs for both runs (not 5, not epochs_run)": _steps(
            "return int(np.ceil(n_images / batch_size)) * PROFILE.epochs",
            "steps_batch9 = int(np.ceil(len(split.train_images) / 9)) * PROFILE.epochs\n"),
        "all epochs as one stream: ceil of the total": _steps(
            "return int(np.ceil(n_images * len(history.epoch) / batch_size))",
            "steps_batch9 = int(np.ceil(len(split.train_images) * 5 / 9))\n"),
        "hard-coded the fast profile's numbers (160 images, batch 2, 16 epochs)": _steps(
            "return 160 // 2 * 16", "steps_batch9 = 5 * 160 // 9\n"),
        "built the batch-9 dataset and counted it (fcnlab) instead of predicting": _steps(
            "return steps_per_epoch * len(history.epoch)",
            "ds = fdata.make_tf_dataset(split.train_images, split.train_labels, 9, shuffle=False,\n"
            "                           augment=False)\n"
            "steps_batch9 = 5 * int(ds.cardinality())\n"),
        "epochs of this fit only, forgetting the epochs a resumed run had done": _steps(
            'return steps_per_epoch * len(history.history["loss"])'),
        "batch sizes swapped between the two runs": _steps(
            "return int(np.ceil(n_images / 9)) * len(history.epoch)",
            "steps_batch9 = 5 * int(np.ceil(len(split.train_images) / PROFILE.batch_size))\n"),
    },
    "ex2": {
        'softmax over the batch axis': """
            e = np.exp(image_logits - image_logits.max(axis=0, keepdims=True))
            probs = e / e.sum(axis=0, keepdims=True)
            labels = image_logits.argmax(axis=-1)
            n_changed = int(np.sum(probs.argmax(-1) != labels))
        """,
        'softmax over the image (all pixels and classes)': """
            e = np.exp(image_logits - image_logits.max())
            probs = e / e.sum()
            labels = probs.argmax(axis=-1)
            n_changed = int(np.sum(probs.argmax(-1) != labels))
        """,
        'sigmoid of each logit instead of softmax': """
            probs = 1 / (1 + np.exp(-image_logits))
            labels = probs.argmax(axis=-1)
            n_changed = int(np.sum(probs.argmax(-1) != labels))
        """,
        'exponentiated but never normalised': """
            probs = np.exp(image_logits)
            labels = image_logits.argmax(axis=-1)
            n_changed = int(np.sum(probs.argmax(-1) != labels))
        """,
        'normalised the logits without exponentiating': """
            probs = image_logits / image_logits.sum(axis=-1, keepdims=True)
            labels = image_logits.argmax(axis=-1)
            n_changed = int(np.sum(probs.argmax(-1) != labels))
        """,
        'labels are the largest probability, not its class': """
            probs = np.asarray(keras.ops.softmax(image_logits, axis=-1))
            labels = probs.max(axis=-1)
            n_changed = int(np.sum(probs.argmax(-1) != labels))
        """,
        'labels as floats': """
            probs = np.asarray(keras.ops.softmax(image_logits, axis=-1))
            labels = probs.argmax(axis=-1).astype(np.float32)
            n_changed = int(np.sum(probs.argmax(-1) != labels))
        """,
        'labels are the ground truth of the image': """
            probs = np.asarray(keras.ops.softmax(image_logits, axis=-1))
            labels = split.report.labels[:1].argmax(axis=-1)
            n_changed = int(np.sum(probs.argmax(-1) != labels))
        """,
        'labels from FCN-8s, another model': """
            probs = np.asarray(keras.ops.softmax(image_logits, axis=-1))
            labels = evaluation.predict_labels(runs["fcn8s"].model, split.report.images[:1])
            n_changed = int(np.sum(probs.argmax(-1) != labels))
        """,
        'n_changed counts errors against the truth': """
            probs = np.asarray(keras.ops.softmax(image_logits, axis=-1))
            labels = image_logits.argmax(axis=-1)
            n_changed = int(np.sum(labels != split.report.labels[:1].argmax(axis=-1)))
        """,
        'n_changed counts the pixels that agree': """
            probs = np.asarray(keras.ops.softmax(image_logits, axis=-1))
            labels = image_logits.argmax(axis=-1)
            n_changed = int(np.sum(probs.argmax(-1) == labels))
        """,
    },
    "ex3": {
        'per image, not over the whole batch': """
            def dice_loss(onehot, logits):
                e = np.exp(logits - logits.max(axis=-1, keepdims=True))
                p = e / e.sum(axis=-1, keepdims=True)
                inter = (p * onehot).sum(axis=(1, 2))
                total = p.sum(axis=(1, 2)) + onehot.sum(axis=(1, 2))
                return float(1 - np.mean(2 * inter / total))
        """,
        'summed over the classes too (one global Dice)': """
            def dice_loss(onehot, logits):
                e = np.exp(logits - logits.max(axis=-1, keepdims=True))
                p = e / e.sum(axis=-1, keepdims=True)
                return float(1 - 2 * (p * onehot).sum() / (p.sum() + onehot.sum()))
        """,
        'logits used as probabilities': """
            def dice_loss(onehot, logits):
                inter = (logits * onehot).sum(axis=(0, 1, 2))
                total = logits.sum(axis=(0, 1, 2)) + onehot.sum(axis=(0, 1, 2))
                return float(1 - np.mean(2 * inter / total))
        """,
        'sigmoid instead of softmax': """
            def dice_loss(onehot, logits):
                p = 1 / (1 + np.exp(-logits))
                inter = (p * onehot).sum(axis=(0, 1, 2))
                total = p.sum(axis=(0, 1, 2)) + onehot.sum(axis=(0, 1, 2))
                return float(1 - np.mean(2 * inter / total))
        """,
        'softmax over the batch axis': """
            def dice_loss(onehot, logits):
                e = np.exp(logits - logits.max(axis=0, keepdims=True))
                p = e / e.sum(axis=0, keepdims=True)
                inter = (p * onehot).sum(axis=(0, 1, 2))
                total = p.sum(axis=(0, 1, 2)) + onehot.sum(axis=(0, 1, 2))
                return float(1 - np.mean(2 * inter / total))
        """,
        'returns the Dice coefficient, not the loss': """
            def dice_loss(onehot, logits):
                e = np.exp(logits - logits.max(axis=-1, keepdims=True))
                p = e / e.sum(axis=-1, keepdims=True)
                inter = (p * onehot).sum(axis=(0, 1, 2))
                total = p.sum(axis=(0, 1, 2)) + onehot.sum(axis=(0, 1, 2))
                return float(np.mean(2 * inter / total))
        """,
        'forgot the factor 2': """
            def dice_loss(onehot, logits):
                e = np.exp(logits - logits.max(axis=-1, keepdims=True))
                p = e / e.sum(axis=-1, keepdims=True)
                inter = (p * onehot).sum(axis=(0, 1, 2))
                total = p.sum(axis=(0, 1, 2)) + onehot.sum(axis=(0, 1, 2))
                return float(1 - np.mean(inter / total))
        """,
        'hard argmax predictions instead of soft probabilities': """
            def dice_loss(onehot, logits):
                n_classes = logits.shape[-1]
                p = np.eye(n_classes)[logits.argmax(axis=-1)]
                inter = (p * onehot).sum(axis=(0, 1, 2))
                total = p.sum(axis=(0, 1, 2)) + onehot.sum(axis=(0, 1, 2))
                return float(1 - np.mean(2 * inter / total))
        """,
        "fcnlab's dice_per_class on argmax labels": """
            def dice_loss(onehot, logits):
                n_classes = onehot.shape[-1]
                dice = metrics.dice_per_class(onehot.argmax(-1), logits.argmax(-1), n_classes)
                return float(1 - np.nanmean(dice))
        """,
        'squared terms in the denominator (V-Net Dice)': """
            def dice_loss(onehot, logits):
                e = np.exp(logits - logits.max(axis=-1, keepdims=True))
                p = e / e.sum(axis=-1, keepdims=True)
                inter = (p * onehot).sum(axis=(0, 1, 2))
                total = (p ** 2).sum(axis=(0, 1, 2)) + (onehot ** 2).sum(axis=(0, 1, 2))
                return float(1 - np.mean(2 * inter / total))
        """,
        'smoothing constant 1 from a Keras tutorial': """
            def dice_loss(onehot, logits, smooth=1.0):
                e = np.exp(logits - logits.max(axis=-1, keepdims=True))
                p = e / e.sum(axis=-1, keepdims=True)
                inter = (p * onehot).sum(axis=(0, 1, 2))
                total = p.sum(axis=(0, 1, 2)) + onehot.sum(axis=(0, 1, 2))
                return float(1 - np.mean((2 * inter + smooth) / (total + smooth)))
        """,
        'Dice per pixel, averaged over the pixels': """
            def dice_loss(onehot, logits):
                e = np.exp(logits - logits.max(axis=-1, keepdims=True))
                p = e / e.sum(axis=-1, keepdims=True)
                inter = (p * onehot).sum(axis=-1)
                total = p.sum(axis=-1) + onehot.sum(axis=-1)
                return float(1 - np.mean(2 * inter / total))
        """,
        'classes weighted by their pixel count': """
            def dice_loss(onehot, logits):
                e = np.exp(logits - logits.max(axis=-1, keepdims=True))
                p = e / e.sum(axis=-1, keepdims=True)
                inter = (p * onehot).sum(axis=(0, 1, 2))
                total = p.sum(axis=(0, 1, 2)) + onehot.sum(axis=(0, 1, 2))
                weights = onehot.sum(axis=(0, 1, 2)) / onehot.sum()
                return float(1 - np.sum(weights * 2 * inter / total))
        """,
    },
    "ex4": {
        'never restores the backup, only starts at epoch 2': """
            resumed, ckpt = small_stage(backup_folder)
            predicted_start = 2
            predicted_steps = 4 * int(small_ds.cardinality())
            resumed_history = resumed.fit(small_ds, validation_data=small_val, epochs=4,
                                          initial_epoch=predicted_start, shuffle=False,
                                          callbacks=[ckpt], verbose=0)
        """,
        'restores, then trains all 4 epochs again': """
            resumed, ckpt = small_stage(backup_folder)
            predicted_start = ckpt.restore(resumed)
            predicted_steps = 4 * int(small_ds.cardinality())
            resumed_history = resumed.fit(small_ds, validation_data=small_val, epochs=4,
                                          shuffle=False, callbacks=[ckpt], verbose=0)
        """,
        "epochs=2 read as 'two more epochs'": """
            resumed, ckpt = small_stage(backup_folder)
            predicted_start = ckpt.restore(resumed)
            predicted_steps = 4 * int(small_ds.cardinality())
            resumed_history = resumed.fit(small_ds, validation_data=small_val, epochs=2,
                                          initial_epoch=predicted_start, shuffle=False,
                                          callbacks=[ckpt], verbose=0)
        """,
        'epochs=start + 4: trains 4 more epochs': """
            resumed, ckpt = small_stage(backup_folder)
            predicted_start = ckpt.restore(resumed)
            predicted_steps = 4 * int(small_ds.cardinality())
            resumed_history = resumed.fit(small_ds, validation_data=small_val,
                                          epochs=predicted_start + 4,
                                          initial_epoch=predicted_start, shuffle=False,
                                          callbacks=[ckpt], verbose=0)
        """,
        'a fresh folder: restore finds no backup and starts over': """
            resumed, ckpt = small_stage(Path(tempfile.mkdtemp()) / "small-fcn32s")
            start_at = ckpt.restore(resumed)
            predicted_start = 2
            predicted_steps = 4 * int(small_ds.cardinality())
            resumed_history = resumed.fit(small_ds, validation_data=small_val, epochs=4,
                                          initial_epoch=start_at, shuffle=False,
                                          callbacks=[ckpt], verbose=0)
        """,
        'restore called after fit (the restore comes too late)': """
            resumed, ckpt = small_stage(backup_folder)
            predicted_start = 2
            predicted_steps = 16
            resumed_history = resumed.fit(small_ds, validation_data=small_val, epochs=4,
                                          initial_epoch=2, shuffle=False, verbose=0)
            ckpt.restore(resumed)
        """,
        'predicted steps: only the 2 resumed epochs': """
            resumed, ckpt = small_stage(backup_folder)
            start_at = ckpt.restore(resumed)
            predicted_start = 2
            predicted_steps = 2 * (8 // 2)
            resumed_history = resumed.fit(small_ds, validation_data=small_val, epochs=4,
                                          initial_epoch=start_at, shuffle=False,
                                          callbacks=[ckpt], verbose=0)
        """,
        'predicted steps: images, not batches': """
            resumed, ckpt = small_stage(backup_folder)
            start_at = ckpt.restore(resumed)
            predicted_start = start_at
            predicted_steps = 4 * 8
            resumed_history = resumed.fit(small_ds, validation_data=small_val, epochs=4,
                                          initial_epoch=start_at, shuffle=False,
                                          callbacks=[ckpt], verbose=0)
        """,
        'predicted steps: the epochs': """
            resumed, ckpt = small_stage(backup_folder)
            start_at = ckpt.restore(resumed)
            predicted_start = 2
            predicted_steps = 4
            resumed_history = resumed.fit(small_ds, validation_data=small_val, epochs=4,
                                          initial_epoch=start_at, shuffle=False,
                                          callbacks=[ckpt], verbose=0)
        """,
        'predicted start 1: the epoch index the disconnect raised at': """
            resumed, ckpt = small_stage(backup_folder)
            start_at = ckpt.restore(resumed)
            predicted_start = 1
            predicted_steps = 4 * int(small_ds.cardinality())
            resumed_history = resumed.fit(small_ds, validation_data=small_val, epochs=4,
                                          initial_epoch=start_at, shuffle=False,
                                          callbacks=[ckpt], verbose=0)
        """,
        'predicted start 3: the next epoch counted from 1': """
            resumed, ckpt = small_stage(backup_folder)
            start_at = ckpt.restore(resumed)
            predicted_start = 3
            predicted_steps = 4 * int(small_ds.cardinality())
            resumed_history = resumed.fit(small_ds, validation_data=small_val, epochs=4,
                                          initial_epoch=start_at, shuffle=False,
                                          callbacks=[ckpt], verbose=0)
        """,
        'copied start and fcn32s_steps from sections 6-7': """
            resumed, ckpt = small_stage(backup_folder)
            start_at = ckpt.restore(resumed)
            predicted_start = start
            predicted_steps = fcn32s_steps
            resumed_history = resumed.fit(small_ds, validation_data=small_val, epochs=4,
                                          initial_epoch=start_at, shuffle=False,
                                          callbacks=[ckpt], verbose=0)
        """,
    },
}

# blind "wrong" answers that are right: the value is right (a check sees values, not whether they were
# predicted before they were computed)
BLIND_RIGHT = {
    "ex1": {
        'np.ceil times the epochs': """
            n = len(split.train_images)
            my_steps = int(np.ceil(n / PROFILE.batch_size)) * epochs_run
            steps_batch9 = int(np.ceil(n / 9)) * 5
        """,
        'negative floor division and steps_per_epoch': """
            my_steps = steps_per_epoch * epochs_run
            steps_batch9 = 5 * -(-len(split.train_images) // 9)
        """,
        'math.ceil, counting epochs as start + history': """
            import math
            n_train = split.train_images.shape[0]
            epochs_done = start + len(history.history["loss"])
            my_steps = math.ceil(n_train / PROFILE.batch_size) * epochs_done
            steps_batch9 = math.ceil(n_train / 9) * 5
        """,
        'divmod: full batches plus one for a remainder': """
            full, rest = divmod(len(split.train_images), PROFILE.batch_size)
            my_steps = (full + (rest > 0)) * epochs_run
            full9, rest9 = divmod(len(split.train_images), 9)
            steps_batch9 = 5 * (full9 + (1 if rest9 else 0))
        """,
    },
    "ex2": {
        'numpy, largest logit subtracted': """
            z = image_logits - image_logits.max(axis=-1, keepdims=True)
            probs = np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True)
            labels = image_logits.argmax(axis=-1)
            n_changed = int(np.sum(probs.argmax(axis=-1) != labels))
        """,
        'keras.ops softmax and argmax': """
            probs = keras.ops.convert_to_numpy(keras.ops.softmax(image_logits, axis=-1))
            labels = keras.ops.convert_to_numpy(keras.ops.argmax(image_logits, axis=-1)).astype("int64")
            n_changed = int(np.count_nonzero(probs.argmax(-1) != labels))
        """,
        'log-sum-exp as in section 3, labels from the probabilities': """
            m = image_logits.max(axis=-1, keepdims=True)
            log_z = m + np.log(np.exp(image_logits - m).sum(axis=-1, keepdims=True))
            probs = np.exp(image_logits - log_z)
            labels = probs.argmax(axis=-1)
            n_changed = (np.argmax(image_logits, axis=-1) != labels).sum()
        """,
    },
    "ex3": {
        'numpy, sums over axes (0, 1, 2)': """
            def dice_loss(onehot, logits):
                onehot, logits = np.asarray(onehot, float), np.asarray(logits, float)
                e = np.exp(logits - logits.max(axis=-1, keepdims=True))
                p = e / e.sum(axis=-1, keepdims=True)
                inter = (p * onehot).sum(axis=(0, 1, 2))
                total = p.sum(axis=(0, 1, 2)) + onehot.sum(axis=(0, 1, 2))
                return float(1 - np.mean(2 * inter / total))
        """,
        'pixels flattened, a loop over the classes': """
            def dice_loss(onehot, logits):
                n_classes = logits.shape[-1]
                z = np.reshape(logits, (-1, n_classes)).astype(np.float64)
                y = np.reshape(onehot, (-1, n_classes)).astype(np.float64)
                p = np.exp(z - z.max(axis=1, keepdims=True))
                p = p / p.sum(axis=1, keepdims=True)
                dice = []
                for c in range(n_classes):
                    dice.append(2 * np.sum(p[:, c] * y[:, c]) / (np.sum(p[:, c]) + np.sum(y[:, c])))
                return float(1 - sum(dice) / n_classes)
        """,
        'keras.ops softmax, tiny epsilon': """
            def dice_loss(onehot, logits):
                p = keras.ops.convert_to_numpy(keras.ops.softmax(np.asarray(logits, "float32"), axis=-1))
                y = np.asarray(onehot, "float32")
                axes = tuple(range(y.ndim - 1))
                d = 2 * np.sum(p * y, axis=axes) / (np.sum(p, axis=axes) + np.sum(y, axis=axes) + 1e-12)
                return float(1.0 - d.mean())
        """,
    },
    "ex4": {
        'restore, then fit from the epoch it returns': """
            resumed, ckpt = small_stage(backup_folder)
            predicted_start = 2
            predicted_steps = 4 * (8 // 2)
            start_at = ckpt.restore(resumed)
            resumed_history = resumed.fit(small_ds, validation_data=small_val, epochs=4,
                                          initial_epoch=start_at, shuffle=False,
                                          callbacks=[ckpt], verbose=0)
        """,
        'math.ceil for the steps; fit without the checkpoint callback': """
            import math
            predicted_start = 2  # epochs 1 and 2 were backed up
            predicted_steps = 4 * math.ceil(8 / 2)
            resumed, checkpoint = small_stage(backup_folder)
            initial = checkpoint.restore(resumed)
            resumed_history = resumed.fit(small_ds, epochs=4, initial_epoch=initial,
                                          validation_data=small_val, verbose=0)
        """,
    },
}
BLIND_RIGHT_MOVED = {
    "ex2": {
        'n_changed predicted as 0 and never computed': """
            probs = np.asarray(keras.ops.softmax(image_logits, axis=-1))
            labels = image_logits.argmax(axis=-1)
            n_changed = 0
        """,
    },
    "ex4": {
        'predictions read off the resumed run, not predicted': """
            resumed, ckpt = small_stage(backup_folder)
            start_at = ckpt.restore(resumed)
            resumed_history = resumed.fit(small_ds, validation_data=small_val, epochs=4,
                                          initial_epoch=start_at, shuffle=False,
                                          callbacks=[ckpt], verbose=0)
            predicted_start = resumed_history.epoch[0]
            predicted_steps = int(resumed.optimizer.iterations)
        """,
    },
}

# a blind wrong answer no check can reject: with two classes, p(class 1) > 0.5 is the argmax, and exercise 2
# asks for values of this two-class model (not run by the harness; see the report of this change)
BLIND_NOT_REJECTED = {
    "ex2": {
        'labels by p(class 1) > 0.5: only right with two classes': """
            e = np.exp(image_logits - image_logits.max(axis=-1, keepdims=True))
            probs = e / e.sum(axis=-1, keepdims=True)
            labels = (probs[..., 1] > 0.5).astype(np.int64)
            n_changed = int(np.sum(probs.argmax(-1) != labels))
        """,
    },
}


# their exercise-1 alternatives, written as count_steps (see above)
BLIND_RIGHT["ex1"] = {
    "np.ceil times the epochs": _steps("return int(np.ceil(n_images / batch_size)) * len(history.epoch)",
                                       "n = len(split.train_images)\nsteps_batch9 = int(np.ceil(n / 9)) * 5\n"),
    "negative floor division and steps_per_epoch": _steps(
        "return -(-n_images // batch_size) * len(history.epoch)",
        "steps_batch9 = 5 * -(-len(split.train_images) // 9)\n"),
    "math.ceil, counting epochs as start + history": (
        "import math\n\n\n" + _steps('return math.ceil(n_images / batch_size) * len(history.history["loss"])',
                                    "steps_batch9 = math.ceil(split.train_images.shape[0] / 9) * 5\n")),
    "divmod: full batches plus one for a remainder": (
        "def count_steps(history, n_images, batch_size):  # noqa: F811\n"
        "    full, rest = divmod(n_images, batch_size)\n"
        "    return (full + (rest > 0)) * len(history.epoch)\n\n\n"
        "full9, rest9 = divmod(len(split.train_images), 9)\n"
        "steps_batch9 = 5 * (full9 + (1 if rest9 else 0))\n"),
}




WRONG_ANSWERS = merged(WRONG_ANSWERS, BLIND_WRONG)
RIGHT_ANSWERS = merged(merged({}, BLIND_RIGHT), BLIND_RIGHT_MOVED)
