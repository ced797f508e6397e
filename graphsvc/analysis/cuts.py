"""Cut structure: articulation points, bridges and sole brokers between groups.

All three answer "what breaks if this actor (or tie) disappears?" on the undirected
analysis graph (loops dropped, parallel edges merged, direction ignored: a DiGraph is
read through its weak connectivity). They share one linear-time computation, the
block-cut tree (Hopcroft & Tarjan 1973) from igraph's biconnected components: removing
an actor ``v`` splits its component into one *piece* per block-cut-tree branch at ``v``,
and the sizes (and group make-up) of all pieces of all actors come from subtree sums
over that tree, O(n + m) in total.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import igraph
import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components, depth_first_order

from graphsvc.analysis._igraph import IGraphView, to_igraph

__all__ = [
    "CutStructure",
    "articulation_points",
    "bridges",
    "cut_structure",
    "sole_brokers",
]


@dataclass(frozen=True)
class _Removal:
    """What removing each single vertex does (internal).

    ``piece_owner[p]`` is the vertex whose removal leaves piece ``p``; ``piece_values[p]``
    holds the piece's number of actors (column 0) and, if groups were given, its number
    of members of each group (column 1 + code).
    """

    comp: np.ndarray  # component id per vertex
    comp_values: np.ndarray  # per component: [size, group counts…]
    is_cut: np.ndarray  # per vertex
    piece_owner: np.ndarray
    piece_values: np.ndarray
    blocks: list[list[int]]
    block_parent_vertex: np.ndarray  # per block: vertex of its tree parent or -1 (root)
    block_subtree: np.ndarray  # per block: values of its block-cut subtree
    vertex_subtree: np.ndarray  # per vertex: actors in a cut vertex's subtree (else 0)


def _values(n: int, codes: np.ndarray | None, n_groups: int) -> np.ndarray:
    vals = np.zeros((n, 1 + n_groups), dtype=np.int64)
    vals[:, 0] = 1
    if codes is not None and n_groups:
        has = codes >= 0
        vals[np.flatnonzero(has), 1 + codes[has]] = 1
    return vals


def _removal(g: igraph.Graph, codes: np.ndarray | None = None, n_groups: int = 0) -> _Removal:
    """Pieces left by removing each vertex of the undirected simple graph ``g``."""
    n = g.vcount()
    vals = _values(n, codes, n_groups)
    comp = np.asarray(g.connected_components().membership, dtype=np.int64)
    n_comp = int(comp.max()) + 1 if n else 0
    comp_values = np.zeros((n_comp, vals.shape[1]), dtype=np.int64)
    np.add.at(comp_values, comp, vals)

    blocks_vc, aps = g.biconnected_components(return_articulation_points=True)
    blocks = [list(b) for b in blocks_vc]
    n_blocks = len(blocks)
    is_cut = np.zeros(n, dtype=bool)
    is_cut[aps] = True
    cut_ids = np.flatnonzero(is_cut)
    cut_node = np.full(n, -1, dtype=np.int64)
    cut_node[cut_ids] = n_blocks + np.arange(len(cut_ids))
    n_tree = n_blocks + len(cut_ids)

    lens = np.fromiter((len(b) for b in blocks), dtype=np.int64, count=n_blocks)
    block_of = np.repeat(np.arange(n_blocks, dtype=np.int64), lens)
    members = (
        np.fromiter((v for b in blocks for v in b), dtype=np.int64, count=int(lens.sum()))
        if n_blocks
        else np.zeros(0, dtype=np.int64)
    )
    member_cut = is_cut[members]
    # Tree-node values: a cut vertex owns itself, every other vertex its single block.
    tvals = np.zeros((n_tree + 1, vals.shape[1]), dtype=np.int64)
    plain = ~member_cut
    np.add.at(tvals, block_of[plain], vals[members[plain]])
    tvals[cut_node[cut_ids]] = vals[cut_ids]

    # Block-cut forest plus a super-root R tied to one node of every tree.
    t_src = block_of[member_cut]
    t_dst = cut_node[members[member_cut]]
    root = n_tree
    tree = sp.coo_matrix((np.ones(len(t_src)), (t_src, t_dst)), shape=(n_tree, n_tree)).tocsr()
    _, tree_comp = connected_components(tree, directed=False)
    firsts = np.unique(tree_comp, return_index=True)[1] if n_tree else np.zeros(0, np.int64)
    rows = np.concatenate([t_src, t_dst, np.full(len(firsts), root)])
    cols = np.concatenate([t_dst, t_src, firsts])
    full = sp.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n_tree + 1, n_tree + 1)).tocsr()
    order, pred = depth_first_order(full, root, directed=False, return_predecessors=True)
    pred = pred.astype(np.int64)
    # Subtree sizes in tree nodes (reverse preorder), then value sums over the
    # contiguous preorder range of each subtree.
    count = [1] * (n_tree + 1)
    pred_l = pred.tolist()
    for t in order[:0:-1].tolist():
        count[pred_l[t]] += count[t]
    pos = np.empty(n_tree + 1, dtype=np.int64)
    pos[order] = np.arange(n_tree + 1)
    csum = np.zeros((n_tree + 2, vals.shape[1]), dtype=np.int64)
    np.cumsum(tvals[order], axis=0, out=csum[1:])
    cnt = np.asarray(count, dtype=np.int64)
    sub = csum[pos + cnt] - csum[pos]  # per tree node

    # Pieces of cut vertices: each child block's subtree, plus the side of the parent.
    bpred = pred[:n_blocks]
    child_mask = (bpred >= n_blocks) & (bpred < n_tree)
    vertex_of_cut_node = np.empty(n_tree + 1, dtype=np.int64)
    vertex_of_cut_node[:] = -1
    vertex_of_cut_node[cut_node[cut_ids]] = cut_ids
    owners = [vertex_of_cut_node[bpred[child_mask]]]
    values = [sub[:n_blocks][child_mask]]
    cut_pred = pred[cut_node[cut_ids]]
    has_parent = cut_pred != root
    up = cut_ids[has_parent]
    owners.append(up)
    values.append(comp_values[comp[up]] - sub[cut_node[up]])
    # Every other vertex of a component of size ≥ 2 leaves one piece: the rest.
    rest = np.flatnonzero(~is_cut & (comp_values[comp, 0] >= 2))
    owners.append(rest)
    values.append(comp_values[comp[rest]] - vals[rest])

    block_parent_vertex = np.where(
        (bpred >= n_blocks) & (bpred < n_tree),
        vertex_of_cut_node[np.clip(bpred, 0, n_tree)],
        -1,
    )
    vertex_subtree = np.zeros(n, dtype=np.int64)
    vertex_subtree[cut_ids] = sub[cut_node[cut_ids], 0]
    return _Removal(
        comp=comp,
        comp_values=comp_values,
        is_cut=is_cut,
        piece_owner=np.concatenate(owners),
        piece_values=np.concatenate(values, axis=0),
        blocks=blocks,
        block_parent_vertex=block_parent_vertex,
        block_subtree=sub[:n_blocks],
        vertex_subtree=vertex_subtree,
    )


def _pair_sum(sizes: np.ndarray) -> np.ndarray:
    return sizes * (sizes - 1)


def _fragmentation_after(rem: _Removal, n: int) -> np.ndarray:
    """Borgatti's F of the graph without each single vertex (NaN when n - 1 < 2)."""
    total = float(_pair_sum(rem.comp_values[:, 0]).sum())
    own = _pair_sum(rem.comp_values[rem.comp, 0]).astype(float)
    pieces = np.bincount(
        rem.piece_owner, weights=_pair_sum(rem.piece_values[:, 0]).astype(float), minlength=n
    )
    after = total - own + pieces
    m = n - 1
    if m < 2:
        return np.full(n, np.nan)
    return 1.0 - after / (m * (m - 1))


def articulation_points(G: nx.Graph) -> pd.DataFrame:
    """Articulation points: actors whose removal disconnects part of the network.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Read as undirected (weak connectivity), loops dropped, parallel edges merged.

    Returns
    -------
    pandas.DataFrame
        Indexed by node id (``"id"``), one row per actor, columns:

        ``is_articulation`` (bool)
            Removing the actor splits its component (equals ``networkx
            .articulation_points`` on the undirected graph).
        ``pieces`` (int)
            Number of parts the actor's component falls into without it: 0 for an
            isolated actor, 1 for a non-articulation actor, ≥ 2 for an articulation
            point.
        ``cut_off`` (int)
            Actors separated from the largest remaining part of the component: the
            component's size − 1 − the largest piece (0 when not an articulation point).
        ``fragmentation_after`` (float)
            Borgatti's (2006) fragmentation of the whole network without the actor (see
            :func:`graphsvc.analysis.fragmentation.fragmentation`).

        Sorted like ``list(G)``.

    Examples
    --------
    >>> import networkx as nx
    >>> df = articulation_points(nx.path_graph(5))
    >>> df["is_articulation"].tolist(), df["cut_off"].tolist()
    ([False, True, True, True, False], [0, 1, 2, 1, 0])

    References
    ----------
    .. [1] Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: efficient algorithms for
       graph manipulation. Communications of the ACM 16(6), 372–378.
    .. [2] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
       Computational & Mathematical Organization Theory 12(1), 21–34.
    """
    view = to_igraph(G, None, directed=False)
    n = view.n
    rem = _removal(view.graph)
    pieces = np.bincount(rem.piece_owner, minlength=n)
    largest = np.zeros(n, dtype=np.int64)
    np.maximum.at(largest, rem.piece_owner, rem.piece_values[:, 0])
    comp_size = rem.comp_values[rem.comp, 0]
    cut_off = np.where(pieces > 0, comp_size - 1 - largest, 0)
    df = view.frame(
        {
            "is_articulation": rem.is_cut,
            "pieces": pieces.astype(np.int64),
            "cut_off": cut_off.astype(np.int64),
            "fragmentation_after": _fragmentation_after(rem, n),
        }
    )
    df.attrs.update({"measure": "articulation_points"})
    return df


def _bridges(view: IGraphView, rem: _Removal) -> pd.DataFrame:
    # In a simple graph the blocks of two vertices are exactly the bridges. In the rooted
    # block-cut tree a bridge block hangs below one endpoint (its parent), whose side is
    # everything outside the block's subtree; a root block splits at its cut endpoints.
    rows: list[tuple[Hashable, Hashable, int, int]] = []
    pairs = sorted((sorted(block), b) for b, block in enumerate(rem.blocks) if len(block) == 2)
    for (u, v), b in pairs:
        comp_size = int(rem.comp_values[rem.comp[u], 0])
        parent = int(rem.block_parent_vertex[b])
        below = int(rem.block_subtree[b, 0])
        if parent == u:
            side_u = comp_size - below
        elif parent == v:
            side_u = below
        else:
            side_u = int(rem.vertex_subtree[u]) if rem.is_cut[u] else 1
        rows.append((view.nodes[u], view.nodes[v], side_u, comp_size - side_u))
    df = pd.DataFrame(rows, columns=["source", "target", "source_side", "target_side"])
    df["cut_off"] = df[["source_side", "target_side"]].min(axis=1)
    df = df.astype({"source_side": np.int64, "target_side": np.int64, "cut_off": np.int64})
    df.index.name = "bridge"
    df.attrs.update({"measure": "bridges"})
    return df


def bridges(G: nx.Graph) -> pd.DataFrame:
    """Bridges: ties whose removal disconnects part of the network.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Read as undirected (weak connectivity), loops dropped, parallel edges merged (a
        doubled tie is therefore still a bridge if it is the only link).

    Returns
    -------
    pandas.DataFrame
        One row per bridge (index ``"bridge"``, 0…), columns ``source`` and ``target``
        (node ids, in ``list(G)`` order), ``source_side`` and ``target_side`` (actors
        left connected to each end once the tie is cut) and ``cut_off`` (the smaller
        side). Equals ``networkx.bridges`` on the undirected graph as a set of ties.

    Examples
    --------
    >>> import networkx as nx
    >>> bridges(nx.path_graph(3))[["source", "target", "cut_off"]].values.tolist()
    [[0, 1, 1], [1, 2, 1]]

    References
    ----------
    .. [1] Tarjan, R. E. (1974). A note on finding the bridges of a graph. Information
       Processing Letters 2(6), 160–161.
    """
    view = to_igraph(G, None, directed=False)
    return _bridges(view, _removal(view.graph))


@dataclass(frozen=True)
class CutStructure:
    """Articulation points and bridges of one graph, from one block-cut tree."""

    articulation_points: pd.DataFrame
    bridges: pd.DataFrame


def cut_structure(G: nx.Graph) -> CutStructure:
    """Articulation points and bridges in one pass.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Read as undirected, loops dropped, parallel edges merged.

    Returns
    -------
    CutStructure
        ``articulation_points`` as :func:`articulation_points`, ``bridges`` as
        :func:`bridges`.

    Examples
    --------
    >>> import networkx as nx
    >>> cs = cut_structure(nx.barbell_graph(3, 0))
    >>> int(cs.articulation_points["is_articulation"].sum()), len(cs.bridges)
    (2, 1)

    References
    ----------
    .. [1] Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: efficient algorithms for
       graph manipulation. Communications of the ACM 16(6), 372–378.
    """
    return CutStructure(articulation_points(G), bridges(G))


def _is_missing(x: Any) -> bool:
    if x is None:
        return True
    try:
        return bool(isinstance(x, float) and math.isnan(x))
    except TypeError:  # pragma: no cover - defensive
        return False


def _group_codes(
    G: nx.Graph, nodes: list[Hashable], attribute: str
) -> tuple[np.ndarray, list[Any]]:
    """Integer group code per node (−1 = attribute missing) and the sorted group values."""
    raw = [G.nodes[v].get(attribute) for v in nodes]
    groups = sorted({x for x in raw if not _is_missing(x)}, key=lambda x: (str(type(x)), x))
    code_of = {x: i for i, x in enumerate(groups)}
    codes = np.fromiter(
        (-1 if _is_missing(x) else code_of[x] for x in raw), dtype=np.int64, count=len(raw)
    )
    return codes, groups


def sole_brokers(G: nx.Graph, attribute: str = "sector") -> pd.DataFrame:
    """Actors that are the only link between two groups (single points of failure).

    Definition. Groups are the distinct values of the node attribute ``attribute``
    (actors without it belong to no group but can still be brokers). For an unordered
    pair of groups ``{A, B}`` that is **connected at all** (some member of A and some
    member of B are in the same component), an actor ``v`` is a *sole broker* of
    ``{A, B}`` iff in the network without ``v`` no remaining member of A is connected to
    any remaining member of B. Equivalently, every path between a member of A and a
    member of B passes through ``v``, counting paths that start or end at ``v``.

    So ``v`` can itself belong to A or B (``member`` column): e.g. the only member of A
    with ties to the rest of the network, or an actor of A through whom every tie of A
    to B runs. If A and B meet in two or more separate components, no single actor can
    separate them and the pair has no sole broker.

    Computed for all pairs at once from the block-cut tree: removing ``v`` leaves the
    pieces described in :func:`articulation_points`; ``v`` is a sole broker of ``{A, B}``
    iff it lies in the single component where A and B meet and none of its pieces holds
    members of both. Time O(n + m + pieces · groups²).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Read as undirected (weak connectivity), loops dropped, parallel edges merged.
    attribute : str, optional
        Node attribute defining the groups: ``"sector"`` (default), ``"kind"``,
        ``"locality"``…. Missing values (None / NaN / absent) mean "no group".

    Returns
    -------
    pandas.DataFrame
        Index ``"id"`` (the broker; an actor appears once per pair it alone connects),
        columns ``group_a`` and ``group_b`` (the pair, ``group_a`` < ``group_b``),
        ``group`` (the broker's own group, missing (NaN) if it has none) and ``member``
        (bool: the broker belongs to A or B). Sorted by pair, then by ``list(G)`` order.
        ``attrs["groups"]`` lists all groups. Group order: sorted values.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(4)
    >>> nx.set_node_attributes(G, {0: "civil", 1: "civil", 2: "public", 3: "public"}, "sector")
    >>> sole_brokers(G).index.tolist()
    [1, 2]

    References
    ----------
    .. [1] Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: efficient algorithms for
       graph manipulation. Communications of the ACM 16(6), 372–378.
    .. [2] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: a formal
       approach to brokerage in transaction networks. Sociological Methodology 19,
       89–126 (brokerage between groups).
    """
    view = to_igraph(G, None, directed=False)
    n = view.n
    codes, groups = _group_codes(G, view.nodes, attribute)
    n_groups = len(groups)
    rem = _removal(view.graph, codes, n_groups)
    present = rem.comp_values[:, 1:] > 0  # component × group
    piece_has = rem.piece_values[:, 1:] > 0
    ids: list[Hashable] = []
    rows: list[tuple[Any, Any, Any, bool]] = []
    for a in range(n_groups):
        for b in range(a + 1, n_groups):
            meet = np.flatnonzero(present[:, a] & present[:, b])
            if len(meet) != 1:
                continue
            both = piece_has[:, a] & piece_has[:, b]
            blocked = np.bincount(rem.piece_owner, weights=both, minlength=n) > 0
            hits = np.flatnonzero((rem.comp == meet[0]) & ~blocked)
            for v in hits.tolist():
                cv = int(codes[v])
                ids.append(view.nodes[v])
                rows.append((groups[a], groups[b], groups[cv] if cv >= 0 else None, cv in (a, b)))
    df = pd.DataFrame(
        rows,
        columns=["group_a", "group_b", "group", "member"],
        index=pd.Index(ids, name="id", dtype=object),
    )
    df["member"] = df["member"].astype(bool)
    df.attrs.update({"measure": "sole_brokers", "attribute": attribute, "groups": groups})
    return df
