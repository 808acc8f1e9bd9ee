"""Tests for fcnlab.viz: pictures computed by hand on tiny examples, and figures that carry titles."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

from fcnlab import viz

matplotlib.use("Agg")  # no window, also where MPLBACKEND=Agg is not set (e.g. `make unit`)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _image(h=6, w=5, seed=0):
    return np.random.default_rng(seed).uniform(0, 1, (h, w, 3)).astype(np.float32)


# --------------------------------------------------------------------------------------------------
# overlay, palette
# --------------------------------------------------------------------------------------------------
def test_overlay_shape_dtype_range_and_unmasked_pixels_unchanged():
    image = _image()
    mask = np.zeros((6, 5), dtype=np.uint8)
    mask[2:4, 1:3] = 1
    out = viz.overlay(image, mask, alpha=0.5, colour=(1.0, 0.0, 0.0))
    assert out.shape == image.shape
    assert out.dtype == np.float32
    assert out.min() >= 0 and out.max() <= 1
    np.testing.assert_array_equal(out[mask == 0], image[mask == 0])
    np.testing.assert_allclose(out[mask == 1], 0.5 * image[mask == 1] + 0.5 * np.array([1, 0, 0]), atol=1e-6)


def test_overlay_alpha_zero_is_the_image_and_uint8_is_scaled():
    image = (_image() * 255).astype(np.uint8)
    mask = np.ones((6, 5), dtype=np.int64)
    np.testing.assert_allclose(viz.overlay(image, mask, alpha=0.0), image / 255.0, atol=1e-6)


def test_overlay_multiclass_uses_the_palette():
    image = np.zeros((2, 3, 3), dtype=np.float32)
    mask = np.array([[0, 1, 2], [3, 4, 5]])
    out = viz.overlay(image, mask, alpha=1.0, classes=6)
    np.testing.assert_allclose(out, viz.class_palette(6)[mask], atol=1e-6)
    names = ("a", "b", "c", "d", "e", "f")
    np.testing.assert_array_equal(viz.overlay(image, mask, classes=names), viz.overlay(image, mask, classes=6))


@pytest.mark.parametrize("num_classes", [2, 3, 6, 9, 25])
def test_class_palette_is_fixed_and_valid(num_classes):
    palette = viz.class_palette(num_classes)
    assert palette.shape == (num_classes, 3)
    assert palette.min() >= 0 and palette.max() <= 1
    np.testing.assert_array_equal(palette, viz.class_palette(num_classes))
    assert len({tuple(np.round(c, 3)) for c in palette}) == num_classes  # distinct colours


# --------------------------------------------------------------------------------------------------
# error map, confidence, entropy
# --------------------------------------------------------------------------------------------------
def test_error_map_colours_each_case():
    #  y_true 1 0 1 0     y_pred 1 1 0 0     -> TP FP FN TN
    y_true = np.array([[1, 0, 1, 0]])
    y_pred = np.array([[1, 1, 0, 0]])
    colours = viz.error_map(y_true, y_pred)
    assert colours.shape == (1, 4, 3) and colours.dtype == np.float32
    for k, case in enumerate(("TP", "FP", "FN", "TN")):
        np.testing.assert_allclose(colours[0, k], viz.ERROR_COLOURS[case], atol=1e-6)
    amber, red, blue = colours[0, 0], colours[0, 1], colours[0, 2]  # road found: the road's colour
    np.testing.assert_allclose(amber, viz.ROAD_COLOUR, atol=1e-6)
    assert red.argmax() == 0 and blue.argmax() == 2
    assert colours[0, 3].max() < 0.3  # dark grey
    batch = viz.error_map(y_true[None].repeat(2, 0), y_pred[None].repeat(2, 0))
    assert batch.shape == (2, 1, 4, 3)


def test_entropy_uniform_two_classes_is_one_bit_and_one_hot_is_zero():
    probabilities = np.array([[[0.5, 0.5], [1.0, 0.0], [0.0, 1.0]]])
    entropy = viz.entropy_map(probabilities)
    assert entropy.shape == (1, 3)
    np.testing.assert_allclose(entropy, [[1.0, 0.0, 0.0]], atol=1e-6)
    np.testing.assert_allclose(viz.entropy_map(np.full((2, 2, 4), 0.25)), 2.0, atol=1e-6)


def test_confidence_is_max_probability_in_range():
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(4, 4, 3))
    probabilities = np.exp(logits) / np.exp(logits).sum(-1, keepdims=True)
    confidence = viz.confidence_map(probabilities)
    assert confidence.shape == (4, 4)
    assert (confidence >= 1 / 3 - 1e-6).all() and (confidence <= 1).all()
    np.testing.assert_allclose(confidence, probabilities.max(-1), atol=1e-6)


# --------------------------------------------------------------------------------------------------
# figures
# --------------------------------------------------------------------------------------------------
def test_show_samples_grid_and_titles():
    images = np.stack([_image(seed=s) for s in range(3)])
    masks = (images[..., 0] > 0.5).astype(np.uint8)
    fig = viz.show_samples(images, masks, n=2, suptitle="Samples")
    assert fig.get_suptitle() == "Samples"
    assert len(fig.axes) == 3 * 2
    assert all(ax.get_title() for ax in fig.axes)
    fig = viz.show_samples(images, masks, predictions=1 - masks, n=5, titles=["a", "b", "c"])
    assert len(fig.axes) == 4 * 3
    assert fig.axes[0].get_title().startswith("a")
    fig = viz.show_samples(images[:1], masks[:1], n=1, suptitle="One")
    assert len(fig.axes) == 3 and fig.get_size_inches()[0] > fig.get_size_inches()[1]  # one row


def test_show_samples_with_class_names_adds_a_legend():
    images = np.zeros((1, 4, 4, 3), dtype=np.float32)
    masks = np.arange(16).reshape(1, 4, 4) % 3
    fig = viz.show_samples(images, masks, classes=("x", "y", "z"), suptitle="Three classes")
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["x", "y", "z"]


def test_show_error_map_title_and_ax():
    image, y_true = _image(), np.eye(6, 5, dtype=int)
    fig = viz.show_error_map(image, y_true, 1 - y_true, title="errors")
    assert fig.axes[0].get_title() == "errors"
    fig2, axes = plt.subplots(1, 2)
    assert viz.show_error_map(image, y_true, y_true, ax=axes[1]) is fig2
    assert axes[1].get_title()


def test_plot_history_draws_train_and_val_lines():
    history = {"loss": [1.0, 0.7, 0.5], "val_loss": [1.1, 0.9, 0.8], "mean_iou": [0.3, 0.5, 0.6]}
    fig = viz.plot_history(history, metrics=("loss", "mean_iou"), title="Curves")
    assert fig.get_suptitle() == "Curves"
    loss_ax, iou_ax = fig.axes
    assert len(loss_ax.get_lines()) == 2 and len(iou_ax.get_lines()) == 1
    assert loss_ax.get_title() == "loss"
    np.testing.assert_array_equal(loss_ax.get_lines()[0].get_xdata(), [1, 2, 3])


# --------------------------------------------------------------------------------------------------
# wrong inputs: one table of (call, exception, the argument the message names)
# --------------------------------------------------------------------------------------------------
IMAGE, MASK = _image(), np.eye(6, 5, dtype=np.int64)
IMAGES, MASKS = np.stack([IMAGE] * 3), np.stack([MASK] * 3)
LOGITS = np.array([[2.0, -1.0]])

ERRORS = [
    pytest.param(lambda: viz.overlay(IMAGE, MASK[:5]), ValueError, "mask",
                 id="mask-size"),
    pytest.param(lambda: viz.overlay(IMAGE, MASK.astype(float)), ValueError,
                 "mask", id="float-mask"),
    pytest.param(lambda: viz.overlay(IMAGE, np.eye(2, dtype=int)[MASK]), ValueError,
                 "mask", id="one-hot-mask"),
    pytest.param(lambda: viz.overlay(IMAGE * 255, MASK), ValueError,
                 "image", id="0-255-floats"),
    pytest.param(lambda: viz.overlay((IMAGE * 1000).astype(np.uint16), MASK), ValueError,
                 "image", id="uint16-image"),
    pytest.param(lambda: viz.overlay(IMAGES, MASK), ValueError,
                 "image", id="batch-as-image"),
    pytest.param(lambda: viz.overlay(IMAGE, MASK, alpha=1.5), ValueError, "alpha",
                 id="alpha"),
    pytest.param(lambda: viz.overlay(IMAGE, MASK, classes=1), ValueError, "classes",
                 id="one-class"),
    pytest.param(lambda: viz.overlay(IMAGE, MASK, classes="road"), ValueError,
                 "classes", id="classes-string"),
    pytest.param(lambda: viz.colour_mask(MASK * 3, 3), ValueError, "mask",
                 id="label-too-big"),
    pytest.param(lambda: viz.class_palette(1), ValueError, "num_classes", id="palette"),
    pytest.param(lambda: viz.error_map(MASK, MASK[:, :3]), ValueError,
                 "y_pred", id="error-map-shapes"),
    pytest.param(lambda: viz.confidence_map(LOGITS), ValueError,
                 "probabilities", id="logits"),
    pytest.param(lambda: viz.entropy_map(np.array([[0.2, 0.2]])), ValueError, "logits? apply softmax first",
                 id="not-summing-to-1"),
    pytest.param(lambda: viz.entropy_map(np.array([[0.5, np.nan]])), ValueError, "probabilities",
                 id="nan"),
    pytest.param(lambda: viz.show_samples(IMAGES, MASKS[..., :4]), ValueError,
                 "masks", id="samples-shapes"),
    pytest.param(lambda: viz.show_samples(IMAGES, MASKS, predictions=MASKS.astype(np.float32)), ValueError,
                 "predictions", id="float-predictions"),
    pytest.param(lambda: viz.show_samples(IMAGES, MASKS, n=2, titles=["a"]), ValueError,
                 "titles", id="titles"),
    pytest.param(lambda: viz.plot_history({"loss": [1.0]}, metrics=("accuracy",)), ValueError,
                 "history_dict", id="history-key"),
]


@pytest.mark.parametrize(("call", "error", "named"), ERRORS)
def test_wrong_inputs_raise_errors_that_name_the_argument(call, error, named):
    with pytest.raises(error) as info:
        call()
    assert named in str(info.value)


def test_live_prediction_shows_the_prediction_every_few_epochs(capsys):
    """With every=2 epoch 1 is skipped and epoch 2 shows a figure (outside a notebook, display prints it)."""
    import keras

    image = np.zeros((8, 8, 3), np.float32)
    model = keras.Sequential([keras.Input((None, None, 3)), keras.layers.Conv2D(2, 1)])
    live = viz.LivePrediction(image, np.zeros((8, 8), np.int64), every=2, title="t")
    live.set_model(model)
    live.on_epoch_end(0)
    assert capsys.readouterr().out == ""
    live.on_epoch_end(1, {"val_miou": 0.5})
    assert capsys.readouterr().out.startswith("Figure")


def test_live_prediction_names_a_wrong_argument():
    with pytest.raises(ValueError, match="every"):
        viz.LivePrediction(np.zeros((8, 8, 3)), np.zeros((8, 8), np.int64), every=0)


# --------------------------------------------------------------------------------------------------
# the FCN diagram
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("variant", ["fcn32s", "fcn16s", "fcn8s"])
def test_the_diagram_draws_the_layers_and_strides_of_build_fcn(variant):
    """Every box of the diagram names a layer of fcnlab.models.build_fcn, at the stride the model has there."""
    from fcnlab.models import build_fcn

    size = 64
    model = build_fcn(variant, weights=None, width=0.0625, head_channels=8, input_shape=(size, size, 3))
    names = {layer.name for layer in model.layers}
    backbone = model.get_layer("backbone")
    steps = [(backbone, layer, stride) for layer, stride in viz.FCN_TRUNK] + [
        (model, layer, stride) for layer, _, stride in viz.FCN_DECODERS[variant]]
    for net, layer, stride in steps:
        assert layer in {n.name for n in net.layers}, f"{variant}: the diagram's {layer} is not in build_fcn"
        height = net.get_layer(layer).output.shape[1]
        assert height == size // stride, f"{variant}: {layer} is at 1/{size // height}, the diagram says 1/{stride}"
    skips = {layer.removeprefix("fuse_") for layer, _, _ in viz.FCN_DECODERS[variant] if layer.startswith("fuse_")}
    assert skips == {n.removeprefix("score_") for n in names if n.startswith("score_pool")}, "the skips drawn"


def test_the_diagram_has_a_row_per_variant_and_says_what_it_shows():
    fig = viz.fcn_diagram(("fcn32s", "fcn8s"))
    assert [ax.get_title(loc="left").split(":")[0] for ax in fig.axes] == ["FCN-32s", "FCN-8s"]
    alt = viz.alt_text(fig)
    assert "FCN-32s upsamples these scores 32 times" in alt and "score_pool3" in alt and "FCN-16s" not in alt
    with pytest.raises(ValueError, match="variants"):
        viz.fcn_diagram(("fcn4s",))


def test_show_displays_the_figure_with_its_text_alternative_and_refuses_none(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kwargs: shown.append((obj, kwargs)))
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    alt = "A straight line rising from the lower left corner to the upper right corner."
    viz.show(fig, alt)
    # the text alternative, and the smallest text in image pixels (the tick labels: 12 pt at 100 dpi)
    assert shown == [(fig, {"metadata": {"image/png": {"alt": alt, "text_px": 16.7}}})]
    for missing in (None, "A line.", viz.NO_ALT):
        with pytest.raises(ValueError, match="alt"):
            viz.show(plt.figure(), missing)
    assert len(shown) == 1


def test_importing_viz_sets_type_a_slide_can_show():
    """12 pt at 100 dpi is 16.7 px in the image, 18 px on a 1280×800 projector (tests/test_slides.py)."""
    sizes = {key: matplotlib.rcParams[key] for key in viz.STYLE}
    assert sizes == viz.STYLE
    fig, ax = plt.subplots(figsize=(4, 3), dpi=100)
    ax.plot([0, 1], [0, 1])
    ax.set_title("a line")
    assert viz.smallest_text(fig) == pytest.approx(12 * 100 / 72, abs=0.1)  # the tick labels
    plt.close(fig)


def test_smallest_text_finds_the_smallest_drawn_text_and_skips_hidden_text():
    fig, ax = plt.subplots(figsize=(4, 3), dpi=100)
    ax.set_title("big", fontsize=20)
    ax.set_xticks([]), ax.set_yticks([])
    assert viz.smallest_text(fig) == pytest.approx(20 * 100 / 72, abs=0.1)
    ax.text(0.5, 0.5, "hidden", fontsize=6, visible=False)
    ax.text(0.5, 0.5, "   ", fontsize=5)  # blank: nothing to read
    assert viz.smallest_text(fig) == pytest.approx(20 * 100 / 72, abs=0.1)
    ax.text(0.5, 0.4, "a small label", fontsize=8)
    assert viz.smallest_text(fig) == pytest.approx(8 * 100 / 72, abs=0.1)
    meta = viz.figure_metadata("a small label on an empty axes", fig)["image/png"]
    assert meta == {"alt": "a small label on an empty axes", "text_px": pytest.approx(11.1, abs=0.1)}
    assert "text_px" not in viz.figure_metadata("a figure that was not given")["image/png"]
    plt.close(fig)


def test_smallest_text_leaves_out_the_ticks_of_an_axes_drawn_without_axes():
    fig, (shown, hidden) = plt.subplots(1, 2, figsize=(6, 3), dpi=100)
    for ax in (shown, hidden):
        ax.set_title("a title", fontsize=16)
        ax.tick_params(labelsize=10)
    hidden.set_axis_off()
    assert viz.smallest_text(fig) == pytest.approx(10 * 100 / 72, abs=0.1)  # the shown axes' ticks
    shown.xaxis.set_visible(False), shown.yaxis.set_visible(False)
    assert viz.smallest_text(fig) == pytest.approx(16 * 100 / 72, abs=0.1)  # only the titles are drawn
    plt.close(fig)


def test_fcn_diagram_has_parts_that_fit_a_slide():
    """A slide shows a figure up to 9 in wide at its own size: each part is narrower, its text 12 pt or more."""
    whole = viz.fcn_diagram()
    encoder = viz.fcn_diagram(part="encoder", fontsize=14)
    decoders = viz.fcn_diagram(("fcn16s", "fcn8s"), part="decoders", fontsize=14)
    assert whole.get_size_inches()[0] == pytest.approx(13)
    for fig, rows in ((encoder, 1), (decoders, 2)):
        assert fig.get_size_inches()[0] <= 9 and len(fig.axes) == rows
        assert viz.smallest_text(fig) >= 12 * fig.dpi / 72
    assert "shared" not in viz.alt_text(decoders) and "score_fr on" in viz.alt_text(decoders)
    assert "pool4 and pool3" in viz.alt_text(encoder) and "upsamples" not in viz.alt_text(encoder)
    for fig in (whole, encoder, decoders):
        plt.close(fig)
    with pytest.raises(ValueError, match="part: expected one of whole, encoder, decoders"):
        viz.fcn_diagram(part="middle")


def test_learning_curves_name_the_metrics_and_count_whole_epochs():
    history = {"loss": [0.6, 0.4, 0.3], "val_loss": [0.5, 0.45, 0.4], "miou": [0.5, 0.6, 0.7]}
    fig = viz.plot_history(history, ("loss", "miou"))
    assert [ax.get_title() for ax in fig.axes] == ["loss", "mean IoU"]
    fig.canvas.draw()
    ticks = [t for ax in fig.axes for t in ax.get_xticks() if 1 <= t <= 3]
    assert ticks and all(float(t).is_integer() for t in ticks), ticks  # no epoch 1.5
    assert fig.get_size_inches()[0] <= 9  # a slide's width
    plt.close(fig)
