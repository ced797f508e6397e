"""Agreements between more than two parties, on the real FalkorDB: stored once with their
parties as relationships, pairwise ties derived only in the analysis network.

The small data set (tests/data/mini) has five actors; the agreement below binds four of
them, as the Legepatruljen agreement bound four parties until 2014. Four parties make
C(4, 2) = 6 pairs, so the network holds exactly six derived ties and each party has
three of them (degree 3, counted by hand).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import networkx as nx
import openpyxl
import pandas as pd
import pytest

from graphsvc import gdpr
from graphsvc.analysis.snapshot import (
    COLLABORATION,
    actor_graph,
    build_network,
    read_analysis_tables,
)
from graphsvc.core import Graphsvc
from graphsvc.dates import format_period
from graphsvc.errors import ConflictError, NotFoundError, ValidationError
from graphsvc.io.reading import read_tables
from graphsvc.maps.payload import read_payload
from graphsvc.model import Agreement, agreement_ties

MINI = Path(__file__).parent / "data" / "mini"
# every format that exports, by the file it writes
FILES = {
    "graph.xlsx": "xlsx",
    "graph.json": "json",
    "graph.gexf": "gexf",
    "graph.graphml": "graphml",
}
PARTIES = ["trygfonden", "middelfart-kommune", "frivilligcenter-middelfart", "aeblehaven-forening"]
AGREEMENT: dict[str, Any] = {
    "id": "legepatruljen-aftale",
    "name": "Aftale om Legepatruljen",
    "party_ids": PARTIES,
    "project_ids": ["legepatruljen"],
    "start_date": "2008-01-01",
    "end_date": "2014-12-31",
    "sources": ["test:mini"],
}


def _derived(network: Any) -> dict[str, tuple[str, str, dict[str, Any]]]:
    return {
        key: (u, v, data)
        for u, v, key, data in network.edges(keys=True, data=True)
        if data.get("agreement_id")
    }


def test_the_model_wants_two_distinct_parties_and_sorts_them() -> None:
    item = Agreement.model_validate(AGREEMENT)
    assert item.party_ids == sorted(PARTIES) and item.kind == "agreement"
    with pytest.raises(ValueError, match="at least 2"):
        Agreement.model_validate({**AGREEMENT, "party_ids": ["trygfonden"]})
    with pytest.raises(ValueError, match="more than once: trygfonden"):
        Agreement.model_validate({**AGREEMENT, "party_ids": ["trygfonden", "trygfonden"]})
    assert [t[0] for t in agreement_ties("g", ["c", "a", "b"])] == ["g~a~b", "g~a~c", "g~b~c"]
    # the schema-2 fields every dated item with money has: "2014" as an end is 2014-12-31
    money = Agreement.model_validate(
        {**AGREEMENT, "end_date": "2014", "amount": 250_000, "currency": "DKK",
         "support": "cash_grant"}
    )  # fmt: skip
    assert (money.end_date, money.end_precision) == (dt.date(2014, 12, 31), "year")
    assert (money.amount, money.currency, money.support) == (250_000, "DKK", "cash_grant")


def test_an_agreement_is_stored_once_with_its_parties(graphsvc: Graphsvc) -> None:
    graphsvc.import_paths([MINI])
    stored = graphsvc.create_item("agreements", AGREEMENT)
    assert stored.rev and stored.item["party_ids"] == sorted(PARTIES)
    assert graphsvc.counts()["agreements"] == 1
    # one node, four PARTY_TO relationships: the database holds the reference
    kinds = {r["type"]: r["value"] for r in graphsvc.store.run("graph/count_relationship_types")}
    assert kinds["PARTY_TO"] == 4
    assert graphsvc.get_item("agreements", AGREEMENT["id"]) == stored.item
    total, found = graphsvc.find_items("agreements", filters={"actor_id": "trygfonden"})
    assert total == 1 and found[0]["id"] == AGREEMENT["id"]
    assert graphsvc.find_items("agreements", filters={"actor_id": "mette-jensen"})[0] == 0
    assert graphsvc.find_items("agreements", filters={"as_of": "2015-01-01"})[0] == 0
    assert graphsvc.find_items("agreements", filters={"project_id": "legepatruljen"})[0] == 1
    # the id is unique (the database's constraint), and a clash is a 409
    with pytest.raises(ConflictError):
        graphsvc.create_item("agreements", AGREEMENT)
    with pytest.raises(ConflictError):
        graphsvc.store.run(
            "agreements/create_agreement",
            props={"id": AGREEMENT["id"], "name": "X"},
            party_ids=PARTIES[:2],
        )


def test_an_unknown_party_fails_the_write(graphsvc: Graphsvc) -> None:
    graphsvc.import_paths([MINI])
    with pytest.raises(ValidationError) as caught:
        graphsvc.create_item("agreements", {**AGREEMENT, "party_ids": ["trygfonden", "nobody"]})
    (problem,) = caught.value.details
    assert (problem.column, problem.value) == ("party_ids", "nobody")
    # past graphsvc's own checks, the query itself refuses: no row, nothing written
    rows = graphsvc.store.run(
        "agreements/create_agreement",
        props={"id": "x", "name": "X"},
        party_ids=["trygfonden", "nobody"],
    )
    assert rows == [] and graphsvc.counts()["agreements"] == 0


def test_updating_the_parties_replaces_them(graphsvc: Graphsvc) -> None:
    graphsvc.import_paths([MINI])
    first = graphsvc.create_item("agreements", AGREEMENT)
    changed = graphsvc.update_item(
        "agreements", AGREEMENT["id"], {"party_ids": ["trygfonden", "mette-jensen"]},
        if_match=[first.rev],
    )  # fmt: skip
    assert changed.item["party_ids"] == ["mette-jensen", "trygfonden"]
    assert changed.rev != first.rev
    kinds = {r["type"]: r["value"] for r in graphsvc.store.run("graph/count_relationship_types")}
    assert kinds["PARTY_TO"] == 2
    with pytest.raises(ValidationError):
        graphsvc.update_item("agreements", AGREEMENT["id"], {"party_ids": ["nobody", "trygfonden"]})
    assert graphsvc.get_item("agreements", AGREEMENT["id"]) == changed.item


def test_four_parties_give_six_ties_and_degree_three(graphsvc: Graphsvc) -> None:
    graphsvc.import_paths([MINI])
    graphsvc.create_item("agreements", AGREEMENT)
    network = graphsvc.network()
    derived = _derived(network)
    assert len(derived) == 6
    key = "legepatruljen-aftale~frivilligcenter-middelfart~trygfonden"
    u, v, data = derived[key]
    assert (u, v) == ("frivilligcenter-middelfart", "trygfonden")
    assert data["type"] == COLLABORATION and data["kind"] == "agreement"
    assert (data["weight"], data["directed"]) == (1.0, False)
    assert (data["start_date"], data["end_date"]) == ("2008-01-01", "2014-12-31")
    degree = {p: sum(1 for k in derived.values() if p in k[:2]) for p in PARTIES}
    assert degree == dict.fromkeys(PARTIES, 3)
    # the actor graph: only agreement ties (tie_kinds) gives degree 3 for each party
    only = actor_graph(graphsvc.network(tie_kinds=["agreement"]), project_projection=False)
    assert {p: only.degree(p) for p in PARTIES} == dict.fromkeys(PARTIES, 3)
    assert only.degree("mette-jensen") == 0
    # an agreement ended in 2014 gives no tie as of 2015 (dates of the agreement)
    assert _derived(graphsvc.network(as_of=dt.date(2015, 1, 1))) == {}
    assert len(_derived(graphsvc.network(as_of=dt.date(2014, 12, 31)))) == 6


def test_deleting_a_party_needs_confirm_and_leaves_the_agreement(graphsvc: Graphsvc) -> None:
    graphsvc.import_paths([MINI])
    graphsvc.create_item("agreements", AGREEMENT)
    graphsvc.network()  # a kept snapshot: updated from the change log below
    with pytest.raises(ConflictError) as caught:
        graphsvc.delete_item("actors", "aeblehaven-forening")
    assert "leaves 1 agreement(s)" in caught.value.message
    assert ("agreements", "party_ids", AGREEMENT["id"]) in {
        (p.file, p.column, p.value) for p in caught.value.details
    }
    removed = graphsvc.delete_item("actors", "aeblehaven-forening", confirm=True)
    assert removed["party_to"] == [AGREEMENT["id"]] and "agreements" not in removed
    left = graphsvc.get_item("agreements", AGREEMENT["id"])
    assert left is not None
    assert left["party_ids"] == sorted(set(PARTIES) - {"aeblehaven-forening"})
    assert len(_derived(graphsvc.network())) == 3  # three parties: three pairs
    assert graphsvc.snapshot.last_update == "changes"
    full = build_network(read_analysis_tables(graphsvc.store))
    assert _derived(graphsvc.network()) == _derived(full)
    # down to two parties, then one: an agreement needs two, so it goes with the actor
    graphsvc.delete_item("actors", "middelfart-kommune", confirm=True)
    removed = graphsvc.delete_item("actors", "trygfonden", confirm=True)
    assert removed["agreements"] == [AGREEMENT["id"]]
    assert graphsvc.get_item("agreements", AGREEMENT["id"]) is None
    assert _derived(graphsvc.network()) == {}
    with pytest.raises(NotFoundError):
        graphsvc.delete_item("agreements", AGREEMENT["id"])


def test_import_export_round_trip(graphsvc: Graphsvc, mini_dir: Path, tmp_path: Path) -> None:
    (mini_dir / "agreements.csv").write_text(
        "id,name,kind,party_ids,project_ids,status,start_date,end_date,sources\n"
        "legepatruljen-aftale,Aftale om Legepatruljen,agreement,"
        "trygfonden;middelfart-kommune;frivilligcenter-middelfart;aeblehaven-forening,"
        "legepatruljen,existing,2008-01-01,2014-12-31,test:mini\n",
        encoding="utf-8",
    )
    report = graphsvc.import_paths([mini_dir])
    assert report.created["agreements"] == 1
    again = graphsvc.import_paths([mini_dir])
    assert again.changed == 0 and again.unchanged["agreements"] == 1
    tables = graphsvc.tables()
    (row,) = tables["agreements"].to_dict("records")
    assert row["party_ids"] == sorted(PARTIES) and row["project_ids"] == ["legepatruljen"]
    graphsvc.export("csv", tmp_path / "csv", personal_data=True)
    expected = tables["agreements"].to_dict("records")
    assert read_tables(tmp_path / "csv")["agreements"].to_dict("records") == expected
    for out in (tmp_path / "csv", *(tmp_path / name for name in FILES)):
        if out.suffix:
            graphsvc.export(FILES[out.name], out, personal_data=True)
        # every export re-imports as it is: nothing changes
        assert graphsvc.import_paths([out]).changed == 0, out.name
    # graph formats hold the derived pairwise ties, each marked with the agreement
    graph = nx.read_graphml(tmp_path / "graph.graphml", force_multigraph=True)
    derived = [d for _u, _v, d in graph.edges(data=True) if d.get("tie") == "agreement"]
    assert len(derived) == 6 and {d["agreement_id"] for d in derived} == {AGREEMENT["id"]}
    # Kumu's Connections sheet too (Kumu reads it back as pairwise ties: it has no
    # hyperedges and keeps no tie type of graphsvc's)
    graphsvc.export("kumu", tmp_path / "kumu.xlsx", personal_data=True)
    sheet = openpyxl.load_workbook(tmp_path / "kumu.xlsx")["Connections"]
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(2)]
    kumu = [r for r in rows if r.get("agreement_id") == AGREEMENT["id"]]
    assert len(kumu) == 6 and {r["Type"] for r in kumu} == {"agreement"}
    # and they give the agreement back into an empty graph
    graphsvc.reset()
    graphsvc.import_paths([tmp_path / "graph.gexf"])
    assert graphsvc.tables()["agreements"].to_dict("records") == expected


def test_an_import_names_an_unknown_party(graphsvc: Graphsvc, mini_dir: Path) -> None:
    (mini_dir / "agreements.csv").write_text(
        "id,name,party_ids\ng,G,trygfonden;nobody\nh,H,trygfonden\n", encoding="utf-8"
    )
    with pytest.raises(ValidationError) as caught:
        graphsvc.import_paths([mini_dir])
    found = {(p.file, p.row, p.column, p.value) for p in caught.value.details}
    assert ("agreements.csv", 2, "party_ids", "nobody") in found
    assert ("agreements.csv", 3, "party_ids", "trygfonden") in found  # one party
    assert graphsvc.counts()["actors"] == 0  # nothing written


def test_build_network_derives_ties_from_tables() -> None:
    tables = read_tables(MINI)
    tables["agreements"] = pd.DataFrame([{**AGREEMENT, "kind": "partnership"}])
    network = build_network(tables)
    assert len(_derived(network)) == 6
    assert {d["kind"] for _u, _v, d in _derived(network).values()} == {"partnership"}
    assert _derived(build_network(tables, tie_kinds=["funding"])) == {}
    proposed = pd.DataFrame([{**AGREEMENT, "status": "proposed"}])
    assert _derived(build_network({**tables, "agreements": proposed})) == {}
    assert (
        len(_derived(build_network({**tables, "agreements": proposed}, include_proposed=True))) == 6
    )


def test_the_map_draws_the_ties_and_names_the_agreement_in_each_panel(
    graphsvc: Graphsvc,
) -> None:
    graphsvc.import_paths([MINI])
    graphsvc.create_item("agreements", AGREEMENT)
    html = graphsvc.map_html("network", lang="da")
    data = read_payload(html)  # nodes and edges expanded from the page's columns
    derived = [e for e in data["edges"] if "~" in str(e.get("id", ""))]
    assert len(derived) == 6  # drawn like other ties
    for party in PARTIES:
        (line,) = data["info"][party]["agreements"]
        assert line.startswith("Aftale om Legepatruljen — med ")
        period = format_period("2008-01-01", None, "2014-12-31", None, "da")  # as written
        assert f"; {period}; " in line and line.endswith("; projekter: Legepatruljen")
    assert "TrygFonden" in data["info"]["aeblehaven-forening"]["agreements"][0]


def test_deleting_a_project_drops_it_from_the_agreements_it_served(graphsvc: Graphsvc) -> None:
    graphsvc.import_paths([MINI])
    before = graphsvc.create_item("agreements", AGREEMENT)
    graphsvc.delete_item("projects", "legepatruljen", confirm=True)
    after = graphsvc.get_stored("agreements", AGREEMENT["id"])
    assert after is not None and after.item["project_ids"] == [] and after.rev != before.rev
    # still valid as it stands: a change to it is not refused for the deleted project
    graphsvc.update_item("agreements", AGREEMENT["id"], {"name": "Aftalen"})


def test_erasing_a_party_takes_her_name_out_of_the_agreement(graphsvc: Graphsvc) -> None:
    """A GDPR erasure of a person who is a party: the agreement stays (with the other
    parties), its name, description and source passage no longer name her."""
    graphsvc.import_paths([MINI])
    graphsvc.create_item(
        "agreements",
        {
            **AGREEMENT,
            "party_ids": ["trygfonden", "middelfart-kommune", "mette-jensen"],
            "name": "Aftale med Mette Jensen",
            "description": "Mette Jensen koordinerer legepatruljen",
            "source_passage": "underskrevet af Mette Jensen (mette-jensen)",
        },
    )
    done = gdpr.erase(graphsvc, "mette-jensen")
    assert done["agreements_left"] == 1
    left = graphsvc.get_item("agreements", AGREEMENT["id"])
    assert left is not None and left["party_ids"] == ["middelfart-kommune", "trygfonden"]
    text = json.dumps(left, ensure_ascii=False)
    assert "Mette Jensen" not in text and "mette-jensen" not in text
    assert left["description"].endswith(" koordinerer legepatruljen")
