"""Reports to hand on: one project's or one municipality's partnerships, as PDF or HTML.

What a consultant brings to a municipal board meeting: a title page with the question
the report answers and its answer in a few lines, then the map as a picture, the local
anchoring score with its parts in plain words, who bridges and who is a single point of
failure, what happens if each funder leaves, suggested local partners and the sources,
in Danish or English.

Public API
----------
make_report(graphsvc, kind, ident, *, lang="da", as_of=None) -> Report
    Gather what the report says (:mod:`graphsvc.reports.data`).
render(report, fmt="pdf", *, browser=None) -> bytes
    The PDF or the HTML (:mod:`graphsvc.reports.render`).
report(graphsvc, kind, ident, *, lang="da", fmt="pdf", as_of=None, browser=None) -> bytes
    Both in one step, checking the kind and format: what the CLI calls.
Printer
    A Chromium of its own that starts and draws the map while a report is gathered
    (:mod:`graphsvc.reports.printer`): what ``report`` uses, and the API keeps per worker.

The package sits above :class:`graphsvc.core.Graphsvc` (as the workshop service and
the GDPR module do): the core does not import it, so there is no import cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graphsvc.errors import ValidationError
from graphsvc.reports.data import REPORT_KINDS, Report, ReportKind, make_report
from graphsvc.reports.printer import Printer
from graphsvc.reports.render import (
    MEDIA_TYPES,
    REPORT_FORMATS,
    ReportFormat,
    render,
    render_html,
)

if TYPE_CHECKING:
    from graphsvc.core import Graphsvc


def report(
    graphsvc: Graphsvc,
    kind: str,
    ident: str,
    *,
    lang: str = "da",
    fmt: str = "pdf",
    as_of: str | None = None,
    browser: Any = None,
) -> bytes:
    """A report of a project or a municipality as PDF or HTML bytes.

    Parameters
    ----------
    graphsvc : Graphsvc
        The open graph.
    kind : {"project", "municipality"}
        What the report is about.
    ident : str
        The project's id or the municipality's code (e.g. ``DK-410``).
    lang : {"da", "en"}
        The report's language.
    fmt : {"pdf", "html"}
        A PDF printed by Chromium, or one self-contained HTML page.
    as_of : str, optional
        The network as of this ISO date.
    browser : optional
        A running Chromium to reuse (see :func:`graphsvc.reports.render.chromium`).

    Returns
    -------
    bytes
        The PDF or the UTF-8 HTML, pseudonymised like a map.

    Raises
    ------
    ValidationError
        An unknown kind or format.
    NotFoundError
        No such project or municipality.
    """
    if kind not in REPORT_KINDS:
        raise ValidationError(f"unknown report {kind!r}; choose one of {', '.join(REPORT_KINDS)}")
    if fmt not in REPORT_FORMATS:
        raise ValidationError(f"unknown format {fmt!r}; choose one of {', '.join(REPORT_FORMATS)}")
    if browser is not None:
        made = make_report(graphsvc, kind, ident, lang=lang, as_of=as_of)  # type: ignore[arg-type]
        return render(made, fmt, browser=browser)
    printer = Printer()  # Chromium starts and draws the map while the report is gathered
    try:
        return printer.report(graphsvc, kind, ident, lang=lang, fmt=fmt, as_of=as_of)  # type: ignore[arg-type]
    finally:
        printer.close()


__all__ = [
    "MEDIA_TYPES",
    "REPORT_FORMATS",
    "REPORT_KINDS",
    "Printer",
    "Report",
    "ReportFormat",
    "ReportKind",
    "make_report",
    "render",
    "render_html",
    "report",
]
