"""Hand-made tables for the snapshot / anchoring / what-if / paths tests.

Import explicitly (``from tests.analysis.fixtures_tables import ...``). Rows are built through the
pydantic models and :func:`graphsvc.io.tables.items_frame`, so they have exactly the
shape ``read_tables`` gives the analyses.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from graphsvc.io.reading import read_tables
from graphsvc.io.tables import items_frame
from graphsvc.model import Actor, Collaboration, Participation, Project

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seed"


def actor(
    id: str,
    sector: str,
    *,
    kind: str = "association",
    scale: str = "local",
    locality: str | None = "DK-410",
    name: str | None = None,
) -> Actor:
    return Actor(id=id, name=name or id, kind=kind, sector=sector, scale=scale, locality=locality)


def project(
    id: str, *, localities: list[str] | None = None, theme: str = "community", **kw: Any
) -> Project:
    return Project(
        id=id,
        name=kw.pop("name", id),
        theme=theme,
        localities=localities if localities is not None else ["DK-410"],
        **kw,
    )


def part(actor_id: str, project_id: str, role: str = "partner", **kw: Any) -> Participation:
    default_id = f"{actor_id}-in-{project_id}-{role}".replace("_", "-")
    return Participation(
        id=kw.pop("id", default_id), actor_id=actor_id, project_id=project_id, role=role, **kw
    )


def tie(source: str, target: str, kind: str = "partnership", **kw: Any) -> Collaboration:
    default_id = f"{source}-{kind}-{target}".replace("_", "-")
    return Collaboration(
        id=kw.pop("id", default_id), source_id=source, target_id=target, kind=kind, **kw
    )


def tables(
    actors: Sequence[Actor],
    projects: Sequence[Project] = (),
    participations: Sequence[Participation] = (),
    collaborations: Sequence[Collaboration] = (),
) -> dict[str, pd.DataFrame]:
    return {
        "actors": items_frame("actors", actors),
        "projects": items_frame("projects", projects),
        "participations": items_frame("participations", participations),
        "collaborations": items_frame("collaborations", collaborations),
    }


def seed_tables() -> dict[str, pd.DataFrame]:
    """The seed data (``seed/*.csv``) through ``read_tables``, as the analyses get it."""
    return read_tables(SEED)
