"""The workshop pages (HTML): ``/workshop`` (list and create), ``/workshop/{id}``, ``/login``.

A browser without a valid key is sent to ``/login`` (a form that posts the key to
``/session``), and comes back. Without ``lang`` a page speaks Danish when the browser
prefers Danish (``Accept-Language``), else English; the page can switch at any time.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from graphsvc.api.deps import StateDep
from graphsvc.api.routers.workshops import WorkshopId
from graphsvc.api.security import Principal, current_user
from graphsvc.errors import UnauthorizedError
from graphsvc.filters import Language
from graphsvc.workshop import Workshops
from graphsvc.workshop.page import render_login_page, render_workshop_page

router = APIRouter(tags=["workshop pages"])
Lang = Annotated[Language | None, Query(description="da or en; default: the browser's.")]
HTML_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"description": "An HTML page.", "content": {"text/html": {}}}
}


def page_lang(request: Request, lang: str | None) -> str:
    """``lang`` if given, else ``da`` when the browser's first language is Danish."""
    if lang in ("da", "en"):
        return lang
    header = request.headers.get("accept-language", "")
    first = header.split(",")[0].split(";")[0].strip().lower()
    return "da" if first.startswith("da") else "en"


async def _user_or_none(request: Request, state: StateDep) -> Principal | None:
    try:
        return await current_user(request, state)
    except UnauthorizedError:
        return None


def _to_login(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


@router.get(
    "/workshop",
    summary="Workshops: list and create",
    response_class=HTMLResponse,
    responses=HTML_RESPONSE,
)
async def workshops_page(request: Request, state: StateDep, lang: Lang = None) -> Response:
    user = await _user_or_none(request, state)
    if user is None:
        return _to_login(request)
    return HTMLResponse(
        render_workshop_page(
            lang=page_lang(request, lang), workshop_id=None, role=user.role.value, demo=user.demo
        )
    )


@router.get(
    "/workshop/{workshop_id}",
    summary="A workshop's page",
    response_class=HTMLResponse,
    responses=HTML_RESPONSE,
)
async def workshop_page(
    workshop_id: WorkshopId, request: Request, state: StateDep, lang: Lang = None
) -> Response:
    """The map, the stakeholder grid, analyses, snapshots and exports, live for everyone
    on the page; editors edit, viewers watch."""
    user = await _user_or_none(request, state)
    if user is None:
        return _to_login(request)
    await run_in_threadpool(Workshops(state.graphsvc).get, workshop_id)  # 404 when unknown
    return HTMLResponse(
        render_workshop_page(
            lang=page_lang(request, lang),
            workshop_id=workshop_id,
            role=user.role.value,
            demo=user.demo,
        )
    )


@router.get(
    "/login",
    summary="Sign in with an API key",
    response_class=HTMLResponse,
    responses=HTML_RESPONSE,
)
def login_page(
    request: Request,
    lang: Lang = None,
    next: Annotated[str, Query(max_length=500, description="Where to go after.")] = "/workshop",
) -> HTMLResponse:
    return HTMLResponse(render_login_page(lang=page_lang(request, lang), next_url=next))
