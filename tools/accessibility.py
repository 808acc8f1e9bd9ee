"""Can every student read the decks, the book and the lessons' figures? Two checks, for people and for tests.

    python -m tools.accessibility build/slides                 # every deck in a folder
    python -m tools.accessibility build/slides/05_*.slides.html docs/_build/html

For each page (a deck ``*.slides.html``, or any ``*.html`` of a folder): how many images carry a real text
alternative, and what axe-core finds with the WCAG 2.0 / 2.1 A and AA rules (tags ``wcag2a``, ``wcag2aa``,
``wcag21a``, ``wcag21aa``) and headings in order (``heading-order``). A deck is audited twice, in reveal's normal view (one slide shown, the others hidden)
and in its print view (``?print-pdf``: every slide laid out at once). axe-core comes from npm, pinned in
``tools/slides/package.json`` with reveal.js and installed by ``tools/make_slides.py`` into
``build/slides-deps/``; the browser is the system Chromium (``tools/browser.py``). Exit status 1 when any page
has a violation or an image without a real alternative.

A *real* text alternative says what the image shows in at least :data:`MIN_ALT_WORDS` words; nbconvert's
placeholder (``fcnlab.viz.NO_ALT``) and an empty ``alt`` are not. ``tests/test_accessibility.py`` holds the
lessons, decks and book pages to both checks.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# and one best-practice rule the decks keep too: headings in order (no level skipped)
AXE_RULES = ["heading-order"]
MIN_ALT_WORDS = 5
NO_ALT = "No description has been provided for this image"  # nbconvert's placeholder (= fcnlab.viz.NO_ALT)


def axe_script(deps: Path) -> Path:
    """``axe.min.js`` of the pinned axe-core in the npm folder ``deps`` (``build/slides-deps``)."""
    path = deps / "node_modules" / "axe-core" / "axe.min.js"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: axe-core is not installed; run python -m tools.make_slides once "
                                "(it installs tools/slides/package.json with npm)")
    return path


# --- text alternatives -----------------------------------------------------------------------------------------

def is_real_alt(alt) -> bool:
    return isinstance(alt, str) and alt.strip() != NO_ALT and len(alt.split()) >= MIN_ALT_WORDS


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alts: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.alts.append(dict(attrs).get("alt"))


def html_images(text: str) -> list[str | None]:
    """The ``alt`` of every ``<img>`` of an HTML page, in order (``None`` where there is none)."""
    parser = _Images()
    parser.feed(text)
    return parser.alts


def notebook_images(nb) -> list[tuple[int, str | None]]:
    """``(cell index, alt)`` of every image output of an executed notebook (``alt`` from its metadata)."""
    found = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            for mime in output.get("data", {}):
                if mime.startswith("image/"):
                    found.append((index, output.get("metadata", {}).get(mime, {}).get("alt")))
    return found


def missing_alts(alts) -> list[str]:
    """What is wrong with each alternative that is not a real one."""
    return [f"image {k}: alt {alt!r}" for k, alt in enumerate(alts) if not is_real_alt(alt)]


# --- axe-core --------------------------------------------------------------------------------------------------

@dataclass
class Audit:
    page: str  # file name, and the view for a deck
    images: int = 0
    real_alts: int = 0
    violations: list[dict] = field(default_factory=list)  # axe's violations: id, impact, help, nodes

    @property
    def nodes(self) -> int:
        return sum(len(v["nodes"]) for v in self.violations)

    def by_rule(self) -> Counter:
        return Counter({v["id"]: len(v["nodes"]) for v in self.violations})

    def explain(self, limit: int = 5) -> str:
        lines = []
        for v in self.violations:
            lines.append(f"{self.page}: {v['id']} ({len(v['nodes'])} nodes): {v['help']}")
            for node in v["nodes"][:limit]:
                lines.append(f"    {' '.join(map(str, node['target']))}: {node.get('failureSummary', '')[:300]}")
        return "\n".join(lines)


def run_axe(page, axe_js: Path) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page open in ``page`` (Playwright)."""
    page.add_script_tag(path=str(axe_js))
    result = page.evaluate(
        """async ([tags, extra]) => {
            const r = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
                                               rules: Object.fromEntries(extra.map(id => [id, {enabled: true}]))});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target, html: n.html.slice(0, 200),
                                          failureSummary: n.failureSummary}))}));
        }""", [AXE_TAGS, AXE_RULES])
    return result


def audit_page(chrome, path: Path, axe_js: Path, *, print_view: bool = False) -> Audit:
    """Open ``path`` (a deck waits for reveal.js to be ready) and audit it."""
    from tools import browser

    url = path.resolve().as_uri() + ("?print-pdf" if print_view else "")
    name = path.name + (" (print view)" if print_view else "")
    with browser.open_page(chrome, url) as (page, _log):
        if path.name.endswith(".slides.html"):
            page.wait_for_function("document.querySelector('.reveal.ready') !== null", timeout=60_000)
            page.wait_for_timeout(500)  # MathJax typesets after reveal is ready
        alts = page.evaluate("[...document.images].map(i => i.getAttribute('alt'))")
        audit = Audit(name, len(alts), len(alts) - len(missing_alts(alts)))
        audit.violations = run_axe(page, axe_js)
    return audit


def pages(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        if path.is_dir():
            decks = sorted(path.glob("*.slides.html"))
            found += decks or sorted(p for p in path.rglob("*.html") if "_static" not in p.parts)
        else:
            found.append(path)
    return found


def audit_all(paths: list[Path], deps: Path) -> list[Audit]:
    from tools import browser

    axe_js = axe_script(deps)
    audits = []
    with browser.chromium() as chrome:
        for path in pages(paths):
            audits.append(audit_page(chrome, path, axe_js))
            if path.name.endswith(".slides.html"):
                audits.append(audit_page(chrome, path, axe_js, print_view=True))
    return audits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path, help="decks / HTML pages, or folders of them")
    parser.add_argument("--deps-dir", type=Path, default=ROOT / "build" / "slides-deps",
                        help="the npm folder of tools/make_slides.py, with axe-core (default: build/slides-deps)")
    parser.add_argument("--json", type=Path, help="also write the audits there")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the violating nodes")
    args = parser.parse_args(argv)
    audits = audit_all(args.paths, args.deps_dir)
    print(f"{'page':<48} {'real alt / images':>17} {'axe nodes':>9}  rules")
    for a in audits:
        rules = ", ".join(f"{k} {n}" for k, n in a.by_rule().most_common())
        print(f"{a.page:<48} {f'{a.real_alts} / {a.images}':>17} {a.nodes:>9}  {rules}")
        if args.verbose and a.violations:
            print(a.explain())
    if args.json:
        args.json.write_text(json.dumps([a.__dict__ for a in audits], indent=1))
    return 1 if any(a.nodes or a.real_alts < a.images for a in audits) else 0


if __name__ == "__main__":
    sys.exit(main())
