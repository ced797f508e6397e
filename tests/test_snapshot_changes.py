"""The incremental snapshot equals a full rebuild, after random writes (property-based).

Random sequences of creates, updates and deletes of actors (with their ties), projects,
participations, collaborations and agreements (whose pairwise ties the networks derive)
go through the core object on the session's real
FalkorDB. The kept snapshot then applies the change log (only the changed items are
read) and each of its networks must equal :func:`build_network` over a fresh read of
the whole graph: same nodes with the same attributes, same edges (keys, ends,
attributes). The reference is the full build itself, which the other snapshot tests
check by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphsvc import core
from graphsvc.analysis import snapshot as snapshot_module
from graphsvc.analysis.anchoring import local_anchoring
from graphsvc.analysis.snapshot import MAX_NETWORKS, build_network, read_analysis_tables
from graphsvc.core import Graphsvc
from graphsvc.gdpr import erase

MINI = Path(__file__).parent / "data" / "mini"
FILTERS: list[dict[str, Any]] = [
    {},
    {"include_proposed": True, "as_of": "2013-06-01"},
    {"tie_kinds": ["partnership", "funding"], "themes": ["employment"]},
    {"sectors": ["civil_society", "public"]},  # an actor filter: rebuilt from kept tables
]
ANCHORING = ["n_participants", "n_local", "local_components", "survives", "score", "band"]
LOCALITIES = [None, "DK-410", "DK-101", "DK-492"]


def view(network: nx.MultiDiGraph) -> tuple[dict[str, Any], dict[Any, Any]]:
    nodes = {node: dict(data) for node, data in network.nodes(data=True)}
    edges = {(u, v, key): dict(data) for u, v, key, data in network.edges(keys=True, data=True)}
    return nodes, edges


def stored_ids(graphsvc: Graphsvc) -> dict[str, list[str]]:
    tables = read_analysis_tables(graphsvc.store)
    return {table: sorted(frame["id"]) for table, frame in tables.items()}


def persons(graphsvc: Graphsvc) -> set[str]:
    actors = read_analysis_tables(graphsvc.store)["actors"]
    return set(actors.loc[actors["is_person"].fillna(False).astype(bool), "id"])


def one_write(graphsvc: Graphsvc, data: st.DataObject, n: int) -> bool:
    """Draw and make one write that the model allows on the current graph.

    Returns whether it deleted a person (after which the snapshot reads everything).
    """
    ids = stored_ids(graphsvc)
    actors, projects = ids["actors"], ids["projects"]
    choices = ["create actor", "create project"]
    if actors:
        choices += ["update actor", "delete actor"]
    if projects:
        choices += ["update project", "delete project"]
    if len(actors) >= 2:
        choices += ["create collaboration", "create agreement"]
    if actors and projects:
        choices.append("create participation")
    if ids["collaborations"]:
        choices += ["update collaboration", "delete collaboration"]
    if ids["participations"]:
        choices += ["update participation", "delete participation"]
    if ids["agreements"] and len(actors) >= 2:
        choices += ["update agreement", "delete agreement"]
    verb, table = data.draw(st.sampled_from(choices)).split()
    table += "s"
    if verb == "delete":
        item_id = data.draw(st.sampled_from(ids[table]))
        person = table == "actors" and item_id in persons(graphsvc)
        graphsvc.delete_item(table, item_id, confirm=True)
        return person  # a person's removal empties the log: a full read follows
    if table == "actors":
        fields = {
            "sector": data.draw(st.sampled_from(["public", "civil_society", "private"])),
            "scale": data.draw(st.sampled_from(["local", "municipal", "national"])),
            "locality": data.draw(st.sampled_from(LOCALITIES)),
        }
        new = {"id": f"a{n}", "name": f"Aktør {n}", "kind": "association"}
    elif table == "projects":
        fields = {
            "theme": data.draw(st.sampled_from(["employment", "education"])),
            "status": data.draw(st.sampled_from(["active", "proposed", "ended"])),
            "end_date": data.draw(st.sampled_from([None, "2012-12-31"])),
        }
        new = {"id": f"p{n}", "name": f"Projekt {n}"}
    elif table == "collaborations":
        fields = {
            "kind": data.draw(st.sampled_from(["partnership", "funding", "referral"])),
            "weight": data.draw(st.sampled_from([1.0, 2.5])),
            "directed": data.draw(st.booleans()),
            "status": data.draw(st.sampled_from(["existing", "proposed"])),
        }
        source, target = data.draw(st.permutations(actors))[:2]
        new = {"id": f"c{n}", "source_id": source, "target_id": target}
    elif table == "agreements":
        fields = {
            "kind": data.draw(st.sampled_from(["agreement", "partnership", "funding"])),
            "status": data.draw(st.sampled_from(["existing", "proposed"])),
            "end_date": data.draw(st.sampled_from([None, "2012-12-31"])),
            "party_ids": data.draw(
                st.lists(st.sampled_from(actors), min_size=2, max_size=4, unique=True)
            ),
        }
        new = {"id": f"g{n}", "name": f"Aftale {n}"}
    else:
        fields = {
            "role": data.draw(st.sampled_from(["lead", "partner", "funder"])),
            "status": data.draw(st.sampled_from(["existing", "proposed"])),
        }
        new = {
            "id": f"d{n}",
            "actor_id": data.draw(st.sampled_from(actors)),
            "project_id": data.draw(st.sampled_from(projects)),
        }
    if verb == "create":
        graphsvc.create_item(table, {**new, **fields})
    else:
        name = data.draw(st.sampled_from(sorted(fields)))
        graphsvc.update_item(table, data.draw(st.sampled_from(ids[table])), {name: fields[name]})
    return False


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), writes=st.integers(min_value=1, max_value=8))
def test_changes_applied_equal_a_full_rebuild(
    graphsvc: Graphsvc, data: Any, writes: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshot_module, "MAX_NETWORKS", len(FILTERS))  # all kept, patched
    graphsvc.reset()
    graphsvc.import_paths([MINI])
    snapshot = graphsvc.snapshot
    for filters in FILTERS:  # built now, so that the writes below patch them
        with snapshot.network(**filters):
            pass
    for filters in FILTERS[:2]:  # kept rows, so that the anchoring below reuses them
        graphsvc.anchoring(**filters)
        assert snapshot.last_anchoring == "all"
    assert snapshot.last_update == "full"  # after the import
    imported = graphsvc.graph_version()
    person_deleted = False
    for n in range(writes):
        person_deleted |= one_write(graphsvc, data, n)
    # an update to the same value writes nothing
    written = graphsvc.graph_version() != imported and not person_deleted
    fresh = read_analysis_tables(graphsvc.store)
    for filters in FILTERS:
        with snapshot.network(**filters) as kept:
            assert view(kept) == view(build_network(fresh, **filters)), filters
    if not person_deleted:
        assert snapshot.last_update == ("changes" if written else "full")  # the log, no reread
    for filters in FILTERS[:2]:
        incremental = graphsvc.anchoring(**filters)  # only the projects the writes touched
        assert snapshot.last_anchoring == ("all" if person_deleted else "changes")
        with snapshot.network(**filters) as kept:  # exactly a full computation on it ...
            pd.testing.assert_frame_equal(incremental, local_anchoring(kept))
        # ... and on a fresh build: the same scores (lists of names may be reordered)
        expected = local_anchoring(build_network(fresh, **filters)).sort_index()
        got = incremental.sort_index()
        assert got[ANCHORING].astype(str).equals(expected[ANCHORING].astype(str)), filters
        for column in ("local_participants", "owners", "funders", "local_funders"):
            assert got[column].map(sorted).equals(expected[column].map(sorted)), column


def test_a_lent_network_never_changes_under_its_reader(graphsvc: Graphsvc) -> None:
    graphsvc.import_paths([MINI])
    with graphsvc.snapshot.network() as lent:
        before = view(lent)
        graphsvc.delete_item("actors", "middelfart-kommune", confirm=True)
        with graphsvc.snapshot.network() as now:
            assert "middelfart-kommune" not in now
        assert view(lent) == before


def test_a_gap_in_the_log_reads_the_whole_graph(graphsvc: Graphsvc) -> None:
    graphsvc.import_paths([MINI])
    snapshot = graphsvc.snapshot
    snapshot.refresh()
    graphsvc.update_item("actors", "trygfonden", {"scale": "local"})
    snapshot.refresh()
    assert snapshot.last_update == "changes"
    graphsvc.update_item("actors", "trygfonden", {"scale": "national"})
    version = graphsvc.graph_version()[1]
    graphsvc.store.run("graph/delete_changes", upto=version)  # pruned
    with snapshot.network() as network:
        assert snapshot.last_update == "full"
        assert network.nodes["trygfonden"]["scale"] == "national"


def test_a_write_that_never_ended_is_read_again(graphsvc: Graphsvc) -> None:
    """A writer logs its begin, a reader catches up, the write lands, and the writer dies
    before its closing entry: the next refresh (after someone else's write) still rereads
    the begun item, not only the later write's."""
    graphsvc.import_paths([MINI])
    snapshot = graphsvc.snapshot
    snapshot.refresh()
    graphsvc.bump_version("begin", "actors", "trygfonden")  # the writer begins ...
    snapshot.refresh()  # ... a reader catches up before the write
    props = graphsvc.stored_props("actors", ["trygfonden"])["trygfonden"]
    graphsvc.store.run(
        "actors/update_actor", id="trygfonden", revs=None, props={**props, "scale": "local"}
    )  # the write lands; the writer dies here, with no closing entry
    graphsvc.update_item("actors", "middelfart-kommune", {"scale": "regional"})
    with snapshot.network() as network:
        assert snapshot.last_update == "changes"
        assert network.nodes["trygfonden"]["scale"] == "local"
        assert network.nodes["middelfart-kommune"]["scale"] == "regional"


def test_an_import_logs_its_items_unless_they_are_many(
    graphsvc: Graphsvc, monkeypatch: pytest.MonkeyPatch
) -> None:
    graphsvc.import_paths([MINI])
    snapshot = graphsvc.snapshot
    graphsvc.delete_item("actors", "trygfonden", confirm=True)
    snapshot.refresh()
    graphsvc.import_paths([MINI])  # brings her and her ties back: a few items, logged
    with snapshot.network() as network:
        assert snapshot.last_update == "changes"
        fresh = build_network(read_analysis_tables(graphsvc.store))
        assert view(network) == view(fresh)
        assert "trygfonden" in network
    monkeypatch.setattr(core, "LOGGED_ITEMS", 2)
    graphsvc.delete_item("actors", "trygfonden", confirm=True)
    snapshot.refresh()
    graphsvc.import_paths([MINI])  # more items than logged: "many", a full read
    with snapshot.network() as network:
        assert snapshot.last_update == "full"
        assert view(network) == view(build_network(read_analysis_tables(graphsvc.store)))


@pytest.mark.parametrize("person", ["mette-jensen"])
@pytest.mark.parametrize("how", ["erase", "delete"])
def test_a_persons_removal_empties_the_change_log(
    graphsvc: Graphsvc, person: str, how: str
) -> None:
    graphsvc.import_paths([MINI])
    graphsvc.update_item("actors", person, {"scale": "municipal"})
    assert graphsvc.store.run("graph/list_changes", since=0)
    if how == "erase":
        erase(graphsvc, person)
    else:  # a plain delete of a person keeps her id in no log either
        graphsvc.delete_item("actors", person, confirm=True)
    logged = graphsvc.store.run("graph/list_changes", since=0)
    assert all(row["id"] != person for row in logged)
    with graphsvc.snapshot.network() as network:
        assert person not in network


def test_only_the_most_recently_used_networks_are_kept(graphsvc: Graphsvc) -> None:
    graphsvc.import_paths([MINI])
    days = [f"{2009 + n}-06-01" for n in range(MAX_NETWORKS + 1)]
    built = {}
    for day in days:
        with graphsvc.snapshot.network(as_of=day) as network:
            built[day] = network
    with graphsvc.snapshot.network(as_of=days[-1]) as network:
        assert network is built[days[-1]]  # kept
    with graphsvc.snapshot.network(as_of=days[0]) as network:
        assert network is not built[days[0]]  # dropped, built again
