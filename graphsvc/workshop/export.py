"""A workshop as a spreadsheet: the workshop, its actors, ties and stakeholder grid."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

from graphsvc.i18n import Lang, label
from graphsvc.io.formats.xlsx import no_formulas
from graphsvc.workshop.page import WORDS

# Mendelow's power/interest grid, cut in the middle of each axis: (high power, high
# interest) -> the page's word for that quadrant, so the sheet says what the page says.
QUADRANTS: dict[tuple[bool, bool], str] = {
    (True, True): "q_manage",
    (True, False): "q_satisfied",
    (False, True): "q_informed",
    (False, False): "q_monitor",
}


def _word(key: str, lang: Lang) -> str:
    da, en = WORDS[key]
    return da if lang == "da" else en


def quadrant(power: float | None, interest: float | None, lang: Lang = "en") -> str | None:
    """The grid quadrant of a place, in ``lang`` (``None`` off the grid).

    >>> quadrant(0.9, 0.2)
    'Keep satisfied'
    """
    if power is None or interest is None:
        return None
    return _word(QUADRANTS[(power >= 0.5, interest >= 0.5)], lang)


def workshop_xlsx(state: dict[str, Any], lang: Lang = "en") -> bytes:
    """The workshop's state (as :meth:`Workshops.state` gives it, names as the reader may
    see them) as an XLSX file with the sheets workshop, actors, ties and grid."""
    workshop = state["workshop"]
    facts = pd.DataFrame(
        [
            {"field": k, "value": workshop.get(k)}
            for k in (
                "id",
                "name",
                "purpose",
                "municipality",
                "date",
                "start_from",
                "start_id",
                "created",
                "version",
            )
        ]
    )
    names = {a["id"]: a["name"] for a in state["actors"]}
    actors = pd.DataFrame(
        [
            {
                "id": a["id"],
                "name": a["name"],
                "kind": label(lang, "kind", a["kind"]),
                "sector": label(lang, "sector", a["sector"]),
                "scale": label(lang, "scale", a["scale"]),
                "locality": a.get("locality"),
                "added_in_workshop": a["added_here"],
            }
            for a in state["actors"]
        ],
        columns=["id", "name", "kind", "sector", "scale", "locality", "added_in_workshop"],
    )
    ties = pd.DataFrame(
        [
            {
                "id": t["id"],
                "source_id": t["source_id"],
                "source": names.get(t["source_id"]),
                "target_id": t["target_id"],
                "target": names.get(t["target_id"]),
                "kind": label(lang, "tie_kind", t["kind"]),
                "status": t["status"],
                "added_in_workshop": t["added_here"],
            }
            for t in state["ties"]
        ],
        columns=[
            "id",
            "source_id",
            "source",
            "target_id",
            "target",
            "kind",
            "status",
            "added_in_workshop",
        ],
    )
    grid = pd.DataFrame(
        [
            {
                "id": a["id"],
                "name": a["name"],
                "power": a["grid"]["power"],
                "interest": a["grid"]["interest"],
                "quadrant": quadrant(a["grid"]["power"], a["grid"]["interest"], lang),
                "attitude": _attitude(a["grid"]["attitude"], lang),
            }
            for a in state["actors"]
            if a["grid"]["power"] is not None
        ],
        columns=["id", "name", "power", "interest", "quadrant", "attitude"],
    )
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, frame in (
            ("workshop", facts),
            ("actors", actors),
            ("ties", ties),
            ("grid", grid),
        ):
            frame.to_excel(writer, sheet_name=name, index=False)
        no_formulas(writer.book)
    return out.getvalue()


def _attitude(value: str | None, lang: Lang) -> str | None:
    if value is None:
        return None
    return _word(value, lang) if value in WORDS else value
