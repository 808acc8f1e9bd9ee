"""fcnlab.training on small lesson data: the loss falls, runs are deterministic, stages copy and change the
right weights, and saved models belong to their run (resuming: tests/test_checkpoints.py; the strategy:
tests/test_devices.py)."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from fcnlab import data, evaluation, profile, storage, training

TINY = dataclasses.replace(profile.get("fast"), epochs=3, refine_epochs=1, head_channels=32, validation_images=4)


@pytest.fixture(scope="module")
def small_lesson():
    # the first 28 scenes of the lesson data, at 64 x 64 so that a few epochs take seconds
    return data.load_lesson_data(n_train=24, n_test=4, size=64)


def test_splits_follow_the_profile(small_lesson):
    s = training.splits(small_lesson, TINY)
    assert len(s.train_images) == 20 and len(s.val_images) == 4 and s.report.name == "test"
    np.testing.assert_array_equal(s.val_images, small_lesson.train_images[20:24])
    np.testing.assert_array_equal(s.report.labels, small_lesson.test_labels)
    few = training.splits(small_lesson, dataclasses.replace(TINY, train_images=10, validation_images=2,
                                                            report_images=3))
    assert len(few.train_images) == 8 and len(few.report.images) == 3
    np.testing.assert_array_equal(few.val_images, small_lesson.train_images[8:10])
    # data without test labels (the lecture's files): the run reports on the validation split
    unlabelled = dataclasses.replace(small_lesson, test_labels=None)
    held_out = data.report_split(unlabelled, 4)
    assert held_out.name == "validation"
    np.testing.assert_array_equal(held_out.labels, small_lesson.train_labels[-4:])
    np.testing.assert_array_equal(held_out.masks, small_lesson.train_masks[-4:])
    assert data.report_split(small_lesson).name == "test"
    s = training.splits(unlabelled, TINY)
    assert s.report.name == "validation"
    np.testing.assert_array_equal(s.report.images, s.val_images)


def test_training_lowers_the_loss_and_saves_model_and_result_for_its_run(small_lesson, build):
    run = training.train_fcn("fcn8s", small_lesson, TINY, seed=1)
    losses = run.history["loss"]
    assert len(losses) == TINY.epochs
    assert losses[-1] < losses[0], f"the loss did not fall: {losses}"
    assert run.report["split"] == "test" and 0 <= run.report["mean_iou"] <= 1
    key = storage.Run.of(TINY, small_lesson)
    saved = json.loads(key.result_path("fcn8s").read_text())
    assert saved["mean_iou"] == pytest.approx(run.report["mean_iou"])
    assert saved["profile"] == "fast" and saved["data"] == small_lesson.source and saved["train_seconds"] > 0
    sidecar = json.loads(key.model_path("fcn8s").with_suffix(".json").read_text())
    assert sidecar["run"] == key.identity and sidecar["variant"] == "fcn8s"
    # load_or_train loads the saved model (safe mode) instead of training again
    said = []
    loaded = training.load_or_train("fcn8s", small_lesson, TINY, say=said.append)
    assert said == [f"fcn8s: loaded from {key.key}"], said
    np.testing.assert_allclose(evaluation.predict_logits(loaded, small_lesson.test_images),
                               evaluation.predict_logits(run.model, small_lesson.test_images), atol=1e-5)


def test_same_seed_same_metrics(small_lesson, build):
    first = training.train_fcn("fcn16s", small_lesson, TINY, seed=3, epochs=2, save=False)
    second = training.train_fcn("fcn16s", small_lesson, TINY, seed=3, epochs=2, save=False)
    assert first.history == second.history
    assert first.report == second.report


def test_load_or_train_never_loads_a_model_of_another_profile(small_lesson, build):
    """A build folder holding smoke-profile models: the fast profile trains (and says why), it loads nothing."""
    from fcnlab.models import build_fcn

    smoke = profile.get("smoke")
    smoke_run = storage.Run.of(smoke, small_lesson)
    big = build_fcn("fcn32s", weights=None, width=1.0, head_channels=64, dropout=0.5, freeze_fc=True)
    storage.save_model(big, smoke_run, "fcn32s")
    said = []
    model = training.load_or_train("fcn32s", small_lesson, TINY, say=said.append)
    assert model.get_layer("fc7").filters == TINY.head_channels, "a fast-profile model"
    assert any("not using" in line and smoke_run.key in line for line in said), said
    assert storage.Run.of(TINY, small_lesson).model_path("fcn32s").exists()
    # a file at the fast run's own path whose sidecar names the smoke run is not loaded either
    fast_run = storage.Run.of(TINY, small_lesson)
    sidecar = fast_run.model_path("fcn32s").with_suffix(".json")
    sidecar.write_text(json.dumps({"variant": "fcn32s", "run": smoke_run.identity}))
    said.clear()
    assert storage.load_model(fast_run, "fcn32s", say=said.append) is None
    assert any("another run" in line for line in said), said


def test_load_or_train_trains_the_stages_in_order_and_records_them(small_lesson, build):
    staged = dataclasses.replace(TINY, epochs=2, refine_epochs=1, head_channels=16)
    model = training.load_or_train("fcn16s", small_lesson, staged, say=lambda line: None)
    assert model.name == "fcn16s"
    results = storage.load_results(storage.Run.of(staged, small_lesson))
    assert results["fcn32s"]["epochs"] == 2 and results["fcn32s"]["init_from"] is None
    assert results["fcn16s"]["epochs"] == 1 and results["fcn16s"]["init_from"] == "fcn32s"
    # the control: FCN-32s continued for FCN-16s' refinement stage, from the same saved FCN-32s, no skip
    said = []
    control = training.load_or_train("fcn32s_as_16s", small_lesson, staged, say=said.append)
    # one line for the model, in order: the FCN-32s it starts from was only loaded, and is named in it
    assert said == ["fcn32s_as_16s: not saved for this run yet; trained now from fcn32s"], said
    assert control.name == "fcn32s" and "score_pool4" not in [layer.name for layer in control.layers]
    results = storage.load_results(storage.Run.of(staged, small_lesson))
    assert results["fcn32s_as_16s"]["epochs"] == 1 and results["fcn32s_as_16s"]["init_from"] == "fcn32s"
    # the second control continues the first (FCN-8s' two refinement stages), and its result says so
    training.load_or_train("fcn32s_as_8s", small_lesson, staged, say=lambda line: None)
    results = storage.load_results(storage.Run.of(staged, small_lesson))
    assert results["fcn32s_as_8s"]["init_from"] == "fcn32s_as_16s"
    with pytest.raises(ValueError, match="unknown model"):
        training.recipe("fcn4s")


def test_init_from_coarser_copies_the_shared_layers_and_keeps_the_new_skip_at_zero(small_lesson):
    """Staged training: FCN-16s copies FCN-32s' layers; its zero skip leaves the prediction (almost) unchanged."""
    from fcnlab.models import build_fcn

    kwargs = dict(weights=None, width=0.125, head_channels=16, batch_norm=True, freeze_backbone=False)
    fcn32s = build_fcn("fcn32s", **kwargs)
    for layer in fcn32s.layers:  # pretend it was trained: weights no fresh model has
        if layer.weights:
            layer.set_weights([w + 0.05 for w in layer.get_weights()])
    fcn16s = build_fcn("fcn16s", **kwargs)
    copied = training.init_from_coarser(fcn16s, fcn32s)
    assert set(copied) == {"backbone", "fc6", "fc7", "score_fr"}
    for name in copied:  # every weight of every shared layer, the encoder's too
        for a, b in zip(fcn16s.get_layer(name).get_weights(), fcn32s.get_layer(name).get_weights(), strict=True):
            np.testing.assert_array_equal(a, b)
    assert not fcn16s.get_layer("score_pool4").get_weights()[0].any()  # the new skip still starts at zero
    # x2 then x16 bilinear is not exactly x32 bilinear (borders), but the label maps agree almost everywhere
    x = small_lesson.test_images
    same = np.mean(evaluation.predict_labels(fcn16s, x) == evaluation.predict_labels(fcn32s, x))
    assert same > 0.95, same
    fcn8s = build_fcn("fcn8s", **kwargs)
    assert set(training.init_from_coarser(fcn8s, fcn16s)) == {"backbone", "fc6", "fc7", "score_fr", "upscore2",
                                                               "score_pool4"}
    with pytest.raises(ValueError, match="not a coarser FCN"):
        training.init_from_coarser(fcn32s, fcn16s)
    with pytest.raises(ValueError, match="other shapes"):
        training.init_from_coarser(build_fcn("fcn16s", **{**kwargs, "head_channels": 8}), fcn32s)


def test_fine_tune_trains_the_encoder_kernels(small_lesson, build):
    """Stage 2 changes the encoder's convolution kernels (not just batch-norm statistics) and fc6 / fc7."""
    full_like = dataclasses.replace(TINY, freeze_backbone=True, freeze_fc=True, batch_norm=False, epochs=1,
                                    head_channels=16, cache_features=True, augment=False)
    run = training.train_fcn("fcn32s", small_lesson, full_like, save=False)
    model = run.model
    assert not model.get_layer("backbone").trainable and not model.get_layer("fc6").trainable
    kernels = {name: model.get_layer("backbone").get_layer(name).kernel for name in ("block1_conv1", "block5_conv3")}
    before = {name: np.array(k) for name, k in kernels.items()}
    fc6_before = np.array(model.get_layer("fc6").kernel)
    history = training.fine_tune(model, small_lesson, full_like, epochs=1, learning_rate=1e-3)
    assert len(history["loss"]) == 1
    for name, kernel in kernels.items():
        assert not np.allclose(np.array(kernel), before[name]), f"{name} was not trained"
    assert not np.allclose(np.array(model.get_layer("fc6").kernel), fc6_before), "fc6 was not trained"


def test_the_cached_stage_and_fine_tuning_save_once_after_the_last_stage(small_lesson, build):
    two_stage = dataclasses.replace(TINY, freeze_backbone=True, freeze_fc=True, epochs=1, fine_tune_epochs=1,
                                    head_channels=16, cache_features=True)
    run = training.train_fcn("fcn32s", small_lesson, two_stage)
    key = storage.Run.of(two_stage, small_lesson)
    result = json.loads(key.result_path("fcn32s").read_text())
    assert [s["stage"] for s in result["stages"]] == ["train", "fine-tune"] and result["epochs"] == 2
    assert result["mean_iou"] == pytest.approx(run.report["mean_iou"])
    loaded = storage.load_model(key, "fcn32s")
    np.testing.assert_allclose(evaluation.predict_logits(loaded, small_lesson.test_images),
                               evaluation.predict_logits(run.model, small_lesson.test_images), atol=1e-5)


def test_evaluation_predicts_the_argmax_of_the_logits_and_scores_it_with_the_metrics(small_lesson):
    from fcnlab import metrics
    from fcnlab.models import build_fcn

    model = build_fcn("fcn32s", weights=None, width=0.125, head_channels=8)
    images = small_lesson.test_images
    direct = np.asarray(model(images, training=False))
    np.testing.assert_allclose(evaluation.predict_logits(model, images, batch_size=3), direct, atol=1e-5)
    labels = evaluation.predict_labels(model, images, batch_size=3)
    np.testing.assert_array_equal(labels, direct.argmax(-1))
    split = data.report_split(small_lesson)
    report = evaluation.evaluate_split(model, split, small_lesson.class_names)
    assert report["split"] == "test" and report["images"] == len(images)
    assert report["mean_iou"] == pytest.approx(metrics.mean_iou(split.masks, labels, 2), nan_ok=True)
    with pytest.raises(ValueError, match="images"):
        evaluation.predict_labels(model, images[0])
