"""Synthetic road scenes: the lesson dataset, generated deterministically from a seed.

Each scene is a camera looking down a road that bends toward a vanishing point. The generator paints a
*class map* first (every pixel gets one of :data:`SCENE_CLASSES`) and then colours it, so the labels are
exact by construction. It is built so that a colour rule is not enough to find the road:

- the road's colour changes from scene to scene (grey, dark, light concrete, reddish, dirt);
- sidewalks and parking areas have the road's colour but are *not* road (a curb and paving joints tell them
  apart);
- terrain may be gravel or dirt, walls and buildings may be grey, an overcast sky may be grey;
- shadows cross the road, lane markings are road, vehicles on the road are not road;
- every image gets its own lighting (gain, colour cast, gamma) and sensor noise.

Only numpy is used (no TensorFlow), so the data can be generated anywhere, quickly and offline.
Image ``i`` of a dataset with seed ``s`` is drawn from ``np.random.default_rng([s, i])`` alone: the same
seed gives byte-identical arrays, and one image can be re-rendered on its own.
"""

from __future__ import annotations

import numpy as np

from fcnlab import checks

#: The full class map the generator keeps (index -> name). The lessons collapse it to road / not road.
SCENE_CLASSES = ("sky", "building", "vegetation", "sidewalk", "road", "vehicle")
SKY, BUILDING, VEGETATION, SIDEWALK, ROAD, VEHICLE = range(len(SCENE_CLASSES))

#: Road colours (RGB in [0, 1]) a scene picks from, before a per-scene jitter.
ROAD_COLOURS = {
    "asphalt": (0.42, 0.42, 0.44),
    "dark asphalt": (0.22, 0.22, 0.24),
    "concrete": (0.62, 0.61, 0.58),
    "reddish": (0.55, 0.34, 0.30),
    "dirt": (0.58, 0.47, 0.33),
}
TERRAIN_COLOURS = {
    "grass": (0.30, 0.48, 0.20),
    "dry grass": (0.60, 0.55, 0.34),
    "dirt": (0.52, 0.41, 0.29),
    "gravel": (0.48, 0.47, 0.46),
}
SKY_COLOURS = {
    "blue": ((0.40, 0.60, 0.92), (0.72, 0.84, 0.97)),  # (top, horizon)
    "overcast": ((0.52, 0.53, 0.56), (0.72, 0.73, 0.75)),
    "dusk": ((0.35, 0.35, 0.55), (0.90, 0.62, 0.45)),
}
BUILDING_COLOURS = ((0.45, 0.45, 0.47), (0.60, 0.58, 0.55), (0.55, 0.32, 0.27), (0.75, 0.68, 0.55),
                    (0.30, 0.30, 0.32))
VEHICLE_COLOURS = ((0.75, 0.10, 0.10), (0.12, 0.25, 0.65), (0.92, 0.92, 0.92), (0.08, 0.08, 0.09),
                   (0.45, 0.45, 0.47), (0.90, 0.75, 0.10), (0.25, 0.45, 0.30))


def _choice(rng: np.random.Generator, options):
    """One element of ``options`` (a dict's values or a sequence), drawn with ``rng``."""
    values = list(options.values()) if isinstance(options, dict) else list(options)
    return values[int(rng.integers(len(values)))]


def _jitter(rng: np.random.Generator, colour, amount: float) -> np.ndarray:
    """A colour with a small random change per channel."""
    return np.clip(np.asarray(colour, dtype=np.float64) + rng.uniform(-amount, amount, 3), 0.0, 1.0)


def _smooth_noise(rng: np.random.Generator, size: int, cells: int) -> np.ndarray:
    """Low-frequency noise in about [-1, 1]: a ``cells`` x ``cells`` random grid, bilinearly enlarged."""
    grid = rng.standard_normal((cells + 1, cells + 1))
    pos = np.linspace(0, cells, size)
    lo = np.minimum(pos.astype(int), cells - 1)
    frac = pos - lo
    # interpolation matrix: row i mixes grid points lo[i] and lo[i] + 1
    interp = np.zeros((size, cells + 1))
    interp[np.arange(size), lo] = 1 - frac
    interp[np.arange(size), lo + 1] += frac
    return interp @ grid @ interp.T / 1.5


def render_scene(rng: np.random.Generator, size: int = 224) -> tuple[np.ndarray, np.ndarray]:
    """Render one road scene.

    Returns ``(image, class_map)``: ``image`` is float32 ``(size, size, 3)`` in [0, 1], ``class_map`` is
    uint8 ``(size, size)`` with values indexing :data:`SCENE_CLASSES`.
    """
    s = size
    yy, xx = np.mgrid[0:s, 0:s].astype(np.float64) + 0.5
    cmap = np.full((s, s), SKY, dtype=np.uint8)
    img = np.zeros((s, s, 3))

    # --- geometry: horizon, the road's centre line x_c(t) and half width w(t) -------------------------
    # t is 0 at the horizon and 1 at the bottom row; in perspective, widths grow linearly with t.
    horizon = rng.uniform(0.30, 0.46) * s
    t = np.clip((yy - horizon) / (s - horizon), 0.0, None)
    below = yy >= horizon
    x_bottom = s / 2 + rng.uniform(-0.15, 0.15) * s  # where the road meets the bottom edge
    x_vanish = s / 2 + rng.uniform(-0.22, 0.22) * s  # where it would meet the horizon if straight
    bend = rng.uniform(-0.35, 0.35) * s              # how far it curves away near the horizon
    centre = x_vanish + (x_bottom - x_vanish) * t + bend * (1 - t) ** 3 * (t > 0)
    half_width = rng.uniform(0.26, 0.42) * s * t
    dx = xx - centre                                # signed distance from the centre line, in pixels
    rel = np.where(half_width > 0, dx / np.maximum(half_width, 1e-6), 1e6)  # in units of w(t)
    depth = 1.0 / np.maximum(t, 1e-3)               # proportional to the distance along the road

    # --- sky and skyline (buildings, tree line) above the horizon -------------------------------------
    sky_top, sky_low = (np.asarray(c) for c in _choice(rng, SKY_COLOURS))
    v = np.clip(yy / horizon, 0, 1)[..., None]
    img[:] = sky_top * (1 - v) + sky_low * v
    x0 = -rng.uniform(0, 30)
    while x0 < s:
        wid = rng.uniform(0.08, 0.28) * s
        kind = rng.random()
        top = horizon - rng.uniform(0.05, 0.32) * s
        cols = (xx >= x0) & (xx < x0 + wid)
        if kind < 0.6:  # a building with a grid of windows
            region = cols & (yy >= top) & ~below
            cmap[region] = BUILDING
            colour = _jitter(rng, _choice(rng, BUILDING_COLOURS), 0.05)
            img[region] = colour
            period = rng.uniform(7, 12)
            window = (((xx - x0) % period) > period * 0.45) & (((yy - top) % period) > period * 0.4)
            win = region & window & (yy > top + 3) & (yy < horizon - 3)
            img[win] = colour * rng.uniform(0.35, 0.6)
        elif kind < 0.85:  # a row of trees: rounded tops
            bumps = top + 0.05 * s * np.sin((xx - x0) / rng.uniform(4, 9)) ** 2
            region = cols & (yy >= bumps) & ~below
            cmap[region] = VEGETATION
            img[region] = _jitter(rng, (0.16, 0.32, 0.14), 0.05)
        x0 += wid  # else: a gap that shows the sky

    # --- ground: terrain everywhere below the horizon, then sidewalks / parking, then the road --------
    terrain = _jitter(rng, _choice(rng, TERRAIN_COLOURS), 0.05)
    cmap[below] = VEGETATION
    img[below] = terrain

    road_colour = _jitter(rng, _choice(rng, ROAD_COLOURS), 0.05)
    is_dirt_road = bool(np.allclose(road_colour, ROAD_COLOURS["dirt"], atol=0.051))
    side = np.sign(dx)
    for sign in (-1.0, 1.0):
        kind = rng.random()
        if kind < 0.25:
            continue  # terrain runs up to the road on this side
        parking = kind > 0.8
        extent = rng.uniform(0.7, 1.2) if parking else rng.uniform(0.25, 0.6)
        region = below & (side == sign) & (np.abs(rel) >= 1) & (np.abs(rel) < 1 + extent)
        cmap[region] = SIDEWALK
        # same colour family as the road: what separates them is the curb and the paving, not colour
        img[region] = road_colour * rng.uniform(0.94, 1.08)
        curb = region & (np.abs(rel) < rng.uniform(1.05, 1.09))
        img[curb] = np.clip(road_colour + rng.choice([-1, 1]) * rng.uniform(0.14, 0.22), 0, 1)
        if parking:  # stall lines across the parking strip
            stalls = region & ((depth * rng.uniform(1.4, 2.2)) % 1 < 0.12) & (np.abs(rel) > 1.15)
            img[stalls] = (0.88, 0.88, 0.85)
        else:  # paving joints: across (constant depth) and along (constant rel)
            joints = ((depth * rng.uniform(2.5, 4.0)) % 1 < 0.1) | ((np.abs(rel) * 12) % 1 < 0.1)
            img[region & joints & ~curb] *= rng.uniform(0.75, 0.88)

    road = below & (np.abs(rel) < 1) & (t > 0.01)
    cmap[road] = ROAD
    img[road] = road_colour
    if not is_dirt_road:  # lane markings are road too
        paint = _choice(rng, ((0.92, 0.92, 0.88), (0.92, 0.80, 0.20)))
        dash = (depth * rng.uniform(0.6, 1.0) + rng.random()) % 1 < 0.5
        centre_line = road & (np.abs(rel) < 0.035) & dash
        img[centre_line] = paint
        if rng.random() < 0.6:
            edge_lines = road & (np.abs(np.abs(rel) - 0.9) < 0.02)
            img[edge_lines] = (0.9, 0.9, 0.88)

    # texture for the ground: fine grain plus low-frequency mottling
    mottle = _smooth_noise(rng, s, 12)[..., None]
    grain = rng.standard_normal((s, s, 1))
    img[below] *= (1 + 0.06 * mottle + 0.04 * grain)[below]

    # --- vehicles on the road, painted far to near -----------------------------------------------------
    n_vehicles = int(rng.choice([0, 1, 1, 2, 2, 3]))
    for tv in np.sort(rng.uniform(0.25, 0.85, n_vehicles)):
        y_base = horizon + tv * (s - horizon)
        hw = np.interp(y_base, yy[:, 0], half_width[:, 0])
        cx = np.interp(y_base, yy[:, 0], centre[:, 0]) + rng.uniform(-0.55, 0.55) * hw
        car_w = hw * rng.uniform(0.55, 0.8)
        car_h = car_w * rng.uniform(0.55, 0.8)
        body = (np.abs(xx - cx) < car_w / 2) & (yy < y_base) & (yy > y_base - car_h * 0.55)
        cabin = (np.abs(xx - cx) < car_w * 0.36) & (yy <= y_base - car_h * 0.55) & (yy > y_base - car_h)
        colour = _jitter(rng, _choice(rng, VEHICLE_COLOURS), 0.04)
        img[body | cabin] = colour
        img[cabin & (np.abs(xx - cx) < car_w * 0.3) & (yy > y_base - car_h * 0.92)] = (0.12, 0.15, 0.2)
        wheels = (np.abs(np.abs(xx - cx) - car_w * 0.33) < car_w * 0.1) & (yy >= y_base - car_h * 0.15)
        img[body & wheels] = (0.05, 0.05, 0.05)
        lights = (np.abs(np.abs(xx - cx) - car_w * 0.38) < car_w * 0.07)
        img[body & lights & (np.abs(yy - (y_base - car_h * 0.35)) < car_h * 0.06)] = (0.95, 0.9, 0.6)
        cmap[body | cabin] = VEHICLE

    # --- shadows across the ground (from buildings and trees out of view) ------------------------------
    for _ in range(int(rng.integers(0, 4))):
        slope = rng.uniform(-0.6, 0.6)
        y0 = rng.uniform(horizon, s)
        thickness = rng.uniform(0.04, 0.2) * s
        band = below & (yy - y0 - slope * (xx - s / 2) > 0) & (yy - y0 - slope * (xx - s / 2) < thickness)
        img[band] *= rng.uniform(0.45, 0.7)

    # --- camera: lighting jitter, colour cast, gamma and sensor noise ---------------------------------
    img = img * rng.uniform(0.75, 1.2) * (1 + rng.uniform(-0.06, 0.06, 3))
    img = np.clip(img, 0, 1) ** rng.uniform(0.85, 1.15)
    img = img + rng.normal(0, rng.uniform(0.01, 0.035), img.shape)
    return np.clip(img, 0, 1).astype(np.float32), cmap


def generate_scenes(n: int, *, seed: int = 0, start: int = 0, size: int = 224,
                    progress: bool | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Render scenes ``start`` … ``start + n - 1`` of the dataset with this ``seed``.

    Returns ``(images, class_maps)``: float32 ``(n, size, size, 3)`` and uint8 ``(n, size, size)``.
    Scene ``i`` depends only on ``(seed, i)``. ``progress=None`` shows a tqdm bar when ``n`` is large.
    """
    n = checks.integer(n, "n", least=0)
    seed = checks.integer(seed, "seed", least=0)
    start = checks.integer(start, "start", least=0)
    size = checks.integer(size, "size", least=32)
    images = np.empty((n, size, size, 3), dtype=np.float32)
    class_maps = np.empty((n, size, size), dtype=np.uint8)
    indices = range(start, start + n)
    if progress if progress is not None else n * size * size > 100 * 224 * 224:
        from tqdm.auto import tqdm

        indices = tqdm(indices, desc="rendering road scenes", unit="img")
    for k, i in enumerate(indices):
        images[k], class_maps[k] = render_scene(np.random.default_rng([seed, i]), size)
    return images, class_maps
