"""``/agreements``: agreements between two or more actors (stored once, with their parties)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response, status

from graphsvc.api.deps import StateDep
from graphsvc.api.routers._common import (
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
)
from graphsvc.api.schemas import AgreementCreate, AgreementPublic, AgreementUpdate, Deleted, Page
from graphsvc.api.security import Admin, Editor, Viewer
from graphsvc.errors import NotFoundError
from graphsvc.model import CollaborationKind, TieStatus

router = APIRouter(prefix="/agreements", tags=["agreements"])
TABLE = "agreements"
AgreementId = Annotated[
    str,
    Path(
        max_length=120,
        description="The agreement's id (slug).",
        openapi_examples={"Legepatruljen": {"value": "legepatruljen-aftale"}},
    ),
]


@router.get("", summary="List agreements")
def list_agreements(
    user: Viewer,
    state: StateDep,
    limit: Limit = 50,
    offset: Offset = 0,
    sort: Annotated[
        Literal["id", "name", "kind", "status", "start_date", "end_date"], Query()
    ] = "id",
    order: Order = "asc",
    actor_id: Annotated[str | None, Query(max_length=120, description="A party.")] = None,
    project_id: Annotated[
        str | None, Query(max_length=120, description="A project the agreement serves.")
    ] = None,
    kind: CollaborationKind | None = None,
    status_: Annotated[TieStatus | None, Query(alias="status")] = None,
    as_of: Annotated[dt.date | None, Query(description="In force on this date.")] = None,
) -> Page[AgreementPublic]:
    filters = {
        "actor_id": actor_filter(state, user, actor_id),
        "project_id": project_id,
        "kind": kind,
        "status": status_,
        "as_of": iso(as_of),
    }
    total, items = state.graphsvc.find_items(
        TABLE, filters=filters, sort=sort, descending=order == "desc", offset=offset, limit=limit
    )
    return Page[AgreementPublic](
        items=[AgreementPublic.model_validate(a) for a in show_ties(items, user, state)],
        total=total,
        limit=limit,
        offset=offset,
    )


@router.get("/{agreement_id}", summary="Get one agreement")
async def get_agreement(
    agreement_id: AgreementId, user: Viewer, state: StateDep, response: Response
) -> AgreementPublic:
    """The agreement with its parties, its version in the ``ETag`` header (for ``If-Match``)."""
    found = state.graphsvc.get_stored(TABLE, agreement_id)
    if found is None:
        raise NotFoundError(f"no agreement {agreement_id!r}")
    return AgreementPublic.model_validate(show_ties([etag(response, found)], user, state)[0])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create an agreement",
    responses={409: {"description": "The id is taken."}},
)
def create_agreement(
    body: AgreementCreate, user: Editor, state: StateDep, response: Response
) -> AgreementPublic:
    """Two or more distinct parties, each a stored actor (or the answer is 422 naming the
    party)."""
    stored = state.graphsvc.create_item(TABLE, body.model_dump(mode="json"))
    return AgreementPublic.model_validate(etag(response, stored))


@router.patch(
    "/{agreement_id}", summary="Change some fields of an agreement", responses=PRECONDITION
)
def update_agreement(
    agreement_id: AgreementId,
    body: AgreementUpdate,
    user: Editor,
    state: StateDep,
    response: Response,
    match: IfMatch = None,
) -> AgreementPublic:
    """``party_ids`` replaces all of its parties."""
    changes = body.model_dump(mode="json", exclude_unset=True)
    stored = state.graphsvc.update_item(TABLE, agreement_id, changes, if_match=if_match(match))
    return AgreementPublic.model_validate(etag(response, stored))


@router.delete("/{agreement_id}", summary="Delete an agreement", responses=PRECONDITION)
def delete_agreement(
    agreement_id: AgreementId, user: Admin, state: StateDep, match: IfMatch = None
) -> Deleted:
    """Deletes the agreement; its parties stay."""
    removed = state.graphsvc.delete_item(
        TABLE, agreement_id, confirm=True, if_match=if_match(match)
    )
    return Deleted(deleted=agreement_id, also_deleted=removed)
