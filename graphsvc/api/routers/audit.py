"""``/audit``: the audit log of every write (admins only), as pages or a file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from graphsvc import audit
from graphsvc.api.deps import StateDep
from graphsvc.api.routers._common import Limit, Offset
from graphsvc.api.schemas import AuditEntryPublic, Page
from graphsvc.api.security import Admin

router = APIRouter(prefix="/audit", tags=["audit"])

Who = Annotated[str | None, Query(max_length=80, description="A key id, 'demo' or 'cli'.")]
Operation = Annotated[str | None, Query(max_length=40, description="e.g. create, update, erase.")]
Table = Annotated[str | None, Query(max_length=40, description="e.g. actors, workshops, keys.")]
ItemId = Annotated[str | None, Query(max_length=120, description="The item's id.")]
Since = Annotated[dt.date | None, Query(description="Entries on or after this day (UTC).")]
Until = Annotated[dt.date | None, Query(description="Entries on or before this day (UTC).")]


def _filters(
    who: str | None,
    operation: str | None,
    table: str | None,
    item_id: str | None,
    since: dt.date | None,
    until: dt.date | None,
) -> dict[str, Any]:
    return {
        "who": who,
        "operation": operation,
        "table": table,
        "item_ids": [item_id] if item_id else None,
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
    }


@router.get("", summary="The audit log: who changed what, when")
def list_audit(
    user: Admin,
    state: StateDep,
    limit: Limit = 50,
    offset: Offset = 0,
    who: Who = None,
    operation: Operation = None,
    table: Table = None,
    item_id: ItemId = None,
    since: Since = None,
    until: Until = None,
) -> Page[AuditEntryPublic]:
    """Newest first. Updates list the names of the fields they set, never values."""
    total, found = audit.entries(
        state.graphsvc.store,
        **_filters(who, operation, table, item_id, since, until),
        offset=offset,
        limit=limit,
    )
    return Page[AuditEntryPublic](
        items=[AuditEntryPublic.model_validate(e) for e in found],
        total=total,
        limit=limit,
        offset=offset,
    )


@router.get(
    "/export/{fmt}",
    summary="The audit log as a CSV or JSON file",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}, "application/json": {}}}},
)
def export_audit(
    fmt: Literal["csv", "json"],
    user: Admin,
    state: StateDep,
    who: Who = None,
    operation: Operation = None,
    table: Table = None,
    item_id: ItemId = None,
    since: Since = None,
    until: Until = None,
) -> Response:
    """Every matching entry, newest first (same filters as ``GET /audit``)."""
    _total, found = audit.entries(
        state.graphsvc.store, **_filters(who, operation, table, item_id, since, until), limit=None
    )
    if fmt == "json":
        content, media = json.dumps(found, ensure_ascii=False, indent=1), "application/json"
    else:
        content, media = entries_csv(found), "text/csv; charset=utf-8"
    return Response(
        content,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="graphsvc-audit.{fmt}"'},
    )


def entries_csv(found: list[dict[str, Any]]) -> str:
    """Audit entries as CSV (``fields`` joined by ``;``)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(audit.FIELDS), lineterminator="\n")
    writer.writeheader()
    for entry in found:
        writer.writerow({**entry, "fields": ";".join(entry["fields"])})
    return buffer.getvalue()
