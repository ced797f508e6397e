"""``/actors``: list, get, create, update, delete."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Response, status

from graphsvc.api.deps import StateDep
from graphsvc.api.routers._common import (
    PRECONDITION,
    ConfirmDelete,
    IfMatch,
    Limit,
    Municipality,
    Offset,
    Order,
    Search,
    Tag,
    actor_id_for,
    etag,
    if_match,
    iso,
    redactor,
    show_actor,
    sort_aliases,
)
from graphsvc.api.schemas import ActorCreate, ActorPublic, ActorUpdate, Deleted, Page
from graphsvc.api.security import Admin, Editor, Principal, Viewer
from graphsvc.errors import NotFoundError
from graphsvc.keys import Role
from graphsvc.model import ActorKind, Scale, Sector, Theme

router = APIRouter(prefix="/actors", tags=["actors"])
TABLE = "actors"
ActorId = Annotated[
    str,
    Path(
        max_length=120,
        description="The actor's id (slug).",
        openapi_examples={"TrygFonden": {"value": "trygfonden"}},
    ),
]


@router.get("", summary="List actors")
def list_actors(
    user: Viewer,
    state: StateDep,
    limit: Limit = 50,
    offset: Offset = 0,
    sort: Annotated[Literal["id", "name", "kind", "sector", "scale", "locality"], Query()] = "id",
    order: Order = "asc",
    kind: ActorKind | None = None,
    sector: Sector | None = None,
    scale: Scale | None = None,
    municipality: Municipality = None,
    theme: Annotated[
        Theme | None, Query(description="Actors taking part in a project of this theme.")
    ] = None,
    tag: Tag = None,
    as_of: Annotated[
        dt.date | None,
        Query(description="Actors with a tie or participation active on this date."),
    ] = None,
    q: Search = None,
    shared_screen: Annotated[
        bool,
        Query(
            description="Show persons who did not consent as a viewer sees them (pseudonymised, "
            "not found by name), whatever the role: for pages on a projector."
        ),
    ] = False,
) -> Page[ActorPublic]:
    """Actors matching every filter given, sorted and paged. Persons who did not consent
    to publication are pseudonymised for viewers (not found by name, sorted by their
    pseudonym and masked id), and their names are replaced in other actors' texts."""
    if shared_screen:
        user = Principal(Role.VIEWER, key_id=user.key_id, demo=user.demo)
    filters: dict[str, Any] = {
        "kind": kind,
        "sector": sector,
        "scale": scale,
        "locality": municipality,
        "theme": theme,
        "tag": tag,
        "as_of": iso(as_of),
        "q": q,
        "hide_persons": not user.sees_names,
        "aliases": sort_aliases(state, user),
    }
    if q and not user.sees_names and redactor(state).text(q) != q:
        filters["q"] = "\x1f"  # a hidden person's name finds nothing, not the items naming her
    total, items = state.graphsvc.find_items(
        TABLE, filters=filters, sort=sort, descending=order == "desc", offset=offset, limit=limit
    )
    shown = [ActorPublic.model_validate(show_actor(a, user, state)) for a in items]
    return Page[ActorPublic](items=shown, total=total, limit=limit, offset=offset)


# async on purpose: one indexed look-up is cheaper on the event loop than the
# hand-off to a worker thread (see bench/README.md, "API").
@router.get("/{actor_id}", summary="Get one actor")
async def get_actor(
    actor_id: ActorId, user: Viewer, state: StateDep, response: Response
) -> ActorPublic:
    """The actor, with its version in the ``ETag`` header (send it back in ``If-Match``)."""
    real_id = actor_id_for(state, user, actor_id)
    found = None if real_id is None else state.graphsvc.get_stored(TABLE, real_id)
    if found is None:
        raise NotFoundError(f"no actor {actor_id!r}")
    return ActorPublic.model_validate(show_actor(etag(response, found), user, state))


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create an actor",
    responses={409: {"description": "The id is taken (by an actor or a project)."}},
)
def create_actor(
    body: ActorCreate, user: Editor, state: StateDep, response: Response
) -> ActorPublic:
    """Validated exactly as an imported row; 409 when the id exists."""
    stored = state.graphsvc.create_item(TABLE, body.model_dump(mode="json"))
    return ActorPublic.model_validate(show_actor(etag(response, stored), user, state))


@router.patch("/{actor_id}", summary="Change some fields of an actor", responses=PRECONDITION)
def update_actor(
    actor_id: ActorId,
    body: ActorUpdate,
    user: Editor,
    state: StateDep,
    response: Response,
    match: IfMatch = None,
) -> ActorPublic:
    changes = body.model_dump(mode="json", exclude_unset=True)
    stored = state.graphsvc.update_item(TABLE, actor_id, changes, if_match=if_match(match))
    return ActorPublic.model_validate(show_actor(etag(response, stored), user, state))


@router.delete(
    "/{actor_id}",
    summary="Delete an actor with its ties",
    responses={
        409: {"description": "Without confirm=true: lists what would be removed."},
        **PRECONDITION,
    },
)
def delete_actor(
    actor_id: ActorId,
    user: Admin,
    state: StateDep,
    confirm: ConfirmDelete = False,
    match: IfMatch = None,
) -> Deleted:
    """Deletes the actor with its participations and collaborations. Without
    ``confirm=true`` the answer is 409 and its details list what would be removed."""
    removed = state.graphsvc.delete_item(TABLE, actor_id, confirm=confirm, if_match=if_match(match))
    return Deleted(deleted=actor_id, also_deleted=removed)
