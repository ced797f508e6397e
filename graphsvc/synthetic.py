"""A synthetic national-scale partnership network, for benchmarks and scale tests.

Actors are spread over the 98 Danish municipalities by a Zipf law (a few large
municipalities, many small ones). Each actor gets a Pareto-distributed activity and
ties are drawn Chung–Lu style (endpoint probability proportional to activity), so
degrees are heavy-tailed; most ties stay inside a municipality, the rest cross the
country, which is where national foundations and NGOs sit. Seeded: the same
arguments give the same tables.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from graphsvc.io.tables import COLUMNS, Tables
from graphsvc.reference import municipalities

_KINDS = [
    ("association", "civil_society", "local", 0.40),
    ("municipality", "public", "municipal", 0.0),  # one per municipality, added below
    ("school", "public", "local", 0.12),
    ("company", "private", "local", 0.12),
    ("citizen_group", "citizen", "local", 0.08),
    ("volunteer_centre", "civil_society", "local", 0.03),
    ("housing_organisation", "civil_society", "local", 0.05),
    ("national_ngo", "civil_society", "national", 0.06),
    ("foundation", "philanthropic", "national", 0.04),
    ("university", "knowledge", "regional", 0.03),
    ("hospital", "public", "regional", 0.03),
    ("network", "civil_society", "national", 0.04),
]
_TIE_KINDS = ["partnership", "funding", "membership", "knowledge_exchange", "referral", "mentoring"]
_THEMES = ["health_prevention", "socially_vulnerable", "employment", "education", "social_housing"]


def synthetic_tables(
    actors: int = 100_000,
    collaborations: int = 500_000,
    *,
    projects: int | None = None,
    participations_per_project: int = 6,
    local_share: float = 0.7,
    seed: int = 1,
) -> Tables:
    """Tables (the import layout) of a synthetic heavy-tailed network.

    Parameters
    ----------
    actors, collaborations : int
        Number of actors (at least 98: one municipality each) and of actor–actor ties.
    projects : int, optional
        Number of projects; default one per 50 actors.
    participations_per_project : int
        Mean number of participants per project.
    local_share : float
        Share of ties drawn inside one municipality.
    seed : int
        Random seed.

    Returns
    -------
    dict of DataFrame
        ``actors``, ``projects``, ``participations``, ``collaborations``.
    """
    rng = np.random.default_rng(seed)
    places = sorted(m.locality for m in municipalities().values() if m.country == "DK")
    n_places = len(places)
    if actors < n_places:
        raise ValueError(f"need at least {n_places} actors (one municipality each)")

    place_weight = 1.0 / np.arange(1, n_places + 1) ** 1.1
    place_weight /= place_weight.sum()
    others = actors - n_places
    place_of = np.concatenate([np.arange(n_places), rng.choice(n_places, others, p=place_weight)])
    kinds = [k for k in _KINDS if k[3] > 0]
    kind_p = np.array([k[3] for k in kinds])
    kind_of = rng.choice(len(kinds), others, p=kind_p / kind_p.sum())
    activity = rng.pareto(1.8, actors) + 1.0

    ids = np.array([f"a-{i:06d}" for i in range(actors)])
    kind_col = ["municipality"] * n_places + [kinds[k][0] for k in kind_of]
    sector_col = ["public"] * n_places + [kinds[k][1] for k in kind_of]
    scale_col = ["municipal"] * n_places + [kinds[k][2] for k in kind_of]
    actor_frame = pd.DataFrame(
        {
            "id": ids,
            "name": [f"Aktør {i}" for i in range(actors)],
            "kind": kind_col,
            "sector": sector_col,
            "scale": scale_col,
            "locality": [places[p] for p in place_of],
            "tags": [[] for _ in range(actors)],
            "is_person": False,
            "consent_to_publish": False,
            "sources": [["synthetic"] for _ in range(actors)],
            "evidence": "documented",
        }
    )

    sources, targets = _draw_ties(rng, collaborations, place_of, activity, local_share)
    tie_kind = rng.choice(len(_TIE_KINDS), len(sources))
    starts = rng.integers(2005, 2024, len(sources))
    ended = rng.random(len(sources)) < 0.2
    collab_frame = pd.DataFrame(
        {
            "id": [f"c-{i:07d}" for i in range(len(sources))],
            "source_id": ids[sources],
            "target_id": ids[targets],
            "kind": [_TIE_KINDS[k] for k in tie_kind],
            "directed": [_TIE_KINDS[k] in ("funding", "referral", "mentoring") for k in tie_kind],
            "weight": np.round(1.0 + rng.pareto(3.0, len(sources)), 2),
            "status": np.where(rng.random(len(sources)) < 0.05, "proposed", "existing"),
            "start_date": [f"{y}-01-01" for y in starts],
            "end_date": [
                f"{y + 3}-12-31" if e else None for y, e in zip(starts, ended, strict=True)
            ],
            "sources": [["synthetic"] for _ in range(len(sources))],
            "evidence": "documented",
        }
    )

    n_projects = projects if projects is not None else max(1, actors // 50)
    project_place = rng.choice(n_places, n_projects, p=place_weight)
    project_frame = pd.DataFrame(
        {
            "id": [f"p-{i:05d}" for i in range(n_projects)],
            "name": [f"Projekt {i}" for i in range(n_projects)],
            "theme": [_THEMES[t] for t in rng.choice(len(_THEMES), n_projects)],
            "localities": [[places[p]] for p in project_place],
            "start_date": [f"{y}-01-01" for y in rng.integers(2008, 2024, n_projects)],
            "status": "active",
            "tags": [[] for _ in range(n_projects)],
            "sources": [["synthetic"] for _ in range(n_projects)],
            "evidence": "documented",
        }
    )
    participation_frame = _participations(
        rng, project_frame, project_place, place_of, activity, ids, participations_per_project
    )
    frames = {
        "actors": actor_frame,
        "projects": project_frame,
        "participations": participation_frame,
        "collaborations": collab_frame,
    }
    return {name: frame.reindex(columns=COLUMNS[name]) for name, frame in frames.items()}


def _draw_ties(
    rng: np.random.Generator,
    count: int,
    place_of: np.ndarray,
    activity: np.ndarray,
    local_share: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct unordered pairs, endpoints drawn proportionally to activity."""
    p_all = activity / activity.sum()
    by_place = pd.Series(np.arange(len(place_of))).groupby(place_of).apply(np.asarray)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < count:
        need = int((count - len(pairs)) * 1.1) + 16
        source = rng.choice(len(activity), need, p=p_all)
        target = rng.choice(len(activity), need, p=p_all)
        local = rng.random(need) < local_share
        for place, members in by_place.items():
            picks = np.flatnonzero(local & (place_of[source] == place))
            if len(picks) and len(members) > 1:
                cumulative = np.cumsum(activity[members])
                draws = rng.random(len(picks)) * cumulative[-1]
                target[picks] = members[np.searchsorted(cumulative, draws, side="right")]
        for a, b in zip(source.tolist(), target.tolist(), strict=True):
            if a != b:
                pairs.add((a, b) if a < b else (b, a))
                if len(pairs) == count:
                    break
    chosen = np.array(sorted(pairs))
    return chosen[:, 0], chosen[:, 1]


def _participations(
    rng: np.random.Generator,
    projects: pd.DataFrame,
    project_place: np.ndarray,
    place_of: np.ndarray,
    activity: np.ndarray,
    ids: np.ndarray,
    per_project: int,
) -> pd.DataFrame:
    by_place = pd.Series(np.arange(len(place_of))).groupby(place_of).apply(np.asarray)
    p_all = activity / activity.sum()
    rows = []
    roles = ["partner", "partner", "partner", "volunteer", "host", "evaluator"]
    for index, project_id in enumerate(projects["id"]):
        local = by_place[project_place[index]]
        size = max(2, int(rng.poisson(per_project)))
        members = set(rng.choice(local, min(size - 1, len(local)), replace=False).tolist())
        members.add(int(rng.choice(len(activity), p=p_all)))  # often a national actor
        for position, member in enumerate(sorted(members)):
            role = "lead" if position == 0 else roles[int(rng.integers(len(roles)))]
            rows.append(
                {
                    "id": f"pa-{index:05d}-{member:06d}",
                    "actor_id": ids[member],
                    "project_id": project_id,
                    "role": role,
                    "status": "existing",
                    "sources": ["synthetic"],
                    "evidence": "documented",
                }
            )
    return pd.DataFrame(rows)
