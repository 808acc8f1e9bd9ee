"""fcnlab.viz.plot_skip_gains: lesson 5's comparison of each skip model with its control, as a bar chart."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgb
from matplotlib.patches import Rectangle

from fcnlab import viz

matplotlib.use("Agg")  # no window, also where MPLBACKEND=Agg is not set (e.g. `make unit`)

REPORTS = {  # the shape of metrics.segmentation_report, with the numbers of one run
    "fcn32s": {"mean_iou": 0.880, "boundary_iou": 0.173, "pixel_accuracy": 0.957},
    "fcn16s": {"mean_iou": 0.904, "boundary_iou": 0.202, "pixel_accuracy": 0.966},
    "fcn8s": {"mean_iou": 0.916, "boundary_iou": 0.252, "pixel_accuracy": 0.971},
    "fcn32s_as_16s": {"mean_iou": 0.885, "boundary_iou": 0.168, "pixel_accuracy": 0.959},
    "fcn32s_as_8s": {"mean_iou": 0.896, "boundary_iou": 0.186, "pixel_accuracy": 0.963},
    "baseline": {"mean_iou": 0.434, "boundary_iou": 0.055, "pixel_accuracy": 0.751},
}
EPOCHS = {"fcn32s": 16, "fcn16s": 20, "fcn8s": 24, "fcn32s_as_16s": 20, "fcn32s_as_8s": 24, "baseline": "-"}
PAIRS = (("fcn16s", "fcn32s_as_16s"), ("fcn8s", "fcn32s_as_8s"))
METRICS = ("mean_iou", "boundary_iou")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _bars(ax):
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def _texts(ax):
    return [t.get_text() for t in ax.texts]


@pytest.fixture
def fig():
    return viz.plot_skip_gains(REPORTS, epochs=EPOCHS)


def test_one_panel_per_metric_and_the_bars_are_the_numbers_control_then_model(fig):
    axes = fig.get_axes()
    assert len(axes) == len(METRICS)
    for ax, key in zip(axes, METRICS, strict=True):
        bars = sorted(_bars(ax), key=lambda b: b.get_x())
        expected = [REPORTS[name][key] for pair in PAIRS for name in reversed(pair)]  # control, then model
        np.testing.assert_allclose([b.get_height() for b in bars], expected)
        assert all(b.get_y() == 0 for b in bars), "bars start at zero"
        for value in expected:  # every bar says its value
            assert f"{value:.3f}" in _texts(ax)


def test_the_skips_gain_is_written_large_above_each_pair(fig):
    for ax, key in zip(fig.get_axes(), METRICS, strict=True):
        large = {t.get_text(): t for t in ax.texts if t.get_fontsize() >= 18}
        gains = [f"{REPORTS[model][key] - REPORTS[control][key]:+.3f}" for model, control in PAIRS]
        assert sorted(large) == sorted(gains), (key, sorted(large))
        for (model, control), gain in zip(PAIRS, gains, strict=True):
            _, y = large[gain].get_position()
            assert y > max(REPORTS[model][key], REPORTS[control][key]), "above its pair"


def test_the_reference_is_a_dashed_line_at_fcn32s(fig):
    for ax, key in zip(fig.get_axes(), METRICS, strict=True):
        (line,) = [ln for ln in ax.get_lines() if ln.get_linestyle() == "--"]
        np.testing.assert_allclose(line.get_ydata(), REPORTS["fcn32s"][key])
    assert viz.plot_skip_gains(REPORTS, reference=None).get_axes()[0].get_lines() == []


def test_title_epochs_and_a_text_alternative_that_states_the_numbers(fig):
    assert fig.get_suptitle() == "What the skips add beyond training longer"
    for ax in fig.get_axes():
        assert ax.get_title()
        labels = [t.get_text() for t in ax.get_xticklabels()]
        assert labels == ["FCN-16s\n20 epochs", "FCN-8s\n24 epochs"]
    alt = viz.alt_text(fig)
    assert alt and viz.check_alt(alt, fig)
    for key in METRICS:
        for name in ("fcn32s", *(n for pair in PAIRS for n in pair)):
            assert f"{REPORTS[name][key]:.3f}" in alt, (name, key)
        for model, control in PAIRS:
            assert f"{REPORTS[model][key] - REPORTS[control][key]:+.3f}" in alt
    assert "Mean IoU: FCN-16s 0.904 against its control's 0.885 (skip +0.019)" in alt


def test_colours_come_from_the_palettes_with_hatching_as_a_second_cue(fig):
    palette = {tuple(np.round(c, 3)) for colours in viz.PALETTES.values() for c in colours.values()}
    for ax in fig.get_axes():
        bars = sorted(_bars(ax), key=lambda b: b.get_x())
        colours = [tuple(np.round(to_rgb(b.get_facecolor()), 3)) for b in bars]
        assert set(colours) <= palette, colours
        control, model = colours[0], colours[1]
        assert control != model and colours[2:] == [control, model]
        hatches = [b.get_hatch() for b in bars]
        assert hatches[0] and not hatches[1], "the control is hatched, the model is not"
    assert viz.smallest_text(fig) >= 12 * fig.dpi / 72 - 0.1, "no text under 12 pt"


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"reports": {k: v for k, v in REPORTS.items() if k != "fcn32s_as_8s"}}, "no model 'fcn32s_as_8s'"),
    ({"pairs": (("fcn16s", "fcn32s_as_16s", "fcn32s"),)}, "pairs"),
    ({"pairs": ()}, "pairs"),
    ({"metrics": ("mean_iou", "dice")}, "'dice'"),
    ({"reports": {**REPORTS, "fcn8s": {"mean_iou": float("nan"), "boundary_iou": 0.2}}}, "finite"),
    ({"epochs": {"fcn16s": 20}}, "epochs"),
    ({"reports": [0.9, 0.8]}, "reports"),
])
def test_mismatched_inputs_are_refused_with_a_clear_error(kwargs, message):
    args = {"reports": REPORTS, **kwargs}
    with pytest.raises(ValueError, match=message):
        viz.plot_skip_gains(args.pop("reports"), **args)


def test_pairs_and_metrics_can_be_chosen():
    fig = viz.plot_skip_gains(REPORTS, pairs=[("fcn8s", "fcn32s_as_8s")], metrics="boundary_iou")
    (ax,) = fig.get_axes()
    np.testing.assert_allclose(sorted(b.get_height() for b in _bars(ax)), [0.186, 0.252])
