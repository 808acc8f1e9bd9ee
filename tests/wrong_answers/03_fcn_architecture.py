"""Wrong answers for the exercises of notebooks/03_fcn_architecture.ipynb.

Each entry replaces the code between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` in the exercise's answer
cell; the exercise's check must then fail (an AssertionError with a hint).
"""

# Exercise 4's solution region; the wrong answers below change one thing in it.
_FCN4S = '''\
image = keras.Input(shape=(None, None, 3), name="image")
pool2, pool3, pool4, pool5 = backbone_with_pool2()(PadToMultiple(32, name="pad")(image))
x = layers.Conv2D(HEAD, 7, padding="same", activation="relu", name="fc6")(pool5)
x = layers.Conv2D(HEAD, 1, activation="relu", name="fc7")(x)
score = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)
for pool, name in [(pool4, "pool4"), (pool3, "pool3"), (pool2, "pool2")]:
    score = bilinear_upsampling(2, NUM_CLASSES, name=f"upscore_to_{name}")(score)
    skip = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros",
                         name=f"score_{name}")(pool)
    score = layers.Add(name=f"fuse_{name}")([score, skip])
up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, name="upscore4")(score)
fcn4s = keras.Model(image, CropToReference(name="crop")([up, image]), name="fcn4s")
'''


def _fcn4s(old: str, new: str) -> str:
    assert old in _FCN4S, old
    return _FCN4S.replace(old, new)


WRONG_ANSWERS = {
    "ex1": {
        "stride 8 (pool3's grid)": "pool4_shape = (40, 60, 64)\n",
        "stride 32 (pool5's grid)": "pool4_shape = (10, 15, 64)\n",
        "channels of the full-width VGG16": "pool4_shape = (20, 30, 512)\n",
        "channels of pool3": "pool4_shape = (20, 30, 32)\n",
        "height and width swapped": "pool4_shape = (30, 20, 64)\n",
        "the 224x224 example from the lesson": "pool4_shape = (14, 14, 64)\n",
    },
    "ex2": {
        "no padding": "padded_hw = (97, 131)\nscore_hw = (3, 4)\nshort_hw = (96, 128)\n",
        "the paper's 100-pixel padding": "padded_hw = (297, 331)\nscore_hw = (9, 10)\nshort_hw = (96, 128)\n",
        "rounded down to a multiple of 32": "padded_hw = (96, 128)\nscore_hw = (3, 4)\nshort_hw = (96, 128)\n",
        "score_fr of the unpadded image": "padded_hw = (128, 160)\nscore_hw = (3, 4)\nshort_hw = (96, 128)\n",
        "no pixel lost without pad": "padded_hw = (128, 160)\nscore_hw = (4, 5)\nshort_hw = (97, 131)\n",
        "pools round up": "padded_hw = (128, 160)\nscore_hw = (4, 5)\nshort_hw = (128, 160)\n",
        "height and width swapped": "padded_hw = (160, 128)\nscore_hw = (5, 4)\nshort_hw = (128, 96)\n",
    },
    "ex3": {
        "the strides": "rf_score_pool4 = 16\nrf_score_fr = 32\n",
        "fc6 forgotten (pool5's field)": "rf_score_pool4 = 100\nrf_score_fr = 212\n",
        "fc6's kernel at stride 1": "rf_score_pool4 = 100\nrf_score_fr = 218\n",
        "fc6's kernel on pool4's grid": "rf_score_pool4 = 100\nrf_score_fr = 308\n",
        "capped at the image size": "rf_score_pool4 = 100\nrf_score_fr = 224\n",
        "the pools' own windows forgotten": "rf_score_pool4 = 85\nrf_score_fr = 373\n",
        "the two swapped": "rf_score_pool4 = 404\nrf_score_fr = 100\n",
    },
    "ex4": {
        "FCN-8s unchanged": (
            "fcn4s = models.build_fcn('fcn8s', width=WIDTH, weights=None, head_channels=HEAD)\n"),
        "skip not zero-initialised": _fcn4s(
            'kernel_initializer="zeros",\n                         name=f"score_{name}"',
            'name=f"score_{name}"'),
        "skip added at the wrong stride (on pool3's grid)": _fcn4s(
            '''for pool, name in [(pool4, "pool4"), (pool3, "pool3"), (pool2, "pool2")]:''',
            '''for pool, name in [(pool4, "pool4"), (pool3, "pool3")]:''').replace(
            '''up = bilinear_upsampling(4,''',
            '''skip = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool2")(pool3)
score = layers.Add(name="fuse_pool2")([score, skip])
up = bilinear_upsampling(8,'''),
        "final upsampling x8, copied from FCN-8s": _fcn4s(
            "bilinear_upsampling(4, NUM_CLASSES", "bilinear_upsampling(8, NUM_CLASSES"),
        "final upsampling learned": _fcn4s("trainable=False", "trainable=True"),
        "no crop": _fcn4s('CropToReference(name="crop")([up, image])', "up"),
    },
}
