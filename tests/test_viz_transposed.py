"""fcnlab.viz.transposed_conv_steps: the transposed convolution drawn step by step (lesson 1, section 4).

Its panels are checked against what they claim: each step panel holds x[i, j] · K at offset (i · stride, j · stride)
and nothing else, and the sum panel is what keras.layers.Conv2DTranspose computes and what the lesson's own
``trans_conv`` computes (its code is read from the notebook, so the figure and the lesson cannot drift apart).
"""

from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pytest

from fcnlab import viz

matplotlib.use("Agg")  # no window, also where MPLBACKEND=Agg is not set (e.g. `make unit`)

LESSON = Path(__file__).resolve().parents[1] / "notebooks" / "01_segmentation_concepts.ipynb"
X = np.array([[0.0, 1.0], [2.0, 3.0]])  # d2l's example, the one lesson 1 draws
K = np.array([[0.0, 1.0], [2.0, 3.0]])


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _panels(fig):
    """The panels that show a grid of numbers (the narrow axes between them only hold a "+" or "=")."""
    return [ax for ax in fig.axes if ax.images]


def _values(ax) -> np.ndarray:
    """What a panel shows: its grid, NaN where it leaves a cell blank."""
    return np.ma.filled(np.ma.masked_invalid(ax.images[0].get_array()).astype(np.float64), np.nan)


def _keras(x, kernel, stride):
    import keras

    layer = keras.layers.Conv2DTranspose(1, kernel.shape, strides=stride, use_bias=False)
    layer.build((1, *x.shape, 1))
    layer.set_weights([kernel[:, :, None, None]])
    return np.asarray(layer(x[None, :, :, None].astype("float32")))[0, :, :, 0]


def _lesson_trans_conv():
    """The lesson's inline ``trans_conv``, as the notebook defines it."""
    (source,) = [c.source for c in nbformat.read(LESSON, as_version=4).cells
                 if c.cell_type == "code" and c.source.startswith("def trans_conv(")]
    namespace = {"np": np}
    exec(source, namespace)  # the lesson's own definition, nothing else of the notebook
    return namespace["trans_conv"]


@pytest.mark.parametrize("stride", [1, 2])
def test_the_sum_panel_is_conv2d_transpose_and_the_lessons_trans_conv(stride):
    fig = viz.transposed_conv_steps(X, K, stride=stride)
    total = _values(_panels(fig)[-1])
    assert total.shape == ((2 - 1) * stride + 2,) * 2
    np.testing.assert_allclose(total, _keras(X, K, stride), atol=1e-6)
    np.testing.assert_allclose(total, _lesson_trans_conv()(X, K, stride=stride))


@pytest.mark.parametrize("stride", [1, 2, 3])
def test_each_step_panel_is_one_value_times_the_kernel_at_its_stride_offset(stride):
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    kernel = np.array([[1.0, 2.0, 0.0], [-1.0, 0.25, 4.0]])
    panels = _panels(viz.transposed_conv_steps(x, kernel, stride))
    assert len(panels) == x.size + 1, "one panel per input value, and the sum"
    for ax, (i, j) in zip(panels[:-1], np.ndindex(x.shape), strict=True):
        expected = np.full(((2 - 1) * stride + 2, (2 - 1) * stride + 3), np.nan)
        expected[i * stride:i * stride + 2, j * stride:j * stride + 3] = x[i, j] * kernel
        np.testing.assert_array_equal(_values(ax), expected, err_msg=f"the panel of x[{i}, {j}]")
        assert f"({i * stride}, {j * stride})" in ax.get_title(), "the title says where the copy goes"
    total, by_keras = _values(panels[-1]), _keras(x, kernel, stride)
    # a kernel narrower than the stride: Keras ends the output with s - k rows (columns) of zeros
    np.testing.assert_allclose(by_keras[:total.shape[0], :total.shape[1]], total, atol=1e-5)
    assert by_keras.shape == (max(2 * stride, 2 + stride), max(2 * stride, 3 + stride))
    assert not by_keras[total.shape[0]:].any() and not by_keras[:, total.shape[1]:].any()


def test_every_panel_is_titled_with_readable_numbers_and_the_figure_says_what_it_shows():
    fig = viz.transposed_conv_steps(X, K, stride=1)
    panels = _panels(fig)
    titles = [ax.get_title() for ax in panels]
    assert all(t.strip() for t in titles) and len(set(titles)) == len(titles), titles
    assert titles[-1].startswith("sum") and fig.get_suptitle().strip()
    numbers = [t for ax in panels for t in ax.texts]
    assert [t.get_text() for t in numbers[-9:]] == ["0", "0", "1", "0", "4", "6", "4", "12", "9"]
    assert min(t.get_fontsize() for t in numbers) >= 12
    assert viz.smallest_text(fig) >= 12 * fig.dpi / 72, "no text under 12 pt"
    assert fig.get_size_inches()[0] <= 9, "drawn for a slide: at most 9 inches wide"
    alt = viz.alt_text(fig)
    assert alt and viz.check_alt(alt, fig) == alt
    assert "[[0, 0, 1], [0, 4, 6], [4, 12, 9]]" in alt and "3 × K at (1, 1)" in alt


@pytest.mark.parametrize("stride", [1, 2])
def test_every_number_fits_its_cell_also_with_decimals(stride):
    """The bilinear kernel of lesson 1 (0.0625 ... 0.5625): fewer panels a row, each number inside its cell."""
    from fcnlab.models import bilinear_kernel

    fig = viz.transposed_conv_steps(X, bilinear_kernel(2, 1)[:, :, 0, 0], stride)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for ax in _panels(fig):
        cell = ax.get_window_extent().width / ax.images[0].get_array().shape[1]
        widths = [t.get_window_extent(renderer).width for t in ax.texts]
        assert widths and max(widths) < cell, (ax.get_title(), max(widths), cell)
    assert fig.get_size_inches()[0] <= 9


def test_the_numbers_contrast_with_their_cells():
    """Black or white on a colour-blind-safe map (cividis), whichever contrasts more: >= 4.5:1 (WCAG AA)."""
    fig = viz.transposed_conv_steps(np.arange(4.0).reshape(2, 2) - 1, np.linspace(-3, 5, 9).reshape(3, 3))
    for ax in _panels(fig):
        image = ax.images[0]
        assert image.get_cmap().name.startswith("cividis")
        for text in ax.texts:
            col, row = (round(c) for c in text.get_position())
            cell = image.get_cmap()(image.norm(image.get_array()[row, col]))
            lum = sorted([viz._luminance(cell), viz._luminance(matplotlib.colors.to_rgb(text.get_color()))])
            assert (lum[1] + 0.05) / (lum[0] + 0.05) >= 4.5, (text.get_text(), cell, text.get_color())


@pytest.mark.parametrize("call, named", [
    (lambda: viz.transposed_conv_steps(np.arange(4.0), K), "x"),                      # 1-D
    (lambda: viz.transposed_conv_steps(np.ones((1, 2, 2)), K), "x"),                  # 3-D
    (lambda: viz.transposed_conv_steps(np.zeros((0, 2)), K), "x"),                    # empty
    (lambda: viz.transposed_conv_steps([["a", "b"]], K), "x"),                        # not numbers
    (lambda: viz.transposed_conv_steps(X, [[1.0, np.nan]]), "kernel"),                # NaN
    (lambda: viz.transposed_conv_steps(X, 3.0), "kernel"),                            # a scalar
    (lambda: viz.transposed_conv_steps(X, K, stride=0), "stride"),
    (lambda: viz.transposed_conv_steps(X, K, stride=1.5), "stride"),
    (lambda: viz.transposed_conv_steps(X, K, stride=True), "stride"),
    (lambda: viz.transposed_conv_steps(np.ones((4, 4)), K), "x"),                     # 16 panels
    (lambda: viz.transposed_conv_steps(X, np.ones((2, 2)), stride=8), "output"),      # 10 x 10 cells
    (lambda: viz.transposed_conv_steps(X, K, fontsize=10), "fontsize"),
    (lambda: viz.transposed_conv_steps([[1.0]], np.full((8, 8), 123456789.5)), "do not fit"),  # too wide
])
def test_bad_input_is_refused_with_an_error_that_names_it(call, named):
    with pytest.raises(ValueError, match=named):
        call()
