"""Networks for the map tests and the map bench, in the shape of ``build_network``.

``hand_made()`` is small and covers every case the maps draw (a directed tie, a proposed
tie, an ended tie, a person without consent, a name that tries to inject a script).
``synthetic(n)`` spreads ``n`` actors over the 98 Danish municipalities with a
heavy-tailed degree (preferential attachment) and ``n // 8`` projects.
"""

from __future__ import annotations

import random

import networkx as nx
import pandas as pd

from graphsvc.reference import municipalities

EVIL = "<script>alert(1)</script>"


def _actor(name: str, kind: str, sector: str, locality: str | None, **extra) -> dict:
    data = {
        "type": "actor",
        "name": name,
        "kind": kind,
        "sector": sector,
        "scale": extra.pop("scale", "local"),
        "locality": locality,
        "region": extra.pop("region", None),
        "is_person": extra.pop("is_person", False),
        "consent_to_publish": extra.pop("consent_to_publish", False),
        "tags": extra.pop("tags", []),
        "description": extra.pop("description", None),
        "sources": extra.pop("sources", ["seed:001_c19b46e5f2d43751"]),
    }
    data.update(extra)
    return data


def hand_made() -> nx.MultiDiGraph:
    """Eleven actors, three projects, participations and collaborations."""
    g = nx.MultiDiGraph()
    g.add_node(
        "middelfart-kommune",
        **_actor(
            "Middelfart Kommune",
            "municipality",
            "public",
            "DK-410",
            scale="municipal",
            region="Syddanmark",
        ),
    )
    g.add_node(
        "jobcenter-middelfart",
        **_actor("Jobcenter Middelfart", "state_agency", "public", "DK-410", region="Syddanmark"),
    )
    g.add_node(
        "frivilligcenter-middelfart",
        **_actor(
            "Frivilligcenter Middelfart",
            "volunteer_centre",
            "civil_society",
            "DK-410",
            region="Syddanmark",
            tags=["frivillighed"],
            description="Lokalt frivilligcenter.",
        ),
    )
    g.add_node(
        "middelfart-if",
        **_actor("Middelfart IF", "association", "civil_society", "DK-410", region="Syddanmark"),
    )
    g.add_node(
        "trygfonden", **_actor("TrygFonden", "foundation", "philanthropic", None, scale="national")
    )
    g.add_node(
        "velux-fonden",
        **_actor("Velux Fonden", "foundation", "philanthropic", None, scale="national"),
    )
    g.add_node(
        "slagelse-kommune",
        **_actor(
            "Slagelse Kommune",
            "municipality",
            "public",
            "DK-330",
            scale="municipal",
            region="Sjælland",
        ),
    )
    g.add_node(
        "absalon",
        **_actor(
            "Professionshøjskolen Absalon",
            "university",
            "knowledge",
            "DK-330",
            scale="regional",
            region="Sjælland",
        ),
    )
    g.add_node("symb", **_actor("SYMB", "company", "private", "DK-101", region="Hovedstaden"))
    g.add_node(
        "evil",
        **_actor(
            EVIL,
            "association",
            "civil_society",
            "DK-101",
            description='<img src=x onerror="alert(2)">',
            tags=["<b>bold</b>"],
            sources=["<a href='http://evil'>x</a>"],
        ),
    )
    g.add_node(
        "mentor-anna",
        **_actor(
            "Anna Hansen", "person", "citizen", "DK-410", is_person=True, consent_to_publish=False
        ),
    )
    g.add_node(
        "mentorordning",
        type="project",
        name="Frivillige sociale mentorer",
        theme="employment",
        localities=["DK-410"],
        start_date="2011-01-01",
        end_date=None,
        status="active",
    )
    g.add_node(
        "velfaerdsinnovation",
        type="project",
        name="Velfærdsinnovation mellem kommune og civilsamfund",
        theme="research",
        localities=["DK-330"],
        start_date="2019-01-15",
        end_date="2022-12-31",
        status="ended",
    )
    g.add_node(
        "legepatruljen",
        type="project",
        name="Legepatruljen",
        theme="health_prevention",
        localities=["DK-410", "DK-101"],
        start_date="2010-01-01",
        end_date="2014-06-30",
        status="ended",
    )

    def part(actor: str, project: str, role: str, **extra) -> None:
        g.add_edge(
            actor,
            project,
            key=f"p-{actor}-{project}",
            id=f"p-{actor}-{project}",
            type="participation",
            role=role,
            status=extra.get("status", "existing"),
            start_date=extra.get("start_date"),
            end_date=extra.get("end_date"),
            amount=extra.get("amount"),
            currency=extra.get("currency"),
        )

    part("jobcenter-middelfart", "mentorordning", "lead")
    part("frivilligcenter-middelfart", "mentorordning", "coordinator")
    part("mentor-anna", "mentorordning", "volunteer")
    part("trygfonden", "mentorordning", "funder", amount=500000.0, currency="DKK")
    part("absalon", "velfaerdsinnovation", "lead")
    part("slagelse-kommune", "velfaerdsinnovation", "partner")
    part("symb", "velfaerdsinnovation", "partner")
    part("velux-fonden", "velfaerdsinnovation", "funder", amount=9000000.0, currency="DKK")
    part("trygfonden", "legepatruljen", "funder", end_date="2014-06-30")
    part("middelfart-if", "legepatruljen", "partner", end_date="2014-06-30")
    part("evil", "legepatruljen", "partner", status="proposed")

    def tie(a: str, b: str, kind: str, **extra) -> None:
        key = f"c-{a}-{b}-{kind}"
        g.add_edge(
            a,
            b,
            key=key,
            id=key,
            type="collaboration",
            kind=kind,
            directed=extra.get("directed", False),
            weight=extra.get("weight", 1.0),
            status=extra.get("status", "existing"),
            start_date=extra.get("start_date"),
            end_date=extra.get("end_date"),
        )

    tie("middelfart-kommune", "jobcenter-middelfart", "agreement")
    tie("jobcenter-middelfart", "frivilligcenter-middelfart", "partnership", weight=3.0)
    tie("frivilligcenter-middelfart", "middelfart-if", "membership")
    tie("trygfonden", "frivilligcenter-middelfart", "funding", directed=True)
    tie("frivilligcenter-middelfart", "mentor-anna", "mentoring", directed=True)
    tie("middelfart-kommune", "middelfart-if", "referral", status="proposed")
    tie("trygfonden", "middelfart-if", "funding", directed=True, end_date="2014-06-30")
    tie("slagelse-kommune", "absalon", "knowledge_exchange")
    tie("absalon", "symb", "partnership")
    tie(
        "velux-fonden",
        "absalon",
        "funding",
        directed=True,
        start_date="2019-01-15",
        end_date="2022-12-31",
    )
    tie("evil", "middelfart-if", "partnership")
    return g


def hand_made_measures(g: nx.MultiDiGraph) -> pd.DataFrame:
    actors = sorted(n for n, d in g.nodes(data=True) if d["type"] == "actor")
    simple = nx.Graph(g.to_undirected())
    btw = nx.betweenness_centrality(simple)
    total = {a: 0.0 for a in actors}
    total["frivilligcenter-middelfart"] = 40.0
    total["trygfonden"] = 6.0
    total["absalon"] = 5.0
    rows = {
        a: {
            "degree": g.degree(a),
            "betweenness": btw[a],
            "total": total[a],
            "constraint": 0.5,
            "community": 0 if g.nodes[a].get("locality") in ("DK-410", None) else 1,
            "role_en": "Bridges the municipality and associations"
            if a == "frivilligcenter-middelfart"
            else None,
            "role_da": "Bygger bro mellem kommunen og foreningerne"
            if a == "frivilligcenter-middelfart"
            else None,
        }
        for a in actors
    }
    return pd.DataFrame.from_dict(rows, orient="index")


KINDS = [
    ("association", "civil_society", 30),
    ("municipality", "public", 4),
    ("volunteer_centre", "civil_society", 4),
    ("school", "knowledge", 8),
    ("company", "private", 8),
    ("foundation", "philanthropic", 3),
    ("national_ngo", "civil_society", 5),
    ("housing_organisation", "civil_society", 5),
    ("citizen_group", "citizen", 6),
    ("hospital", "public", 2),
    ("university", "knowledge", 2),
    ("state_agency", "public", 3),
    ("network", "civil_society", 3),
]
THEMES = [
    "health_prevention",
    "socially_vulnerable",
    "employment",
    "education",
    "social_housing",
    "children_youth",
    "elderly",
    "community",
]
TIE_KINDS = [
    "partnership",
    "partnership",
    "partnership",
    "funding",
    "membership",
    "knowledge_exchange",
    "referral",
    "mentoring",
    "agreement",
]


def synthetic(n: int, seed: int = 7, *, projects: int | None = None) -> nx.MultiDiGraph:
    """``n`` actors over the 98 DK municipalities, heavy-tailed degree, ``n // 8`` projects."""
    rng = random.Random(seed)
    dk = sorted(loc for loc, m in municipalities().items() if m.country == "DK")
    regions = {loc: municipalities()[loc].region for loc in dk}
    weights = [1.0 / (i + 1) ** 0.8 for i in range(len(dk))]  # big cities have more actors
    kinds = [k for k, _, w in KINDS for _ in range(w)]
    sector_of = {k: s for k, s, _ in KINDS}
    g = nx.MultiDiGraph()
    ids = [f"a{i:05d}" for i in range(n)]
    for i, a in enumerate(ids):
        kind = kinds[rng.randrange(len(kinds))]
        national = kind in ("foundation", "national_ngo", "state_agency") and rng.random() < 0.7
        loc = None if national else rng.choices(dk, weights)[0]
        g.add_node(
            a,
            **_actor(
                f"Aktør {i} {kind.replace('_', ' ')}",
                kind,
                sector_of[kind],
                loc,
                scale="national" if national else "local",
                region=regions.get(loc) if loc else None,
                sources=[f"synthetic:{seed}"],
            ),
        )
    # Heavy-tailed collaboration ties: preferential attachment.
    ba = nx.barabasi_albert_graph(n, 2, seed=seed) if n > 3 else nx.path_graph(n)
    for j, (u, v) in enumerate(sorted(ba.edges())):
        kind = TIE_KINDS[rng.randrange(len(TIE_KINDS))]
        key = f"c{j:06d}"
        status = "proposed" if rng.random() < 0.05 else "existing"
        end = "2015-12-31" if rng.random() < 0.1 else None
        g.add_edge(
            ids[u],
            ids[v],
            key=key,
            id=key,
            type="collaboration",
            kind=kind,
            directed=kind in ("funding", "referral", "mentoring"),
            weight=float(rng.choice([1, 1, 1, 2, 3])),
            status=status,
            start_date="2012-01-01",
            end_date=end,
        )
    by_loc: dict[str | None, list[str]] = {}
    for a in ids:
        by_loc.setdefault(g.nodes[a]["locality"], []).append(a)
    national_ids = by_loc.get(None, []) or ids[:5]
    for p in range(projects if projects is not None else max(1, n // 8)):
        pid = f"p{p:05d}"
        loc = rng.choices(dk, weights)[0]
        g.add_node(
            pid,
            type="project",
            name=f"Projekt {p}",
            theme=rng.choice(THEMES),
            localities=[loc],
            start_date="2013-01-01",
            end_date=rng.choice([None, "2016-12-31"]),
            status="active",
        )
        local = by_loc.get(loc, [])
        members = rng.sample(local, min(len(local), rng.randint(1, 5)))
        members += rng.sample(national_ids, min(len(national_ids), rng.randint(0, 2)))
        for k, a in enumerate(dict.fromkeys(members)):
            key = f"pp{p:05d}-{k}"
            g.add_edge(
                a,
                pid,
                key=key,
                id=key,
                type="participation",
                role="lead" if k == 0 else rng.choice(["partner", "funder", "volunteer"]),
                status="existing",
                start_date=None,
                end_date=None,
                amount=None,
            )
    return g


def synthetic_measures(g: nx.MultiDiGraph, seed: int = 7) -> pd.DataFrame:
    """Cheap stand-ins for the analysis measures (degree, a heavy-tailed brokerage total)."""
    rng = random.Random(seed)
    rows = {}
    for a, d in g.nodes(data=True):
        if d["type"] != "actor":
            continue
        deg = g.degree(a)
        rows[a] = {
            "degree": deg,
            "betweenness": deg * deg / 1000.0,
            "total": float(deg * rng.random() * 3),
            "constraint": 1.0 / (1 + deg),
            "community": int(a[1:]) % 40,
        }
    return pd.DataFrame.from_dict(rows, orient="index")
