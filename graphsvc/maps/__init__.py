"""Interactive, self-contained HTML maps of the partnership network.

Public API
----------
render_map(network, *, lens="network", focus=None, measures=None, lang="en", as_of=None,
           color_by=None, size_by="degree", removed=None, title=None, ...) -> str
    The HTML document (see :func:`graphsvc.maps.html.render_map`).
write_map(html, path) -> Path
    Write it as UTF-8.
export_png(html_or_path, png_path, width=1600, height=1000) -> Path
    A PNG of the map (headless Debian chromium through playwright).
render_browser(*, lang, actors, projects, municipalities, maps_url="/maps") -> str
    The map browser page the app serves at ``/`` (see :mod:`graphsvc.maps.browser`).
"""

from graphsvc.maps.browser import render_browser
from graphsvc.maps.html import (
    AGGREGATE_THRESHOLD,
    build_pyvis,
    person_pseudonyms,
    render_map,
    write_map,
)
from graphsvc.maps.lenses import LENSES, View, make_view
from graphsvc.maps.png import export_png

__all__ = [
    "AGGREGATE_THRESHOLD",
    "LENSES",
    "View",
    "build_pyvis",
    "export_png",
    "make_view",
    "person_pseudonyms",
    "render_browser",
    "render_map",
    "write_map",
]
