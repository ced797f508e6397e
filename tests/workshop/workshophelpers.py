"""Helpers of the workshop page tests: a seeded workshop, an opened page.

Imported as ``tests.workshop.workshophelpers`` (``tests/`` is a package).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from tests.pagewatch import WatchedPage


@dataclass
class Workshop:
    """A seeded workshop, the keys of its participants, and an HTTP client."""

    base: str
    id: str
    editor_a: str
    editor_b: str
    viewer: str
    http: httpx.Client

    @property
    def path(self) -> str:
        return f"/workshops/{self.id}"

    def state(self) -> dict[str, Any]:
        answer = self.http.get(f"{self.path}/state")
        answer.raise_for_status()
        return dict(answer.json())

    def actor_names(self) -> set[str]:
        return {a["name"] for a in self.state()["actors"]}


@dataclass
class Opened(WatchedPage):
    """A page in its own browser context, and what it did."""

    context: Any = None

    def wait_ready(self) -> None:
        self.wait("window.graphsvcWorkshop && window.graphsvcWorkshop.ready === true")
