"""Every route of the API is documented in README.md as ``METHOD /path``."""

from __future__ import annotations

import re
from pathlib import Path

from tests.api.apihelpers import ServerThread

README = Path(__file__).parents[2] / "README.md"


def test_every_route_is_in_the_readme(api_server: ServerThread) -> None:
    text = README.read_text("utf-8")
    routes = [
        f"{method.upper()} {path}"
        for path, operations in api_server.app.openapi()["paths"].items()
        for method in operations
    ]
    assert len(routes) >= 30
    # "GET /" must not be satisfied by "GET /actors": the path ends at a non-path character
    missing = [r for r in routes if not re.search(re.escape(r) + r"(?![\w/{}.-])", text)]
    assert not missing, "routes not documented in README.md:\n" + "\n".join(missing)
