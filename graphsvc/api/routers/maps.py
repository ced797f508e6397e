"""``/maps/{lens}``: interactive maps as self-contained HTML, and the map browser at ``/``.

Maps are shared screens: they are drawn from the pseudonymised tables, so persons who
did not consent appear under a pseudonym and masked id, and their names are gone from
every text, whatever the reader's role. A viewer names a hidden person by the masked id
only (the real one answers as an unknown id); editors may use either. The map browser's
pickers follow the same rule. Maps are cached per graph version; a map made stale by a
write is shown as it was, saying it is being updated, while one redraw runs.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse

from graphsvc.api.deps import ApiState, StateDep
from graphsvc.api.routers._common import hidden_digest, hidden_persons, redactor
from graphsvc.api.security import Principal, Viewer
from graphsvc.errors import NotFoundError, ValidationError
from graphsvc.filters import AsOfDate, Language, LensName, NetworkFilters, SizeBy
from graphsvc.maps.browser import DATE_FIELDS, data_years, render_browser
from graphsvc.maps.html import mark_updating
from graphsvc.privacy import mask_id, pseudonyms
from graphsvc.reference import municipality

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
        try:
            return state.graphsvc.map_html(
                lens,
                id,
                lang=lang,
                as_of=params["as_of"],
                remove=tuple(remove or ()),
                size_by=size_by,
                radius=radius,
            )
        except ValueError as exc:  # a combination the map cannot draw (e.g. no measures)
            raise ValidationError(f"cannot draw this map: {exc}") from exc
        except KeyError as exc:  # an id the (pseudonymised) network does not have
            raise NotFoundError(str(exc.args[0]) if exc.args else "no such item") from exc

    # a map made stale by a write is shown as it was, saying so, while it is redrawn
    page, _hit, stale, _version = state.cache.get_or_refresh(
        "map", params, graph_key, compute, may_serve=state.may_serve_stale
    )
    if stale:
        return HTMLResponse(mark_updating(page, lang), headers={"X-Analysis-Stale": "true"})
    return HTMLResponse(page, headers={"X-Analysis-Stale": "false"})


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
