"""Headless Chromium (Debian's, never downloaded) that refuses every request leaving the site."""

from __future__ import annotations

import functools
import http.server
import importlib.util
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, Route, sync_playwright

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (any free port) from a thread; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def guarded_page(browser: Browser, blocked: list[str], timezone_id: str | None = None) -> Page:
    """A page whose requests to anything but 127.0.0.1 or file:// are aborted and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", timezone_id=timezone_id)

    def route(route: Route) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "file://", "data:", "blob:", "about:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", route)
    return context.new_page()


def find(page: Page, query: str) -> None:
    """Search the intranet site (Pagefind) the way a reader does: the header box, then Enter."""
    box = page.locator("input.zf-header-search__input")
    box.fill(query)
    box.press("Enter")
    page.locator(f"#zf-search[data-done='{query}']").wait_for(timeout=30_000)


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def search_quality() -> Any:
    """bench/search_quality.py as a module: the query set's precision and recall, shared by the search tests."""
    spec = importlib.util.spec_from_file_location("bench_search_quality", REPO / "bench" / "search_quality.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
