"""``/reports/project/{project_id}``, ``/reports/municipality/{code}``: printable reports
(PDF or HTML).

A report is a shared document, like a map: it is made from the pseudonymised network, so
persons who did not consent appear under their pseudonym whatever the reader's role, and
any role may read it. Reports are cached per graph version (the PDF is drawn once).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from graphsvc.api.deps import ApiState, StateDep
from graphsvc.api.routers._common import LOCALITY_PATTERN
from graphsvc.api.security import Viewer
from graphsvc.filters import AsOfDate, Language, NetworkFilters

if TYPE_CHECKING:
    from graphsvc.reports.printer import Printer

router = APIRouter(prefix="/reports", tags=["reports"])

ReportFormat = Annotated[
    Literal["pdf", "html"], Query(alias="format", description="pdf (A4) or html (one page).")
]
Lang = Annotated[Language, Query(description="Language of the report.")]
AsOf = Annotated[AsOfDate, Query(description=NetworkFilters.model_fields["as_of"].description)]

REPORT_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The report: a PDF, or one self-contained HTML page.",
        "content": {"application/pdf": {}, "text/html": {}},
    }
}
#: Where the app state keeps the report printer.
PRINTER = "report_printer"
_PRINTER_CLOSED = "report_printer_closed"
_PRINTER_LOCK = threading.Lock()
MEDIA = {"pdf": "application/pdf", "html": "text/html; charset=utf-8"}


def _printer(state: ApiState) -> Printer:
    """The worker's report printer (one Chromium kept running), made with the first report
    and closed when the app stops (:func:`graphsvc.api.app.create_app`)."""
    with _PRINTER_LOCK:
        printer = state.extra.get(PRINTER)
        if printer is None:
            if state.extra.get(_PRINTER_CLOSED):
                raise RuntimeError("the app is shutting down: no more reports")
            from graphsvc.reports.printer import Printer  # noqa: PLC0415

            printer = state.extra[PRINTER] = Printer()
        return printer


def close_printer(state: ApiState) -> None:
    """Close the worker's printer (its Chromium) when the app stops; none is made after."""
    with _PRINTER_LOCK:
        state.extra[_PRINTER_CLOSED] = True
        printer = state.extra.pop(PRINTER, None)
    if printer is not None:
        printer.close()


def _report(
    state: StateDep, kind: str, ident: str, lang: str, fmt: str, as_of: AsOfDate
) -> Response:
    day = as_of.isoformat() if as_of else None
    params = {"kind": kind, "id": ident, "lang": lang, "format": fmt, "as_of": day}

    def compute() -> bytes:
        # Chromium, pyvis and jinja load when a report is first made, not with the app.
        printer = _printer(state)  # Chromium draws while the report is gathered
        return printer.report(state.graphsvc, kind, ident, lang=lang, fmt=fmt, as_of=day)  # type: ignore[arg-type]

    body, _hit = state.cache.get_or_compute(
        state.cache.key("report", params, state.graph_key()), compute
    )
    stem = ("rapport-" if lang == "da" else "report-") + ident
    return Response(
        body,
        media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'inline; filename="{stem}.{fmt}"'},
    )


@router.get(
    "/project/{project_id}",
    summary="A report of one project",
    response_class=Response,
    responses=REPORT_RESPONSE,
)
def project_report(
    project_id: Annotated[str, Path(max_length=120, description="The project's id.")],
    user: Viewer,
    state: StateDep,
    lang: Lang = "da",
    fmt: ReportFormat = "pdf",
    as_of: AsOf = None,
) -> Response:
    """The project's local anchoring (its parts in plain words), its map, who bridges and
    who is a single point of failure, what happens if each funder leaves, suggested local
    partners and the sources. 404 for an unknown project."""
    return _report(state, "project", project_id, lang, fmt, as_of)


@router.get(
    "/municipality/{code}",
    summary="A report of one municipality",
    response_class=Response,
    responses=REPORT_RESPONSE,
)
def municipality_report(
    code: Annotated[
        str,
        Path(
            pattern=LOCALITY_PATTERN,
            description="Municipality code, e.g. DK-410.",
            openapi_examples={"Middelfart": {"value": "DK-410"}},
        ),
    ],
    user: Viewer,
    state: StateDep,
    lang: Lang = "da",
    fmt: ReportFormat = "pdf",
    as_of: AsOf = None,
) -> Response:
    """The anchoring of the municipality's projects, its map, who bridges and who is a
    single point of failure, what happens if each funder leaves, suggested local partners
    and the sources. 404 when no actor or project is in the municipality."""
    return _report(state, "municipality", code, lang, fmt, as_of)
