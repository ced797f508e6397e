"""``/gdpr``: a person's access and erasure requests (admins only); see :mod:`graphsvc.gdpr`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from graphsvc import gdpr
from graphsvc.api.deps import StateDep
from graphsvc.api.routers._common import unmask
from graphsvc.api.schemas import GdprErased
from graphsvc.api.security import Admin
from graphsvc.errors import ConflictError, NotFoundError

router = APIRouter(prefix="/gdpr", tags=["gdpr"])
ActorId = Annotated[
    str, Path(max_length=120, description="The actor's id (or its masked id, person-…).")
]


@router.get("/{actor_id}", summary="Everything stored about a person (GDPR art. 15)")
def gdpr_access(actor_id: ActorId, user: Admin, state: StateDep) -> dict[str, Any]:
    """The actor record, its ties, workshop inclusions with grid places, the snapshots
    that froze it, other items whose text names it, and the audit entries about it. The
    request is recorded in the audit log under the masked id."""
    return gdpr.access(state.graphsvc, unmask(state, actor_id) or actor_id)


@router.delete("/{actor_id}", summary="Erase a person (GDPR art. 17)")
def gdpr_erase(
    actor_id: ActorId,
    user: Admin,
    state: StateDep,
    confirm: Annotated[
        bool, Query(description="Confirm the erasure (it cannot be undone).")
    ] = False,
) -> GdprErased:
    """Deletes the person with their ties and workshop inclusions, erases them from
    snapshots and from other items' text, masks their ids in the audit log and records
    the erasure there without their data. Without ``confirm=true`` the answer is 409."""
    real_id = unmask(state, actor_id) or actor_id
    if state.graphsvc.get_item("actors", real_id) is None:
        raise NotFoundError(f"no actor {actor_id!r}")
    if not confirm:
        raise ConflictError("an erasure cannot be undone: repeat with confirm=true")
    return GdprErased.model_validate(gdpr.erase(state.graphsvc, real_id))
