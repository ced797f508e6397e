"""``/exports/{format}``: the whole graph or a filtered part, as a file."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from pathlib import Path
from typing import Annotated

import pandas as pd
from fastapi import APIRouter, Query
from fastapi import Path as PathParam
from fastapi.responses import Response
from openpyxl.utils.exceptions import IllegalCharacterError

from graphsvc.analysis.snapshot import build_network
from graphsvc.api.deps import StateDep
from graphsvc.api.security import Viewer
from graphsvc.errors import ForbiddenError, ValidationError
from graphsvc.io.exporter import export, export_formats
from graphsvc.io.formats import FORMATS
from graphsvc.io.tables import Tables
from graphsvc.keys import Role
from graphsvc.model import ActorKind, Sector, Theme
from graphsvc.privacy import redact_tables

router = APIRouter(prefix="/exports", tags=["exports"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def media(fmt: str) -> tuple[str, str]:
    """The media type and file name of an export in ``fmt`` (see ``export_formats``)."""
    if fmt == "csv":
        return "application/zip", "graphsvc-csv.zip"
    module = FORMATS.get(fmt)
    suffix = module.SUFFIXES[0] if module is not None else f".{fmt}"
    kind = getattr(module, "MEDIA_TYPE", XLSX if suffix == ".xlsx" else "application/octet-stream")
    name = "graphsvc" if suffix == f".{fmt}" else f"graphsvc-{fmt}"
    return kind, f"{name}{suffix}"


def filtered(tables: Tables, **filters: object) -> Tables:
    """The items of the network the filters keep (see ``build_network``)."""
    network = build_network(tables, include_proposed=True, **filters)  # type: ignore[arg-type]
    nodes = set(network.nodes)
    edges = {key for _u, _v, key in network.edges(keys=True)}
    out: Tables = {}
    for name, frame in tables.items():
        keep = nodes if name in ("actors", "projects") else edges
        out[name] = frame[frame["id"].isin(keep)].reset_index(drop=True)
    return out


@router.get(
    "/{fmt}",
    summary="Export the graph as a file",
    response_class=Response,
    responses={
        200: {
            "description": "csv: a zip of the four CSV files; otherwise one file.",
            "content": {media(fmt)[0]: {} for fmt in export_formats()},
        }
    },
)
def export_graph(
    fmt: Annotated[
        str,
        PathParam(
            description="The format: " + ", ".join(export_formats()),
            json_schema_extra={"enum": list(export_formats())},
        ),
    ],
    user: Viewer,
    state: StateDep,
    as_of: Annotated[dt.date | None, Query(description="Items active on this date.")] = None,
    municipality: Annotated[
        list[str] | None, Query(description="Actor municipality codes (repeatable).")
    ] = None,
    sector: Annotated[list[Sector] | None, Query(description="Actor sectors.")] = None,
    kind: Annotated[list[ActorKind] | None, Query(description="Actor kinds.")] = None,
    theme: Annotated[list[Theme] | None, Query(description="Project themes.")] = None,
    personal_data: Annotated[
        bool,
        Query(description="Admins only: include the names of persons who did not consent."),
    ] = False,
) -> Response:
    """Exports can be imported again (``POST /imports``). Persons who did not consent to
    publication are pseudonymised unless an admin asks for ``personal_data=true``."""
    if fmt not in export_formats():
        raise ValidationError(
            f"unknown export format {fmt!r}; choose one of {', '.join(export_formats())}"
        )
    if personal_data and not user.at_least(Role.ADMIN):
        raise ForbiddenError("exporting personal data needs the admin role")
    tables = state.graphsvc.tables()
    filters = {
        "as_of": as_of,
        "localities": municipality or None,
        "sectors": [str(s) for s in sector] if sector else None,
        "kinds": [str(k) for k in kind] if kind else None,
        "themes": [str(t) for t in theme] if theme else None,
    }
    if any(v is not None for v in filters.values()):
        tables = filtered(tables, **filters)
    if not personal_data:
        tables = redact_tables(tables, state.pseudonym_key)
    media_type, filename = media(fmt)
    try:
        content = _write(tables, fmt)
    except (ValueError, IllegalCharacterError) as exc:  # text XLSX or XML cannot hold
        raise ValidationError(
            f"the graph holds text that {fmt} cannot store (a control character?): {exc}"
        ) from exc
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _write(tables: dict[str, pd.DataFrame], fmt: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="graphsvc-export-") as tmp:
        out = Path(tmp) / ("csv" if fmt == "csv" else media(fmt)[1])
        files = export(tables, fmt, out)
        if fmt != "csv":
            return files[0].read_bytes()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                archive.write(path, path.name)
        return buffer.getvalue()
