"""The survey pages (HTML).

``GET /s/{token}`` is a respondent's answer page: no key, the token in the link is the
only credential (:mod:`graphsvc.surveys.answer_page`), limited as the JSON routes under
``/s/`` are (:func:`graphsvc.api.routers.survey_answers.respondent`). The respondent's form travels
inside the page; a link that cannot be used (unknown: 404; survey closed, link expired
or withdrawn: 410; too many attempts: 429) gets a page that says so in words, with that
status. Without ``lang`` the page speaks the first of Danish and English in the
browser's ``Accept-Language``, else the language the respondent last saved in, else
Danish; it can switch at any time.

Every answer under ``/s/`` is ``Cache-Control: no-store`` and ``Referrer-Policy:
no-referrer``: the link is a credential, so it must stay out of caches and of the
``Referer`` of any link the respondent follows.

The coordinator's pages (editor role, the browser's session): ``GET /surveys/new``
(create a survey from a project, a municipality, a workshop or a list) and
``GET /surveys/{survey_id}/page`` (roster, invitations, live status, apply). A browser
without a valid key is sent to ``/login`` and comes back; a viewer gets 403 and a page
that says why. Without ``lang`` a page speaks Danish when the browser prefers Danish,
else English; it can switch at any time. The pages call the JSON routes under
``/surveys`` (:mod:`graphsvc.api.routers.surveys`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.routing import NoMatchFound

from graphsvc.api.deps import ApiState, StateDep
from graphsvc.api.routers._common import hidden_persons, redactor
from graphsvc.api.routers.survey_answers import respondent
from graphsvc.api.routers.workshop_pages import HTML_RESPONSE, Lang, _to_login, _user_or_none
from graphsvc.api.routers.workshop_pages import page_lang as editor_lang
from graphsvc.errors import NotFoundError, RateLimitedError, SurveyClosedError
from graphsvc.keys import Role
from graphsvc.reference import municipality
from graphsvc.surveys import Surveys
from graphsvc.surveys.answer_page import page_lang, render_answer_page
from graphsvc.surveys.coordinator_page import render_coordinator_page
from graphsvc.workshop import Workshops

router = APIRouter(tags=["survey pages"])

#: The headers of every respondent page (the link in the address bar is a credential).
RESPONDENT_HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
_PAGE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The answer page (HTML).", "content": {"text/html": {}}},
    404: {"description": "An unknown link: a page that says so.", "content": {"text/html": {}}},
    410: {
        "description": "The survey is closed, or the link expired or was withdrawn.",
        "content": {"text/html": {}},
    },
    429: {"description": "Too many attempts; see Retry-After.", "content": {"text/html": {}}},
}
PageLang = Annotated[
    str | None,
    Query(max_length=8, description="da or en; default: the browser's (other values: ignored)."),
]


@router.get(
    "/s/{token}",
    summary="A respondent's answer page",
    response_class=HTMLResponse,
    responses=_PAGE_RESPONSES,
)
async def answer_page(
    token: str, request: Request, state: StateDep, lang: PageLang = None
) -> Response:
    """The survey, page by page, for the organisation whose link this is: mobile first,
    Danish or English, saved page by page (the same link continues where it stopped),
    with the GDPR art. 13 information. No key: the link is the credential."""
    accept = request.headers.get("accept-language", "")
    try:
        await respondent(token, request, state)  # the rate limits of every /s/ route
        form = await run_in_threadpool(Surveys(state.graphsvc).form, token)
    except (NotFoundError, SurveyClosedError, RateLimitedError) as exc:
        headers = dict(RESPONDENT_HEADERS)
        if isinstance(exc, RateLimitedError):
            headers["Retry-After"] = str(exc.retry_after)
        page = render_answer_page(
            lang=page_lang(lang, accept), form=None, error_status=exc.status_code
        )
        return HTMLResponse(page, status_code=exc.status_code, headers=headers)
    page = render_answer_page(lang=page_lang(lang, accept, form.get("lang")), form=form)
    return HTMLResponse(page, headers=RESPONDENT_HEADERS)


# ----------------------------------------------------------------- the coordinator's pages

FORBIDDEN_RESPONSE: dict[int | str, dict[str, Any]] = {
    403: {"description": "The key may not run surveys (a viewer's)."}
}
ScopeId = Annotated[str | None, Query(max_length=200)]


def _mail_merge(request: Request) -> bool:
    """Whether the app has the mail merge routes (the page links them if so)."""
    try:
        request.app.url_path_for("mail_merge_csv", survey_id="x")
    except NoMatchFound:
        return False
    return True


def _names(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    return sorted(rows, key=lambda o: (o["name"].casefold(), o["id"]))


def _new_choices(state: ApiState) -> dict[str, list[dict[str, str]]]:
    """Projects, municipalities (the actors' localities) and workshops to start from."""
    tables = state.graphsvc.tables()
    shown = redactor(state)
    projects = [
        {"id": str(r["id"]), "name": shown.text(str(r["name"]))}
        for r in tables["projects"].to_dict("records")
    ]
    places = []
    for code in sorted({str(c) for c in tables["actors"]["locality"].dropna() if c}):
        found = municipality(code)
        places.append({"id": code, "name": found.name if found else code})
    workshops = [
        {"id": str(w["id"]), "name": shown.text(str(w.get("name") or w["id"]))}
        for w in Workshops(state.graphsvc).list_all()
    ]
    return {"projects": _names(projects), "municipalities": _names(places), "workshops": workshops}


def _roster_choices(state: ApiState) -> dict[str, list[dict[str, str]]]:
    """The actors that may be on a roster (every actor but hidden persons), named."""
    hidden = hidden_persons(state)
    actors = [
        {
            "id": str(r["id"]),
            "name": str(r["name"]),
            "sector": str(r.get("sector") or ""),
            "locality": str(r.get("locality") or ""),
        }
        for r in state.graphsvc.tables()["actors"].to_dict("records")
        if str(r["id"]) not in hidden
    ]
    return {"actors": _names(actors)}


@router.get(
    "/surveys/new",
    summary="The page to create a network survey",
    response_class=HTMLResponse,
    responses={**HTML_RESPONSE, **FORBIDDEN_RESPONSE},
)
async def new_survey_page(
    request: Request,
    state: StateDep,
    lang: Lang = None,
    project: ScopeId = None,
    municipality: ScopeId = None,
    workshop: ScopeId = None,
) -> Response:
    """Title, purpose, who asks, the dates, and whom to ask (a project, a municipality, a
    workshop or a list); ``project``, ``municipality`` or ``workshop`` chooses it first."""
    user = await _user_or_none(request, state)
    if user is None:
        return _to_login(request)
    language = editor_lang(request, lang)
    if not user.at_least(Role.EDITOR):
        return HTMLResponse(
            render_coordinator_page(lang=language, mode="forbidden", demo=user.demo),
            status_code=403,
        )
    scope = next(
        (
            {"kind": kind, "id": value}
            for kind, value in (
                ("project", project),
                ("municipality", municipality),
                ("workshop", workshop),
            )
            if value
        ),
        None,
    )
    choices = await run_in_threadpool(_new_choices, state)
    return HTMLResponse(
        render_coordinator_page(
            lang=language, mode="new", demo=user.demo, scope=scope, choices=choices
        )
    )


@router.get(
    "/surveys/{survey_id}/page",
    summary="A network survey's page for its coordinator",
    response_class=HTMLResponse,
    responses={**HTML_RESPONSE, **FORBIDDEN_RESPONSE},
)
async def survey_page(
    survey_id: str, request: Request, state: StateDep, lang: Lang = None
) -> Response:
    """The roster, the invitations (links, revoke, reissue, mail merge, reminders), the
    live response rate and ties, the review queue, and applying the answers."""
    user = await _user_or_none(request, state)
    if user is None:
        return _to_login(request)
    language = editor_lang(request, lang)
    if not user.at_least(Role.EDITOR):
        return HTMLResponse(
            render_coordinator_page(lang=language, mode="forbidden", demo=user.demo),
            status_code=403,
        )
    await run_in_threadpool(Surveys(state.graphsvc).get, survey_id)  # 404 when unknown
    choices = await run_in_threadpool(_roster_choices, state)
    return HTMLResponse(
        render_coordinator_page(
            lang=language,
            mode="survey",
            demo=user.demo,
            survey_id=survey_id,
            choices=choices,
            mail_merge=_mail_merge(request),
        )
    )
