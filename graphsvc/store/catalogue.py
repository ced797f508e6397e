"""The query catalogue: every Cypher statement graphsvc runs, loaded by name.

Queries live in ``queries/<area>/<verb>_<noun>.cypher``, one statement per file, and
are named ``<area>/<verb>_<noun>``. Each file starts with a header of ``//`` lines::

    // Merge actors by id from a batch of rows.
    // @param rows  list of {id, props}
    // @mode write
    // @public

``@param`` declares a parameter the statement uses as ``$name``; ``@mode`` is
``read`` or ``write``; ``@public`` marks a read query planners may run through the
API. The catalogue refuses unknown names and calls with missing or extra
parameters, and refuses to load a file whose header and statement disagree, so no
Cypher is ever assembled from user input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from graphsvc.errors import Problem, QueryCatalogueError

_PARAM_USE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRING_LITERAL = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_LINE_COMMENT = re.compile(r"//[^\n]*")


@dataclass(frozen=True)
class Query:
    """One statement of the catalogue."""

    name: str
    text: str
    params: dict[str, str] = field(default_factory=dict)
    mode: Literal["read", "write"] = "read"
    public: bool = False
    description: str = ""

    def bind(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Check ``values`` against the declared parameters and return them as a dict."""
        missing = sorted(set(self.params) - set(values))
        extra = sorted(set(values) - set(self.params))
        problems = [Problem(f"missing parameter ${name}", column=name) for name in missing]
        problems += [Problem(f"unknown parameter ${name}", column=name) for name in extra]
        if problems:
            raise QueryCatalogueError(
                f"query {self.name!r} takes parameters {sorted(self.params)}", details=problems
            )
        return dict(values)


class Catalogue:
    """All queries under one directory, by name.

    Parameters
    ----------
    root : Path
        The ``queries/`` directory.

    Raises
    ------
    QueryCatalogueError
        When a file's header does not match its statement.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        if not self.root.is_dir():
            raise QueryCatalogueError(f"query directory {self.root} does not exist")
        self._queries = {
            query.name: query
            for query in (parse_query_file(path, self.root) for path in self._files())
        }

    def _files(self) -> list[Path]:
        return sorted(self.root.rglob("*.cypher"))

    def __contains__(self, name: object) -> bool:
        return name in self._queries

    def __len__(self) -> int:
        return len(self._queries)

    def names(self, area: str | None = None) -> list[str]:
        return sorted(n for n in self._queries if area is None or n.startswith(f"{area}/"))

    def get(self, name: str) -> Query:
        try:
            return self._queries[name]
        except KeyError:
            raise QueryCatalogueError(f"unknown query {name!r}") from None

    def public(self) -> list[Query]:
        """The read-only queries planners may run."""
        return [self._queries[n] for n in self.names() if self._queries[n].public]


@cache
def load_catalogue(root: Path) -> Catalogue:
    """The catalogue of ``root``, loaded once per process."""
    return Catalogue(root)


def parse_query_file(path: Path, root: Path) -> Query:
    """Read one query file and check its header against its statement."""
    name = path.relative_to(root).with_suffix("").as_posix()
    text = path.read_text("utf-8")
    header: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("//"):
            header.append(stripped[2:].strip())
        elif stripped:
            break
    params: dict[str, str] = {}
    mode = "read"
    public = False
    description: list[str] = []
    where = str(path)
    for entry in header:
        if entry.startswith("@param"):
            parts = entry.split(maxsplit=2)
            if len(parts) < 2:
                raise QueryCatalogueError(f"{where}: '@param' without a name")
            params[parts[1]] = parts[2] if len(parts) > 2 else ""
        elif entry.startswith("@mode"):
            mode = entry.removeprefix("@mode").strip()
        elif entry == "@public":
            public = True
        elif entry.startswith("@"):
            raise QueryCatalogueError(f"{where}: unknown header tag {entry.split()[0]!r}")
        elif entry:
            description.append(entry)
    if mode not in ("read", "write"):
        raise QueryCatalogueError(f"{where}: @mode must be read or write, not {mode!r}")
    if public and mode != "read":
        raise QueryCatalogueError(f"{where}: only read queries can be @public")
    statement = _statement(text)
    if not statement:
        raise QueryCatalogueError(f"{where}: no statement")
    code = _LINE_COMMENT.sub("", _STRING_LITERAL.sub("''", statement))
    used = set(_PARAM_USE.findall(code))
    undeclared = sorted(used - set(params))
    unused = sorted(set(params) - used)
    if undeclared or unused:
        raise QueryCatalogueError(
            f"{where}: header and statement disagree "
            f"(undeclared: {undeclared}, declared but unused: {unused})"
        )
    return Query(
        name=name,
        text=statement,
        params=params,
        mode=mode,  # type: ignore[arg-type]
        public=public,
        description=" ".join(description),
    )


def _statement(text: str) -> str:
    """The text after the header, without a trailing semicolon."""
    lines = text.splitlines()
    while lines and (not lines[0].strip() or lines[0].strip().startswith("//")):
        lines.pop(0)
    return "\n".join(lines).strip().removesuffix(";").strip()
