"""Every API route is in docs/api.md as ``METHOD /path``, and README.md links docs/api.md."""

from __future__ import annotations

import re
from pathlib import Path

from tests.api.apihelpers import ServerThread

ROOT = Path(__file__).parents[2]
API_DOC = ROOT / "docs/api.md"


def test_every_route_is_in_docs_api(api_server: ServerThread) -> None:
    text = API_DOC.read_text("utf-8")
    routes = [
        f"{method.upper()} {path}"
        for path, operations in api_server.app.openapi()["paths"].items()
        for method in operations
    ]
    assert len(routes) >= 30
    # "GET /" must not be satisfied by "GET /actors": the path ends at a non-path character
    missing = [r for r in routes if not re.search(re.escape(r) + r"(?![\w/{}.-])", text)]
    assert not missing, "routes not documented in docs/api.md:\n" + "\n".join(missing)


def test_the_readme_links_docs_api() -> None:
    assert "](docs/api.md)" in (ROOT / "README.md").read_text("utf-8")
