"""Plausible wrong answers to the exercises of lesson 1 (notebooks/01_segmentation_concepts.ipynb).

Each entry is code that replaces the solution region (between ``### BEGIN SOLUTION`` and
``### END SOLUTION``) of the exercise's answer cell; the exercise's check cell must then fail with an
AssertionError. The names the checks read are set to ``None`` before the region, as in the notebook.
"""

from tools.exercise_cases import merged

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


# --- Written blind ---------------------------------------------------------------------------------------------
# By a reviewer who saw only the student edition: not the solutions, not the checks' design, not the answers
# above. Merged into WRONG_ANSWERS and RIGHT_ANSWERS below; a name that clashes gets " (blind)".
BLIND_WRONG_ANSWERS = {
    # ------------------------------------------------------------------ ex1: receptive field of fc6
    "ex1": {
        "copied pool5 from the receptive dict": '''
            rf_fc6, stride_fc6 = receptive["block5_pool"]
        ''',
        "kernel k instead of k - 1": '''
            rf_fc6 = 212 + 7 * 32
            stride_fc6 = 32
        ''',
        "ignored the jump: k - 1 pool5 units as pixels": '''
            rf_fc6 = 212 + (7 - 1)
            stride_fc6 = 32
        ''',
        "stride 1 layer read as stride 1 px": '''
            rf_fc6 = 212 + (7 - 1) * 32
            stride_fc6 = 1
        ''',
        "7 cells of 32 px, forgot pool5's own field": '''
            rf_fc6 = 7 * 32
            stride_fc6 = 32
        ''',
        "started from the 224 image, not pool5's 212": '''
            rf_fc6 = 224 + (7 - 1) * 32
            stride_fc6 = 32
        ''',
        "jump multiplied by the kernel size": '''
            rf_fc6 = 212 + (7 - 1) * 32
            stride_fc6 = 32 * 7
        ''',
        "loop updates the jump before r": '''
            r, j = 1, 1
            for layer in vgg.layers[1:]:
                k = layer.pool_size[0] if "pool" in layer.name else layer.kernel_size[0]
                j = j * layer.strides[0]
                r = r + (k - 1) * j
            rf_fc6 = r + (7 - 1) * j
            stride_fc6 = j
        ''',
        "same padding read as no growth": '''
            rf_fc6 = 212
            stride_fc6 = 32 * 1
        ''',
    },
    # ------------------------------------------------------------------ ex2: output size of a transposed conv
    "ex2": {
        "n * s, the 7 x 32 = 224 guess": '''
            def trans_conv_size(n, k, s, p=0):
                return n * s
        ''',
        "ignores p": '''
            def trans_conv_size(n, k, s, p=0):
                return (n - 1) * s + k
        ''',
        "p cut from one end only": '''
            def trans_conv_size(n, k, s, p=0):
                return (n - 1) * s + k - p
        ''',
        "p added instead of cut": '''
            def trans_conv_size(n, k, s, p=0):
                return (n - 1) * s + k + 2 * p
        ''',
        "the convolution's formula": '''
            def trans_conv_size(n, k, s, p=0):
                return (n + 2 * p - k) // s + 1
        ''',
        "off by one: n * s + k": '''
            def trans_conv_size(n, k, s, p=0):
                return n * s + k - 2 * p
        ''',
        "k and s swapped": '''
            def trans_conv_size(n, k, s, p=0):
                return (n - 1) * k + s - 2 * p
        ''',
        "constant 224 copied from the text": '''
            def trans_conv_size(n, k, s, p=0):
                return 224
        ''',
        "p hard-coded as (k - s) // 2, argument ignored": '''
            def trans_conv_size(n, k, s, p=0):
                return (n - 1) * s + k - 2 * ((k - s) // 2)
        ''',
        "asks Keras instead of deriving the formula": '''
            def trans_conv_size(n, k, s, p=0):
                layer = keras.layers.Conv2DTranspose(1, k, strides=s, padding="valid")
                return layer.compute_output_shape((1, n, n, 1))[1] - 2 * p
        ''',
    },
    # ------------------------------------------------------------------ ex3: resize a label map
    "ex3": {
        "percent, not a fraction": '''
            nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)
            bilinear_up = tf.image.resize(coarse[None, :, :, None].astype("float32"),
                                          (224, 224), "bilinear").numpy()[0, :, :, 0]
            invented = 100 * np.mean(~np.isin(bilinear_up, [0, 1]))
        ''',
        "a pixel count, not a fraction": '''
            nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)
            bilinear_up = tf.image.resize(coarse[None, :, :, None].astype("float32"),
                                          (224, 224), "bilinear").numpy()[0, :, :, 0]
            invented = int(np.sum(~np.isin(bilinear_up, [0, 1])))
        ''',
        "nearest_up from the lesson's majority round trip": '''
            nearest_up = round_trip(masks, 8)[idx]
            bilinear_up = tf.image.resize(coarse[None, :, :, None].astype("float32"),
                                          (224, 224), "bilinear").numpy()[0, :, :, 0]
            invented = np.mean(~np.isin(bilinear_up, [0, 1]))
        ''',
        "nearest_up is the full-resolution truth": '''
            nearest_up = masks[idx]
            bilinear_up = tf.image.resize(coarse[None, :, :, None].astype("float32"),
                                          (224, 224), "bilinear").numpy()[0, :, :, 0]
            invented = np.mean(~np.isin(bilinear_up, [0, 1]))
        ''',
        "np.tile instead of np.repeat": '''
            nearest_up = np.tile(coarse, (8, 8))
            bilinear_up = tf.image.resize(coarse[None, :, :, None].astype("float32"),
                                          (224, 224), "bilinear").numpy()[0, :, :, 0]
            invented = np.mean(~np.isin(bilinear_up, [0, 1]))
        ''',
        "np.kron with float ones: a float label map": '''
            nearest_up = np.kron(coarse, np.ones((8, 8)))
            bilinear_up = tf.image.resize(coarse[None, :, :, None].astype("float32"),
                                          (224, 224), "bilinear").numpy()[0, :, :, 0]
            invented = np.mean(~np.isin(bilinear_up, [0, 1]))
        ''',
        "bilinear result rounded back to labels": '''
            nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)
            bilinear_up = np.round(tf.image.resize(coarse[None, :, :, None].astype("float32"),
                                                   (224, 224), "bilinear").numpy()[0, :, :, 0])
            invented = np.mean(~np.isin(bilinear_up, [0, 1]))
        ''',
        "invented measured on the nearest map": '''
            nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)
            bilinear_up = tf.image.resize(coarse[None, :, :, None].astype("float32"),
                                          (224, 224), "bilinear").numpy()[0, :, :, 0]
            invented = np.mean(~np.isin(nearest_up, [0, 1]))
        ''',
        "guessed 10 % from the question": '''
            nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)
            bilinear_up = tf.image.resize(coarse[None, :, :, None].astype("float32"),
                                          (224, 224), "bilinear").numpy()[0, :, :, 0]
            invented = 0.10
        ''',
        "changed labels after rounding, not non-class values": '''
            nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)
            bilinear_up = tf.image.resize(coarse[None, :, :, None].astype("float32"),
                                          (224, 224), "bilinear").numpy()[0, :, :, 0]
            invented = np.mean(np.round(bilinear_up) != nearest_up)
        ''',
        "fraction of the first row only": '''
            nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)
            bilinear_up = tf.image.resize(coarse[None, :, :, None].astype("float32"),
                                          (224, 224), "bilinear").numpy()[0, :, :, 0]
            invented = np.mean(~np.isin(bilinear_up[0], [0, 1]))
        ''',
        "kept the batch and channel axes": '''
            nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)
            bilinear_up = tf.image.resize(coarse[None, :, :, None].astype("float32"),
                                          (224, 224), "bilinear").numpy()
            invented = np.mean(~np.isin(bilinear_up, [0, 1]))
        ''',
        "resized the full mask, not coarse": '''
            nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)
            bilinear_up = tf.image.resize(masks[idx][:, :, None].astype("float32"),
                                          (224, 224), "bilinear").numpy()[:, :, 0]
            invented = np.mean(~np.isin(bilinear_up, [0, 1]))
        ''',
    },
    # ------------------------------------------------------------------ ex4: which kernels draw a checkerboard
    "ex4": {
        "k % s rule applied to the bilinear kernel too": '''
            uneven = {"A": False, "B": True, "C": True, "D": True}
        ''',
        "no overlap read as flat (holes missed)": '''
            uneven = {"A": False, "B": True, "C": False, "D": False}
        ''',
        "constant input, so all flat": '''
            uneven = {"A": False, "B": False, "C": False, "D": False}
        ''',
        "measured on the whole output, border included": '''
            cases = {"A": np.ones((6, 6)), "B": np.ones((5, 5)), "C": np.ones((2, 2)),
                     "D": bilinear_kernel(3, 1)[:, :, 0, 0]}
            uneven = {}
            for case, kernel in cases.items():
                output = trans_conv(np.ones((6, 6)), kernel, stride=3)
                uneven[case] = bool(output.max() != output.min())
        ''',
        "numpy bools instead of Python bools": '''
            cases = {"A": np.ones((6, 6)), "B": np.ones((5, 5)), "C": np.ones((2, 2)),
                     "D": bilinear_kernel(3, 1)[:, :, 0, 0]}
            uneven = {}
            for case, kernel in cases.items():
                k = kernel.shape[0]
                inside = trans_conv(np.ones((6, 6)), kernel, stride=3)[k:-k, k:-k]
                uneven[case] = np.ptp(inside) > 1e-6
        ''',
        "1 and 0 instead of True and False": '''
            uneven = {"A": 0, "B": 1, "C": 1, "D": 0}
        ''',
        "overlap (k > s) means uneven": '''
            uneven = {"A": True, "B": True, "C": False, "D": True}
        ''',
        "strings instead of bools": '''
            uneven = {"A": "False", "B": "True", "C": "True", "D": "False"}
        ''',
        "odd kernel means checkerboard (the lesson's 3x3)": '''
            uneven = {"A": False, "B": True, "C": False, "D": True}
        ''',
        "only the bilinear kernel is flat": '''
            uneven = {"A": True, "B": True, "C": True, "D": False}
        ''',
        "measured at the lesson figure's stride 2": '''
            cases = {"A": np.ones((6, 6)), "B": np.ones((5, 5)), "C": np.ones((2, 2)),
                     "D": bilinear_kernel(3, 1)[:, :, 0, 0]}
            uneven = {}
            for case, kernel in cases.items():
                k = kernel.shape[0]
                inside = trans_conv(np.ones((6, 6)), kernel, stride=2)[k:-k, k:-k]
                uneven[case] = bool(np.ptp(inside) > 1e-6)
        ''',
    },
}

BLIND_RIGHT_ANSWERS = {
    "ex1": {
        "the recurrence by hand": '''
            rf_fc6 = 212 + (7 - 1) * 32
            stride_fc6 = 32 * 1
        ''',
        "one more step from the receptive dict": '''
            r5, j5 = receptive["block5_pool"]
            rf_fc6 = r5 + (7 - 1) * j5
            stride_fc6 = j5 * 1
        ''',
        "loop over vgg's layers, then fc6": '''
            r, j = 1, 1
            for layer in vgg.layers[1:]:
                k = layer.pool_size[0] if "pool" in layer.name else layer.kernel_size[0]
                r, j = r + (k - 1) * j, j * layer.strides[0]
            rf_fc6, stride_fc6 = r + (7 - 1) * j, j * 1
        ''',
    },
    "ex2": {
        "def with (n - 1) * s + k - 2p": '''
            def trans_conv_size(n, k, s, p=0):
                return (n - 1) * s + k - 2 * p
        ''',
        "lambda in Keras' form n * s + max(k - s, 0)": '''
            trans_conv_size = lambda n, k, s, p=0: n * s + max(k - s, 0) - 2 * p
        ''',
        "measured with the lesson's trans_conv": '''
            def trans_conv_size(n, k, s, p=0):
                full = trans_conv(np.zeros((n, 1)), np.zeros((k, 1)), stride=s)
                return full.shape[0] - 2 * p
        ''',
    },
    "ex3": {
        "repeat, resize, isin": '''
            nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)
            bilinear_up = tf.image.resize(coarse[None, :, :, None].astype("float32"),
                                          (224, 224), method="bilinear").numpy()[0, :, :, 0]
            invented = float(np.mean(~np.isin(bilinear_up, [0, 1])))
        ''',
        "index with np.ix_, strictly between 0 and 1": '''
            rows = np.arange(224) // 8
            nearest_up = coarse[np.ix_(rows, rows)]
            resized = tf.image.resize(coarse[None, ..., None], (224, 224), method="bilinear")
            bilinear_up = np.squeeze(np.asarray(resized))
            invented = ((bilinear_up > 0) & (bilinear_up < 1)).mean()
        ''',
        "kron with integer ones, count / size": '''
            nearest_up = np.kron(coarse, np.ones((8, 8), dtype=coarse.dtype))
            bilinear_up = tf.image.resize(coarse.astype(np.float32)[:, :, None],
                                          (224, 224)).numpy()[:, :, 0]
            is_class = (bilinear_up == 0) | (bilinear_up == 1)
            invented = (~is_class).sum() / bilinear_up.size
        ''',
    },
    "ex4": {
        "literal prediction": '''
            uneven = {"A": False, "B": True, "C": True, "D": False}
        ''',
        "measured with trans_conv away from the border": '''
            kernels = {"A": np.ones((6, 6)), "B": np.ones((5, 5)), "C": np.ones((2, 2)),
                       "D": bilinear_kernel(3, 1)[:, :, 0, 0]}
            uneven = {}
            for name, kernel in kernels.items():
                k = len(kernel)
                out = trans_conv(np.ones((6, 6)), kernel, stride=3)[k:-k, k:-k]
                uneven[name] = bool(out.max() - out.min() > 1e-6)
        ''',
    },
}




# Right under the exercise's old wording (Keras' output length, found any way); wrong under the present one,
# which asks for the length of trans_conv's output (k < s included) as a formula that takes an array of n:
for _name in ("lambda in Keras' form n * s + max(k - s, 0)", "measured with the lesson's trans_conv"):
    BLIND_WRONG_ANSWERS["ex2"][_name] = BLIND_RIGHT_ANSWERS["ex2"].pop(_name)

RIGHT_ANSWERS: dict = {
    "ex2": {
        "p subtracted twice, s times the gaps": _size("s * (n - 1) + k - p - p"),
        "a lambda": "trans_conv_size = lambda n, k, s, p=0: n * s - s + k - 2 * p\n",
    },
}
WRONG_ANSWERS = merged(WRONG_ANSWERS, BLIND_WRONG_ANSWERS)
RIGHT_ANSWERS = merged(RIGHT_ANSWERS, BLIND_RIGHT_ANSWERS)


# --- Written blind, second review ------------------------------------------------------------------------------
# By a second reviewer who, playing a student, saw only the student edition (not the solutions, the checks'
# design or the answers above). Merged below; a name that clashes gets " (blind 2)". Reclassified after
# reading them: ex3 [bilinear kept (224,224,1)]: right -> wrong.
BLIND2_WRONG_ANSWERS = {'ex1': {'pool5 values copied': "rf_fc6, stride_fc6 = receptive['block5_pool']",
         "fc6's own stride 1": 'rf_fc6 = 404\nstride_fc6 = 1',
         'k instead of k-1': 'rf_fc6 = 212 + 7 * 32\nstride_fc6 = 32',
         'jump ignored': 'rf_fc6 = 212 + (7 - 1)\nstride_fc6 = 32',
         'clipped to image': 'rf_fc6 = 224\nstride_fc6 = 32',
         'jump before pool5 (16)': 'rf_fc6 = 212 + 6 * 16\nstride_fc6 = 32',
         'swapped': 'rf_fc6 = 32\nstride_fc6 = 404',
         'stride doubled': 'rf_fc6 = 404\nstride_fc6 = 64',
         '7x7 window of pixels times stride': 'rf_fc6 = 7 * 32\nstride_fc6 = 32',
         'rf right, stride wrong 32*7': 'rf_fc6 = 404\nstride_fc6 = 32 * 7',
         'tuple answers': 'rf_fc6 = (404, 404)\nstride_fc6 = (32, 32)'},
 'ex2': {'n*s ignores k': 'def trans_conv_size(n, k, s, p=0):\n    return n * s - 2 * p',
         'ignores p': 'def trans_conv_size(n, k, s, p=0):\n    return (n - 1) * s + k',
         'p cut once': 'def trans_conv_size(n, k, s, p=0):\n    return (n - 1) * s + k - p',
         'off by one (n+1)': 'def trans_conv_size(n, k, s, p=0):\n    return n * s + k - 2 * p',
         'conv formula': 'def trans_conv_size(n, k, s, p=0):\n    return (n + 2 * p - k) // s + 1',
         'max(k,s) (gaps ignored)': 'def trans_conv_size(n, k, s, p=0):\n'
                                    '    return (n - 1) * s + np.maximum(k, s) - 2 * p',
         'special-cased: same or valid': 'def trans_conv_size(n, k, s, p=0):\n'
                                         '    return n * s if p else (n - 1) * s + k',
         'k % s': 'def trans_conv_size(n, k, s, p=0):\n    return n * s + k % s - 2 * p',
         'measured with trans_conv': 'def trans_conv_size(n, k, s, p=0):\n'
                                     '    return trans_conv(np.ones((1, n)), np.ones((1, k)), s).shape[1] - '
                                     '2 * p',
         'measured, vectorised': 'def trans_conv_size(n, k, s, p=0):\n'
                                 '    f = np.vectorize(lambda m: trans_conv(np.ones((1, m)), np.ones((1, '
                                 'k)), s).shape[1])\n'
                                 '    return f(n) - 2 * p',
         '(n-1)*s + k - 2p but p as fraction': 'def trans_conv_size(n, k, s, p=0):\n'
                                               '    return (n - 1) * s + k - 2 * p / s',
         'plus p instead of minus': 'def trans_conv_size(n, k, s, p=0):\n    return (n - 1) * s + k + 2 * p',
         'k-1 instead of k': 'def trans_conv_size(n, k, s, p=0):\n    return (n - 1) * s + k - 1 - 2 * p',
         'lambda ignoring s for k': 'trans_conv_size = lambda n, k, s, p=0: (n - 1) * k + s - 2 * p'},
 'ex3': {'percent': 'nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)\n'
                    "bilinear_up = tf.image.resize(coarse[None, :, :, None].astype('float32'), (224, 224), "
                    "'bilinear').numpy()[0, :, :, 0]\n"
                    'invented = 100 * np.mean((bilinear_up != 0) & (bilinear_up != 1))',
         'count': 'nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)\n'
                  "bilinear_up = tf.image.resize(coarse[None, :, :, None].astype('float32'), (224, 224), "
                  "'bilinear').numpy()[0, :, :, 0]\n"
                  'invented = int(np.sum((bilinear_up != 0) & (bilinear_up != 1)))',
         'round_trip (majority) as nearest': 'nearest_up = round_trip(masks, 8)[idx]\n'
                                             'bilinear_up = tf.image.resize(coarse[None, :, :, '
                                             "None].astype('float32'), (224, 224), 'bilinear').numpy()[0, :, "
                                             ':, 0]\n'
                                             'invented = np.mean((bilinear_up != 0) & (bilinear_up != 1))',
         'full mask as nearest': 'nearest_up = mask\n'
                                 "bilinear_up = tf.image.resize(coarse[None, :, :, None].astype('float32'), "
                                 "(224, 224), 'bilinear').numpy()[0, :, :, 0]\n"
                                 'invented = np.mean((bilinear_up != 0) & (bilinear_up != 1))',
         'bilinear of full mask': 'nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)\n'
                                  "bilinear_up = tf.image.resize(mask[None, :, :, None].astype('float32'), "
                                  "(224, 224), 'bilinear').numpy()[0, :, :, 0]\n"
                                  'invented = np.mean((bilinear_up != 0) & (bilinear_up != 1))',
         'bicubic': 'nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)\n'
                    "bilinear_up = tf.image.resize(coarse[None, :, :, None].astype('float32'), (224, 224), "
                    "'bicubic').numpy()[0, :, :, 0]\n"
                    'invented = np.mean((bilinear_up != 0) & (bilinear_up != 1))',
         'bilinear cast to uint8': 'nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)\n'
                                   'bilinear_up = tf.image.resize(coarse[None, :, :, '
                                   "None].astype('float32'), (224, 224), 'bilinear').numpy()[0, :, :, "
                                   '0].astype(np.uint8)\n'
                                   'invented = np.mean((bilinear_up != 0) & (bilinear_up != 1))',
         'invented on nearest': 'nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)\n'
                                "bilinear_up = tf.image.resize(coarse[None, :, :, None].astype('float32'), "
                                "(224, 224), 'bilinear').numpy()[0, :, :, 0]\n"
                                'invented = np.mean((nearest_up != 0) & (nearest_up != 1))',
         'align_corners v1': 'nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)\n'
                             'bilinear_up = tf.compat.v1.image.resize_bilinear(coarse[None, :, :, '
                             "None].astype('float32'), (224, 224), align_corners=True).numpy()[0, :, :, 0]\n"
                             'invented = np.mean((bilinear_up != 0) & (bilinear_up != 1))',
         'scipy zoom order1': 'from scipy import ndimage\n'
                              'nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)\n'
                              'bilinear_up = ndimage.zoom(coarse.astype(float), 8, order=1)\n'
                              'invented = np.mean((bilinear_up != 0) & (bilinear_up != 1))',
         'fraction of non-integers on coarse grid mean': 'nearest_up = np.repeat(np.repeat(coarse, 8, '
                                                         'axis=0), 8, axis=1)\n'
                                                         'bilinear_up = tf.image.resize(coarse[None, :, :, '
                                                         "None].astype('float32'), (224, 224), "
                                                         "'bilinear').numpy()[0, :, :, 0]\n"
                                                         'invented = np.mean((bilinear_up > 0.25) & '
                                                         '(bilinear_up < 0.75))',
         'invented = fraction of road in bilinear': 'nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, '
                                                    'axis=1)\n'
                                                    'bilinear_up = tf.image.resize(coarse[None, :, :, '
                                                    "None].astype('float32'), (224, 224), "
                                                    "'bilinear').numpy()[0, :, :, 0]\n"
                                                    'invented = float(np.mean(bilinear_up))',
         'nearest H/W wrong repeat factor': 'nearest_up = np.repeat(np.repeat(coarse, 8, axis=1), 8, '
                                            'axis=1)[:, :224]\n'
                                            'nearest_up = np.repeat(coarse, 8, axis=1)\n'
                                            'bilinear_up = tf.image.resize(coarse[None, :, :, '
                                            "None].astype('float32'), (224, 224), 'bilinear').numpy()[0, :, "
                                            ':, 0]\n'
                                            'invented = np.mean((bilinear_up != 0) & (bilinear_up != 1))',
         'nearest transposed': 'nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1).T\n'
                               "bilinear_up = tf.image.resize(coarse[None, :, :, None].astype('float32'), "
                               "(224, 224), 'bilinear').numpy()[0, :, :, 0]\n"
                               'invented = np.mean((bilinear_up != 0) & (bilinear_up != 1))',
         'bilinear transposed': 'nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)\n'
                                "bilinear_up = tf.image.resize(coarse[None, :, :, None].astype('float32'), "
                                "(224, 224), 'bilinear').numpy()[0, :, :, 0].T\n"
                                'invented = np.mean((bilinear_up != 0) & (bilinear_up != 1))',
         'invented over bilinear != nearest, but nearest wrong (round)': 'nearest_up = '
                                                                         'np.round(tf.image.resize(coarse[None, '
                                                                         ":, :, None].astype('float32'), "
                                                                         "(224, 224), 'bilinear').numpy()[0, "
                                                                         ':, :, 0]).astype(int)\n'
                                                                         'bilinear_up = '
                                                                         'tf.image.resize(coarse[None, :, :, '
                                                                         "None].astype('float32'), (224, "
                                                                         "224), 'bilinear').numpy()[0, :, :, "
                                                                         '0]\n'
                                                                         'invented = np.mean((bilinear_up != '
                                                                         '0) & (bilinear_up != 1))',
         'literal guess 0.1': 'nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)\n'
                              "bilinear_up = tf.image.resize(coarse[None, :, :, None].astype('float32'), "
                              "(224, 224), 'bilinear').numpy()[0, :, :, 0]\n"
                              'invented = 0.1',
         'bilinear kept (224,224,1)': 'nearest_up = coarse.repeat(8, 0).repeat(8, 1)\n'
                                      "bilinear_up = tf.image.resize(coarse[:, :, None].astype('float32'), "
                                      '(224, 224)).numpy()\n'
                                      'invented = float(np.mean((bilinear_up % 1) != 0))'},
 'ex4': {'all False': "uneven = {'A': False, 'B': False, 'C': False, 'D': False}",
         'all True': "uneven = {'A': True, 'B': True, 'C': True, 'D': True}",
         'D trap (5 not divisible by 3)': "uneven = {'A': False, 'B': True, 'C': True, 'D': True}",
         'C no overlap = flat': "uneven = {'A': False, 'B': True, 'C': False, 'D': False}",
         'A trap': "uneven = {'A': True, 'B': True, 'C': True, 'D': False}",
         'strings': "uneven = {'A': 'False', 'B': 'True', 'C': 'True', 'D': 'False'}",
         'ints': "uneven = {'A': 0, 'B': 1, 'C': 1, 'D': 0}",
         'lowercase keys': "uneven = {'a': False, 'b': True, 'c': True, 'd': False}",
         'extra key': "uneven = {'A': False, 'B': True, 'C': True, 'D': False, 'E': True}"}}

BLIND2_RIGHT_ANSWERS = {'ex1': {'literal': 'rf_fc6, stride_fc6 = 404, 32',
         'from the table': "r, j = receptive['block5_pool']\nrf_fc6 = r + (7 - 1) * j\nstride_fc6 = j * 1",
         'numpy ints': 'rf_fc6 = np.int64(404)\nstride_fc6 = np.int32(32)',
         'floats': 'rf_fc6 = 404.0\nstride_fc6 = 32.0'},
 'ex2': {'obvious': 'def trans_conv_size(n, k, s, p=0):\n    return (n - 1) * s + k - 2 * p',
         'n*s + k - s': 'def trans_conv_size(n, k, s, p=0):\n    return n * s + (k - s) - p - p',
         'lambda on np': 'trans_conv_size = lambda n, k, s, p=0: np.asarray(n) * s - s + k - 2 * p'},
 'ex3': {'obvious': 'nearest_up = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)\n'
                    "bilinear_up = tf.image.resize(coarse[None, :, :, None].astype('float32'), (224, 224), "
                    "'bilinear').numpy()[0, :, :, 0]\n"
                    'invented = np.mean((bilinear_up != 0) & (bilinear_up != 1))',
         'tf nearest cast + isin': 'nearest_up = tf.image.resize(coarse[:, :, None], (224, 224), '
                                   "method='nearest').numpy()[:, :, 0].astype(coarse.dtype)\n"
                                   'bilinear_up = np.squeeze(tf.image.resize(coarse[..., '
                                   "None].astype(np.float32), (224, 224), method='bilinear').numpy())\n"
                                   'invented = 1 - np.isin(bilinear_up, [0, 1]).mean()',
         'kron + strictly between': 'nearest_up = np.kron(coarse, np.ones((8, 8), dtype=coarse.dtype))\n'
                                    'bilinear_up = tf.image.resize(coarse[None, ..., None] * 1.0, [224, '
                                    "224], method='bilinear')[0, ..., 0].numpy()\n"
                                    'invented = ((bilinear_up > 0) & (bilinear_up < 1)).sum() / '
                                    'bilinear_up.size',
         'tf nearest left float': 'nearest_up = tf.image.resize(coarse[:, :, None], (224, 224), '
                                  "method='nearest').numpy()[:, :, 0]\n"
                                  "bilinear_up = tf.image.resize(coarse[None, :, :, None].astype('float32'), "
                                  "(224, 224), 'bilinear').numpy()[0, :, :, 0]\n"
                                  'invented = np.mean(bilinear_up != nearest_up)'},
 'ex4': {'literal': "uneven = {'A': False, 'B': True, 'C': True, 'D': False}",
         'dict()': 'uneven = dict(D=False, C=True, B=True, A=False)',
         'computed with np.bool_ (ptp)': 'uneven = {}\n'
                                         "for case, kern in {'A': np.ones((6, 6)), 'B': np.ones((5, 5)), "
                                         "'C': np.ones((2, 2)), 'D': bilinear_kernel(3, 1)[:, :, 0, "
                                         '0]}.items():\n'
                                         '    out = trans_conv(np.ones((6, 6)), kern, stride=3)\n'
                                         '    k = kern.shape[0]\n'
                                         '    uneven[case] = np.ptp(out[k:-k, k:-k]) > 1e-6'}}




# numpy booleans (np.ptp(...) > 1e-6) are True and False too: the check accepts them, as the second review asked
RIGHT_ANSWERS["ex4"]["numpy bools instead of Python bools"] = (
    WRONG_ANSWERS["ex4"].pop("numpy bools instead of Python bools"))
WRONG_ANSWERS = merged(WRONG_ANSWERS, BLIND2_WRONG_ANSWERS, "blind 2")
RIGHT_ANSWERS = merged(RIGHT_ANSWERS, BLIND2_RIGHT_ANSWERS, "blind 2")
