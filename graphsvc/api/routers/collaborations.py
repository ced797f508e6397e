"""``/collaborations``: ties between two actors."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response, status

from graphsvc.api.deps import StateDep
from graphsvc.api.routers._common import (
    LOCALITY_PATTERN,
    PRECONDITION,
    IfMatch,
    Limit,
    Offset,
    Order,
    actor_filter,
    etag,
    if_match,
    iso,
    show_ties,
    tie_id_for,
)
from graphsvc.api.schemas import (
    CollaborationCreate,
    CollaborationPublic,
    CollaborationUpdate,
    Deleted,
    Page,
)
from graphsvc.api.security import Admin, Editor, Viewer
from graphsvc.errors import NotFoundError
from graphsvc.model import CollaborationKind, Sector, TieStatus

router = APIRouter(prefix="/collaborations", tags=["collaborations"])
TABLE = "collaborations"
CollaborationId = Annotated[
    str,
    Path(
        max_length=120,
        description="The collaboration's id (slug).",
        openapi_examples={"partnership": {"value": "c-kommune-frivilligcenter"}},
    ),
]


@router.get("", summary="List collaborations")
def list_collaborations(
    user: Viewer,
    state: StateDep,
    limit: Limit = 50,
    offset: Offset = 0,
    sort: Annotated[
        Literal["id", "kind", "status", "weight", "start_date", "end_date"], Query()
    ] = "id",
    order: Order = "asc",
    actor_id: Annotated[
        str | None, Query(max_length=120, description="An actor at either end.")
    ] = None,
    kind: CollaborationKind | None = None,
    status_: Annotated[TieStatus | None, Query(alias="status")] = None,
    sector: Annotated[Sector | None, Query(description="The sector of either actor.")] = None,
    municipality: Annotated[
        str | None,
        Query(pattern=LOCALITY_PATTERN, description="The municipality code of either actor."),
    ] = None,
    as_of: Annotated[dt.date | None, Query(description="Active on this date.")] = None,
) -> Page[CollaborationPublic]:
    filters = {
        "actor_id": actor_filter(state, user, actor_id),
        "kind": kind,
        "status": status_,
        "sector": sector,
        "locality": municipality,
        "as_of": iso(as_of),
    }
    total, items = state.graphsvc.find_items(
        TABLE, filters=filters, sort=sort, descending=order == "desc", offset=offset, limit=limit
    )
    return Page[CollaborationPublic](
        items=[CollaborationPublic.model_validate(c) for c in show_ties(items, user, state)],
        total=total,
        limit=limit,
        offset=offset,
    )


# async on purpose: one indexed look-up is cheaper on the event loop than the
# hand-off to a worker thread (see bench/README.md, "API").
@router.get("/{collaboration_id}", summary="Get one collaboration")
async def get_collaboration(
    collaboration_id: CollaborationId, user: Viewer, state: StateDep, response: Response
) -> CollaborationPublic:
    """The collaboration, with its version in the ``ETag`` header (for ``If-Match``)."""
    real_id = tie_id_for(state, user, collaboration_id)
    found = None if real_id is None else state.graphsvc.get_stored(TABLE, real_id)
    if found is None:
        raise NotFoundError(f"no collaboration {collaboration_id!r}")
    return CollaborationPublic.model_validate(show_ties([etag(response, found)], user, state)[0])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create a collaboration",
    responses={409: {"description": "The id is taken."}},
)
def create_collaboration(
    body: CollaborationCreate, user: Editor, state: StateDep, response: Response
) -> CollaborationPublic:
    """Both actors must exist (or the answer is 422 naming the column)."""
    stored = state.graphsvc.create_item(TABLE, body.model_dump(mode="json"))
    return CollaborationPublic.model_validate(etag(response, stored))


@router.patch(
    "/{collaboration_id}", summary="Change some fields of a collaboration", responses=PRECONDITION
)
def update_collaboration(
    collaboration_id: CollaborationId,
    body: CollaborationUpdate,
    user: Editor,
    state: StateDep,
    response: Response,
    match: IfMatch = None,
) -> CollaborationPublic:
    changes = body.model_dump(mode="json", exclude_unset=True)
    stored = state.graphsvc.update_item(TABLE, collaboration_id, changes, if_match=if_match(match))
    return CollaborationPublic.model_validate(etag(response, stored))


@router.delete("/{collaboration_id}", summary="Delete a collaboration", responses=PRECONDITION)
def delete_collaboration(
    collaboration_id: CollaborationId, user: Admin, state: StateDep, match: IfMatch = None
) -> Deleted:
    removed = state.graphsvc.delete_item(
        TABLE, collaboration_id, confirm=True, if_match=if_match(match)
    )
    return Deleted(deleted=collaboration_id, also_deleted=removed)
