"""Fixtures of the workshop page tests: the real app over HTTP and a real chromium.

The app runs in uvicorn in a thread over the session FalkorDB (``ServerThread`` of the
API tests), with keys required (no demo mode), so the pages hold a session cookie
``graphsvc_session`` as a signed-in browser does. The browser is Debian's
``/usr/bin/chromium`` driven by playwright (never ``playwright install``). Every page
aborts and records requests to other hosts, and records console errors and page errors;
when a test fails, each of its pages is photographed under pytest's tmp dir.
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
from tests.api.apihelpers import MINI, ServerThread, sign_in
from tests.pagewatch import close_pages, watch
from tests.workshop.workshophelpers import Opened, Workshop

# The project of tests/data/mini with Middelfart Kommune, the volunteer centre and a person.
PROJECT = "frivillige-mentorer"


@pytest.fixture(scope="session")
def server(settings: Settings) -> Iterator[ServerThread]:
    app = create_app(settings)
    running = ServerThread(app).start()
    yield running
    running.stop()


@pytest.fixture
def workshop(settings: Settings, server: ServerThread) -> Iterator[Workshop]:
    """The mini data set, three keys, and a workshop started from its mentors project."""
    with Graphsvc.open(settings) as graphsvc:
        graphsvc.reset()
        graphsvc.import_paths([MINI])
        graphsvc.bump_version()
        keys = {
            name: create_key(graphsvc.store, role, f"workshop test {name}")[1]
            for name, role in (("a", "editor"), ("b", "editor"), ("viewer", "viewer"))
        }
    headers = {"Authorization": f"Bearer {keys['a']}"}
    with httpx.Client(base_url=server.url, headers=headers, timeout=30) as http:
        made = http.post(
            "/workshops",
            json={
                "name": "Mentorer i Middelfart",
                "purpose": "Hvem bærer netværket videre?",
                "municipality": "DK-410",
                "date": "2025-03-12",
                "start_from": "project",
                "start_id": PROJECT,
            },
        )
        assert made.status_code == 201, made.text
        yield Workshop(server.url, made.json()["id"], keys["a"], keys["b"], keys["viewer"], http)


@pytest.fixture
def open_page(
    browser: Any, workshop: Workshop, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[..., Opened]]:
    """``open_page(key, path=None, locale="en-GB", width=1280, height=800)``.

    A fresh context (its own cookies and storage: another participant) signed in with
    ``key`` (``None``: not signed in), opened at ``path`` (default: the workshop's page
    in English); every non-local request other than to the app is aborted and recorded.
    """
    opened: list[Opened] = []
    origin = workshop.base + "/"

    def _open(
        key: str | None,
        path: str | None = None,
        *,
        locale: str = "en-GB",
        width: int = 1280,
        height: int = 800,
        wait_ready: bool = True,
    ) -> Opened:
        context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
        if key is not None:
            session, _csrf = sign_in(workshop.base, key)
            context.add_cookies(
                [{"name": "graphsvc_session", "value": session, "url": workshop.base}]
            )
        page = context.new_page()
        result = Opened(page, context=context)
        opened.append(result)

        watch(context, page, result, (origin,))
        page.goto(workshop.base + (path or f"/workshop/{workshop.id}?lang=en"))
        if wait_ready:
            result.wait_ready()
        return result

    yield _open
    close_pages(request, tmp_path, [(r.page, r.context) for r in opened])
