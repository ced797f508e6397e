"""Turn a survey's submitted answers into collaborations, with provenance.

One collaboration per unordered pair with a tie (see :meth:`Surveys.ties`), id
``survey-<survey>-<a>-<b>`` (``a < b``; a hash when that is too long for an id): the kind
named most often, ``weight`` the mean of the named frequencies (daily 5 … yearly 1),
``start_date`` the earliest ``since`` (a year), ``sources = ["survey:<id>"]``, evidence
``documented`` when both sides confirm it and ``weak`` otherwise, and ``attributes`` with
the survey, the confirmation state, the respondents, the day answered and the PARTNER
trust and value means. They are written as one import (validated, change log, audit,
caches), so applying twice writes nothing.

A collaboration between the same pair that the survey did not write (curated data) is a
**conflict**: listed, not touched, and the survey's tie is not written until ``resolve``
says ``"survey"`` (write the survey's tie beside it) or ``"keep"`` (keep only the curated
one) for the pair key ``"<a>--<b>"``. The decision is remembered (a ``SurveyResolution``
node per pair) for the next apply and the status.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

from graphsvc.errors import Problem, ValidationError
from graphsvc.io.importer import write_row
from graphsvc.io.tables import ValidatedTables
from graphsvc.model import Collaboration, CollaborationKind

if TYPE_CHECKING:
    from graphsvc.core import Graphsvc
    from graphsvc.store.base import Store


class Surveys(Protocol):
    """What applying needs of :class:`graphsvc.surveys.Surveys` (which calls this module,
    so this module names the methods instead of importing the class)."""

    graphsvc: Graphsvc
    store: Store

    def get(self, survey_id: str) -> dict[str, Any]: ...

    def ties(self, survey_id: str) -> dict[str, Any]: ...

    def resolutions(self, survey_id: str) -> dict[str, str]: ...


MAX_ID = 120
KIND_ORDER = {kind.value: n for n, kind in enumerate(CollaborationKind)}
RESOLUTIONS = ("survey", "keep")


def pair_key(a: str, b: str) -> str:
    """The key of an unordered pair: ``"<a>--<b>"`` with ``a < b``.

    Examples
    --------
    >>> pair_key("trygfonden", "middelfart-kommune")
    'middelfart-kommune--trygfonden'
    """
    first, second = sorted((a, b))
    return f"{first}--{second}"


def collaboration_id(survey_id: str, a: str, b: str) -> str:
    """The id of the collaboration a survey writes for a pair (a valid, stable slug).

    The pair is named by a hash of the survey and both ids: slugs contain hyphens, so
    ids joined by hyphens would give ``("b-c", "d")`` and ``("b", "c-d")`` the same
    id, and applying one pair would overwrite the other's tie.

    Examples
    --------
    >>> collaboration_id("partnerskaber-2026", "b-fond", "a-kommune")
    'survey-partnerskaber-2026-01952c9573bd732d'
    >>> collaboration_id("s", "b-c", "d") != collaboration_id("s", "b", "c-d")
    True
    """
    first, second = sorted((a, b))
    digest = hashlib.sha256(f"{survey_id}\n{first}\n{second}".encode()).hexdigest()[:16]
    return f"survey-{survey_id[: MAX_ID - 24].rstrip('-')}-{digest}"


def _kind(kinds: Mapping[str, int]) -> str:
    return min(kinds, key=lambda k: (-kinds[k], KIND_ORDER.get(k, 99)))


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _item(survey_id: str, tie: Mapping[str, Any]) -> dict[str, Any]:
    """The collaboration a tie becomes (as the model's fields)."""
    data: dict[str, Any] = {
        "id": collaboration_id(survey_id, tie["a"], tie["b"]),
        "source_id": tie["a"],
        "target_id": tie["b"],
        "kind": _kind(tie["kinds"]),
        "directed": False,
        "weight": round(float(tie["weight"]), 4),
        "sources": [f"survey:{survey_id}"],
        "evidence": "documented" if tie["state"] == "confirmed" else "weak",
        "attributes": {
            "survey": survey_id,
            "confirmation": tie["state"],
            "respondents": ";".join(sorted(tie["named_by"])),
            "answered": tie["answered"],
            "trust": _fmt(tie["trust"]),
            "value": _fmt(tie["value"]),
        },
    }
    if tie["since"]:
        data["start_date"] = str(tie["since"])
    return data


def plan(surveys: Surveys, survey_id: str, ties: list[dict[str, Any]]) -> dict[str, Any]:
    """What applying would do: ``{"items": [...], "stored": {id: fingerprint},
    "conflicts": [...]}`` (``items`` the survey's collaborations, validated;
    ``stored`` the fingerprints of those already in the graph)."""
    pairs = [[t["a"], t["b"]] for t in ties]
    found: list[dict[str, Any]] = []
    size = surveys.graphsvc.settings.batch_size
    for start in range(0, len(pairs), size):
        found += surveys.store.run(
            "surveys/list_pair_collaborations", pairs=pairs[start : start + size]
        )
    curated: dict[str, list[dict[str, Any]]] = {}
    for row in found:
        sources = [str(s) for s in row["sources"] or []]
        if not sources or not all(s.startswith("survey:") for s in sources):
            shown = {
                "id": row["id"],
                "kind": row["kind"],
                "weight": row["weight"],
                "sources": sources,
            }
            curated.setdefault(pair_key(row["a"], row["b"]), []).append(shown)
    items = [Collaboration.model_validate(_item(survey_id, tie)) for tie in ties]
    conflicts = [
        {
            "pair": pair_key(item.source_id, item.target_id),
            "a": item.source_id,
            "b": item.target_id,
            "survey": {
                "id": item.id,
                "kind": item.kind,
                "weight": item.weight,
                "confirmation": (item.attributes or {}).get("confirmation"),
            },
            "curated": curated[pair_key(item.source_id, item.target_id)],
        }
        for item in items
        if pair_key(item.source_id, item.target_id) in curated
    ]
    stored = {str(row["id"]): row["fingerprint"] for row in found}
    return {"items": items, "stored": stored, "conflicts": conflicts}


def apply_survey(
    surveys: Surveys,
    survey_id: str,
    *,
    dry_run: bool = False,
    resolve: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Write the survey's ties as collaborations; see the module doc.

    Returns
    -------
    dict
        ``{created, updated, unchanged, removed, removed_ids, conflicts,
        skipped_pending_review, dry_run}``: ``removed`` counts the collaborations the
        survey alone wrote before that its answers no longer give (deleted through the
        normal delete path, or only counted in a dry run); ``conflicts`` lists the pairs
        still unresolved (their ties are not written).

    Raises
    ------
    ValidationError
        For a ``resolve`` entry that names no conflict or says neither survey nor keep.
    """
    surveys.get(survey_id)
    resolve = dict(resolve or {})
    found = surveys.ties(survey_id)
    planned = plan(surveys, survey_id, found["ties"])
    open_pairs = {c["pair"] for c in planned["conflicts"]}
    problems = [
        Problem(f"must be one of {', '.join(RESOLUTIONS)}", column=f"resolve.{pair}", value=how)
        for pair, how in resolve.items()
        if how not in RESOLUTIONS
    ]
    problems += [
        Problem("no conflict on this pair", column=f"resolve.{pair}", value=pair)
        for pair in resolve
        if pair not in open_pairs
    ]
    if problems:
        raise ValidationError(
            f"{len(problems)} problem(s) in resolve; nothing was written", details=problems
        )
    # decisions given before are remembered; one given now replaces it
    decided = {**surveys.resolutions(survey_id), **resolve}
    to_write: list[Collaboration] = []
    created = updated = unchanged = 0
    for item in planned["items"]:
        pair = pair_key(item.source_id, item.target_id)
        if pair in open_pairs and decided.get(pair) != "survey":
            continue
        if item.id not in planned["stored"]:
            created += 1
        elif planned["stored"][item.id] == write_row(item, "collaborations")["fingerprint"]:
            unchanged += 1
            continue
        else:
            updated += 1
        to_write.append(item)
    # Ties this survey wrote before that its answers (or reviews) no longer give.
    wanted = {
        item.id
        for item in planned["items"]
        if decided.get(pair_key(item.source_id, item.target_id)) != "keep"
    }
    removed = sorted(
        str(row["id"])
        for row in surveys.store.run(
            "surveys/list_survey_collaborations", source=f"survey:{survey_id}"
        )
        if row["id"] not in wanted
    )
    if resolve and not dry_run:
        rows = [{"pair": pair, "how": how} for pair, how in sorted(resolve.items())]
        surveys.store.run("surveys/set_resolutions", id=survey_id, rows=rows)
    if to_write and not dry_run:
        surveys.graphsvc.import_validated(ValidatedTables({"collaborations": list(to_write)}))
    if not dry_run:
        for collaboration in removed:
            surveys.graphsvc.delete_item("collaborations", collaboration)
    return {
        "created": created,
        "updated": updated,
        "unchanged": unchanged,
        "removed": len(removed),
        "removed_ids": removed,
        "conflicts": [c for c in planned["conflicts"] if c["pair"] not in decided],
        "skipped_pending_review": sum(found["pending"].values()),
        "dry_run": dry_run,
    }
