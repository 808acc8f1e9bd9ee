"""Every palette of fcnlab.viz can be told apart by colour-blind students.

For every fixed palette (``viz.PALETTES``: the error map, the binary and the scene classes) and every
``viz.class_palette(n)`` up to ``viz.SAFE_CLASSES`` classes, any two colours must stay at least
``CVD_BOUND`` apart (CIELAB ΔE76) after a full-severity simulation of deuteranopia, protanopia and tritanopia
(Machado, Oliveira & Fernandes 2009, as colorspacious implements it), and ``NORMAL_BOUND`` apart for normal
vision. A new palette in ``viz.PALETTES`` is checked without a new test. Also: the road keeps one colour in
every palette, and red means an error.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from colorspacious import cspace_convert

from fcnlab import viz

NORMAL_BOUND, CVD_BOUND = 45.0, 30.0
VISIONS = {"normal vision": None, "deuteranopia": "deuteranomaly", "protanopia": "protanomaly",
           "tritanopia": "tritanomaly"}


def seen(colours, vision: str) -> np.ndarray:
    """sRGB colours (in [0, 1]) in CIELAB, as a reader with ``vision`` sees them (severity 100)."""
    rgb = np.asarray(colours, dtype=np.float64)
    if VISIONS[vision] is not None:
        cvd = {"name": "sRGB1+CVD", "cvd_type": VISIONS[vision], "severity": 100}
        rgb = np.clip(cspace_convert(rgb, cvd, "sRGB1"), 0, 1)
    return cspace_convert(rgb, "sRGB1", "CIELab")


def closest_pair(named: dict, vision: str) -> tuple[float, str, str]:
    """The smallest ΔE76 between two colours of ``named`` ({name: RGB}) and which two they are."""
    names = list(named)
    lab = seen([named[n] for n in names], vision)
    return min((float(np.linalg.norm(lab[i] - lab[j])), names[i], names[j])
               for i, j in itertools.combinations(range(len(names)), 2))


def palettes() -> dict[str, dict]:
    found = {name: dict(colours) for name, colours in viz.PALETTES.items()}
    for n in range(2, viz.SAFE_CLASSES + 1):
        found[f"class_palette({n})"] = {f"class {k}": tuple(c) for k, c in enumerate(viz.class_palette(n))}
    return found


def too_close(named: dict) -> list[str]:
    """Every vision under which two colours of ``named`` are closer than the bound, in words."""
    problems = []
    for vision in VISIONS:
        bound = NORMAL_BOUND if vision == "normal vision" else CVD_BOUND
        distance, a, b = closest_pair(named, vision)
        if distance < bound:
            problems.append(f"{a} and {b}: ΔE76 {distance:.1f} < {bound:g} for {vision}")
    return problems


@pytest.mark.parametrize("name", list(palettes()))
def test_every_palette_is_told_apart_with_every_vision(name):
    problems = too_close(palettes()[name])
    assert not problems, f"palette {name!r}: " + "; ".join(problems)


def test_the_bounds_catch_a_red_green_error_map():
    red_green = {**viz.ERROR_COLOURS, "TP": (0.30, 0.80, 0.35), "FP": (0.90, 0.20, 0.20)}
    problems = too_close(red_green)
    assert problems and all("deuteranopia" in p or "protanopia" in p for p in problems), problems
    assert closest_pair(red_green, "normal vision")[0] > NORMAL_BOUND  # fine for normal vision alone


def test_road_keeps_its_colour_and_red_means_an_error():
    assert viz.PALETTES["binary classes"]["road"] == viz.ROAD_COLOUR
    assert viz.PALETTES["scene classes"]["road"] == viz.ROAD_COLOUR
    assert tuple(viz.class_palette(2)[1]) == viz.ROAD_COLOUR
    r, g, b = viz.ERROR_COLOURS["FP"]
    assert r > 0.8 and g < 0.3 and b < 0.3, "the false positives are red"
    _, a, b_lab = seen([viz.ERROR_COLOURS["FP"]], "normal vision")[0]
    hue = np.degrees(np.arctan2(b_lab, a))
    for name, colours in palettes().items():
        if name == "error map":
            continue
        for colour_name, colour in colours.items():
            _, a2, b2 = seen([colour], "normal vision")[0]
            close_hue = abs((np.degrees(np.arctan2(b2, a2)) - hue + 180) % 360 - 180) < 20
            assert not (close_hue and np.hypot(a2, b2) > 50), f"{name}: {colour_name} looks like an error's red"
