"""What guards the app in a browser: allowed hosts, same-origin writes, security headers,
and the API docs served from installed files.

**Hosts.** A request whose ``Host`` is not one the app answers to gets 400, so a page
on another name that resolves to this machine (DNS rebinding) cannot talk to it. The
app answers to the address the connection came in on (``127.0.0.1:8000``; ``localhost``
and every loopback address when that is loopback) and to the names in the setting
``allowed_hosts`` (``GRAPHSVC_ALLOWED_HOSTS``: the public name behind a proxy).

**Writes.** Only the app's own origin may write: a ``POST``, ``PUT``, ``PATCH`` or
``DELETE`` whose ``Origin`` (else ``Referer``) names another origin, or that a browser
marks ``Sec-Fetch-Site: cross-site`` or ``same-site`` (another port of the same host),
gets 403, in demo mode too. A write with neither header is allowed with an
``Authorization`` header (a script or ``curl``), but not with the session cookie nor in
demo mode: browsers always send ``Origin`` with a write, and a page on another origin
cannot add ``Authorization`` (no CORS here).

**Headers.** Every answer carries ``Content-Security-Policy``, ``X-Frame-Options``,
``X-Content-Type-Options: nosniff``, ``Referrer-Policy: same-origin``,
``Cross-Origin-Opener-Policy`` and ``Cross-Origin-Resource-Policy``. JSON and files get
``default-src 'none'``. HTML pages (which inline their scripts, styles and vis-network)
get a policy that allows exactly their own inline scripts, by SHA-256 hash computed from
the page as it is sent, styles inline (vis-network sets them), images from the page or
``data:``, and connections, frames and forms to the app itself only. Maps
(``/maps/…``) may be framed by the app's own pages (the map browser shows them in a
frame); nothing else may be framed.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graphsvc.api import errors
from graphsvc.api.security import COOKIE

STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
DOCS_ASSETS = "/docs/assets"
_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
_NOT_EXECUTED = re.compile(rb"""\b(src\s*=|type\s*=\s*["']?application/(ld\+)?json)""", re.I)

COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
DATA_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


def split_host(value: str) -> tuple[str, int | None]:
    """``("name", port)`` of a ``Host`` header (``[::1]:8000`` style for IPv6)."""
    value = value.strip().lower()
    if value.startswith("["):
        name, _, rest = value[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    elif value.count(":") == 1:
        name, _, port = value.partition(":")
    else:
        name, port = value, ""
    return name.rstrip("."), int(port) if port.isdigit() else None


def _is_loopback(name: str) -> bool:
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def host_allowed(host: str, server: tuple[str, int | None] | None, allowed: list[str]) -> bool:
    """Whether the app answers to ``host`` when the connection came in on ``server``."""
    name, port = split_host(host)
    for entry in allowed:
        entry_name, entry_port = split_host(entry)
        if entry_name == name and entry_port in (None, port):
            return True
    if server is None or server[1] is None:
        return False
    server_name, server_port = split_host(str(server[0]))[0], server[1]
    if port is None:
        port = 80  # a browser leaves out only the default port
    if port != server_port:
        return False
    return name == server_name or (_is_loopback(server_name) and _is_loopback(name))


def same_origin(origin: str, host: str) -> bool:
    """Whether ``origin`` (``scheme://name[:port]``) is the origin of the ``Host`` asked."""
    try:
        parsed = urlsplit(origin.strip())
        origin_port = parsed.port
    except ValueError:
        return False
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        return False
    origin_port = origin_port or _DEFAULT_PORTS[parsed.scheme]
    name, port = split_host(host)
    if parsed.hostname.lower().rstrip(".") != name:
        return False
    # Without a port the Host is the default one of whatever scheme the client used (a
    # proxy ending TLS forwards https as http): the origin must use its default port too.
    return origin_port == (port or _DEFAULT_PORTS[parsed.scheme])


def write_refusal(headers: dict[str, str], *, demo: bool) -> str | None:
    """Why a state-changing request with these (lower-case) headers is refused, or None.

    Without ``Origin`` and ``Referer`` a write passes with a key in ``Authorization``, and
    outside demo mode also without any credential (it then gets 401); a session cookie or
    demo mode (where no credential is needed) must say where the write comes from."""
    host = headers.get("host", "")
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site in ("cross-site", "same-site"):
        return f"a write from another site ({fetch_site}) is refused"
    origin = headers.get("origin")
    if origin is not None:
        if not same_origin(origin, host):
            return f"a write from the origin {origin[:100]!r} is refused: only this site may write"
        return None
    referer = headers.get("referer")
    if referer is not None:
        if not same_origin(referer, host):
            return "a write from another site (by its Referer) is refused"
        return None
    if "authorization" in headers:
        return None
    if not demo and COOKIE not in cookie_parser(headers.get("cookie", "")):
        return None
    return (
        "a write without an Origin header needs 'Authorization: Bearer KEY' "
        "(browsers send Origin; other clients send their key)"
    )


class HostAndOriginGuard:
    """400 for a ``Host`` the app does not answer to, 403 for a write from elsewhere."""

    def __init__(self, app: ASGIApp, allowed_hosts: list[str], demo: bool) -> None:
        self.app = app
        self.allowed_hosts = [h.lower() for h in allowed_hosts]
        self.demo = demo

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host")
        if host is not None and not host_allowed(host, scope.get("server"), self.allowed_hosts):
            await _refuse(
                send,
                400,
                "bad_request",
                f"this service does not answer to the host {host[:100]!r} "
                "(add it to the setting GRAPHSVC_ALLOWED_HOSTS)",
            )
            return
        if scope["method"] in STATE_CHANGING:
            reason = write_refusal(headers, demo=self.demo)
            if reason is not None:
                await _refuse(send, 403, "forbidden", reason)
                return
        await self.app(scope, receive, send)


async def _refuse(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps(errors.error_body(status, code, message)).encode()
    start: Message = {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ],
    }
    _set_headers(MutableHeaders(scope=start), DATA_CSP, framable=False)
    await send(start)
    await send({"type": "http.response.body", "body": body})


def script_hashes(page: bytes) -> list[str]:
    """CSP sources (``'sha256-…'``) of the inline scripts a page runs.

    Found with ``find`` on a lower-case copy, not a regular expression: a map inlines
    half a megabyte of vis-network, which a lazy ``.*?`` crawls through slowly.
    """
    lower = page.lower()
    found = set()
    at = lower.find(b"<script")
    while at >= 0:
        opened = lower.find(b">", at)
        closed = lower.find(b"</script", opened)
        if opened < 0 or closed < 0:
            break
        if not _NOT_EXECUTED.search(page[at + 7 : opened]):
            # The browser hashes the text after the parser made every newline \n.
            text = page[opened + 1 : closed]
            if b"\r" in text:
                text = text.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            found.add(f"'sha256-{base64.b64encode(hashlib.sha256(text).digest()).decode()}'")
        at = lower.find(b"<script", closed + 8)
    return sorted(found)


def page_csp(page: bytes, *, framable: bool) -> str:
    """The policy of an HTML page: its own inline scripts, nothing from other hosts."""
    scripts = " ".join(["'self'", *script_hashes(page)])
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "frame-src 'self'",
            "worker-src 'self' blob:",
            "manifest-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors " + ("'self'" if framable else "'none'"),
        ]
    )


def _set_headers(headers: MutableHeaders, csp: str, *, framable: bool) -> None:
    for name, value in COMMON_HEADERS.items():
        headers.setdefault(name, value)
    headers["X-Frame-Options"] = "SAMEORIGIN" if framable else "DENY"
    headers["Content-Security-Policy"] = csp


class SecurityHeaders:
    """Adds the security headers to every answer (see the module doc).

    An HTML answer is held until its body is complete, to hash its inline scripts;
    everything else (JSON, files, event streams) passes through as it comes.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        framable = str(scope.get("path", "")).startswith("/maps/")
        held: Message | None = None
        chunks: list[bytes] = []

        async def sending(message: Message) -> None:
            nonlocal held
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/html"):
                    held = message
                    return
                _set_headers(headers, DATA_CSP, framable=False)
            elif held is not None and message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                page = b"".join(chunks)
                _set_headers(
                    MutableHeaders(scope=held), page_csp(page, framable=framable),
                    framable=framable,
                )  # fmt: skip
                start, held = held, None
                await send(start)
                message = {"type": "http.response.body", "body": page}
            await send(message)

        await self.app(scope, receive, sending)


def _docs_assets() -> Path:
    """Swagger UI and ReDoc as shipped by the ``fastapi-offline`` package."""
    return Path(fastapi_offline.__file__).parent / "static"


def install_docs(app: FastAPI) -> None:
    """``/docs`` (Swagger UI) and ``/redoc`` from installed files: they work offline and
    load nothing from another host (FastAPI's own pages load them from a CDN)."""
    app.mount(DOCS_ASSETS, StaticFiles(directory=_docs_assets()), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"

    def root(request: Request) -> Any:
        return request.scope.get("root_path", "")

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        base = root(request)
        return get_swagger_ui_html(
            openapi_url=f"{base}{openapi_url}",
            title=f"{app.title} – API docs",
            swagger_js_url=f"{base}{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{base}{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{base}{DOCS_ASSETS}/favicon.png",
            swagger_ui_parameters={"validatorUrl": None, **(app.swagger_ui_parameters or {})},
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        base = root(request)
        return get_redoc_html(
            openapi_url=f"{base}{openapi_url}",
            title=f"{app.title} – API reference",
            redoc_js_url=f"{base}{DOCS_ASSETS}/redoc.standalone.js",
            redoc_favicon_url=f"{base}{DOCS_ASSETS}/favicon.png",
            with_google_fonts=False,
        )
