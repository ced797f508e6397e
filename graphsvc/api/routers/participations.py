"""``/participations``: an actor's part in a project."""

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
    Deleted,
    Page,
    ParticipationCreate,
    ParticipationPublic,
    ParticipationUpdate,
)
from graphsvc.api.security import Admin, Editor, Viewer
from graphsvc.errors import NotFoundError
from graphsvc.model import Role, Theme, TieStatus

router = APIRouter(prefix="/participations", tags=["participations"])
TABLE = "participations"
ParticipationId = Annotated[
    str,
    Path(
        max_length=120,
        description="The participation's id (slug).",
        openapi_examples={"funder": {"value": "p-legepatruljen-trygfonden"}},
    ),
]


@router.get("", summary="List participations")
def list_participations(
    user: Viewer,
    state: StateDep,
    limit: Limit = 50,
    offset: Offset = 0,
    sort: Annotated[Literal["id", "role", "status", "start_date", "end_date"], Query()] = "id",
    order: Order = "asc",
    actor_id: Annotated[str | None, Query(max_length=120)] = None,
    project_id: Annotated[str | None, Query(max_length=120)] = None,
    role: Role | None = None,
    status_: Annotated[TieStatus | None, Query(alias="status")] = None,
    theme: Annotated[Theme | None, Query(description="The project's theme.")] = None,
    municipality: Annotated[
        str | None, Query(pattern=LOCALITY_PATTERN, description="The actor's municipality code.")
    ] = None,
    as_of: Annotated[dt.date | None, Query(description="Active on this date.")] = None,
) -> Page[ParticipationPublic]:
    filters = {
        "actor_id": actor_filter(state, user, actor_id),
        "project_id": project_id,
        "role": role,
        "status": status_,
        "theme": theme,
        "locality": municipality,
        "as_of": iso(as_of),
    }
    total, items = state.graphsvc.find_items(
        TABLE, filters=filters, sort=sort, descending=order == "desc", offset=offset, limit=limit
    )
    return Page[ParticipationPublic](
        items=[ParticipationPublic.model_validate(p) for p in show_ties(items, user, state)],
        total=total,
        limit=limit,
        offset=offset,
    )


# async on purpose: one indexed look-up is cheaper on the event loop than the
# hand-off to a worker thread (see bench/README.md, "API").
@router.get("/{participation_id}", summary="Get one participation")
async def get_participation(
    participation_id: ParticipationId, user: Viewer, state: StateDep, response: Response
) -> ParticipationPublic:
    """The participation, with its version in the ``ETag`` header (for ``If-Match``)."""
    real_id = tie_id_for(state, user, participation_id)
    found = None if real_id is None else state.graphsvc.get_stored(TABLE, real_id)
    if found is None:
        raise NotFoundError(f"no participation {participation_id!r}")
    return ParticipationPublic.model_validate(show_ties([etag(response, found)], user, state)[0])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create a participation",
    responses={409: {"description": "The id is taken."}},
)
def create_participation(
    body: ParticipationCreate, user: Editor, state: StateDep, response: Response
) -> ParticipationPublic:
    """The actor and the project must exist (or the answer is 422 naming the column)."""
    stored = state.graphsvc.create_item(TABLE, body.model_dump(mode="json"))
    return ParticipationPublic.model_validate(etag(response, stored))


@router.patch(
    "/{participation_id}", summary="Change some fields of a participation", responses=PRECONDITION
)
def update_participation(
    participation_id: ParticipationId,
    body: ParticipationUpdate,
    user: Editor,
    state: StateDep,
    response: Response,
    match: IfMatch = None,
) -> ParticipationPublic:
    changes = body.model_dump(mode="json", exclude_unset=True)
    stored = state.graphsvc.update_item(TABLE, participation_id, changes, if_match=if_match(match))
    return ParticipationPublic.model_validate(etag(response, stored))


@router.delete("/{participation_id}", summary="Delete a participation", responses=PRECONDITION)
def delete_participation(
    participation_id: ParticipationId, user: Admin, state: StateDep, match: IfMatch = None
) -> Deleted:
    removed = state.graphsvc.delete_item(
        TABLE, participation_id, confirm=True, if_match=if_match(match)
    )
    return Deleted(deleted=participation_id, also_deleted=removed)
