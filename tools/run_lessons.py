"""Execute the whole lesson series headless, in order, and collect the results.

    python tools/run_lessons.py --out build

writes ``build/notebooks/NN_*.ipynb`` (executed, with outputs) and ``build/results.json``::

    {"profile": "fast",
     "variants": {"fcn32s": {...}, "fcn16s": {...}, "fcn8s": {...}, "baseline": {...}},
     "notebook_seconds": {"01_segmentation_concepts": 12.3, ...}}

Each variant holds the test ``pixel_accuracy``, ``mean_iou``, ``boundary_iou`` and ``train_seconds`` that the
notebooks saved with ``fcnlab.training.save_result``. A failing notebook stops the run (exit code 1) and its
partly executed copy is still written, so the error can be read in context.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[1]


def run(out: Path, cell_timeout: int) -> int:
    out = out.resolve()
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        print("no notebooks found in notebooks/", file=sys.stderr)
        return 1
    os.environ["FCNLAB_BUILD_DIR"] = str(out)  # where the notebooks save models and results
    shutil.rmtree(out / "results", ignore_errors=True)  # no stale numbers from an earlier run
    (out / "notebooks").mkdir(parents=True, exist_ok=True)

    from fcnlab import profile

    active = profile.current()
    print(f"profile: {active.name} ({active.description})", flush=True)
    seconds: dict[str, float] = {}
    for k, path in enumerate(notebooks, 1):
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=cell_timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        start = time.perf_counter()
        print(f"[{k}/{len(notebooks)}] {path.stem} …", end=" ", flush=True)
        failed = None
        try:
            client.execute()
        except CellExecutionError as err:
            failed = err
        seconds[path.stem] = round(time.perf_counter() - start, 1)
        nbformat.write(nb, out / "notebooks" / path.name)
        if failed is not None:
            print(f"FAILED after {seconds[path.stem]} s", flush=True)
            print(str(failed)[-3000:], file=sys.stderr)
            return 1
        print(f"{seconds[path.stem]} s", flush=True)

    variants = {p.stem: json.loads(p.read_text()) for p in sorted((out / "results").glob("*.json"))}
    # each notebook runs in its own kernel process, a child of this one: the largest child's peak RSS
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # Linux reports KiB
    results = {"profile": active.name, "variants": variants, "notebook_seconds": seconds,
               "total_seconds": round(sum(seconds.values()), 1), "peak_kernel_rss_mb": round(peak_mb)}
    (out / "results.json").write_text(json.dumps(results, indent=2))
    print(f"series: {results['total_seconds']} s, peak kernel memory {results['peak_kernel_rss_mb']} MB; "
          f"results in {out / 'results.json'}")
    rows = [("variant", "pixel acc", "mIoU", "boundary IoU", "train s")]
    for name, r in variants.items():
        rows.append((name, f"{r.get('pixel_accuracy', float('nan')):.3f}", f"{r.get('mean_iou', float('nan')):.3f}",
                     f"{r.get('boundary_iou', float('nan')):.3f}", f"{r.get('train_seconds', 0):.0f}"))
    for row in rows:
        print("  ".join(f"{cell:>12}" for cell in row))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build", help="output folder (default: build/)")
    parser.add_argument("--cell-timeout", type=int, default=900, help="seconds one cell may take")
    args = parser.parse_args()
    return run(args.out, args.cell_timeout)


if __name__ == "__main__":
    sys.exit(main())
