"""Fixtures of the import page tests: the real app over HTTP and a real chromium.

The app runs in uvicorn in a thread over the session FalkorDB (``ServerThread`` of the
API tests), with keys required, so the page holds a session cookie ``graphsvc_session`` as
a browser does. The browser is Debian's chromium driven by playwright; every page
aborts and records requests to other hosts and records console and page errors; when a
test fails, each of its pages is photographed under pytest's tmp dir.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from graphsvc.api import create_app
from graphsvc.core import Graphsvc
from graphsvc.keys import create_key
from graphsvc.settings import Settings
from tests.api.apihelpers import ServerThread, sign_in
from tests.imports.importhelpers import Opened, Site
from tests.pagewatch import close_pages, watch


@pytest.fixture(scope="session")
def import_server(settings: Settings) -> Iterator[ServerThread]:
    running = ServerThread(create_app(settings)).start()
    yield running
    running.stop()


@pytest.fixture
def site(settings: Settings, import_server: ServerThread) -> Iterator[Site]:
    """An empty graph and two keys: an editor's and a viewer's."""
    with Graphsvc.open(settings) as graphsvc:
        graphsvc.reset()
        graphsvc.bump_version()
        editor = create_key(graphsvc.store, "editor", "import page test editor")[1]
        viewer = create_key(graphsvc.store, "viewer", "import page test viewer")[1]
    headers = {"Authorization": f"Bearer {editor}"}
    with httpx.Client(base_url=import_server.url, headers=headers, timeout=60) as http:
        yield Site(import_server.url, editor, viewer, http)


@pytest.fixture
def open_page(
    browser: Any, site: Site, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[..., Opened]]:
    """``open_page(key, path="/import", locale="en-GB")``: a fresh browser context signed
    in with ``key`` (``None``: not signed in), opened at ``path``."""
    opened: list[Opened] = []

    def _open(key: str | None, path: str = "/import", *, locale: str = "en-GB") -> Opened:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=locale)
        if key is not None:
            session, _csrf = sign_in(site.base, key)
            context.add_cookies([{"name": "graphsvc_session", "value": session, "url": site.base}])
        page = context.new_page()
        result = Opened(page, context=context)
        opened.append(result)
        watch(context, page, result, (site.base + "/",))
        page.goto(site.base + path)
        return result

    yield _open
    close_pages(request, tmp_path, [(r.page, r.context) for r in opened])
