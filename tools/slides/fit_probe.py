"""What fits on one slide? Measures figures, code cells and bullets under a heading (the rule of thumb in
tools/make_slides.py's docstring comes from here).

    FCNLAB_PROFILE=fast python -m tools.slides.fit_probe

executes a small notebook (matplotlib's inline backend, as the lessons run), renders it with make_slides'
settings into ``build/slides-probe/`` and prints each probe slide's height on the 960×700 canvas. Run it again
after changing the deck's style (tools/slides/reveal_fcnlab/).
"""

from __future__ import annotations

import os
import sys

import nbformat
from nbclient import NotebookClient

from tools import make_slides, measure_slides

SENTENCE = "One sentence that says what to look at in the figure below."
FIGURE = """fig, ax = plt.subplots(figsize=({w}, {h}))
ax.plot(np.linspace(0, 1, 50) ** 2)
ax.set_title("a figure that fills its {w} × {h} in canvas")
ax.set_xlabel("x")
ax.set_ylabel("y")
plt.show()"""  # 6 lines; tight bounding box ≈ the figure size


def _cell(cell, kind="-", tags=()):
    cell.metadata["slideshow"] = {"slide_type": kind}
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def probe_notebook():
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cells = [_cell(md("# Probe"), "slide"),
             _cell(code("import matplotlib.pyplot as plt\nimport numpy as np\n"
                        "print(plt.rcParams['figure.dpi'], plt.get_backend())"), "skip")]
    cases = []
    for w in (6, 8, 9.5, 12):
        for h in (3.5, 4, 4.5, 5):
            for shown in (0, 6, 12):  # lines of code shown above the figure (0: input hidden, remove_input)
                source = "\n".join(["# a line of code"] * (shown - 6) + [FIGURE.format(w=w, h=h)])
                cells += [_cell(md(f"## 3.1 A figure {w} × {h} in"), "slide"), _cell(md(SENTENCE)),
                          _cell(code(source), tags=() if shown else ("remove_input",))]
                cases.append(f"heading + sentence + figure {w:>4} × {h:<3} in, {shown:>2} code lines shown")
    for n in (15, 18, 20, 22, 24, 26):
        lines = [f"x{k} = {k}  # line {k + 1}" for k in range(n)]
        cells += [_cell(md(f"## Code, {n} lines"), "slide"), _cell(md(SENTENCE)), _cell(code("\n".join(lines)))]
        cases.append(f"heading + sentence + {n} lines of code, no output")
        cells += [_cell(md(f"## Code, {n} lines, 3 lines printed"), "slide"), _cell(md(SENTENCE)),
                  _cell(code("\n".join(lines[:-1]) + "\nprint('1\\n2\\n3')"))]
        cases.append(f"heading + sentence + {n} lines of code, 3 lines printed")
    for n in (86, 88, 90, 92):
        cells += [_cell(md(f"## A code line of {n} characters"), "slide"),
                  _cell(code("x = '" + "a" * (n - 6) + "'"))]
        cases.append(f"one code line of {n} characters")
    for n in (5, 8, 12, 14, 16):
        bullets = "\n".join(f"- bullet {k}: a line of prose about as long as a bullet" for k in range(n))
        cells += [_cell(md(f"## {n} bullets\n\n{bullets}"), "slide")]
        cases.append(f"heading + {n} one-line bullets")
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb, cases


def main() -> int:
    os.environ.pop("MPLBACKEND", None)  # the kernel draws inline, as in `make lessons`
    out = make_slides.ROOT / "build" / "slides-probe"
    out.mkdir(parents=True, exist_ok=True)
    nb, cases = probe_notebook()
    NotebookClient(nb, kernel_name="python3", timeout=300).execute()
    print("kernel: figure.dpi, backend =", nb.cells[1].outputs[0]["text"].strip())
    notebook = out / "fit_probe.ipynb"
    nbformat.write(nb, notebook)
    [deck] = make_slides.render_all([notebook], out, make_slides.ROOT / "build" / "slides-deps")
    [measured] = measure_slides.measure_decks([deck])
    for case, slide in zip(cases, measured.slides[1:], strict=True):
        verdict = "fits" if slide.fits else "too tall"
        cut = "  (cut off at the right)" if slide.cut_wide else ""
        print(f"{case:<62} {slide.height:>5} px  {verdict}{cut}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
