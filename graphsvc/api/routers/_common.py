"""Helpers the resource routers share."""

from __future__ import annotations

import hashlib
from typing import Annotated, Any, Literal

from fastapi import Header, Query, Response

from graphsvc.api.deps import ApiState
from graphsvc.api.security import Principal
from graphsvc.core import Stored
from graphsvc.errors import NotFoundError
from graphsvc.privacy import (
    ERASED_LABEL,
    MASK_PATTERN,
    TIE_MASK,
    Redactor,
    is_hidden,
    mask_id,
    mask_tie_id,
    pseudonyms,
    redact_actor,
    redact_tie,
    unmask_ids,
)

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

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description="The item's ETag as you read it: if the item changed since, nothing is "
        "written and the answer is 412 (read it again and repeat). `*` or none: no check.",
    ),
]
# What a PATCH or DELETE with If-Match may answer besides success.
PRECONDITION: dict[int | str, dict[str, Any]] = {
    412: {"description": "The item changed since the ETag in If-Match was read."}
}


def if_match(header: str | None) -> list[str] | None:
    """The revs an ``If-Match`` header names; ``None`` means no condition.

    ``If-Match`` compares strongly (RFC 9110): a weak tag (``W/"…"``) never matches.
    """
    if header is None or header.strip() == "*":
        return None
    tags = [tag.strip() for tag in header.split(",")]
    return [tag.strip('"') for tag in tags if tag and not tag.startswith("W/")]


def etag(response: Response, stored: Stored) -> dict[str, Any]:
    """Put the item's ETag on ``response``; returns the item."""
    response.headers["ETag"] = f'"{stored.rev}"'
    return stored.item


def iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def show_actor(actor: dict[str, Any], user: Principal, state: ApiState) -> dict[str, Any]:
    """An actor as ``user`` may see it: for viewers, a person who did not consent under a
    pseudonym, and hidden persons' names and ids gone from everyone's free text."""
    if user.sees_names:
        return {**actor, "pseudonymised": False}
    hidden = is_hidden(actor)
    shown_text = redactor(state)
    if hidden:
        label = shown_text.labels.get(str(actor["id"]), ERASED_LABEL)
        actor = redact_actor(actor, state.pseudonym_key, label)
    return {**shown_text.item(actor, ("id",)), "pseudonymised": hidden}


def hidden_actor_ids(state: ApiState, ids: set[str]) -> set[str]:
    """Which of ``ids`` are persons without consent."""
    return ids & set(hidden_persons(state))


TIE_ENDS = ("id", "actor_id", "project_id", "source_id", "target_id")


def show_ties(ties: list[dict[str, Any]], user: Principal, state: ApiState) -> list[dict[str, Any]]:
    """Ties as ``user`` may see them (free texts withheld next to hidden persons, their
    names and ids replaced in the others')."""
    if user.sees_names:
        return ties
    hidden = set(hidden_persons(state))
    shown = redactor(state)
    return [shown.item(redact_tie(t, hidden, state.pseudonym_key), TIE_ENDS) for t in ties]


def show_items(
    items: list[dict[str, Any]], user: Principal, state: ApiState
) -> list[dict[str, Any]]:
    """Projects (or any item without persons) as ``user`` may see them: hidden persons'
    names and ids replaced in their texts for viewers."""
    if user.sees_names:
        return items
    shown = redactor(state)
    return [shown.item(item, ("id",)) for item in items]


def redactor(state: ApiState, graph_key: list[Any] | None = None) -> Redactor:
    """Replaces the names and ids of persons without consent (see :class:`Redactor`)."""
    return Redactor.for_hidden(hidden_persons(state, graph_key), state.pseudonym_key)


def hidden_persons(state: ApiState, graph_key: list[Any] | None = None) -> dict[str, str | None]:
    """``{id: name}`` of the persons who did not consent (persons are few), looked up once
    per graph version and kept in memory only: real names have no business on disk."""

    key = state.cache.key("_hidden", {}, graph_key or state.graph_key())
    found, _hit = state.cache.get_or_compute(key, state.graphsvc.hidden_persons, persist=False)
    return dict(found)


def hidden_digest(state: ApiState, graph_key: list[Any] | None = None) -> str:
    """A digest of the ids of the persons hidden at ``graph_key`` (now by default).

    Part of the cache parameters of a result that cannot be redacted again when served
    (a map's HTML): a result drawn while a person consented, served stale after the
    consent was withdrawn (or the actor became a person), would show the real name. With
    the digest in its parameters it is another result, which is computed and waited for.
    """
    ids = sorted(hidden_persons(state, graph_key))
    return hashlib.sha256("\n".join(ids).encode()).hexdigest()[:16]


def unmask(state: ApiState, value: str | None) -> str | None:
    """The real id behind a masked person id a reader sends back (``person-3f2a91c0``)."""
    if value is None or not MASK_PATTERN.match(value):
        return value
    return unmask_ids([value], hidden_persons(state), state.pseudonym_key).get(value, value)


NO_SUCH_ID = " "  # no item has it (ids are slugs): a filter on it matches nothing


def actor_id_for(state: ApiState, user: Principal, given: str) -> str | None:
    """The real id behind an actor id a reader sent, or ``None`` for "no such actor".

    A masked id is unmasked. A hidden person's *real* id from a reader who may not see
    it is no way in: it answers as an id that does not exist, or the answer would confirm
    whom the pseudonym stands for (their ids are often their names).
    """
    if MASK_PATTERN.match(given):
        return unmask(state, given)
    if not user.sees_names and given in hidden_persons(state):
        return None
    return given


def actor_filter(state: ApiState, user: Principal, given: str | None) -> str | None:
    """An ``actor_id=`` filter as the query takes it (see :func:`actor_id_for`)."""
    if given is None:
        return None
    found = actor_id_for(state, user, given)
    return NO_SUCH_ID if found is None else found


def sort_aliases(state: ApiState, user: Principal) -> list[dict[str, str]]:
    """What a viewer's list sorts hidden persons by: their pseudonym and masked id."""
    if user.sees_names:
        return []
    key = state.pseudonym_key
    labels = pseudonyms(hidden_persons(state), key)
    return [{"id": i, "name": label, "mask": mask_id(i, key)} for i, label in labels.items()]


def tie_id_for(state: ApiState, user: Principal, given: str) -> str | None:
    """The real id behind a tie id a reader sent, or ``None`` for "no such tie": a masked
    tie id (``tie-…``) is resolved among hidden persons' ties; the real id of such a tie
    is no way in for a reader who may not see it (see :func:`actor_id_for`)."""
    hidden = hidden_persons(state)
    key = state.pseudonym_key
    if TIE_MASK.match(given):
        for person in hidden:
            try:
                ties = state.graphsvc.item_dependents("actors", person)
            except NotFoundError:  # deleted a moment ago
                continue
            for tie_id in [*ties["participations"], *ties["collaborations"]]:
                if mask_tie_id(tie_id, hidden, key) == given:
                    return str(tie_id)
        return None
    if not user.sees_names and mask_tie_id(given, hidden, key) != given:
        return None
    return given
