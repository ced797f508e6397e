"""``/maps/{lens}``: interactive maps as self-contained HTML, and the map browser at ``/``.

Maps are shared screens: they are drawn from the pseudonymised tables, so persons who
did not consent appear under a pseudonym and masked id, and their names are gone from
every text, whatever the reader's role. A viewer names a hidden person by the masked id
only (the real one answers as an unknown id); editors may use either. The map browser's
pickers follow the same rule. Maps are cached per graph version; a map made stale by a
write is shown as it was, saying it is being updated, while one redraw runs.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse

from graphsvc.api.deps import ApiState, StateDep
from graphsvc.api.routers._common import hidden_digest, hidden_persons, redactor
from graphsvc.api.routers.analyses import bridging_tables
from graphsvc.api.security import Principal, Viewer
from graphsvc.errors import NotFoundError, ValidationError
from graphsvc.filters import AsOfDate, Language, LensName, NetworkFilters, SizeBy
from graphsvc.maps.aggregate import NO_GROUP
from graphsvc.maps.browser import DATE_FIELDS, data_years, render_browser
from graphsvc.maps.html import mark_updating
from graphsvc.maps.payload import read_payload
from graphsvc.privacy import mask_id, pseudonyms
from graphsvc.reference import municipality

log = logging.getLogger(__name__)

router = APIRouter(tags=["maps"])

HTML_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"description": "A self-contained HTML page.", "content": {"text/html": {}}}
}


@router.get(
    "/maps/{lens}",
    summary="An interactive map as HTML",
    response_class=HTMLResponse,
    responses=HTML_RESPONSE,
)
def map_page(
    lens: Annotated[LensName, Path(description="The lens: what the map shows.")],
    user: Viewer,
    state: StateDep,
    id: Annotated[
        str | None,
        Query(
            max_length=120,
            description="municipality: a code (DK-410); project: a project id; ego: an actor id.",
            openapi_examples={"Middelfart": {"value": "DK-410"}},
        ),
    ] = None,
    lang: Annotated[Language, Query()] = "en",
    as_of: Annotated[
        AsOfDate, Query(description=NetworkFilters.model_fields["as_of"].description)
    ] = None,
    remove: Annotated[
        list[str] | None, Query(description="whatif: actor ids to remove (repeatable).")
    ] = None,
    size_by: Annotated[SizeBy, Query()] = "betweenness",
    radius: Annotated[int, Query(ge=1, le=4, description="ego: steps from the actor.")] = 2,
) -> HTMLResponse:
    id = _map_id(state, user, id)
    remove = [_map_id(state, user, r) or r for r in remove or []] or None
    graph_key = state.graph_key()
    params: dict[str, Any] = {
        # HTML is not redacted again when served stale: a change in who is hidden makes
        # it another map, drawn and waited for (a withdrawn consent must not show the name)
        "hidden": hidden_digest(state, graph_key),
        "lens": lens,
        "id": id,
        "lang": lang,
        "as_of": as_of.isoformat() if as_of else None,
        "remove": sorted(remove or []),
        "size_by": size_by,
        "radius": radius,
    }

    def compute() -> str:
        return _draw(state, graph_key, params)

    # a map made stale by a write is shown as it was, saying so, while it is redrawn
    page, _hit, stale, _version = state.cache.get_or_refresh(
        "map", params, graph_key, compute, may_serve=state.may_serve_stale
    )
    if lens == "network" and not stale:
        warm_drilldowns(state, graph_key, params, page)
    if stale:
        return HTMLResponse(mark_updating(page, lang), headers={"X-Analysis-Stale": "true"})
    return HTMLResponse(page, headers={"X-Analysis-Stale": "false"})


def _draw(state: ApiState, graph_key: list[Any], params: dict[str, Any]) -> str:
    """The map of ``params`` (a :func:`map_page` cache key) at ``graph_key``."""
    lens = params["lens"]
    drilldown = None
    if lens == "network":  # an overview's groups open their municipality's map
        drilldown = f"municipality?id={{key}}&lang={params['lang']}"
        if params["as_of"]:
            drilldown += f"&as_of={params['as_of']}"
    try:
        return state.graphsvc.map_html(
            lens,
            params["id"],
            lang=params["lang"],
            as_of=params["as_of"],
            remove=tuple(params["remove"]),
            size_by=params["size_by"],
            radius=params["radius"],
            measures=map_measures(state, graph_key, params["as_of"]),
            drilldown_url=drilldown,
        )
    except ValueError as exc:  # a combination the map cannot draw (e.g. no measures)
        raise ValidationError(f"cannot draw this map: {exc}") from exc
    except KeyError as exc:  # an id the (pseudonymised) network does not have
        raise NotFoundError(str(exc.args[0]) if exc.args else "no such item") from exc


def map_measures(state: ApiState, graph_key: list[Any], as_of: str | None) -> pd.DataFrame:
    """The actors' bridging measures a map is sized and described by.

    They are the cached result of ``/analyses/bridging`` (by sector) as of that date,
    computed and kept there if it is not yet, not a bridging run of the map's own. It
    waits for the current version's result: a map is cached per version and must not
    keep measures of an older one.

    Parameters
    ----------
    state : ApiState
        The app's state (its core object and cache).
    graph_key : list
        The graph version the map is drawn at (:meth:`ApiState.graph_key`).
    as_of : str or None
        The map's date (ISO ``YYYY-MM-DD``); None for today's network.

    Returns
    -------
    pandas.DataFrame
        One row per actor with its bridging measures, indexed by actor id.

    Raises
    ------
    pydantic.ValidationError
        When ``as_of`` is no date.
    graphsvc.errors.GraphsvcError
        When the bridging analysis fails (e.g.
        :class:`graphsvc.analysis.AnalysisInputError` for weights it cannot use).
    """
    f = NetworkFilters.model_validate({"as_of": as_of}).network_args()
    found = state.cache.get_or_refresh(
        "bridging",
        {"attribute": "sector", **f},
        graph_key,
        bridging_tables(state, "sector", f),
        may_serve=lambda _old: False,
    )
    actors = pd.DataFrame.from_records(found.value["tables"]["actors"])
    return actors.set_index("id") if "id" in actors.columns else actors


#: How many of an overview's largest groups have their maps drawn ahead of a click.
WARM_GROUPS = 3


def warm_drilldowns(
    state: ApiState, graph_key: list[Any], params: dict[str, Any], page: str
) -> None:
    """Draw the maps of an overview's :data:`WARM_GROUPS` largest groups in the
    background, so that a click on one finds its map in the cache.

    Through the cache's per-key lock, a click while a map is being drawn waits for that
    drawing instead of starting another. One worker thread per app, one plan per
    overview and graph version; a map already cached costs a look-up. A page that is no
    overview of groups, or an app that is stopping (:func:`stop_warming`), does nothing.
    It returns at once: the drawing runs in the worker, which logs its errors (it has
    no caller to raise to).

    Parameters
    ----------
    state : ApiState
        The app's state; the worker and the plans are kept in ``state.extra``.
    graph_key : list
        The graph version the overview was drawn at; the drawing stops when a write
        makes it old.
    params : dict
        The overview's :func:`map_page` cache key (lens ``network``).
    page : str
        The overview's HTML, whose payload names its groups.
    """
    if '"group:' not in page:
        return
    plan = state.cache.key("map-warm", params, graph_key)
    with _WARM_LOCK:
        if state.extra.get(_STOPPED):
            return
        # the plans of the current version only: older ones are never asked again
        version, planned = state.extra.get("map_warm_planned", (None, set()))
        if version != graph_key:
            version, planned = graph_key, set()
            state.extra["map_warm_planned"] = (version, planned)
        if plan in planned:
            return
        planned.add(plan)
        worker = state.extra.get(_WARMER)
        if worker is None:
            worker = state.extra[_WARMER] = ThreadPoolExecutor(1, "map-warmer")

    def run() -> None:
        try:
            for wanted in _largest_groups(params, page):
                if state.extra.get(_STOPPED) or state.graph_key() != graph_key:
                    return  # shutting down, or a write made these maps old
                state.cache.get_or_refresh(
                    "map", wanted, graph_key, partial(_draw, state, graph_key, wanted),
                    may_serve=lambda _old: False,
                )  # fmt: skip
        except Exception:  # a background drawing has no caller to raise to
            log.exception("drawing the maps of an overview's groups ahead failed")

    worker.submit(run)


def _largest_groups(params: dict[str, Any], page: str) -> list[dict[str, Any]]:
    """The map parameters of the overview's :data:`WARM_GROUPS` largest municipalities,
    as a click on one asks for them (the link :func:`_draw` gives the groups)."""
    groups = [
        info for info in read_payload(page)["info"].values()
        if info.get("by") == "municipality" and info.get("key") not in (None, NO_GROUP)
    ]  # fmt: skip
    groups.sort(key=lambda info: (-len(info.get("members") or []), str(info["key"])))
    asked = {"lens": "municipality", "remove": [], "size_by": "betweenness", "radius": 2}
    return [{**params, **asked, "id": str(info["key"])} for info in groups[:WARM_GROUPS]]


_WARM_LOCK = threading.Lock()
_WARMER = "map_warmer"
_STOPPED = "map_warmer_stopped"


def stop_warming(state: ApiState) -> None:
    """Stop drawing ahead (the app is shutting down), before the store closes under it.

    Drawings not begun are dropped, and one being drawn ends at its next group; later
    calls of :func:`warm_drilldowns` do nothing. It does not wait for the worker.

    Parameters
    ----------
    state : ApiState
        The app's state, whose worker (if one was started) is shut down.
    """
    with _WARM_LOCK:
        state.extra[_STOPPED] = True
        worker = state.extra.pop(_WARMER, None)
    if worker is not None:
        worker.shutdown(wait=False, cancel_futures=True)


def _map_id(state: ApiState, user: Principal, given: str | None) -> str | None:
    """An id as the map's (pseudonymised) network knows it: an editor's real id of a
    hidden person becomes the masked id; a viewer's stays unknown to the map."""
    if given is not None and user.sees_names and given in hidden_persons(state):
        return mask_id(given, state.pseudonym_key)
    return given


@router.get(
    "/",
    summary="The map browser",
    response_class=HTMLResponse,
    responses=HTML_RESPONSE,
)
def browser(
    user: Viewer, state: StateDep, lang: Annotated[Language, Query()] = "da"
) -> HTMLResponse:
    """A page to pick a lens and an actor, project or municipality; it opens the maps
    from ``/maps/{lens}`` in a frame."""
    tables = state.graphsvc.tables()
    # A shared screen for every role (demo mode acts as an editor): the pickers offer
    # what the maps show, hidden persons under their pseudonyms and masked ids.
    hidden = hidden_persons(state)
    labels = pseudonyms(hidden, state.pseudonym_key)
    shown = redactor(state)
    actors = []
    for row in tables["actors"].to_dict("records"):
        ident = str(row["id"])
        if ident in hidden:
            actors.append((mask_id(ident, state.pseudonym_key), labels[ident]))
        else:
            actors.append((ident, shown.text(str(row["name"]))))
    projects = [
        (str(r["id"]), shown.text(str(r["name"]))) for r in tables["projects"].to_dict("records")
    ]
    codes = sorted({c for c in tables["actors"]["locality"].dropna() if c})
    municipalities = []
    for code in codes:
        found = municipality(code)
        municipalities.append((code, found.name if found else code))
    # the timeline's years: those the dates of projects and ties cover
    dated = [
        row
        for name in ("projects", "participations", "collaborations", "agreements")
        if name in tables
        for row in tables[name].reindex(columns=list(DATE_FIELDS)).astype(object).to_dict("records")
    ]
    return HTMLResponse(
        render_browser(
            lang=lang,
            actors=sorted(actors, key=lambda a: a[1].lower()),
            projects=sorted(projects, key=lambda p: p[1].lower()),
            municipalities=municipalities,
            years=data_years(dated),
        )
    )
