"""Measure every slide of reveal.js decks in headless Chromium: does it fit the 960×700 canvas?

    python -m tools.measure_slides build/slides/03_fcn_architecture.slides.html [more decks]

prints, per deck, the number of slides, the tallest one and every slide taller than the canvas. Lesson authors
usually run ``python -m tools.make_slides --measure <executed notebook>`` instead, which renders the deck first
(see its docstring); this module is the measuring half, used by it and by ``tests/test_slides.py``.

How a slide is measured. The decks come from nbconvert's reveal template, which starts reveal.js 4.0.2 with
``width: 960, height: 700`` and reveal's defaults ``margin: 0.04, minScale: 0.2, maxScale: 2.0, center: true``:
the slides are laid out on a 960×700 canvas that reveal then scales to the window (a CSS transform), and a
centred slide taller than 700 px starts at the canvas top and runs off its bottom. nbconvert makes every slide a
``<section>`` holding one ``<section>`` per subslide; each subslide is one screen. For each of them, in order,
the script shows it (``Reveal.slide(h, v)``), makes every fragment visible, waits for MathJax to finish
re-typesetting it (the template calls ``MathJax.Hub.Rerender`` on every slide change, outside MathJax's queue:
the script wraps it to know when it is done; meanwhile the math has no height), and reads the section's
``scrollHeight``: its height in canvas pixels, padding included, not affected by reveal's scaling transform
and including anything that overflows the section. Speaker notes (``<aside class="notes">``) are
``display: none`` on the slide, so they do not count. Before measuring, the page must have loaded, reveal.js
must be ready, the saved widgets drawn, every image decoded, the web fonts loaded and MathJax's start-up
typesetting done. A slide fits when its height is at most 700 px. It also counts the boxes (code, outputs)
whose text runs past their right edge (they clip or scroll sideways): ``cut_wide``.

Chromium is driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``): no extra Python or npm
package, one browser for all decks, and the page's uncaught errors and network requests are recorded too
(everything but local files goes to a closed port, as in the offline tests).
"""

from __future__ import annotations

import argparse
import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

CANVAS = (960, 700)  # nbconvert's reveal template: reveal_width / reveal_height (SlidesExporter defaults)
WINDOW = (1280, 720)  # scale = min(0.96 * 1280 / 960, 0.96 * 720 / 700) < 1: reveal scales by a transform
CHROME_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROME_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
    # offline: anything that is not a local file goes to a closed port and fails at once
    "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")

# Runs in the deck. Returns {"scale", "slides": [{"h", "v", "height", "width", ...}]} or {"error": ...}.
# REVEAL_MODULE is the require.js name the template loads reveal.js under (no global `Reveal` with require.js).
MEASURE_JS = r"""
(async () => {
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const until = async (ok, ms) => {
    for (const end = Date.now() + ms; Date.now() < end; await sleep(25)) if (ok()) return true;
    return ok();
  };
  if (!(await until(() => document.querySelector(".reveal.ready"), TIMEOUT_MS)))
    return {error: "reveal.js did not start (no .reveal.ready)"};
  const Reveal = await new Promise((resolve, reject) => require([REVEAL_MODULE], resolve, reject));
  // MathJax 2: its start-up typesetting ends with the "End" hook; later work (the template re-typesets a
  // slide's math when it is shown) goes through its queue
  const mathjax = () => (window.MathJax && MathJax.Hub)
    ? new Promise((resolve) => MathJax.Hub.Register.StartupHook("End", () => {
      MathJax.Hub.Queue(() => { resolve(); });  // (a hook or queued call that returns a value is waited on)
    }))
    : Promise.resolve();
  const images = () => Promise.all([...document.images].map((img) => img.decode().catch(() => null)));
  // saved widget state: @jupyter-widgets/html-manager draws each view into a .widget-subarea next to its tag
  const views = [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')];
  const drawn = (tag) => tag.parentElement.querySelector(".widget-subarea > *") !== null;
  const problems = [];
  if (!(await until(() => views.every(drawn), TIMEOUT_MS)))
    problems.push(`${views.filter((tag) => !drawn(tag)).length} of ${views.length} widgets were not drawn`);
  Reveal.configure({transition: "none", backgroundTransition: "none"});
  await images();
  await document.fonts.ready;
  await mathjax();
  // The template re-typesets a slide's math when the slide is shown, with MathJax.Hub.Rerender, which runs
  // outside the Hub's queue: wrap it to know when it has finished (meanwhile the math has no size).
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
  const text = (el) => squash(el.innerText || "");  // what is shown (no notes), as the theme cases it
  const source = (el) => {  // the words as written: no anchor links, no MathJax's copies of the TeX
    const copy = el.cloneNode(true);
    copy.querySelectorAll("script, .anchor-link, .MathJax_Preview, .MJX_Assistive_MathML")
      .forEach((e) => e.remove());
    return squash(copy.textContent);
  };
  // a box that clips its content sideways (code and outputs: overflow hidden or auto) with text beyond its edge
  // (returns the first piece of text past the edge, to be found in the notebook)
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
      if (range.getBoundingClientRect().right > edge) return squash(node.textContent).slice(0, 60) || "(blank)";
    }
    return null;
  };
  const slides = [];
  const stacks = [...document.querySelectorAll(".reveal .slides > section")];
  for (let h = 0; h < stacks.length; h++) {
    const children = [...stacks[h].querySelectorAll(":scope > section")];
    const screens = children.length ? children : [stacks[h]];
    for (let v = 0; v < screens.length; v++) {
      const section = screens[v];
      Reveal.slide(h, v);
      section.querySelectorAll(".fragment").forEach((f) => f.classList.add("visible"));
      await Promise.all(rerendering.splice(0));
      await images();
      await mathjax();
      Reveal.layout();
      const heading = section.querySelector("h1, h2, h3, h4, h5, h6");
      const notes = section.querySelector("aside.notes");  // what reveal's speaker view shows
      const style = getComputedStyle(section);
      const cut = [...section.querySelectorAll("*")].map(cutText).filter((text) => text !== null);
      slides.push({
        h, v,
        height: section.scrollHeight,
        width: section.scrollWidth,
        title: heading ? source(heading) : "",
        words: text(section).slice(0, 80),
        notes: notes ? notes.textContent.replace(/\s+/g, " ").trim() : "",
        notes_cells: section.querySelectorAll("aside.notes").length,
        overflow_y: style.overflowY,
        fragments: section.querySelectorAll(".fragment").length,
        cut_wide: cut.length,  // boxes (code, outputs) with text past their right edge
        cut_text: cut,
      });
    }
  }
  Reveal.slide(0, 0);
  return {problems, scale: Reveal.getScale(), config: (({width, height, margin, minScale, maxScale, center}) =>
    ({width, height, margin, minScale, maxScale, center}))(Reveal.getConfig()), slides};
})()
"""


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
    cut_wide: int
    cut_text: list[str]

    @property
    def fits(self) -> bool:
        return self.height <= CANVAS[1]

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
    errors: list[str] = field(default_factory=list)  # uncaught JavaScript errors, widgets not drawn
    external: list[str] = field(default_factory=list)  # requests for anything but local files
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


def find_chrome() -> str | None:
    """Chromium from CHROME_BIN, else the first of the usual names on PATH."""
    if os.environ.get("CHROME_BIN"):
        return shutil.which(os.environ["CHROME_BIN"])
    return next((path for name in CHROME_NAMES if (path := shutil.which(name))), None)


def _high_fd(fd: int) -> int:
    """The same pipe end on a descriptor above 4, so that the child can put its ends on 3 and 4 safely."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return high


class Chromium:
    """Headless Chromium driven over the DevTools protocol on fds 3 (commands in) and 4 (replies out)."""

    def __init__(self, binary: str, timeout: float = 60.0):
        self.timeout = timeout
        self._profile = tempfile.TemporaryDirectory(prefix="fcnlab-chromium-")
        self._log = open(Path(self._profile.name) / "chromium.log", "w+b")  # noqa: SIM115 (closed in close())
        cmd_read, cmd_write = map(_high_fd, os.pipe())
        out_read, out_write = map(_high_fd, os.pipe())

        def child_fds():
            os.dup2(cmd_read, 3)
            os.dup2(out_write, 4)

        flags = [*CHROME_FLAGS, f"--user-data-dir={self._profile.name}/profile",
                 f"--window-size={WINDOW[0]},{WINDOW[1]}", "--remote-debugging-pipe", "about:blank"]
        self._process = subprocess.Popen([binary, *flags], stdin=subprocess.DEVNULL, stdout=self._log,
                                         stderr=self._log, preexec_fn=child_fds, pass_fds=(3, 4))
        os.close(cmd_read)
        os.close(out_write)
        self._commands, self._replies = cmd_write, out_read
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict] = []

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._process.poll() is None:
            try:
                self.send("Browser.close", timeout=5)
            except (OSError, RuntimeError, TimeoutError):
                pass
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        for fd in (self._commands, self._replies):
            try:
                os.close(fd)
            except OSError:
                pass
        self._log.close()
        self._profile.cleanup()

    def log_tail(self, chars: int = 2000) -> str:
        self._log.flush()
        self._log.seek(0)
        return self._log.read().decode(errors="replace")[-chars:]

    def _read(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("chromium did not answer in time")
            ready, _, _ = select.select([self._replies], [], [], left)
            if ready:
                chunk = os.read(self._replies, 1 << 20)
                if not chunk:
                    raise RuntimeError(f"chromium exited; its log ends:\n{self.log_tail()}")
                self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float | None = None) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self._commands, data):]
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            reply = self._read(deadline)
            if reply.get("id") == message["id"]:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._events.append(reply)

    def wait_for(self, method: str, session: str, timeout: float | None = None) -> dict:
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            for k, event in enumerate(self._events):
                if event.get("method") == method and event.get("sessionId") == session:
                    return self._events.pop(k)
            self._events.append(self._read(deadline))

    def take_events(self, session: str) -> list[dict]:
        mine = [e for e in self._events if e.get("sessionId") == session]
        self._events = [e for e in self._events if e.get("sessionId") != session]
        return mine

    def page(self, url: str) -> Page:
        """A new tab showing ``url``, once its load event has fired."""
        return Page(self, url)

    def measure(self, deck: Path, reveal_module: str = "reveal.js/dist/reveal.js") -> Deck:
        """Open ``deck`` in a new tab and measure every slide (see the module docstring)."""
        start = time.monotonic()
        script = (MEASURE_JS.replace("REVEAL_MODULE", json.dumps(reveal_module))
                  .replace("TIMEOUT_MS", str(int(self.timeout * 1000 / 2))))
        with self.page(deck.resolve().as_uri()) as page:
            value = page.evaluate(script)
            report = Deck(path=deck, errors=page.errors(), external=page.external())
        if "error" in value:
            raise RuntimeError(f"{deck.name}: {value['error']}; JavaScript errors: {report.errors}")
        report.errors += value["problems"]
        report.config = value["config"]
        report.slides = [Slide(**s) for s in value["slides"]]
        report.seconds = time.monotonic() - start
        return report


SPEAKER_VIEW_JS = r"""
(async () => {
  for (const end = Date.now() + TIMEOUT_MS; !document.querySelector(".reveal.ready") && Date.now() < end;)
    await new Promise((resolve) => setTimeout(resolve, 25));
  const Reveal = await new Promise((resolve, reject) => require([REVEAL_MODULE], resolve, reject));
  Reveal.getPlugin("notes").open();  // what pressing S does: a pop-up window
})()
"""


def speaker_view_notes(browser: Chromium, url: str, reveal_module: str = "reveal.js/dist/reveal.js") -> str:
    """The notes reveal's speaker view shows for the slide at ``url`` (a deck URL with its #/h/v)."""
    with browser.page(url) as page:
        before = {t["targetId"] for t in browser.send("Target.getTargets")["targetInfos"]}
        script = (SPEAKER_VIEW_JS.replace("REVEAL_MODULE", json.dumps(reveal_module))
                  .replace("TIMEOUT_MS", str(int(browser.timeout * 1000 / 2))))
        page.send("Runtime.evaluate", {"expression": script, "awaitPromise": True, "userGesture": True})
        deadline = time.monotonic() + browser.timeout
        view = None
        while view is None and time.monotonic() < deadline:
            view = next((t["targetId"] for t in browser.send("Target.getTargets")["targetInfos"]
                         if t["type"] == "page" and t["targetId"] not in before), None)
            time.sleep(0.1)
        if view is None:
            raise RuntimeError("the speaker view did not open")
        session = browser.send("Target.attachToTarget", {"targetId": view, "flatten": True})["sessionId"]
        try:
            read = {"expression": "(document.querySelector('.speaker-controls-notes .value') || {}).innerText",
                    "returnByValue": True}
            notes = ""
            while not notes and time.monotonic() < deadline:
                notes = browser.send("Runtime.evaluate", read, session=session)["result"].get("value") or ""
                time.sleep(0.1)
            browser.take_events(session)
            return notes
        finally:
            browser.send("Target.closeTarget", {"targetId": view})


class Page:
    """One tab of :class:`Chromium`: evaluate JavaScript, take a screenshot, read what the page did."""

    def __init__(self, browser: Chromium, url: str):
        self.browser = browser
        self.target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": self.target, "flatten": True})[
            "sessionId"]
        self.events: list[dict] = []
        try:
            for domain in ("Page", "Runtime", "Network"):
                self.send(f"{domain}.enable")
            self.send("Emulation.setDeviceMetricsOverride", {"width": WINDOW[0], "height": WINDOW[1],
                                                             "deviceScaleFactor": 1, "mobile": False})
            self.send("Page.navigate", {"url": url})
            browser.wait_for("Page.loadEventFired", self.session)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Page:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._collect()
        self.browser.send("Target.closeTarget", {"targetId": self.target})

    def send(self, method: str, params: dict | None = None, timeout: float | None = None) -> dict:
        return self.browser.send(method, params, session=self.session, timeout=timeout)

    def evaluate(self, expression: str, timeout: float | None = None):
        """The value of a JavaScript expression (a promise is awaited); its exception as a RuntimeError."""
        result = self.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                "returnByValue": True}, timeout=timeout)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise RuntimeError("JavaScript failed: "
                               f"{details.get('exception', {}).get('description') or details.get('text')}")
        return result["result"].get("value")

    def screenshot(self) -> bytes:
        """The window as PNG bytes (WINDOW pixels)."""
        return base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"})["data"])

    def _collect(self) -> None:
        self.events += self.browser.take_events(self.session)

    def errors(self) -> list[str]:
        """Uncaught JavaScript errors so far."""
        self._collect()
        found = []
        for event in self.events:
            if event.get("method") == "Runtime.exceptionThrown":
                details = event["params"].get("exceptionDetails", {})
                found.append(details.get("exception", {}).get("description") or details.get("text", ""))
        return found

    def external(self) -> list[str]:
        """Every URL the page requested that is not a local file (or data:, blob:, about:)."""
        self._collect()
        return [url for event in self.events if event.get("method") == "Network.requestWillBeSent"
                if not (url := event["params"].get("request", {}).get("url", "")).startswith(LOCAL_SCHEMES)]


def measure_decks(decks: list[Path], chrome: str | None = None, timeout: float = 60.0) -> list[Deck]:
    """Measure each deck's slides in one headless Chromium."""
    chrome = chrome or find_chrome()
    if chrome is None:
        raise FileNotFoundError("no Chromium found (Debian: apt-get install chromium; or set CHROME_BIN)")
    with Chromium(chrome, timeout=timeout) as browser:
        return [browser.measure(deck) for deck in decks]


def report(decks: list[Deck], verbose: bool = False) -> str:
    """The table authors read: per deck slides / tallest / overflowing, then each slide with a problem."""
    width, height = CANVAS
    lines = [f"{'deck':<28} {'slides':>6} {'tallest':>9} {'too tall':>9} {'cut off':>8}"
             f"   (canvas {width}×{height} px; too tall: > {height} px; cut off: text past the right edge)"]
    for deck in decks:
        lines.append(f"{deck.name:<28} {len(deck.slides):>6} {deck.tallest:>6} px {len(deck.overflowing):>9} "
                     f"{len(deck.cut_off):>8}")
    for deck in decks:
        shown = [s for s in deck.slides if verbose or not s.fits or s.cut_wide]
        if shown or deck.errors or deck.external:
            lines.append(f"\n{deck.path}  ({len(deck.overflowing)} of {len(deck.slides)} slides too tall, "
                         f"{len(deck.cut_off)} with text cut off; open a slide with the deck's URL + #/h/v)")
        for slide in shown:
            mark = "fits" if slide.fits else f"+{slide.height - height} px"
            extra = f"  [cut off at the right: {' | '.join(slide.cut_text)}]" if slide.cut_wide else ""
            extra += f"  [notes: {len(slide.notes.split())} words]" if slide.notes and verbose else ""
            lines.append(f"  {slide.anchor:<8} {slide.height:>5} px  {mark:>9}  {slide.label}{extra}")
        for error in deck.errors:
            lines.append(f"  JavaScript error: {error.splitlines()[0] if error else error}")
        for url in deck.external:
            lines.append(f"  requested from the network: {url}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("decks", nargs="+", type=Path, help="*.slides.html files (`make slides` writes them)")
    parser.add_argument("--all", action="store_true", help="list every slide, not only the overflowing ones")
    parser.add_argument("--json", type=Path, help="also write the measurements to this file")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when a slide overflows")
    args = parser.parse_args(argv)
    decks = measure_decks(args.decks)
    print(report(decks, verbose=args.all))
    if args.json:
        write_json(decks, args.json)
    return 1 if args.strict and any(deck.overflowing for deck in decks) else 0


def write_json(decks: list[Deck], path: Path) -> None:
    data = [{"deck": d.name, "path": str(d.path), "config": d.config, "errors": d.errors,
             "external": d.external, "slides": [vars(s) | {"fits": s.fits} for s in d.slides]} for d in decks]
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
