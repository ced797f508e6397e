"""Fixtures of the map tests: networks, and a real headless Debian chromium.

The browser (the session fixture ``browser`` of tests/conftest.py) is ``/usr/bin/chromium``
driven by playwright (never ``playwright install``), started once per session with the
flags of FIELD-NOTES; playwright gives every launch a fresh temporary user-data directory.
Every page aborts requests that are not ``file:``/``data:``/``blob:``/``about:`` and
records them, and records console errors and page errors, so tests can assert that a map
is silent and offline. When a test fails,
a screenshot of its page is written under pytest's tmp dir and its path printed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from map_synthetic import hand_made, hand_made_measures, synthetic

from graphsvc.maps.png import is_local_url


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def small() -> nx.MultiDiGraph:
    return hand_made()


@pytest.fixture(scope="session")
def small_measures(small: nx.MultiDiGraph) -> pd.DataFrame:
    return hand_made_measures(small)


@pytest.fixture(scope="session")
def medium() -> nx.MultiDiGraph:
    """About 500 actors (and 62 projects) over the 98 municipalities."""
    return synthetic(500, seed=11)


@dataclass
class MapPage:
    """An opened map and what it did."""

    page: Any
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def assert_clean(self) -> None:
        assert self.blocked == [], f"requests to other hosts: {self.blocked}"
        assert self.console_errors == [], self.console_errors
        assert self.page_errors == [], self.page_errors
        assert self.dialogs == [], f"the page opened dialogs: {self.dialogs}"


def _watch(page: Any, result: MapPage, allow: tuple[str, ...] = ()) -> None:
    """Record console errors, page errors and dialogs; abort and record outside requests.

    ``allow``: URL prefixes that count as local too (a test's own 127.0.0.1 server).
    """

    def handle(route: Any) -> None:
        url = route.request.url
        if is_local_url(url) or url.startswith(allow):
            route.continue_()
        else:
            result.blocked.append(url)
            route.abort()

    page.route("**/*", handle)
    page.on(
        "console", lambda m: result.console_errors.append(m.text) if m.type == "error" else None
    )
    page.on("pageerror", lambda e: result.page_errors.append(str(e)))

    def on_dialog(dialog: Any) -> None:
        result.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)


def _screenshots(
    request: pytest.FixtureRequest, tmp_path: Path, opened: list[tuple[MapPage, Any]]
) -> None:
    report = getattr(request.node, "rep_call", None)
    failed = report is not None and report.failed
    for i, (result, context) in enumerate(opened):
        if failed:
            shot = tmp_path / f"failure-{request.node.name}-{i}.png"
            try:
                result.page.screenshot(path=str(shot))
                print(f"screenshot of the failing page: {shot}")
            except Exception as exc:  # noqa: BLE001 - report, never mask the failure
                print(f"no screenshot: {exc}")
        context.close()


@pytest.fixture
def open_url(
    browser: Any, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[..., MapPage]]:
    """``open_url(url, allow=(origin,), width=1400, height=900)``: a page of a local server.

    Requests to ``allow`` prefixes go through; any other non-local request is aborted and
    recorded in ``blocked``.
    """
    opened: list[tuple[MapPage, Any]] = []

    def _open(url: str, *, allow: tuple[str, ...], width: int = 1400, height: int = 900) -> MapPage:
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        result = MapPage(page)
        opened.append((result, context))
        _watch(page, result, tuple(a.rstrip("/") + "/" for a in allow))
        page.goto(url, wait_until="load")
        return result

    yield _open
    _screenshots(request, tmp_path, opened)


@pytest.fixture
def open_map(
    browser: Any, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[..., MapPage]]:
    """``open_map(html, width=1280, height=800)``: the map, drawn, in a fresh context."""
    opened: list[tuple[MapPage, Any]] = []

    def _open(html: str, width: int = 1280, height: int = 800) -> MapPage:
        path = tmp_path / f"map{len(opened)}.html"
        path.write_text(html, encoding="utf-8")
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        result = MapPage(page)
        opened.append((result, context))
        _watch(page, result)
        page.goto(path.as_uri())
        page.wait_for_function(
            "window.graphsvcMap && window.graphsvcMap.ready === true", timeout=60_000
        )
        return result

    yield _open
    _screenshots(request, tmp_path, opened)


@pytest.fixture(scope="session")
def seed_net() -> nx.MultiDiGraph:
    """The seed network (``seed/*.csv``) with proposed ties, as the maps draw it."""
    from seed_server import seed_network

    return seed_network()
