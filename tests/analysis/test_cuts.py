"""Articulation points, bridges and sole brokers: by hand and against brute force."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest

from graphsvc.analysis import articulation_points, bridges, cut_structure, sole_brokers


def _example() -> nx.Graph:
    """P1–P2–H, H–C1–C2–X1–H (a cycle), F1 alone; H has no sector.

    Computed by hand:
    * articulation points P2 (cuts P1 off) and H (splits {P1, P2} from {C1, C2, X1});
    * bridges P1–P2 (sides 1 | 5) and P2–H (sides 2 | 4);
    * sole brokers: {civil, public}: P2 (a member: every public actor reaches the rest
      through it) and H; {private, public}: P2, H and X1 (the only private actor);
      {civil, private}: X1 alone (removing C2 or H leaves X1 connected to civil);
      foundation meets nobody.
    """
    G = nx.Graph()
    sectors = {
        "P1": "public",
        "P2": "public",
        "H": None,
        "C1": "civil",
        "C2": "civil",
        "X1": "private",
        "F1": "foundation",
    }
    for v, s in sectors.items():
        if s is None:
            G.add_node(v, name="Hub")
        else:
            G.add_node(v, sector=s)
    G.add_edges_from([("P1", "P2"), ("P2", "H"), ("H", "C1"), ("C1", "C2"), ("C2", "X1")])
    G.add_edge("X1", "H")
    return G


def test_articulation_points_by_hand():
    df = articulation_points(_example())
    assert df.index.name == "id"
    assert df.index[df["is_articulation"]].tolist() == ["P2", "H"]
    assert df["pieces"].to_dict() == {
        "P1": 1,
        "P2": 2,
        "H": 2,
        "C1": 1,
        "C2": 1,
        "X1": 1,
        "F1": 0,
    }
    assert df.loc["P2", "cut_off"] == 1
    assert df.loc["H", "cut_off"] == 2
    # Without H: components {P1,P2}, {C1,C2,X1}, {F1}: F = 1 − (2 + 6 + 0)/(6·5) = 11/15.
    assert df.loc["H", "fragmentation_after"] == pytest.approx(11 / 15)


def test_bridges_by_hand():
    df = bridges(_example())
    assert df[["source", "target", "source_side", "target_side", "cut_off"]].values.tolist() == [
        ["P1", "P2", 1, 5, 1],
        ["P2", "H", 2, 4, 2],
    ]


def test_sole_brokers_by_hand():
    df = sole_brokers(_example())
    rows = [(a, b, v, m) for v, a, b, m in df[["group_a", "group_b", "member"]].itertuples()]
    assert rows == [
        ("civil", "private", "X1", True),
        ("civil", "public", "P2", True),
        ("civil", "public", "H", False),
        ("private", "public", "P2", True),
        ("private", "public", "H", False),
        ("private", "public", "X1", True),
    ]
    assert set(df.loc[["X1"], "group"]) == {"private"}
    assert df.attrs["groups"] == ["civil", "foundation", "private", "public"]


def test_two_meeting_places_mean_no_sole_broker():
    G = _example()
    G.add_node("P3", sector="public")
    G.add_node("C3", sector="civil")
    G.add_edge("P3", "C3")  # public and civil also meet in a second component
    df = sole_brokers(G)
    assert not ((df["group_a"] == "civil") & (df["group_b"] == "public")).any()
    assert ((df["group_a"] == "private") & (df["group_b"] == "public")).sum() == 3


def test_sole_brokers_other_attribute_and_directed():
    D = nx.DiGraph([("a", "b"), ("c", "b")])  # weakly connected: b is the only link
    nx.set_node_attributes(D, {"a": "DK-101", "b": "DK-147", "c": "DK-101"}, "locality")
    df = sole_brokers(D, attribute="locality")
    assert df.index.tolist() == ["b"]  # removing a leaves c–b: a is not a sole broker
    assert sole_brokers(D).empty  # nobody has a sector


# ---------------------------------------------------------------- brute force


def _undirected(G: nx.Graph) -> nx.Graph:
    U = nx.Graph()
    U.add_nodes_from(G)
    U.add_edges_from((u, v) for u, v in G.edges() if u != v)
    return U


def _brute_sole(G: nx.Graph, attribute: str = "sector") -> set[tuple]:
    U = _undirected(G)
    groups = sorted({d[attribute] for _, d in G.nodes(data=True) if d.get(attribute)})

    def linked(H: nx.Graph, a: str, b: str) -> bool:
        for comp in nx.connected_components(H):
            got = {G.nodes[v].get(attribute) for v in comp}
            if a in got and b in got:
                return True
        return False

    out = set()
    for a, b in itertools.combinations(groups, 2):
        if not linked(U, a, b):
            continue
        for v in U:
            H = U.copy()
            H.remove_node(v)
            if not linked(H, a, b):
                out.add((a, b, v))
    return out


def _brute_pieces(U: nx.Graph, v) -> list[int]:
    comp = nx.node_connected_component(U, v)
    H = U.subgraph(comp - {v})
    return sorted(len(c) for c in nx.connected_components(H))


def _fragmentation(H: nx.Graph) -> float:
    n = len(H)
    s = sum(len(c) * (len(c) - 1) for c in nx.connected_components(H))
    return 1 - s / (n * (n - 1))


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("directed", [False, True])
def test_against_brute_force_on_random_graphs(make_graph, seed, directed):
    G = make_graph(40, 44 + seed, seed, directed=directed, sectors=4)
    for v in list(G)[::9]:
        del G.nodes[v]["sector"]  # some actors without a group
    if seed % 2:
        G.add_edge(0, 0)  # loops are ignored
    U = _undirected(G)

    df = articulation_points(G)
    assert set(df.index[df["is_articulation"]]) == set(nx.articulation_points(U))
    for v in G:
        pieces = _brute_pieces(U, v)
        assert df.loc[v, "pieces"] == len(pieces)
        comp = len(nx.node_connected_component(U, v))
        assert df.loc[v, "cut_off"] == (comp - 1 - max(pieces) if pieces else 0)
        H = U.copy()
        H.remove_node(v)
        assert df.loc[v, "fragmentation_after"] == pytest.approx(_fragmentation(H))

    br = bridges(G)
    assert {frozenset(e) for e in br[["source", "target"]].values.tolist()} == {
        frozenset(e) for e in nx.bridges(U)
    }
    for u, v, su, sv in br[["source", "target", "source_side", "target_side"]].values:
        H = U.copy()
        H.remove_edge(u, v)
        assert (su, sv) == (
            len(nx.node_connected_component(H, u)),
            len(nx.node_connected_component(H, v)),
        )

    sole = sole_brokers(G)
    got = {(a, b, v) for v, a, b in sole[["group_a", "group_b"]].itertuples()}
    assert got == _brute_sole(G)


def test_cut_structure_bundles_both():
    cs = cut_structure(nx.barbell_graph(4, 1))
    assert cs.articulation_points["is_articulation"].sum() == 3
    assert len(cs.bridges) == 2
    assert cs.bridges["cut_off"].tolist() == [4, 4]


def test_multigraph_parallel_edges_are_one_tie():
    M = nx.MultiGraph([(0, 1), (0, 1), (1, 2)])
    assert len(bridges(M)) == 2  # a doubled tie is still the only link
    assert articulation_points(M)["is_articulation"].tolist() == [False, True, False]


def test_empty_graph():
    assert articulation_points(nx.Graph()).empty
    assert bridges(nx.Graph()).empty
    assert sole_brokers(nx.Graph()).empty
