"""The checks of lesson 1's exercises (notebooks/01_segmentation_concepts.ipynb).

Each ``check_*`` function measures or recomputes the truth itself, on inputs it makes, and raises an
``AssertionError`` whose hint names the mistake it recognises (without stating a predicted number).
"""

from __future__ import annotations

import sys

import numpy as np

__all__ = ["measure_fc6", "check_fc6", "check_trans_conv_size", "check_resize", "check_checkerboard"]


def measure_fc6(size: int = 448) -> tuple[int, int]:
    """(receptive field, stride) of one fc6 unit, measured: VGG16's layer sizes plus fc6, all weights 1.

    No ReLU and average pools (the same receptive field as max pools): an input pixel can change a unit
    iff the unit's gradient with respect to that pixel is not 0.
    """
    import keras
    import tensorflow as tf

    probe = keras.Sequential([keras.Input((size, size, 1))])
    for n_convs in (2, 2, 3, 3, 3):  # VGG16's five blocks
        for _ in range(n_convs):
            probe.add(keras.layers.Conv2D(1, 3, padding="same", kernel_initializer="ones"))
        probe.add(keras.layers.AveragePooling2D(2))
    probe.add(keras.layers.Conv2D(1, 7, padding="same", kernel_initializer="ones"))  # fc6
    image = tf.zeros((1, size, size, 1))

    def rows_seen(unit):
        with tf.GradientTape() as tape:
            tape.watch(image)
            value = probe(image)[0, unit, unit, 0]
        gradient = tape.gradient(value, image).numpy()[0, :, :, 0]
        rows = np.flatnonzero(np.abs(gradient).sum(axis=1) > 0)
        return rows[0], rows[-1]

    (first, last), (next_first, _) = rows_seen(7), rows_seen(8)
    return int(last - first + 1), int(next_first - first)


def check_fc6(rf_fc6, stride_fc6, pool5=(212, 32)) -> tuple[int, int]:
    """Compare the predicted (rf_fc6, stride_fc6) with the measured ones; return the measured pair."""
    rf, stride = measure_fc6()
    r5, j5 = pool5
    assert stride_fc6 != 1, "hint: a stride-1 layer keeps the jump it gets (in input pixels)"
    assert stride_fc6 != j5 * 7, "hint: the jump multiplies by the layer's stride, not its kernel size"
    assert stride_fc6 == stride, "hint: the stride of fc6, in input pixels: j_out = j_in * s"
    known = {r5: "pool5's own field: fc6 adds its 7x7 kernel on top",
             r5 + 6: "the kernel steps over pool5 units, which lie j_in pixels apart",
             r5 + 7 * j5: "a k-wide kernel adds k - 1 steps, not k",
             7 * j5: "start from pool5's field, then add fc6's kernel",
             224 + 6 * j5: "start from pool5's field, not from the 224-pixel image"}
    assert rf_fc6 == rf, f"hint: {known.get(rf_fc6, 'r_out = r_in + (k - 1) * j_in')}"
    return rf, stride


def _scatter_length(n: int, k: int, s: int) -> int:
    """Length of a 1-D transposed convolution's output, measured: copies of a k-long kernel, s apart."""
    covered = np.zeros(n * s + k)
    for i in range(n):
        covered[i * s:i * s + k] += 1
    return int(np.flatnonzero(covered)[-1] + 1)


# (n, k, s, p): kernels larger, equal and smaller than the stride; p not tied to k and s; one input pixel
_CASES = [(2, 2, 1, 0), (3, 3, 2, 0), (7, 4, 2, 1), (7, 64, 32, 16), (4, 2, 3, 0), (5, 1, 4, 0),
          (6, 3, 3, 1), (1, 5, 2, 0), (9, 7, 2, 3), (3, 2, 5, 0)]


# Known wrong formulas of exercise 2, each with the hint that names its mistake
_SIZE_MISTAKES = [
    (lambda n, k, s, p: n * s + k - 2 * p, "one step too many: n copies are n - 1 steps apart"),
    (lambda n, k, s, p: n * s - 2 * p, "n * s leaves the kernel size out: the last copy is k pixels "
                                       "long, whatever the stride"),
    (lambda n, k, s, p: n * s, "n * s leaves the kernel size and the cut p out"),
    (lambda n, k, s, p: (n - 1) * s + k - 1 - 2 * p, "one pixel short: count every pixel the last "
                                                     "copy covers"),
    (lambda n, k, s, p: (n + 2 * p - k) // s + 1, "that is the convolution's formula; this one goes "
                                                  "the other way"),
    (lambda n, k, s, p: (n - 1) * s + k, "p pixels are cut from each end"),
    (lambda n, k, s, p: (n - 1) * s + k - p, "p pixels are cut from EACH end"),
    (lambda n, k, s, p: (n - 1) * s + k + 2 * p, "p pixels are cut, not added"),
    (lambda n, k, s, p: n * s + max(k - s, 0) - 2 * p, "for k < s Keras pads its output to n * s; count "
                                                       "only the pixels the copies cover (as trans_conv does)"),
    (lambda n, k, s, p: (n - 1) * k + s - 2 * p, "k and s swapped?"),
]


class _no_calls:
    """While open, records every call of ``function`` (by its code); on exit a call fails the check."""

    def __init__(self, function, hint):
        self.code, self.hint, self.called = getattr(function, "__code__", None), hint, False

    def _profile(self, frame, event, arg):
        if event == "call" and frame.f_code is self.code:
            self.called = True

    def __enter__(self):
        self.previous = sys.getprofile()
        sys.setprofile(self._profile)

    def __exit__(self, *exc):
        sys.setprofile(self.previous)
        if self.called:
            raise AssertionError(self.hint)
        return False


def check_trans_conv_size(trans_conv_size, trans_conv=None) -> None:
    """``trans_conv_size(n, k, s, p)`` against measured lengths, Keras, and an array of lengths n; a
    formula, so without running ``trans_conv``."""
    with _no_calls(trans_conv, "hint: write a formula, arithmetic on n, k, s and p, without running "
                               "trans_conv"):
        _check_sizes(trans_conv_size)


def _check_sizes(trans_conv_size) -> None:
    got = {case: trans_conv_size(*case) for case in _CASES}
    for mistake, hint in _SIZE_MISTAKES:  # a known formula, recognised on every case
        if all(got[c] == mistake(*c) for c in _CASES):
            raise AssertionError(f"hint: {hint}")
    for n, k, s, p in _CASES:
        truth = _scatter_length(n, k, s) - 2 * p
        assert got[n, k, s, p] == truth, (
            f"hint (n={n}, k={k}, s={s}, p={p}): compare with trans_conv on {n} pixels, k={k}, s={s}")
    lengths = np.arange(1, 9)
    try:
        sizes = np.asarray(trans_conv_size(lengths, 3, 2, 1))
    except Exception as err:  # a layer or a loop where arithmetic on n belongs
        raise AssertionError("hint: write a formula, arithmetic on n, k, s and p (the check also "
                             f"passes an array of lengths n, which raised {type(err).__name__})") from None
    assert sizes.shape == lengths.shape, "hint: arithmetic on n gives one size per length"
    assert (sizes == [_scatter_length(n, 3, 2) - 2 for n in lengths]).all(), "hint: n as an array"
    from fcnlab.models import bilinear_upsampling

    for f in (2, 3, 4, 8, 32):
        k = 2 * f - f % 2
        size = bilinear_upsampling(f, 1).compute_output_shape((1, 7, 7, 1))[1]
        assert trans_conv_size(7, k, f, (k - f) // 2) == size, "hint: fcnlab's bilinear layers"


def check_resize(coarse, nearest_up, bilinear_up, invented) -> None:
    """The two 8x upsamplings of ``coarse`` in full and the share of bilinear pixels that are no class."""
    import tensorflow as tf

    nearest_up, bilinear_up = np.asarray(nearest_up), np.asarray(bilinear_up)
    n = 8 * len(coarse)
    for name, array in (("nearest_up", nearest_up), ("bilinear_up", bilinear_up)):
        extra = ("; drop the channel axis" if array.shape == (n, n, 1) else
                 "; drop the batch axis" if array.shape[:1] == (1,) and array.size == n * n else "")
        assert array.shape == (n, n), f"hint: {name} has shape {array.shape}, not ({n}, {n}){extra}"
    assert np.issubdtype(nearest_up.dtype, np.integer), "hint: a label map holds integers"
    cell = np.arange(n) // 8  # output pixel -> coarse pixel
    assert (nearest_up == coarse[cell[:, None], cell[None, :]]).all(), (
        "hint: every coarse label should fill its own 8 x 8 block")
    reference = tf.image.resize(coarse[None, :, :, None].astype("float32"), (n, n))[0, :, :, 0]
    assert not np.isin(bilinear_up, [0, 1]).all(), "hint: bilinear_up holds bilinear floats"
    assert np.allclose(bilinear_up, reference), "hint: resize coarse with tf.image.resize"
    share = float(np.mean(~np.isin(bilinear_up, [0, 1])))
    known = {100 * share: "a fraction (0 to 1), not a percentage",
             share * bilinear_up.size: "a fraction of the pixels, not a count"}
    hint = next((h for v, h in known.items() if np.isclose(invented, v) and v != share),
                "the fraction of all pixels of bilinear_up that are neither 0 nor 1")
    assert np.isclose(invented, share), f"hint: {hint}"


def check_checkerboard(uneven, trans_conv, kernel_d) -> dict[str, bool]:
    """Exercise 4: the four predictions against the four runs of ``trans_conv`` on a 6x6 input of ones."""
    cases = {"A": np.ones((6, 6)), "B": np.ones((5, 5)), "C": np.ones((2, 2)), "D": np.asarray(kernel_d)}
    assert isinstance(uneven, dict) and sorted(uneven) == sorted(cases), (
        "hint: one True or False for each of A, B, C, D")
    assert all(isinstance(v, (bool, np.bool_)) for v in uneven.values()), "hint: use True or False"
    measured = {}
    for case, kernel in cases.items():
        k = kernel.shape[0]
        inside = trans_conv(np.ones((6, 6)), kernel, stride=3)[k:-k, k:-k]  # away from the border
        measured[case] = bool(np.ptp(inside) > 1e-6)
    wrong = sorted(case for case in cases if bool(uneven[case]) != measured[case])
    assert not wrong, (f"hint: {' and '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} off; add up the "
                       "kernel weights that land on each pixel")
    return measured
