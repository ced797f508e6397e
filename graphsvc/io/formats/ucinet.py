"""UCINET DL files (reader).

A header ``DL N=… [NM=…]`` (two-mode: ``NR=… NC=…``), ``FORMAT = FULLMATRIX |
EDGELIST1 | NODELIST1`` (two-mode: ``EDGELIST2 | NODELIST2``), ``DIAGONAL PRESENT |
ABSENT``, labels (``LABELS:``, ``ROW LABELS:``, ``COLUMN LABELS:``, or ``LABELS
EMBEDDED`` in the data), ``MATRIX LABELS:`` naming the relations when ``NM > 1``, then
``DATA:``. Keywords may come in any order, in any case, ``=`` with or without spaces.

Every non-zero cell is an edge with the cell as ``weight`` (valued and negative values
as written). A relation whose matrix is symmetric gives one undirected edge per pair,
otherwise one directed edge per cell. With several matrices each edge has a
``relation`` column (the matrix label, or its number). Two-mode data (``NR``/``NC`` or
the ``…2`` formats) gives row nodes with ``bipartite`` = 0 and column nodes with 1.
Nodes are the labels (``id`` and ``label``), or ``1`` … ``n`` without labels.

References
----------
.. [1] UCINET help, "DL language", http://analytictech.com/ucinet/help/hs5000.htm
.. [2] Gephi, "UCINET DL format",
   https://gephi.github.io/users/supported-graph-formats/ucinet-dl-format/
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from graphsvc.io.formats.common import Limits
from graphsvc.io.formats.graphs import GraphTables, fail, read_text
from graphsvc.io.tables import RawTable

NAME = "ucinet"
SUFFIXES = (".dl",)
DESCRIPTION = "UCINET DL (fullmatrix, edgelist1, nodelist1)"

_KEYWORD = re.compile(
    r"(?P<embedded>\b(?:ROW\s+|COLUMN\s+)?LABELS\s+EMBEDDED\b\s*:?)"
    r"|(?P<labels>\b(?:MATRIX\s+|ROW\s+|COLUMN\s+|COL\s+)?LABELS\s*:)"
    r"|(?P<size>\bN[RCM]?\s*=\s*\d+)"
    r"|(?P<format>\bFORMAT\s*=\s*\w+)"
    r"|(?P<diagonal>\bDIAGONAL\s*=?\s*(?:PRESENT|ABSENT)\b)"
    r"|(?P<data>\bDATA\s*:)",
    re.IGNORECASE,
)
_FORMATS = ("FULLMATRIX", "EDGELIST1", "NODELIST1", "EDGELIST2", "NODELIST2")


# A matrix cell: row node id, column node id, the value as written, its line.
_Cell = tuple[str, str, str, int]


@dataclass
class _Header:
    n: int | None = None
    nr: int | None = None
    nc: int | None = None
    nm: int = 1
    layout: str = "FULLMATRIX"
    diagonal: bool = True
    embedded: bool = False
    labels: dict[str, list[list[str]]] = field(default_factory=dict)


def read(path: Path, limits: Limits) -> list[RawTable]:
    """The node and edge lists of a UCINET DL file.

    Parameters
    ----------
    path : Path
        A DL text file.
    limits : Limits
        Size and row limits.

    Returns
    -------
    list of RawTable
        ``nodes`` (``id``, ``label``, ``bipartite`` for two-mode data) and ``edges``
        (``source``, ``target``, ``directed``, ``weight``, ``relation`` when ``NM > 1``).

    Raises
    ------
    ValidationError
        For a header or data the DL language does not allow, naming the line.

    Examples
    --------
    >>> nodes, edges = read(Path("sampson.dl"), DEFAULT_LIMITS)  # doctest: +SKIP
    """
    text = read_text(path, limits)
    header, data_line, data = _header(path, text)
    return _Reader(path, limits, header, data_line).run(data)


def _header(path: Path, text: str) -> tuple[_Header, int, str]:
    if not re.match(r"\s*DL\b", text, re.IGNORECASE):
        fail(path, "not a UCINET DL file: it must start with DL", row=1)
    head = _Header()
    matches = list(_KEYWORD.finditer(text, re.match(r"\s*DL", text, re.I).end()))  # type: ignore[union-attr]
    data = next((m for m in matches if m.lastgroup == "data"), None)
    if data is None:
        fail(path, "the DL file has no DATA: section")
        raise AssertionError  # unreachable: fail() raises
    matches = [m for m in matches if m.start() < data.start()]
    for index, match in enumerate(matches):
        word = re.sub(r"\s+", " ", match.group().upper()).rstrip(":").strip()
        if match.lastgroup == "size":
            name, value = (part.strip() for part in word.split("="))
            setattr(head, name.lower(), int(value))
        elif match.lastgroup == "format":
            head.layout = word.split("=")[1].strip()
            if head.layout == "EDGELIST":
                head.layout = "EDGELIST1"
            if head.layout not in _FORMATS:
                line = text.count("\n", 0, match.start()) + 1
                fail(
                    path,
                    f"FORMAT {head.layout} is not read; use one of {', '.join(_FORMATS)}",
                    row=line,
                )
        elif match.lastgroup == "diagonal":
            head.diagonal = word.endswith("PRESENT")
        elif match.lastgroup == "embedded":
            head.embedded = True
        elif match.lastgroup == "labels":
            end = matches[index + 1].start() if index + 1 < len(matches) else data.start()
            kind = word.split(" ")[0] if " " in word else "LABELS"
            kind = {"COL": "COLUMN"}.get(kind, kind)
            head.labels[kind] = _labels(text[match.end() : end])
    return head, text.count("\n", 0, data.end()) + 1, text[data.end() :]


def _labels(block: str) -> list[list[str]]:
    """The ways to read a label list: by commas and lines, or UCINET's own way (spaces too,
    quotes around embedded spaces). :meth:`_Reader._names` takes the one that fits N."""
    by_line = [part.strip().strip('"') for part in re.split(r"[,\n]", block) if part.strip()]
    return [_tokens(block), by_line]


def _tokens(text: str) -> list[str]:
    lexer = shlex.shlex(text.replace(",", " ").replace("=", " "), posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    return list(lexer)


class _Reader:
    def __init__(self, path: Path, limits: Limits, head: _Header, first_line: int) -> None:
        self.path, self.head, self.first_line = path, head, first_line
        self.found = GraphTables(path.name, limits)
        two_mode = head.n is None and (head.nr is not None or head.nc is not None)
        self.two_mode = two_mode or head.layout.endswith("2")
        self.rows = self._names("ROW", head.nr if self.two_mode else head.n)
        self.columns = self._names("COLUMN", head.nc if self.two_mode else head.n)
        relations = self._fitting(head.labels.get("MATRIX"), head.nm)
        self.relations = [
            relations[i] if i < len(relations) else str(i + 1) for i in range(max(head.nm, 1))
        ]

    def _names(self, side: str, size: int | None) -> list[str]:
        """Row or column names: their own labels, else the shared ones, else 1 … size."""
        sides = (side, "LABELS") if self.two_mode else ("LABELS", "ROW", "COLUMN")
        candidates = next((self.head.labels[s] for s in sides if s in self.head.labels), None)
        labels = self._fitting(candidates, size)
        if size is None:
            return labels
        if labels and len(labels) != size:
            fail(self.path, f"{len(labels)} {side.lower()} labels for {size} {side.lower()}s")
        return labels or [str(i) for i in range(1, size + 1)]

    @staticmethod
    def _fitting(candidates: list[list[str]] | None, size: int | None) -> list[str]:
        if not candidates:
            return []
        return next((c for c in candidates if len(c) == size), candidates[0])

    def run(self, data: str) -> list[RawTable]:
        for side, names in (("0", self.rows), ("1", self.columns)):
            if not self.head.embedded:
                for name in names:
                    self._node(name, side)
            if not self.two_mode:
                break
        lines = [
            (self.first_line + number, _tokens(line))
            for number, line in enumerate(data.split("\n"))
            if line.strip()
        ]
        if self.head.layout == "FULLMATRIX":
            tokens = [(n, cell) for n, line in lines for cell in line if cell != "!"]
            matrices = self._full_matrices(tokens)
        else:
            blocks: list[list[tuple[int, list[str]]]] = [[]]
            for number, line in lines:
                if line == ["!"]:
                    blocks.append([])
                else:
                    blocks[-1].append((number, line))
            if len(blocks) > len(self.relations):
                fail(self.path, f"{len(blocks)} relations in the data, NM = {len(self.relations)}")
            read_block = self._edgelist if self.head.layout.startswith("EDGE") else self._nodelist
            matrices = [read_block(block) for block in blocks]
        for relation, cells in zip(self.relations, matrices, strict=False):
            self._relation(cells, relation)
        return self.found.tables()

    def _node(self, name: str, side: str) -> str:
        """Add a node and return its id (a column named like a row gets its own id)."""
        node_id = f"{name} (column)" if side == "1" and name in self.rows else name
        extra = {"bipartite": side} if self.two_mode else {}
        self.found.node(node_id, {"label": name, **extra})
        return node_id

    def _full_matrices(self, tokens: list[tuple[int, str]]) -> list[list[_Cell]]:
        """One list of cells per matrix; embedded labels open each matrix and each row."""
        position = 0

        def take() -> tuple[int, str]:
            nonlocal position
            if position >= len(tokens):
                fail(self.path, "the data ends before the matrix is complete")
            position += 1
            return tokens[position - 1]

        size = self.head.nr if self.two_mode else self.head.n
        width = (self.head.nc if self.two_mode else self.head.n) or len(self.columns)
        height = size or len(self.rows)
        if not width or not height:
            fail(self.path, "the header gives no N (or NR and NC)")
        matrices = []
        for _relation in self.relations:
            columns = self.columns
            if self.head.embedded:
                columns = [
                    self._node(take()[1], "1" if self.two_mode else "0") for _ in range(width)
                ]
            cells: list[_Cell] = []
            for i in range(height):
                row = self._node(take()[1], "0") if self.head.embedded else self.rows[i]
                for j in range(width):
                    if i == j and not self.head.diagonal and not self.two_mode:
                        continue
                    number, value = take()
                    cells.append((row, columns[j], value, number))
            matrices.append(cells)
        if position < len(tokens):
            fail(self.path, "more values than the matrix dimensions hold", row=tokens[position][0])
        return matrices

    def _endpoint(self, token: str, side: str, number: int) -> str:
        side = side if self.two_mode else "0"
        if self.head.embedded:
            return self._node(token, side)
        names = self.columns if side == "1" else self.rows
        if not token.isdigit() or not 1 <= int(token) <= len(names):
            fail(self.path, f"{token!r} is not a node number from 1 to {len(names)}", row=number)
        name = names[int(token) - 1]
        return f"{name} (column)" if side == "1" and name in self.rows else name

    def _edgelist(self, lines: list[tuple[int, list[str]]]) -> list[_Cell]:
        cells: list[_Cell] = []
        for number, tokens in lines:
            if len(tokens) not in (2, 3):
                fail(
                    self.path, "an edge list line needs two nodes and an optional value", row=number
                )
            value = tokens[2] if len(tokens) == 3 else "1"
            source = self._endpoint(tokens[0], "0", number)
            cells.append((source, self._endpoint(tokens[1], "1", number), value, number))
        return cells

    def _nodelist(self, lines: list[tuple[int, list[str]]]) -> list[_Cell]:
        cells: list[_Cell] = []
        for number, tokens in lines:
            source = self._endpoint(tokens[0], "0", number)
            cells.extend((source, self._endpoint(t, "1", number), "1", number) for t in tokens[1:])
        return cells

    def _relation(self, cells: list[_Cell], relation: str) -> None:
        """The non-zero cells as edges: one undirected edge per pair when symmetric."""
        values: dict[tuple[str, str], tuple[str, int]] = {}
        for source, target, value, number in cells:
            if value in (".", "?"):  # a missing value
                continue
            try:
                zero = float(value) == 0
            except ValueError:
                fail(self.path, f"{value!r} is not a number", row=number)
            if not zero:
                values[(source, target)] = (value, number)
        symmetric = self.two_mode or all(
            values.get((t, s), ("",))[0] == v for (s, t), (v, _) in values.items()
        )
        extra = {"relation": relation} if len(self.relations) > 1 else {}
        written: set[tuple[str, str]] = set()
        for (source, target), (value, number) in values.items():
            if symmetric and (target, source) in written:
                continue  # the other half of a mutual tie
            written.add((source, target))
            directed = "false" if symmetric else "true"
            self.found.edge(
                source, target, {"directed": directed, "weight": value, **extra}, row=number
            )
