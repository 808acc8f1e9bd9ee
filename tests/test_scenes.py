"""Tests for fcnlab.scenes: the synthetic road-scene generator (shapes, determinism, content)."""

import numpy as np
import pytest

from fcnlab import scenes
from fcnlab.scenes import BUILDING, ROAD, SIDEWALK, SKY, VEGETATION, VEHICLE

SIZE = 96  # small images keep the content tests fast


@pytest.fixture(scope="module")
def twenty():
    """20 scenes of seed 0 at 96 x 96."""
    return scenes.generate_scenes(20, seed=0, size=SIZE, progress=False)


# ----------------------------------------------------------------------------------------------------
# shapes, dtypes, ranges
# ----------------------------------------------------------------------------------------------------
def test_shapes_dtypes_and_ranges(twenty):
    images, class_maps = twenty
    assert images.shape == (20, SIZE, SIZE, 3)
    assert images.dtype == np.float32
    assert class_maps.shape == (20, SIZE, SIZE)
    assert class_maps.dtype == np.uint8
    assert np.isfinite(images).all()
    assert images.min() >= 0.0 and images.max() <= 1.0
    assert class_maps.max() < len(scenes.SCENE_CLASSES) == 6
    # the images are not degenerate: they use a good part of the range and vary within each image
    assert images.min() < 0.1 and images.max() > 0.9
    assert (images.reshape(20, -1).std(axis=1) > 0.03).all()


def test_render_scene_matches_generate_scenes():
    image, class_map = scenes.render_scene(np.random.default_rng([3, 5]), 64)
    images, class_maps = scenes.generate_scenes(1, seed=3, start=5, size=64, progress=False)
    assert image.dtype == np.float32 and class_map.dtype == np.uint8
    assert image.shape == (64, 64, 3) and class_map.shape == (64, 64)
    assert np.array_equal(image, images[0]) and np.array_equal(class_map, class_maps[0])


def test_zero_scenes():
    images, class_maps = scenes.generate_scenes(0, size=64, progress=False)
    assert images.shape == (0, 64, 64, 3) and images.dtype == np.float32
    assert class_maps.shape == (0, 64, 64) and class_maps.dtype == np.uint8


def test_smallest_size_works():
    images, class_maps = scenes.generate_scenes(2, size=32, progress=False)
    assert images.shape == (2, 32, 32, 3) and class_maps.shape == (2, 32, 32)
    assert (class_maps == ROAD).any(axis=(1, 2)).all()


# ----------------------------------------------------------------------------------------------------
# determinism
# ----------------------------------------------------------------------------------------------------
def test_same_seed_gives_byte_identical_arrays():
    a_img, a_map = scenes.generate_scenes(4, seed=11, size=64, progress=False)
    b_img, b_map = scenes.generate_scenes(4, seed=11, size=64, progress=False)
    assert a_img is not b_img
    assert np.array_equal(a_img, b_img) and np.array_equal(a_map, b_map)
    assert a_img.tobytes() == b_img.tobytes()
    assert a_map.tobytes() == b_map.tobytes()


def test_different_seeds_differ():
    a_img, a_map = scenes.generate_scenes(4, seed=0, size=64, progress=False)
    b_img, b_map = scenes.generate_scenes(4, seed=1, size=64, progress=False)
    for k in range(4):  # every scene differs, not just one of them
        assert not np.array_equal(a_img[k], b_img[k])
        assert not np.array_equal(a_map[k], b_map[k])


def test_scenes_within_one_dataset_differ(twenty):
    images, class_maps = twenty
    flat = images.reshape(20, -1)
    for i in range(20):
        for j in range(i + 1, 20):
            assert np.abs(flat[i] - flat[j]).mean() > 0.01, (i, j)


def test_scene_i_does_not_depend_on_n_or_start():
    all_img, all_map = scenes.generate_scenes(10, seed=4, size=64, progress=False)
    part_img, part_map = scenes.generate_scenes(5, seed=4, start=3, size=64, progress=False)
    for k in range(5):
        assert np.array_equal(part_img[k], all_img[3 + k])
        assert np.array_equal(part_map[k], all_map[3 + k])
        assert part_img[k].tobytes() == all_img[3 + k].tobytes()


def test_progress_bar_does_not_change_the_result():
    quiet = scenes.generate_scenes(2, seed=2, size=48, progress=False)
    loud = scenes.generate_scenes(2, seed=2, size=48, progress=True)
    assert np.array_equal(quiet[0], loud[0]) and np.array_equal(quiet[1], loud[1])


# ----------------------------------------------------------------------------------------------------
# content
# ----------------------------------------------------------------------------------------------------
def test_all_six_classes_appear_across_twenty_scenes(twenty):
    _, class_maps = twenty
    present = {int(c) for c in np.unique(class_maps)}
    assert present == set(range(6)), f"missing classes: {set(range(6)) - present}"


def test_road_present_in_every_image(twenty):
    _, class_maps = twenty
    road_fraction = (class_maps == ROAD).mean(axis=(1, 2))
    assert (road_fraction > 0.02).all(), road_fraction


def test_layout_sky_above_road(twenty):
    """The camera looks down a road: sky only in the top half, road only in the bottom ~70 %."""
    _, class_maps = twenty
    rows = np.arange(SIZE)[None, :, None]
    assert not ((class_maps == SKY) & (rows >= SIZE * 0.5)).any()
    assert not ((class_maps == ROAD) & (rows < SIZE * 0.29)).any()
    # every image has sky or skyline (buildings / trees) in its top row
    top = class_maps[:, 0, :]
    assert np.isin(top, (SKY, BUILDING, VEGETATION)).all()
    # the bottom row is ground: road, sidewalk, terrain (vegetation) or a vehicle
    assert np.isin(class_maps[:, -1, :], (ROAD, SIDEWALK, VEGETATION, VEHICLE)).all()


def test_sidewalks_share_the_road_colour():
    """Sidewalks are painted in the road's colour (curb and paving tell them apart, not colour).

    Per scene, compare the median colour of the sidewalk pixels with the median road colour, and, as a
    reference, the median colour of the terrain (vegetation below the horizon, which is above mid-height)
    with the median road colour. Medians ignore lane markings, curbs, joints and most shadows.
    """
    size = 128
    images, class_maps = scenes.generate_scenes(40, seed=0, size=size, progress=False)
    sidewalk_road, terrain_road = [], []
    for image, class_map in zip(images, class_maps, strict=True):
        road, sidewalk = class_map == ROAD, class_map == SIDEWALK
        terrain = class_map == VEGETATION
        terrain[: size // 2] = False
        if sidewalk.sum() < 50 or terrain.sum() < 50:
            continue
        road_colour = np.median(image[road], axis=0)
        sidewalk_road.append(np.linalg.norm(np.median(image[sidewalk], axis=0) - road_colour))
        terrain_road.append(np.linalg.norm(np.median(image[terrain], axis=0) - road_colour))
    sidewalk_road, terrain_road = np.array(sidewalk_road), np.array(terrain_road)
    assert len(sidewalk_road) >= 25, "too few scenes with both sidewalk and terrain"
    summary = (f"sidewalk-road: median {np.median(sidewalk_road):.3f} mean {sidewalk_road.mean():.3f}; "
               f"terrain-road: mean {terrain_road.mean():.3f}")
    assert np.median(sidewalk_road) < 0.06, summary
    assert sidewalk_road.mean() < 0.35 * terrain_road.mean(), summary
    assert (sidewalk_road < terrain_road).mean() >= 0.8, summary


def test_vehicles_are_never_road_in_the_lesson_labels():
    """Vehicles stand on the road but are 'not road': the binary labels must agree with the class map."""
    from fcnlab import data

    full = data.load_lesson_data(classes="full", n_train=10, n_test=2, size=64, seed=5)
    binary = data.load_lesson_data(classes="binary", n_train=10, n_test=2, size=64, seed=5)
    class_maps = np.concatenate([full.train_masks, full.test_masks])
    road = np.concatenate([binary.train_masks, binary.test_masks])
    vehicle = class_maps == VEHICLE
    assert vehicle.any(), "no vehicle in these scenes: pick another seed"
    assert not road[vehicle].any()
    assert np.array_equal(road == 1, class_maps == ROAD)


def test_vehicles_sit_on_the_road(twenty):
    """Each vehicle's lowest pixels touch road pixels (a vehicle is painted over the road, not beside it)."""
    _, class_maps = twenty
    checked = 0
    for class_map in class_maps:
        vehicle = class_map == VEHICLE
        if not vehicle.any():
            continue
        checked += 1
        # pixels next to a vehicle (4-neighbourhood), not vehicles themselves
        grown = vehicle.copy()
        grown[1:] |= vehicle[:-1]
        grown[:-1] |= vehicle[1:]
        grown[:, 1:] |= vehicle[:, :-1]
        grown[:, :-1] |= vehicle[:, 1:]
        ring = grown & ~vehicle
        assert (class_map[ring] == ROAD).mean() > 0.3
    assert checked >= 10


# ----------------------------------------------------------------------------------------------------
# wrong arguments: one table of (call, exception, the argument the message names)
# ----------------------------------------------------------------------------------------------------
def _generate(n=1, **kwargs):
    return lambda: scenes.generate_scenes(n, progress=False, **kwargs)


ERRORS = [
    pytest.param(_generate(-1), ValueError, "n", id="n-negative"),
    pytest.param(_generate(2.0), ValueError, "n", id="n-float"),
    pytest.param(_generate(True), ValueError, "n", id="n-bool"),
    pytest.param(_generate(seed=-1), ValueError, "seed", id="seed-negative"),
    pytest.param(_generate(seed=1.5), ValueError, "seed", id="seed-float"),
    pytest.param(_generate(seed=None), ValueError, "seed", id="seed-none"),
    pytest.param(_generate(start=-1), ValueError, "start", id="start"),
    pytest.param(_generate(size=31), ValueError, "size", id="size"),
    pytest.param(_generate(size=64.0), ValueError, "size",
                 id="size-float"),
]


@pytest.mark.parametrize(("call", "error", "named"), ERRORS)
def test_wrong_arguments_raise_errors_that_name_them(call, error, named):
    with pytest.raises(error) as info:
        call()
    assert named in str(info.value)


def test_numpy_integers_are_accepted():
    images, _ = scenes.generate_scenes(np.int64(1), seed=np.int32(2), size=np.int64(40), progress=False)
    assert images.shape == (1, 40, 40, 3)
