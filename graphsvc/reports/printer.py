"""A Chromium kept running for the reports a long-lived process makes (the API).

Starting Chromium costs about a second (more on a busy machine) on every report that is
not in the cache. :class:`Printer` starts it with the first report and keeps it until
:meth:`Printer.close`. Playwright's sync API must be used from the thread that started it,
while the API answers in a pool of threads, so the printer owns one thread of its own: every
report is drawn there, one at a time (they share the machine's cores anyway).
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from graphsvc.maps.png import CHROMIUM_FLAGS
from graphsvc.reports.data import Report
from graphsvc.reports.render import ReportFormat, chromium_executable, render

log = logging.getLogger(__name__)


class Printer:
    """Draws reports (:func:`graphsvc.reports.render`) with one Chromium kept running.

    The browser starts with the first report, and again after it crashed or was closed.

    Examples
    --------
    >>> printer = Printer()
    >>> printer.close()  # nothing started, nothing to stop
    """

    def __init__(self) -> None:
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="graphsvc-chromium")
        self._playwright: Any = None
        self._browser: Any = None
        self._closed = False
        self._lock = threading.Lock()

    def render(self, report: Report, fmt: ReportFormat = "pdf") -> bytes:
        """The report as PDF or HTML bytes (see :func:`graphsvc.reports.render`).

        Raises
        ------
        FileNotFoundError
            When chromium is missing.
        RuntimeError
            When the printer was closed.
        """
        with self._lock:
            if self._closed:
                raise RuntimeError("the report printer is closed")
            job = self._thread.submit(self._render, report, fmt)
        return job.result()

    def _render(self, report: Report, fmt: ReportFormat) -> bytes:
        if self._browser is None or not self._browser.is_connected():
            self._stop()
            self._start()
        return render(report, fmt, browser=self._browser)

    def _start(self) -> None:
        exe = chromium_executable()
        from playwright.sync_api import sync_playwright  # noqa: PLC0415

        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=exe, args=CHROMIUM_FLAGS, headless=True
            )
        except Exception:
            self._stop()
            raise
        log.info("started chromium for reports")

    def _stop(self) -> None:
        browser, playwright = self._browser, self._playwright
        self._browser = self._playwright = None
        try:
            if browser is not None and browser.is_connected():
                browser.close()
        finally:
            if playwright is not None:
                playwright.stop()

    def close(self) -> None:
        """Stop the browser (if started) and the printer's thread; later reports fail."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            stopped = self._thread.submit(self._stop)
        try:
            stopped.result()
        finally:
            self._thread.shutdown()
