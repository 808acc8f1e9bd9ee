"""viz.LivePrediction keeps a frame of every epoch it draws and replays them as an animated PNG: what a slide
deck or a web page (no kernel behind them) shows of the live view. A tiny model trains 3 epochs on CPU."""

from __future__ import annotations

from base64 import b64decode
from io import BytesIO

import keras
import numpy as np
import pytest
from PIL import Image

from fcnlab import viz


@pytest.fixture(scope="module")
def trained():
    """A 2-layer convolutional net fitted 3 epochs on 32×32 images, with the callback."""
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    images = rng.random((8, 32, 32, 3), dtype=np.float32)
    masks = (images[..., 0] > 0.5).astype(np.int64)
    onehot = np.eye(2, dtype=np.float32)[masks]
    model = keras.Sequential([keras.Input((32, 32, 3)), keras.layers.Conv2D(4, 3, padding="same", activation="relu"),
                              keras.layers.Conv2D(2, 1)])
    model.compile(optimizer=keras.optimizers.Adam(1e-2),
                  loss=keras.losses.CategoricalCrossentropy(from_logits=True),
                  metrics=[keras.metrics.OneHotMeanIoU(2, name="miou")])
    live = viz.LivePrediction(images[0], masks[0], title="tiny")
    model.fit(images, onehot, validation_data=(images[:2], onehot[:2]), epochs=3, batch_size=4,
              callbacks=[live], verbose=0)
    return live


def test_every_epoch_is_a_frame_of_the_animated_png(trained):
    data = trained.animation()
    picture = Image.open(BytesIO(data))
    assert picture.format == "PNG" and picture.is_animated and picture.n_frames == 3
    width, height = (round(inches * trained.dpi) for inches in trained.FIGSIZE)
    assert picture.size == (width, height) and width <= 9 * trained.dpi, "one frame: the whole figure"
    assert [epoch for epoch, _, _ in trained.frames] == [1, 2, 3]
    durations = []
    for k in range(picture.n_frames):
        picture.seek(k)
        durations.append(picture.info["duration"])
    assert durations[-1] >= durations[0] + 1000, "the last frame holds longer"
    assert picture.info.get("loop") == 0, "it loops"


def test_the_animation_is_shown_with_its_epochs_in_words(trained, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **kw: shown.append((a, kw)))
    trained.show_animation("The prediction sharpens.")
    ((bundle,), kwargs), = shown
    assert kwargs["raw"] and Image.open(BytesIO(b64decode(bundle["image/png"]))).n_frames == 3
    meta = kwargs["metadata"]["image/png"]
    assert meta["alt"].startswith("The prediction sharpens.")
    assert "epochs 1 to 3" in meta["alt"] and "after epoch 3: road on" in meta["alt"]
    assert meta["text_px"] >= 12 * trained.dpi / 72, "frames' text of 12 pt or more at their dpi"


def test_a_long_run_keeps_its_first_and_last_frames():
    image = np.zeros((8, 8, 3), np.float32)
    model = keras.Sequential([keras.Input((None, None, 3)), keras.layers.Conv2D(2, 1)])
    live = viz.LivePrediction(image, np.zeros((8, 8), np.int64), max_frames=4, dpi=50)
    live.set_model(model)
    live.handle = type("Handle", (), {"update": lambda *a, **kw: None})()  # no display
    for epoch in range(9):
        live.on_epoch_end(epoch)
    epochs = [epoch for epoch, _, _ in live.frames]
    assert len(epochs) <= 4 and epochs[0] == 1 and epochs[-1] == 9
    assert "epochs 1, " in live.describe_animation()


def test_no_animation_before_training():
    live = viz.LivePrediction(np.zeros((8, 8, 3)), np.zeros((8, 8), np.int64))
    with pytest.raises(ValueError, match="train first"):
        live.animation()
