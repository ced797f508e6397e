"""``/assets/…``: the page scripts, served as JavaScript modules, and nothing else."""

from __future__ import annotations

from pathlib import Path

import httpx

VISUALISATIONS = Path(__file__).resolve().parents[2] / "visualisations"


def test_page_scripts_are_served_as_javascript(client: httpx.Client) -> None:
    for name in ("common.js", "browser.js", "import.js", "workshop.js"):
        res = client.get(f"/assets/{name}")
        assert res.status_code == 200, name
        # A module script with another type is refused under nosniff.
        assert res.headers["content-type"] == "text/javascript; charset=utf-8"
        assert res.headers["x-content-type-options"] == "nosniff"
        assert res.headers["cache-control"] == "no-cache"
        assert res.text == (VISUALISATIONS / name).read_text("utf-8")
        again = client.get(f"/assets/{name}", headers={"If-None-Match": res.headers["etag"]})
        assert again.status_code == 304


def test_nothing_but_scripts_is_served(client: httpx.Client) -> None:
    for path in (
        "/assets/workshop.html",  # a page template
        "/assets/map.css",
        "/assets/nothing.js",
        "/assets/../pyproject.toml",
        "/assets/%2e%2e/graphsvc/cli.py",
        "/assets/%2e%2e/tests/conftest.js",
    ):
        assert client.get(path).status_code == 404, path


def test_served_pages_load_their_entry_module_from_this_site(client: httpx.Client) -> None:
    login = client.get("/login?lang=en")
    assert login.status_code == 200
    assert '<script type="module" src="/assets/workshop.js"></script>' in login.text
    # Module scripts come from 'self', which the page's policy allows.
    csp = login.headers["content-security-policy"]
    assert "script-src 'self'" in csp


def test_the_favicon_is_served(client: httpx.Client) -> None:
    icon = (VISUALISATIONS / "favicon.svg").read_text("utf-8")
    for path in ("/favicon.ico", "/favicon.svg"):
        res = client.get(path)
        assert res.status_code == 200, path
        assert res.headers["content-type"].startswith("image/svg+xml")
        assert res.text == icon
