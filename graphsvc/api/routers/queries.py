"""``/queries``: the named read-only queries planners may run (no free Cypher)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from graphsvc.api.deps import ApiState, StateDep
from graphsvc.api.routers._common import actor_filter, redactor
from graphsvc.api.routers.analyses import clean
from graphsvc.api.schemas import QueryInfo, QueryResult, QueryRun
from graphsvc.api.security import Principal, Viewer

router = APIRouter(prefix="/queries", tags=["queries"])


@router.get("", summary="The queries planners may run")
def list_queries(user: Viewer, state: StateDep) -> list[QueryInfo]:
    return [
        QueryInfo(name=q.name, description=q.description, params=q.params)
        for q in state.graphsvc.store.catalogue.public()
    ]


@router.post("/{name:path}", summary="Run a named query")
def run_query(
    name: Annotated[
        str,
        Path(
            description="The query's name, e.g. graph/count_items.",
            openapi_examples={"counts": {"value": "graph/count_items"}},
        ),
    ],
    body: QueryRun,
    user: Viewer,
    state: StateDep,
) -> QueryResult:
    """Runs a ``@public`` query with exactly its declared parameters (400 otherwise)."""
    params = {k: _ids_for(v, state, user) for k, v in body.params.items()}
    rows = state.graphsvc.run_public_query(name, params)
    data = _internal_removed(clean(rows))
    if not user.sees_names:
        data = redactor(state)(data)
    return QueryResult(name=name, rows=data)


def _ids_for(value: Any, state: ApiState, user: Principal) -> Any:
    """Parameter values with masked person ids unmasked, and hidden persons' real ids from
    a viewer made ids that match nothing (see ``actor_id_for``)."""
    if isinstance(value, str):
        return actor_filter(state, user, value)
    if isinstance(value, list):
        return [_ids_for(v, state, user) for v in value]
    return value


def _internal_removed(value: Any) -> Any:
    """Rows without internal properties (the import ``fingerprint``: a hash of an item's
    properties, which would let a reader confirm a guessed name)."""
    if isinstance(value, dict):
        return {k: _internal_removed(v) for k, v in value.items() if k != "fingerprint"}
    if isinstance(value, list):
        return [_internal_removed(v) for v in value]
    return value
