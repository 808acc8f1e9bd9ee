"""Wrong answers for the exercises of notebooks/04_training.ipynb.

Each entry replaces the code between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` in the exercise's answer
cell; the exercise's check must then fail (an AssertionError with a hint). Each wrong answer changes one thing
in the solution, so that the check is shown to catch that very mistake. They are written for the fast profile
on the synthetic road scenes (160 training images, batch size 2, binary classes).
"""

_EX1 = '''\
n_train = len(split.train_images)
my_steps = epochs_run * int(np.ceil(n_train / PROFILE.batch_size))
steps_batch9 = 5 * int(np.ceil(n_train / 9))
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
        "images, not batches": _change(_EX1, "epochs_run * int(np.ceil(n_train / PROFILE.batch_size))",
                                       "epochs_run * n_train"),
        "one epoch only": _change(_EX1, "epochs_run * int(np.ceil(n_train / PROFILE.batch_size))",
                                  "int(np.ceil(n_train / PROFILE.batch_size))"),
        "the validation images trained on too": _change(_EX1, "n_train = len(split.train_images)",
                                                        "n_train = len(lesson.train_images)"),
        "validation batches counted as steps": _change(
            _EX1, "my_steps = epochs_run * int(np.ceil(n_train / PROFILE.batch_size))",
            "my_steps = epochs_run * (int(np.ceil(n_train / PROFILE.batch_size))\n"
            "                         + int(np.ceil(len(split.val_images) / 8)))"),
        "the last, partial batch forgotten": _change(_EX1, "5 * int(np.ceil(n_train / 9))", "5 * (n_train // 9)"),
        "the epochs forgotten for batch size 9": _change(_EX1, "5 * int(np.ceil(n_train / 9))",
                                                         "int(np.ceil(n_train / 9))"),
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
