"""Accessibility checks of pages in the test browser with axe-core (WCAG 2.1 A and AA).

axe-core comes from npm, pinned in ``.ci/axe/package.json`` and installed offline by
``scripts/test.sh`` (``npm ci --prefix .ci/axe``); :func:`check_page` puts its
``axe.min.js`` into a playwright page and runs it. Imported as ``tests.axe``
(``tests/`` is a package)::

    from tests.axe import assert_accessible

    assert_accessible(page)                      # the whole page
    assert_accessible(page, include="#results")  # one part of it

The script is evaluated through the DevTools protocol, so a page's Content Security
Policy does not stop it, and the page makes no request for it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

AXE_JS = (
    Path(__file__).resolve().parents[1] / ".ci" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
)
# The WCAG 2.1 A and AA rules (axe's tags); best practices are not in the standard.
WCAG_21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
FAILING_IMPACTS = ("serious", "critical")

_RUN = """async ([include, tags]) => {
  const result = await axe.run(include ? { include: [include] } : document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  });
  return result.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map(n => ({ target: n.target.join(" "), summary: n.failureSummary })),
  }));
}"""


@cache
def axe_source() -> str:
    """The text of ``axe.min.js`` (fails the test with the install command when missing)."""
    if not AXE_JS.exists():
        pytest.fail(
            f"{AXE_JS} is missing: the accessibility checks use axe-core from npm. Run the "
            "test command, which installs it: bash scripts/test.sh  (or: npm ci --prefix .ci/axe)",
            pytrace=False,
        )
    return AXE_JS.read_text(encoding="utf-8")


def check_page(
    page: Any, *, include: str | None = None, tags: tuple[str, ...] = WCAG_21_AA
) -> list[dict[str, Any]]:
    """Every axe violation on ``page`` (a playwright page), each with its nodes.

    Parameters
    ----------
    page
        A playwright ``Page``, loaded and in the state to check.
    include
        A CSS selector: check only that part of the page (default: the whole document).
    tags
        axe's rule tags to run (default: WCAG 2.0 and 2.1, levels A and AA).

    Returns
    -------
    list of dict
        ``{"id", "impact", "help", "nodes": [{"target", "summary"}]}`` per violated rule.
    """
    if not page.evaluate("typeof window.axe === 'object'"):
        # A statement list, not a function: evaluated as it is, ending in a plain value.
        page.evaluate(axe_source() + "\n;true")
    return list(page.evaluate(_RUN, [include, list(tags)]))


def assert_accessible(
    page: Any,
    *,
    include: str | None = None,
    impacts: tuple[str, ...] = FAILING_IMPACTS,
    tags: tuple[str, ...] = WCAG_21_AA,
) -> list[dict[str, Any]]:
    """Fail when axe finds a violation of ``impacts`` (serious or critical) on ``page``.

    Parameters
    ----------
    page, include, tags
        As for :func:`check_page`.
    impacts
        The impacts that fail the test; the other violations are returned.

    Returns
    -------
    list of dict
        The violations that did not fail the test (minor and moderate ones).
    """
    violations = check_page(page, include=include, tags=tags)
    failing = [v for v in violations if v["impact"] in impacts]
    lines = [
        f"{v['impact']}: {v['id']} ({v['help']}) at {n['target']}: {n['summary']}"
        for v in failing
        for n in v["nodes"]
    ]
    assert not failing, f"accessibility violations on {page.url}:\n" + "\n".join(lines)
    return [v for v in violations if v["impact"] not in impacts]
