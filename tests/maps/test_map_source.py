"""A map drawn from the kept snapshot reads the same as one drawn from the whole tables.

:meth:`graphsvc.core.Graphsvc.map_html` takes the kept analysis network, pseudonymises it
and reads the full records of what the lens shows only (:mod:`graphsvc.maps.source`).
The reference here is the way maps were drawn before: every item read and validated,
the tables pseudonymised (:func:`graphsvc.privacy.redact_tables`), the network built
from them, bridging measures computed on them. Same HTML for every lens on the seed data,
hidden persons included, also after writes applied to the snapshot incrementally.
"""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest

from graphsvc.analysis.anchoring import anchoring_rows, mark_anchoring
from graphsvc.analysis.bridging import bridging_roles
from graphsvc.analysis.snapshot import actor_graph, build_network
from graphsvc.analysis.whatif import Scenario, apply_scenario
from graphsvc.core import Graphsvc
from graphsvc.maps import AGGREGATE_THRESHOLD, render_map
from graphsvc.maps.lenses import make_view
from graphsvc.maps.payload import read_payload
from graphsvc.maps.source import map_network
from graphsvc.privacy import mask_id, redact_tables

SEED = Path(__file__).resolve().parents[2] / "seed"
HUB = "mentorkoordinator-jobcenter-middelfart"  # a hidden person of the seed


def reference_map(
    graphsvc: Graphsvc,
    lens: str,
    focus: str | None = None,
    *,
    lang: str = "en",
    as_of: str | None = None,
    remove: tuple[str, ...] = (),
    radius: int = 2,
) -> str:
    """The map as ``map_html`` drew it before it used the snapshot (session 12's code)."""
    tables = redact_tables(graphsvc.tables(), graphsvc.pseudonym_key())
    network = build_network(tables, include_proposed=True)
    network.graph["agreements"] = {
        str(row["id"]): row for row in tables["agreements"].to_dict("records")
    }
    measures = bridging_roles(
        actor_graph(build_network(tables, as_of=as_of)), seed=0, permutations=200
    ).actors
    if lens == "project" and focus is not None and focus in network:
        with graphsvc.snapshot.network(as_of=as_of) as whole:
            rows = anchoring_rows(whole, [focus])
            mark_anchoring(network, pd.DataFrame.from_dict(rows, orient="index"))
    elif network.number_of_nodes() <= AGGREGATE_THRESHOLD:
        mark_anchoring(network, graphsvc.anchoring(as_of=as_of))
    removed = None
    if lens == "whatif":
        network, _after, removed = apply_scenario(network, Scenario(remove_actors=remove))
    return render_map(
        network, lens=lens, focus=focus, radius=radius, measures=measures, lang=lang,
        as_of=as_of, size_by="betweenness", removed=removed,
    )  # fmt: skip


@pytest.fixture
def seeded(graphsvc: Graphsvc) -> Graphsvc:
    graphsvc.import_paths([SEED])
    assert len(graphsvc.hidden_persons()) >= 5  # the comparison covers pseudonyms
    return graphsvc


def cases(graphsvc: Graphsvc) -> list[tuple[str, str | None, dict[str, Any]]]:
    hub = mask_id(HUB, graphsvc.pseudonym_key())
    return [
        ("network", None, {}),
        ("network", None, {"lang": "en", "as_of": "2013-06-01"}),
        ("municipality", "DK-410", {}),
        ("municipality", "DK-101", {"lang": "da"}),
        ("project", "legepatruljen", {}),
        ("project", "hr-berg", {"as_of": "2012-01-01"}),
        ("ego", hub, {"radius": 1}),
        ("ego", "kraeftens-bekaempelse", {"lang": "da"}),
        ("brokers", None, {}),
        ("whatif", None, {"remove": ("kraeftens-bekaempelse", hub)}),
    ]


def assert_same_maps(graphsvc: Graphsvc) -> None:
    for lens, focus, options in cases(graphsvc):
        new = graphsvc.map_html(lens, focus, **options)
        old = reference_map(graphsvc, lens, focus, **options)
        assert _differences(read_payload(new), read_payload(old)) == [], (lens, focus, options)
        assert new == old, (lens, focus, options)


def test_every_lens_reads_as_before(seeded: Graphsvc) -> None:
    assert_same_maps(seeded)


def test_after_writes_applied_to_the_snapshot(seeded: Graphsvc) -> None:
    """Writes patch the kept network (no whole read); the maps still equal a full redraw,
    a withdrawn consent included (the person is pseudonymised at once)."""
    seeded.map_html("network")  # the snapshot is kept from here on
    seeded.update_item("projects", "legepatruljen", {"description": "Ny tekst om Kræftens"})
    seeded.update_item("actors", "kraeftens-bekaempelse", {"tags": ["ny", "sundhed"]})
    seeded.delete_item("collaborations", _a_collaboration(seeded))
    assert_same_maps(seeded)
    assert seeded.snapshot.last_update == "changes"


def _a_collaboration(graphsvc: Graphsvc) -> str:
    return str(graphsvc.analysis_tables()["collaborations"]["id"].iloc[0])


def _differences(new: Any, old: Any, at: str = "") -> list[str]:
    """Where two payloads differ (paths), the first few: a readable failure."""
    if isinstance(new, dict) and isinstance(old, dict):
        found = [f"{at}/{k}: only one side" for k in sorted(set(new) ^ set(old), key=str)]
        for k in sorted(set(new) & set(old), key=str):
            found += _differences(new[k], old[k], f"{at}/{k}")
        return found[:8]
    if isinstance(new, list) and isinstance(old, list) and len(new) == len(old):
        return [d for i, (a, b) in enumerate(zip(new, old, strict=True))
                for d in _differences(a, b, f"{at}[{i}]")][:8]  # fmt: skip
    return [] if new == old else [f"{at}: {new!r} != {old!r}"[:300]]


def test_an_overview_reads_as_before(seeded: Graphsvc) -> None:
    """Above the threshold the map draws groups from a read-only view of the kept
    pseudonymised network (no copy, no records read): the same page as before. The seed
    is small, so the threshold is lowered to draw its 119 actors as groups."""
    key, hidden = seeded.pseudonym_key(), seeded.hidden_persons()
    tables = redact_tables(seeded.tables(), key)
    old = build_network(tables, include_proposed=True)
    measures = bridging_roles(actor_graph(build_network(tables)), seed=0, permutations=200).actors
    for options in ({}, {"aggregate_by": "municipality", "drilldown_url": "m?id={key}"}):
        with seeded.snapshot.network(include_proposed=True) as whole:
            new = map_network(
                whole, seeded.store, hidden, key, lens="network", focus=None, radius=2,
                measures=measures, threshold=50, version=seeded.snapshot.version,
            )  # fmt: skip
            assert new.is_directed() and nx.is_frozen(new)
            page = render_map(new, measures=measures, aggregate_threshold=50, **options)
        assert page == render_map(old, measures=measures, aggregate_threshold=50, **options)
        assert '"group:' in page


def test_the_kept_pseudonymised_network_names_no_one_and_is_one(seeded: Graphsvc) -> None:
    """The kept copy's key holds no hidden person's id or name; a new version replaces it
    (never two whole copies); with no one hidden, or after an erasure, none is kept."""
    from graphsvc import gdpr  # noqa: PLC0415
    from graphsvc.maps import source  # noqa: PLC0415

    seeded.map_html("ego", seeded.public_id(HUB))
    assert len(source._KEPT) == 1
    hidden = seeded.hidden_persons()
    key_text = repr(list(source._KEPT))
    for ident, name in hidden.items():
        assert ident not in key_text and (not name or name not in key_text)
    seeded.update_item("actors", "kraeftens-bekaempelse", {"tags": ["ny"]})
    seeded.map_html("network")
    assert len(source._KEPT) == 1 and repr(list(source._KEPT)) != key_text
    gdpr.erase(seeded, HUB)
    assert source._KEPT == {}
    for ident in seeded.hidden_persons():  # each consents: nobody hidden
        seeded.update_item("actors", ident, {"consent_to_publish": True})
    seeded.map_html("network")
    assert source._KEPT == {}


def test_a_maps_network_leaves_the_kept_one_as_it_was(seeded: Graphsvc) -> None:
    """A map's network shares the kept network's data outside what it shows (no copy of a
    national network per map): drawing every lens, anchoring figures and full records
    put on the shown items included, leaves the kept network and its pseudonymised copy
    as they were; the map's network is frozen, and carries the full records itself."""
    from graphsvc.maps import source  # noqa: PLC0415

    def data(network: nx.MultiDiGraph) -> tuple[Any, Any]:
        return (
            deepcopy(dict(network.nodes(data=True))),
            deepcopy(sorted(network.edges(keys=True, data=True), key=repr)),
        )

    seeded.map_html("ego", seeded.public_id(HUB))  # the pseudonymised copy is kept from here
    with seeded.snapshot.network(include_proposed=True) as whole:
        ((_, (_, kept)),) = source._KEPT.items()
        before = data(whole), data(kept)
        for lens, focus, options in cases(seeded):
            seeded.map_html(lens, focus, **options)
        assert (data(whole), data(kept)) == before
        key, hidden = seeded.pseudonym_key(), seeded.hidden_persons()
        anchoring = seeded.anchoring()
        assert anchoring["score"].notna().sum() > 10
        network = map_network(
            whole, seeded.store, hidden, key, lens="project", focus="legepatruljen", radius=2,
            measures=None, threshold=AGGREGATE_THRESHOLD, version=seeded.snapshot.version,
            anchoring=anchoring,
        )  # fmt: skip
        assert (data(whole), data(kept)) == before
    assert nx.is_frozen(network)
    marked = {n for n, d in network.nodes(data=True) if "anchoring" in d}
    assert marked and marked <= set(make_view(network, "project", focus="legepatruljen").nodes)
    assert network.nodes["legepatruljen"]["description"]  # the full record, not the columns
    assert "description" not in kept.nodes["legepatruljen"]
