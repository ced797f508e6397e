"""Compare two frozen states of a workshop (snapshots, or a snapshot and now)."""

from __future__ import annotations

from typing import Any

from graphsvc.workshop.service import MEASURES

TOLERANCE = 1e-6


def compare(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What changed from ``before`` to ``after`` (both as :meth:`Workshops.frozen` gives).

    Returns
    -------
    dict
        ``actors_added`` / ``actors_removed`` (``id``, ``name``), ``ties_added`` /
        ``ties_removed`` (``id``, ``source_id``, ``target_id``, ``kind``),
        ``measures_changed`` (``id``, ``name``, ``measure``, ``before``, ``after``) for
        actors in both states whose bridging measures moved by more than 1e-6, and
        ``grid_changed`` (``id``, ``name``, ``before``, ``after``). Lists are sorted by id.

    Examples
    --------
    >>> a = {"actors": [{"id": "x", "name": "X", "grid": {}}], "ties": [], "measures": {}}
    >>> b = {"actors": [{"id": "x", "name": "X", "grid": {}},
    ...                 {"id": "y", "name": "Y", "grid": {}}], "ties": [], "measures": {}}
    >>> compare(a, b)["actors_added"]
    [{'id': 'y', 'name': 'Y'}]
    """
    actors_a = {a["id"]: a for a in before["actors"]}
    actors_b = {a["id"]: a for a in after["actors"]}
    ties_a = {t["id"]: t for t in before["ties"]}
    ties_b = {t["id"]: t for t in after["ties"]}

    def actor_list(ids: set[str], source: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"id": i, "name": source[i].get("name")} for i in sorted(ids)]

    def tie_list(ids: set[str], source: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
        keys = ("id", "source_id", "target_id", "kind")
        return [{k: source[i].get(k) for k in keys} for i in sorted(ids)]

    both = sorted(actors_a.keys() & actors_b.keys())
    measures_changed = []
    for actor_id in both:
        old = before["measures"].get(actor_id) or {}
        new = after["measures"].get(actor_id) or {}
        for measure in MEASURES:
            x, y = old.get(measure), new.get(measure)
            if x is None and y is None:
                continue
            if x is None or y is None or abs(float(x) - float(y)) > TOLERANCE:
                measures_changed.append(
                    {
                        "id": actor_id,
                        "name": actors_b[actor_id].get("name"),
                        "measure": measure,
                        "before": x,
                        "after": y,
                    }
                )
    grid_changed = [
        {
            "id": i,
            "name": actors_b[i].get("name"),
            "before": actors_a[i].get("grid"),
            "after": actors_b[i].get("grid"),
        }
        for i in both
        if (actors_a[i].get("grid") or {}) != (actors_b[i].get("grid") or {})
    ]
    return {
        "actors_added": actor_list(actors_b.keys() - actors_a.keys(), actors_b),
        "actors_removed": actor_list(actors_a.keys() - actors_b.keys(), actors_a),
        "ties_added": tie_list(ties_b.keys() - ties_a.keys(), ties_b),
        "ties_removed": tie_list(ties_a.keys() - ties_b.keys(), ties_a),
        "measures_changed": measures_changed,
        "grid_changed": grid_changed,
    }
