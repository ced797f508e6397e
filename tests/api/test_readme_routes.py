"""Every route of the API is documented in README.md as ``METHOD /path``."""

from __future__ import annotations

from pathlib import Path

from tests.api.server import ServerThread

README = Path(__file__).parents[2] / "README.md"


def test_every_route_is_in_the_readme(api_server: ServerThread) -> None:
    text = README.read_text("utf-8")
    routes = [
        f"{method.upper()} {path}"
        for path, operations in api_server.app.openapi()["paths"].items()
        for method in operations
    ]
    assert len(routes) >= 30
    missing = [route for route in routes if route not in text]
    assert not missing, "routes not documented in README.md:\n" + "\n".join(missing)
