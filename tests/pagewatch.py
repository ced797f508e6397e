"""What a page in the test browser did: outside requests (aborted), console errors, page
errors, dialogs; and a photograph of every page of a test that failed.

Shared by the map and the workshop tests (imported as ``tests.pagewatch``;
``tests/`` is a package).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from graphsvc.maps.png import is_local_url


@dataclass
class WatchedPage:
    """A page in the test browser and what it did (recorded by :func:`watch`)."""

    page: Any
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def wait(self, expression: str, arg: Any = None, timeout: float = 10_000) -> Any:
        # not page.wait_for_function: it needs eval, which the pages' CSP forbids
        return wait_for(self.page, expression, arg, timeout)

    def assert_clean(self, allow_console: tuple[str, ...] = ()) -> None:
        assert self.blocked == [], f"requests to other hosts: {self.blocked}"
        errors = [e for e in self.console_errors if not any(a in e for a in allow_console)]
        assert errors == [], errors
        assert self.page_errors == [], self.page_errors


def watch(router: Any, page: Any, record: Any, allow: tuple[str, ...] = ()) -> None:
    """Abort and record in ``record.blocked`` every request ``router`` (a page or a
    context) makes to another host than ``allow``'s prefixes; record console errors,
    page errors, and dialogs when ``record`` has a ``dialogs`` list (dismissing them)."""

    def handle(route: Any) -> None:
        url = route.request.url
        if is_local_url(url) or url.startswith(allow):
            route.continue_()
        else:
            record.blocked.append(url)
            route.abort()

    router.route("**/*", handle)
    page.on(
        "console", lambda m: record.console_errors.append(m.text) if m.type == "error" else None
    )
    page.on("pageerror", lambda e: record.page_errors.append(str(e)))
    if hasattr(record, "dialogs"):

        def on_dialog(dialog: Any) -> None:
            record.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)


def close_pages(
    request: pytest.FixtureRequest, tmp_path: Path, opened: Iterable[tuple[Any, Any]]
) -> None:
    """Close each ``(page, context)``, photographing the page first when the test failed."""
    report = getattr(request.node, "rep_call", None)
    failed = report is not None and report.failed
    for i, (page, context) in enumerate(opened):
        if failed:
            shot = tmp_path / f"failure-{request.node.name}-{i}.png"
            try:
                page.screenshot(path=str(shot))
                print(f"screenshot of the failing page: {shot}")
            except Exception as exc:  # noqa: BLE001 - report, never mask the failure
                print(f"no screenshot: {exc}")
        context.close()


_FUNCTION = re.compile(r"^\s*(async\s+)?(function\b|\([^()]*\)\s*=>|[\w$]+\s*=>)")


def wait_for(page: Any, expression: str, arg: Any = None, timeout: float = 10_000) -> Any:
    """``page.wait_for_function`` for pages with a Content-Security-Policy: playwright's
    own runs the predicate through ``eval``, which the app's pages forbid; this polls with
    ``evaluate`` (not subject to the page's policy). Returns the handle of the first
    truthy value; ``expression`` is a function (called with ``arg``) or an expression."""
    function = expression if _FUNCTION.match(expression) else f"() => ({expression})"
    deadline = time.monotonic() + timeout / 1000
    while True:
        handle = page.evaluate_handle(function, arg)
        if handle.evaluate("value => !!value"):
            return handle
        handle.dispose()
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout:.0f} ms for {expression[:200]}")
        time.sleep(0.025)
