"""What lesson 5 takes for granted about the package, checked here instead of in the lesson.

Lesson 5's comparison table lists each model's epoch budget as the profile's first stage (``epochs`` plus
``fine_tune_epochs``) plus one ``refine_epochs`` per refinement stage: FCN-16s and its control one, FCN-8s and
its control two. That is only an honest comparison if every control continues exactly as many stages as its skip
twin, which these tests hold the recipes (``training.recipe``, ``COARSER``, ``CONTROLS``) to.
"""

from __future__ import annotations

import pytest

from fcnlab import training
from fcnlab.profile import PROFILES

LESSON_TABLE = {"fcn32s": 0, "fcn16s": 1, "fcn8s": 2, "fcn32s_as_16s": 1, "fcn32s_as_8s": 2}  # refinements
TWINS = {"fcn32s_as_16s": "fcn16s", "fcn32s_as_8s": "fcn8s"}


def _budget(name: str, profile) -> int:
    """Epochs of ``name`` and of every model it continues, from the recipes alone."""
    _, start = training.recipe(name)
    own = profile.refine_epochs if start else profile.epochs + profile.fine_tune_epochs
    return own + (_budget(start, profile) if start else 0)


@pytest.mark.parametrize("profile", PROFILES.values(), ids=list(PROFILES))
def test_the_lesson_table_budgets_follow_the_recipes(profile):
    first = profile.epochs + profile.fine_tune_epochs
    for name, refinements in LESSON_TABLE.items():
        assert _budget(name, profile) == first + refinements * profile.refine_epochs, name


def test_the_table_lists_every_control():
    assert set(training.CONTROLS) == set(TWINS) <= set(LESSON_TABLE)


@pytest.mark.parametrize("profile", PROFILES.values(), ids=list(PROFILES))
def test_every_control_trains_as_long_as_its_skip_twin_without_a_skip(profile):
    for control, twin in TWINS.items():
        assert training.recipe(control)[0] == "fcn32s", f"{control} is FCN-32s (no skip)"
        assert _budget(control, profile) == _budget(twin, profile), (control, twin)
        assert _budget(control, profile) > _budget("fcn32s", profile)
