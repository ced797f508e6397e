"""A tiny local HTTP server for the browser tests (no FalkorDB, no FastAPI).

``/`` serves :func:`graphsvc.maps.render_browser` (``?lang=``), ``/assets/<name>.js`` its
page scripts (as the app does, :mod:`graphsvc.api.assets`), and ``/maps/<lens>``
serves :func:`graphsvc.maps.render_map` of the seed network (``seed/*.csv``, proposed
ties included), the way ``Graphsvc.map_html`` builds it: bridging measures as of the
date, ``apply_scenario`` for whatif. It listens on 127.0.0.1 on a free port, in a
thread; every request is recorded in ``requests``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import networkx as nx
import pandas as pd

from graphsvc.analysis.bridging import bridging_roles
from graphsvc.analysis.snapshot import actor_graph, build_network
from graphsvc.analysis.whatif import Scenario, apply_scenario
from graphsvc.api.assets import ASSETS
from graphsvc.io.reading import read_tables
from graphsvc.maps import LENSES, render_browser, render_map
from graphsvc.maps.browser import browser_choices
from graphsvc.maps.html import _visualisations_dir

SEED = Path(__file__).resolve().parents[2] / "seed"


@cache
def seed_tables() -> Any:
    return read_tables(SEED)


def seed_network() -> nx.MultiDiGraph:
    """The seed network with proposed ties (a fresh copy)."""
    return build_network(seed_tables(), include_proposed=True)


@cache
def seed_measures(as_of: str | None) -> pd.DataFrame:
    return bridging_roles(
        actor_graph(build_network(seed_tables(), as_of=as_of)), seed=0, permutations=50
    ).actors


def seed_map(
    lens: str,
    *,
    focus: str | None = None,
    lang: str = "en",
    as_of: str | None = None,
    remove: tuple[str, ...] = (),
    size_by: str = "betweenness",
    radius: int = 2,
) -> str:
    """A map of the seed data as ``Graphsvc.map_html`` makes it."""
    if lens not in LENSES:
        raise KeyError(lens)
    network = seed_network()
    removed = None
    if lens == "whatif":
        network, _after, removed = apply_scenario(network, Scenario(remove_actors=remove))
    return render_map(
        network,
        lens=lens,
        focus=focus,
        radius=radius,
        measures=seed_measures(as_of),
        lang=lang,
        as_of=as_of,
        size_by=size_by,
        removed=removed,
    )


class SeedServer:
    """The server; ``url`` is its base (``http://127.0.0.1:PORT``)."""

    def __init__(self, extra_actors: list[tuple[str, str]] | None = None) -> None:
        self.requests: list[str] = []
        self.extra_actors = list(extra_actors or [])
        handler = _handler(self)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)

    def page(self, lang: str) -> str:
        choices = browser_choices(seed_network())
        choices["actors"] = choices["actors"] + self.extra_actors
        return render_browser(lang=lang, maps_url="/maps", **choices)


def _handler(server: SeedServer) -> Callable[..., BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _send(self, status: int, body: str, kind: str = "text/html") -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the page navigated the iframe elsewhere before the map arrived

        def do_GET(self) -> None:
            server.requests.append(self.path)
            parts = urlsplit(self.path)
            q = parse_qs(parts.query)

            def one(key: str, default: str | None = None) -> str | None:
                return q.get(key, [default])[0]

            try:
                if parts.path == "/":
                    self._send(HTTPStatus.OK, server.page(one("lang", "da") or "da"))
                    return
                if parts.path.startswith(ASSETS + "/") and parts.path.endswith(".js"):
                    name = parts.path[len(ASSETS) + 1 :]
                    path = (_visualisations_dir() / name).resolve()
                    if path.is_relative_to(_visualisations_dir().resolve()) and path.is_file():
                        self._send(HTTPStatus.OK, path.read_text("utf-8"), "text/javascript")
                        return
                if parts.path.startswith("/maps/"):
                    lens = unquote(parts.path[len("/maps/") :])
                    html = seed_map(
                        lens,
                        focus=one("id"),
                        lang=one("lang", "en") or "en",
                        as_of=one("as_of"),
                        remove=tuple(q.get("remove", [])),
                        size_by=one("size_by", "betweenness") or "betweenness",
                        radius=int(one("radius", "2") or 2),
                    )
                    self._send(HTTPStatus.OK, html)
                    return
            except (KeyError, ValueError) as exc:
                self._send(HTTPStatus.BAD_REQUEST, f"bad request: {exc}", "text/plain")
                return
            self._send(HTTPStatus.NOT_FOUND, "not found", "text/plain")

    return Handler
