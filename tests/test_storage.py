"""fcnlab.storage: where files go (build dir, Drive) and that everything saved belongs to the run that made it."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from fcnlab import data, profile, storage


@pytest.fixture(scope="module")
def tiny_data():
    return data.load_lesson_data(n_train=6, n_test=2, size=32)


def test_build_dir_follows_the_environment_then_drive_then_the_notebooks_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(storage, "DRIVE_ROOT", tmp_path / "drive" / "MyDrive")
    monkeypatch.setenv("FCNLAB_BUILD_DIR", str(tmp_path / "b"))
    assert storage.build_dir() == tmp_path / "b"
    monkeypatch.delenv("FCNLAB_BUILD_DIR")
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    assert storage.build_dir() == tmp_path / "build"
    monkeypatch.chdir(tmp_path)
    assert storage.build_dir() == tmp_path / "build"
    (tmp_path / "drive" / "MyDrive").mkdir(parents=True)  # Colab with Drive mounted
    assert storage.build_dir() == tmp_path / "drive" / "MyDrive" / "fcnlab"


def test_the_run_key_changes_with_profile_data_and_classes(tiny_data):
    fast, smoke = profile.get("fast"), profile.get("smoke")
    key = storage.Run.of(fast, tiny_data).key
    assert key == storage.Run.of(fast, tiny_data).key, "the same run, the same key"
    assert key.startswith("fast-synthetic-road-scenes-2c-")
    others = {
        "another profile": storage.Run.of(smoke, tiny_data),
        "another setting of the profile": storage.Run.of(dataclasses.replace(fast, epochs=99), tiny_data),
        "other images": storage.Run.of(fast, data.load_lesson_data(n_train=6, n_test=2, size=32, seed=1)),
        "other classes": storage.Run.of(fast, data.load_lesson_data(n_train=6, n_test=2, size=32, classes="full")),
        "no test labels": storage.Run.of(fast, dataclasses.replace(tiny_data, test_labels=None)),
    }
    for what, run in others.items():
        assert run.key != key, what
    json.dumps(storage.Run.of(fast, tiny_data).identity)  # the identity is plain JSON


def test_a_folder_source_gets_a_short_readable_key(tmp_path, tiny_data):
    folder = dataclasses.replace(tiny_data, source=str(tmp_path / "DL_Colab" / "DL_data"))
    assert storage.Run.of(profile.get("full"), folder).key.startswith("full-dl-data-2c-")


def test_results_record_the_profile_and_the_data(tmp_path, monkeypatch, tiny_data):
    monkeypatch.setenv("FCNLAB_BUILD_DIR", str(tmp_path))
    run = storage.Run.of(profile.get("fast"), tiny_data)
    path = storage.save_result("fcn8s", {"mean_iou": 0.5}, run, epochs=3)
    saved = json.loads(path.read_text())
    assert saved == {"mean_iou": 0.5, "epochs": 3, "profile": "fast", "data": tiny_data.source,
                     "classes": ["not road", "road"], "run": run.key}
    assert storage.load_results(run) == {"fcn8s": saved}
    assert storage.load_results(storage.Run.of(profile.get("smoke"), tiny_data)) == {}


def test_a_model_is_loaded_only_with_a_sidecar_naming_its_run(tmp_path, monkeypatch, tiny_data):
    from fcnlab.models import build_fcn

    monkeypatch.setenv("FCNLAB_BUILD_DIR", str(tmp_path))
    run = storage.Run.of(profile.get("fast"), tiny_data)
    model = build_fcn("fcn32s", weights=None, width=0.125, head_channels=8)
    model.compile(optimizer="adam", loss="mse")
    path = storage.save_model(model, run, "fcn32s", stages=[{"stage": "train"}])
    sidecar = json.loads(path.with_suffix(".json").read_text())
    assert sidecar["run"] == run.identity and sidecar["stages"] == [{"stage": "train"}]
    loaded = storage.load_model(run, "fcn32s")
    x = tiny_data.test_images
    np.testing.assert_allclose(loaded(x, training=False), model(x, training=False), atol=1e-6)
    assert not loaded.compiled, "the file holds no optimiser (state): it is for predicting"

    said = []
    path.with_suffix(".json").unlink()
    assert storage.load_model(run, "fcn32s", say=said.append) is None
    assert said and "no sidecar" in said[0]
    assert storage.load_model(storage.Run.of(profile.get("smoke"), tiny_data), "fcn32s", say=said.append) is None
    assert any("not using" in line for line in said)
