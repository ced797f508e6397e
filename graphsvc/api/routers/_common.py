"""Helpers the resource routers share."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query

from graphsvc.api.deps import ApiState
from graphsvc.api.security import Principal
from graphsvc.privacy import MASK_PATTERN, is_hidden, redact_actor, redact_tie, unmask_ids

LOCALITY_PATTERN = r"^[A-Z]{2}-\d{3,4}$"
Limit = Annotated[int, Query(ge=1, le=1000, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]
Order = Annotated[Literal["asc", "desc"], Query(description="Sort order.")]
Municipality = Annotated[
    str | None,
    Query(
        pattern=LOCALITY_PATTERN,
        description="Municipality (locality) code, e.g. DK-410.",
        openapi_examples={"Middelfart": {"value": "DK-410"}},
    ),
]
Search = Annotated[
    str | None, Query(max_length=200, description="Text the name contains (any case).")
]
Tag = Annotated[str | None, Query(max_length=200, description="A tag.")]
ConfirmDelete = Annotated[
    bool,
    Query(description="Confirm deleting the item together with its ties and participations."),
]


def iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def show_actor(actor: dict[str, Any], user: Principal, state: ApiState) -> dict[str, Any]:
    """An actor as ``user`` may see it (pseudonymised persons for viewers)."""
    if user.sees_names or not is_hidden(actor):
        return {**actor, "pseudonymised": False}
    return {**redact_actor(actor, state.pseudonym_key), "pseudonymised": True}


def hidden_actor_ids(state: ApiState, ids: set[str]) -> set[str]:
    """Which of ``ids`` are persons without consent."""
    if not ids:
        return set()
    rows = state.graphsvc.store.run("actors/get_actors", ids=sorted(ids))
    return {row["props"]["id"] for row in rows if is_hidden(row["props"])}


def show_ties(ties: list[dict[str, Any]], user: Principal, state: ApiState) -> list[dict[str, Any]]:
    """Ties as ``user`` may see them (free texts withheld next to hidden persons)."""
    if user.sees_names:
        return ties
    ends = {t.get(k) for t in ties for k in ("actor_id", "source_id", "target_id")}
    hidden = hidden_actor_ids(state, {e for e in ends if isinstance(e, str)})
    return [redact_tie(t, hidden, state.pseudonym_key) for t in ties]


def hidden_persons(state: ApiState, graph_key: list[Any] | None = None) -> dict[str, str | None]:
    """``{id: name}`` of the persons who did not consent (persons are few), looked up once
    per graph version and kept in memory only: real names have no business on disk."""

    def load() -> dict[str, str | None]:
        rows = state.graphsvc.store.run("actors/list_hidden_persons")
        return {str(r["id"]): r.get("name") for r in rows}

    key = state.cache.key("_hidden", {}, graph_key or state.graph_key())
    found, _hit = state.cache.get_or_compute(key, load, persist=False)
    return dict(found)


def unmask(state: ApiState, value: str | None) -> str | None:
    """The real id behind a masked person id a reader sends back (``person-3f2a91c0``)."""
    if value is None or not MASK_PATTERN.match(value):
        return value
    return unmask_ids([value], hidden_persons(state), state.pseudonym_key).get(value, value)
