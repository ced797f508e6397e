"""A report as HTML (print CSS, the map as a picture) and as PDF, both through Chromium.

The map picture is the report's map page (:func:`graphsvc.maps.render_map`) drawn by the
headless Chromium the project already uses (:mod:`graphsvc.maps.png`), at twice the
pixels for print; the PDF is Chromium's print of the HTML (A4, tagged, with page numbers).
One browser draws both. Like :func:`graphsvc.maps.export_png`, this uses playwright's
sync API: from async code, call it in a worker thread.
"""

from __future__ import annotations

import base64
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import jinja2

from graphsvc.i18n import label
from graphsvc.maps.png import CHROMIUM_FLAGS, block_outside, chromium_executable, export_png
from graphsvc.reports.data import Report
from graphsvc.reports.words import long_date, score

ReportFormat = Literal["pdf", "html"]
REPORT_FORMATS: tuple[ReportFormat, ...] = ("pdf", "html")
MEDIA_TYPES = {"pdf": "application/pdf", "html": "text/html; charset=utf-8"}

#: The map picture in CSS pixels (drawn at twice that for print): A4's text width.
MAP_SIZE = (1100, 720)
MAP_SCALE = 2


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    text = resources.files(__package__).joinpath("report.html.j2").read_text("utf-8")
    return env.from_string(text)


@cache
def _css() -> str:
    return resources.files(__package__).joinpath("report.css").read_text("utf-8")


def render_html(report: Report, map_png: bytes | None = None) -> str:
    """The report as one self-contained HTML page (the map picture inline).

    Parameters
    ----------
    report
        What :func:`graphsvc.reports.make_report` gathered.
    map_png
        The map picture; without it the report says the map could not be drawn.
    """
    w = report.words
    lang = report.lang
    epoch, version = report.version
    return _template().render(
        r=report,
        w=w,
        css=_css(),
        map_src=(
            "data:image/png;base64," + base64.b64encode(map_png).decode("ascii")
            if map_png
            else None
        ),
        made=long_date(report.made.date(), lang) + report.made.strftime(" %H:%M"),
        as_of=(long_date(_day(report.as_of), lang) if report.as_of else w["today"]),
        version=f"{version} ({(epoch or '–')[:8]})",
        score=lambda value: score(value, lang),
        band=lambda band: label(lang, "band", band),
    )


def _day(text: str) -> Any:
    import datetime as dt  # noqa: PLC0415

    return dt.date.fromisoformat(str(text)[:10])


@contextmanager
def chromium(browser: Any = None) -> Iterator[Any]:
    """A playwright ``Browser``: ``browser`` if given, else Debian's chromium started
    (fresh profile, no outside requests) and stopped after."""
    if browser is not None:
        yield browser
        return
    exe = chromium_executable()
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as pw:
        started = pw.chromium.launch(executable_path=exe, args=CHROMIUM_FLAGS, headless=True)
        try:
            yield started
        finally:
            started.close()


def map_picture(report: Report, browser: Any) -> bytes:
    """The report's map as PNG bytes: the drawing started while it was gathered
    (``report.map_drawing``), else drawn now."""
    if report.map_drawing is not None:
        return report.map_drawing.result()
    return draw_map(report.map_html, browser)


def draw_map(map_html: str, browser: Any) -> bytes:
    """A report's map as a PNG picture.

    Parameters
    ----------
    map_html : str
        The map's HTML, as :func:`graphsvc.maps.render_map` makes it.
    browser
        A running playwright ``Browser`` (see :func:`chromium`); it is left running.

    Returns
    -------
    bytes
        The PNG, :data:`MAP_SIZE` CSS pixels at :data:`MAP_SCALE` device pixels each.

    Raises
    ------
    playwright.sync_api.Error
        When the browser cannot draw the map (e.g. it timed out or was closed).
    """
    with tempfile.TemporaryDirectory(prefix="graphsvc-report-") as tmp:
        out = Path(tmp) / "map.png"
        width, height = MAP_SIZE
        export_png(map_html, out, width, height, browser=browser, scale=MAP_SCALE)
        return out.read_bytes()


def _footer(report: Report) -> str:
    w = report.words
    title = jinja2.utils.markupsafe.escape(report.title)
    style = (
        "font-family:'Liberation Sans',Arial,sans-serif;font-size:8px;color:#4a5360;"
        "width:100%;padding:0 15mm;display:flex;justify-content:space-between"
    )
    return (
        f'<div style="{style}"><span>{title}</span><span>{w["page"]} '
        f'<span class="pageNumber"></span> {w["page_of"]} <span class="totalPages"></span>'
        "</span></div>"
    )


def render(report: Report, fmt: ReportFormat = "pdf", *, browser: Any = None) -> bytes:
    """The report as PDF or HTML bytes.

    Parameters
    ----------
    report
        What :func:`graphsvc.reports.make_report` gathered.
    fmt
        ``"pdf"`` (A4, tagged, page numbers) or ``"html"`` (one self-contained page).
    browser
        A playwright ``Browser`` to reuse (a test's, a bench's); otherwise chromium is
        started and stopped again.

    Raises
    ------
    FileNotFoundError
        When chromium is missing.
    """
    with chromium(browser) as running:
        html = render_html(report, map_picture(report, running))
        if fmt == "html":
            return html.encode("utf-8")
        return print_pdf(report, html, running)


def print_pdf(report: Report, html: str, browser: Any) -> bytes:
    """Chromium's print of a report's HTML.

    Parameters
    ----------
    report : Report
        The report the HTML was made from (its title goes in the page footer).
    html : str
        The report's page, as :func:`render_html` makes it.
    browser
        A running playwright ``Browser`` (see :func:`chromium`); it is left running.

    Returns
    -------
    bytes
        The PDF: A4, tagged, with an outline and page numbers.

    Raises
    ------
    playwright.sync_api.Error
        When the browser cannot print the page (e.g. it was closed).
    """
    context = browser.new_context()
    try:
        page = context.new_page()
        block_outside(page)
        page.set_content(html, wait_until="load")
        pdf: bytes = page.pdf(
            format="A4",
            print_background=True,
            prefer_css_page_size=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=_footer(report),
            tagged=True,
            outline=True,
        )
        return pdf
    finally:
        context.close()
