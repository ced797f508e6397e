"""``/projects``: list, get, create, update, delete."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

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
    etag,
    if_match,
    iso,
    show_items,
)
from graphsvc.api.schemas import Deleted, Page, ProjectCreate, ProjectPublic, ProjectUpdate
from graphsvc.api.security import Admin, Editor, Viewer
from graphsvc.errors import NotFoundError
from graphsvc.model import ProjectStatus, Theme

router = APIRouter(prefix="/projects", tags=["projects"])
TABLE = "projects"
ProjectId = Annotated[
    str,
    Path(
        max_length=120,
        description="The project's id (slug).",
        openapi_examples={"Legepatruljen": {"value": "legepatruljen"}},
    ),
]


@router.get("", summary="List projects")
def list_projects(
    user: Viewer,
    state: StateDep,
    limit: Limit = 50,
    offset: Offset = 0,
    sort: Annotated[
        Literal["id", "name", "theme", "status", "start_date", "end_date"], Query()
    ] = "id",
    order: Order = "asc",
    theme: Theme | None = None,
    status_: Annotated[ProjectStatus | None, Query(alias="status")] = None,
    municipality: Municipality = None,
    tag: Tag = None,
    as_of: Annotated[dt.date | None, Query(description="Projects running on this date.")] = None,
    q: Search = None,
) -> Page[ProjectPublic]:
    filters = {
        "theme": theme,
        "status": status_,
        "locality": municipality,
        "tag": tag,
        "as_of": iso(as_of),
        "q": q,
    }
    total, items = state.graphsvc.find_items(
        TABLE, filters=filters, sort=sort, descending=order == "desc", offset=offset, limit=limit
    )
    return Page[ProjectPublic](
        items=[ProjectPublic.model_validate(p) for p in show_items(items, user, state)],
        total=total,
        limit=limit,
        offset=offset,
    )


# async on purpose: one indexed look-up is cheaper on the event loop than the
# hand-off to a worker thread (see bench/README.md, "API").
@router.get("/{project_id}", summary="Get one project")
async def get_project(
    project_id: ProjectId, user: Viewer, state: StateDep, response: Response
) -> ProjectPublic:
    """The project, with its version in the ``ETag`` header (for ``If-Match``)."""
    found = state.graphsvc.get_stored(TABLE, project_id)
    if found is None:
        raise NotFoundError(f"no project {project_id!r}")
    return ProjectPublic.model_validate(show_items([etag(response, found)], user, state)[0])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create a project",
    responses={409: {"description": "The id is taken (by a project or an actor)."}},
)
def create_project(
    body: ProjectCreate, user: Editor, state: StateDep, response: Response
) -> ProjectPublic:
    stored = state.graphsvc.create_item(TABLE, body.model_dump(mode="json"))
    return ProjectPublic.model_validate(etag(response, stored))


@router.patch("/{project_id}", summary="Change some fields of a project", responses=PRECONDITION)
def update_project(
    project_id: ProjectId,
    body: ProjectUpdate,
    user: Editor,
    state: StateDep,
    response: Response,
    match: IfMatch = None,
) -> ProjectPublic:
    changes = body.model_dump(mode="json", exclude_unset=True)
    stored = state.graphsvc.update_item(TABLE, project_id, changes, if_match=if_match(match))
    return ProjectPublic.model_validate(etag(response, stored))


@router.delete(
    "/{project_id}",
    summary="Delete a project with its participations",
    responses={
        409: {"description": "Without confirm=true: lists what would be removed."},
        **PRECONDITION,
    },
)
def delete_project(
    project_id: ProjectId,
    user: Admin,
    state: StateDep,
    confirm: ConfirmDelete = False,
    match: IfMatch = None,
) -> Deleted:
    """Without ``confirm=true`` a project with participations answers 409 listing them."""
    removed = state.graphsvc.delete_item(
        TABLE, project_id, confirm=confirm, if_match=if_match(match)
    )
    return Deleted(deleted=project_id, also_deleted=removed)
