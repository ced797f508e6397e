"""UCINET DL files written by hand after UCINET's DL language help and Gephi's DL page:
each layout, labels in the header or embedded, several relations, two-mode data."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from graphsvc.errors import ValidationError
from tests.io.graphhelpers import by_id, read_file


def _dl(tmp_path: Path, text: str, name: str = "net.dl") -> dict:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return read_file(path)


def _edges(tables: dict) -> list[tuple[str, ...]]:
    return [(r["source"], r["target"], r["directed"], r["weight"]) for r in tables["edges"].rows]


def test_fullmatrix_with_labels_symmetric_is_undirected(tmp_path: Path) -> None:
    """Gephi's example: five people, a symmetric matrix → one undirected edge per pair."""
    tables = _dl(
        tmp_path,
        "dl n=5\nformat = fullmatrix\nlabels:\nbarry,david,lin,pat,russ\ndata:\n"
        "0 1 1 1 0\n1 0 0 0 1\n1 0 0 1 0\n1 0 1 0 1\n0 1 0 1 0\n",
    )
    assert [r["label"] for r in tables["nodes"].rows] == ["barry", "david", "lin", "pat", "russ"]
    assert len(tables["edges"].rows) == 6  # 12 non-zero cells, 6 pairs
    assert {r["directed"] for r in tables["edges"].rows} == {"false"}
    assert ("barry", "david", "false", "1") in _edges(tables)


def test_fullmatrix_labels_embedded(tmp_path: Path) -> None:
    tables = _dl(
        tmp_path,
        "dl\nn = 5\nlabels embedded\nformat = fullmatrix\ndata:\n"
        "Bill Jan Jim Sue Zoe\nBill 0 0 1 0 0\nJan 0 0 0 1 1\nJim 1 0 0 1 0\n"
        "Sue 0 1 1 0 0\nZoe 0 1 0 0 0\n",
    )
    assert set(by_id(tables["nodes"])) == {"Bill", "Jan", "Jim", "Sue", "Zoe"}
    assert sorted(_edges(tables)) == [
        ("Bill", "Jim", "false", "1"),
        ("Jan", "Sue", "false", "1"),
        ("Jan", "Zoe", "false", "1"),
        ("Jim", "Sue", "false", "1"),
    ]


def test_fullmatrix_diagonal_absent_valued_asymmetric(tmp_path: Path) -> None:
    tables = _dl(
        tmp_path,
        'DL N=3 FORMAT=FULLMATRIX DIAGONAL ABSENT\nROW LABELS:\n"Middelfart Kommune"\n'
        '"Frivilligcenter Middelfart"\nTrygFonden\nDATA:\n2 0\n-1 0.5\n0 3\n',
    )
    assert [r["id"] for r in tables["nodes"].rows] == [
        "Middelfart Kommune",
        "Frivilligcenter Middelfart",
        "TrygFonden",
    ]
    assert _edges(tables) == [
        ("Middelfart Kommune", "Frivilligcenter Middelfart", "true", "2"),
        ("Frivilligcenter Middelfart", "Middelfart Kommune", "true", "-1"),  # negative kept
        ("Frivilligcenter Middelfart", "TrygFonden", "true", "0.5"),
        ("TrygFonden", "Frivilligcenter Middelfart", "true", "3"),
    ]


def test_edgelist1_with_labels_and_values(tmp_path: Path) -> None:
    tables = _dl(
        tmp_path,
        "DL n=5\nformat = edgelist1\nlabels:\ngeorge, sally, jim, billy, jane\ndata:\n"
        "1 2 1.5\n1 3\n2 3 -2\n3 1\n4 3\n",
    )
    assert len(tables["nodes"].rows) == 5  # jane has no tie and is still a node
    assert _edges(tables) == [
        ("george", "sally", "true", "1.5"),
        ("george", "jim", "true", "1"),
        ("sally", "jim", "true", "-2"),
        ("jim", "george", "true", "1"),
        ("billy", "jim", "true", "1"),
    ]


def test_edgelist1_labels_embedded(tmp_path: Path) -> None:
    tables = _dl(
        tmp_path,
        "DL n=5\nformat = edgelist1\nlabels embedded:\ndata:\n"
        "george sally\ngeorge jim\nsally jim\nbilly george\njane jim\n",
    )
    assert [r["id"] for r in tables["nodes"].rows] == ["george", "sally", "jim", "billy", "jane"]
    assert len(tables["edges"].rows) == 5


def test_nodelist1(tmp_path: Path) -> None:
    tables = _dl(
        tmp_path,
        "dl n=4 format=nodelist1\nlabels:\na b c d\ndata:\n1 2 3\n2 1\n3 1\n4\n",
    )
    assert [r["id"] for r in tables["nodes"].rows] == ["a", "b", "c", "d"]
    assert sorted(_edges(tables)) == [("a", "b", "false", "1"), ("a", "c", "false", "1")]


SAMPSON_STYLE = """DL N=4 NM=3
FORMAT = FULLMATRIX
LABELS:
ROMUL,BONAVEN,AMBROSE,BERTH
MATRIX LABELS:
LIKE_T1
DISLIKE
ESTEEM
DATA:
0 3 2 0
1 0 0 3
0 2 0 1
3 0 1 0
0 0 0 -2
0 0 -1 0
-3 0 0 0
0 0 0 0
0 1 0 0
1 0 0 0
0 0 0 0
0 0 0 0
"""


def test_several_matrices_are_relations(tmp_path: Path) -> None:
    """Sampson's monastery layout (NM > 1, MATRIX LABELS): a ``relation`` column per edge."""
    tables = _dl(tmp_path, SAMPSON_STYLE, "sampson.dl")
    edges = tables["edges"]
    assert "relation" in edges.columns
    assert Counter(r["relation"] for r in edges.rows) == {"LIKE_T1": 8, "DISLIKE": 3, "ESTEEM": 1}
    esteem = [r for r in edges.rows if r["relation"] == "ESTEEM"]
    assert [(r["source"], r["target"], r["directed"]) for r in esteem] == [
        ("ROMUL", "BONAVEN", "false")  # symmetric within its own relation
    ]
    dislike = {
        (r["source"], r["target"]): r["weight"] for r in edges.rows if r["relation"] == "DISLIKE"
    }
    assert dislike == {
        ("ROMUL", "BERTH"): "-2",
        ("BONAVEN", "AMBROSE"): "-1",
        ("AMBROSE", "ROMUL"): "-3",
    }


def test_two_mode_matrix(tmp_path: Path) -> None:
    tables = _dl(
        tmp_path,
        "DL NR=3, NC=2\nFORMAT = FULLMATRIX\nROW LABELS:\nKommunen\nFonden\nForeningen\n"
        "COLUMN LABELS:\nLegepatruljen\nMentorer\nDATA:\n1 1\n1 0\n0 1\n",
    )
    nodes = by_id(tables["nodes"])
    assert {k: v["bipartite"] for k, v in nodes.items()} == {
        "Kommunen": "0",
        "Fonden": "0",
        "Foreningen": "0",
        "Legepatruljen": "1",
        "Mentorer": "1",
    }
    assert sorted(_edges(tables)) == [
        ("Fonden", "Legepatruljen", "false", "1"),
        ("Foreningen", "Mentorer", "false", "1"),
        ("Kommunen", "Legepatruljen", "false", "1"),
        ("Kommunen", "Mentorer", "false", "1"),
    ]


def test_numbers_without_labels(tmp_path: Path) -> None:
    tables = _dl(tmp_path, "DL N = 3\nData:\n0 1 0\n0 0 1\n1 0 0\n")
    assert [r["id"] for r in tables["nodes"].rows] == ["1", "2", "3"]
    assert _edges(tables) == [
        ("1", "2", "true", "1"),
        ("2", "3", "true", "1"),
        ("3", "1", "true", "1"),
    ]


@pytest.mark.parametrize(
    ("text", "message", "row"),
    [
        ("DL N=3\nDATA:\n0 1 0\n0 0\n", "ends before the matrix is complete", None),
        ("DL N=2\nDATA:\n0 x\n0 0\n", "'x' is not a number", 3),
        ("DL N=2 FORMAT=EDGELIST1\nDATA:\n1 2\n1 7\n", "'7' is not a node number from 1 to 2", 4),
        ("DL N=2 FORMAT=LOWERHALF\nDATA:\n1\n", "FORMAT LOWERHALF is not read", 1),
        ("N=2\nDATA:\n0 1\n1 0\n", "must start with DL", 1),
        ("DL N=2\n0 1\n1 0\n", "no DATA: section", None),
        ("DL N=3\nLABELS:\na,b\nDATA:\n0 1 0\n0 0 1\n1 0 0\n", "2 row labels for 3 rows", None),
    ],
)
def test_errors_name_the_file_and_line(tmp_path: Path, text: str, message: str, row: int) -> None:
    with pytest.raises(ValidationError) as caught:
        _dl(tmp_path, text, "fejl.dl")
    assert message in caught.value.message and caught.value.message.startswith("fejl.dl: ")
    (problem,) = caught.value.details
    assert (problem.file, problem.row) == ("fejl.dl", row)
