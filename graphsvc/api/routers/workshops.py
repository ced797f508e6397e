"""``/workshops``: live stakeholder analysis over a part of the graph (JSON, events, exports).

Editors edit, viewers watch: every write needs the editor role, deleting a workshop the
admin role. A workshop page is a shared screen (a projector, the laptops around a table),
so persons who did not consent to publication appear under a pseudonym for every role,
as on the maps; only an admin's export with ``personal_data=true`` names them.
The pages that use these routes are in :mod:`graphsvc.api.routers.workshop_pages`.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
import time
from collections.abc import AsyncIterator, Iterable, Mapping
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, status
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from graphsvc.api.deps import ApiState, StateDep
from graphsvc.api.routers._common import (
    PRECONDITION,
    IfMatch,
    hidden_digest,
    hidden_persons,
    if_match,
)
from graphsvc.api.security import Admin, Editor, Principal, Viewer, still_signed_in
from graphsvc.api.workshop_schemas import (
    GridPlace,
    GridPlaced,
    SnapshotComparison,
    SnapshotCreate,
    SnapshotPublic,
    WorkshopActorAdd,
    WorkshopActorAdded,
    WorkshopActorRemoved,
    WorkshopAnalysis,
    WorkshopCreate,
    WorkshopDeleted,
    WorkshopPublic,
    WorkshopState,
    WorkshopTieAdd,
    WorkshopTieAdded,
    WorkshopTieRemoved,
    WorkshopUpdate,
)
from graphsvc.errors import ForbiddenError, NotFoundError, StoreUnavailableError
from graphsvc.filters import Language
from graphsvc.keys import Role
from graphsvc.maps import render_map
from graphsvc.maps.png import export_png as draw
from graphsvc.privacy import MASK_PATTERN, TIE_MASK, redact_tables
from graphsvc.workshop import Workshops, compare
from graphsvc.workshop.export import workshop_xlsx
from graphsvc.workshop.masking import PersonMask

router = APIRouter(prefix="/workshops", tags=["workshops"])

WorkshopId = Annotated[
    str,
    PathParam(
        pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
        max_length=120,
        description="The workshop's id (slug).",
        openapi_examples={"Middelfart": {"value": "frivillige-mentorer-i-middelfart"}},
    ),
]
ItemId = Annotated[str, PathParam(max_length=120, description="An actor or tie id.")]
POLL_SECONDS = 0.3  # live pages see a change at most this long (plus a fetch) after it
KEEP_ALIVE_SECONDS = 15.0
KEY_CHECK_SECONDS = 1.0  # a revoked key's or ended session's stream closes this soon after
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _service(state: ApiState) -> Workshops:
    return Workshops(state.graphsvc)


def _mask(state: ApiState, also: Iterable[Mapping[str, Any]] = ()) -> PersonMask:
    """Who the page must not name: every person without consent in the graph now, and of
    ``also`` (actors frozen in snapshots) every person not in the graph with consent now
    (consent withdrawn, or deleted since: an erasure is not undone by a snapshot)."""
    hidden = hidden_persons(state)
    frozen = {
        str(a["id"]): a.get("name")
        for a in also
        if a.get("is_person") and not MASK_PATTERN.match(str(a["id"]))  # erased: masked
    }
    unknown = sorted(set(frozen) - set(hidden))
    if unknown:
        stored = state.graphsvc.stored_props("actors", unknown)
        consenting = {i for i, props in stored.items() if props.get("consent_to_publish")}
        hidden.update({i: frozen[i] for i in unknown if i not in consenting})
    return PersonMask(hidden, state.pseudonym_key)


@router.get("", summary="List workshops")
def list_workshops(user: Viewer, state: StateDep) -> list[WorkshopPublic]:
    """Every workshop, newest first."""
    mask = _mask(state)
    return [WorkshopPublic.model_validate(mask.workshop(w)) for w in _service(state).list_all()]


@router.post("", status_code=status.HTTP_201_CREATED, summary="Create a workshop")
def create_workshop(body: WorkshopCreate, user: Editor, state: StateDep) -> WorkshopPublic:
    """Start from an empty map, from a project's actors or from an actor's neighbourhood."""
    created = _service(state).create(
        name=body.name,
        purpose=body.purpose,
        municipality=body.municipality,
        date=body.date.isoformat() if body.date else None,
        start_from=body.start_from,
        start_id=body.start_id,
        radius=body.radius,
        workshop_id=body.id,
    )
    return WorkshopPublic.model_validate(_mask(state).workshop(created))


@router.get("/{workshop_id}", summary="Get one workshop")
def get_workshop(workshop_id: WorkshopId, user: Viewer, state: StateDep) -> WorkshopPublic:
    return WorkshopPublic.model_validate(_mask(state).workshop(_service(state).get(workshop_id)))


@router.patch("/{workshop_id}", summary="Change a workshop's name, purpose, place or date")
def update_workshop(
    workshop_id: WorkshopId, body: WorkshopUpdate, user: Editor, state: StateDep
) -> WorkshopPublic:
    changes = body.model_dump(mode="json", exclude_unset=True)
    updated = _service(state).update(workshop_id, changes)
    return WorkshopPublic.model_validate(_mask(state).workshop(updated))


@router.delete("/{workshop_id}", summary="Delete a workshop (its actors and ties stay)")
def delete_workshop(workshop_id: WorkshopId, user: Admin, state: StateDep) -> WorkshopDeleted:
    _service(state).delete(workshop_id)
    return WorkshopDeleted(deleted=workshop_id)


@router.get("/{workshop_id}/state", summary="The workshop's actors, grid, ties and projects")
def workshop_state(workshop_id: WorkshopId, user: Viewer, state: StateDep) -> WorkshopState:
    data = _service(state).state(workshop_id)
    return WorkshopState.model_validate(_mask(state).state(data))


@router.post(
    "/{workshop_id}/actors",
    status_code=status.HTTP_201_CREATED,
    summary="Add an existing actor, or create one, in the workshop",
    responses={409: {"description": "An actor with this name exists; details name its id."}},
)
def add_actor(
    workshop_id: WorkshopId, body: WorkshopActorAdd, user: Editor, state: StateDep
) -> WorkshopActorAdded:
    mask = _mask(state)
    data = body.model_dump(mode="json", exclude_none=True)
    if "id" in data:
        data["id"] = mask.unmask_actor(data["id"])
    actor, created, version = _service(state).add_actor(workshop_id, data)
    return WorkshopActorAdded.model_validate(
        {"actor": _mask(state).actor(actor), "created": created, "version": version}
    )


@router.delete("/{workshop_id}/actors/{actor_id}", summary="Take an actor out of the workshop")
def remove_actor(
    workshop_id: WorkshopId, actor_id: ItemId, user: Editor, state: StateDep
) -> WorkshopActorRemoved:
    """Ties the workshop added to the actor go too; an actor the workshop created is
    deleted when nothing else refers to it."""
    mask = _mask(state)  # before: a deleted person is still masked in the answer
    removed = _service(state).remove_actor(workshop_id, mask.unmask_actor(actor_id))
    return WorkshopActorRemoved.model_validate(
        {
            **removed,
            "removed": mask.actor_id(removed["removed"]),
            "deleted_ties": [mask.tie_id(t) for t in removed["deleted_ties"]],
        }
    )


@router.post(
    "/{workshop_id}/ties",
    status_code=status.HTTP_201_CREATED,
    summary="Add a tie between two actors of the workshop",
)
def add_tie(
    workshop_id: WorkshopId, body: WorkshopTieAdd, user: Editor, state: StateDep
) -> WorkshopTieAdded:
    mask = _mask(state)
    data = body.model_dump(mode="json")
    for end in ("source_id", "target_id"):
        data[end] = mask.unmask_actor(data[end])
    tie, version = _service(state).add_tie(workshop_id, data)
    return WorkshopTieAdded.model_validate({"tie": mask.tie(tie), "version": version})


@router.delete(
    "/{workshop_id}/ties/{tie_id}",
    summary="Delete a tie added in the workshop",
    responses=PRECONDITION,
)
def remove_tie(
    workshop_id: WorkshopId,
    tie_id: ItemId,
    user: Editor,
    state: StateDep,
    match: IfMatch = None,
) -> WorkshopTieRemoved:
    """With ``If-Match`` (the tie's ``etag`` in the state), a tie changed since is a 412."""
    service = _service(state)
    real_id = tie_id
    if TIE_MASK.match(tie_id):  # only a masked id needs the workshop's ties to resolve
        ties = [t["id"] for t in service.state(workshop_id)["ties"]]
        real_id = _mask(state).unmask_tie(tie_id, ties)
    version = service.remove_tie(workshop_id, real_id, if_match=if_match(match))
    return WorkshopTieRemoved(removed=tie_id, version=version)


@router.put("/{workshop_id}/grid/{actor_id}", summary="Place an actor on the stakeholder grid")
def place_actor(
    workshop_id: WorkshopId, actor_id: ItemId, body: GridPlace, user: Editor, state: StateDep
) -> GridPlaced:
    """``power`` (y) and ``interest`` (x) from 0 to 1, and the attitude; nulls take the
    actor off the grid."""
    real_id = _mask(state).unmask_actor(actor_id)
    grid, version = _service(state).place(workshop_id, real_id, body.model_dump())
    return GridPlaced.model_validate({"actor_id": actor_id, "grid": grid, "version": version})


@router.get(
    "/{workshop_id}/events",
    summary="Live changes (server-sent events)",
    response_class=StreamingResponse,
    responses={200: {"description": "text/event-stream", "content": {"text/event-stream": {}}}},
)
async def workshop_events(
    workshop_id: WorkshopId, request: Request, user: Viewer, state: StateDep
) -> StreamingResponse:
    """An ``event: change`` with ``data: {"version": N}`` at once and after every change,
    by any process (the version is polled in the database, so several API workers and
    the CLI agree); a comment every 15 s keeps proxies from closing the stream. When the
    key is revoked or expires, or the session signs out, an ``event: signed-out`` ends
    the stream within a second or two."""
    service = _service(state)
    if await run_in_threadpool(service.version, workshop_id) is None:
        raise NotFoundError(f"no workshop {workshop_id!r}")

    async def stream() -> AsyncIterator[str]:
        yield "retry: 1000\n\n"
        sent: int | None = None
        quiet_since = checked = time.monotonic()
        while not await request.is_disconnected():
            if time.monotonic() - checked >= KEY_CHECK_SECONDS:
                if not await still_signed_in(request, state):
                    yield "event: signed-out\ndata: {}\n\n"
                    return
                checked = time.monotonic()
            try:
                current = await run_in_threadpool(service.version, workshop_id)
            except StoreUnavailableError:
                # the page keeps its state until the database is back
                await asyncio.sleep(POLL_SECONDS)
                continue
            if current is None:
                yield "event: deleted\ndata: {}\n\n"
                return
            if current != sent:
                yield f"id: {current}\nevent: change\ndata: {json.dumps({'version': current})}\n\n"
                sent, quiet_since = current, time.monotonic()
            elif time.monotonic() - quiet_since > KEEP_ALIVE_SECONDS:
                yield ": keep-alive\n\n"
                quiet_since = time.monotonic()
            await asyncio.sleep(POLL_SECONDS)

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.get("/{workshop_id}/analysis", summary="Bridging and anchoring for the workshop")
def workshop_analysis(
    workshop_id: WorkshopId,
    user: Viewer,
    state: StateDep,
    proposed: Annotated[
        bool, Query(description="Count proposed ties and participations (the plans).")
    ] = True,
) -> WorkshopAnalysis:
    """Bridging measures on the workshop's actors and ties (shared projects count as
    ties), and the local anchoring of its projects on the whole graph. Proposed ties
    count unless ``proposed=false``: they are what the room is planning. Cached until
    the workshop or the graph changes; after a change elsewhere in the graph the previous
    analysis comes at once with ``stale`` true while it is recomputed."""
    service = _service(state)
    identity = service.identity(workshop_id)
    if identity is None:
        raise NotFoundError(f"no workshop {workshop_id!r}")
    # A change in the workshop is computed and waited for (the room wants to see it); a
    # write elsewhere in the graph serves the analysis as it was, marked stale, while it
    # is recomputed (the anchoring reads the whole graph).
    # The result is masked again when served (below); the digest of who is hidden keeps
    # an analysis of before a withdrawn consent from being served at all (defence in depth).
    graph_key = state.graph_key()
    params = {
        "id": workshop_id,
        "proposed": proposed,
        "workshop": list(identity),
        "hidden": hidden_digest(state, graph_key),
    }
    result, cached, stale, _version = state.cache.get_or_refresh(
        "workshop-analysis",
        params,
        graph_key,
        lambda: service.analysis(workshop_id, include_proposed=proposed),
        may_serve=state.may_serve_stale,
    )
    # ids and names, also in the role and anchoring sentences
    shown = _mask(state).text(result)
    return WorkshopAnalysis.model_validate({**shown, "cached": cached, "stale": stale})


@router.post(
    "/{workshop_id}/snapshots",
    status_code=status.HTTP_201_CREATED,
    summary="Freeze the workshop's state with a note",
)
def create_snapshot(
    workshop_id: WorkshopId, body: SnapshotCreate, user: Editor, state: StateDep
) -> SnapshotPublic:
    made = _service(state).snapshot(workshop_id, body.note)
    return SnapshotPublic.model_validate(_mask(state).workshop(made))


@router.get("/{workshop_id}/snapshots", summary="The workshop's snapshots")
def list_snapshots(workshop_id: WorkshopId, user: Viewer, state: StateDep) -> list[SnapshotPublic]:
    mask = _mask(state)
    return [
        SnapshotPublic.model_validate(mask.workshop(s))
        for s in _service(state).snapshots(workshop_id)
    ]


@router.get("/{workshop_id}/compare", summary="Compare two snapshots, or one with now")
def compare_snapshots(
    workshop_id: WorkshopId,
    user: Viewer,
    state: StateDep,
    a: Annotated[str, Query(max_length=80, description="A snapshot id (the earlier state).")],
    b: Annotated[
        str, Query(max_length=80, description="A snapshot id, or 'current' for now.")
    ] = "current",
) -> SnapshotComparison:
    """Actors and ties added and removed, bridging measures that changed, grid moves."""
    service = _service(state)
    before, after = service.snapshot_data(workshop_id, a), service.snapshot_data(workshop_id, b)
    result = compare(before, after)
    mask = _mask(state, before["actors"] + after["actors"])
    for group in ("actors_added", "actors_removed", "measures_changed", "grid_changed"):
        for item in result[group]:
            item["name"] = mask.name(item["id"], item["name"])
            item["id"] = mask.actor_id(item["id"])
    for group in ("ties_added", "ties_removed"):
        result[group] = [mask.tie(t) for t in result[group]]
    return SnapshotComparison.model_validate({"a": a, "b": b, **result})


PersonalData = Annotated[
    bool,
    Query(description="Admins only: names of persons who did not consent, unpseudonymised."),
]


def _export_state(
    workshop_id: str, user: Principal, state: ApiState, personal_data: bool
) -> dict[str, Any]:
    """The state for an export: pseudonymised unless an admin asks for personal data."""
    if personal_data and not user.at_least(Role.ADMIN):
        raise ForbiddenError("exporting personal data needs the admin role")
    data = _service(state).state(workshop_id)
    if personal_data:
        return data
    return _mask(state).state(data)


@router.get(
    "/{workshop_id}/export.xlsx",
    summary="The workshop as a spreadsheet (workshop, actors, ties, grid)",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}, "description": "An XLSX file."}},
)
def export_xlsx(
    workshop_id: WorkshopId,
    user: Viewer,
    state: StateDep,
    lang: Annotated[Language, Query()] = "en",
    personal_data: PersonalData = False,
) -> Response:
    """Persons who did not consent are pseudonymised, except for an admin asking for
    ``personal_data=true``."""
    data = _export_state(workshop_id, user, state, personal_data)
    return Response(
        workshop_xlsx(data, lang),
        media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="workshop-{workshop_id}.xlsx"'},
    )


def _map_html(workshop_id: str, state: ApiState, lang: str) -> str:
    service = _service(state)
    # a shared screen: drawn from the pseudonymised tables and the masked state
    data = _mask(state).state(service.state(workshop_id))
    tables = redact_tables(state.graphsvc.tables(), state.pseudonym_key)
    scope, _whole = service.scope_network(data, tables=tables)
    measures = service.measures(scope)
    return render_map(
        scope,
        lens="network",
        measures=measures if len(measures) else None,
        lang=lang,
        size_by="betweenness" if len(measures) else "degree",
        title=data["workshop"]["name"],
    )


@router.get(
    "/{workshop_id}/export.html",
    summary="The workshop's map as a self-contained HTML page",
    response_class=HTMLResponse,
)
def export_html(
    workshop_id: WorkshopId,
    user: Viewer,
    state: StateDep,
    lang: Annotated[Language, Query()] = "en",
) -> HTMLResponse:
    """Works offline; persons who did not consent are pseudonymised (as on every map)."""
    return HTMLResponse(
        _map_html(workshop_id, state, lang),
        headers={"Content-Disposition": f'attachment; filename="workshop-{workshop_id}.html"'},
    )


@router.get(
    "/{workshop_id}/export.png",
    summary="The workshop's map as a PNG picture",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}, "description": "A PNG file."}},
)
def export_png(
    workshop_id: WorkshopId,
    user: Viewer,
    state: StateDep,
    lang: Annotated[Language, Query()] = "en",
) -> Response:
    """The map drawn by Chromium (a few seconds)."""
    html = _map_html(workshop_id, state, lang)
    with tempfile.TemporaryDirectory(prefix="graphsvc-png-") as tmp:
        path = draw(html, Path(tmp) / "map.png", 1600, 1000)
        picture = path.read_bytes()
    return Response(
        picture,
        media_type="image/png",
        headers={"Content-Disposition": f'attachment; filename="workshop-{workshop_id}.png"'},
    )
