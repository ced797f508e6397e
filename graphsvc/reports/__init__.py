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
"""

from graphsvc.reports.data import REPORT_KINDS, Report, ReportKind, make_report
from graphsvc.reports.render import (
    MEDIA_TYPES,
    REPORT_FORMATS,
    ReportFormat,
    render,
    render_html,
)

__all__ = [
    "MEDIA_TYPES",
    "REPORT_FORMATS",
    "REPORT_KINDS",
    "Report",
    "ReportFormat",
    "ReportKind",
    "make_report",
    "render",
    "render_html",
]
