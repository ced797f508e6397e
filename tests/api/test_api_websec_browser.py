"""Web security in a real Chromium (Debian's, through playwright): the API docs work
offline, the pages run under their Content-Security-Policy, and the issue's cross-origin
attacks fail when a browser makes them.

Every page aborts and records requests to any host but the app (``pagewatch.watch``);
a CSP violation shows as a console error, so "no console errors" also means the policy
blocked nothing the page needs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from graphsvc.api import create_app
from graphsvc.core import Graphsvc
from graphsvc.settings import Settings
from tests.api.apihelpers import MINI, Keys, ServerThread, sign_in
from tests.pagewatch import WatchedPage, close_pages, wait_for, watch

pytestmark = pytest.mark.browser

NEW_ACTOR_CSV = (MINI / "actors.csv").read_text("utf-8").splitlines()[0] + (
    "\nangriber-forening,Angriber Forening,association,civil_society,local,DK-410,,,,false,,"
    "false,,test:websec,,documented\n"
)
# What the report's page did: a multipart form posted with mode 'no-cors'.
ATTACK = """async ([target, csv]) => {
    const form = new FormData();
    form.append('files', new Blob([csv], {type: 'text/csv'}), 'actors.csv');
    try {
        await fetch(target + '/imports', {method: 'POST', mode: 'no-cors',
                                          credentials: 'include', body: form});
        return 'answered';
    } catch (e) {
        // Cross-Origin-Resource-Policy keeps the answer from the page: the request went
        return String(e).includes('Failed to fetch') ? 'answered' : 'failed: ' + e;
    }
}"""


@dataclass
class Opened(WatchedPage):
    requests: list[str] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)


@pytest.fixture
def open_page(
    browser: Any, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[..., Opened]]:
    """``open_page(url, allow=(origins), cookie=None)``: a fresh context, every request
    recorded, those to other hosts than ``allow`` aborted; ``cookie`` (name, value) is
    set for the first origin."""
    opened: list[tuple[Any, Any]] = []

    def _open(url: str, *, allow: tuple[str, ...], cookie: tuple[str, str] | None = None) -> Opened:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        if cookie is not None:
            context.add_cookies([{"name": cookie[0], "value": cookie[1], "url": allow[0]}])
        page = context.new_page()
        result = Opened(page)
        opened.append((page, context))
        watch(context, page, result, tuple(a.rstrip("/") + "/" for a in allow))
        page.on("request", lambda r: result.requests.append(r.url))
        page.on("response", lambda r: result.statuses.__setitem__(r.url, r.status))
        page.goto(url, wait_until="load")
        return result

    yield _open
    close_pages(request, tmp_path, opened)


def test_swagger_ui_renders_offline(
    open_page: Callable[..., Opened], client: httpx.Client, keys: Keys
) -> None:
    base = str(client.base_url)
    opened = open_page(base + "/docs", allow=(base,))
    # a spec of some 80 operations: Swagger UI needs a while on a loaded machine
    opened.page.wait_for_selector(".opblock", timeout=120_000)
    operations = opened.page.locator(".opblock").count()
    paths = len(client.get("/openapi.json").json()["paths"])
    assert operations >= paths >= 30
    assert opened.page.locator("text=/session").count() > 0
    assert all(url.startswith(base + "/") for url in opened.requests), opened.requests
    assert base + "/openapi.json" in opened.requests
    opened.assert_clean()


def test_redoc_renders_offline(
    open_page: Callable[..., Opened], client: httpx.Client, keys: Keys
) -> None:
    """ReDoc renders from the installed file. Its sidebar always tries Redocly's logo from
    their CDN: the policy blocks it before any request leaves (the watcher, which sees
    every request that reaches the network, saw none), and says so on the console."""
    base = str(client.base_url)
    opened = open_page(base + "/redoc", allow=(base,))
    wait_for(opened.page, "document.body.innerText.includes('Sign a browser in')", timeout=120_000)
    assert opened.page.locator("text=API docs by Redocly").count() == 1
    assert opened.blocked == [] and opened.page_errors == []
    logo = "https://cdn.redoc.ly/redoc/logo-mini.svg"
    assert all("Content Security Policy" in e and logo in e for e in opened.console_errors), (
        opened.console_errors
    )
    assert [u for u in opened.requests if not u.startswith((base + "/", "blob:"))] in ([], [logo])


# The iframe shows the map of its current src, drawn (as in tests/maps/test_browser_page.py).
MAP_READY = """(path) => {
    const el = document.getElementById('map-frame');
    try {
        const w = el.contentWindow;
        return w.location.pathname === path && !!w.graphsvcMap && w.graphsvcMap.ready === true;
    } catch (e) { return false; }
}"""


def test_the_map_browser_runs_under_its_policy(
    open_page: Callable[..., Opened], client: httpx.Client, keys: Keys, core: Graphsvc
) -> None:
    """The browser page (inline script) frames a map (vis-network and the map's script
    inline): both run, the frame is allowed, nothing is blocked."""
    base = str(client.base_url)
    session, _csrf = sign_in(base, keys.viewer)
    opened = open_page(base + "/?lang=da", allow=(base,), cookie=("graphsvc_session", session))
    wait_for(opened.page, MAP_READY, "/maps/network", timeout=60_000)
    frame = next(f for f in opened.page.frames if f.url.startswith(base + "/maps/network"))
    assert frame.evaluate("window.graphsvcMap.ready") is True
    assert frame.evaluate("document.querySelectorAll('canvas').length") >= 1
    opened.assert_clean()


class AttackerSite:
    """A page on another port of 127.0.0.1: another origin, but the same site."""

    def __init__(self) -> None:
        page = b"<!doctype html><title>Gratis kaffe</title><p>Velkommen"

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> AttackerSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def attacker() -> Iterator[AttackerSite]:
    with AttackerSite() as site:
        yield site


def test_a_page_elsewhere_cannot_import_in_demo_mode(
    open_page: Callable[..., Opened], settings: Settings, core: Graphsvc, attacker: AttackerSite
) -> None:
    server = ServerThread(create_app(settings, demo=True)).start()
    try:
        page = open_page(attacker.url + "/", allow=(attacker.url, server.url))
        assert page.page.evaluate(ATTACK, [server.url, NEW_ACTOR_CSV]) == "answered"
        assert server.url + "/imports" in page.requests
        assert page.statuses.get(server.url + "/imports", 403) == 403
        with httpx.Client(base_url=server.url, timeout=30) as http:
            assert http.get("/actors/angriber-forening").status_code == 404
    finally:
        server.stop()


def test_a_page_on_another_port_cannot_ride_the_session(
    open_page: Callable[..., Opened], client: httpx.Client, keys: Keys, attacker: AttackerSite
) -> None:
    """SameSite does not tell ports apart: the browser sends the editor's session cookie
    to the app from the attacker's page; the origin check refuses the write."""
    base = str(client.base_url)
    session, _csrf = sign_in(base, keys.editor)
    # the cookie is the app's (127.0.0.1): the browser sends it from any port of that host
    page = open_page(
        attacker.url + "/", allow=(base, attacker.url), cookie=("graphsvc_session", session)
    )
    assert page.page.evaluate(ATTACK, [base, NEW_ACTOR_CSV]) == "answered"
    assert base + "/imports" in page.requests
    assert page.statuses.get(base + "/imports", 403) == 403
    assert (
        client.get("/actors/angriber-forening", headers=keys.headers("editor")).status_code == 404
    )
