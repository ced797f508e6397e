"""PNG export of a map for reports: headless Debian chromium driven by playwright.

Never ``playwright install``: the browser is Debian's ``/usr/bin/chromium``
(``apt-get install -y chromium``; override with ``GRAPHSVC_CHROMIUM``). Each export runs
in a fresh user-data directory, with the flags that keep chromium from phoning home, and
aborts every request that is not ``file:``/``data:``/``blob:``/``about:``.

The playwright *sync* API cannot run inside a running asyncio loop: from async code
(FastAPI handlers) call :func:`export_png` in a worker thread
(``await run_in_threadpool(export_png, ...)``).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ENV = "GRAPHSVC_CHROMIUM"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def chromium_path() -> str:
    """The chromium binary to drive (``GRAPHSVC_CHROMIUM`` or ``/usr/bin/chromium``)."""
    return os.environ.get(CHROMIUM_ENV, CHROMIUM)


def chromium_executable() -> str:
    """The path of the chromium binary maps and reports are drawn by.

    Returns
    -------
    str
        Debian's chromium (``/usr/bin/chromium``), or ``GRAPHSVC_CHROMIUM`` when set.

    Raises
    ------
    FileNotFoundError
        When that file is missing (the message says how to install it).
    """
    exe = chromium_path()
    if not Path(exe).exists():
        raise FileNotFoundError(
            f"{exe} is missing: install Debian's chromium (apt-get install -y chromium); "
            "never run 'playwright install'"
        )
    return exe


def is_local_url(url: str) -> bool:
    """Whether a request stays on the machine (the map must make no other)."""
    return url.startswith(LOCAL_SCHEMES)


def block_outside(page: Any, blocked: list[str] | None = None) -> None:
    """Abort every request of ``page`` to another host (recorded in ``blocked``)."""

    def handle(route: Any) -> None:
        url = route.request.url
        if is_local_url(url):
            route.continue_()
        else:
            if blocked is not None:
                blocked.append(url)
            route.abort()

    page.route("**/*", handle)


def wait_until_drawn(page: Any, timeout_ms: float = 60_000) -> None:
    """Wait for the map's first ``afterDrawing``."""
    page.wait_for_function(
        "window.graphsvcMap && window.graphsvcMap.ready === true", timeout=timeout_ms
    )


def _render_png(page: Any, url: str, png_path: Path, timeout_ms: float) -> None:
    page.goto(url, wait_until="load", timeout=timeout_ms)
    wait_until_drawn(page, timeout_ms)
    page.evaluate(
        """() => new Promise(resolve => {
            const map = window.graphsvcMap;
            map.network.once("afterDrawing", () => resolve(true));
            map.exportMode(true);
            map.network.redraw();
        })"""
    )
    page.screenshot(path=str(png_path), full_page=False)


def export_png(
    html_or_path: str | os.PathLike[str],
    png_path: str | os.PathLike[str],
    width: int = 1600,
    height: int = 1000,
    *,
    browser: Any = None,
    timeout_s: float = 60.0,
    scale: float = 1,
) -> Path:
    """Write a PNG of a map (``width`` × ``height`` pixels: map and legend, no controls).

    Parameters
    ----------
    html_or_path
        The HTML of :func:`graphsvc.maps.render_map`, or the path of a map file.
    png_path
        Where to write the PNG.
    width, height
        Size of the PNG in pixels.
    browser
        A playwright ``Browser`` to reuse (e.g. a test fixture's); otherwise chromium is
        started (fresh user-data directory) and stopped again.
    timeout_s
        Give up after this long.
    scale
        Device pixels per CSS pixel: 2 gives a picture twice as sharp (for print), with
        labels at the same size relative to the map.

    Returns
    -------
    pathlib.Path
        ``png_path``.

    Raises
    ------
    FileNotFoundError
        When ``/usr/bin/chromium`` (or ``GRAPHSVC_CHROMIUM``) is missing.
    """
    out = Path(png_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    timeout_ms = timeout_s * 1000
    viewport: Any = {"width": int(width), "height": int(height)}  # playwright ViewportSize
    with tempfile.TemporaryDirectory(prefix="graphsvc-png-") as tmp:
        source = _as_file(html_or_path, Path(tmp))
        url = source.resolve().as_uri()
        if browser is not None:
            context = browser.new_context(viewport=viewport, device_scale_factor=scale)
            try:
                page = context.new_page()
                block_outside(page)
                _render_png(page, url, out, timeout_ms)
            finally:
                context.close()
            return out
        exe = chromium_executable()
        # playwright loads only when a picture is drawn (a second; API and CLI start without)
        from playwright.sync_api import sync_playwright  # noqa: PLC0415

        with sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                user_data_dir=str(Path(tmp) / "profile"),
                executable_path=exe,
                args=CHROMIUM_FLAGS,
                headless=True,
                viewport=viewport,
                device_scale_factor=scale,
            )
            try:
                page = context.pages[0] if context.pages else context.new_page()
                block_outside(page)
                _render_png(page, url, out, timeout_ms)
            finally:
                context.close()
    return out


def _as_file(html_or_path: str | os.PathLike[str], tmp: Path) -> Path:
    if isinstance(html_or_path, os.PathLike):
        return Path(html_or_path)
    text = str(html_or_path)
    if not text.lstrip().startswith("<") and len(text) < 4096 and Path(text).is_file():
        return Path(text)
    page = tmp / "map.html"
    page.write_text(text, encoding="utf-8")
    return page
