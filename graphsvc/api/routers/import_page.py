"""The import page (HTML): ``GET /import``, for editors and admins.

A browser without a valid key is sent to ``/login`` and comes back; a viewer gets 403
and a page without import controls that says why. Without ``lang`` the page speaks
Danish when the browser prefers Danish, else English; it can switch at any time. The
page itself calls ``POST /imports/preview`` and ``POST /imports``.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from graphsvc.api.deps import StateDep
from graphsvc.api.routers.workshop_pages import (
    HTML_RESPONSE,
    Lang,
    _to_login,
    _user_or_none,
    page_lang,
)
from graphsvc.imports.page import render_import_page
from graphsvc.keys import Role

router = APIRouter(tags=["import page"])


@router.get(
    "/import",
    summary="The import page",
    response_class=HTMLResponse,
    responses={**HTML_RESPONSE, 403: {"description": "The key may not import (a viewer's)."}},
)
async def import_page(request: Request, state: StateDep, lang: Lang = None) -> Response:
    """Drop a spreadsheet or a network file, check and fix how its columns map to actors,
    projects and ties, see every problem with its row and column, try the import, then
    import."""
    user = await _user_or_none(request, state)
    if user is None:
        return _to_login(request)
    can_import = user.at_least(Role.EDITOR)
    return HTMLResponse(
        render_import_page(lang=page_lang(request, lang), can_import=can_import, demo=user.demo),
        status_code=200 if can_import else 403,
    )
