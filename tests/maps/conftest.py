"""Fixtures of the map tests: networks, and a real headless Debian chromium.

The browser (the session fixture ``browser`` of tests/conftest.py) is ``/usr/bin/chromium``
driven by playwright (never ``playwright install``), started once per session with the
flags of ``graphsvc.maps.png.CHROMIUM_FLAGS``; playwright gives every launch a fresh
temporary user-data directory.
Every page aborts requests that are not ``file:``/``data:``/``blob:``/``about:`` and
records them, and records console errors and page errors, so tests can assert that a map
is silent and offline. When a test fails,
a screenshot of its page is written under pytest's tmp dir and its path printed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest

from tests.maps.map_synthetic import hand_made, hand_made_measures, synthetic
from tests.maps.seed_server import seed_network
from tests.pagewatch import WatchedPage, close_pages, watch


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
class MapPage(WatchedPage):
    """An opened map and what it did."""

    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self, allow_console: tuple[str, ...] = ()) -> None:
        super().assert_clean(allow_console)
        assert self.dialogs == [], f"the page opened dialogs: {self.dialogs}"


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
        watch(page, page, result, tuple(a.rstrip("/") + "/" for a in allow))
        page.goto(url, wait_until="load")
        return result

    yield _open
    close_pages(request, tmp_path, [(r.page, context) for r, context in opened])


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
        watch(page, page, result)
        page.goto(path.as_uri())
        page.wait_for_function(
            "window.graphsvcMap && window.graphsvcMap.ready === true", timeout=60_000
        )
        return result

    yield _open
    close_pages(request, tmp_path, [(r.page, context) for r, context in opened])


@pytest.fixture(scope="session")
def seed_net() -> nx.MultiDiGraph:
    """The seed network (``seed/*.csv``) with proposed ties, as the maps draw it."""
    return seed_network()
