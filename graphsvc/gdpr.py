"""GDPR requests about a person: access (art. 15) and erasure (art. 17).

:func:`access` gathers everything graphsvc stores about an actor: the record, its
participations and collaborations, the workshops that include it (with the grid place),
the workshop snapshots that froze it, the other items whose text names it, and the audit
entries about it or its ties. :func:`erase` deletes the actor with its ties and workshop
inclusions, rewrites the snapshots that froze it (a placeholder under a masked id, see
:meth:`graphsvc.core.Graphsvc.forget_person`), replaces its name and id in other
items' text, masks its ids in earlier audit entries, drops cached analyses, and records
the erasure in the audit log under the masked id, without the person's data.

Examples
--------
>>> report = erase(Graphsvc.open(), "mette-jensen")   # doctest: +SKIP
>>> report["erased"]                                   # doctest: +SKIP
'person-3f2a91c0'
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

from graphsvc import audit
from graphsvc.cache import drop_cached_files
from graphsvc.core import Graphsvc
from graphsvc.errors import NotFoundError
from graphsvc.privacy import Redactor, mask_id, mask_tie_id
from graphsvc.surveys import Surveys

log = logging.getLogger(__name__)

TEXT_TABLES = ("actors", "projects", "participations", "collaborations", "agreements")
# Her ties: erased with her (her agreements stay, without her; see actors/delete_actor).
TIE_TABLES = ("participations", "collaborations")
IDS = ("id", "actor_id", "project_id", "source_id", "target_id", "party_ids")


def _actor(graphsvc: Graphsvc, actor_id: str) -> dict[str, Any]:
    actor = graphsvc.get_item("actors", actor_id)
    if actor is None:
        raise NotFoundError(f"no actor {actor_id!r}")
    return actor


def _ties(graphsvc: Graphsvc, actor_id: str) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for table in ("participations", "collaborations", "agreements"):
        _total, items = graphsvc.find_items(table, filters={"actor_id": actor_id}, limit=100_000)
        found[table] = items
    return found


def _mentions(graphsvc: Graphsvc, actor: dict[str, Any]) -> list[dict[str, Any]]:
    """Other items whose text names the actor or holds its id: ``{table, id, fields}``."""
    redactor = Redactor.for_hidden(
        {actor["id"]: actor.get("name")}, graphsvc.pseudonym_key(), erased=True
    )
    found = []
    for table, frame in graphsvc.tables().items():
        for row in frame.to_dict("records"):
            if table == "actors" and row["id"] == actor["id"]:
                continue
            if actor["id"] in (row.get("actor_id"), row.get("source_id"), row.get("target_id")):
                continue  # its own ties: listed (and erased) as ties
            if table == "agreements" and actor["id"] in row.get("party_ids", ()):
                continue  # an agreement it is a party to: listed as such, and it leaves it
            changed = redactor.item(row, IDS)
            fields = sorted(str(k) for k in row if k not in IDS and _differs(row[k], changed[k]))
            if fields:
                found.append({"table": table, "id": row["id"], "fields": fields})
    return found


def _differs(before: Any, after: Any) -> bool:
    if isinstance(before, float) and before != before:  # NaN
        return False
    return bool(before != after)


def _snapshots(graphsvc: Graphsvc, actor_id: str) -> list[dict[str, Any]]:
    out = []
    for row in graphsvc.store.run(
        "workshops/find_snapshots_mentioning", text=actor_id, person=None
    ):
        data = json.loads(row["data"])
        out.append(
            {
                "workshop_id": row["workshop_id"],
                "snapshot_id": row["id"],
                "note": row["note"],
                "actor": next((a for a in data.get("actors", []) if a.get("id") == actor_id), None),
                "ties": [
                    t
                    for t in data.get("ties", [])
                    if actor_id in (t.get("source_id"), t.get("target_id"))
                ],
                "measures": data.get("measures", {}).get(actor_id),
            }
        )
    return out


def access(graphsvc: Graphsvc, actor_id: str) -> dict[str, Any]:
    """Everything stored about an actor (a person's access request), as JSON-able data.

    Raises
    ------
    NotFoundError
        When there is no actor ``actor_id``.
    """
    actor = _actor(graphsvc, actor_id)
    ties = _ties(graphsvc, actor_id)
    tie_ids = [t["id"] for items in ties.values() for t in items]
    key = graphsvc.pseudonym_key()
    # entries about her, also under masked ids (an earlier erasure of a namesake id)
    item_ids = [actor_id, mask_id(actor_id, key), *tie_ids]
    _total, entries = audit.entries(graphsvc.store, item_ids=item_ids, limit=None)
    workshops = [
        {
            "workshop_id": row["workshop_id"],
            "name": row["name"],
            "added_here": bool(row["added_here"]),
            "grid": {k: row[k] for k in ("power", "interest", "attitude")},
        }
        for row in graphsvc.store.run("workshops/list_actor_workshops", actor_id=actor_id)
    ]
    report = {
        "request": "access",
        "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "actor": actor,
        "participations": ties["participations"],
        "collaborations": ties["collaborations"],
        "agreements": ties["agreements"],
        "workshops": workshops,
        "surveys": Surveys(graphsvc).actor_records(actor),
        "snapshots": _snapshots(graphsvc, actor_id),
        "mentions": _mentions(graphsvc, actor),
        "audit": entries,
    }
    # the request itself is accounted for, under the masked id
    audit.record(graphsvc.store, "gdpr_access", "actors", mask_id(actor_id, key))
    return report


def erase(graphsvc: Graphsvc, actor_id: str) -> dict[str, Any]:
    """Erase an actor (a person's erasure request); returns what was done, by counts.

    Raises
    ------
    NotFoundError
        When there is no actor ``actor_id``.
    """
    actor = _actor(graphsvc, actor_id)
    key = graphsvc.pseudonym_key()
    masked = mask_id(actor_id, key)
    ties = _ties(graphsvc, actor_id)
    mentions = _mentions(graphsvc, actor)
    redactor = Redactor.for_hidden({actor_id: actor.get("name")}, key, erased=True)
    for mention in mentions:  # her name out of other items' text, first: no half-erasure
        item = graphsvc.get_item(mention["table"], mention["id"]) or {}
        changes = {f: redactor.item(item, IDS)[f] for f in mention["fields"] if f in item}
        if changes:
            graphsvc.update_item(mention["table"], mention["id"], changes)
    for agreement in ties["agreements"]:  # she leaves it: her name goes from its texts too
        item = graphsvc.get_item("agreements", agreement["id"]) or {}
        redacted = redactor.item(item, IDS)
        changes = {f: redacted[f] for f in item if f not in IDS and _differs(item[f], redacted[f])}
        if changes:
            graphsvc.update_item("agreements", agreement["id"], changes)
    with graphsvc.writing("erase", "actors", masked):  # with ties and inclusions
        graphsvc.store.run("actors/delete_actor", id=actor_id, revs=None, confirm=True)
    snapshots = graphsvc.forget_person(actor)
    surveys = Surveys(graphsvc).forget_actor(actor)
    tie_ids = [t["id"] for table in TIE_TABLES for t in ties[table]]
    masks = {actor_id: masked}
    logged = graphsvc.store.run("audit/find_audit_items_containing", text=actor_id)
    for item_id in {*tie_ids, *(str(r["item_id"]) for r in logged)} - {actor_id}:
        masks[item_id] = mask_tie_id(item_id, {actor_id}, key)  # ids that hold hers
    masked_entries = audit.mask_items(graphsvc.store, masks)
    dropped = drop_cached_files(graphsvc.settings.data_dir)
    from graphsvc.maps.source import forget_kept  # noqa: PLC0415 - maps load pyvis

    forget_kept()  # the pseudonymised map network made while she was hidden
    audit.record(
        graphsvc.store,
        "erase",
        "actors",
        masked,
        count=len(tie_ids),
        fields=["participations", "collaborations", "workshops", "snapshots", "mentions"],
    )
    log.info("erased actor %s (%d ties, %d snapshots)", masked, len(tie_ids), snapshots)
    return {
        "request": "erase",
        "erased": masked,
        "participations": len(ties["participations"]),
        "collaborations": len(ties["collaborations"]),
        "agreements_left": len(ties["agreements"]),
        "snapshots": snapshots,
        "survey_records": surveys,
        "mentions": len(mentions),
        "audit_entries_masked": masked_entries,
        "cached_results_dropped": dropped,
    }
