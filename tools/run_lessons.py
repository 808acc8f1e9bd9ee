"""Execute the whole lesson series headless, in order, from a clean build folder, and collect the results.

    python -m tools.run_lessons --out build        # what `make lessons` runs

Every file the lessons make goes into ``--out`` (``FCNLAB_BUILD_DIR`` for the kernels): it is emptied first
(all but ``slides-deps/``, the npm cache of ``make slides``), so nothing trained by an earlier run, profile or data
is loaded or resumed. It then holds:

- ``notebooks/NN_*.ipynb`` and ``notebooks/A*_*.ipynb``: the lessons and appendices, executed, with outputs;
- ``models/<run>/``, ``results/<run>/``: what the lessons trained and measured (:mod:`fcnlab.storage`; ``<run>``
  names the profile and the data);
- ``logs/NN_*.log``: what each lesson's kernel process printed outside the notebook (TensorFlow's C++ logs),
  and ``logs/run_lessons.log`` what this script's own TensorFlow import printed (choosing the profile);
- ``results.json``::

    {"profile": "fast", "data": "synthetic", "run": "<run key>",
     "variants": {"fcn32s": {...}, "fcn16s": {...}, "fcn8s": {...}, "baseline": {...}, ...},
     "notebook_seconds": {"01_segmentation_concepts": 12.3, ...}, "total_seconds": ..., "peak_kernel_rss_mb": ...}

  Each variant holds the ``pixel_accuracy``, ``mean_iou``, ``boundary_iou``, ``split`` and ``train_seconds``
  that the notebooks saved with ``fcnlab.storage.save_result``; the ``baseline`` row (two classes only) is
  lesson 2's colour-threshold rule, fitted and scored here the way lesson 5 does (:func:`baseline_row`).

One line per notebook is printed, with its time. A failing notebook stops the run (exit code 1); its partly
executed copy is still written, so the error can be read in context.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

# the kernels inherit this: no TensorFlow C++ start-up logs (oneDNN, CUDA probing) in the lessons' outputs
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError  # noqa: E402

from tools import kernel, series  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
KEEP = {"slides-deps"}  # not made by the lessons: the npm packages of `make slides`


def clean(out: Path) -> None:
    """Empty ``out`` but for :data:`KEEP`."""
    out.mkdir(parents=True, exist_ok=True)
    for entry in out.iterdir():
        if entry.name in KEEP:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def execute(path: Path, cell_timeout: int, *, env: dict | None = None, log: Path | None = None,
            nb: nbformat.NotebookNode | None = None) -> tuple[nbformat.NotebookNode, Exception | None]:
    """Run ``path`` (or ``nb``, as if it were at ``path``) in a fresh kernel (:mod:`tools.kernel`) from the
    notebook's folder. ``env``: the kernel's environment (default: this process's). ``log``: where the kernel
    process's own stderr goes (default: nowhere)."""
    nb = nbformat.read(path, as_version=4) if nb is None else nb
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
    with open(log or os.devnull, "w") as stderr:
        km = kernel.start(path.parent, env=env, stderr=stderr, name=path.stem)
        try:
            client = NotebookClient(nb, km=km, timeout=cell_timeout,
                                    resources={"metadata": {"path": str(path.parent)}})
            client.execute()
        except CellExecutionError as err:
            return nb, err
        finally:
            km.shutdown_kernel(now=True)
    return nb, None


class PeakMemory:
    """The largest resident memory of any process this one started (the lessons' kernels), sampled twice a second.

    (``resource.getrusage(RUSAGE_CHILDREN)`` misses kernels that are not waited for by this process.)
    """

    def __init__(self, every: float = 0.5):
        import psutil

        self.peak, self._every, self._stop = 0, every, threading.Event()
        self._me = psutil.Process()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self):
        import psutil

        while not self._stop.wait(self._every):
            for child in self._me.children(recursive=True):
                try:
                    self.peak = max(self.peak, child.memory_info().rss)
                except psutil.Error:  # it just ended
                    pass

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


@contextmanager
def stderr_to(path: Path):
    """Send this process's file descriptor 2 (C++ libraries write there, not to ``sys.stderr``) to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(path, "a") as log:
            os.dup2(log.fileno(), 2)
            yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


def baseline_row(active, source: str, classes: str) -> dict | None:
    """Lesson 2's colour-threshold baseline, fitted on the run's training images and scored on its report
    split (lesson 5's comparison): the table's row of a predictor without a network. ``None`` for more than
    two classes (the rule finds one class against the rest)."""
    from fcnlab import baseline, data, metrics, training

    lesson = data.load_lesson_data(source, classes=classes)
    if lesson.num_classes != 2:
        return None
    split = training.splits(lesson, active)
    rule = baseline.ColourThresholdBaseline.fit(split.train_images, split.train_labels.argmax(axis=-1))
    report = metrics.segmentation_report(split.report.masks, rule.predict(split.report.images), 2,
                                         class_names=lesson.class_names)
    return {**report, "split": split.report.name, "images": int(len(split.report.images))}


def run(out: Path, cell_timeout: int) -> int:
    out = out.resolve()
    notebooks = series.series()
    if not notebooks:
        print("no notebooks found in notebooks/", file=sys.stderr)
        return 1
    clean(out)
    (out / "notebooks").mkdir()
    os.environ["FCNLAB_BUILD_DIR"] = str(out)  # where the notebooks save models and results

    from fcnlab import data, profile

    with stderr_to(out / "logs" / "run_lessons.log"):  # TensorFlow's C++ start-up lines (GPU probing)
        active = profile.current()
    source, classes = data.default_source()
    print(f"profile {active.name}, data {source} ({classes}); building into {out}", flush=True)
    seconds: dict[str, float] = {}
    with PeakMemory() as memory:
        for k, path in enumerate(notebooks, 1):
            start = time.perf_counter()
            nb, failed = execute(path, cell_timeout, log=out / "logs" / f"{path.stem}.log")
            seconds[path.stem] = round(time.perf_counter() - start, 1)
            nbformat.write(nb, out / "notebooks" / path.name)
            status = "FAILED" if failed else "ok"
            print(f"[{k}/{len(notebooks)}] {path.stem:<28} {seconds[path.stem]:>7.1f} s  {status}", flush=True)
            if failed is not None:
                print(str(failed)[-3000:], file=sys.stderr)
                return 1

    runs = {folder.name: {p.stem: json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))}
            for folder in sorted((out / "results").glob("*")) if folder.is_dir()}
    key = next(iter(runs), None)
    variants = dict(runs.get(key, {}))
    with stderr_to(out / "logs" / "run_lessons.log"):  # the data's progress bar
        row = baseline_row(active, source, classes)
    if row is not None:
        variants["baseline"] = row
    peak_mb = memory.peak / 2**20
    results = {"profile": active.name, "data": source, "classes": classes, "run": key,
               "variants": variants, "notebook_seconds": seconds,
               "total_seconds": round(sum(seconds.values()), 1), "peak_kernel_rss_mb": round(peak_mb)}
    if len(runs) > 1:
        results["other_runs"] = {k: v for k, v in runs.items() if k != key}
    (out / "results.json").write_text(json.dumps(results, indent=2))
    print(f"series: {results['total_seconds']} s, peak kernel memory {results['peak_kernel_rss_mb']} MB; "
          f"results in {out / 'results.json'}")
    rows = [("model", "split", "pixel acc", "mIoU", "boundary IoU", "train s")]
    for name, r in results["variants"].items():
        rows.append((name, str(r.get("split", "")), f"{r.get('pixel_accuracy', float('nan')):.3f}",
                     f"{r.get('mean_iou', float('nan')):.3f}", f"{r.get('boundary_iou', float('nan')):.3f}",
                     f"{r.get('train_seconds', 0):.0f}"))
    for row in rows:
        print("  ".join(f"{cell:>13}" for cell in row))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build", help="output folder (default: build/)")
    parser.add_argument("--cell-timeout", type=int, default=900, help="seconds one cell may take")
    args = parser.parse_args()
    return run(args.out, args.cell_timeout)


if __name__ == "__main__":
    sys.exit(main())
