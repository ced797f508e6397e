"""``/assets/…``: the page scripts of ``visualisations/``, which the served pages load.

The pages' scripts are ES modules: a page loads its entry with
``<script type="module" src="/assets/workshop.js">`` and the browser fetches what that
imports from the same place. Only ``.js`` files are served (the page templates and styles
are rendered into the pages), as ``text/javascript`` whatever the machine's MIME table
says (a module with another type is refused under ``nosniff``), with ``no-cache``: the
browser asks again each time and gets ``304 Not Modified`` until the files change, so a
page never runs modules of two versions. The page's Content-Security-Policy allows
scripts from ``'self'`` (:mod:`graphsvc.api.webguard`).

``/favicon.ico`` and ``/favicon.svg`` serve the icon (an SVG) to whatever asks for it at the
conventional place; the pages themselves link it inline
(:func:`graphsvc.maps.html.favicon_url`).
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import Scope

from graphsvc.maps.html import _asset, _visualisations_dir

ASSETS = "/assets"
JAVASCRIPT = "text/javascript; charset=utf-8"
SVG = "image/svg+xml"


class PageScripts(StaticFiles):
    """The ``.js`` files of a folder (and its subfolders), nothing else."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        if not path.endswith(".js"):
            raise HTTPException(status_code=404)
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            response.headers["Content-Type"] = JAVASCRIPT
        response.headers["Cache-Control"] = "no-cache"
        return response


def favicon() -> Response:
    """The icon, ``visualisations/favicon.svg``."""
    return Response(
        _asset("favicon.svg"), media_type=SVG, headers={"Cache-Control": "max-age=86400"}
    )


def install_assets(app: FastAPI) -> None:
    """Serve ``visualisations/*.js`` under ``/assets``, and the favicon."""
    app.mount(ASSETS, PageScripts(directory=_visualisations_dir()), name="assets")
    for path in ("/favicon.ico", "/favicon.svg"):
        app.add_api_route(path, favicon, methods=["GET"], summary="The icon (SVG)", tags=["pages"])
