"""Helpers of the import page tests: the running site, an opened page.

Imported as ``tests.imports.importhelpers`` (``tests/`` is a package).
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from tests.workshop.workshophelpers import Opened as WatchedPage


@dataclass
class Site:
    """The running app, an editor's and a viewer's key, and an editor's HTTP client."""

    base: str
    editor: str
    viewer: str
    http: httpx.Client

    def actor_names(self) -> set[str]:
        answer = self.http.get("/actors", params={"limit": 1000})
        answer.raise_for_status()
        body = answer.json()
        items = body["items"] if isinstance(body, dict) else body
        return {a["name"] for a in items}


class Opened(WatchedPage):
    """A page in its own browser context, and what it did (see ``workshophelpers``)."""

    def wait_ready(self) -> None:
        self.wait("window.graphsvcImport && window.graphsvcImport.ready === true")

    def wait_idle(self, timeout: float = 15_000) -> None:
        """Until the page has no request to the app in flight."""
        self.wait("window.graphsvcImport && !window.graphsvcImport.busy()", timeout=timeout)
