"""A Chromium of its own for reports, working while the report is gathered.

Starting Chromium costs one to two seconds, and drawing the map picture two to three: with
:meth:`Printer.report` both happen in Chromium (another process, another core) while
Python reads the network and runs the analyses; only the print of the PDF waits for them.
The API keeps one printer per worker (started by the first report not in the cache, kept
until :meth:`Printer.close`); ``graphsvc report`` uses one for its report.

Playwright's sync API must be used from the thread that started it, while the API answers
in a pool of threads, so the printer owns one thread of its own: every browser call is made
there, one at a time (reports share the machine's cores anyway).
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from graphsvc.filters import Language
from graphsvc.maps.png import CHROMIUM_FLAGS, chromium_executable
from graphsvc.reports.data import Report, ReportKind, make_report
from graphsvc.reports.render import ReportFormat, draw_map, render

if TYPE_CHECKING:
    from graphsvc.core import Graphsvc

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

    def report(
        self,
        graphsvc: Graphsvc,
        kind: ReportKind,
        ident: str,
        *,
        lang: Language = "da",
        fmt: ReportFormat = "pdf",
        as_of: str | None = None,
    ) -> bytes:
        """:func:`graphsvc.reports.report`, with Chromium starting and drawing the map
        while the report is gathered.

        Raises
        ------
        NotFoundError
            No such project or municipality.
        FileNotFoundError
            When chromium is missing.
        RuntimeError
            When the printer was closed.
        """
        self._submit(self._started)  # Chromium starts while the network is read
        made = make_report(graphsvc, kind, ident, lang=lang, as_of=as_of, draw_map=self.draw_map)
        return self.render(made, fmt)

    def draw_map(self, map_html: str) -> Future[bytes]:
        """Start drawing a report's map (:func:`graphsvc.reports.render.draw_map`)."""
        return self._submit(lambda: draw_map(map_html, self._started()))

    def render(self, report: Report, fmt: ReportFormat = "pdf") -> bytes:
        """The report as PDF or HTML bytes (see :func:`graphsvc.reports.render`).

        Raises
        ------
        FileNotFoundError
            When chromium is missing.
        RuntimeError
            When the printer was closed.
        """
        return self._submit(lambda: render(report, fmt, browser=self._started())).result()

    def _submit(self, work: Any) -> Future[Any]:
        with self._lock:
            if self._closed:
                raise RuntimeError("the report printer is closed")
            return self._thread.submit(work)

    def _started(self) -> Any:
        """The running browser (in the printer's thread): started if it is not."""
        if self._browser is None or not self._browser.is_connected():
            self._stop()
            self._start()
        return self._browser

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
