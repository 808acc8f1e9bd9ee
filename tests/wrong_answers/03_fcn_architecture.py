"""Wrong answers for the exercises of notebooks/03_fcn_architecture.ipynb.

Each entry replaces the code between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` in the exercise's answer
cell; the exercise's check must then fail (an AssertionError with a hint).
"""

from tools.exercise_cases import merged

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
        "x2 upsamplings that start random, not bilinear": _fcn4s(
            'bilinear_upsampling(2, NUM_CLASSES, name=f"upscore_to_{name}")',
            'layers.Conv2DTranspose(NUM_CLASSES, 4, strides=2, padding="same", use_bias=False,\n'
            '                               name=f"upscore_to_{name}")'),
        # names and shapes all right, a path switched off: only what the model computes tells
        "deep path switched off (score_fr times 0)": _fcn4s(
            'score = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)',
            'score = 0 * layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)'),
        "the pool3 skip switched off (times 0)": _fcn4s(
            'score = layers.Add(name=f"fuse_{name}")([score, skip])',
            'score = layers.Add(name=f"fuse_{name}")([score, skip * (name != "pool3")])'),
        "the pool2 skip scored on pool3, upsampled x2": _fcn4s(
            'name=f"score_{name}")(pool)',
            'name=f"score_{name}")(pool3 if name == "pool2" else pool)\n'
            '    if name == "pool2":\n'
            '        skip = bilinear_upsampling(2, NUM_CLASSES, name="skip_up")(skip)'),
    },
}


# --- Written blind ---------------------------------------------------------------------------------------------
# By a reviewer who saw only the student edition: not the solutions, not the checks' design, not the answers
# above. Merged into WRONG_ANSWERS and RIGHT_ANSWERS below; a name that clashes gets " (blind)".
BLIND_WRONG_ANSWERS = {
    'ex1': {
        "copied the 224 image's 14 x 14": '''
            pool4_shape = (14, 14, 64)
        ''',
        'height and width swapped': '''
            pool4_shape = (480 // 16, 320 // 16, 64)
        ''',
        "full VGG's 512 channels, width ignored": '''
            pool4_shape = (320 // 16, 480 // 16, 512)
        ''',
        'pooled_sizes index 4 is pool5': '''
            pool4_shape = (pooled_sizes(320)[4], pooled_sizes(480)[4], int(512 * WIDTH))
        ''',
        "one pool short: pool3's grid": '''
            pool4_shape = (320 // 8, 480 // 8, 64)
        ''',
        "NUM_CLASSES channels (score_pool4's)": '''
            pool4_shape = (20, 30, NUM_CLASSES)
        ''',
        'WIDTH applied twice to the channels': '''
            pool4_shape = (20, 30, int(512 * WIDTH * WIDTH))
        ''',
        "copied section 1's last shape": '''
            pool4_shape = shape
        ''',
        'channels divided by the stride': '''
            pool4_shape = (320 // 16, 480 // 16, 512 // 16)
        ''',
        'ran the encoder instead of predicting': '''
            encoder = models.build_backbone(width=WIDTH, weights=None, input_shape=(320, 480, 3))
            pool4_shape = tuple(encoder.outputs[1].shape[1:])
        ''',
    },
    'ex2': {
        "the lesson's 224 x 224 and 7 x 7": '''
            padded_hw = (224, 224)
            score_hw = (7, 7)
            short_hw = (96, 128)
        ''',
        'rounded down to a multiple of 32': '''
            padded_hw = (97 // 32 * 32, 131 // 32 * 32)
            score_hw = (padded_hw[0] // 32, padded_hw[1] // 32)
            short_hw = (96, 128)
        ''',
        'crop thought to happen without pad: short = input': '''
            padded_hw = (128, 160)
            score_hw = (4, 5)
            short_hw = (97, 131)
        ''',
        'short_hw = padded size': '''
            padded_hw = (128, 160)
            score_hw = (4, 5)
            short_hw = (128, 160)
        ''',
        'score_fr of the unpadded image': '''
            padded_hw = (128, 160)
            score_hw = (97 // 32, 131 // 32)
            short_hw = (96, 128)
        ''',
        'height and width swapped': '''
            padded_hw = (160, 128)
            score_hw = (5, 4)
            short_hw = (128, 96)
        ''',
        'copied 352 x 512 from section 5': '''
            padded_hw = (352, 512)
            score_hw = (352 // 32, 512 // 32)
            short_hw = (96, 128)
        ''',
        "lesson 1's valid transposed-conv size, padding ignored": '''
            padded_hw = (128, 160)
            score_hw = (4, 5)
            short_hw = ((3 - 1) * 32 + 64, (4 - 1) * 32 + 64)
        ''',
        'true division: pools do not round': '''
            padded_hw = (128, 160)
            score_hw = (128 // 32, 160 // 32)
            short_hw = (97 / 32 * 32, 131 / 32 * 32)
        ''',
        "the paper's 100-pixel pad": '''
            padded_hw = (97 + 2 * 100, 131 + 2 * 100)
            score_hw = (padded_hw[0] // 32, padded_hw[1] // 32)
            short_hw = (96, 128)
        ''',
        'read off shape_trace instead of predicting': '''
            trace = {name: shape for name, shape, _ in models.shape_trace(
                models.build_fcn("fcn32s", width=WIDTH, weights=None, head_channels=HEAD),
                (97, 131, 3))}
            padded_hw = trace["pad"][1:3]
            score_hw = trace["score_fr"][1:3]
            short_hw = trace["logits"][1:3]
        ''',
    },
    'ex3': {
        "score_fr = pool5's 212, fc6 forgotten": '''
            rf_score_pool4 = 100
            rf_score_fr = 212
        ''',
        'strides instead of receptive fields': '''
            rf_score_pool4 = 16
            rf_score_fr = 32
        ''',
        'pool4 stopped before the pool': '''
            rf_score_pool4 = 44 + (3 - 1) * 8 * 3
            rf_score_fr = 212 + (7 - 1) * 32
        ''',
        'k instead of k - 1 for fc6': '''
            rf_score_pool4 = 100
            rf_score_fr = 212 + 7 * 32
        ''',
        '1x1 convs counted as growing by one jump': '''
            rf_score_pool4 = 100 + 1 * 16
            rf_score_fr = 212 + 7 * 32 + 1 * 32 + 1 * 32
        ''',
        'clipped to the 224-pixel image': '''
            rf_score_pool4 = 100
            rf_score_fr = min(212 + (7 - 1) * 32, 224)
        ''',
        "fc6's jump ignored": '''
            rf_score_pool4 = 100
            rf_score_fr = 212 + (7 - 1)
        ''',
        'pool4 as half of pool5': '''
            rf_score_pool4 = 212 // 2
            rf_score_fr = 212 + (7 - 1) * 32
        ''',
        "pool3's 44 from lesson 1's table": '''
            rf_score_pool4 = 44
            rf_score_fr = 212 + (7 - 1) * 32
        ''',
        'loop updates the jump before r': '''
            r, j = 1, 1
            rf = {}
            for layer in vgg.layers[1:]:
                k = layer.pool_size[0] if "pool" in layer.name else layer.kernel_size[0]
                j = j * layer.strides[0]
                r = r + (k - 1) * j
                rf[layer.name] = (r, j)
            rf_score_pool4 = rf["block4_pool"][0]
            rf_score_fr = r + (7 - 1) * j
        ''',
    },
    'ex4': {
        'deep path dropped: starts from pool3': '''
            image = keras.Input(shape=(None, None, 3), name="image")
            padded = PadToMultiple(32, name="pad")(image)
            pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)
            score = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros",
                                  name="score_pool3")(pool3)

            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool3")(score)
            skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool2")(pool2)
            score = layers.Add(name="fuse_pool2")([score, skip2])

            up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, name="upscore4")(score)
            up = CropToReference(name="crop")([up, image])
            logits = layers.Activation("linear", dtype="float32", name="logits")(up)
            fcn4s = keras.Model(image, logits, name="fcn4s")
        ''',
        'pool3 skip dropped, two x2 in a row': '''
            image = keras.Input(shape=(None, None, 3), name="image")
            padded = PadToMultiple(32, name="pad")(image)
            pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)
            x = layers.Conv2D(HEAD, 7, padding="same", activation="relu",
                              kernel_initializer="he_normal", name="fc6")(pool5)
            x = layers.Dropout(0.5, name="drop6")(x)
            x = layers.Conv2D(HEAD, 1, activation="relu", kernel_initializer="he_normal", name="fc7")(x)
            x = layers.Dropout(0.5, name="drop7")(x)
            score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)

            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score_fr)
            skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool4")(pool4)
            score = layers.Add(name="fuse_pool4")([score, skip4])
            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool4")(score)

            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool3")(score)
            skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool2")(pool2)
            score = layers.Add(name="fuse_pool2")([score, skip2])

            up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, name="upscore4")(score)
            up = CropToReference(name="crop")([up, image])
            logits = layers.Activation("linear", dtype="float32", name="logits")(up)
            fcn4s = keras.Model(image, logits, name="fcn4s")
        ''',
        'FCN-8s relabelled: pool3 skip named score_pool2': '''
            image = keras.Input(shape=(None, None, 3), name="image")
            padded = PadToMultiple(32, name="pad")(image)
            pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)
            x = layers.Conv2D(HEAD, 7, padding="same", activation="relu",
                              kernel_initializer="he_normal", name="fc6")(pool5)
            x = layers.Dropout(0.5, name="drop6")(x)
            x = layers.Conv2D(HEAD, 1, activation="relu", kernel_initializer="he_normal", name="fc7")(x)
            x = layers.Dropout(0.5, name="drop7")(x)
            score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)

            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score_fr)
            skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool4")(pool4)
            score = layers.Add(name="fuse_pool4")([score, skip4])
            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool4")(score)
            skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool2")(pool3)
            score = layers.Add(name="fuse_pool2")([score, skip2])
            up = bilinear_upsampling(8, NUM_CLASSES, trainable=False, name="upscore4")(score)
            up = CropToReference(name="crop")([up, image])
            logits = layers.Activation("linear", dtype="float32", name="logits")(up)
            fcn4s = keras.Model(image, logits, name="fcn4s")
        ''',
        'new skip starts random (default initializer)': '''
            image = keras.Input(shape=(None, None, 3), name="image")
            padded = PadToMultiple(32, name="pad")(image)
            pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)
            x = layers.Conv2D(HEAD, 7, padding="same", activation="relu",
                              kernel_initializer="he_normal", name="fc6")(pool5)
            x = layers.Dropout(0.5, name="drop6")(x)
            x = layers.Conv2D(HEAD, 1, activation="relu", kernel_initializer="he_normal", name="fc7")(x)
            x = layers.Dropout(0.5, name="drop7")(x)
            score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)

            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score_fr)
            skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool4")(pool4)
            score = layers.Add(name="fuse_pool4")([score, skip4])
            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool4")(score)
            skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool3")(pool3)
            score = layers.Add(name="fuse_pool3")([score, skip3])

            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool3")(score)
            skip2 = layers.Conv2D(NUM_CLASSES, 1, name="score_pool2")(pool2)
            score = layers.Add(name="fuse_pool2")([score, skip2])

            up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, name="upscore4")(score)
            up = CropToReference(name="crop")([up, image])
            logits = layers.Activation("linear", dtype="float32", name="logits")(up)
            fcn4s = keras.Model(image, logits, name="fcn4s")
        ''',
        'final upsampling learned': '''
            image = keras.Input(shape=(None, None, 3), name="image")
            padded = PadToMultiple(32, name="pad")(image)
            pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)
            x = layers.Conv2D(HEAD, 7, padding="same", activation="relu",
                              kernel_initializer="he_normal", name="fc6")(pool5)
            x = layers.Dropout(0.5, name="drop6")(x)
            x = layers.Conv2D(HEAD, 1, activation="relu", kernel_initializer="he_normal", name="fc7")(x)
            x = layers.Dropout(0.5, name="drop7")(x)
            score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)

            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score_fr)
            skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool4")(pool4)
            score = layers.Add(name="fuse_pool4")([score, skip4])
            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool4")(score)
            skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool3")(pool3)
            score = layers.Add(name="fuse_pool3")([score, skip3])

            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool3")(score)
            skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool2")(pool2)
            score = layers.Add(name="fuse_pool2")([score, skip2])

            up = bilinear_upsampling(4, NUM_CLASSES, name="upscore4")(score)
            up = CropToReference(name="crop")([up, image])
            logits = layers.Activation("linear", dtype="float32", name="logits")(up)
            fcn4s = keras.Model(image, logits, name="fcn4s")
        ''',
        'no crop back to the input': '''
            image = keras.Input(shape=(None, None, 3), name="image")
            padded = PadToMultiple(32, name="pad")(image)
            pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)
            x = layers.Conv2D(HEAD, 7, padding="same", activation="relu",
                              kernel_initializer="he_normal", name="fc6")(pool5)
            x = layers.Dropout(0.5, name="drop6")(x)
            x = layers.Conv2D(HEAD, 1, activation="relu", kernel_initializer="he_normal", name="fc7")(x)
            x = layers.Dropout(0.5, name="drop7")(x)
            score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)

            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score_fr)
            skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool4")(pool4)
            score = layers.Add(name="fuse_pool4")([score, skip4])
            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool4")(score)
            skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool3")(pool3)
            score = layers.Add(name="fuse_pool3")([score, skip3])

            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool3")(score)
            skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool2")(pool2)
            score = layers.Add(name="fuse_pool2")([score, skip2])

            up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, name="upscore4")(score)
            logits = layers.Activation("linear", dtype="float32", name="logits")(up)
            fcn4s = keras.Model(image, logits, name="fcn4s")
        ''',
        'no pad layer': '''
            image = keras.Input(shape=(None, None, 3), name="image")
            pool2, pool3, pool4, pool5 = backbone_with_pool2()(image)
            x = layers.Conv2D(HEAD, 7, padding="same", activation="relu",
                              kernel_initializer="he_normal", name="fc6")(pool5)
            x = layers.Dropout(0.5, name="drop6")(x)
            x = layers.Conv2D(HEAD, 1, activation="relu", kernel_initializer="he_normal", name="fc7")(x)
            x = layers.Dropout(0.5, name="drop7")(x)
            score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)

            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score_fr)
            skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool4")(pool4)
            score = layers.Add(name="fuse_pool4")([score, skip4])
            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool4")(score)
            skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool3")(pool3)
            score = layers.Add(name="fuse_pool3")([score, skip3])

            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool3")(score)
            skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool2")(pool2)
            score = layers.Add(name="fuse_pool2")([score, skip2])

            up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, name="upscore4")(score)
            up = CropToReference(name="crop")([up, image])
            logits = layers.Activation("linear", dtype="float32", name="logits")(up)
            fcn4s = keras.Model(image, logits, name="fcn4s")
        ''',
        'softmax output, not logits': '''
            image = keras.Input(shape=(None, None, 3), name="image")
            padded = PadToMultiple(32, name="pad")(image)
            pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)
            x = layers.Conv2D(HEAD, 7, padding="same", activation="relu",
                              kernel_initializer="he_normal", name="fc6")(pool5)
            x = layers.Dropout(0.5, name="drop6")(x)
            x = layers.Conv2D(HEAD, 1, activation="relu", kernel_initializer="he_normal", name="fc7")(x)
            x = layers.Dropout(0.5, name="drop7")(x)
            score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)

            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score_fr)
            skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool4")(pool4)
            score = layers.Add(name="fuse_pool4")([score, skip4])
            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool4")(score)
            skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool3")(pool3)
            score = layers.Add(name="fuse_pool3")([score, skip3])

            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool3")(score)
            skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool2")(pool2)
            score = layers.Add(name="fuse_pool2")([score, skip2])

            up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, name="upscore4")(score)
            up = CropToReference(name="crop")([up, image])
            logits = layers.Activation("softmax", dtype="float32", name="logits")(up)
            fcn4s = keras.Model(image, logits, name="fcn4s")
        ''',
        'pool2 skip upsampled x4 and added at full resolution': '''
            image = keras.Input(shape=(None, None, 3), name="image")
            padded = PadToMultiple(32, name="pad")(image)
            pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)
            x = layers.Conv2D(HEAD, 7, padding="same", activation="relu",
                              kernel_initializer="he_normal", name="fc6")(pool5)
            x = layers.Dropout(0.5, name="drop6")(x)
            x = layers.Conv2D(HEAD, 1, activation="relu", kernel_initializer="he_normal", name="fc7")(x)
            x = layers.Dropout(0.5, name="drop7")(x)
            score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)

            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score_fr)
            skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool4")(pool4)
            score = layers.Add(name="fuse_pool4")([score, skip4])
            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool4")(score)
            skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool3")(pool3)
            score = layers.Add(name="fuse_pool3")([score, skip3])

            up = bilinear_upsampling(8, NUM_CLASSES, trainable=False, name="upscore8")(score)
            skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool2")(pool2)
            skip2 = bilinear_upsampling(4, NUM_CLASSES, trainable=False, name="upscore4")(skip2)
            up = layers.Add(name="fuse_pool2")([up, skip2])
            up = CropToReference(name="crop")([up, image])
            logits = layers.Activation("linear", dtype="float32", name="logits")(up)
            fcn4s = keras.Model(image, logits, name="fcn4s")
        ''',
        'skip multiplied, not added': '''
            image = keras.Input(shape=(None, None, 3), name="image")
            padded = PadToMultiple(32, name="pad")(image)
            pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)
            x = layers.Conv2D(HEAD, 7, padding="same", activation="relu",
                              kernel_initializer="he_normal", name="fc6")(pool5)
            x = layers.Dropout(0.5, name="drop6")(x)
            x = layers.Conv2D(HEAD, 1, activation="relu", kernel_initializer="he_normal", name="fc7")(x)
            x = layers.Dropout(0.5, name="drop7")(x)
            score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)

            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score_fr)
            skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool4")(pool4)
            score = layers.Add(name="fuse_pool4")([score, skip4])
            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool4")(score)
            skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool3")(pool3)
            score = layers.Add(name="fuse_pool3")([score, skip3])

            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool3")(score)
            skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool2")(pool2)
            score = layers.Multiply(name="fuse_pool2")([score, skip2])

            up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, name="upscore4")(score)
            up = CropToReference(name="crop")([up, image])
            logits = layers.Activation("linear", dtype="float32", name="logits")(up)
            fcn4s = keras.Model(image, logits, name="fcn4s")
        ''',
        'new x2 upsampling frozen': '''
            image = keras.Input(shape=(None, None, 3), name="image")
            padded = PadToMultiple(32, name="pad")(image)
            pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)
            x = layers.Conv2D(HEAD, 7, padding="same", activation="relu",
                              kernel_initializer="he_normal", name="fc6")(pool5)
            x = layers.Dropout(0.5, name="drop6")(x)
            x = layers.Conv2D(HEAD, 1, activation="relu", kernel_initializer="he_normal", name="fc7")(x)
            x = layers.Dropout(0.5, name="drop7")(x)
            score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)

            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score_fr)
            skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool4")(pool4)
            score = layers.Add(name="fuse_pool4")([score, skip4])
            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool4")(score)
            skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool3")(pool3)
            score = layers.Add(name="fuse_pool3")([score, skip3])

            score = bilinear_upsampling(2, NUM_CLASSES, trainable=False, name="upscore_pool3")(score)
            skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool2")(pool2)
            score = layers.Add(name="fuse_pool2")([score, skip2])

            up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, name="upscore4")(score)
            up = CropToReference(name="crop")([up, image])
            logits = layers.Activation("linear", dtype="float32", name="logits")(up)
            fcn4s = keras.Model(image, logits, name="fcn4s")
        ''',
        'fc6/fc7 head dropped: score_fr on pool5': '''
            image = keras.Input(shape=(None, None, 3), name="image")
            padded = PadToMultiple(32, name="pad")(image)
            pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)
            score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(pool5)

            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score_fr)
            skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool4")(pool4)
            score = layers.Add(name="fuse_pool4")([score, skip4])
            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool4")(score)
            skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool3")(pool3)
            score = layers.Add(name="fuse_pool3")([score, skip3])

            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool3")(score)
            skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool2")(pool2)
            score = layers.Add(name="fuse_pool2")([score, skip2])

            up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, name="upscore4")(score)
            up = CropToReference(name="crop")([up, image])
            logits = layers.Activation("linear", dtype="float32", name="logits")(up)
            fcn4s = keras.Model(image, logits, name="fcn4s")
        ''',
    },
}

BLIND_RIGHT_ANSWERS = {
    'ex1': {
        'literal': '''
            pool4_shape = (20, 30, 64)
        ''',
        'four halvings and the width': '''
            pool4_shape = (320 // 2**4, 480 // 2**4, round(512 * WIDTH))
        ''',
        "the lesson's pooled_sizes": '''
            pool4_shape = (pooled_sizes(320)[3], pooled_sizes(480)[3], int(512 * WIDTH))
        ''',
    },
    'ex2': {
        'literal': '''
            padded_hw, score_hw, short_hw = (128, 160), (4, 5), (96, 128)
        ''',
        'round up, divide, pool down': '''
            size = (97, 131)
            padded_hw = tuple(-(-n // 32) * 32 for n in size)
            score_hw = tuple(n // 32 for n in padded_hw)
            short_hw = tuple(32 * pooled_sizes(n)[-1] for n in size)
        ''',
        'math.ceil and a loop of halvings': '''
            import math
            padded_hw = (32 * math.ceil(97 / 32), 32 * math.ceil(131 / 32))
            score_hw = (padded_hw[0] // 32, padded_hw[1] // 32)
            short = []
            for n in (97, 131):
                for _ in range(5):
                    n //= 2
                short.append(32 * n)
            short_hw = tuple(short)
        ''',
    },
    'ex3': {
        'literal': '''
            rf_score_pool4, rf_score_fr = 100, 404
        ''',
        'the recurrence over a list of (k, s)': '''
            chain = [(3, 1), (3, 1), (2, 2), (3, 1), (3, 1), (2, 2),
                     (3, 1), (3, 1), (3, 1), (2, 2), (3, 1), (3, 1), (3, 1), (2, 2)]
            r, j = 1, 1
            for k, s in chain + [(1, 1)]:                  # ... block4_pool, score_pool4
                r, j = r + (k - 1) * j, j * s
            rf_score_pool4 = r
            for k, s in [(3, 1), (3, 1), (3, 1), (2, 2), (7, 1), (1, 1), (1, 1)]:
                r, j = r + (k - 1) * j, j * s               # block5, fc6, fc7, score_fr
            rf_score_fr = r
        ''',
        "loop over vgg's layers": '''
            r, j, rf = 1, 1, {}
            for layer in vgg.layers[1:]:
                k = layer.pool_size[0] if "pool" in layer.name else layer.kernel_size[0]
                r, j = r + (k - 1) * j, j * layer.strides[0]
                rf[layer.name] = (r, j)
            rf_score_pool4 = rf["block4_pool"][0] + (1 - 1) * rf["block4_pool"][1]
            r5, j5 = rf["block5_pool"]
            rf_score_fr = r5 + (7 - 1) * j5 + 0 + 0
        ''',
    },
    'ex4': {
        'FCN-8s plus one skip, written out': '''
            image = keras.Input(shape=(None, None, 3), name="image")
            padded = PadToMultiple(32, name="pad")(image)
            pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)
            x = layers.Conv2D(HEAD, 7, padding="same", activation="relu",
                              kernel_initializer="he_normal", name="fc6")(pool5)
            x = layers.Dropout(0.5, name="drop6")(x)
            x = layers.Conv2D(HEAD, 1, activation="relu", kernel_initializer="he_normal", name="fc7")(x)
            x = layers.Dropout(0.5, name="drop7")(x)
            score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)

            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score_fr)
            skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool4")(pool4)
            score = layers.Add(name="fuse_pool4")([score, skip4])
            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool4")(score)
            skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool3")(pool3)
            score = layers.Add(name="fuse_pool3")([score, skip3])

            score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool3")(score)
            skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", name="score_pool2")(pool2)
            score = layers.Add(name="fuse_pool2")([score, skip2])

            up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, name="upscore4")(score)
            up = CropToReference(name="crop")([up, image])
            logits = layers.Activation("linear", dtype="float32", name="logits")(up)
            fcn4s = keras.Model(image, logits, name="fcn4s")
        ''',
        'a function with a loop over the skips': '''
            def my_fcn4s(width=WIDTH, head=HEAD, num_classes=NUM_CLASSES, dropout=0.5):
                image = keras.Input(shape=(None, None, 3), name="image")
                padded = PadToMultiple(32, name="pad")(image)
                pool2, pool3, pool4, pool5 = backbone_with_pool2(width)(padded)
                x = layers.Conv2D(head, 7, padding="same", activation="relu",
                                  kernel_initializer="he_normal", name="fc6")(pool5)
                x = layers.Dropout(dropout, name="drop6")(x)
                x = layers.Conv2D(head, 1, activation="relu",
                                  kernel_initializer="he_normal", name="fc7")(x)
                x = layers.Dropout(dropout, name="drop7")(x)
                score = layers.Conv2D(num_classes, 1, name="score_fr")(x)
                skips = [("upscore2", "pool4", pool4), ("upscore_pool4", "pool3", pool3),
                         ("upscore_pool3", "pool2", pool2)]
                for up_name, pool_name, pool in skips:
                    score = bilinear_upsampling(2, num_classes, name=up_name)(score)
                    skip = layers.Conv2D(num_classes, 1, kernel_initializer="zeros",
                                         name=f"score_{pool_name}")(pool)
                    score = layers.Add(name=f"fuse_{pool_name}")([score, skip])
                up = bilinear_upsampling(4, num_classes, trainable=False, name="upscore4")(score)
                up = CropToReference(name="crop")([up, image])
                logits = layers.Activation("linear", dtype="float32", name="logits")(up)
                return keras.Model(image, logits, name="fcn4s")


            fcn4s = my_fcn4s()
        ''',
    },
}




# A right number, found by running the encoder instead of predicting: no check can tell a measured value
# from a predicted one, and the value is right, so it must pass.
BLIND_RIGHT_ANSWERS["ex1"]["ran the encoder instead of predicting"] = (
    BLIND_WRONG_ANSWERS["ex1"].pop("ran the encoder instead of predicting"))

RIGHT_ANSWERS: dict = {}
WRONG_ANSWERS = merged(WRONG_ANSWERS, BLIND_WRONG_ANSWERS)
RIGHT_ANSWERS = merged(RIGHT_ANSWERS, BLIND_RIGHT_ANSWERS)


# --- Written blind, second review ------------------------------------------------------------------------------
# By a second reviewer who, playing a student, saw only the student edition (not the solutions, the checks'
# design or the answers above). Merged below; a name that clashes gets " (blind 2)". Reclassified after
# reading them: ex1 [ran the encoder instead of predicting]: wrong -> right; ex4 [score_pool2 no bias]: wrong -> right.
BLIND2_WRONG_ANSWERS = {'ex1': {"copied the 224 image's 14 x 14": 'pool4_shape = (14, 14, 64)',
         'height and width swapped': 'pool4_shape = (480 // 16, 320 // 16, 64)',
         "full VGG's 512 channels, width ignored": 'pool4_shape = (320 // 16, 480 // 16, 512)',
         'pooled_sizes index 4 is pool5': 'pool4_shape = (pooled_sizes(320)[4], pooled_sizes(480)[4], '
                                          'int(512 * WIDTH))',
         "one pool short: pool3's grid": 'pool4_shape = (320 // 8, 480 // 8, 64)',
         "NUM_CLASSES channels (score_pool4's)": 'pool4_shape = (20, 30, NUM_CLASSES)',
         'WIDTH applied twice to the channels': 'pool4_shape = (20, 30, int(512 * WIDTH * WIDTH))',
         "copied section 1's last shape": 'pool4_shape = shape',
         'channels divided by the stride': 'pool4_shape = (320 // 16, 480 // 16, 512 // 16)',
         'ceil instead of floor (irrelevant here) but full width 512*WIDTH wrongly as 512/8=64 -> ok; channels of pool3': 'pool4_shape '
                                                                                                                          '= '
                                                                                                                          '(20, '
                                                                                                                          '30, '
                                                                                                                          '32)',
         'pool5 channels from fc head': 'pool4_shape = (20, 30, HEAD)'},
 'ex2': {"the lesson's 224 x 224 and 7 x 7": 'padded_hw = (224, 224)\n'
                                             'score_hw = (7, 7)\n'
                                             'short_hw = (96, 128)',
         'rounded down to a multiple of 32': 'padded_hw = (97 // 32 * 32, 131 // 32 * 32)\n'
                                             'score_hw = (padded_hw[0] // 32, padded_hw[1] // 32)\n'
                                             'short_hw = (96, 128)',
         'crop thought to happen without pad: short = input': 'padded_hw = (128, 160)\n'
                                                              'score_hw = (4, 5)\n'
                                                              'short_hw = (97, 131)',
         'short_hw = padded size': 'padded_hw = (128, 160)\nscore_hw = (4, 5)\nshort_hw = (128, 160)',
         'score_fr of the unpadded image': 'padded_hw = (128, 160)\n'
                                           'score_hw = (97 // 32, 131 // 32)\n'
                                           'short_hw = (96, 128)',
         'height and width swapped': 'padded_hw = (160, 128)\nscore_hw = (5, 4)\nshort_hw = (128, 96)',
         'copied 352 x 512 from section 5': 'padded_hw = (352, 512)\n'
                                            'score_hw = (352 // 32, 512 // 32)\n'
                                            'short_hw = (96, 128)',
         "lesson 1's valid transposed-conv size, padding ignored": 'padded_hw = (128, 160)\n'
                                                                   'score_hw = (4, 5)\n'
                                                                   'short_hw = ((3 - 1) * 32 + 64, (4 - 1) * '
                                                                   '32 + 64)',
         'true division: pools do not round': 'padded_hw = (128, 160)\n'
                                              'score_hw = (128 // 32, 160 // 32)\n'
                                              'short_hw = (97 / 32 * 32, 131 / 32 * 32)',
         "the paper's 100-pixel pad": 'padded_hw = (97 + 2 * 100, 131 + 2 * 100)\n'
                                      'score_hw = (padded_hw[0] // 32, padded_hw[1] // 32)\n'
                                      'short_hw = (96, 128)',
         'read off shape_trace instead of predicting': 'trace = {name: shape for name, shape, _ in '
                                                       'models.shape_trace(\n'
                                                       '    models.build_fcn("fcn32s", width=WIDTH, '
                                                       'weights=None, head_channels=HEAD),\n'
                                                       '    (97, 131, 3))}\n'
                                                       'padded_hw = trace["pad"][1:3]\n'
                                                       'score_hw = trace["score_fr"][1:3]\n'
                                                       'short_hw = trace["logits"][1:3]',
         'score_fr via ceil of the raw image (right by luck?) but short = input rounded up': 'import math\n'
                                                                                             'padded_hw = '
                                                                                             '(math.ceil(97/32)*32, '
                                                                                             'math.ceil(131/32)*32)\n'
                                                                                             'score_hw = '
                                                                                             '(math.ceil(97/32), '
                                                                                             'math.ceil(131/32))\n'
                                                                                             'short_hw = '
                                                                                             '(math.ceil(97/32)*32, '
                                                                                             'math.ceil(131/32)*32)',
         'short_hw with the lesson-1 unpadded formula (n-1)*s+k minus same-crop': 'padded_hw = (128, 160)\n'
                                                                                  'score_hw = (4, 5)\n'
                                                                                  'short_hw = (3 * 32, 4 * '
                                                                                  '32 + 32)'},
 'ex3': {"score_fr = pool5's 212, fc6 forgotten": 'rf_score_pool4 = 100\nrf_score_fr = 212',
         'strides instead of receptive fields': 'rf_score_pool4 = 16\nrf_score_fr = 32',
         'pool4 stopped before the pool': 'rf_score_pool4 = 44 + (3 - 1) * 8 * 3\n'
                                          'rf_score_fr = 212 + (7 - 1) * 32',
         'k instead of k - 1 for fc6': 'rf_score_pool4 = 100\nrf_score_fr = 212 + 7 * 32',
         '1x1 convs counted as growing by one jump': 'rf_score_pool4 = 100 + 1 * 16\n'
                                                     'rf_score_fr = 212 + 7 * 32 + 1 * 32 + 1 * 32',
         'clipped to the 224-pixel image': 'rf_score_pool4 = 100\nrf_score_fr = min(212 + (7 - 1) * 32, 224)',
         "fc6's jump ignored": 'rf_score_pool4 = 100\nrf_score_fr = 212 + (7 - 1)',
         'pool4 as half of pool5': 'rf_score_pool4 = 212 // 2\nrf_score_fr = 212 + (7 - 1) * 32',
         "pool3's 44 from lesson 1's table": 'rf_score_pool4 = 44\nrf_score_fr = 212 + (7 - 1) * 32',
         'loop updates the jump before r': 'r, j = 1, 1\n'
                                           'rf = {}\n'
                                           'for layer in vgg.layers[1:]:\n'
                                           '    k = layer.pool_size[0] if "pool" in layer.name else '
                                           'layer.kernel_size[0]\n'
                                           '    j = j * layer.strides[0]\n'
                                           '    r = r + (k - 1) * j\n'
                                           '    rf[layer.name] = (r, j)\n'
                                           'rf_score_pool4 = rf["block4_pool"][0]\n'
                                           'rf_score_fr = r + (7 - 1) * j',
         '1x1 convs treated as 3x3': 'rf_score_pool4 = 100 + 2 * 16\n'
                                     'rf_score_fr = 212 + 6 * 32 + 2 * 32 + 2 * 32',
         'stride instead of jump for fc6 (j=1)': 'rf_score_pool4 = 100\nrf_score_fr = 212 + 6',
         'swapped the two': 'rf_score_pool4 = 404\nrf_score_fr = 100',
         'pool4 right, fc6 as 7 pixels wide window added': 'rf_score_pool4 = 100\nrf_score_fr = 212 + 7'},
 'ex4': {'deep path dropped: starts from pool3': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                                                 'padded = PadToMultiple(32, name="pad")(image)\n'
                                                 'pool2, pool3, pool4, pool5 = '
                                                 'backbone_with_pool2()(padded)\n'
                                                 'score = layers.Conv2D(NUM_CLASSES, 1, '
                                                 'kernel_initializer="zeros",\n'
                                                 '                      name="score_pool3")(pool3)\n'
                                                 '\n'
                                                 'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                 'name="upscore_pool3")(score)\n'
                                                 'skip2 = layers.Conv2D(NUM_CLASSES, 1, '
                                                 'kernel_initializer="zeros", name="score_pool2")(pool2)\n'
                                                 'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                                                 '\n'
                                                 'up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, '
                                                 'name="upscore4")(score)\n'
                                                 'up = CropToReference(name="crop")([up, image])\n'
                                                 'logits = layers.Activation("linear", dtype="float32", '
                                                 'name="logits")(up)\n'
                                                 'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'pool3 skip dropped, two x2 in a row': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                                                'padded = PadToMultiple(32, name="pad")(image)\n'
                                                'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                                                'x = layers.Conv2D(HEAD, 7, padding="same", '
                                                'activation="relu",\n'
                                                '                  kernel_initializer="he_normal", '
                                                'name="fc6")(pool5)\n'
                                                'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                                'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                                'kernel_initializer="he_normal", name="fc7")(x)\n'
                                                'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                                'score_fr = layers.Conv2D(NUM_CLASSES, 1, '
                                                'name="score_fr")(x)\n'
                                                '\n'
                                                'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                'name="upscore2")(score_fr)\n'
                                                'skip4 = layers.Conv2D(NUM_CLASSES, 1, '
                                                'kernel_initializer="zeros", name="score_pool4")(pool4)\n'
                                                'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                                                'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                'name="upscore_pool4")(score)\n'
                                                '\n'
                                                'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                'name="upscore_pool3")(score)\n'
                                                'skip2 = layers.Conv2D(NUM_CLASSES, 1, '
                                                'kernel_initializer="zeros", name="score_pool2")(pool2)\n'
                                                'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                                                '\n'
                                                'up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, '
                                                'name="upscore4")(score)\n'
                                                'up = CropToReference(name="crop")([up, image])\n'
                                                'logits = layers.Activation("linear", dtype="float32", '
                                                'name="logits")(up)\n'
                                                'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'FCN-8s relabelled: pool3 skip named score_pool2': 'image = keras.Input(shape=(None, None, 3), '
                                                            'name="image")\n'
                                                            'padded = PadToMultiple(32, name="pad")(image)\n'
                                                            'pool2, pool3, pool4, pool5 = '
                                                            'backbone_with_pool2()(padded)\n'
                                                            'x = layers.Conv2D(HEAD, 7, padding="same", '
                                                            'activation="relu",\n'
                                                            '                  '
                                                            'kernel_initializer="he_normal", '
                                                            'name="fc6")(pool5)\n'
                                                            'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                                            'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                                            'kernel_initializer="he_normal", name="fc7")(x)\n'
                                                            'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                                            'score_fr = layers.Conv2D(NUM_CLASSES, 1, '
                                                            'name="score_fr")(x)\n'
                                                            '\n'
                                                            'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                            'name="upscore2")(score_fr)\n'
                                                            'skip4 = layers.Conv2D(NUM_CLASSES, 1, '
                                                            'kernel_initializer="zeros", '
                                                            'name="score_pool4")(pool4)\n'
                                                            'score = layers.Add(name="fuse_pool4")([score, '
                                                            'skip4])\n'
                                                            'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                            'name="upscore_pool4")(score)\n'
                                                            'skip2 = layers.Conv2D(NUM_CLASSES, 1, '
                                                            'kernel_initializer="zeros", '
                                                            'name="score_pool2")(pool3)\n'
                                                            'score = layers.Add(name="fuse_pool2")([score, '
                                                            'skip2])\n'
                                                            'up = bilinear_upsampling(8, NUM_CLASSES, '
                                                            'trainable=False, name="upscore4")(score)\n'
                                                            'up = CropToReference(name="crop")([up, image])\n'
                                                            'logits = layers.Activation("linear", '
                                                            'dtype="float32", name="logits")(up)\n'
                                                            'fcn4s = keras.Model(image, logits, '
                                                            'name="fcn4s")',
         'new skip starts random (default initializer)': 'image = keras.Input(shape=(None, None, 3), '
                                                         'name="image")\n'
                                                         'padded = PadToMultiple(32, name="pad")(image)\n'
                                                         'pool2, pool3, pool4, pool5 = '
                                                         'backbone_with_pool2()(padded)\n'
                                                         'x = layers.Conv2D(HEAD, 7, padding="same", '
                                                         'activation="relu",\n'
                                                         '                  kernel_initializer="he_normal", '
                                                         'name="fc6")(pool5)\n'
                                                         'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                                         'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                                         'kernel_initializer="he_normal", name="fc7")(x)\n'
                                                         'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                                         'score_fr = layers.Conv2D(NUM_CLASSES, 1, '
                                                         'name="score_fr")(x)\n'
                                                         '\n'
                                                         'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                         'name="upscore2")(score_fr)\n'
                                                         'skip4 = layers.Conv2D(NUM_CLASSES, 1, '
                                                         'kernel_initializer="zeros", '
                                                         'name="score_pool4")(pool4)\n'
                                                         'score = layers.Add(name="fuse_pool4")([score, '
                                                         'skip4])\n'
                                                         'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                         'name="upscore_pool4")(score)\n'
                                                         'skip3 = layers.Conv2D(NUM_CLASSES, 1, '
                                                         'kernel_initializer="zeros", '
                                                         'name="score_pool3")(pool3)\n'
                                                         'score = layers.Add(name="fuse_pool3")([score, '
                                                         'skip3])\n'
                                                         '\n'
                                                         'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                         'name="upscore_pool3")(score)\n'
                                                         'skip2 = layers.Conv2D(NUM_CLASSES, 1, '
                                                         'name="score_pool2")(pool2)\n'
                                                         'score = layers.Add(name="fuse_pool2")([score, '
                                                         'skip2])\n'
                                                         '\n'
                                                         'up = bilinear_upsampling(4, NUM_CLASSES, '
                                                         'trainable=False, name="upscore4")(score)\n'
                                                         'up = CropToReference(name="crop")([up, image])\n'
                                                         'logits = layers.Activation("linear", '
                                                         'dtype="float32", name="logits")(up)\n'
                                                         'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'final upsampling learned': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                                     'padded = PadToMultiple(32, name="pad")(image)\n'
                                     'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                                     'x = layers.Conv2D(HEAD, 7, padding="same", activation="relu",\n'
                                     '                  kernel_initializer="he_normal", name="fc6")(pool5)\n'
                                     'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                     'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                     'kernel_initializer="he_normal", name="fc7")(x)\n'
                                     'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                     'score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)\n'
                                     '\n'
                                     'score = bilinear_upsampling(2, NUM_CLASSES, '
                                     'name="upscore2")(score_fr)\n'
                                     'skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                     'name="score_pool4")(pool4)\n'
                                     'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                                     'score = bilinear_upsampling(2, NUM_CLASSES, '
                                     'name="upscore_pool4")(score)\n'
                                     'skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                     'name="score_pool3")(pool3)\n'
                                     'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                                     '\n'
                                     'score = bilinear_upsampling(2, NUM_CLASSES, '
                                     'name="upscore_pool3")(score)\n'
                                     'skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                     'name="score_pool2")(pool2)\n'
                                     'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                                     '\n'
                                     'up = bilinear_upsampling(4, NUM_CLASSES, name="upscore4")(score)\n'
                                     'up = CropToReference(name="crop")([up, image])\n'
                                     'logits = layers.Activation("linear", dtype="float32", '
                                     'name="logits")(up)\n'
                                     'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'no crop back to the input': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                                      'padded = PadToMultiple(32, name="pad")(image)\n'
                                      'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                                      'x = layers.Conv2D(HEAD, 7, padding="same", activation="relu",\n'
                                      '                  kernel_initializer="he_normal", name="fc6")(pool5)\n'
                                      'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                      'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                      'kernel_initializer="he_normal", name="fc7")(x)\n'
                                      'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                      'score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)\n'
                                      '\n'
                                      'score = bilinear_upsampling(2, NUM_CLASSES, '
                                      'name="upscore2")(score_fr)\n'
                                      'skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                      'name="score_pool4")(pool4)\n'
                                      'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                                      'score = bilinear_upsampling(2, NUM_CLASSES, '
                                      'name="upscore_pool4")(score)\n'
                                      'skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                      'name="score_pool3")(pool3)\n'
                                      'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                                      '\n'
                                      'score = bilinear_upsampling(2, NUM_CLASSES, '
                                      'name="upscore_pool3")(score)\n'
                                      'skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                      'name="score_pool2")(pool2)\n'
                                      'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                                      '\n'
                                      'up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, '
                                      'name="upscore4")(score)\n'
                                      'logits = layers.Activation("linear", dtype="float32", '
                                      'name="logits")(up)\n'
                                      'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'no pad layer': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                         'pool2, pool3, pool4, pool5 = backbone_with_pool2()(image)\n'
                         'x = layers.Conv2D(HEAD, 7, padding="same", activation="relu",\n'
                         '                  kernel_initializer="he_normal", name="fc6")(pool5)\n'
                         'x = layers.Dropout(0.5, name="drop6")(x)\n'
                         'x = layers.Conv2D(HEAD, 1, activation="relu", kernel_initializer="he_normal", '
                         'name="fc7")(x)\n'
                         'x = layers.Dropout(0.5, name="drop7")(x)\n'
                         'score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)\n'
                         '\n'
                         'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score_fr)\n'
                         'skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                         'name="score_pool4")(pool4)\n'
                         'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                         'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool4")(score)\n'
                         'skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                         'name="score_pool3")(pool3)\n'
                         'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                         '\n'
                         'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool3")(score)\n'
                         'skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                         'name="score_pool2")(pool2)\n'
                         'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                         '\n'
                         'up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, name="upscore4")(score)\n'
                         'up = CropToReference(name="crop")([up, image])\n'
                         'logits = layers.Activation("linear", dtype="float32", name="logits")(up)\n'
                         'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'softmax output, not logits': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                                       'padded = PadToMultiple(32, name="pad")(image)\n'
                                       'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                                       'x = layers.Conv2D(HEAD, 7, padding="same", activation="relu",\n'
                                       '                  kernel_initializer="he_normal", '
                                       'name="fc6")(pool5)\n'
                                       'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                       'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                       'kernel_initializer="he_normal", name="fc7")(x)\n'
                                       'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                       'score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)\n'
                                       '\n'
                                       'score = bilinear_upsampling(2, NUM_CLASSES, '
                                       'name="upscore2")(score_fr)\n'
                                       'skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                       'name="score_pool4")(pool4)\n'
                                       'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                                       'score = bilinear_upsampling(2, NUM_CLASSES, '
                                       'name="upscore_pool4")(score)\n'
                                       'skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                       'name="score_pool3")(pool3)\n'
                                       'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                                       '\n'
                                       'score = bilinear_upsampling(2, NUM_CLASSES, '
                                       'name="upscore_pool3")(score)\n'
                                       'skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                       'name="score_pool2")(pool2)\n'
                                       'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                                       '\n'
                                       'up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, '
                                       'name="upscore4")(score)\n'
                                       'up = CropToReference(name="crop")([up, image])\n'
                                       'logits = layers.Activation("softmax", dtype="float32", '
                                       'name="logits")(up)\n'
                                       'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'pool2 skip upsampled x4 and added at full resolution': 'image = keras.Input(shape=(None, None, 3), '
                                                                 'name="image")\n'
                                                                 'padded = PadToMultiple(32, '
                                                                 'name="pad")(image)\n'
                                                                 'pool2, pool3, pool4, pool5 = '
                                                                 'backbone_with_pool2()(padded)\n'
                                                                 'x = layers.Conv2D(HEAD, 7, padding="same", '
                                                                 'activation="relu",\n'
                                                                 '                  '
                                                                 'kernel_initializer="he_normal", '
                                                                 'name="fc6")(pool5)\n'
                                                                 'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                                                 'x = layers.Conv2D(HEAD, 1, '
                                                                 'activation="relu", '
                                                                 'kernel_initializer="he_normal", '
                                                                 'name="fc7")(x)\n'
                                                                 'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                                                 'score_fr = layers.Conv2D(NUM_CLASSES, 1, '
                                                                 'name="score_fr")(x)\n'
                                                                 '\n'
                                                                 'score = bilinear_upsampling(2, '
                                                                 'NUM_CLASSES, name="upscore2")(score_fr)\n'
                                                                 'skip4 = layers.Conv2D(NUM_CLASSES, 1, '
                                                                 'kernel_initializer="zeros", '
                                                                 'name="score_pool4")(pool4)\n'
                                                                 'score = '
                                                                 'layers.Add(name="fuse_pool4")([score, '
                                                                 'skip4])\n'
                                                                 'score = bilinear_upsampling(2, '
                                                                 'NUM_CLASSES, name="upscore_pool4")(score)\n'
                                                                 'skip3 = layers.Conv2D(NUM_CLASSES, 1, '
                                                                 'kernel_initializer="zeros", '
                                                                 'name="score_pool3")(pool3)\n'
                                                                 'score = '
                                                                 'layers.Add(name="fuse_pool3")([score, '
                                                                 'skip3])\n'
                                                                 '\n'
                                                                 'up = bilinear_upsampling(8, NUM_CLASSES, '
                                                                 'trainable=False, name="upscore8")(score)\n'
                                                                 'skip2 = layers.Conv2D(NUM_CLASSES, 1, '
                                                                 'kernel_initializer="zeros", '
                                                                 'name="score_pool2")(pool2)\n'
                                                                 'skip2 = bilinear_upsampling(4, '
                                                                 'NUM_CLASSES, trainable=False, '
                                                                 'name="upscore4")(skip2)\n'
                                                                 'up = layers.Add(name="fuse_pool2")([up, '
                                                                 'skip2])\n'
                                                                 'up = CropToReference(name="crop")([up, '
                                                                 'image])\n'
                                                                 'logits = layers.Activation("linear", '
                                                                 'dtype="float32", name="logits")(up)\n'
                                                                 'fcn4s = keras.Model(image, logits, '
                                                                 'name="fcn4s")',
         'skip multiplied, not added': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                                       'padded = PadToMultiple(32, name="pad")(image)\n'
                                       'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                                       'x = layers.Conv2D(HEAD, 7, padding="same", activation="relu",\n'
                                       '                  kernel_initializer="he_normal", '
                                       'name="fc6")(pool5)\n'
                                       'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                       'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                       'kernel_initializer="he_normal", name="fc7")(x)\n'
                                       'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                       'score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)\n'
                                       '\n'
                                       'score = bilinear_upsampling(2, NUM_CLASSES, '
                                       'name="upscore2")(score_fr)\n'
                                       'skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                       'name="score_pool4")(pool4)\n'
                                       'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                                       'score = bilinear_upsampling(2, NUM_CLASSES, '
                                       'name="upscore_pool4")(score)\n'
                                       'skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                       'name="score_pool3")(pool3)\n'
                                       'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                                       '\n'
                                       'score = bilinear_upsampling(2, NUM_CLASSES, '
                                       'name="upscore_pool3")(score)\n'
                                       'skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                       'name="score_pool2")(pool2)\n'
                                       'score = layers.Multiply(name="fuse_pool2")([score, skip2])\n'
                                       '\n'
                                       'up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, '
                                       'name="upscore4")(score)\n'
                                       'up = CropToReference(name="crop")([up, image])\n'
                                       'logits = layers.Activation("linear", dtype="float32", '
                                       'name="logits")(up)\n'
                                       'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'new x2 upsampling frozen': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                                     'padded = PadToMultiple(32, name="pad")(image)\n'
                                     'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                                     'x = layers.Conv2D(HEAD, 7, padding="same", activation="relu",\n'
                                     '                  kernel_initializer="he_normal", name="fc6")(pool5)\n'
                                     'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                     'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                     'kernel_initializer="he_normal", name="fc7")(x)\n'
                                     'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                     'score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)\n'
                                     '\n'
                                     'score = bilinear_upsampling(2, NUM_CLASSES, '
                                     'name="upscore2")(score_fr)\n'
                                     'skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                     'name="score_pool4")(pool4)\n'
                                     'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                                     'score = bilinear_upsampling(2, NUM_CLASSES, '
                                     'name="upscore_pool4")(score)\n'
                                     'skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                     'name="score_pool3")(pool3)\n'
                                     'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                                     '\n'
                                     'score = bilinear_upsampling(2, NUM_CLASSES, trainable=False, '
                                     'name="upscore_pool3")(score)\n'
                                     'skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                     'name="score_pool2")(pool2)\n'
                                     'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                                     '\n'
                                     'up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, '
                                     'name="upscore4")(score)\n'
                                     'up = CropToReference(name="crop")([up, image])\n'
                                     'logits = layers.Activation("linear", dtype="float32", '
                                     'name="logits")(up)\n'
                                     'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'fc6/fc7 head dropped: score_fr on pool5': 'image = keras.Input(shape=(None, None, 3), '
                                                    'name="image")\n'
                                                    'padded = PadToMultiple(32, name="pad")(image)\n'
                                                    'pool2, pool3, pool4, pool5 = '
                                                    'backbone_with_pool2()(padded)\n'
                                                    'score_fr = layers.Conv2D(NUM_CLASSES, 1, '
                                                    'name="score_fr")(pool5)\n'
                                                    '\n'
                                                    'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                    'name="upscore2")(score_fr)\n'
                                                    'skip4 = layers.Conv2D(NUM_CLASSES, 1, '
                                                    'kernel_initializer="zeros", name="score_pool4")(pool4)\n'
                                                    'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                                                    'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                    'name="upscore_pool4")(score)\n'
                                                    'skip3 = layers.Conv2D(NUM_CLASSES, 1, '
                                                    'kernel_initializer="zeros", name="score_pool3")(pool3)\n'
                                                    'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                                                    '\n'
                                                    'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                    'name="upscore_pool3")(score)\n'
                                                    'skip2 = layers.Conv2D(NUM_CLASSES, 1, '
                                                    'kernel_initializer="zeros", name="score_pool2")(pool2)\n'
                                                    'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                                                    '\n'
                                                    'up = bilinear_upsampling(4, NUM_CLASSES, '
                                                    'trainable=False, name="upscore4")(score)\n'
                                                    'up = CropToReference(name="crop")([up, image])\n'
                                                    'logits = layers.Activation("linear", dtype="float32", '
                                                    'name="logits")(up)\n'
                                                    'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'upscore4 factor 8 (crop hides size)': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                                                'padded = PadToMultiple(32, name="pad")(image)\n'
                                                'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                                                'x = layers.Conv2D(HEAD, 7, padding="same", '
                                                'activation="relu", kernel_initializer="he_normal", '
                                                'name="fc6")(pool5)\n'
                                                'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                                'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                                'kernel_initializer="he_normal", name="fc7")(x)\n'
                                                'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                                'score_fr = layers.Conv2D(NUM_CLASSES, 1, '
                                                'name="score_fr")(x)\n'
                                                'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                'name="upscore2")(score_fr)\n'
                                                'skip4 = layers.Conv2D(NUM_CLASSES, 1, '
                                                'kernel_initializer="zeros", name="score_pool4")(pool4)\n'
                                                'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                                                'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                'name="upscore_pool4")(score)\n'
                                                'skip3 = layers.Conv2D(NUM_CLASSES, 1, '
                                                'kernel_initializer="zeros", name="score_pool3")(pool3)\n'
                                                'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                                                'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                'name="upscore_pool3")(score)\n'
                                                'skip2 = layers.Conv2D(NUM_CLASSES, 1, '
                                                'kernel_initializer="zeros", name="score_pool2")(pool2)\n'
                                                'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                                                'up = bilinear_upsampling(8, NUM_CLASSES, trainable=False, '
                                                'name="upscore4")(score)\n'
                                                'up = CropToReference(name="crop")([up, image])\n'
                                                'logits = layers.Activation("linear", dtype="float32", '
                                                'name="logits")(up)\n'
                                                'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'fc6 valid padding': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                              'padded = PadToMultiple(32, name="pad")(image)\n'
                              'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                              'x = layers.Conv2D(HEAD, 7, padding="valid", activation="relu", '
                              'kernel_initializer="he_normal", name="fc6")(pool5)\n'
                              'x = layers.Dropout(0.5, name="drop6")(x)\n'
                              'x = layers.Conv2D(HEAD, 1, activation="relu", kernel_initializer="he_normal", '
                              'name="fc7")(x)\n'
                              'x = layers.Dropout(0.5, name="drop7")(x)\n'
                              'score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)\n'
                              'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score_fr)\n'
                              'skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                              'name="score_pool4")(pool4)\n'
                              'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                              'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool4")(score)\n'
                              'skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                              'name="score_pool3")(pool3)\n'
                              'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                              'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool3")(score)\n'
                              'skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                              'name="score_pool2")(pool2)\n'
                              'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                              'up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, '
                              'name="upscore4")(score)\n'
                              'up = CropToReference(name="crop")([up, image])\n'
                              'logits = layers.Activation("linear", dtype="float32", name="logits")(up)\n'
                              'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'score_pool2 3x3 kernel': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                                   'padded = PadToMultiple(32, name="pad")(image)\n'
                                   'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                                   'x = layers.Conv2D(HEAD, 7, padding="same", activation="relu", '
                                   'kernel_initializer="he_normal", name="fc6")(pool5)\n'
                                   'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                   'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                   'kernel_initializer="he_normal", name="fc7")(x)\n'
                                   'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                   'score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)\n'
                                   'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score_fr)\n'
                                   'skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                   'name="score_pool4")(pool4)\n'
                                   'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                                   'score = bilinear_upsampling(2, NUM_CLASSES, '
                                   'name="upscore_pool4")(score)\n'
                                   'skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                   'name="score_pool3")(pool3)\n'
                                   'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                                   'score = bilinear_upsampling(2, NUM_CLASSES, '
                                   'name="upscore_pool3")(score)\n'
                                   'skip2 = layers.Conv2D(NUM_CLASSES, 3, padding="same", '
                                   'kernel_initializer="zeros", name="score_pool2")(pool2)\n'
                                   'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                                   'up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, '
                                   'name="upscore4")(score)\n'
                                   'up = CropToReference(name="crop")([up, image])\n'
                                   'logits = layers.Activation("linear", dtype="float32", '
                                   'name="logits")(up)\n'
                                   'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'x2 by UpSampling2D bilinear (not learned)': 'image = keras.Input(shape=(None, None, 3), '
                                                      'name="image")\n'
                                                      'padded = PadToMultiple(32, name="pad")(image)\n'
                                                      'pool2, pool3, pool4, pool5 = '
                                                      'backbone_with_pool2()(padded)\n'
                                                      'x = layers.Conv2D(HEAD, 7, padding="same", '
                                                      'activation="relu", kernel_initializer="he_normal", '
                                                      'name="fc6")(pool5)\n'
                                                      'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                                      'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                                      'kernel_initializer="he_normal", name="fc7")(x)\n'
                                                      'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                                      'score_fr = layers.Conv2D(NUM_CLASSES, 1, '
                                                      'name="score_fr")(x)\n'
                                                      'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                      'name="upscore2")(score_fr)\n'
                                                      'skip4 = layers.Conv2D(NUM_CLASSES, 1, '
                                                      'kernel_initializer="zeros", '
                                                      'name="score_pool4")(pool4)\n'
                                                      'score = layers.Add(name="fuse_pool4")([score, '
                                                      'skip4])\n'
                                                      'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                      'name="upscore_pool4")(score)\n'
                                                      'skip3 = layers.Conv2D(NUM_CLASSES, 1, '
                                                      'kernel_initializer="zeros", '
                                                      'name="score_pool3")(pool3)\n'
                                                      'score = layers.Add(name="fuse_pool3")([score, '
                                                      'skip3])\n'
                                                      'score = layers.UpSampling2D(2, '
                                                      'interpolation="bilinear", '
                                                      'name="upscore_pool3")(score)\n'
                                                      'skip2 = layers.Conv2D(NUM_CLASSES, 1, '
                                                      'kernel_initializer="zeros", '
                                                      'name="score_pool2")(pool2)\n'
                                                      'score = layers.Add(name="fuse_pool2")([score, '
                                                      'skip2])\n'
                                                      'up = bilinear_upsampling(4, NUM_CLASSES, '
                                                      'trainable=False, name="upscore4")(score)\n'
                                                      'up = CropToReference(name="crop")([up, image])\n'
                                                      'logits = layers.Activation("linear", dtype="float32", '
                                                      'name="logits")(up)\n'
                                                      'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'concat + 1x1 fuse': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                              'padded = PadToMultiple(32, name="pad")(image)\n'
                              'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                              'x = layers.Conv2D(HEAD, 7, padding="same", activation="relu", '
                              'kernel_initializer="he_normal", name="fc6")(pool5)\n'
                              'x = layers.Dropout(0.5, name="drop6")(x)\n'
                              'x = layers.Conv2D(HEAD, 1, activation="relu", kernel_initializer="he_normal", '
                              'name="fc7")(x)\n'
                              'x = layers.Dropout(0.5, name="drop7")(x)\n'
                              'score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)\n'
                              'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score_fr)\n'
                              'skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                              'name="score_pool4")(pool4)\n'
                              'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                              'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool4")(score)\n'
                              'skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                              'name="score_pool3")(pool3)\n'
                              'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                              'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool3")(score)\n'
                              'skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                              'name="score_pool2")(pool2)\n'
                              'score = layers.Conv2D(NUM_CLASSES, 1, '
                              'name="fuse_pool2")(layers.Concatenate()([score, skip2]))\n'
                              'up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, '
                              'name="upscore4")(score)\n'
                              'up = CropToReference(name="crop")([up, image])\n'
                              'logits = layers.Activation("linear", dtype="float32", name="logits")(up)\n'
                              'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'skip on pool3 twice (pool2 unused, upsampled)': 'image = keras.Input(shape=(None, None, 3), '
                                                          'name="image")\n'
                                                          'padded = PadToMultiple(32, name="pad")(image)\n'
                                                          'pool2, pool3, pool4, pool5 = '
                                                          'backbone_with_pool2()(padded)\n'
                                                          'x = layers.Conv2D(HEAD, 7, padding="same", '
                                                          'activation="relu", '
                                                          'kernel_initializer="he_normal", '
                                                          'name="fc6")(pool5)\n'
                                                          'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                                          'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                                          'kernel_initializer="he_normal", name="fc7")(x)\n'
                                                          'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                                          'score_fr = layers.Conv2D(NUM_CLASSES, 1, '
                                                          'name="score_fr")(x)\n'
                                                          'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                          'name="upscore2")(score_fr)\n'
                                                          'skip4 = layers.Conv2D(NUM_CLASSES, 1, '
                                                          'kernel_initializer="zeros", '
                                                          'name="score_pool4")(pool4)\n'
                                                          'score = layers.Add(name="fuse_pool4")([score, '
                                                          'skip4])\n'
                                                          'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                          'name="upscore_pool4")(score)\n'
                                                          'skip3 = layers.Conv2D(NUM_CLASSES, 1, '
                                                          'kernel_initializer="zeros", '
                                                          'name="score_pool3")(pool3)\n'
                                                          'score = layers.Add(name="fuse_pool3")([score, '
                                                          'skip3])\n'
                                                          'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                          'name="upscore_pool3")(score)\n'
                                                          'skip2 = layers.Conv2D(NUM_CLASSES, 1, '
                                                          'kernel_initializer="zeros", '
                                                          'name="score_pool2")(layers.UpSampling2D(2)(pool3))\n'
                                                          'score = layers.Add(name="fuse_pool2")([score, '
                                                          'skip2])\n'
                                                          'up = bilinear_upsampling(4, NUM_CLASSES, '
                                                          'trainable=False, name="upscore4")(score)\n'
                                                          'up = CropToReference(name="crop")([up, image])\n'
                                                          'logits = layers.Activation("linear", '
                                                          'dtype="float32", name="logits")(up)\n'
                                                          'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'relu on score_pool2': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                                'padded = PadToMultiple(32, name="pad")(image)\n'
                                'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                                'x = layers.Conv2D(HEAD, 7, padding="same", activation="relu", '
                                'kernel_initializer="he_normal", name="fc6")(pool5)\n'
                                'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                'kernel_initializer="he_normal", name="fc7")(x)\n'
                                'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                'score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)\n'
                                'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score_fr)\n'
                                'skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                'name="score_pool4")(pool4)\n'
                                'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                                'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool4")(score)\n'
                                'skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                'name="score_pool3")(pool3)\n'
                                'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                                'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool3")(score)\n'
                                'skip2 = layers.Conv2D(NUM_CLASSES, 1, activation="relu", '
                                'kernel_initializer="zeros", name="score_pool2")(pool2)\n'
                                'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                                'up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, '
                                'name="upscore4")(score)\n'
                                'up = CropToReference(name="crop")([up, image])\n'
                                'logits = layers.Activation("linear", dtype="float32", name="logits")(up)\n'
                                'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'fuse_pool3 skipped in x2 input (upsample fuse_pool4 output again)': 'image = '
                                                                              'keras.Input(shape=(None, '
                                                                              'None, 3), name="image")\n'
                                                                              'padded = PadToMultiple(32, '
                                                                              'name="pad")(image)\n'
                                                                              'pool2, pool3, pool4, pool5 = '
                                                                              'backbone_with_pool2()(padded)\n'
                                                                              'x = layers.Conv2D(HEAD, 7, '
                                                                              'padding="same", '
                                                                              'activation="relu", '
                                                                              'kernel_initializer="he_normal", '
                                                                              'name="fc6")(pool5)\n'
                                                                              'x = layers.Dropout(0.5, '
                                                                              'name="drop6")(x)\n'
                                                                              'x = layers.Conv2D(HEAD, 1, '
                                                                              'activation="relu", '
                                                                              'kernel_initializer="he_normal", '
                                                                              'name="fc7")(x)\n'
                                                                              'x = layers.Dropout(0.5, '
                                                                              'name="drop7")(x)\n'
                                                                              'score_fr = '
                                                                              'layers.Conv2D(NUM_CLASSES, 1, '
                                                                              'name="score_fr")(x)\n'
                                                                              'score = '
                                                                              'bilinear_upsampling(2, '
                                                                              'NUM_CLASSES, '
                                                                              'name="upscore2")(score_fr)\n'
                                                                              'skip4 = '
                                                                              'layers.Conv2D(NUM_CLASSES, 1, '
                                                                              'kernel_initializer="zeros", '
                                                                              'name="score_pool4")(pool4)\n'
                                                                              'score = '
                                                                              'layers.Add(name="fuse_pool4")([score, '
                                                                              'skip4])\n'
                                                                              'score = '
                                                                              'bilinear_upsampling(2, '
                                                                              'NUM_CLASSES, '
                                                                              'name="upscore_pool4")(score)\n'
                                                                              'skip3 = '
                                                                              'layers.Conv2D(NUM_CLASSES, 1, '
                                                                              'kernel_initializer="zeros", '
                                                                              'name="score_pool3")(pool3)\n'
                                                                              'score = '
                                                                              'layers.Add(name="fuse_pool3")([score, '
                                                                              'skip3])\n'
                                                                              'score = '
                                                                              'bilinear_upsampling(2, '
                                                                              'NUM_CLASSES, '
                                                                              'name="upscore_pool3")(layers.UpSampling2D(2)(skip3) '
                                                                              '* 0 + score)\n'
                                                                              'skip2 = '
                                                                              'layers.Conv2D(NUM_CLASSES, 1, '
                                                                              'kernel_initializer="zeros", '
                                                                              'name="score_pool2")(pool2)\n'
                                                                              'score = '
                                                                              'layers.Add(name="fuse_pool2")([score, '
                                                                              'skip2])\n'
                                                                              'up = bilinear_upsampling(4, '
                                                                              'NUM_CLASSES, trainable=False, '
                                                                              'name="upscore4")(score)\n'
                                                                              'up = '
                                                                              'CropToReference(name="crop")([up, '
                                                                              'image])\n'
                                                                              'logits = '
                                                                              'layers.Activation("linear", '
                                                                              'dtype="float32", '
                                                                              'name="logits")(up)\n'
                                                                              'fcn4s = keras.Model(image, '
                                                                              'logits, name="fcn4s")',
         'skip subtracted': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                            'padded = PadToMultiple(32, name="pad")(image)\n'
                            'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                            'x = layers.Conv2D(HEAD, 7, padding="same", activation="relu", '
                            'kernel_initializer="he_normal", name="fc6")(pool5)\n'
                            'x = layers.Dropout(0.5, name="drop6")(x)\n'
                            'x = layers.Conv2D(HEAD, 1, activation="relu", kernel_initializer="he_normal", '
                            'name="fc7")(x)\n'
                            'x = layers.Dropout(0.5, name="drop7")(x)\n'
                            'score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)\n'
                            'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score_fr)\n'
                            'skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                            'name="score_pool4")(pool4)\n'
                            'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                            'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool4")(score)\n'
                            'skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                            'name="score_pool3")(pool3)\n'
                            'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                            'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool3")(score)\n'
                            'skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                            'name="score_pool2")(pool2)\n'
                            'score = layers.Subtract(name="fuse_pool2")([score, skip2])\n'
                            'up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, '
                            'name="upscore4")(score)\n'
                            'up = CropToReference(name="crop")([up, image])\n'
                            'logits = layers.Activation("linear", dtype="float32", name="logits")(up)\n'
                            'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'upscore4 nearest UpSampling2D': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                                          'padded = PadToMultiple(32, name="pad")(image)\n'
                                          'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                                          'x = layers.Conv2D(HEAD, 7, padding="same", activation="relu", '
                                          'kernel_initializer="he_normal", name="fc6")(pool5)\n'
                                          'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                          'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                          'kernel_initializer="he_normal", name="fc7")(x)\n'
                                          'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                          'score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)\n'
                                          'score = bilinear_upsampling(2, NUM_CLASSES, '
                                          'name="upscore2")(score_fr)\n'
                                          'skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                          'name="score_pool4")(pool4)\n'
                                          'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                                          'score = bilinear_upsampling(2, NUM_CLASSES, '
                                          'name="upscore_pool4")(score)\n'
                                          'skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                          'name="score_pool3")(pool3)\n'
                                          'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                                          'score = bilinear_upsampling(2, NUM_CLASSES, '
                                          'name="upscore_pool3")(score)\n'
                                          'skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                          'name="score_pool2")(pool2)\n'
                                          'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                                          'up = layers.UpSampling2D(4, name="upscore4")(score)\n'
                                          'up = CropToReference(name="crop")([up, image])\n'
                                          'logits = layers.Activation("linear", dtype="float32", '
                                          'name="logits")(up)\n'
                                          'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'pool4 skip used twice instead of pool3': 'image = keras.Input(shape=(None, None, 3), '
                                                   'name="image")\n'
                                                   'padded = PadToMultiple(32, name="pad")(image)\n'
                                                   'pool2, pool3, pool4, pool5 = '
                                                   'backbone_with_pool2()(padded)\n'
                                                   'x = layers.Conv2D(HEAD, 7, padding="same", '
                                                   'activation="relu", kernel_initializer="he_normal", '
                                                   'name="fc6")(pool5)\n'
                                                   'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                                   'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                                   'kernel_initializer="he_normal", name="fc7")(x)\n'
                                                   'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                                   'score_fr = layers.Conv2D(NUM_CLASSES, 1, '
                                                   'name="score_fr")(x)\n'
                                                   'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                   'name="upscore2")(score_fr)\n'
                                                   'skip4 = layers.Conv2D(NUM_CLASSES, 1, '
                                                   'kernel_initializer="zeros", name="score_pool4")(pool4)\n'
                                                   'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                                                   'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                   'name="upscore_pool4")(score)\n'
                                                   'skip3 = layers.Conv2D(NUM_CLASSES, 1, '
                                                   'kernel_initializer="zeros", '
                                                   'name="score_pool3")(layers.UpSampling2D(2)(pool4))\n'
                                                   'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                                                   'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                   'name="upscore_pool3")(score)\n'
                                                   'skip2 = layers.Conv2D(NUM_CLASSES, 1, '
                                                   'kernel_initializer="zeros", name="score_pool2")(pool2)\n'
                                                   'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                                                   'up = bilinear_upsampling(4, NUM_CLASSES, '
                                                   'trainable=False, name="upscore4")(score)\n'
                                                   'up = CropToReference(name="crop")([up, image])\n'
                                                   'logits = layers.Activation("linear", dtype="float32", '
                                                   'name="logits")(up)\n'
                                                   'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'fc6 as 3x3': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                       'padded = PadToMultiple(32, name="pad")(image)\n'
                       'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                       'x = layers.Conv2D(HEAD, 3, padding="same", activation="relu", '
                       'kernel_initializer="he_normal", name="fc6")(pool5)\n'
                       'x = layers.Dropout(0.5, name="drop6")(x)\n'
                       'x = layers.Conv2D(HEAD, 1, activation="relu", kernel_initializer="he_normal", '
                       'name="fc7")(x)\n'
                       'x = layers.Dropout(0.5, name="drop7")(x)\n'
                       'score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)\n'
                       'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score_fr)\n'
                       'skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                       'name="score_pool4")(pool4)\n'
                       'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                       'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool4")(score)\n'
                       'skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                       'name="score_pool3")(pool3)\n'
                       'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                       'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool3")(score)\n'
                       'skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                       'name="score_pool2")(pool2)\n'
                       'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                       'up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, name="upscore4")(score)\n'
                       'up = CropToReference(name="crop")([up, image])\n'
                       'logits = layers.Activation("linear", dtype="float32", name="logits")(up)\n'
                       'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'score_pool4 on maxpooled pool3': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                                           'padded = PadToMultiple(32, name="pad")(image)\n'
                                           'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                                           'x = layers.Conv2D(HEAD, 7, padding="same", activation="relu", '
                                           'kernel_initializer="he_normal", name="fc6")(pool5)\n'
                                           'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                           'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                           'kernel_initializer="he_normal", name="fc7")(x)\n'
                                           'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                           'score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)\n'
                                           'score = bilinear_upsampling(2, NUM_CLASSES, '
                                           'name="upscore2")(score_fr)\n'
                                           'skip4 = layers.Conv2D(NUM_CLASSES, 1, '
                                           'kernel_initializer="zeros", '
                                           'name="score_pool4")(layers.MaxPooling2D(2)(pool3))\n'
                                           'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                                           'score = bilinear_upsampling(2, NUM_CLASSES, '
                                           'name="upscore_pool4")(score)\n'
                                           'skip3 = layers.Conv2D(NUM_CLASSES, 1, '
                                           'kernel_initializer="zeros", name="score_pool3")(pool3)\n'
                                           'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                                           'score = bilinear_upsampling(2, NUM_CLASSES, '
                                           'name="upscore_pool3")(score)\n'
                                           'skip2 = layers.Conv2D(NUM_CLASSES, 1, '
                                           'kernel_initializer="zeros", name="score_pool2")(pool2)\n'
                                           'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                                           'up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, '
                                           'name="upscore4")(score)\n'
                                           'up = CropToReference(name="crop")([up, image])\n'
                                           'logits = layers.Activation("linear", dtype="float32", '
                                           'name="logits")(up)\n'
                                           'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'score_fr on pool4 (pooled)': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                                       'padded = PadToMultiple(32, name="pad")(image)\n'
                                       'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                                       'x = layers.Conv2D(HEAD, 7, padding="same", activation="relu", '
                                       'kernel_initializer="he_normal", name="fc6")(pool5)\n'
                                       'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                       'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                       'kernel_initializer="he_normal", name="fc7")(x)\n'
                                       'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                       'score_fr = layers.Conv2D(NUM_CLASSES, 1, '
                                       'name="score_fr")(layers.Conv2D(HEAD, '
                                       '1)(layers.MaxPooling2D(2)(pool4)))\n'
                                       'score = bilinear_upsampling(2, NUM_CLASSES, '
                                       'name="upscore2")(score_fr)\n'
                                       'skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                       'name="score_pool4")(pool4)\n'
                                       'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                                       'score = bilinear_upsampling(2, NUM_CLASSES, '
                                       'name="upscore_pool4")(score)\n'
                                       'skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                       'name="score_pool3")(pool3)\n'
                                       'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                                       'score = bilinear_upsampling(2, NUM_CLASSES, '
                                       'name="upscore_pool3")(score)\n'
                                       'skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                       'name="score_pool2")(pool2)\n'
                                       'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                                       'up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, '
                                       'name="upscore4")(score)\n'
                                       'up = CropToReference(name="crop")([up, image])\n'
                                       'logits = layers.Activation("linear", dtype="float32", '
                                       'name="logits")(up)\n'
                                       'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'score_pool2 on pool2 after extra 3x3 conv': 'image = keras.Input(shape=(None, None, 3), '
                                                      'name="image")\n'
                                                      'padded = PadToMultiple(32, name="pad")(image)\n'
                                                      'pool2, pool3, pool4, pool5 = '
                                                      'backbone_with_pool2()(padded)\n'
                                                      'x = layers.Conv2D(HEAD, 7, padding="same", '
                                                      'activation="relu", kernel_initializer="he_normal", '
                                                      'name="fc6")(pool5)\n'
                                                      'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                                      'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                                      'kernel_initializer="he_normal", name="fc7")(x)\n'
                                                      'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                                      'score_fr = layers.Conv2D(NUM_CLASSES, 1, '
                                                      'name="score_fr")(x)\n'
                                                      'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                      'name="upscore2")(score_fr)\n'
                                                      'skip4 = layers.Conv2D(NUM_CLASSES, 1, '
                                                      'kernel_initializer="zeros", '
                                                      'name="score_pool4")(pool4)\n'
                                                      'score = layers.Add(name="fuse_pool4")([score, '
                                                      'skip4])\n'
                                                      'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                      'name="upscore_pool4")(score)\n'
                                                      'skip3 = layers.Conv2D(NUM_CLASSES, 1, '
                                                      'kernel_initializer="zeros", '
                                                      'name="score_pool3")(pool3)\n'
                                                      'score = layers.Add(name="fuse_pool3")([score, '
                                                      'skip3])\n'
                                                      'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                      'name="upscore_pool3")(score)\n'
                                                      'skip2 = layers.Conv2D(NUM_CLASSES, 1, '
                                                      'kernel_initializer="zeros", '
                                                      'name="score_pool2")(layers.Conv2D(16, 3, '
                                                      'padding="same")(pool2))\n'
                                                      'score = layers.Add(name="fuse_pool2")([score, '
                                                      'skip2])\n'
                                                      'up = bilinear_upsampling(4, NUM_CLASSES, '
                                                      'trainable=False, name="upscore4")(score)\n'
                                                      'up = CropToReference(name="crop")([up, image])\n'
                                                      'logits = layers.Activation("linear", dtype="float32", '
                                                      'name="logits")(up)\n'
                                                      'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'score_pool2 on the image (avg-pooled by 4)': 'image = keras.Input(shape=(None, None, 3), '
                                                       'name="image")\n'
                                                       'padded = PadToMultiple(32, name="pad")(image)\n'
                                                       'pool2, pool3, pool4, pool5 = '
                                                       'backbone_with_pool2()(padded)\n'
                                                       'x = layers.Conv2D(HEAD, 7, padding="same", '
                                                       'activation="relu", kernel_initializer="he_normal", '
                                                       'name="fc6")(pool5)\n'
                                                       'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                                       'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                                       'kernel_initializer="he_normal", name="fc7")(x)\n'
                                                       'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                                       'score_fr = layers.Conv2D(NUM_CLASSES, 1, '
                                                       'name="score_fr")(x)\n'
                                                       'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                       'name="upscore2")(score_fr)\n'
                                                       'skip4 = layers.Conv2D(NUM_CLASSES, 1, '
                                                       'kernel_initializer="zeros", '
                                                       'name="score_pool4")(pool4)\n'
                                                       'score = layers.Add(name="fuse_pool4")([score, '
                                                       'skip4])\n'
                                                       'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                       'name="upscore_pool4")(score)\n'
                                                       'skip3 = layers.Conv2D(NUM_CLASSES, 1, '
                                                       'kernel_initializer="zeros", '
                                                       'name="score_pool3")(pool3)\n'
                                                       'score = layers.Add(name="fuse_pool3")([score, '
                                                       'skip3])\n'
                                                       'score = bilinear_upsampling(2, NUM_CLASSES, '
                                                       'name="upscore_pool3")(score)\n'
                                                       'skip2 = layers.Conv2D(NUM_CLASSES, 1, '
                                                       'kernel_initializer="zeros", '
                                                       'name="score_pool2")(layers.AveragePooling2D(4)(padded))\n'
                                                       'score = layers.Add(name="fuse_pool2")([score, '
                                                       'skip2])\n'
                                                       'up = bilinear_upsampling(4, NUM_CLASSES, '
                                                       'trainable=False, name="upscore4")(score)\n'
                                                       'up = CropToReference(name="crop")([up, image])\n'
                                                       'logits = layers.Activation("linear", '
                                                       'dtype="float32", name="logits")(up)\n'
                                                       'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'fc7 removed (score_fr on fc6)': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                                          'padded = PadToMultiple(32, name="pad")(image)\n'
                                          'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                                          'x = layers.Conv2D(HEAD, 7, padding="same", activation="relu", '
                                          'kernel_initializer="he_normal", name="fc6")(pool5)\n'
                                          'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                          'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                          'score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)\n'
                                          'score = bilinear_upsampling(2, NUM_CLASSES, '
                                          'name="upscore2")(score_fr)\n'
                                          'skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                          'name="score_pool4")(pool4)\n'
                                          'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                                          'score = bilinear_upsampling(2, NUM_CLASSES, '
                                          'name="upscore_pool4")(score)\n'
                                          'skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                          'name="score_pool3")(pool3)\n'
                                          'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                                          'score = bilinear_upsampling(2, NUM_CLASSES, '
                                          'name="upscore_pool3")(score)\n'
                                          'skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                          'name="score_pool2")(pool2)\n'
                                          'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                                          'up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, '
                                          'name="upscore4")(score)\n'
                                          'up = CropToReference(name="crop")([up, image])\n'
                                          'logits = layers.Activation("linear", dtype="float32", '
                                          'name="logits")(up)\n'
                                          'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'score_pool2 sigmoid': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                                'padded = PadToMultiple(32, name="pad")(image)\n'
                                'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                                'x = layers.Conv2D(HEAD, 7, padding="same", activation="relu", '
                                'kernel_initializer="he_normal", name="fc6")(pool5)\n'
                                'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                'kernel_initializer="he_normal", name="fc7")(x)\n'
                                'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                'score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)\n'
                                'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score_fr)\n'
                                'skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                'name="score_pool4")(pool4)\n'
                                'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                                'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool4")(score)\n'
                                'skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                'name="score_pool3")(pool3)\n'
                                'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                                'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool3")(score)\n'
                                'skip2 = layers.Conv2D(NUM_CLASSES, 1, activation="sigmoid", '
                                'kernel_initializer="zeros", name="score_pool2")(pool2)\n'
                                'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                                'up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, '
                                'name="upscore4")(score)\n'
                                'up = CropToReference(name="crop")([up, image])\n'
                                'logits = layers.Activation("linear", dtype="float32", name="logits")(up)\n'
                                'fcn4s = keras.Model(image, logits, name="fcn4s")'}}

BLIND2_RIGHT_ANSWERS = {'ex1': {'literal': 'pool4_shape = (20, 30, 64)',
         'four halvings and the width': 'pool4_shape = (320 // 2**4, 480 // 2**4, round(512 * WIDTH))',
         "the lesson's pooled_sizes": 'pool4_shape = (pooled_sizes(320)[3], pooled_sizes(480)[3], int(512 * '
                                      'WIDTH))',
         'list with numpy ints': 'pool4_shape = [np.int64(320 // 2**4), np.int64(480 // 2**4), int(512 * '
                                 'WIDTH)]',
         'ran the encoder instead of predicting': 'encoder = models.build_backbone(width=WIDTH, '
                                                  'weights=None, input_shape=(320, 480, 3))\n'
                                                  'pool4_shape = tuple(encoder.outputs[1].shape[1:])'},
 'ex2': {'literal': 'padded_hw, score_hw, short_hw = (128, 160), (4, 5), (96, 128)',
         'round up, divide, pool down': 'size = (97, 131)\n'
                                        'padded_hw = tuple(-(-n // 32) * 32 for n in size)\n'
                                        'score_hw = tuple(n // 32 for n in padded_hw)\n'
                                        'short_hw = tuple(32 * pooled_sizes(n)[-1] for n in size)',
         'math.ceil and a loop of halvings': 'import math\n'
                                             'padded_hw = (32 * math.ceil(97 / 32), 32 * math.ceil(131 / '
                                             '32))\n'
                                             'score_hw = (padded_hw[0] // 32, padded_hw[1] // 32)\n'
                                             'short = []\n'
                                             'for n in (97, 131):\n'
                                             '    for _ in range(5):\n'
                                             '        n //= 2\n'
                                             '    short.append(32 * n)\n'
                                             'short_hw = tuple(short)'},
 'ex3': {'literal': 'rf_score_pool4, rf_score_fr = 100, 404',
         'the recurrence over a list of (k, s)': 'chain = [(3, 1), (3, 1), (2, 2), (3, 1), (3, 1), (2, 2),\n'
                                                 '         (3, 1), (3, 1), (3, 1), (2, 2), (3, 1), (3, 1), '
                                                 '(3, 1), (2, 2)]\n'
                                                 'r, j = 1, 1\n'
                                                 'for k, s in chain + [(1, 1)]:                  # ... '
                                                 'block4_pool, score_pool4\n'
                                                 '    r, j = r + (k - 1) * j, j * s\n'
                                                 'rf_score_pool4 = r\n'
                                                 'for k, s in [(3, 1), (3, 1), (3, 1), (2, 2), (7, 1), (1, '
                                                 '1), (1, 1)]:\n'
                                                 '    r, j = r + (k - 1) * j, j * s               # block5, '
                                                 'fc6, fc7, score_fr\n'
                                                 'rf_score_fr = r',
         "loop over vgg's layers": 'r, j, rf = 1, 1, {}\n'
                                   'for layer in vgg.layers[1:]:\n'
                                   '    k = layer.pool_size[0] if "pool" in layer.name else '
                                   'layer.kernel_size[0]\n'
                                   '    r, j = r + (k - 1) * j, j * layer.strides[0]\n'
                                   '    rf[layer.name] = (r, j)\n'
                                   'rf_score_pool4 = rf["block4_pool"][0] + (1 - 1) * rf["block4_pool"][1]\n'
                                   'r5, j5 = rf["block5_pool"]\n'
                                   'rf_score_fr = r5 + (7 - 1) * j5 + 0 + 0',
         'numpy ints': 'rf_score_pool4 = np.int64(100)\nrf_score_fr = np.int64(404)',
         'from receptive-field formula with fc6 only': 'rf_score_pool4 = 1 + sum((k - 1) * j for k, j in '
                                                       '[(3,1),(3,1),(2,1),(3,2),(3,2),(2,2),(3,4),(3,4),(3,4),(2,4),(3,8),(3,8),(3,8),(2,8)])\n'
                                                       'rf_score_fr = rf_score_pool4 + 3 * 2 * 16 + 16 + 6 * '
                                                       '32'},
 'ex4': {'FCN-8s plus one skip, written out': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                                              'padded = PadToMultiple(32, name="pad")(image)\n'
                                              'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                                              'x = layers.Conv2D(HEAD, 7, padding="same", '
                                              'activation="relu",\n'
                                              '                  kernel_initializer="he_normal", '
                                              'name="fc6")(pool5)\n'
                                              'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                              'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                              'kernel_initializer="he_normal", name="fc7")(x)\n'
                                              'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                              'score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)\n'
                                              '\n'
                                              'score = bilinear_upsampling(2, NUM_CLASSES, '
                                              'name="upscore2")(score_fr)\n'
                                              'skip4 = layers.Conv2D(NUM_CLASSES, 1, '
                                              'kernel_initializer="zeros", name="score_pool4")(pool4)\n'
                                              'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                                              'score = bilinear_upsampling(2, NUM_CLASSES, '
                                              'name="upscore_pool4")(score)\n'
                                              'skip3 = layers.Conv2D(NUM_CLASSES, 1, '
                                              'kernel_initializer="zeros", name="score_pool3")(pool3)\n'
                                              'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                                              '\n'
                                              'score = bilinear_upsampling(2, NUM_CLASSES, '
                                              'name="upscore_pool3")(score)\n'
                                              'skip2 = layers.Conv2D(NUM_CLASSES, 1, '
                                              'kernel_initializer="zeros", name="score_pool2")(pool2)\n'
                                              'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                                              '\n'
                                              'up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, '
                                              'name="upscore4")(score)\n'
                                              'up = CropToReference(name="crop")([up, image])\n'
                                              'logits = layers.Activation("linear", dtype="float32", '
                                              'name="logits")(up)\n'
                                              'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'a function with a loop over the skips': 'def my_fcn4s(width=WIDTH, head=HEAD, '
                                                  'num_classes=NUM_CLASSES, dropout=0.5):\n'
                                                  '    image = keras.Input(shape=(None, None, 3), '
                                                  'name="image")\n'
                                                  '    padded = PadToMultiple(32, name="pad")(image)\n'
                                                  '    pool2, pool3, pool4, pool5 = '
                                                  'backbone_with_pool2(width)(padded)\n'
                                                  '    x = layers.Conv2D(head, 7, padding="same", '
                                                  'activation="relu",\n'
                                                  '                      kernel_initializer="he_normal", '
                                                  'name="fc6")(pool5)\n'
                                                  '    x = layers.Dropout(dropout, name="drop6")(x)\n'
                                                  '    x = layers.Conv2D(head, 1, activation="relu",\n'
                                                  '                      kernel_initializer="he_normal", '
                                                  'name="fc7")(x)\n'
                                                  '    x = layers.Dropout(dropout, name="drop7")(x)\n'
                                                  '    score = layers.Conv2D(num_classes, 1, '
                                                  'name="score_fr")(x)\n'
                                                  '    skips = [("upscore2", "pool4", pool4), '
                                                  '("upscore_pool4", "pool3", pool3),\n'
                                                  '             ("upscore_pool3", "pool2", pool2)]\n'
                                                  '    for up_name, pool_name, pool in skips:\n'
                                                  '        score = bilinear_upsampling(2, num_classes, '
                                                  'name=up_name)(score)\n'
                                                  '        skip = layers.Conv2D(num_classes, 1, '
                                                  'kernel_initializer="zeros",\n'
                                                  '                             '
                                                  'name=f"score_{pool_name}")(pool)\n'
                                                  '        score = '
                                                  'layers.Add(name=f"fuse_{pool_name}")([score, skip])\n'
                                                  '    up = bilinear_upsampling(4, num_classes, '
                                                  'trainable=False, name="upscore4")(score)\n'
                                                  '    up = CropToReference(name="crop")([up, image])\n'
                                                  '    logits = layers.Activation("linear", dtype="float32", '
                                                  'name="logits")(up)\n'
                                                  '    return keras.Model(image, logits, name="fcn4s")\n'
                                                  '\n'
                                                  '\n'
                                                  'fcn4s = my_fcn4s()',
         'x2 layer named differently': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                                       'padded = PadToMultiple(32, name="pad")(image)\n'
                                       'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                                       'x = layers.Conv2D(HEAD, 7, padding="same", activation="relu", '
                                       'kernel_initializer="he_normal", name="fc6")(pool5)\n'
                                       'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                       'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                       'kernel_initializer="he_normal", name="fc7")(x)\n'
                                       'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                       'score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)\n'
                                       'score = bilinear_upsampling(2, NUM_CLASSES, '
                                       'name="upscore2")(score_fr)\n'
                                       'skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                       'name="score_pool4")(pool4)\n'
                                       'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                                       'score = bilinear_upsampling(2, NUM_CLASSES, '
                                       'name="upscore_pool4")(score)\n'
                                       'skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                       'name="score_pool3")(pool3)\n'
                                       'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                                       'score = bilinear_upsampling(2, NUM_CLASSES, name="up_fuse3")(score)\n'
                                       'skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                       'name="score_pool2")(pool2)\n'
                                       'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                                       'up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, '
                                       'name="upscore4")(score)\n'
                                       'up = CropToReference(name="crop")([up, image])\n'
                                       'logits = layers.Activation("linear", dtype="float32", '
                                       'name="logits")(up)\n'
                                       'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'no dropout layers': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                              'padded = PadToMultiple(32, name="pad")(image)\n'
                              'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                              'x = layers.Conv2D(HEAD, 7, padding="same", activation="relu", '
                              'kernel_initializer="he_normal", name="fc6")(pool5)\n'
                              'x = layers.Conv2D(HEAD, 1, activation="relu", kernel_initializer="he_normal", '
                              'name="fc7")(x)\n'
                              'score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)\n'
                              'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score_fr)\n'
                              'skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                              'name="score_pool4")(pool4)\n'
                              'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                              'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool4")(score)\n'
                              'skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                              'name="score_pool3")(pool3)\n'
                              'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                              'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool3")(score)\n'
                              'skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                              'name="score_pool2")(pool2)\n'
                              'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                              'up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, '
                              'name="upscore4")(score)\n'
                              'up = CropToReference(name="crop")([up, image])\n'
                              'logits = layers.Activation("linear", dtype="float32", name="logits")(up)\n'
                              'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'skip added in other order': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                                      'padded = PadToMultiple(32, name="pad")(image)\n'
                                      'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                                      'x = layers.Conv2D(HEAD, 7, padding="same", activation="relu", '
                                      'kernel_initializer="he_normal", name="fc6")(pool5)\n'
                                      'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                      'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                      'kernel_initializer="he_normal", name="fc7")(x)\n'
                                      'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                      'score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)\n'
                                      'score = bilinear_upsampling(2, NUM_CLASSES, '
                                      'name="upscore2")(score_fr)\n'
                                      'skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                      'name="score_pool4")(pool4)\n'
                                      'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                                      'score = bilinear_upsampling(2, NUM_CLASSES, '
                                      'name="upscore_pool4")(score)\n'
                                      'skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                      'name="score_pool3")(pool3)\n'
                                      'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                                      'score = bilinear_upsampling(2, NUM_CLASSES, '
                                      'name="upscore_pool3")(score)\n'
                                      'skip2 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                      'name="score_pool2")(pool2)\n'
                                      'score = layers.Add(name="fuse_pool2")([skip2, score])\n'
                                      'up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, '
                                      'name="upscore4")(score)\n'
                                      'up = CropToReference(name="crop")([up, image])\n'
                                      'logits = layers.Activation("linear", dtype="float32", '
                                      'name="logits")(up)\n'
                                      'fcn4s = keras.Model(image, logits, name="fcn4s")',
         'score_pool2 no bias': 'image = keras.Input(shape=(None, None, 3), name="image")\n'
                                'padded = PadToMultiple(32, name="pad")(image)\n'
                                'pool2, pool3, pool4, pool5 = backbone_with_pool2()(padded)\n'
                                'x = layers.Conv2D(HEAD, 7, padding="same", activation="relu", '
                                'kernel_initializer="he_normal", name="fc6")(pool5)\n'
                                'x = layers.Dropout(0.5, name="drop6")(x)\n'
                                'x = layers.Conv2D(HEAD, 1, activation="relu", '
                                'kernel_initializer="he_normal", name="fc7")(x)\n'
                                'x = layers.Dropout(0.5, name="drop7")(x)\n'
                                'score_fr = layers.Conv2D(NUM_CLASSES, 1, name="score_fr")(x)\n'
                                'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore2")(score_fr)\n'
                                'skip4 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                'name="score_pool4")(pool4)\n'
                                'score = layers.Add(name="fuse_pool4")([score, skip4])\n'
                                'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool4")(score)\n'
                                'skip3 = layers.Conv2D(NUM_CLASSES, 1, kernel_initializer="zeros", '
                                'name="score_pool3")(pool3)\n'
                                'score = layers.Add(name="fuse_pool3")([score, skip3])\n'
                                'score = bilinear_upsampling(2, NUM_CLASSES, name="upscore_pool3")(score)\n'
                                'skip2 = layers.Conv2D(NUM_CLASSES, 1, use_bias=False, '
                                'kernel_initializer="zeros", name="score_pool2")(pool2)\n'
                                'score = layers.Add(name="fuse_pool2")([score, skip2])\n'
                                'up = bilinear_upsampling(4, NUM_CLASSES, trainable=False, '
                                'name="upscore4")(score)\n'
                                'up = CropToReference(name="crop")([up, image])\n'
                                'logits = layers.Activation("linear", dtype="float32", name="logits")(up)\n'
                                'fcn4s = keras.Model(image, logits, name="fcn4s")'}}




WRONG_ANSWERS = merged(WRONG_ANSWERS, BLIND2_WRONG_ANSWERS, "blind 2")
RIGHT_ANSWERS = merged(RIGHT_ANSWERS, BLIND2_RIGHT_ANSWERS, "blind 2")
