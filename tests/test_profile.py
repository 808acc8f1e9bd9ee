"""Tests for fcnlab.profile: choosing the run profile from the environment and the GPU."""

import dataclasses

import pytest

from fcnlab import profile


@pytest.fixture
def gpu(monkeypatch):
    """Set what gpu_available() reports (and count the calls); never imports TensorFlow."""
    def set_gpu(available: bool):
        calls = []

        def fake():
            calls.append(available)
            return available

        monkeypatch.setattr(profile, "gpu_available", fake)
        return calls

    return set_gpu


@pytest.mark.parametrize(("value", "expected"), [("fast", "fast"), ("full", "full"), ("FULL", "full"),
                                                 (" Fast ", "fast"), ("full\n", "full")])
def test_fcnlab_profile_selects_the_profile(gpu, value, expected):
    calls = gpu(expected == "fast")  # the GPU says the opposite of what is requested: the variable wins
    chosen = profile.current({"FCNLAB_PROFILE": value})
    assert chosen is profile.PROFILES[expected]
    assert chosen.name == expected
    assert calls == [], "FCNLAB_PROFILE is set: no need to ask TensorFlow about GPUs"


def test_fcnlab_profile_wins_over_ci(gpu):
    gpu(False)
    assert profile.current({"FCNLAB_PROFILE": "full", "CI": "true"}).name == "full"


@pytest.mark.parametrize("value", ["medium", "gpu", "fastest", "fast,full"])
def test_unknown_profile_name_raises(gpu, value):
    gpu(True)
    with pytest.raises(ValueError, match=r"FCNLAB_PROFILE=.*is not a profile; expected one of fast, full") as info:
        profile.current({"FCNLAB_PROFILE": value})
    assert repr(value) in str(info.value)


def test_empty_fcnlab_profile_counts_as_unset(gpu):
    gpu(True)
    assert profile.current({"FCNLAB_PROFILE": "  "}).name == "full"
    gpu(False)
    assert profile.current({"FCNLAB_PROFILE": ""}).name == "fast"


@pytest.mark.parametrize("value", ["true", "TRUE", "True", "1", "yes", " true "])
def test_ci_forces_fast_even_with_a_gpu(gpu, value):
    calls = gpu(True)
    assert profile.current({"CI": value}).name == "fast"
    assert calls == []


@pytest.mark.parametrize("value", ["false", "0", "", "no"])
def test_ci_false_does_not_force_fast(gpu, value):
    gpu(True)
    assert profile.current({"CI": value}).name == "full"


def test_no_environment_uses_the_gpu(gpu):
    calls = gpu(False)
    assert profile.current({}) is profile.PROFILES["fast"]
    calls = gpu(True)
    assert profile.current({}) is profile.PROFILES["full"]
    assert calls == [True]


def test_current_reads_os_environ_by_default(gpu, monkeypatch):
    gpu(True)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("FCNLAB_PROFILE", "fast")
    assert profile.current().name == "fast"
    monkeypatch.delenv("FCNLAB_PROFILE")
    assert profile.current().name == "full"
    monkeypatch.setenv("CI", "true")
    assert profile.current().name == "fast"


def test_get():
    assert profile.get("fast") is profile.PROFILES["fast"]
    assert profile.get("full") is profile.PROFILES["full"]
    with pytest.raises(ValueError, match=r"^profile: unknown name 'x'; expected one of fast, full, smoke$"):
        profile.get("x")
    with pytest.raises(ValueError, match=r"profile: unknown name 'FAST'"):
        profile.get("FAST")  # get() takes the exact name; only the environment variable is case-insensitive


def test_profiles_are_named_by_their_keys():
    assert set(profile.PROFILES) == {"fast", "full", "smoke"}
    for name, p in profile.PROFILES.items():
        assert p.name == name


def test_smoke_profile_is_the_full_network_on_a_handful_of_images():
    """CI runs the GPU student's path under ``smoke``: the same network and stages, only fewer images and
    epochs, and random weights (no download)."""
    full, smoke = profile.get("full"), profile.get("smoke")
    same = ("backbone_width", "freeze_backbone", "batch_norm", "head_channels", "freeze_fc", "dropout",
            "cache_features", "mixed_precision", "augment")
    assert {f: getattr(smoke, f) for f in same} == {f: getattr(full, f) for f in same}
    assert smoke.weights is None and smoke.fc_weights is None
    assert smoke.fine_tune_epochs >= 1 and smoke.refine_epochs >= 1  # every stage runs
    assert smoke.train_images < 20 and smoke.epochs <= 2
    assert smoke.fine_tune_backup_seconds == 0  # a backup every epoch: the backup path runs too


@pytest.mark.parametrize("name", ["fast", "full", "smoke"])
def test_profile_fields_are_sane(name):
    p = profile.get(name)
    assert isinstance(p.epochs, int) and p.epochs >= 1
    assert isinstance(p.batch_size, int) and p.batch_size >= 1
    assert isinstance(p.head_channels, int) and p.head_channels >= 1
    assert 0 < p.learning_rate < 1
    assert isinstance(p.augment, bool) and isinstance(p.batch_norm, bool)
    assert p.description and isinstance(p.description, str)
    assert 0 <= getattr(p, "dropout", 0.0) < 1
    # the VGG16 channel widths (64 ... 512) scaled by backbone_width are whole numbers of channels
    assert all((c * p.backbone_width).is_integer() for c in (64, 128, 256, 512))


def test_full_is_bigger_than_fast():
    fast, full = profile.get("fast"), profile.get("full")
    assert full.backbone_width > fast.backbone_width
    assert full.head_channels > fast.head_channels


def test_profiles_are_frozen_and_as_dict_round_trips():
    fast = profile.get("fast")
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.epochs = 1  # type: ignore[misc]
    d = fast.as_dict()
    assert d["name"] == "fast" and set(d) == {f.name for f in dataclasses.fields(profile.Profile)}
    assert profile.Profile(**d) == fast
