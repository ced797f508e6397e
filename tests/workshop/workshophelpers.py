"""Helpers of the workshop page tests: a seeded workshop, an opened page.

Imported as ``tests.workshop.workshophelpers`` (``tests/`` is a package).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.pagewatch import wait_for


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
class Opened:
    """A page in its own browser context, and what it did."""

    page: Any
    context: Any
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def wait(self, expression: str, arg: Any = None, timeout: float = 10_000) -> Any:
        # not page.wait_for_function: it needs eval, which the page's CSP forbids
        return wait_for(self.page, expression, arg, timeout)

    def wait_ready(self) -> None:
        self.wait("window.graphsvcWorkshop && window.graphsvcWorkshop.ready === true")

    def assert_clean(self, allow_console: tuple[str, ...] = ()) -> None:
        assert self.blocked == [], f"requests to other hosts: {self.blocked}"
        errors = [e for e in self.console_errors if not any(a in e for a in allow_console)]
        assert errors == [], errors
        assert self.page_errors == [], self.page_errors
