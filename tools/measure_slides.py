"""Measure every slide of reveal.js decks in headless Chromium: does it fit the 960×700 canvas?

    python -m tools.measure_slides build/slides/03_fcn_architecture.slides.html [more decks]
    python -m tools.measure_slides --screenshots /tmp/shots build/slides/*.slides.html   # and look at them

prints, per deck, the number of slides, the tallest one and every slide taller than the canvas or with a line
cut off at the right; ``--screenshots DIR`` also writes one PNG per slide (``DIR/<deck>/<h>-<v>.png``,
1280×800, fragments shown) for reviewing a deck at a glance. Lesson authors usually run ``python -m tools.make_slides --measure
<executed notebook>`` instead, which renders the deck first (see its docstring); this module is the measuring
half, used by it, by ``tools/slides/fit_probe.py`` and by ``tests/test_slides.py``. The browser is the system's
Chromium driven by Playwright, offline (``tools/browser.py``).

How a slide is measured. The decks come from nbconvert's reveal template, which starts reveal.js 4.0.2 with
``width: 960, height: 700`` and reveal's defaults ``margin: 0.04, minScale: 0.2, maxScale: 2.0, center: true``:
the slides are laid out on a 960×700 canvas that reveal then scales to the window (a CSS transform), and a
centred slide taller than 700 px starts at the canvas top and runs off its bottom. nbconvert makes every slide a
``<section>`` holding one ``<section>`` per subslide; each subslide is one screen. Once the page has loaded,
reveal.js is ready, the saved widgets are drawn, the images decoded, the web fonts loaded and MathJax's start-up
typesetting done, each screen in turn is shown (``Reveal.slide(h, v)``) with every fragment visible; the script
waits for MathJax to re-typeset it (the template calls ``MathJax.Hub.Rerender`` on every slide change, outside
MathJax's queue: the script wraps it to know when it is done; meanwhile the math has no height) and reads the
section's ``scrollHeight``: its height in canvas pixels, padding included, not affected by reveal's scaling
transform and including anything that overflows the section. Speaker notes (``<aside class="notes">``) are
``display: none`` on the slide, so they do not count. A slide fits when its height is at most 700 px. It also
counts the boxes (code, outputs) whose text runs past their right edge (they clip or scroll sideways):
``cut_wide``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tools import browser

CANVAS = (960, 700)  # nbconvert's reveal template: reveal_width / reveal_height (SlidesExporter defaults)
# a 1280×800 projector: reveal zooms the canvas by min(0.96 * 1280 / 960, 0.96 * 800 / 700) = 1.097, so a type
# size on the screen is the size set on the canvas times 1.097 (the slides' theme, index.html.j2)
WINDOW = (1280, 800)
SCREEN_SCALE = min(0.96 * WINDOW[0] / CANVAS[0], 0.96 * WINDOW[1] / CANVAS[1])
REVEAL_MODULE = "reveal.js/dist/reveal.js"  # the require.js name the template loads reveal.js under
TIMEOUT_MS = 60_000

# Once per deck: wait until everything is drawn, then define window.fcnlabMeasure(h, v) and list the screens.
PREPARE_JS = r"""
async ([revealModule, timeoutMs]) => {
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const until = async (ok) => {
    for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(25)) if (ok()) return true;
    return ok();
  };
  if (!(await until(() => document.querySelector(".reveal.ready"))))
    return {error: "reveal.js did not start (no .reveal.ready)"};
  // no global Reveal when the template loads it through require.js
  const Reveal = await new Promise((resolve, reject) => require([revealModule], resolve, reject));
  // MathJax 2: start-up typesetting ends with the "End" hook; later work goes through its queue
  const mathjax = () => (window.MathJax && MathJax.Hub)
    ? new Promise((resolve) => MathJax.Hub.Register.StartupHook("End", () => {
      MathJax.Hub.Queue(() => { resolve(); });
    }))
    : Promise.resolve();
  const images = (root = document) => Promise.all([...root.querySelectorAll("img")]
    .map((img) => img.decode().catch(() => null)));
  // saved widget state: @jupyter-widgets/html-manager draws each view into a .widget-subarea next to its tag
  const views = [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')];
  const drawn = (tag) => tag.parentElement.querySelector(".widget-subarea > *") !== null;
  const problems = [];
  if (!(await until(() => views.every(drawn))))
    problems.push(`${views.filter((tag) => !drawn(tag)).length} of ${views.length} widgets were not drawn`);
  Reveal.configure({transition: "none", backgroundTransition: "none"});
  await images();
  await document.fonts.ready;
  await mathjax();
  // the template re-typesets a slide's math on every slide change with MathJax.Hub.Rerender, outside the Hub's
  // queue: wrap it to know when it has finished
  const rerendering = [];
  if (window.MathJax && MathJax.Hub) {
    const rerender = MathJax.Hub.Rerender;
    MathJax.Hub.Rerender = function (element, callback) {
      rerendering.push(new Promise((resolve) => rerender.call(MathJax.Hub, element, () => {
        resolve();
        if (callback) MathJax.Callback(callback)();
      })));
    };
  }
  const squash = (s) => s.replace(/\u00b6/g, "").replace(/\s+/g, " ").trim();
  const first = (s, n) => Array.from(s).slice(0, n).join("");  // n characters, not n halves of a math letter
  const source = (el) => {  // the words as written: no anchor links, no MathJax's copies of the TeX
    const copy = el.cloneNode(true);
    copy.querySelectorAll("script, .anchor-link, .MathJax_Preview, .MJX_Assistive_MathML")
      .forEach((e) => e.remove());
    return squash(copy.textContent);
  };
  // a box that clips its content sideways (overflow hidden/auto/scroll) with text beyond its right edge:
  // the first piece of text past the edge, to be found in the notebook
  const cutText = (box) => {
    if (box.scrollWidth <= box.clientWidth + 1) return null;
    if (box.clientWidth < 2 || box.clientHeight < 2) return null;  // visually hidden (MathJax's copy for readers)
    // typeset math: MathJax's CommonHTML boxes report a few pixels of italic overhang as overflow, but show it
    if (box.closest('[class*="MathJax"], [id^="MathJax"]')) return null;
    if (!["auto", "scroll", "hidden"].includes(getComputedStyle(box).overflowX)) return null;
    const edge = box.getBoundingClientRect().right + 1;
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;  // spaces past the edge hide nothing
      range.selectNodeContents(node);
      if (range.getBoundingClientRect().right > edge) return first(squash(node.textContent), 60) || "(blank)";
    }
    return null;
  };
  const stacks = [...document.querySelectorAll(".reveal .slides > section")];
  const screens = stacks.map((stack) => {
    const children = [...stack.querySelectorAll(":scope > section")];
    return children.length ? children : [stack];
  });
  window.fcnlabMeasure = async (h, v, settle) => {
    const section = screens[h][v];
    Reveal.slide(h, v);
    section.querySelectorAll(".fragment").forEach((f) => f.classList.add("visible"));
    if (settle) {  // heights and screenshots need the slide's math and images drawn; its words and cells do not
      await Promise.all(rerendering.splice(0));
      await images(section);
      await mathjax();
    }
    Reveal.layout();
    const heading = section.querySelector("h1, h2, h3, h4, h5, h6");
    const notes = section.querySelector("aside.notes");  // what reveal's speaker view shows
    const cut = [...section.querySelectorAll("*")].map(cutText).filter((text) => text !== null);
    // reveal's slide number (slideNumber): its text, and whether it is drawn inside the window
    const numberBox = document.querySelector(".reveal .slide-number");
    const box = numberBox ? numberBox.getBoundingClientRect() : null;
    const numberStyle = numberBox ? getComputedStyle(numberBox) : null;
    const numberShown = Boolean(numberBox && numberStyle.display !== "none" && numberStyle.visibility !== "hidden"
      && Number(numberStyle.opacity) > 0 && box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0
      && box.right <= window.innerWidth && box.bottom <= window.innerHeight);
    // type on screen: every piece of text shown, its font size times reveal's scale (the canvas is zoomed to
    // the window); code and printed output (monospace) apart from prose. Math, notes and the number are not text
    // of the slide's own (MathJax sizes its glyphs from the prose around them).
    const scale = document.querySelector(".reveal .slides").getBoundingClientRect().width / __CANVAS_W__;
    const prose = [], mono = [];
    const texts = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent.trim() || !el) continue;
      if (el.closest('aside.notes, script, style, [class*="MathJax"], [id^="MathJax"], .anchor-link')) continue;
      if (!el.getClientRects().length || getComputedStyle(el).visibility === "hidden") continue;
      const style = getComputedStyle(el);
      const px = Math.round(parseFloat(style.fontSize) * scale * 10) / 10;
      (el.closest("pre, code") || /mono/i.test(style.fontFamily) ? mono : prose).push(px);
    }
    // each code block's lines as drawn (a wide line wraps: two), and each printed output whose lines wrap
    const drawnLines = (pre) => {
      const style = getComputedStyle(pre);
      const inner = pre.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      return Math.round(inner / parseFloat(style.lineHeight));
    };
    const codeLines = [...section.querySelectorAll(".jp-CodeCell .jp-InputArea pre")].map(drawnLines);
    const outputs = [...section.querySelectorAll(".jp-OutputArea-output pre")];
    const wrapped = outputs.filter((pre) => pre.clientHeight > 0
      && drawnLines(pre) > pre.textContent.replace(/\n+$/, "").split("\n").length)
      .map((pre) => first(squash(pre.textContent), 60));
    return {h, v, height: section.scrollHeight, width: section.scrollWidth,
            prose_px: prose, code_px: mono, code_lines: codeLines, wrapped,
            outputs: outputs.map((pre) => pre.textContent),
            images: [...section.querySelectorAll("img")].filter((img) => img.getClientRects().length).length,
            title: heading ? source(heading) : "",
            words: first(squash(section.innerText || ""), 80),  // what is shown (no notes)
            notes: notes ? squash(notes.textContent) : "",
            notes_cells: section.querySelectorAll("aside.notes").length,
            overflow_y: getComputedStyle(section).overflowY,
            fragments: section.querySelectorAll(".fragment").length,
            cut_wide: cut.length, cut_text: cut,
            number: numberShown ? (numberBox.innerText || "").replace(/\s+/g, "") : "",
            text: squash(section.innerText || ""),  // all that is shown
            code: [...section.querySelectorAll(".jp-CodeCell .jp-InputArea")].map((el) => el.innerText),
            cells: [...section.querySelectorAll('[id^="cell-id="]')].map((el) => el.id.slice(8))};
  };
  const config = Reveal.getConfig();
  return {problems, screens: screens.flatMap((list, h) => list.map((_, v) => [h, v])),
          config: Object.fromEntries(["width", "height", "margin", "minScale", "maxScale", "center"]
            .map((key) => [key, config[key]]))};
}
"""


# What a slide must not print (tests/test_slides.py): the notebook's machinery, not the lesson.
MACHINERY = {
    "a progress bar": re.compile(r"━|█|\[=+>?\.*\]|\bEpoch \d+/\d+|\d+/\d+ \[=|\bETA\b|\d it/s\b|\ds/step\b"),
    "a local path": re.compile(r"(?<![\w.~])(?:/(?:root|home|tmp|work|Users|content|private|var|opt|usr|mnt)/"
                               r"|[A-Za-z]:\\\w|\bbuild/[\w.-]+/)"),
    "a log line": re.compile(r"^\s*(?:INFO|WARNING|ERROR|DEBUG|CRITICAL)\b[:\s]|^\s*\d{4}-\d\d-\d\d[ T]\d\d:\d\d"
                             r"|^\s*[IWEF]\d{4} \d\d:\d\d:\d\d|\w+Warning: |^\s*warnings\.warn\(", re.MULTILINE),
}
PROSE_PX, CODE_PX = 28, 22  # the smallest type a hall reads on a 1280×800 screen: prose, code and printed output
CODE_LINES = 12  # the most lines a code block shows on a slide (as drawn: a wrapped line counts twice)


def machinery(text: str) -> list[str]:
    """What of the notebook's machinery ``text`` (a printed output) shows: "a progress bar: <the match>"…"""
    return [f"{what}: {found.group(0).strip()!r}" for what, pattern in MACHINERY.items()
            if (found := pattern.search(text))]


@dataclass
class Slide:
    h: int
    v: int
    height: int
    width: int
    title: str
    words: str
    notes: str
    notes_cells: int
    overflow_y: str
    fragments: int
    cut_wide: int  # boxes (code, outputs) with text past their right edge
    cut_text: list[str]
    number: str  # the slide number reveal shows on it ("" if none is visible in the window)
    text: str  # everything the slide shows (speaker notes are not shown), whitespace squashed
    code: list[str]  # the code cells' source, as shown
    cells: list[str]  # the ids of the notebook cells on the slide (nbconvert's ``id="cell-id=…"``)
    prose_px: list[float] = field(default_factory=list)  # each piece of prose, its type size on the screen (px)
    code_px: list[float] = field(default_factory=list)  # each piece of code or printed output (monospace)
    code_lines: list[int] = field(default_factory=list)  # each code block's lines as drawn (wrapped: counted)
    wrapped: list[str] = field(default_factory=list)  # the printed outputs with a line that wraps (their start)
    outputs: list[str] = field(default_factory=list)  # the text of each printed output
    images: int = 0  # pictures shown (figures, animations)

    @property
    def fits(self) -> bool:
        return self.height <= CANVAS[1]

    @property
    def problems(self) -> list[str]:
        """What a room could not read on this slide, besides its height and cut-off lines: type below
        ``PROSE_PX`` / ``CODE_PX`` on a 1280×800 screen, a code block over ``CODE_LINES`` lines, a printed line
        that wraps, the notebook's machinery in an output."""
        found = []
        if self.prose_px and min(self.prose_px) < PROSE_PX:
            found.append(f"prose at {min(self.prose_px):g} px (< {PROSE_PX})")
        if self.code_px and min(self.code_px) < CODE_PX:
            found.append(f"code at {min(self.code_px):g} px (< {CODE_PX})")
        found += [f"a code block of {n} lines (> {CODE_LINES})" for n in self.code_lines if n > CODE_LINES]
        found += [f"a printed line wraps: {text!r}" for text in self.wrapped]
        found += [shown for text in self.outputs for shown in machinery(text)]
        return found

    @property
    def anchor(self) -> str:
        """Where the slide is: append it to the deck's URL to open it (reveal's hash, 0-based)."""
        return f"#/{self.h}/{self.v}"

    @property
    def label(self) -> str:
        return self.title or (self.words[:60] + ("…" if len(self.words) > 60 else "")) or "(empty slide)"


@dataclass
class Deck:
    path: Path
    slides: list[Slide] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # JavaScript errors, local files missing, widgets not drawn
    external: list[str] = field(default_factory=list)  # requests that would have left the machine (aborted)
    config: dict = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def name(self) -> str:
        return self.path.name.removesuffix(".slides.html")

    @property
    def overflowing(self) -> list[Slide]:
        return [s for s in self.slides if not s.fits]

    @property
    def cut_off(self) -> list[Slide]:
        return [s for s in self.slides if s.cut_wide]

    @property
    def tallest(self) -> int:
        return max((s.height for s in self.slides), default=0)


def reveal_module(deck: Path) -> str:
    """The name the deck loads reveal.js under: ``reveal.js/dist/reveal.js``, or ``../reveal.js/...`` for an
    instructor deck, which uses the assets of the folder above it."""
    found = re.search(r'"([^"]*' + re.escape(REVEAL_MODULE) + ')"', deck.read_text(encoding="utf-8"))
    return found.group(1) if found else REVEAL_MODULE


def measure(chrome, deck: Path, screenshots: Path | None = None, *, settle: bool = True) -> Deck:
    """Open ``deck`` in ``chrome`` (a :func:`tools.browser.chromium`) and measure every slide, in one page load;
    with ``screenshots``, write each slide as ``screenshots/<h>-<v>.png``. ``settle=False`` reads each slide
    without waiting for its math to be typeset again and its images decoded: its words, cells and number are
    right, its height may not be (for checks of what a deck shows, not of how it fits)."""
    start = time.monotonic()
    report = Deck(path=deck)
    with browser.open_page(chrome, deck.resolve().as_uri(), size=WINDOW) as (page, log):
        state = page.evaluate(PREPARE_JS.replace("__CANVAS_W__", str(CANVAS[0])), [reveal_module(deck), TIMEOUT_MS])
        if "error" in state:
            raise RuntimeError(f"{deck.name}: {state['error']}; {log.problems()}")
        if screenshots:
            screenshots.mkdir(parents=True, exist_ok=True)
        for h, v in state["screens"]:
            report.slides.append(Slide(**page.evaluate("([h, v, settle]) => window.fcnlabMeasure(h, v, settle)",
                                                       [h, v, settle or screenshots is not None])))
            if screenshots:
                page.screenshot(path=screenshots / f"{h}-{v}.png")
    report.errors = log.errors + [f"missing: {url}" for url in log.failed] + state["problems"]
    report.external = log.network
    report.config = state["config"]
    report.seconds = time.monotonic() - start
    return report


def speaker_view_notes(chrome, url: str) -> str:
    """The notes reveal's speaker view shows for the slide at ``url`` (a deck URL with its ``#/h/v``)."""
    with browser.open_page(chrome, url, size=WINDOW) as (page, _):
        page.wait_for_selector(".reveal.ready", state="attached")
        with page.expect_popup() as popup:  # what pressing S does
            page.evaluate("(name) => require([name], (Reveal) => Reveal.getPlugin('notes').open())", REVEAL_MODULE)
        view = popup.value
        view.wait_for_function("(document.querySelector('.speaker-controls-notes .value') || {}).innerText")
        return view.inner_text(".speaker-controls-notes .value")


def measure_decks(decks: list[Path], screenshots: Path | None = None) -> list[Deck]:
    """Measure each deck's slides in one headless Chromium (screenshots into ``screenshots/<deck>/``)."""
    with browser.chromium() as chrome:
        return [measure(chrome, deck, screenshots / deck.name.removesuffix(".slides.html") if screenshots else None)
                for deck in decks]


THUMBNAIL = 4  # a contact sheet shows each 1280×800 screenshot at a quarter: 320×200
SHEET_COLUMNS = 6


def contact_sheet(deck: Deck, shots: Path, target: Path, columns: int = SHEET_COLUMNS) -> Path:
    """Every slide of ``deck`` (its screenshots ``shots/<h>-<v>.png``, written by :func:`measure`) as a
    thumbnail on one image ``target``, each labelled with its slide number and title; a slide taller than
    the canvas has its label in red, with the pixels it is over."""
    from matplotlib import font_manager
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(font_manager.findfont("DejaVu Sans"), 13)
    width, height = WINDOW[0] // THUMBNAIL, WINDOW[1] // THUMBNAIL
    pad, label, top = 8, 20, 30
    rows = -(-len(deck.slides) // columns)
    sheet = Image.new("RGB", (pad + columns * (width + pad), top + rows * (height + label + pad)), "white")
    draw = ImageDraw.Draw(sheet)
    draw.text((pad, 8), f"{deck.name}: {len(deck.slides)} slides, numbered as on the slides (red: taller than "
              f"the {CANVAS[0]}×{CANVAS[1]} canvas)", fill="black", font=font)
    for k, slide in enumerate(deck.slides):
        x, y = pad + (k % columns) * (width + pad), top + (k // columns) * (height + label + pad)
        with Image.open(shots / f"{slide.h}-{slide.v}.png") as shot:
            sheet.paste(shot.convert("RGB").reduce(THUMBNAIL), (x, y))
        draw.rectangle((x - 1, y - 1, x + width, y + height), outline=(150, 150, 150))
        text = (slide.number or f"#/{slide.h}/{slide.v}") + ("" if slide.fits else
                                                            f" +{slide.height - CANVAS[1]}px") + "  " + slide.label
        while draw.textlength(text, font=font) > width and len(text) > 4:
            text = text[:-2] + "…"
        draw.text((x, y + height + 3), text, fill="black" if slide.fits else (200, 0, 0), font=font)
    target.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(target, compress_level=3)
    return target


def stats(deck: Deck) -> dict:
    """A deck in numbers: slides, the median type on screen, figures, fragments, the share of slides with
    speaker notes, and how many slides overflow, cut a line off, wrap a printed line, print machinery or have
    any of :attr:`Slide.problems`."""
    import statistics

    def median(sizes):
        return round(statistics.median(sizes), 1) if sizes else 0

    slides = deck.slides
    return {"slides": len(slides), "too_tall": len(deck.overflowing), "cut_off": len(deck.cut_off),
            "prose_px": median([px for s in slides for px in s.prose_px]),
            "code_px": median([px for s in slides for px in s.code_px]),
            "figures": sum(s.images for s in slides), "fragments": sum(s.fragments for s in slides),
            "notes": sum(bool(s.notes) for s in slides) / len(slides) if slides else 0.0,
            "wrapped": sum(bool(s.wrapped) for s in slides),
            "machinery": sum(any(machinery(t) for t in s.outputs) for s in slides),
            "problems": sum(bool(s.problems) for s in slides)}


def report(decks: list[Deck], verbose: bool = False) -> str:
    """The table authors read: per deck slides / tallest / overflowing, then each slide with a problem."""
    width, height = CANVAS
    lines = [f"{'deck':<26} {'slides':>6} {'tallest':>9} {'too tall':>8} {'cut off':>7} {'prose px':>8} "
             f"{'code px':>7} {'figures':>7} {'fragments':>9} {'notes':>5} {'problems':>8}",
             f"  (canvas {width}×{height} px; too tall: > {height} px; cut off: text past the right edge; prose / "
             f"code px: the median on a 1280×800 screen; notes: the share of slides with speaker notes; problems: "
             f"slides with type < {PROSE_PX} / {CODE_PX} px, a code block > {CODE_LINES} lines, a wrapped printed "
             "line or machinery)"]
    for deck in decks:
        st = stats(deck)
        lines.append(f"{deck.name:<26} {st['slides']:>6} {deck.tallest:>6} px {st['too_tall']:>8} {st['cut_off']:>7} "
                     f"{st['prose_px']:>8g} {st['code_px']:>7g} {st['figures']:>7} {st['fragments']:>9} "
                     f"{st['notes']:>5.0%} {st['problems']:>8}")
    for deck in decks:
        shown = [s for s in deck.slides if verbose or not s.fits or s.cut_wide or s.problems]
        if shown or deck.errors or deck.external:
            lines.append(f"\n{deck.path}  ({len(deck.overflowing)} of {len(deck.slides)} slides too tall, "
                         f"{len(deck.cut_off)} with text cut off; open a slide with the deck's URL + #/h/v)")
        for slide in shown:
            mark = "fits" if slide.fits else f"+{slide.height - height} px"
            extra = f"  [cut off at the right: {' | '.join(slide.cut_text)}]" if slide.cut_wide else ""
            extra += "".join(f"  [{problem}]" for problem in slide.problems)
            extra += f"  [notes: {len(slide.notes.split())} words]" if slide.notes and verbose else ""
            lines.append(f"  {slide.anchor:<8} {slide.height:>5} px  {mark:>9}  {slide.label}{extra}")
        for error in deck.errors:
            lines.append(f"  JavaScript error: {error.splitlines()[0] if error else error}")
        for url in deck.external:
            lines.append(f"  requested from the network: {url}")
    return "\n".join(lines)


def write_json(decks: list[Deck], path: Path) -> None:
    data = [{"deck": d.name, "path": str(d.path), "config": d.config, "errors": d.errors,
             "external": d.external, "slides": [vars(s) | {"fits": s.fits} for s in d.slides]} for d in decks]
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("decks", nargs="+", type=Path, help="*.slides.html files (`make slides` writes them)")
    parser.add_argument("--all", action="store_true", help="list every slide, not only the overflowing ones")
    parser.add_argument("--json", type=Path, help="also write the measurements to this file")
    parser.add_argument("--screenshots", type=Path, metavar="DIR", help="write DIR/<deck>/<h>-<v>.png per slide")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when a slide overflows")
    args = parser.parse_args(argv)
    decks = measure_decks(args.decks, args.screenshots)
    print(report(decks, verbose=args.all))
    if args.json:
        write_json(decks, args.json)
    return 1 if args.strict and any(deck.overflowing for deck in decks) else 0


if __name__ == "__main__":
    sys.exit(main())
