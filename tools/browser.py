"""Open the course's pages (slide decks, the book) in headless Chromium through Playwright, offline.

    with browser.chromium() as chrome:
        with browser.open_page(chrome, deck.as_uri()) as (page, log):
            page.screenshot(path="slide.png")
        assert not log.problems()

The browser is the system's Chromium (Debian: ``apt-get install chromium``; or set ``CHROME_BIN``): Playwright
drives it, nothing is downloaded. A page may load ``file://`` URLs and ``localhost`` only: any other request is
aborted and recorded (``log.network``), so a test can say "nothing came from the network". JavaScript errors
and console errors are recorded too (``log.errors``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlparse

#: What a headless Chromium needs on a machine without a display, a sandbox user or a network: without the
#: background-networking flags it keeps trying to reach Google's hosts.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-default-apps", "--mute-audio"]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
SCREEN = (1280, 800)  # a classroom projector: the default size of a page


def find_chromium() -> str | None:
    """The Chromium to drive: ``$CHROME_BIN``, else the first of chromium / chromium-browser / google-chrome."""
    named = os.environ.get("CHROME_BIN")
    if named:
        return named if shutil.which(named) or os.path.exists(named) else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


@contextmanager
def chromium(executable: str | None = None):
    """A headless Chromium (a Playwright ``Browser``), closed on exit."""
    from playwright.sync_api import sync_playwright

    executable = executable or find_chromium()
    if executable is None:
        raise RuntimeError("no Chromium found: apt-get install chromium (Debian), or set CHROME_BIN")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("file", "data", "blob", "about") or (
        parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname in LOCAL_HOSTS)


@dataclass
class PageLog:
    errors: list[str] = field(default_factory=list)  # uncaught exceptions and console.error messages
    network: list[str] = field(default_factory=list)  # requests that would have left the machine (aborted)
    failed: list[str] = field(default_factory=list)  # local requests that failed (a missing file)

    def problems(self) -> list[str]:
        return ([f"error: {e}" for e in self.errors] + [f"network: {u}" for u in self.network]
                + [f"failed: {u}" for u in self.failed])


@contextmanager
def open_page(browser, url: str, *, size: tuple[int, int] = SCREEN, wait: str = "load") -> Iterator:
    """Open ``url`` in a fresh context of ``browser`` at ``size``; yields ``(page, log)``."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    log = PageLog()

    def route(r):
        if is_local(r.request.url):
            r.continue_()
        else:
            log.network.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda err: log.errors.append(str(err)))
    def console(msg):  # an aborted request's "Failed to load resource" is already in log.network
        if msg.type == "error" and is_local(msg.location.get("url") or url):
            log.errors.append(msg.text)

    page.on("console", console)
    page.on("requestfailed", lambda req: None if not is_local(req.url) else log.failed.append(req.url))
    try:
        page.goto(url, wait_until=wait)
        yield page, log
    finally:
        context.close()
