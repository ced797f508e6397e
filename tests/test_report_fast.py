"""A report computes only its own part of the network (#14: a report under 10 s at
20k/100k), and that part gives the numbers of the full computation, on the seed against
a real FalkorDB.

What the fast path leaves out, and what it is checked against here:

- the anchoring of the municipality's projects (read on their anchoring context): the
  whole network's ``Graphsvc.anchoring()``;
- bridge builders (only the columns the report shows, :func:`broker_table`):
  :func:`graphsvc.analysis.bridging.bridging_roles` on the same actor graph, every shown
  column equal;
- suggested partners (the proposed ties read around the weakest projects only): the
  suggestions the old path made from the proposed network around *every* project of the
  municipality, and ``Graphsvc.suggest`` on the whole network;
- what happens when each funder leaves (what-if on the projects it funds): ``what_if`` on
  the whole network.
"""

from __future__ import annotations

import itertools
from typing import Any

import networkx as nx
import pandas as pd
import pytest

from graphsvc.analysis.bridging import bridging_roles
from graphsvc.analysis.snapshot import ACTOR, PROJECT, actor_graph
from graphsvc.analysis.whatif import Scenario
from graphsvc.core import Graphsvc
from graphsvc.reports import data
from graphsvc.reports.data import (
    CANDIDATES,
    _induced,
    _networks,
    _suggestion_nodes,
    _suggestions,
    broker_table,
    municipality_report,
    project_report,
)
from graphsvc.reports.words import score

SHOWN = ["name", "kind", "sector", "betweenness", "total", "cut_off", "is_articulation",
         "sole_broker_pairs", "role_en", "role_da"]  # fmt: skip


@pytest.fixture(scope="module")
def seeded(settings: Any) -> Any:
    with Graphsvc.open(settings) as graphsvc:
        graphsvc.reset()
        graphsvc.seed()
    return settings


def middelfart(network: Any) -> set[str]:
    return {
        n
        for n, d in network.nodes(data=True)
        if (d.get("type") == PROJECT and "DK-410" in (d.get("localities") or []))
        or (d.get("type") == ACTOR and d.get("locality") == "DK-410")
    }


def test_dk410_fast_path_gives_the_full_numbers(seeded: Any) -> None:
    with Graphsvc.open(seeded) as graphsvc:
        report = municipality_report(graphsvc, "DK-410", lang="da")
        scores = graphsvc.anchoring()
        with graphsvc.snapshot.network() as network:
            core = middelfart(network)
            graph = actor_graph(_induced(network, core))
        # every project's score and band as the whole network's anchoring gives them
        assert report.anchoring, "Middelfart has a project"
        for anchoring in report.anchoring:
            assert anchoring.score == scores.loc[anchoring.project, "score"]
            assert anchoring.band == scores.loc[anchoring.project, "band"]
        # the report's bridge columns equal the full bridging analysis' (exact on the seed)
        bridging = bridging_roles(graph, seed=0, permutations=50)
        assert bridging.meta["betweenness"]["method"] == "exact"
        full = bridging.actors
        fast = broker_table(graph)
        assert set(SHOWN) <= set(fast.columns)
        pd.testing.assert_frame_equal(
            fast[SHOWN].sort_index(), full[SHOWN].sort_index(), check_dtype=False
        )
        names = {row["name"] for row in report.bridges}
        assert "Jobcenter Middelfart" in names  # the single point of failure (cuts off 1)
        # suggestions: the same as from the proposed ties around every project (the old
        # path) and as the whole network's suggestions, in the report's order
        projects = [a.project for a in report.anchoring]
        nets = _networks(graphsvc, middelfart, None)
        around_all = nets.proposed(
            lambda network: set().union(*(_suggestion_nodes(network, p) for p in projects))
        )
        for name, rows in report.suggestions:
            project = next(a.project for a in report.anchoring if a.name == name)
            assert rows == _suggestions(around_all, project, "da", limit=4)
            whole = graphsvc.suggest(project, limit=CANDIDATES, include_proposed=True)
            ranked = whole.sort_values("proposed", ascending=False, kind="stable").head(4)
            assert [r["name"] for r in rows] == list(ranked["name"])


def test_project_funders_leaving_as_on_the_whole_network(seeded: Any) -> None:
    with Graphsvc.open(seeded) as graphsvc:
        report = project_report(graphsvc, "legepatruljen", lang="en")
        assert report.funders, "Legepatruljen has funders"
        with graphsvc.snapshot.network() as network:
            by_name = {
                d.get("name"): n for n, d in network.nodes(data=True) if d.get("type") == ACTOR
            }
        for row in report.funders:
            result = graphsvc.what_if(Scenario(remove_actors=[by_name[row["funder"]]]))
            after = result.projects.loc["legepatruljen", "score_after"]
            assert row["score_after"] == score(float(after), "en"), (row, after)
        assert report.anchoring[0].score == graphsvc.anchoring().loc["legepatruljen", "score"]


def test_printer_keeps_one_chromium_and_starts_it_again_after_a_crash(seeded: Any) -> None:
    """The API's printer: one Chromium drawn in its own thread for report after report
    (not one started per report), started again when it died, refused after close."""
    from graphsvc.reports import make_report  # noqa: PLC0415
    from graphsvc.reports.printer import Printer  # noqa: PLC0415

    with Graphsvc.open(seeded) as graphsvc:
        report = make_report(graphsvc, "municipality", "DK-410", lang="da")
    printer = Printer()
    try:
        assert printer.render(report, "pdf").startswith(b"%PDF-")
        browser = printer._browser
        html = printer.render(report, "html").decode("utf-8")
        assert "data:image/png;base64," in html  # the map drawn by the same browser
        assert printer._browser is browser
        printer._thread.submit(browser.close).result()  # Chromium gone, as after a crash
        assert printer.render(report, "pdf").startswith(b"%PDF-")
        assert printer._browser is not browser and printer._browser.is_connected()
    finally:
        printer.close()
    with pytest.raises(RuntimeError, match="closed"):
        printer.render(report, "pdf")


@pytest.mark.parametrize(
    ("kind", "ident"), [("project", "legepatruljen"), ("municipality", "DK-410")]
)
def test_the_map_is_drawn_while_the_report_is_gathered(seeded: Any, kind: str, ident: str) -> None:
    """``draw_map`` gets the map's HTML once, the same a report without it holds, and the
    picture it draws is the one the report prints (no second drawing)."""
    from concurrent.futures import Future  # noqa: PLC0415

    from graphsvc.reports import make_report  # noqa: PLC0415
    from graphsvc.reports.render import map_picture  # noqa: PLC0415

    drawn: list[str] = []

    def draw(html: str) -> Future[bytes]:
        drawn.append(html)
        done: Future[bytes] = Future()
        done.set_result(b"the picture")
        return done

    with Graphsvc.open(seeded) as graphsvc:
        piped = make_report(graphsvc, kind, ident, lang="da", draw_map=draw)  # type: ignore[arg-type]
        plain = make_report(graphsvc, kind, ident, lang="da")  # type: ignore[arg-type]
    assert drawn == [piped.map_html] == [plain.map_html]
    assert map_picture(piped, browser=None) == b"the picture"
    assert plain.map_drawing is None
    same = ("title", "facts", "findings", "anchoring", "bridges", "funders", "suggestions",
            "sources", "map_alt", "counts")  # fmt: skip
    assert {f: getattr(piped, f) for f in same} == {f: getattr(plain, f) for f in same}


def test_bridge_table_is_the_same_whatever_order_the_network_was_read_in(
    seeded: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report ranks bridge builders by a sampled betweenness on a large network (a pivot
    count fixed by the graph's size, :func:`report_pivots`): the same data must give the
    same table, whatever order the snapshot holds the network in, and a view of the
    network gives what a copy gives. Sampled here on the seed's whole network (the
    report's work made small enough that it samples), each node order read twice."""
    monkeypatch.setattr(data, "REPORT_BETWEENNESS_STEPS", 20_000)
    with Graphsvc.open(seeded) as graphsvc, graphsvc.snapshot.network() as network:
        graph = actor_graph(network, details=False)
        pivots = data.report_pivots(graph)
        assert pivots < graph.number_of_nodes()  # sampled
        actors = {n for n, t in network.nodes(data="type") if t == ACTOR}
        ids = sorted(network, key=str)
        tables = [
            data._bridges(_reordered(network, order), actors, "da")
            for order in (ids, ids[::-1], sorted(ids, key=lambda n: hash((n, "x"))))
        ]
        tables.append(data._bridges(network.subgraph(ids), actors, "da"))
    assert len(tables[0][0]) == data.MAX_ROWS
    assert all(table == tables[0] for table in tables[1:])


def _reordered(network: Any, order: list[str]) -> Any:
    """A copy of ``network`` with its nodes, and each node's ties, in ``order``."""
    import networkx as nx  # noqa: PLC0415

    out = nx.MultiDiGraph()
    out.graph.update(network.graph)
    out.add_nodes_from((n, network.nodes[n]) for n in order)
    position = {n: i for i, n in enumerate(order)}
    edges = sorted(
        network.edges(keys=True, data=True), key=lambda e: (position[e[0]], position[e[1]])
    )
    out.add_edges_from(edges[::-1] if order[0] > order[-1] else edges)
    return out


def test_subnetworks_keep_the_networks_order() -> None:
    """A report's subnetworks list nodes and ties in the network's order, not a set's
    (which changes from process to process, and with it a report's equally good answers)."""
    network = nx.MultiDiGraph()
    names = [f"n{i:02d}" for i in range(40)]
    for name in reversed(names):
        network.add_node(name)
    for a, b in itertools.pairwise(names):
        network.add_edge(b, a, key=f"{b}-{a}")
    keep = set(names[::2]) | set(names[1:6])
    sub = _induced(network, keep)
    assert list(sub) == [n for n in network if n in keep]
    assert [k for _, _, k in sub.edges(keys=True)] == [
        k for u, v, k in network.edges(keys=True) if u in keep and v in keep
    ]
