"""Workshops: a stakeholder analysis (*interessentanalyse*) over a part of the graph.

A workshop is a ``Workshop`` node that ``INCLUDES`` actors: its scope. The relationship
carries the actor's place on the stakeholder grid (``power``, ``interest`` in 0..1 and
``attitude``) and whether the workshop created the actor (``added_here``). Actors and ties
made in a workshop are ordinary actors and collaborations, written through
:meth:`graphsvc.core.Graphsvc.create_item` (validated exactly as an imported row), with
``sources = ["workshop:<id>"]`` so the workshop can undo them. Every change bumps the
workshop's ``version``; live pages poll it (see :mod:`graphsvc.api.routers.workshops`).
Snapshots freeze the state, with the bridging measures, as JSON on a
``WorkshopSnapshot`` node.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import secrets
import unicodedata
from typing import Any

import networkx as nx
import pandas as pd

from graphsvc.analysis.bridging import bridging_roles
from graphsvc.analysis.snapshot import actor_graph, build_network
from graphsvc.audit import audited, on_workshop
from graphsvc.core import Graphsvc
from graphsvc.errors import ConflictError, NotFoundError, Problem, ValidationError
from graphsvc.model import ActorKind, Scale

log = logging.getLogger(__name__)

START_FROM = ("empty", "project", "actor")
ATTITUDES = ("supporter", "neutral", "critic")
MEASURES = ("degree", "betweenness", "total", "constraint")

# A sensible scale for an actor typed in a workshop; the facilitator can change it later.
DEFAULT_SCALE: dict[str, str] = {
    ActorKind.MUNICIPALITY: Scale.MUNICIPAL,
    ActorKind.REGION: Scale.REGIONAL,
    ActorKind.STATE_AGENCY: Scale.NATIONAL,
    ActorKind.NATIONAL_NGO: Scale.NATIONAL,
    ActorKind.VOLUNTEER_CENTRE: Scale.MUNICIPAL,
    ActorKind.FOUNDATION: Scale.NATIONAL,
    ActorKind.UNIVERSITY: Scale.REGIONAL,
    ActorKind.RESEARCH_INSTITUTE: Scale.NATIONAL,
    ActorKind.HOSPITAL: Scale.REGIONAL,
    ActorKind.NETWORK: Scale.MUNICIPAL,
}

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


def slugify(text: str) -> str:
    """A slug from a name: Danish letters spelled out, accents dropped (``"Ærø Fond"`` →
    ``"aeroe-fond"``); ``"item"`` when nothing is left."""
    plain = unicodedata.normalize("NFKD", text.translate(_FOLD))
    ascii_text = plain.encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:80].strip("-")
    return slug or "item"


def workshop_source(workshop_id: str) -> str:
    """The ``sources`` entry of items a workshop created."""
    return f"workshop:{workshop_id}"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _grid(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "power": row.get("power"),
        "interest": row.get("interest"),
        "attitude": row.get("attitude"),
    }


class Workshops:
    """Workshops over one :class:`~graphsvc.core.Graphsvc` (the API's routes call this)."""

    def __init__(self, graphsvc: Graphsvc) -> None:
        self.graphsvc = graphsvc
        self.store = graphsvc.store

    # ------------------------------------------------------------ workshops

    def list_all(self) -> list[dict[str, Any]]:
        """Every workshop, newest first."""
        return [self._public(row) for row in self.store.run("workshops/list_workshops", id=None)]

    def get(self, workshop_id: str) -> dict[str, Any]:
        """One workshop; :class:`NotFoundError` when there is none."""
        rows = self.store.run("workshops/list_workshops", id=workshop_id)
        if not rows:
            raise NotFoundError(f"no workshop {workshop_id!r}")
        return self._public(rows[0])

    @staticmethod
    def _public(row: dict[str, Any]) -> dict[str, Any]:
        props = row["props"]
        return {
            "id": props["id"],
            "name": props.get("name"),
            "purpose": props.get("purpose"),
            "municipality": props.get("municipality"),
            "date": props.get("date"),
            "start_from": props.get("start_from") or "empty",
            "start_id": props.get("start_id"),
            "created": props.get("created"),
            "version": int(props.get("version") or 0),
            "n_actors": int(row.get("n_actors") or 0),
            "n_ties": int(row.get("n_ties") or 0),
        }

    @audited(on_workshop("create"))
    def create(
        self,
        *,
        name: str,
        purpose: str | None = None,
        municipality: str | None = None,
        date: str | None = None,
        start_from: str = "empty",
        start_id: str | None = None,
        radius: int = 1,
        workshop_id: str | None = None,
    ) -> dict[str, Any]:
        """Create a workshop and fill its scope from its start.

        ``start_from``: ``"empty"``; ``"project"`` (its participants) or ``"actor"`` (the
        actor and its neighbours within ``radius`` steps, shared projects counting as a
        step, as on the ego map). Raises :class:`ValidationError` for an unknown start and
        :class:`ConflictError` when ``workshop_id`` is taken.
        """
        scope = self._start_scope(start_from, start_id, radius)
        props = {
            "name": name,
            "purpose": purpose,
            "municipality": municipality,
            "date": date,
            "start_from": start_from,
            "start_id": start_id,
            "created": _now(),
        }
        props = {k: v for k, v in props.items() if v is not None}
        base, n = workshop_id or slugify(name), 1
        candidate = base
        # MERGE claims the id atomically: two forms sent at once get two workshops.
        while not self.store.run(
            "workshops/create_workshop", id=candidate, token=secrets.token_hex(8), props=props
        )[0]["created"]:
            if workshop_id is not None:
                raise ConflictError(f"workshop {workshop_id!r} already exists")
            n += 1
            candidate = f"{base}-{n}"
        if scope:
            self.store.run(
                "workshops/include_actors", id=candidate, ids=sorted(scope), added_here=False
            )
        return self.get(candidate)

    def _start_scope(self, start_from: str, start_id: str | None, radius: int) -> set[str]:
        if start_from == "empty":
            return set()
        if start_from not in START_FROM:
            raise ValidationError(f"start_from must be one of {', '.join(START_FROM)}")
        if not start_id:
            raise ValidationError(
                f"a workshop started from a {start_from} needs its id (start_id)",
                details=[Problem("missing", column="start_id")],
            )
        if start_from == "project":
            if self.graphsvc.get_item("projects", start_id) is None:
                raise ValidationError(
                    f"no project {start_id!r}",
                    details=[Problem("no such project", column="start_id", value=start_id)],
                )
            rows = self.store.run("projects/get_project_ties", id=start_id)
            participation_ids = rows[0]["participations"] if rows else []
            found = self.store.run("participations/get_participations", ids=participation_ids)
            return {row["actor_id"] for row in found}
        if self.graphsvc.get_item("actors", start_id) is None:
            raise ValidationError(
                f"no actor {start_id!r}",
                details=[Problem("no such actor", column="start_id", value=start_id)],
            )
        graph = actor_graph(self.graphsvc.network())
        if start_id not in graph:
            return {start_id}
        return set(nx.ego_graph(graph, start_id, radius=radius))

    @audited(on_workshop("update"))
    def update(self, workshop_id: str, changes: dict[str, Any]) -> dict[str, Any]:
        """Change name, purpose, municipality or date (``None`` clears a field)."""
        self.get(workshop_id)
        if changes:
            self.store.run("workshops/update_workshop", id=workshop_id, props=changes)
        return self.get(workshop_id)

    @audited(on_workshop("delete"))
    def delete(self, workshop_id: str) -> None:
        """Delete a workshop and its snapshots (its actors and ties stay)."""
        self.get(workshop_id)
        self.store.run("workshops/delete_workshop", id=workshop_id)

    def version(self, workshop_id: str) -> int | None:
        """The workshop's change counter, or ``None`` when it does not exist."""
        rows = self.store.run("workshops/get_workshop_version", id=workshop_id)
        return int(rows[0]["version"] or 0) if rows else None

    def identity(self, workshop_id: str) -> tuple[str, int] | None:
        """``(token, version)``: what results about the workshop are cached by (a workshop
        deleted and made again under the same id has a new token)."""
        rows = self.store.run("workshops/get_workshop_version", id=workshop_id)
        return (str(rows[0]["token"]), int(rows[0]["version"] or 0)) if rows else None

    def _bump(self, workshop_id: str) -> int:
        rows = self.store.run("workshops/bump_workshop", id=workshop_id)
        if not rows:
            raise NotFoundError(f"no workshop {workshop_id!r}")
        return int(rows[0]["version"])

    # ------------------------------------------------------------ state

    def state(self, workshop_id: str) -> dict[str, Any]:
        """Actors with their grid places, the ties between them, and their shared projects.

        Names are real: callers pseudonymise for readers who may not see them.
        """
        workshop = self.get(workshop_id)
        source = workshop_source(workshop_id)
        actors = [
            {
                **self._actor_facts(row["props"]),
                "added_here": bool(row["added_here"]),
                "grid": _grid(row),
            }
            for row in self.store.run("workshops/list_workshop_actors", id=workshop_id)
        ]
        ties = [
            {
                "id": row["props"]["id"],
                "source_id": row["source_id"],
                "target_id": row["target_id"],
                "kind": row["props"].get("kind"),
                "status": row["props"].get("status") or "existing",
                "added_here": source in (row["props"].get("sources") or []),
                "etag": _etag(row["props"].get("rev")),
            }
            for row in self.store.run("workshops/list_workshop_ties", id=workshop_id)
        ]
        start_project = workshop["start_id"] if workshop["start_from"] == "project" else None
        projects = [
            {
                "id": r["id"],
                "name": r["name"],
                "theme": r["theme"],
                "actor_ids": sorted(r["actor_ids"]),
            }
            for r in self.store.run(
                "workshops/list_workshop_projects", id=workshop_id, start_project=start_project
            )
        ]
        return {
            "workshop": workshop,
            "version": workshop["version"],
            "actors": actors,
            "ties": ties,
            "projects": projects,
        }

    @staticmethod
    def _actor_facts(props: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": props["id"],
            "name": props.get("name"),
            "kind": props.get("kind"),
            "sector": props.get("sector"),
            "scale": props.get("scale"),
            "locality": props.get("locality"),
            "is_person": bool(props.get("is_person")),
            "consent_to_publish": bool(props.get("consent_to_publish")),
        }

    def _state_actor(self, workshop_id: str, actor_id: str) -> dict[str, Any]:
        for actor in self.state(workshop_id)["actors"]:
            if actor["id"] == actor_id:
                return dict(actor)
        raise NotFoundError(f"actor {actor_id!r} is not in workshop {workshop_id!r}")

    # ------------------------------------------------------------ edits

    @audited(on_workshop("include"))
    def add_actor(self, workshop_id: str, body: dict[str, Any]) -> tuple[dict[str, Any], bool, int]:
        """Include an existing actor (``{"id"}``) or create one (``{"name", "kind", …}``).

        Returns ``(actor as in the state, created, version)``. A new actor whose name is
        taken (ignoring case and spaces) is refused with :class:`ConflictError`, whose
        detail carries the existing id: the page offers that actor instead.
        """
        self.get(workshop_id)
        actor_id = body.get("id")
        created = False
        if actor_id and self.graphsvc.get_item("actors", actor_id) is not None:
            self.store.run(
                "workshops/include_actors", id=workshop_id, ids=[actor_id], added_here=False
            )
        elif actor_id and not body.get("name"):
            raise NotFoundError(f"no actor {actor_id!r}")
        elif not body.get("name"):
            raise ValidationError(
                "give the id of an existing actor, or a name, kind and sector for a new one",
                details=[Problem("missing", column="name")],
            )
        else:
            actor_id = self._create_actor(workshop_id, body)
            created = True
        version = self._bump(workshop_id)
        return self._state_actor(workshop_id, actor_id), created, version

    def _create_actor(self, workshop_id: str, body: dict[str, Any]) -> str:
        name = str(body["name"]).strip()
        same = self.store.run("actors/find_actor_by_name", text=name.lower())
        if same:
            existing = same[0]["id"]
            raise ConflictError(
                f"an actor named {same[0]['name']!r} exists already (id {existing!r}); "
                "add that one instead",
                details=[Problem("an actor has this name", column="name", value=existing)],
            )
        kind = body.get("kind")
        data = {
            key: value
            for key, value in body.items()
            if key
            in (
                "id",
                "name",
                "kind",
                "sector",
                "scale",
                "locality",
                "description",
                "tags",
                "is_person",
                "legal_basis",
                "consent_to_publish",
            )
            and value is not None
        }
        data["name"] = name
        data.setdefault("scale", str(DEFAULT_SCALE.get(str(kind), Scale.LOCAL)))
        if kind == ActorKind.PERSON:
            data["is_person"] = True
        if data.get("is_person"):  # an id made from a person's name would name them
            data["id"] = data.get("id") or f"person-{secrets.token_hex(6)}"
        data["id"] = data.get("id") or self._free_actor_id(slugify(name))
        data["sources"] = [workshop_source(workshop_id)]
        self.graphsvc.create_item("actors", data)
        self.store.run(
            "workshops/include_actors", id=workshop_id, ids=[data["id"]], added_here=True
        )
        return str(data["id"])

    def _free_actor_id(self, base: str) -> str:
        candidate, n = base, 1
        while self.graphsvc.id_taken(candidate):  # actors and projects share ids
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    @audited(on_workshop("exclude"))
    def remove_actor(self, workshop_id: str, actor_id: str) -> dict[str, Any]:
        """Take an actor out of the workshop, with the ties the workshop added to it.

        The actor itself is deleted only when this workshop created it and nothing else
        refers to it (no other tie or participation, no other workshop).
        """
        self.get(workshop_id)
        state = self.state(workshop_id)
        if not any(a["id"] == actor_id for a in state["actors"]):
            raise NotFoundError(f"actor {actor_id!r} is not in workshop {workshop_id!r}")
        own_ties = [
            t["id"]
            for t in state["ties"]
            if t["added_here"] and actor_id in (t["source_id"], t["target_id"])
        ]
        if own_ties:
            with self.graphsvc.writing(
                "delete", "collaborations", items={"collaborations": own_ties}
            ):
                self.store.run("collaborations/delete_collaborations", ids=own_ties)
        rows = self.store.run("workshops/exclude_actor", id=workshop_id, actor_id=actor_id)
        added_here = bool(rows and rows[0]["added_here"])
        deleted_actor = False
        if added_here:
            dependents = self.graphsvc.item_dependents("actors", actor_id)
            others = self.store.run(
                "workshops/count_other_workshops", id=workshop_id, actor_id=actor_id
            )
            if not any(dependents.values()) and not int(others[0]["n"]):
                self.graphsvc.delete_item("actors", actor_id)  # snapshots forget a person
                deleted_actor = True
        return {
            "removed": actor_id,
            "deleted_actor": deleted_actor,
            "deleted_ties": sorted(own_ties),
            "version": self._bump(workshop_id),
        }

    @audited(on_workshop("add_tie"))
    def add_tie(self, workshop_id: str, body: dict[str, Any]) -> tuple[dict[str, Any], int]:
        """Create a collaboration between two actors of the workshop."""
        state = self.state(workshop_id)
        members = {a["id"] for a in state["actors"]}
        problems = [
            Problem("is not an actor of this workshop", column=end, value=body.get(end))
            for end in ("source_id", "target_id")
            if body.get(end) not in members
        ]
        if problems:
            raise ValidationError("a tie joins two actors of the workshop", details=problems)
        if body["source_id"] == body["target_id"]:
            raise ValidationError(
                "a tie joins two different actors",
                details=[Problem("same as source_id", column="target_id")],
            )
        # not built from the actors' ids: a person's id may be their name
        tie_id = body.get("id") or f"tie-{secrets.token_hex(6)}"
        data = {
            "id": tie_id,
            "source_id": body["source_id"],
            "target_id": body["target_id"],
            "kind": body["kind"],
            "status": body.get("status") or "existing",
            "sources": [workshop_source(workshop_id)],
        }
        stored = self.graphsvc.create_item("collaborations", data)
        version = self._bump(workshop_id)
        tie = {
            "id": tie_id,
            "source_id": data["source_id"],
            "target_id": data["target_id"],
            "kind": data["kind"],
            "status": data["status"],
            "added_here": True,
            "etag": _etag(stored.rev),
        }
        return tie, version

    @audited(on_workshop("remove_tie"))
    def remove_tie(
        self, workshop_id: str, tie_id: str, *, if_match: list[str] | None = None
    ) -> int:
        """Delete a tie this workshop added (others belong to the graph: 409).

        With ``if_match`` (the revs the page saw), a tie changed since answers 412.
        """
        state = self.state(workshop_id)
        tie = next((t for t in state["ties"] if t["id"] == tie_id), None)
        if tie is None:
            raise NotFoundError(f"no tie {tie_id!r} in workshop {workshop_id!r}")
        if not tie["added_here"]:
            raise ConflictError(
                f"tie {tie_id!r} was not added in this workshop; change it in the data instead"
            )
        self.graphsvc.delete_item("collaborations", tie_id, if_match=if_match)
        return self._bump(workshop_id)

    @audited(on_workshop("place"))
    def place(
        self, workshop_id: str, actor_id: str, grid: dict[str, Any]
    ) -> tuple[dict[str, Any], int]:
        """Put an actor on the stakeholder grid (or off it, with nulls)."""
        self.get(workshop_id)
        rows = self.store.run(
            "workshops/set_grid_place",
            id=workshop_id,
            actor_id=actor_id,
            power=grid.get("power"),
            interest=grid.get("interest"),
            attitude=grid.get("attitude"),
        )
        if not rows:
            raise NotFoundError(f"actor {actor_id!r} is not in workshop {workshop_id!r}")
        return _grid(grid), self._bump(workshop_id)

    # ------------------------------------------------------------ analyses

    def scope_network(
        self,
        state: dict[str, Any],
        *,
        include_proposed: bool = True,
        tables: dict[str, pd.DataFrame] | None = None,
    ) -> tuple[nx.MultiDiGraph, nx.MultiDiGraph]:
        """``(scope, whole)``: the workshop's actors and projects, and the whole network
        (of ``tables``, by default the graph's: pseudonymised tables for a masked state).

        Proposed ties count by default: in a workshop they are the plan being discussed.
        """
        if tables is None:
            tables = self.graphsvc.tables()
        whole = build_network(tables, include_proposed=include_proposed)
        keep = {a["id"] for a in state["actors"]} | {p["id"] for p in state["projects"]}
        scope = whole.subgraph(n for n in keep if n in whole).copy()
        return scope, whole

    def analysis(self, workshop_id: str, *, include_proposed: bool = True) -> dict[str, Any]:
        """Bridging on the workshop's scope, anchoring of its projects on the whole graph:
        the recorded score every surface shows and, when ``include_proposed``, the score
        with the proposed ties and participations (the plans), labelled apart."""
        state = self.state(workshop_id)
        scope, _whole = self.scope_network(state, include_proposed=include_proposed)
        measures = self.measures(scope)
        actors: list[dict[str, Any]] = []
        for actor_id, row in measures.iterrows():
            actors.append(
                {
                    "id": str(actor_id),
                    "name": row.get("name"),
                    "degree": int(row.get("degree") or 0),
                    "betweenness": float(row.get("betweenness") or 0.0),
                    "total": int(row.get("total") or 0),
                    "constraint": None
                    if pd.isna(row.get("constraint"))
                    else float(row["constraint"]),
                    "is_articulation": bool(row.get("is_articulation")),
                    "role_en": row.get("role_en") or "",
                    "role_da": row.get("role_da") or "",
                }
            )
        actors.sort(key=lambda a: (-a["betweenness"], a["id"]))
        project_ids = [p["id"] for p in state["projects"]]
        projects: list[dict[str, Any]] = []
        if project_ids:
            # One anchoring figure everywhere (#12): the score the CLI, the API and the maps
            # show, from the recorded network; the plans (proposed ties) give a second score,
            # labelled as such on the page, never in place of the first.
            recorded = self.graphsvc.anchoring()
            planned = self.graphsvc.anchoring(include_proposed=True) if include_proposed else None
            for project in project_ids:
                found: Any = recorded.loc[project] if project in recorded.index else None
                plan: Any = (
                    planned.loc[project]
                    if planned is not None and project in planned.index
                    else None
                )
                if found is None and plan is None:
                    continue
                shown = found if found is not None else plan
                projects.append(
                    {
                        "id": project,
                        "name": shown["name"],
                        "score": _score(found["score"]) if found is not None else None,
                        "band": found["band"] if found is not None else "insufficient",
                        "score_with_proposed": _score(plan["score"]) if plan is not None else None,
                        "band_with_proposed": plan["band"] if plan is not None else None,
                        "explanation_en": shown["explanation_en"],
                        "explanation_da": shown["explanation_da"],
                    }
                )
        return {"version": state["version"], "actors": actors, "projects": projects}

    @staticmethod
    def measures(scope: nx.MultiDiGraph) -> pd.DataFrame:
        """Bridging measures of the actors of a scope (empty frame for an empty scope)."""
        graph = actor_graph(scope)
        if graph.number_of_nodes() == 0:
            return pd.DataFrame(columns=["name", *MEASURES, "is_articulation"])
        return bridging_roles(graph, seed=0, permutations=200).actors

    # ------------------------------------------------------------ snapshots

    def frozen(self, workshop_id: str) -> dict[str, Any]:
        """The state as a snapshot keeps it: actors, ties, grid and measures."""
        state = self.state(workshop_id)
        scope, _whole = self.scope_network(state)
        table = self.measures(scope)
        measures = {
            str(actor_id): {
                m: (None if pd.isna(row.get(m)) else round(float(row[m]), 6)) for m in MEASURES
            }
            for actor_id, row in table.iterrows()
        }
        return {
            "version": state["version"],
            "actors": [
                {
                    k: a[k]
                    for k in (
                        "id",
                        "name",
                        "kind",
                        "sector",
                        "is_person",
                        "consent_to_publish",
                        "grid",
                    )
                }
                for a in state["actors"]
            ],
            "ties": [
                {k: t[k] for k in ("id", "source_id", "target_id", "kind", "status")}
                for t in state["ties"]
            ],
            "measures": measures,
        }

    @audited(on_workshop("snapshot"))
    def snapshot(self, workshop_id: str, note: str) -> dict[str, Any]:
        """Freeze the workshop's state with a note."""
        data = self.frozen(workshop_id)
        snapshot = {
            "id": f"{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S}-{secrets.token_hex(3)}",
            "note": note,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
            "version": data["version"],
            "n_actors": len(data["actors"]),
            "n_ties": len(data["ties"]),
            "data": json.dumps(data, ensure_ascii=False, sort_keys=True),
        }
        rows = self.store.run("workshops/create_snapshot", id=workshop_id, snapshot=snapshot)
        return self._snapshot_public(rows[0]["props"])

    @staticmethod
    def _snapshot_public(props: dict[str, Any]) -> dict[str, Any]:
        return {
            k: props.get(k)
            for k in ("id", "workshop_id", "note", "created", "version", "n_actors", "n_ties")
        }

    def snapshots(self, workshop_id: str) -> list[dict[str, Any]]:
        """The workshop's snapshots, oldest first (without their data)."""
        self.get(workshop_id)
        return [dict(row) for row in self.store.run("workshops/list_snapshots", id=workshop_id)]

    def snapshot_data(self, workshop_id: str, snapshot_id: str) -> dict[str, Any]:
        """What a snapshot froze; ``"current"`` is the state now."""
        if snapshot_id == "current":
            return self.frozen(workshop_id)
        self.get(workshop_id)
        rows = self.store.run("workshops/get_snapshot", id=workshop_id, snapshot_id=snapshot_id)
        if not rows:
            raise NotFoundError(f"no snapshot {snapshot_id!r} of workshop {workshop_id!r}")
        data: dict[str, Any] = json.loads(rows[0]["props"]["data"])
        return data


def _etag(rev: str | None) -> str | None:
    """An item's rev as the HTTP ETag the page sends back in ``If-Match``."""
    return f'"{rev}"' if rev else None


def _score(value: Any) -> float | None:
    """A score for JSON: missing (not enough data) as ``None``."""
    return None if value is None or value != value else float(value)
