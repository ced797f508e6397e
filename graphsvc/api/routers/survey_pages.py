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
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from graphsvc.api.deps import StateDep
from graphsvc.api.routers.survey_answers import respondent
from graphsvc.errors import NotFoundError, RateLimitedError, SurveyClosedError
from graphsvc.surveys import Surveys
from graphsvc.surveys.answer_page import page_lang, render_answer_page

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
