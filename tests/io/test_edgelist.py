"""Plain edge lists: networkx's write_edgelist (with and without data) and typed lists."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graphsvc.errors import ValidationError
from tests.io.graphhelpers import by_id, read_file


def test_networkx_edgelist_with_data(tmp_path: Path) -> None:
    graph = nx.karate_club_graph()
    path = tmp_path / "karate.edgelist"
    nx.write_edgelist(graph, path)  # "0 1 {'weight': 4}"
    tables = read_file(path)
    assert (len(tables["nodes"].rows), len(tables["edges"].rows)) == (34, 78)
    weights = {(int(r["source"]), int(r["target"])): int(r["weight"]) for r in tables["edges"].rows}
    assert weights == dict(((u, v), w) for u, v, w in graph.edges(data="weight"))


def test_networkx_edgelist_weight_column(tmp_path: Path) -> None:
    graph = nx.Graph()
    graph.add_edge("kommune", "forening", weight=2.5)
    graph.add_edge("forening", "fond", weight=1)
    path = tmp_path / "w.txt"
    nx.write_edgelist(graph, path, data=["weight"])  # "kommune forening 2.5"
    edges = [
        (r["source"], r["target"], r["weight"], r["directed"])
        for r in read_file(path)["edges"].rows
    ]
    assert edges == [("kommune", "forening", "2.5", "false"), ("forening", "fond", "1", "false")]


def test_tab_separated_names_with_spaces_and_a_header(tmp_path: Path) -> None:
    path = tmp_path / "partnere.txt"
    path.write_text(
        "# partnerskaber i Middelfart\nFra\tTil\tVægt\n"
        "Middelfart Kommune\tFrivilligcenter Middelfart\t2\n"
        "Frivilligcenter Middelfart\tÆblehavens Boldklub\t1\n\n",
        "utf-8",
    )
    tables = read_file(path)
    assert set(by_id(tables["nodes"])) == {
        "Middelfart Kommune",
        "Frivilligcenter Middelfart",
        "Æblehavens Boldklub",
    }
    assert by_id(tables["nodes"])["Middelfart Kommune"]["label"] == "Middelfart Kommune"
    assert [r["Vægt"] for r in tables["edges"].rows] == ["2", "1"]


def test_a_txt_file_in_dl_language_is_ucinet(tmp_path: Path) -> None:
    path = tmp_path / "net.txt"
    path.write_text("DL N=2\nDATA:\n0 1\n1 0\n", "utf-8")
    assert len(read_file(path)["edges"].rows) == 1


def test_a_line_with_one_name(tmp_path: Path) -> None:
    path = tmp_path / "bad.edgelist"
    path.write_text("a b\nc\n", "utf-8")
    with pytest.raises(ValidationError, match=r"bad.edgelist: a line needs two names") as caught:
        read_file(path)
    assert caught.value.details[0].row == 2
