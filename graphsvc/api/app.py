"""The FastAPI application: ``create_app(settings)`` wires routers, auth and error handlers."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graphsvc import __version__
from graphsvc.api import accesslog, errors
from graphsvc.api.assets import install_assets
from graphsvc.api.deps import StateDep, open_state
from graphsvc.api.routers import (
    actors,
    agreements,
    analyses,
    audit,
    collaborations,
    exports,
    gdpr,
    import_page,
    imports,
    keys,
    maps,
    participations,
    projects,
    queries,
    reports,
    session,
    survey_answers,
    survey_mail,
    survey_pages,
    surveys,
    workshop_pages,
    workshops,
)
from graphsvc.api.schemas import ERROR_RESPONSES, Health
from graphsvc.api.webguard import HostAndOriginGuard, SecurityHeaders, install_docs
from graphsvc.settings import ApiSettings, Settings, get_api_settings, get_settings
from graphsvc.surveys import Surveys

log = logging.getLogger(__name__)

DESCRIPTION = """\
Partnership maps for co-creation (*samskabelse*) in the welfare sector: actors, projects,
participations and collaborations; imports and exports; bridging, local anchoring, what-if,
introductions and partner suggestions; interactive maps; printable reports (PDF, HTML);
named read-only queries.

Send an API key as `Authorization: Bearer KEY` (`graphsvc keys create --role viewer`).
Browsers sign in with `POST /session` (a session cookie) and send the session's CSRF
token (`GET /session`) as `X-CSRF-Token` with every write. Only this site may write:
a write whose `Origin` is another site is refused (403).
Roles: **viewer** reads (persons who did not consent are pseudonymised), **editor** also
writes and imports, **admin** also deletes, manages keys and exports personal data.
Every error has the shape `{status, code, message, details: [{file, row, column, field,
message}]}`.
"""


class UploadLimit:
    """Answers 413 for request bodies larger than ``max_bytes`` (declared or streamed)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._too_large(send)
            return
        seen = 0

        async def counting() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise StarletteHTTPException(413, self._message())
            return message

        await self.app(scope, counting, send)

    def _message(self) -> str:
        return f"the request is larger than the limit of {self.max_bytes:,} bytes"

    async def _too_large(self, send: Send) -> None:
        body = json.dumps(errors.error_body(413, "payload_too_large", self._message())).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def create_app(
    settings: Settings | None = None,
    *,
    api_settings: ApiSettings | None = None,
    **api_overrides: Any,
) -> FastAPI:
    """The API over the configured store (opened now; the embedded server is started).

    ``api_overrides`` (e.g. ``demo=True``, ``max_upload_bytes=…``) go to :class:`ApiSettings`.
    """
    settings = settings or get_settings()
    api = api_settings or get_api_settings(**api_overrides)
    state = open_state(settings, api)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # answers past their survey's keep_answers_until go when the service starts
        purged = Surveys(state.graphsvc).purge_expired()
        if purged:
            log.info("deleted %d expired survey records (answers, contacts, reviews)", purged)
        yield
        maps.stop_warming(state)  # no drawing ahead once the store closes
        reports.close_printer(state)  # the Chromium kept for reports
        state.graphsvc.close()

    app = FastAPI(
        title="graphsvc",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served from installed files by install_docs: no CDN
        redoc_url=None,
        responses={k: v for k, v in ERROR_RESPONSES.items() if k in (401, 403, 422, 429, 503)},
    )
    app.state.graphsvc = state
    accesslog.install()
    errors.install(app)
    app.add_middleware(UploadLimit, max_bytes=api.max_upload_bytes)
    app.add_middleware(HostAndOriginGuard, allowed_hosts=api.allowed_hosts, demo=api.demo)
    app.add_middleware(SecurityHeaders)  # refusals get the headers too
    app.add_middleware(survey_answers.RespondentHeaders)  # outermost: the last word on /s/
    install_docs(app)
    install_assets(app)
    for module in (
        actors, projects, participations, collaborations, agreements,
        imports, exports, analyses, maps, reports, queries, keys,
        workshops, workshop_pages, survey_pages, session, import_page,
        audit, gdpr, surveys, survey_answers, survey_mail,
    ):  # fmt: skip
        app.include_router(
            module.router,
            responses={k: v for k, v in ERROR_RESPONSES.items() if k in (400, 404, 409, 413)},
        )

    @app.get("/health", tags=["health"], summary="Is the API up, and the database?")
    def health(state: StateDep) -> Health:
        """No key needed. 503 when the database is not reachable."""
        _epoch, version = state.graphsvc.graph_version()
        return Health(
            status="ok", backend=state.graphsvc.store.backend, graph_version=version,
            demo=state.api.demo,
        )  # fmt: skip

    return app
