"""Plotting helpers for images, masks, overlays, error maps, confidence and learning curves.

Conventions (the same as the rest of ``fcnlab``; inputs are checked by :mod:`fcnlab.checks`):

- an *image* is RGB ``(H, W, 3)``, float in [0, 1] or uint8 in 0..255;
- a *mask* (label map) is an integer array ``(H, W)`` holding one class index per pixel (``0`` = not road,
  ``1`` = road in the lesson data); one-hot labels ``(H, W, C)`` become masks with ``labels.argmax(-1)``;
- *probabilities* are softmax outputs ``(..., C)`` that sum to 1 over the last axis. A network that ends
  with logits (no softmax layer) needs ``softmax`` first (e.g. ``keras.ops.softmax(logits, axis=-1)``).

The functions that compute pictures (:func:`overlay`, :func:`colour_mask`, :func:`error_map`,
:func:`confidence_map`, :func:`entropy_map`, :func:`class_palette`) return numpy arrays and need no
matplotlib. The ``show_*`` / ``plot_*`` functions draw with matplotlib, give every axes or figure a title,
and return the :class:`~matplotlib.figure.Figure` without calling ``plt.show()`` (the caller does).
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence

import keras
import matplotlib
import numpy as np
from scipy.stats import entropy

from fcnlab import checks
from fcnlab.models import OUTPUT_STRIDES

__all__ = [
    "ERROR_COLOURS",
    "ERROR_HATCHES",
    "PALETTES",
    "ROAD_COLOUR",
    "SAFE_CLASSES",
    "STYLE",
    "show",
    "figure_metadata",
    "smallest_text",
    "describe_mask",
    "class_palette",
    "colour_mask",
    "overlay",
    "show_samples",
    "error_map",
    "show_error_map",
    "confidence_map",
    "entropy_map",
    "plot_history",
    "plot_skip_gains",
    "fcn_diagram",
    "transposed_conv_steps",
    "describe_fcns",
    "LivePrediction",
]

#: The colour of the road (the foreground of a binary task) in every lesson: amber. Red is kept for errors.
ROAD_COLOUR = (1.00, 0.70, 0.00)
#: Colours of the error map (RGB in [0, 1]), keyed by outcome, for a binary task with positive class 1.
#: Told apart by everyone: any two stay >= 30 apart (CIELAB ΔE76) under simulated deuteranopia, protanopia
#: and tritanopia, >= 45 for normal vision (tests/test_palettes.py); :func:`show_error_map` also hatches and
#: outlines the errors, a cue that survives greyscale.
ERROR_COLOURS = {
    "TP": ROAD_COLOUR,  # true positive: road predicted road (amber, the road's colour)
    "FP": (0.85, 0.15, 0.10),  # false positive: not road predicted road (red)
    "FN": (0.00, 0.45, 0.95),  # false negative: road predicted not road (blue)
    "TN": (0.20, 0.20, 0.20),  # true negative: not road predicted not road (dark grey)
}
#: The second cue of the errors, for readers who cannot tell the colours: matplotlib hatch patterns.
ERROR_HATCHES = {"FP": "////", "FN": "...."}
# The scene classes of fcnlab.scenes.SCENE_CLASSES, in that order: sky, building, vegetation, sidewalk, road,
# vehicle. The road has the same amber as in the binary task; the same distances as ERROR_COLOURS.
_SCENE_PALETTE = (
    (0.35, 0.70, 0.90),  # sky blue
    (0.70, 0.75, 0.60),  # building: pale stone
    (0.00, 0.40, 0.10),  # vegetation: dark green
    (0.65, 0.25, 0.45),  # sidewalk: plum
    ROAD_COLOUR,
    (0.00, 0.00, 0.25),  # vehicle: navy
)
# Two classes (background / foreground, e.g. not road / road): dark grey and amber.
_BINARY_PALETTE = (ERROR_COLOURS["TN"], ROAD_COLOUR)
#: Every fixed palette of the package, by name: ``{colour name: RGB}`` (tests/test_palettes.py checks each
#: one, and every :func:`class_palette` up to :data:`SAFE_CLASSES` classes, for colour-blind readers).
PALETTES = {
    "error map": ERROR_COLOURS,
    "binary classes": dict(zip(("not road", "road"), _BINARY_PALETTE, strict=True)),
    "scene classes": dict(zip(("sky", "building", "vegetation", "sidewalk", "road", "vehicle"),
                              _SCENE_PALETTE, strict=True)),
}
#: :func:`class_palette` keeps its colours apart for colour-blind readers up to this many classes.
SAFE_CLASSES = len(_SCENE_PALETTE)
#: The figures' type, set when this module is imported (matplotlib's default is 10 pt): readable on a slide.
#: A lesson's figure is shown at its own size up to 895 px wide (9 inches at the inline backend's 100 dpi),
#: where 12 pt is 16.7 px, and a projector of 1280×800 shows a slide 1.097 times larger: 18 px.
STYLE = {"font.size": 12, "axes.titlesize": 13, "axes.labelsize": 12, "xtick.labelsize": 12,
         "ytick.labelsize": 12, "legend.fontsize": 12, "legend.title_fontsize": 12, "figure.titlesize": 14}
matplotlib.rcParams.update(STYLE)
#: What nbconvert writes when a figure has no text alternative; :func:`show` refuses it.
NO_ALT = "No description has been provided for this image"


# --------------------------------------------------------------------------------------------------
# input checks
# --------------------------------------------------------------------------------------------------
def _as_image(image, name: str = "image") -> np.ndarray:
    """One RGB image ``(H, W, 3)`` as float32 in [0, 1] (uint8 is scaled by 1/255, float kept as is)."""
    return checks.images(image, name, batch=False)


def _as_mask(mask, name: str = "mask", *, ndim=(2,)) -> np.ndarray:
    """An integer (or bool) label map with ``ndim`` dimensions, as int64."""
    return checks.label_map(mask, name, ndim=ndim)


def _num_classes(classes) -> int | None:
    """``None`` (binary overlay), an int, or a sequence of class names → the number of classes."""
    if classes is None:
        return None
    if isinstance(classes, Sequence) and not isinstance(classes, str):
        if len(classes) < 2:
            raise ValueError(f"classes: expected at least 2 class names, got {list(classes)!r}")
        return len(classes)
    if isinstance(classes, (int, np.integer)) and not isinstance(classes, bool):
        return checks.integer(classes, "classes", least=2)
    raise ValueError(f"classes: expected None, a number of classes or a list of names, got {classes!r}")


def _check_probabilities(probabilities, name: str = "probabilities") -> np.ndarray:
    """Softmax outputs ``(..., C)``: in [0, 1] and summing to 1 over the last axis."""
    p = checks.class_scores(probabilities, name).astype(np.float64)
    sums = p.sum(axis=-1)
    if p.min() < 0 or p.max() > 1 or not np.allclose(sums, 1.0, atol=1e-3):
        raise ValueError(f"{name}: values must be probabilities in [0, 1] that sum to 1 over the last axis "
                         f"(found values in [{p.min():.3g}, {p.max():.3g}], sums in "
                         f"[{sums.min():.3g}, {sums.max():.3g}]); logits? apply softmax first")
    return p


# --------------------------------------------------------------------------------------------------
# colours and overlays (numpy only)
# --------------------------------------------------------------------------------------------------
def class_palette(num_classes: int) -> np.ndarray:
    """A fixed colour per class: float ``(num_classes, 3)`` RGB in [0, 1].

    - 2 classes (background / foreground, e.g. not road / road): dark grey, amber (:data:`ROAD_COLOUR`).
    - 3 or more: first the colours of the six scene classes of :data:`fcnlab.scenes.SCENE_CLASSES`
      (sky blue, building stone, vegetation dark green, sidewalk plum, road amber, vehicle navy),
      then evenly spread hues (golden-angle steps) for any further class.

    Up to :data:`SAFE_CLASSES` classes, any two colours stay distinct for colour-blind readers (CIELAB
    ΔE76 >= 30 under simulated deuteranopia, protanopia and tritanopia); beyond, they may not.

    The same ``num_classes`` always gives the same colours.
    """
    num_classes = checks.integer(num_classes, "num_classes", least=2)
    if num_classes == 2:
        return np.array(_BINARY_PALETTE, dtype=np.float64)
    colours = list(_SCENE_PALETTE[:num_classes])
    from matplotlib.colors import hsv_to_rgb

    for k in range(num_classes - len(colours)):
        hue = (0.11 + k * 0.381966) % 1.0  # golden-angle steps: neighbours get distant hues
        colours.append(tuple(hsv_to_rgb((hue, 0.75, 0.95 - 0.25 * (k % 2)))))
    return np.array(colours, dtype=np.float64)


def colour_mask(mask, num_classes: int) -> np.ndarray:
    """A label map ``(H, W)`` (or ``(N, H, W)``) painted with :func:`class_palette`: float32 ``(..., 3)``."""
    palette = class_palette(num_classes)
    mask = checks.label_map(mask, "mask", ndim=(2, 3), num_classes=len(palette))
    return palette[mask].astype(np.float32)


def overlay(image, mask, *, alpha: float = 0.45, colour=ROAD_COLOUR, classes=None) -> np.ndarray:
    """Blend a mask over an image; returns float32 RGB ``(H, W, 3)`` in [0, 1].

    Args:
        image: RGB ``(H, W, 3)``, float in [0, 1] or uint8.
        mask: integer label map ``(H, W)``.
        alpha: weight of the mask colour, 0 (image only) … 1 (colour only).
        colour: binary mode: the RGB colour of the foreground.
        classes: ``None`` for a binary mask: pixels with ``mask == 1`` are blended with ``colour`` and
            every other pixel keeps the image's value exactly. Otherwise the number of classes (or a list
            of class names): every pixel is blended with the :func:`class_palette` colour of its class.
    """
    img = _as_image(image)
    mask = _as_mask(mask)
    if mask.shape != img.shape[:2]:
        raise ValueError(f"mask: shape {mask.shape} does not match the image's {img.shape[:2]}")
    if not 0 <= float(alpha) <= 1:
        raise ValueError(f"alpha: expected a value in [0, 1], got {alpha!r}")
    num_classes = _num_classes(classes)
    if num_classes is None:
        tint = np.asarray(colour, dtype=np.float32)
        if tint.shape != (3,) or tint.min() < 0 or tint.max() > 1:
            raise ValueError(f"colour: expected an RGB triple in [0, 1], got {colour!r}")
        blended = (1 - alpha) * img + alpha * tint
        out = np.where((mask == 1)[..., None], blended, img)
    else:
        out = (1 - alpha) * img + alpha * colour_mask(mask, num_classes)
    return np.clip(out, 0.0, 1.0).astype(np.float32)


def error_map(y_true, y_pred, *, positive_class: int = 1) -> np.ndarray:
    """Colour each pixel by the outcome of a binary prediction; float32 RGB ``(..., H, W, 3)``.

    With ``positive_class`` = road (1 in the lesson data), see :data:`ERROR_COLOURS`:

    - TP, road predicted road: green;
    - FP, not road predicted road: red;
    - FN, road predicted not road (missed road): blue;
    - TN, not road predicted not road: dark grey.

    ``y_true`` and ``y_pred`` are integer label maps of the same shape, ``(H, W)`` or ``(N, H, W)``.
    """
    t = _as_mask(y_true, "y_true", ndim=(2, 3)) == positive_class
    p = _as_mask(y_pred, "y_pred", ndim=(2, 3)) == positive_class
    if t.shape != p.shape:
        raise ValueError(f"y_true and y_pred have different shapes: {t.shape} vs {p.shape}")
    outcome = np.where(t, np.where(p, 0, 2), np.where(p, 1, 3))  # 0 TP, 1 FP, 2 FN, 3 TN
    colours = np.array([ERROR_COLOURS[k] for k in ("TP", "FP", "FN", "TN")], dtype=np.float32)
    return colours[outcome]


def confidence_map(probabilities) -> np.ndarray:
    """The largest class probability of each pixel: float32 ``probabilities.shape[:-1]``.

    Input: softmax **probabilities** ``(..., C)`` (apply softmax to logits first). Values lie in
    ``[1 / C, 1]``: 1 where the network is sure, ``1 / C`` where all classes look equally likely.
    """
    return _check_probabilities(probabilities).max(axis=-1).astype(np.float32)


def entropy_map(probabilities) -> np.ndarray:
    """Per-pixel entropy ``-sum_c p_c log2 p_c`` in **bits**: float32 ``probabilities.shape[:-1]``.

    Input: softmax **probabilities** ``(..., C)`` (apply softmax to logits first). 0 bits for a one-hot
    (certain) pixel, ``log2(C)`` bits for a uniform one (1 bit for two equally likely classes).
    Computed by ``scipy.stats.entropy`` (with ``0 log 0 = 0``).
    """
    return entropy(_check_probabilities(probabilities), base=2, axis=-1).astype(np.float32)


# --------------------------------------------------------------------------------------------------
# text alternatives: every figure a lesson shows says in words what it shows
# --------------------------------------------------------------------------------------------------
_ALT = weakref.WeakKeyDictionary()  # figure -> the alternative its drawing helpers composed from the data
_MIN_ALT_WORDS = 5


def _add_alt(fig, text: str) -> None:
    _ALT[fig] = f"{_ALT[fig]} {text}" if fig in _ALT else text


def alt_text(fig) -> str | None:
    """The text alternative the helpers of this module composed for ``fig`` (``None`` if they drew none)."""
    return _ALT.get(fig)


def check_alt(alt, fig=None) -> str:
    """``alt`` if it is a real text alternative: words that say what ``fig`` shows, not its title again."""
    if not isinstance(alt, str) or len(alt.split()) < _MIN_ALT_WORDS or alt.strip().rstrip(".") == NO_ALT:
        raise ValueError(f"alt: expected a sentence of at least {_MIN_ALT_WORDS} words that says what the "
                         f"figure shows, got {alt!r}")
    title = fig.get_suptitle().strip() if fig is not None and hasattr(fig, "get_suptitle") else ""
    if title and alt.strip().rstrip(".") == title.rstrip("."):
        raise ValueError(f"alt: {alt!r} repeats the figure's title; say what the figure shows")
    return alt


def smallest_text(fig) -> float | None:
    """The size of the smallest text drawn in ``fig``, in pixels of its image (points at the figure's dpi), or
    None if it draws no text. Tick labels exist once the figure is laid out: it is, without rendering pixels
    (a tenth of a draw's time)."""
    from matplotlib.text import Text

    fig.draw_without_rendering()
    hidden = set()  # the tick and axis labels of an axes drawn without its axes (set_axis_off) or an axis
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if not ax.axison or not axis.get_visible():
                hidden.update([*axis.get_ticklabels(which="both"), axis.label])
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()
             and t not in hidden and t.get_window_extent().width > 0 and fig.bbox.overlaps(t.get_window_extent())]
    return round(min(sizes) * fig.dpi / 72, 1) if sizes else None


def figure_metadata(alt: str, fig=None) -> dict:
    """The output metadata that carries ``alt`` into the notebook, nbconvert's HTML, the decks and the book;
    with ``fig``, also its smallest text in image pixels (``text_px``, :func:`smallest_text`), which the tests
    of the decks turn into pixels on a projector."""
    meta = {"alt": check_alt(alt)}
    if fig is not None and (px := smallest_text(fig)) is not None:
        meta["text_px"] = px
    return {"image/png": meta}


def _sentences(*texts) -> str | None:
    """The non-empty ``texts`` as one text alternative, each ending as a sentence (None if all are empty)."""
    parts = [text.strip() for text in texts if text and text.strip()]
    return " ".join(t if t[-1] in ".:;!?" else f"{t}." for t in parts) or None


def show(fig, alt: str | None = None) -> None:
    """Display ``fig`` in the notebook with its text alternative, then close it (drawn once, not twice).

    ``alt`` says what the figure shows (e.g. "Error map of image 3: 2.1 % false positives along the road's
    edges"); what the helpers of this module drew into ``fig`` adds its own words (:func:`alt_text`).
    """
    import matplotlib.pyplot as plt
    from IPython.display import display

    alt = _sentences(alt, alt_text(fig))
    if alt is None:
        raise ValueError("alt: this figure has no text alternative; pass alt='what the figure shows'")
    try:
        display(fig, metadata=figure_metadata(check_alt(alt, fig), fig))
    finally:
        plt.close(fig)


def _percent(share: float) -> str:
    return f"{100 * share:.1f} %"


def describe_mask(mask, classes=None) -> str:
    """What a label map holds, in words: ``"road on 23.5 % of the pixels"`` (binary, ``classes=None``), or
    the share of each class present, largest first (``classes``: a number of classes or their names)."""
    mask = _as_mask(mask, "mask", ndim=(2, 3))
    if classes is None:
        return f"road on {_percent(float(np.mean(mask == 1)))} of the pixels"
    n = _num_classes(classes)
    names = list(classes) if not isinstance(classes, (int, np.integer)) else [f"class {k}" for k in range(n)]
    shares = np.bincount(mask.ravel(), minlength=n) / mask.size
    order = [k for k in np.argsort(-shares, kind="stable") if shares[k] > 0]
    return ", ".join(f"{names[k]} {_percent(shares[k])}" for k in order)


def describe_map(values, name: str, threshold: float | None = None) -> str:
    """A score map in words: its range and mean (and the share above ``threshold``)."""
    v = np.asarray(values, dtype=np.float64)
    text = f"{name} from {v.min():.2f} to {v.max():.2f} (mean {v.mean():.2f})"
    if threshold is not None:
        text += f", above {threshold:g} on {_percent(float(np.mean(v > threshold)))} of the pixels"
    return text


def _place(region) -> str:
    """Where the pixels of a boolean map lie: ``"in the top left"``, ``"in the middle"``, ..."""
    ys, xs = np.nonzero(region)
    h, w = region.shape
    row = ("top", "middle", "bottom")[min(int(3 * ys.mean() / h), 2)]
    col = ("left", "centre", "right")[min(int(3 * xs.mean() / w), 2)]
    return "in the middle" if (row, col) == ("middle", "centre") else f"in the {row} {col}"


def describe_errors(y_true, y_pred, *, positive_class: int = 1, num_classes: int = 2) -> str:
    """The outcome of a prediction in words: the share of false positives and negatives (with more than two
    classes: of wrong pixels) and where they lie (along the true edges, or in a part of the image)."""
    from scipy.ndimage import binary_dilation, binary_erosion

    truth, pred = _as_mask(y_true, "y_true"), _as_mask(y_pred, "y_pred")
    if truth.shape != pred.shape:
        raise ValueError(f"y_true and y_pred have different shapes: {truth.shape} vs {pred.shape}")
    if num_classes > 2:
        wrong = truth != pred
        edges = np.zeros_like(wrong)
        for c in np.unique(truth):
            region = truth == c
            edges |= binary_dilation(region, iterations=3) & ~binary_erosion(region, iterations=3)
        if not wrong.any():
            return "no pixel wrong"
        where = "along the edges between classes" if edges[wrong].mean() > 0.6 else _place(wrong)
        return f"{_percent(float(wrong.mean()))} of the pixels wrong (red, hatched) {where}"
    t, p = truth == positive_class, pred == positive_class
    edge = binary_dilation(t, iterations=3) & ~binary_erosion(t, iterations=3)
    parts = []
    for name, wrong in (("false positives (red, hatched)", ~t & p), ("false negatives (blue, dotted)", t & ~p)):
        if not wrong.any():
            parts.append(f"no {name.split(' (')[0]}")
            continue
        where = "along the road's edges" if edge[wrong].mean() > 0.6 else _place(wrong)
        parts.append(f"{_percent(float(wrong.mean()))} {name} {where}")
    return f"{_percent(float((t & p).mean()))} road found (amber); " + "; ".join(parts)


# --------------------------------------------------------------------------------------------------
# figures (matplotlib)
# --------------------------------------------------------------------------------------------------
def _legend_patches(colours, labels, hatches=None):
    from matplotlib.patches import Patch

    hatches = hatches or [None] * len(labels)
    return [Patch(facecolor=tuple(c), edgecolor="black", linewidth=0.5, label=str(lab), hatch=h)
            for c, lab, h in zip(colours, labels, hatches, strict=True)]


def show_samples(images, masks, *, predictions=None, n: int = 4, titles=None,
                 suptitle: str = "Images, masks and overlays", classes=None, alpha: float = 0.45,
                 panel_size: float = 2.2):
    """A grid with one column per sample and one row per view: image, mask, overlay (, prediction).

    A single sample (``n=1``) is drawn as one row of its views.

    Args:
        images: ``(N, H, W, 3)`` RGB images.
        masks: ``(N, H, W)`` integer label maps (the truth).
        predictions: optional ``(N, H, W)`` integer label maps; adds a row with the prediction overlaid.
        n: how many samples (the first ``n``).
        titles: optional one title per shown sample (e.g. ``"train #3"``).
        suptitle: the figure title.
        classes: ``None`` for binary masks (mask row: class 1 white on black; overlay: class 1 in amber,
            outlined in white),
            else the number of classes or a list of class names (masks painted with :func:`class_palette`;
            names add a legend).
        alpha: overlay weight (see :func:`overlay`).
        panel_size: inches per panel.

    Returns:
        The matplotlib Figure.
    """
    import matplotlib.pyplot as plt

    images = checks.images(images, "images")
    masks = _as_mask(masks, "masks", ndim=(3,))
    if images.shape[:3] != masks.shape:
        raise ValueError(f"images {images.shape} and masks {masks.shape} do not match: expected "
                         "(N, H, W, 3) and (N, H, W)")
    if predictions is not None:
        predictions = _as_mask(predictions, "predictions", ndim=(3,))
        if predictions.shape != masks.shape:
            raise ValueError(f"predictions: shape {predictions.shape} does not match masks {masks.shape}")
    count = min(int(n), len(images))
    if count < 1:
        raise ValueError(f"n: expected at least 1 sample, got {n!r}")
    if titles is not None and len(titles) < count:
        raise ValueError(f"titles: {len(titles)} titles for {count} samples")
    num_classes = _num_classes(classes)

    def mask_picture(mask):  # binary: road white on black (as the label channel); else the palette
        if num_classes is None:
            return np.repeat((mask == 1).astype(np.float32)[..., None], 3, axis=-1)
        return colour_mask(mask, num_classes)

    rows = ["image", "mask", "overlay"] + (["prediction"] if predictions is not None else [])
    if count == 1:  # a single sample: its views side by side in one row
        fig, axes = plt.subplots(1, len(rows), figsize=(panel_size * len(rows), panel_size + 0.4),
                                 squeeze=False)
        axes = axes.reshape(len(rows), 1)
    else:
        fig, axes = plt.subplots(len(rows), count, figsize=(panel_size * count, panel_size * len(rows)),
                                 squeeze=False)
    for j in range(count):
        label = titles[j] if titles is not None else f"#{j}"
        panels = {
            "image": (images[j], f"{label}: image"),
            "mask": (mask_picture(masks[j]), f"{label}: mask"),
            "overlay": (overlay(images[j], masks[j], alpha=alpha, classes=classes), f"{label}: overlay"),
        }
        if predictions is not None:
            panels["prediction"] = (overlay(images[j], predictions[j], alpha=alpha, classes=classes),
                                    f"{label}: prediction")
        for i, row in enumerate(rows):
            picture, title = panels[row]
            axes[i, j].imshow(picture, interpolation="nearest")
            if num_classes is None and row in ("overlay", "prediction"):  # a cue besides colour
                shown = masks[j] if row == "overlay" else predictions[j]
                if 0 < np.mean(shown == 1) < 1:
                    axes[i, j].contour(shown == 1, levels=[0.5], colors="white", linewidths=0.6)
            axes[i, j].set_title(title)
            axes[i, j].axis("off")
    fig.suptitle(suptitle)
    names = None if num_classes is None else classes
    said = f"the true masks have {describe_mask(masks[:count], names)}"
    if predictions is not None:
        said += f", the predictions {describe_mask(predictions[:count], names)}"
    views = f"{', '.join(rows[:-1])} and {rows[-1]}"
    _add_alt(fig, f"{count} sample{'s' if count > 1 else ''}, each as {views}: {said}.")
    if num_classes is not None and not isinstance(classes, (int, np.integer)):
        fig.legend(handles=_legend_patches(class_palette(num_classes), classes), loc="lower center",
                   ncol=min(num_classes, 6), frameon=False)
        fig.tight_layout(rect=(0, 0.4 / fig.get_size_inches()[1], 1, 1))  # 0.4 inch for the legend
    else:
        fig.tight_layout()
    return fig


def show_error_map(image, y_true, y_pred, ax=None, title: str = "Errors: FP red ////, FN blue ....",
                   *, alpha: float = 0.7, positive_class: int = 1, num_classes: int = 2,
                   legend: bool = True):
    """Draw :func:`error_map` blended over the image (weight ``alpha``), with a legend of pixel counts.

    With ``num_classes`` > 2 a pixel is right (dark grey) or wrong (red). The errors are also hatched and
    outlined (:func:`mark_errors`), and the figure's text alternative (:func:`alt_text`) says how many
    there are and where. Draws into ``ax`` if given (and returns its figure), else into a new small figure.
    """
    import matplotlib.pyplot as plt

    img = _as_image(image)
    t = _as_mask(y_true, "y_true")
    p = _as_mask(y_pred, "y_pred")
    colours = error_map(t, p, positive_class=positive_class)
    if colours.shape != img.shape:
        raise ValueError(f"y_true {t.shape} does not match the image's {img.shape[:2]}")
    if ax is None:
        fig, ax = plt.subplots(figsize=(4, 4))
    else:
        fig = ax.figure
    if checks.integer(num_classes, "num_classes", least=2) == 2:
        tp, pp = t == positive_class, p == positive_class
        counts = {"TP": tp & pp, "FP": ~tp & pp, "FN": tp & ~pp, "TN": ~tp & ~pp}
        keys = list(counts)
    else:  # right or wrong, whatever the class
        counts = {"wrong": t != p, "right": t == p}
        keys = ["FP", "TN"]
        colours = np.where(counts["wrong"][..., None], *(np.float32(ERROR_COLOURS[k]) for k in keys))
    grey = img.mean(axis=-1, keepdims=True)
    ax.imshow(np.clip(alpha * colours + (1 - alpha) * grey, 0, 1), interpolation="nearest")
    ax.set_title(title)
    ax.axis("off")
    errors = list(counts.values())
    mark_errors(ax, errors[0] if num_classes > 2 else errors[1], None if num_classes > 2 else errors[2])
    if legend:
        labels = [f"{name} {int(v.sum())}" for name, v in counts.items()]
        ax.legend(handles=_legend_patches([ERROR_COLOURS[k] for k in keys], labels,
                                          [ERROR_HATCHES.get(k) for k in keys]),
                  loc="lower left", framealpha=0.8)
    what = describe_errors(t, p, positive_class=positive_class, num_classes=num_classes)
    _add_alt(fig, f"Error map{f' ({title})' if title else ''}: {what}.")
    return fig


def mark_errors(ax, false_positives, false_negatives=None) -> None:
    """The second cue of an error map, for readers who cannot tell its colours apart (and for greyscale
    prints): false positives hatched ``////`` and outlined with a solid line, false negatives dotted and
    outlined with a dashed line (:data:`ERROR_HATCHES`). Boolean maps ``(H, W)`` in the axes' pixels."""
    for region, style in ((false_positives, "solid"), (false_negatives, "dashed")):
        if region is None or not np.any(region):
            continue
        hatch = ERROR_HATCHES["FP" if style == "solid" else "FN"]
        values = np.asarray(region, dtype=np.float32)
        ax.contourf(values, levels=[0.5, 1.5], colors="none", hatches=[hatch])
        ax.contour(values, levels=[0.5], colors="white", linewidths=0.8, linestyles=style)


def _describe_history(history, metrics) -> str:
    """Learning curves in words: for each metric, where its training and validation curves start and end."""
    parts = []
    for name in metrics:
        for key, who in ((name, "training"), (f"val_{name}", "validation")):
            if key in history and len(history[key]):
                v = np.asarray(history[key], dtype=np.float64)
                parts.append(f"{who} {name} {v[0]:.3g} at epoch 1, {v[-1]:.3g} at epoch {len(v)}")
    epochs = max(len(history[m]) for m in metrics)
    return f"Learning curves over {epochs} epoch{'s' if epochs > 1 else ''}: " + "; ".join(parts) + "."


# --------------------------------------------------------------------------------------------------
# the FCN architectures as a diagram
# --------------------------------------------------------------------------------------------------
#: What :func:`fcn_diagram` draws for each variant: the trunk's outputs it taps (``(layer, stride)``), and
#: the decoder's steps, each ``(layer name in fcnlab.models, what it does, stride after it)``.
FCN_TRUNK = (("block3_pool", 8), ("block4_pool", 16), ("block5_pool", 32))
FCN_DECODERS = {
    "fcn32s": (("upscore32", "up ×32", 1),),
    "fcn16s": (("upscore2", "up ×2", 16), ("fuse_pool4", "+ score_pool4", 16), ("upscore16", "up ×16", 1)),
    "fcn8s": (("upscore2", "up ×2", 16), ("fuse_pool4", "+ score_pool4", 16),
              ("upscore_pool4", "up ×2", 8), ("fuse_pool3", "+ score_pool3", 8), ("upscore8", "up ×8", 1)),
}
# blue-grey boxes for the encoder, amber for the decoder (both with dark text: contrast >= 4.5:1)
_ENCODER_FILL, _DECODER_FILL, _SKIP_FILL = (0.80, 0.87, 0.95), (1.00, 0.85, 0.55), (0.85, 0.95, 0.85)
_FCN_NAMES = {"fcn32s": "FCN-32s", "fcn16s": "FCN-16s", "fcn8s": "FCN-8s"}


def _matrix(values, name: str) -> np.ndarray:
    """A small 2-D array of finite numbers, as float64 (for :func:`transposed_conv_steps`)."""
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name}: expected a 2-D array of numbers, got {values!r}") from None
    if array.ndim != 2 or array.size == 0:
        raise ValueError(f"{name}: expected a 2-D array of numbers (rows, columns), got shape {array.shape}")
    if not np.isfinite(array).all():
        raise ValueError(f"{name}: holds NaN or infinite values")
    return array


def _luminance(colour) -> float:
    """The relative luminance of an RGB(A) colour in [0, 1] (WCAG 2): 0 for black, 1 for white."""
    rgb = np.asarray(colour, dtype=np.float64)[:3]
    rgb = np.where(rgb <= 0.03928, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return float(rgb @ (0.2126, 0.7152, 0.0722))


def _number(value: float) -> str:
    """A value as a cell writes it: ``3``, ``-1.5``, ``0.56`` (two decimals at most)."""
    value = float(value) + 0.0  # -0.0 is written 0
    return f"{value:.0f}" if value.is_integer() else f"{value:.2f}".rstrip("0")


def transposed_conv_steps(x, kernel, stride: int = 1, *, max_panels: int = 9, fontsize: int = 14):
    """A transposed convolution (no padding, one channel) drawn step by step, as a small multiple.

    One panel per input value ``x[i, j]``, in reading order: that value times ``kernel``, placed at the offset
    ``(i * stride, j * stride)`` of the output (outlined; the cells it does not touch are left blank), then a
    last panel with the sum of all the copies: the output, ``(h - 1) * stride + kh`` by
    ``(w - 1) * stride + kw``, what ``keras.layers.Conv2DTranspose(1, kernel.shape, strides=stride,
    use_bias=False)`` computes (for a kernel narrower than the stride, Keras adds ``stride - k`` rows or columns
    of zeros at the end). Every cell carries its number; the colours (cividis, one scale for all the panels)
    repeat them for the eye, and each number is black or white, whichever contrasts more with its cell. The
    figure is 9 inches wide (a slide's width) with up to 5 panels a row, fewer where the numbers need larger
    cells (``0.56`` takes more room than ``3``).

    Args:
        x: the input, a small 2-D array of numbers (at most ``max_panels`` values: one panel each).
        kernel: the kernel, a 2-D array of numbers.
        stride: the distance in output pixels between the copies of neighbouring input values, an int >= 1.
        max_panels: the most input values drawn (the output is also held to 8 cells per side).
        fontsize: the size of the numbers in the cells (at least 12 pt, readable on a slide).

    Returns the figure; its text alternative is composed for :func:`show`.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle
    from matplotlib.patheffects import withStroke
    from matplotlib.textpath import TextPath

    x, kernel = _matrix(x, "x"), _matrix(kernel, "kernel")
    stride = checks.integer(stride, "stride", least=1)
    if x.size > checks.integer(max_panels, "max_panels", least=1):
        raise ValueError(f"x: {x.shape[0]} × {x.shape[1]} = {x.size} values, one panel each; draw at most "
                         f"{max_panels} (a smaller input, or a larger max_panels)")
    fontsize = checks.integer(fontsize, "fontsize", least=12)  # pt: readable on a slide
    (h, w), (kh, kw) = x.shape, kernel.shape
    out_h, out_w = (h - 1) * stride + kh, (w - 1) * stride + kw
    if max(out_h, out_w) > 8:
        raise ValueError(f"the output would be {out_h} × {out_w} cells; at most 8 per side stay readable "
                         "(a smaller input, kernel or stride)")
    steps = []  # (i, j, the copy of the kernel that x[i, j] adds: NaN where it adds nothing)
    for i in range(h):
        for j in range(w):
            copy = np.full((out_h, out_w), np.nan)
            copy[i * stride:i * stride + kh, j * stride:j * stride + kw] = x[i, j] * kernel
            steps.append((i, j, copy))
    total = np.nansum([copy for _, _, copy in steps], axis=0)
    values = np.concatenate([total.ravel(), *(copy[~np.isnan(copy)] for _, _, copy in steps)])
    norm = matplotlib.colors.Normalize(min(values.min(), 0.0), max(values.max(), 1e-12))
    cmap = matplotlib.colormaps["cividis"].with_extremes(bad="white")

    panels = len(steps) + 1
    size = fontsize if max(out_h, out_w) <= 5 else 12  # smaller cells, smaller numbers (12 pt at least)
    widths = {label: TextPath((0, 0), label, size=size).get_extents().width + 3  # pt, with a margin
              for label in {_number(v) for v in values}}
    widest = max(widths, key=widths.get)

    def panel_width(columns):  # inches: 9 wide, a sign column (0.14 of a panel) between two panels
        return 9 * 0.93 / (columns + 0.14 * (columns - 1))

    # up to 5 panels a row, fewer (larger cells) where the widest number would not fit a cell
    columns = next((c for c in range(min(panels, 5), 0, -1)
                    if panel_width(c) * 72 / max(out_h, out_w) >= widths[widest]), None)
    if columns is None:
        raise ValueError(f"the numbers (such as {widest!r}) do not fit {out_h} × {out_w} cells at {size} pt; "
                         "use fewer digits or a smaller input, kernel or stride")
    rows = -(-panels // columns)
    # the panels in the even columns of the grid; the narrow odd ones hold a "+" (an "=" before the sum)
    fig = plt.figure(figsize=(9, 0.35 + rows * (panel_width(columns) + 0.6)), layout="constrained")
    grid = fig.add_gridspec(rows, 2 * columns - 1, width_ratios=[1, 0.14] * (columns - 1) + [1])
    for k, (i, j, copy) in enumerate([*steps, (None, None, total)]):
        row, column = divmod(k, columns)
        ax = fig.add_subplot(grid[row, 2 * column])
        if k + 1 < panels and column + 1 < columns:
            sign = fig.add_subplot(grid[row, 2 * column + 1])
            sign.set_axis_off()
            sign.text(0.5, 0.5, "=" if k + 2 == panels else "+", ha="center", va="center",
                      fontsize=fontsize + 6, fontweight="bold", transform=sign.transAxes)
        ax.imshow(copy, cmap=cmap, norm=norm)
        ax.set_xticks(np.arange(-0.5, out_w, 1), minor=True)
        ax.set_yticks(np.arange(-0.5, out_h, 1), minor=True)
        ax.set(xticks=[], yticks=[])
        ax.grid(which="minor", color="0.55", linewidth=1)
        ax.tick_params(which="both", length=0)
        for (a, b), v in np.ndenumerate(copy):
            if not np.isnan(v):  # black or white, whichever contrasts more (>= 4.5:1 on cividis)
                light = _luminance(cmap(norm(v))) > 0.179
                ax.text(b, a, _number(v), ha="center", va="center", color="black" if light else "white",
                        fontsize=size)
        if i is None:
            ax.set_title(f"sum = output\n{out_h} × {out_w}", fontweight="bold")
            for spine in ax.spines.values():
                spine.set_linewidth(2.5)
        else:
            value = _number(x[i, j])
            ax.set_title(f"x[{i}, {j}] = {value}:\n{value}·K at ({i * stride}, {j * stride})")
            ax.add_patch(Rectangle((j * stride - 0.5, i * stride - 0.5), kw, kh, fill=False,
                                   edgecolor="black", linewidth=2.5,
                                   path_effects=[withStroke(linewidth=5, foreground="white")]))
    fig.suptitle(f"Transposed convolution, stride {stride}: each input value scales the kernel K; "
                 "the copies add up")
    overlaps = int((np.sum([~np.isnan(copy) for _, _, copy in steps], axis=0) > 1).sum())
    _add_alt(fig, _describe_transposed_conv(x, kernel, stride, total, overlaps))
    return fig


def _describe_transposed_conv(x, kernel, stride: int, total, overlaps: int) -> str:
    """:func:`transposed_conv_steps` in words."""
    def grid(a):
        return "[" + ", ".join("[" + ", ".join(_number(v) for v in row) + "]" for row in a) + "]"

    (h, w), (kh, kw) = x.shape, kernel.shape
    placed = ", ".join(f"{_number(x[i, j])} × K at ({i * stride}, {j * stride})"
                       for i in range(h) for j in range(w))
    overlap = (f"{overlaps} of its {total.size} cells get more than one copy" if overlaps
               else "no copies overlap")
    return (f"Transposed convolution of the {h} × {w} input {grid(x)} with the {kh} × {kw} kernel "
            f"K = {grid(kernel)} at stride {stride}, step by step in {h * w + 1} panels. One per input "
            f"value: the kernel times that value, placed at stride times its row and column: {placed}. "
            f"The last panel adds them: the {total.shape[0]} × {total.shape[1]} output {grid(total)}; "
            f"{overlap}.")


def _box(ax, x, y, text, fill, *, width=1.15, height=0.62, fontsize=12):
    from matplotlib.patches import FancyBboxPatch

    ax.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height, boxstyle="round,pad=0.04",
                                facecolor=fill, edgecolor="0.15", linewidth=1.2))
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, color="black", linespacing=1.1)


def _arrow(ax, start, end, *, dashed=False):
    ax.annotate("", xy=end, xytext=start, arrowprops={
        "arrowstyle": "-|>", "color": "0.15", "lw": 1.4, "linestyle": "--" if dashed else "-",
        "shrinkA": 0, "shrinkB": 0})


#: The parts of :func:`fcn_diagram`, as the range of its x axis (1.25 units = one box and its arrow): the whole
#: network, the encoder up to ``score_fr`` (the skips leaving pool3 and pool4), or the decoders from ``score_fr``
_DIAGRAM_PARTS = {"whole": (-0.6, 13.35), "encoder": (-0.6, 6.8), "decoders": (5.6, 13.35)}


def fcn_diagram(variants: Sequence[str] = ("fcn32s", "fcn16s", "fcn8s"), *, fontsize: int = 12,
                part: str = "whole"):
    """FCN-32s, 16s and 8s one above the other: the VGG16 trunk with the strides of pool3, pool4 and pool5,
    fc6 / fc7 as convolutions and the 1×1 score layer, then each decoder: its ×2 upsamplings, the 1×1 scores
    of pool4 and pool3 added in (the skips, dashed), and the last upsampling back to the input's size.

    The boxes carry the layer names of :func:`fcnlab.models.build_fcn` (``score_fr``, ``upscore2``,
    ``fuse_pool4`` ...) and each box its stride (``/8`` = an eighth of the input's height and width).
    ``part``: ``"whole"`` (13 inches wide: a page), or for a slide, where a figure is at most 9 inches wide,
    ``"encoder"`` (one row, up to ``score_fr``, the skips leaving pool3 and pool4) or ``"decoders"`` (each
    variant's decoder from ``score_fr`` on). Returns the figure; its text alternative is composed for :func:`show`.
    """
    import matplotlib.pyplot as plt

    unknown = [v for v in variants if v not in FCN_DECODERS]
    if unknown or not variants:
        raise ValueError(f"variants: expected some of {', '.join(FCN_DECODERS)}, got {list(variants)!r}")
    if part not in _DIAGRAM_PARTS:
        raise ValueError(f"part: expected one of {', '.join(_DIAGRAM_PARTS)}, got {part!r}")
    lo, hi = _DIAGRAM_PARTS[part]
    if part == "encoder":
        variants = ("fcn8s",)  # one encoder for all three; FCN-8s's row shows both skips leaving it
    fig_width = 13 * (hi - lo) / (13.35 + 0.6)  # inches: the whole diagram is 13
    row = 1.8 if part == "whole" else 1.6  # inches: a slide is 7 inches tall
    fig, axes = plt.subplots(len(variants), 1, figsize=(fig_width, row * len(variants) + 0.5), squeeze=False)
    trunk = [(layer, f"{convs}\npool{layer[5]} /{stride}")
             for (layer, stride), convs in zip(FCN_TRUNK, ("conv1–3", "conv4", "conv5"), strict=True)]
    encoder = [(name, label, 1.25 * k)
               for k, (name, label) in enumerate([("image", "image\n/1"), *trunk, ("fc7", "fc6, fc7\nconv /32")])]
    tap = {name: x for name, _, x in encoder}
    score_x, logits_x, half = 6.2, 12.8, 0.5  # half: half a box's width
    for ax, variant in zip(axes[:, 0], variants, strict=True):
        ax.set_xlim(lo, hi)
        ax.set_ylim(-1.5, 0.5)
        ax.set_axis_off()
        steps = FCN_DECODERS[variant]
        if part != "encoder":
            ax.set_title(f"{_FCN_NAMES[variant]}: the finest scores at 1/{OUTPUT_STRIDES[variant]}", loc="left",
                         fontsize=fontsize + 2, fontweight="bold")
        for k, (_, label, x) in enumerate(encoder):
            _box(ax, x, 0, label, _ENCODER_FILL, width=2 * half, fontsize=fontsize)
            _arrow(ax, (x + half, 0), ((encoder[k + 1][2] if k + 1 < len(encoder) else score_x) - half, 0))
        _box(ax, score_x, 0, "score_fr\n1×1 /32", _DECODER_FILL, width=2 * half, fontsize=fontsize)
        x, spacing, right = score_x, (logits_x - score_x) / (len(steps) + 1), half  # right: half the last box
        for layer, label, stride in steps:
            new_x = x + spacing
            width = 0.6 if layer.startswith("fuse_") else min(0.9, spacing - 0.3)
            _arrow(ax, (x + right, 0), (new_x - width / 2, 0))
            if layer.startswith("fuse_"):
                pool = layer.removeprefix("fuse_")
                start, depth = tap[f"block{pool[-1]}_pool"], (-0.8 if pool == "pool4" else -1.3)
                # the skip: a 1x1 score of the pool, carried below the trunk to where it is added
                ax.plot([start, start, new_x], [-0.31, depth, depth], color="0.15", lw=1.4, linestyle="--")
                _arrow(ax, (new_x, depth), (new_x, -0.31), dashed=True)
                # the label where the line enters the part shown (the decoders part starts right of the pools)
                ax.text(max(start, lo) + 0.15, depth + 0.04, f"score_{pool}: 1×1 conv, /{stride}", ha="left",
                        va="bottom", fontsize=fontsize - 1, color="black",
                        bbox={"facecolor": _SKIP_FILL, "edgecolor": "none", "pad": 1.5})
                _box(ax, new_x, 0, f"+\n/{stride}", _DECODER_FILL, width=width, fontsize=fontsize)
            else:
                _box(ax, new_x, 0, f"{label}\n/{stride}", _DECODER_FILL, width=width, fontsize=fontsize)
            x, right = new_x, width / 2
        _arrow(ax, (x + right, 0), (logits_x - 0.4, 0))
        _box(ax, logits_x, 0, "logits\n/1", _DECODER_FILL, width=0.8, fontsize=fontsize)
    for ax in axes[:, 0]:
        for artist in ax.get_children():
            artist.set_clip_on(True)  # a part shows nothing beyond its range
    shown = " and ".join(_FCN_NAMES[v] for v in variants) if len(variants) < 3 else "Three decoders"
    fig.suptitle({"whole": f"{shown} on one encoder: each skip adds a finer pool's 1×1 scores to the "
                           "×2-upsampled scores",
                  "encoder": "One encoder for all three: VGG16's pools, fc6 and fc7 as convolutions, scores",
                  "decoders": f"{shown}: ×2 up, add a skip's scores, up to the input's size"}[part],
                 fontsize=fontsize + 3)
    fig.tight_layout()
    _add_alt(fig, describe_fcns(variants, part=part))
    return fig


def describe_fcns(variants: Sequence[str] = ("fcn32s", "fcn16s", "fcn8s"), *, part: str = "whole") -> str:
    """:func:`fcn_diagram` in words (``part`` as there)."""
    encoder = ("The encoder: the image goes through VGG16's blocks to pool3 at 1/8, pool4 at 1/16 and pool5 at "
               "1/32 of its height and width, then fc6 and fc7 as convolutions and score_fr, a 1×1 convolution "
               "with one score per class, at 1/32.")
    if part == "encoder":
        return ("Diagram of the encoder FCN-32s, FCN-16s and FCN-8s share. " + encoder
                + " Dashed lines leave pool4 and pool3: the 1×1 scores the skips of FCN-16s and FCN-8s add in.")
    words = [f"Diagram of {', '.join(_FCN_NAMES[v] for v in variants)}"
             + (", from score_fr on." if part == "decoders" else ". " + encoder)]
    said = {
        "fcn32s": "FCN-32s upsamples these scores 32 times in one step.",
        "fcn16s": "FCN-16s upsamples them 2 times, adds score_pool4 (a 1×1 convolution of pool4, the skip), and "
                  "upsamples the sum 16 times.",
        "fcn8s": "FCN-8s upsamples them 2 times, adds score_pool4, upsamples the sum 2 times again, adds "
                 "score_pool3 (a 1×1 convolution of pool3), and upsamples that sum 8 times.",
    }
    return " ".join(words + [said[v] for v in variants])


#: The pairs :func:`plot_skip_gains` draws by default: each skip model and its control, FCN-32s trained on for
#: exactly the epochs the skip model got (``fcnlab.training.CONTROLS``).
_SKIP_CONTROLS = (("fcn16s", "fcn32s_as_16s"), ("fcn8s", "fcn32s_as_8s"))


def plot_skip_gains(reports, pairs=_SKIP_CONTROLS, *, reference: str | None = "fcn32s",
                    metrics=("mean_iou", "boundary_iou"), epochs=None,
                    title: str = "What the skips add beyond training longer"):
    """Each skip model next to its control, one panel per metric: what the skip adds is the gap in each pair.

    The control's bar is pale stone and hatched, the skip model's sky blue (both from
    ``PALETTES["scene classes"]``: told apart in colour and in greyscale); each bar carries its value, and
    the skip's gain (model − control) is written large above its pair. ``reference`` (FCN-32s, the model
    both started from) is a dashed line across each panel.

    Args:
        reports: ``{model name: {metric: value}}``, e.g. :func:`fcnlab.metrics.segmentation_report` per model.
        pairs: ``(skip model, its control)`` pairs, in the order drawn.
        reference: a model of ``reports`` drawn as a dashed line, or ``None``.
        metrics: the keys of each report to draw, one panel each.
        epochs: optional ``{model name: epochs}``, written under each pair.
        title: the figure title.

    Returns:
        The matplotlib Figure; its text alternative (:func:`alt_text`) states every number drawn.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    if not isinstance(reports, Mapping):
        raise ValueError(f"reports: expected a dict {{model name: {{metric: value}}}}, got {type(reports)}")
    pairs = [tuple(p) for p in pairs]
    if not pairs or any(len(p) != 2 for p in pairs):
        raise ValueError(f"pairs: expected (skip model, control) pairs, got {pairs}")
    if isinstance(metrics, str):
        metrics = (metrics,)
    names = [n for p in pairs for n in p] + ([reference] if reference is not None else [])
    for name in names:
        if name not in reports:
            raise ValueError(f"reports: no model {name!r} (named in pairs or reference); "
                             f"available: {sorted(reports)}")
        for key in metrics:
            value = reports[name].get(key) if isinstance(reports[name], Mapping) else None
            if not isinstance(value, (int, float, np.floating)) or not np.isfinite(value):
                raise ValueError(f"reports[{name!r}]: expected a finite number for {key!r}, got {value!r}")
    if epochs is not None and (missing := [n for n in names if n not in epochs]):
        raise ValueError(f"epochs: no entry for {missing}; given for {sorted(epochs)}")
    scene = PALETTES["scene classes"]
    styles = {"control": dict(color=scene["building"], hatch="//", label="control: FCN-32s trained as long"),
              "skip": dict(color=scene["sky"], hatch=None, label="the model with its skip(s)")}
    fig, axes = plt.subplots(1, len(metrics), figsize=(4.4 * len(metrics), 3.2), squeeze=False,
                             layout="constrained")
    said = []
    for ax, key in zip(axes[0], metrics, strict=True):
        label = key.replace("_iou", " IoU").replace("_", " ")
        top = max(float(reports[n][key]) for n in names)
        words = []
        for g, (model, control) in enumerate(pairs):
            m, c = float(reports[model][key]), float(reports[control][key])
            for dx, value, role in ((-0.2, c, "control"), (0.2, m, "skip")):
                ax.bar(g + dx, value, width=0.38, edgecolor="black", linewidth=0.8, **styles[role])
                ax.text(g + dx, value + 0.02 * top, f"{value:.3f}", ha="center", va="bottom")
            ax.text(g, max(m, c) + 0.15 * top, f"{m - c:+.3f}", ha="center", va="bottom",
                    fontsize=20, fontweight="bold")
            words.append(f"{_FCN_NAMES.get(model, model)} {m:.3f} against its control's {c:.3f} "
                         f"(skip {m - c:+.3f})")
        if reference is not None:
            r = float(reports[reference][key])
            ax.axhline(r, color="black", linestyle="--", linewidth=1.5, zorder=3)
            words.append(f"{_FCN_NAMES.get(reference, reference)} {r:.3f}")
        ax.set_xticks(range(len(pairs)), [
            _FCN_NAMES.get(model, model) + (f"\n{epochs[model]} epochs" if epochs is not None else "")
            for model, _ in pairs])
        ax.set_xlim(-0.6, len(pairs) - 0.4)
        ax.set_ylim(0, 1.5 * top)
        ax.set_yticks([t for t in ax.get_yticks() if t <= min(1.0, 1.1 * top) + 1e-9])
        ax.set_title(f"{label} (large: skip's gain)")
        ax.spines[["top", "right"]].set_visible(False)
        said.append(f"{label[0].upper()}{label[1:]}: " + "; ".join(words))
    handles = [plt.Rectangle((0, 0), 1, 1, facecolor=s["color"], edgecolor="black", hatch=s["hatch"],
                             label=s["label"]) for s in styles.values()]
    if reference is not None:
        ref_label = _FCN_NAMES.get(reference, reference)
        if epochs is not None:
            ref_label += f", {epochs[reference]} epochs"
        handles.append(Line2D([], [], color="black", linestyle="--", label=ref_label))
    fig.legend(handles=handles, loc="outside lower center", ncol=len(handles), frameon=False)
    fig.suptitle(title)
    _add_alt(fig, "Bar chart, each skip model next to its control trained as long. " + ". ".join(said) + ".")
    return fig


#: How :func:`plot_history` names the metrics Keras logs under short keys
METRIC_NAMES = {"loss": "loss", "miou": "mean IoU", "mean_iou": "mean IoU",
                "accuracy": "pixel accuracy", "boundary_iou": "boundary IoU"}


def plot_history(history_dict, metrics=("loss",), title: str = "Learning curves"):
    """Learning curves: one panel per metric, the training curve and, if present, its ``val_`` twin.

    Args:
        history_dict: ``{"loss": [...], "val_loss": [...], ...}``, i.e. ``keras.callbacks.History.history``
            (a History object is accepted too).
        metrics: the keys to plot (without ``val_``), e.g. ``("loss", "mean_iou")``.
        title: the figure title.

    Returns:
        The matplotlib Figure (the x axis counts epochs from 1).
    """
    import matplotlib.pyplot as plt

    history = getattr(history_dict, "history", history_dict)
    if not isinstance(history, Mapping):
        raise ValueError(f"history_dict: expected a dict of lists (History.history), got {type(history)}")
    if isinstance(metrics, str):
        metrics = (metrics,)
    missing = [m for m in metrics if m not in history]
    if missing:
        raise ValueError(f"history_dict: no key {missing[0]!r}; available: {sorted(history)}")
    from matplotlib.ticker import MaxNLocator

    width = min(4.4 * len(metrics), 9.0)  # a slide shows up to 9 inches at their size
    fig, axes = plt.subplots(1, len(metrics), figsize=(width, 3.4), squeeze=False)
    for ax, name in zip(axes[0], metrics, strict=True):
        for key, style in ((name, "-o"), (f"val_{name}", "--s")):
            if key in history:
                values = np.asarray(history[key], dtype=np.float64)
                ax.plot(np.arange(1, len(values) + 1), values, style, markersize=4,
                        label="validation" if key.startswith("val_") else "training")
        ax.set_title(METRIC_NAMES.get(name, name))
        ax.set_xlabel("epoch")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # epochs are whole numbers
        ax.legend()
        ax.grid(alpha=0.3)
    fig.suptitle(title)
    _add_alt(fig, _describe_history(history, metrics))
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------------------------------
# Watching a model train
# --------------------------------------------------------------------------------------------------
class LivePrediction(keras.callbacks.Callback):
    """A Keras callback: after every ``every`` epochs, show image / truth / prediction in place.

    In a notebook the figure is updated in one output area (``IPython.display`` with a display id), so
    students watch the prediction sharpen while the model trains. ``model`` is the one to predict with (by
    default the model being fitted; pass the whole FCN when the fitted one is a decoder on cached features).

    Every figure it draws is also kept as a PNG frame (``dpi`` pixels per inch, 750 × 260 at 100), with the
    epoch and the prediction in words. :meth:`animation` replays the frames as an animated PNG and
    :meth:`show_animation` displays it with a text alternative: what a slide deck or a web page, which have no
    kernel behind them, show of the training. At most ``max_frames`` are kept: beyond, every second frame
    between the first and the newest is dropped (so a long run keeps its start, its end and frames between).
    """

    FIGSIZE = (7.5, 2.6)  # inches: 750 px wide at 100 dpi, and titles of 13 pt or more (18 px on a projector)

    def __init__(self, image, mask, *, every: int = 1, title: str = "", model=None, num_classes: int = 2,
                 dpi: int = 100, max_frames: int = 60):
        super().__init__()
        self.image = checks.images(image, "image", batch=False)
        self.mask = checks.label_map(mask, "mask", ndim=(2,), num_classes=num_classes)
        self.every = checks.integer(every, "every")
        self.title = title
        self.predict_with = model
        self.num_classes = num_classes
        self.handle = None
        self.dpi = checks.integer(dpi, "dpi", least=50)
        self.max_frames = checks.integer(max_frames, "max_frames", least=2)
        self.frames = []  # (epoch, PNG bytes, the prediction in words), oldest first
        self.text_px = None  # the frames' smallest text, in their pixels

    def on_epoch_end(self, epoch, logs=None):
        if (epoch + 1) % self.every:
            return
        import matplotlib.pyplot as plt
        from IPython.display import display

        net = self.predict_with if self.predict_with is not None else self.model
        logits = keras.ops.convert_to_numpy(net(self.image[None], training=False))[0]
        panels = (self.image, colour_mask(self.mask, self.num_classes),
                  colour_mask(logits.argmax(-1), self.num_classes))
        names = ("image", "true mask", f"prediction after epoch {epoch + 1}")
        fig, axes = plt.subplots(1, 3, figsize=self.FIGSIZE)
        for ax, shown, name in zip(axes, panels, names, strict=True):
            ax.imshow(shown)
            ax.set_title(name)
            ax.axis("off")
        miou = (logs or {}).get("val_miou")
        fig.suptitle(f"{self.title} — val mIoU {miou:.3f}" if miou is not None else self.title)
        fig.tight_layout()
        prediction = logits.argmax(-1)
        alt = figure_metadata(  # the figure in words, for a screen reader (and its type size)
            f"An image, its true mask ({describe_mask(self.mask)}) and the prediction after epoch "
            f"{epoch + 1} ({describe_mask(prediction)})" if self.num_classes == 2 else
            f"An image, its true mask and the prediction after epoch {epoch + 1}: "
            f"{describe_mask(prediction, self.num_classes)}", fig)
        self._keep_frame(epoch + 1, fig, alt["image/png"].get("text_px"),
                         describe_mask(prediction, None if self.num_classes == 2 else self.num_classes))
        if self.handle is None:
            self.handle = display(fig, display_id=True, metadata=alt)
        else:
            self.handle.update(fig, metadata=alt)
        plt.close(fig)

    def _keep_frame(self, epoch: int, fig, text_px, said: str) -> None:
        """Keep ``fig`` as a PNG at ``self.dpi`` (its whole canvas: every frame has the same size)."""
        from io import BytesIO

        buffer = BytesIO()
        fig.savefig(buffer, format="png", dpi=self.dpi, facecolor="white")
        if text_px is not None:  # the smallest text at the figure's dpi, in the frame's pixels
            self.text_px = round(text_px * self.dpi / fig.dpi, 1)
        self.frames.append((epoch, buffer.getvalue(), said))
        if len(self.frames) > self.max_frames:
            del self.frames[1:-1:2]  # every second frame between the first and the newest

    def animation(self, *, frame_ms: int = 600, hold_ms: int = 1500) -> bytes:
        """The kept frames as an animated PNG (APNG), ``frame_ms`` milliseconds each, the last ``hold_ms``
        longer, looping. Any browser plays it in an ``<img>``, offline; a notebook shows it as ``image/png``."""
        from io import BytesIO

        from PIL import Image

        if not self.frames:
            raise ValueError("animation: no frame yet; it replays the epochs that fit drew (train first)")
        frame_ms = checks.integer(frame_ms, "frame_ms")
        hold_ms = checks.integer(hold_ms, "hold_ms", least=0)
        pictures = [Image.open(BytesIO(png)).convert("RGB") for _, png, _ in self.frames]
        durations = [frame_ms] * len(pictures)
        durations[-1] += hold_ms
        buffer = BytesIO()
        pictures[0].save(buffer, format="PNG", save_all=True, append_images=pictures[1:],
                         duration=durations, loop=0)
        return buffer.getvalue()

    def describe_animation(self) -> str:
        """:meth:`animation` in words: the frames' epochs and the prediction at the first, middle and last."""
        if not self.frames:
            raise ValueError("describe_animation: no frame yet; train first")
        epochs = [epoch for epoch, _, _ in self.frames]
        picks = sorted({0, len(self.frames) // 2, len(self.frames) - 1})
        if len(epochs) == 1:
            which = f"epoch {epochs[0]}"
        elif epochs == list(range(epochs[0], epochs[-1] + 1)):
            which = f"epochs {epochs[0]} to {epochs[-1]}"
        else:
            which = f"epochs {', '.join(map(str, epochs[:-1]))} and {epochs[-1]}"
        truth = describe_mask(self.mask, None if self.num_classes == 2 else self.num_classes)
        steps = "; ".join(f"after epoch {self.frames[k][0]}: {self.frames[k][2]}" for k in picks)
        return (f"An animation of {len(epochs)} frame{'s' if len(epochs) > 1 else ''}, one after each of "
                f"{which}, the last held longer: an image, its true mask ({truth}) and the prediction; {steps}.")

    def show_animation(self, alt: str | None = None, **timing) -> None:
        """Display :meth:`animation` (``timing``: its ``frame_ms``, ``hold_ms``) with a text alternative:
        ``alt`` if given, then :meth:`describe_animation`; the metadata records the frames' smallest text."""
        from base64 import b64encode

        from IPython.display import display

        data = self.animation(**timing)
        meta = figure_metadata(_sentences(alt, self.describe_animation()))
        if self.text_px is not None:
            meta["image/png"]["text_px"] = self.text_px
        display({"image/png": b64encode(data).decode("ascii"),
                 "text/plain": f"<animated PNG: {len(self.frames)} frames, {self.title or 'training'}>"},
                raw=True, metadata=meta)
