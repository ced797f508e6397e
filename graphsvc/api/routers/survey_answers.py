"""``/s/{token}/…``: a respondent answers a survey with the token of their link (JSON).

No key and no session: the token is the credential, and it opens only its own survey,
its own answers and the names on the roster. Requests are limited per token and failed
look-ups per client address (:mod:`graphsvc.surveys.tokens`); every answer under ``/s/``
is ``Cache-Control: no-store`` and ``Referrer-Policy: no-referrer`` (a link must not leak
through a cache or a Referer). Writes pass the same-origin check as every write: a
browser sends ``Origin``, and a script without one needs no cookie.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graphsvc.api.deps import ApiState, StateDep
from graphsvc.api.security import client_address
from graphsvc.api.survey_schemas import PageSaved, Submitted
from graphsvc.errors import NotFoundError
from graphsvc.surveys import Surveys
from graphsvc.surveys.tokens import (
    FAILED_LIMIT,
    TOKEN_LIMIT,
    WINDOW_SECONDS,
    RateLimiter,
    token_hash,
)

router = APIRouter(prefix="/s", tags=["survey answers"])

Token = Annotated[str, PathParam(min_length=1, max_length=100, description="The link's token.")]
Page = Annotated[str, PathParam(pattern=r"^(partners|ratings|outcomes)$")]
RESPONDENT_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
}


def _limiters(state: ApiState) -> tuple[RateLimiter, RateLimiter]:
    found = state.extra.get("survey_limiters")
    if not isinstance(found, tuple):
        found = state.extra["survey_limiters"] = (
            RateLimiter(TOKEN_LIMIT, WINDOW_SECONDS, "requests with this survey link"),
            RateLimiter(FAILED_LIMIT, WINDOW_SECONDS, "unknown survey links from your address"),
        )
    return found


async def respondent(token: Token, request: Request, state: StateDep) -> dict[str, Any]:
    """The live invitation of the path's token, after the rate limits (429): used by every
    respondent route, the answer page's included."""
    per_token, per_address = _limiters(state)
    address = client_address(request)
    per_address.check(address)
    per_token.hit(token_hash(token))
    try:
        invitation: dict[str, Any] = await run_in_threadpool(
            Surveys(state.graphsvc).resolve_token, token
        )
    except NotFoundError:
        per_address.add(address)
        raise
    return invitation


Respondent = Annotated[dict[str, Any], Depends(respondent)]


@router.get("/{token}/form", summary="The survey, the roster and my saved answers")
def form(token: Token, invitation: Respondent, state: StateDep) -> dict[str, Any]:
    """Both languages' texts, the organisations that may be named (not the respondent),
    the respondent's own answers so far, the pages saved and whether submitted."""
    return Surveys(state.graphsvc).form(token)


@router.put("/{token}/pages/{page}", summary="Save one page of answers")
def save_page(
    token: Token,
    page: Page,
    body: dict[str, Any] | list[Any],
    invitation: Respondent,
    state: StateDep,
    lang: Annotated[str, Query(pattern=r"^(da|en)$")] = "da",
) -> PageSaved:
    """``partners``, ``ratings`` or ``outcomes``; the body is ``{"<page>": …}``. All or
    nothing: a refused page (422 naming the field, e.g. ``partners[2].actor_id``) changes
    nothing. 409 after submitting; 410 when the survey or the link is closed."""
    saved = Surveys(state.graphsvc).save_page(token, page, body, lang=lang)
    return PageSaved.model_validate(saved)


@router.post("/{token}/submit", summary="Submit my answers (once)")
def submit(token: Token, invitation: Respondent, state: StateDep) -> Submitted:
    return Submitted.model_validate(Surveys(state.graphsvc).submit(token))


class RespondentHeaders:
    """``no-store`` and ``no-referrer`` on every answer under ``/s/`` (errors included).

    Added outside :class:`~graphsvc.api.webguard.SecurityHeaders`, so it has the last word
    on ``Referrer-Policy``.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not str(scope.get("path", "")).startswith("/s/"):
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in RESPONDENT_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, sending)
