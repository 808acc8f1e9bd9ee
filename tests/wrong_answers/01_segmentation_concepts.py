"""Plausible wrong answers to the exercises of lesson 1 (notebooks/01_segmentation_concepts.ipynb).

Each entry is code that replaces the solution region (between ``### BEGIN SOLUTION`` and
``### END SOLUTION``) of the exercise's answer cell; the exercise's check cell must then fail with an
AssertionError. The names the checks read are set to ``None`` before the region, as in the notebook.
"""

_NEAREST = "nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)\n"
_BILINEAR = ("bilinear_up = tf.image.resize(coarse[None, :, :, None].astype('float32'), (224, 224),\n"
             "                              method='bilinear').numpy()[0, :, :, 0]\n")
_INVENTED = "invented = np.mean((bilinear_up > 0) & (bilinear_up < 1))\n"


def _size(body: str) -> str:
    return f"def trans_conv_size(n, k, s, p=0):  # noqa: F811\n    return {body}\n"


def _uneven(a: bool, b: bool, c: bool, d: bool) -> str:
    return f"uneven = {{'A': {a}, 'B': {b}, 'C': {c}, 'D': {d}}}\n"


WRONG_ANSWERS = {
    # Exercise 1: receptive field and stride of fc6 (a 7x7, stride-1 convolution on block5_pool)
    "ex1": {
        "pool5's numbers unchanged": "rf_fc6, stride_fc6 = 212, 32\n",
        "k - 1 pixels, not k - 1 pool5 units": "rf_fc6, stride_fc6 = 212 + 6, 32\n",
        "k instead of k - 1": "rf_fc6, stride_fc6 = 212 + 7 * 32, 32\n",
        "seven pool5 cells, no overlap": "rf_fc6, stride_fc6 = 7 * 32, 32\n",
        "stride reset to 1": "rf_fc6, stride_fc6 = 212 + 6 * 32, 1\n",
        "stride multiplied by the kernel size": "rf_fc6, stride_fc6 = 212 + 6 * 32, 32 * 7\n",
    },
    # Exercise 2: output length of a transposed convolution, p cut from each end
    "ex2": {
        "the convolution's formula": _size("(n + 2 * p - k) // s + 1"),
        "n times s": _size("n * s"),
        "padding ignored": _size("(n - 1) * s + k"),
        "padding cut from one end only": _size("(n - 1) * s + k - p"),
        "n * s instead of (n - 1) * s": _size("n * s + k - 2 * p"),
        "padding added": _size("(n - 1) * s + k + 2 * p"),
    },
    # Exercise 3: nearest keeps labels, bilinear invents them
    "ex3": {
        "a constant mask": "nearest_up = np.zeros((224, 224), int)\n" + _BILINEAR + _INVENTED,
        "bilinear, rounded, as nearest": (
            _BILINEAR + "nearest_up = np.round(bilinear_up).astype(int)\n" + _INVENTED),
        "bilinear, truncated, as nearest": (
            _BILINEAR + "nearest_up = bilinear_up.astype(int)\n" + _INVENTED),
        "nearest as floats": (
            "nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1).astype(float)\n"
            + _BILINEAR + _INVENTED),
        "np.repeat without an axis": (
            "nearest_up = np.repeat(coarse, 64).reshape(224, 224)\n" + _BILINEAR + _INVENTED),
        "the coarse mask tiled, not repeated": (
            "nearest_up = np.tile(coarse, (8, 8))\n" + _BILINEAR + _INVENTED),
        "nearest used for both": (
            _NEAREST + "bilinear_up = nearest_up.astype(float)\n" + _INVENTED),
        "batch and channel axes kept": (
            _NEAREST + "bilinear_up = tf.image.resize(coarse[None, :, :, None].astype('float32'),"
            " (224, 224)).numpy()\n" + _INVENTED),
        "a count, not a fraction": (
            _NEAREST + _BILINEAR + "invented = np.sum((bilinear_up > 0) & (bilinear_up < 1))\n"),
        "a percentage, not a fraction": (
            _NEAREST + _BILINEAR + "invented = 100 * np.mean((bilinear_up > 0) & (bilinear_up < 1))\n"),
        "the share of distinct values": (
            _NEAREST + _BILINEAR
            + "invented = np.mean(~np.isin(np.unique(bilinear_up), [0, 1]))\n"),
    },
    # Exercise 4: which transposed convolutions of a constant input are uneven inside
    "ex4": {
        "everything uneven": _uneven(True, True, True, True),
        "everything flat": _uneven(False, False, False, False),
        "k % s != 0 for every kernel, bilinear too": _uneven(False, True, True, True),
        "odd kernels are uneven": _uneven(False, True, False, True),
        "only overlap makes artifacts, not gaps": _uneven(False, True, False, False),
    },
}
