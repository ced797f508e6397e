"""``/analyses``: bridging, anchoring, what-if, introductions, partner suggestions.

The parameters are those of ``graphsvc analyse …``. Results are cached per graph version
(see :class:`graphsvc.api.deps.ApiState.graph_key`): any write through the API bumps
the version, so the next request computes afresh; the global bridging analysis is
served as it was, marked stale (``meta.stale``), while it is recomputed. Tables come as
lists of records, NaN and infinities as ``null``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import numpy as np
import pandas as pd
from fastapi import APIRouter, Query, Response
from fastapi.responses import StreamingResponse

from graphsvc.analysis.whatif import Scenario
from graphsvc.api.deps import ApiState, StateDep
from graphsvc.api.routers._common import actor_id_for, redactor
from graphsvc.api.schemas import AnalysisResult, WhatIfRequest
from graphsvc.api.security import Principal, Viewer
from graphsvc.cache import json_parts
from graphsvc.errors import GraphsvcError
from graphsvc.filters import AsOfDate, GroupAttribute, Language, NetworkFilters
from graphsvc.i18n import measure_table

router = APIRouter(prefix="/analyses", tags=["analyses"])

AsOf = Annotated[
    AsOfDate,
    Query(
        description=NetworkFilters.model_fields["as_of"].description,
        openapi_examples={"2013": {"value": "2013-06-01"}},
    ),
]
Proposed = Annotated[bool, Query(description=NetworkFilters.model_fields["proposed"].description)]
Filters = Annotated[NetworkFilters, Query()]
Lang = Annotated[Language, Query(description="Language of the texts.")]


def clean(value: Any) -> Any:
    """A JSON-able copy: NaN/inf → None, numpy scalars → Python, sets → sorted lists."""
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((clean(v) for v in value), key=str)
    if isinstance(value, np.ndarray):
        return [clean(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, pd.Timestamp | dt.date):
        return value.isoformat()
    if value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    if frame is None or (len(frame.columns) == 0 and len(frame) == 0):
        return []
    named = frame.copy()
    if named.index.name is None and not isinstance(named.index, pd.RangeIndex):
        named.index.name = "id"
    if not isinstance(named.index, pd.RangeIndex):
        named = named.reset_index()
    out: list[Any] = named.to_dict("records")
    del named
    for at, row in enumerate(out):  # row by row: never two copies of 100k rows at once
        out[at] = clean(row)
    return out


def cached(
    state: ApiState,
    user: Principal,
    name: str,
    params: dict[str, Any],
    compute: Callable[[], dict[str, Any]],
    *,
    served_while_updating: bool = False,
) -> Response:
    """Compute (or reuse) an analysis and show it as ``user`` may see it.

    The cache keeps the result and, per visibility (names or pseudonyms), its JSON, so a
    cache hit costs the version look-up and a copy of bytes. A global analysis
    (``served_while_updating``) made stale by a write comes back at once as it was, with
    ``meta.stale`` true, ``meta.computed_for_version`` and the header
    ``X-Analysis-Stale: true``, while one recompute runs in the background (see
    :meth:`graphsvc.cache.AnalysisCache.get_or_refresh`).
    """
    graph_key = state.graph_key()
    if served_while_updating:
        found = state.cache.get_or_refresh(
            name, params, graph_key, compute, may_serve=state.may_serve_stale
        )
        value, hit, stale, computed_for = found
    else:
        key = state.cache.key(name, params, graph_key)
        value, hit = state.cache.get_or_compute(key, compute)
        stale, computed_for = False, graph_key
    key = state.cache.key(name, params, computed_for)
    visibility = "names" if user.sees_names else "hidden"

    def serialise() -> bytes:
        # the persons hidden now, also in a stale result (one may have withdrawn consent)
        shown = value if user.sees_names else redactor(state, graph_key)(value)
        meta = {**shown.get("meta", {}), "stale": stale, "computed_for_version": computed_for[1]}
        body = {
            "analysis": name,
            "graph_version": computed_for[1],
            "tables": shown["tables"],
            "meta": meta,
        }
        return b"".join(json_parts(body, ensure_ascii=False))  # no text copy of 100 MB

    shown_at = json.dumps(graph_key) if stale else "fresh"
    body, _ = state.cache.get_or_compute(f"{key}|{visibility}|{shown_at}", serialise)
    flag = b'{"cached":true,' if hit else b'{"cached":false,'
    headers = {"X-Analysis-Stale": "true" if stale else "false"}
    if len(body) <= STREAM_ABOVE:
        return Response(flag + body[1:], media_type="application/json", headers=headers)
    # a national result (100 MB) is sent from the cached body a slice at a time: as one
    # piece the server held two more copies of it while the socket took it
    headers["Content-Length"] = str(len(flag) + len(body) - 1)
    return StreamingResponse(_slices(flag, body), media_type="application/json", headers=headers)


#: Bodies longer than this many bytes are streamed (see :func:`cached`), in slices of
#: ``SLICE`` bytes.
STREAM_ABOVE = 1 << 22
SLICE = 1 << 20


def _slices(flag: bytes, body: bytes) -> Iterator[bytes]:
    """``flag`` and ``body`` without its first byte, in slices of :data:`SLICE` bytes."""
    yield flag
    view = memoryview(body)
    for start in range(1, len(body), SLICE):
        yield bytes(view[start : start + SLICE])


GHOST = "\u2063"  # an invisible separator: in no slug, so no actor's id has it


def known_actor_id(state: ApiState, user: Principal, given: str) -> str:
    """The real id behind an actor id sent to an analysis. A hidden person's real id
    from a viewer becomes an id no actor has, so the analysis answers exactly as for an
    unknown id (see ``actor_id_for``); :func:`as_given` takes the mark out of messages."""
    found = actor_id_for(state, user, given)
    return given + GHOST if found is None else found


@contextmanager
def as_given() -> Iterator[None]:
    """Errors name ids as the reader sent them (see :func:`known_actor_id`)."""
    try:
        yield
    except GraphsvcError as error:
        for mark in (GHOST, repr(GHOST)[1:-1]):
            error.message = error.message.replace(mark, "")
        raise


@router.get(
    "/bridging",
    summary="Who bridges sectors (brokers, single points of failure)",
    response_model=AnalysisResult,
)
def bridging(
    user: Viewer,
    state: StateDep,
    filters: Filters,
    attribute: Annotated[
        GroupAttribute, Query(description="The groups brokerage is counted between.")
    ] = "sector",
) -> Response:
    """Per actor: betweenness, Burt's constraint, Gould–Fernandez brokerage roles, cut
    points; tables ``actors``, ``sole_brokers``, ``bridges``, ``ei_groups``."""
    f = filters.network_args()
    params = {"attribute": attribute, **f}
    compute = bridging_tables(state, attribute, f)
    return cached(state, user, "bridging", params, compute, served_while_updating=True)


def bridging_tables(
    state: ApiState, attribute: str, f: dict[str, Any]
) -> Callable[[], dict[str, Any]]:
    """What ``/analyses/bridging`` caches as ``("bridging", {"attribute": …, **f})``: the
    maps draw with the same cached result (:mod:`graphsvc.api.routers.maps`)."""

    def compute() -> dict[str, Any]:
        result = state.graphsvc.bridging(attribute=attribute, **f)
        return {
            "tables": {
                "actors": records(result.actors),
                "sole_brokers": records(result.sole_brokers),
                "bridges": records(result.bridges),
                "ei_network": records(result.ei.network),
                "ei_groups": records(result.ei.groups),
            },
            # what each column of ``actors`` means, in both languages (the maps' words)
            "meta": {**clean(result.meta), "measures": measure_table()},
        }

    return compute


@router.get(
    "/anchoring",
    summary="Local anchoring (lokal forankring) of every project",
    response_model=AnalysisResult,
)
def anchoring(
    user: Viewer,
    state: StateDep,
    filters: Filters,
) -> Response:
    """One row per project: the parts of local anchoring, a 0–100 score, a band and an
    explanation in English and Danish (table ``projects``)."""
    f = filters.network_args()

    def compute() -> dict[str, Any]:
        return {"tables": {"projects": records(state.graphsvc.anchoring(**f))}}

    return cached(state, user, "anchoring", f, compute)


@router.post("/whatif", summary="What a scenario removes", response_model=AnalysisResult)
def what_if(body: WhatIfRequest, user: Viewer, state: StateDep, lang: Lang = "en") -> Response:
    """Remove actors, groups of actors, or ties that ended before a date: which projects
    lose funders, owners or their local link, who is cut off, how fragmented it gets."""
    remove = [known_actor_id(state, user, given) for given in body.remove_actors]
    params = {**body.model_dump(mode="json"), "remove_actors": remove}

    def compute() -> dict[str, Any]:
        scenario = Scenario(
            remove_actors=tuple(remove),
            remove_groups=[dict(g) for g in body.remove_groups],
            end_ties_before=body.end_ties_before,
        )
        f = NetworkFilters(as_of=body.as_of, proposed=body.proposed).network_args()
        result = state.graphsvc.what_if(scenario, attribute=body.attribute, **f)
        return {
            "tables": {
                "projects": records(result.projects),
                "actors_cut_off": records(result.actors_cut_off),
                "group_pairs": records(result.group_pairs),
            },
            "meta": {"summary": clean(result.summary), "text": result.to_text(lang)},
        }

    with as_given():
        return cached(state, user, "whatif", {**params, "lang": lang}, compute)


@router.get(
    "/introductions",
    summary="Who can introduce us: paths between two actors",
    response_model=AnalysisResult,
)
def introductions(
    user: Viewer,
    state: StateDep,
    source: Annotated[
        str, Query(max_length=120, openapi_examples={"a": {"value": "middelfart-kommune"}})
    ],
    target: Annotated[
        str, Query(max_length=120, openapi_examples={"b": {"value": "aeblehaven-forening"}})
    ],
    k: Annotated[int, Query(ge=1, le=20, description="At most this many paths.")] = 3,
    max_length: Annotated[int, Query(ge=1, le=8, description="At most this many ties.")] = 4,
    as_of: AsOf = None,
) -> Response:
    """Shortest introduction paths (table ``paths``: actors, names, hops, texts)."""
    source, target = known_actor_id(state, user, source), known_actor_id(state, user, target)
    params = {
        "source": source,
        "target": target,
        "k": k,
        "max_length": max_length,
        "as_of": as_of.isoformat() if as_of else None,
    }

    def compute() -> dict[str, Any]:
        paths = state.graphsvc.introductions(
            source, target, k=k, max_length=max_length, as_of=params["as_of"]
        )
        return {"tables": {"paths": clean(paths)}}

    with as_given():
        return cached(state, user, "introductions", params, compute)


@router.get(
    "/suggestions", summary="Local partners a project could involve", response_model=AnalysisResult
)
def suggestions(
    user: Viewer,
    state: StateDep,
    project: Annotated[
        str, Query(max_length=120, openapi_examples={"p": {"value": "legepatruljen"}})
    ],
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    as_of: AsOf = None,
    proposed: Proposed = False,
) -> Response:
    """Actors ranked by closeness and the sectors the project lacks (table ``suggestions``)."""
    params = {
        "project": project,
        "limit": limit,
        "as_of": as_of.isoformat() if as_of else None,
        "proposed": proposed,
    }

    def compute() -> dict[str, Any]:
        frame = state.graphsvc.suggest(
            project, limit=limit, as_of=params["as_of"], include_proposed=proposed
        )
        return {"tables": {"suggestions": records(frame)}}

    return cached(state, user, "suggestions", params, compute)
