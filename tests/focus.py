"""Keyboard focus in the test browser: where the focus is, and whether people can see it.

WCAG 2.1 AA asks that keyboard focus is visible (2.4.7) and that what shows it has
at least 3:1 contrast against what is around it (1.4.11). :func:`focus_ring` reads the
focused element's computed outline (or, failing that, its box shadow) and the colour
behind it; :func:`assert_focus_visible` fails when there is none or when its contrast is
below 3:1; :func:`tab_to` presses Tab (or Shift+Tab) until a selector has the focus,
checking the ring at every stop on the way. Imported as ``tests.focus``::

    from tests.focus import assert_focus_visible, tab_to

    tab_to(page, "#actor-kind")       # every stop on the way shows its focus
    page.keyboard.press("Enter")
    assert_focus_visible(page)

A visually hidden control (a radio button behind a styled label) is judged by its label,
which is what shows its focus; the focus inside a same-origin frame (the map browser's
map) by the element inside it. The calendar button inside a date field is Chromium's own
(its shadow DOM, with the browser's focus ring) and is not measured.
"""

from __future__ import annotations

import re
from typing import Any

# The focused element (or the label standing for a visually hidden one), its indicator
# and the first opaque background colour behind it. Colours as computed: rgb()/rgba().
_RING = """() => {
  let node = document.activeElement;
  if (!node || node === document.body) return null;
  // into a same-origin frame (the map browser's map): what has the focus in there
  while (node.tagName === 'IFRAME' && node.contentDocument) {
    const inner = node.contentDocument.activeElement;
    if (!inner || inner === node.contentDocument.body) break;
    node = inner;
  }
  const style = (n) => n.ownerDocument.defaultView.getComputedStyle(n);
  const box = node.getBoundingClientRect();
  if (box.width <= 1 || box.height <= 1) node = node.closest('label') || node;
  const cs = style(node);
  const behind = (start) => {
    for (let n = start; n; n = n.parentElement) {
      const c = style(n).backgroundColor;
      const m = c.match(/rgba?\\(([^)]+)\\)/);
      if (m) {
        const p = m[1].split(',').map(Number);
        if (p.length < 4 || p[3] >= 0.5) return c;
      }
    }
    return 'rgb(255, 255, 255)';
  };
  const offset = parseFloat(cs.outlineOffset) || 0;
  return {
    // a date field's calendar button (its last stop): Chromium draws its ring itself
    native: node.type === 'date' && !node.matches(':focus'),
    what: node.tagName.toLowerCase() + (node.id ? '#' + node.id : '')
      + (node.className && typeof node.className === 'string'
         ? '.' + node.className.trim().split(/\\s+/).join('.') : ''),
    text: (node.getAttribute('aria-label') || node.textContent || '').trim().slice(0, 60),
    outline_style: cs.outlineStyle,
    outline_width: parseFloat(cs.outlineWidth) || 0,
    outline_colour: cs.outlineColor,
    box_shadow: cs.boxShadow,
    // an outline drawn outside the element sits on its parent's background
    background: behind(offset >= 0 ? node.parentElement : node),
  };
}"""

_RGB = re.compile(r"rgba?\(([^)]+)\)")


def _colour(text: str) -> tuple[float, float, float, float] | None:
    found = _RGB.search(text)
    if not found:
        return None
    parts = [float(p) for p in found.group(1).replace("/", ",").split(",") if p.strip()]
    alpha = parts[3] if len(parts) > 3 else 1.0
    return parts[0], parts[1], parts[2], alpha


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two CSS ``rgb()``/``rgba()`` colours (alpha over the second).

    Examples
    --------
    >>> round(contrast("rgb(9, 105, 218)", "rgb(255, 255, 255)"), 2)
    5.19
    """
    a, b = _colour(first), _colour(second)
    if a is None or b is None:
        return 0.0
    blended = tuple(a[i] * a[3] + b[i] * (1 - a[3]) for i in range(3))
    la, lb = _luminance(blended), _luminance(b[:3])  # type: ignore[arg-type]
    high, low = max(la, lb), min(la, lb)
    return (high + 0.05) / (low + 0.05)


def focus_ring(page: Any) -> dict[str, Any] | None:
    """The focused element and its focus indicator (``None`` when nothing has focus)."""
    ring = page.evaluate(_RING)
    if ring is None:
        return None
    ring["contrast"] = 0.0
    if ring["native"]:
        ring["indicator"] = "native"
        ring["contrast"] = float("inf")  # not ours to measure: not in the page's DOM
    elif ring["outline_style"] not in ("none", "hidden") and ring["outline_width"] >= 2:
        ring["indicator"] = "outline"
        ring["contrast"] = contrast(ring["outline_colour"], ring["background"])
    elif ring["box_shadow"] not in ("none", ""):
        ring["indicator"] = "box-shadow"
        ring["contrast"] = contrast(ring["box_shadow"], ring["background"])
    else:
        ring["indicator"] = None
    return dict(ring)


def assert_focus_visible(page: Any, minimum: float = 3.0) -> dict[str, Any]:
    """Fail unless something has the focus and shows it with ``minimum`` contrast."""
    ring = focus_ring(page)
    assert ring is not None, f"nothing has the keyboard focus on {page.url}"
    assert ring["indicator"], f"no visible focus indicator on {ring['what']} ({ring['text']!r})"
    assert ring["contrast"] >= minimum, (
        f"focus indicator of {ring['what']} ({ring['text']!r}) has contrast "
        f"{ring['contrast']:.2f} against {ring['background']} (needs {minimum}:1): {ring}"
    )
    return ring


def tab_to(page: Any, selector: str, *, back: bool = False, most: int = 60) -> list[str]:
    """Press Tab (Shift+Tab when ``back``) until ``selector`` has the focus.

    Every element the focus stops at on the way must show it (:func:`assert_focus_visible`).
    Returns what the focus stopped at, in order; fails after ``most`` presses.
    """
    key = "Shift+Tab" if back else "Tab"
    stops: list[str] = []
    for _ in range(most):
        page.keyboard.press(key)
        ring = assert_focus_visible(page)
        stops.append(f"{ring['what']} {ring['text']!r}")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return stops
    raise AssertionError(f"{selector} not reached with {most} × {key}: " + "; ".join(stops))


def focused_matches(page: Any, selector: str) -> bool:
    """Whether the element with the focus matches ``selector``."""
    return bool(
        page.evaluate(
            "s => !!document.activeElement && document.activeElement.matches(s)", selector
        )
    )
