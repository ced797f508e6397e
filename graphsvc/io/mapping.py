"""The mapping step: any sheet, node list or edge list into the four tables of the model.

Readers (:mod:`graphsvc.io.formats`) give the cells of each sheet as text
(:class:`~graphsvc.io.tables.RawTable`). :func:`detect_mapping` decides, per sheet, its
*shape* and what each column holds (its *target*), from the headers in Danish and
English and from the values; :func:`apply_mapping` then builds actors, projects,
participations and collaborations from the cells, in the layout of
:data:`~graphsvc.io.tables.COLUMNS`, for the usual validation and import.

Shapes of sheet
---------------
``tables``
    One of graphsvc's four tables (its own CSV/XLSX export): passed through unchanged.
``rows``
    A planner's sheet: one row per actor (and per project it takes part in), with
    partner(s), project, role and dates. Becomes actors, projects, participations and
    collaborations.
``nodes`` / ``edges``
    A node list (Gephi's Id/Label, Kumu's Elements, a graph file's nodes) and an edge
    list (Source/Target, From/To). Nodes are actors, or projects when a node type or
    networkx's ``bipartite`` attribute says so; edges between actors are collaborations,
    edges between an actor and a project participations.
``graphsvc-nodes`` / ``graphsvc-edges``
    graphsvc's own GEXF/GraphML/JSON export (``type`` = actor|project, ``tie`` =
    participation|collaboration): mapped back exactly, ids kept.
``edgelist``
    Two or three columns of names and no header: a plain edge list.
``matrix``
    Organisations in the first column, one column per project (or per actor: an
    adjacency matrix), a mark or a role where they take part.
``skip``
    Not imported (e.g. Kumu's "(ignore)" sheets).

Targets of a column
-------------------
Every column gets one target (:data:`TARGETS`): a field of the model (``name``,
``kind``, ``locality``, ``start`` …), ``tag`` (each value a tag), ``attribute`` (kept
under the column's own name in the item's ``attributes``) or ``ignore``. Nothing is
dropped unless the mapping says ``ignore``. The mapping is saved and read as TOML
(:meth:`Mapping.to_toml`, :meth:`Mapping.parse`) so a planner can reuse it.

Ids are made from names (:func:`~graphsvc.io.values.slugify`), the same organisation
written twice is one actor (:func:`~graphsvc.io.values.name_key`) and actors already
in the store are found by name (``known``), so importing the same file again changes
nothing and a corrected file updates what changed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

import tomli_w
from pydantic import BaseModel, Field
from pydantic import ValidationError as PydanticValidationError

from graphsvc.errors import Problem, ValidationError
from graphsvc.i18n import ENUM_LABELS
from graphsvc.io import values as v
from graphsvc.io.tables import COLUMNS, TABLES, RawTable
from graphsvc.model import is_slug

log = logging.getLogger(__name__)

Shape = Literal[
    "tables", "rows", "nodes", "edges", "graphsvc-nodes", "graphsvc-edges",
    "edgelist", "matrix", "skip",
]  # fmt: skip
DecidedBy = Literal["layout", "header", "values", "position", "default", "mapping", "undecided"]

# What a column can hold, with the text the CLI and the page show for it.
TARGETS: dict[str, str] = {
    "id": "the file's id of the row's actor or node",
    "name": "the actor's name (or the node's label)",
    "kind": "the actor's kind (Kommune, Forening, Fond …)",
    "sector": "the actor's sector",
    "scale": "the actor's scale (lokal, kommunal, national …)",
    "locality": "the actor's municipality (name or code)",
    "cvr": "the actor's CVR number",
    "website": "the actor's website",
    "is_person": "whether the actor is a person (ja/nej)",
    "legal_basis": "a person's GDPR legal basis",
    "node_type": "actor or project (or networkx's bipartite 0/1)",
    "partner": "partner(s) of the row's actor (several per cell)",
    "source": "the edge's first actor (From, Source)",
    "target": "the edge's second actor or project (To, Target)",
    "project": "the project(s) the actor takes part in",
    "role": "the actor's role in the project",
    "theme": "the project's theme",
    "tie_kind": "the kind of collaboration",
    "directed": "whether the tie is directed",
    "weight": "the tie's weight",
    "status": "existing or proposed",
    "start": "start date",
    "end": "end date",
    "amount": "an amount (its currency from the cell, e.g. 250.000 kr., or the currency "
    "column; DKK when neither says)",
    "currency": "the amount's currency (DKK, NOK, SEK, EUR)",
    "support": "the kind of support (kontant tilskud, naturalier, honorar, pulje, sparring)",
    "proposed_by": "who proposed a proposed tie",
    "part_of": "the project this project is part of",
    "follows": "the project this project follows",
    "successor": "the actor this actor became",
    "member_kind": "the kind of actors a group's members are (kommuner)",
    "member_count": "a group's number of members (20; ca. 80; 14 i 2015)",
    "place": "a place below or above the municipality (Uldum, landsdækkende)",
    "place_level": "the level of that place (bydel, by, landsdel, hele landet)",
    "inferred": "the fields whose value is inferred (e.g. rolle; start)",
    "description": "description or remarks",
    "sources": "the documents the row comes from",
    "tags": "tags (several per cell)",
    "tag": "each value becomes a tag",
    "attribute": "kept as an attribute under the column's name",
    "ignore": "not imported",
}
_KEEP = ("attribute", "tag", "ignore")
CHOICES: dict[str, tuple[str, ...]] = {
    "rows": (
        "name", "id", "kind", "sector", "scale", "locality", "cvr", "website", "is_person",
        "legal_basis", "partner", "project", "role", "theme", "tie_kind", "status", "start",
        "end", "amount", "currency", "support", "proposed_by", "member_kind", "member_count",
        "successor", "place", "place_level", "inferred", "weight", "description", "sources",
        "tags", *_KEEP,
    ),
    "nodes": (
        "id", "name", "node_type", "kind", "sector", "scale", "locality", "cvr", "website",
        "is_person", "legal_basis", "theme", "start", "end", "part_of", "follows", "successor",
        "member_kind", "member_count", "place", "place_level", "inferred", "description",
        "sources", "tags", *_KEEP,
    ),
    "edges": (
        "id", "source", "target", "tie_kind", "role", "directed", "weight", "status", "start",
        "end", "amount", "currency", "support", "project", "proposed_by", "inferred",
        "description", "sources", "tags", *_KEEP,
    ),
    "edgelist": ("source", "target", "weight", "tie_kind", "role", *_KEEP),
    "matrix": ("name", "project", *_KEEP),
    "skip": ("ignore",),
}  # fmt: skip
# Targets that one column at most may have in a sheet (partner, project, tags: several).
_SINGLE = frozenset(TARGETS) - {"partner", "project", "tags", "tag", "attribute", "ignore"}

# Folded header → target. Context-dependent headers (Type, Fra/Til, From/To) are
# refined by the values in :func:`_refine`.
HEADER_WORDS: dict[str, str] = {
    "organisation": "name", "organization": "name", "navn": "name", "name": "name",
    "aktoer": "name", "aktor": "name", "actor": "name", "label": "name", "aktoernavn": "name",
    "organisationsnavn": "name", "institution": "name", "virksomhed": "name",
    "organisationer": "name", "aktoerer": "name", "navne": "name", "actors": "name",
    "organisations": "name", "organizations": "name", "nodes": "name",
    "forening": "name", "deltager": "name", "organisation navn": "name",
    "id": "id", "noegle": "id", "key": "id",
    "type": "kind", "aktoertype": "kind", "kind": "kind", "kategori": "kind",
    "organisationstype": "kind", "art": "kind", "aktoer type": "kind",
    "sektor": "sector", "sector": "sector",
    "niveau": "scale", "scale": "scale", "skala": "scale",
    "kommune": "locality", "municipality": "locality", "hjemkommune": "locality",
    "locality": "locality", "lokalitet": "locality",
    "cvr": "cvr", "cvr nr": "cvr", "cvr nummer": "cvr", "cvrnr": "cvr",
    "hjemmeside": "website", "website": "website", "web": "website", "url": "website",
    "person": "is_person", "is person": "is_person", "is_person": "is_person",
    "legal basis": "legal_basis", "legal_basis": "legal_basis", "retsgrundlag": "legal_basis",
    "bipartite": "node_type", "node type": "node_type", "nodetype": "node_type",
    "partner": "partner", "partnere": "partner", "samarbejdspartner": "partner",
    "samarbejdspartnere": "partner", "samarbejder med": "partner", "partners": "partner",
    "source": "source", "from": "source", "kilde node": "source",
    "target": "target", "to": "target",
    "projekt": "project", "indsats": "project", "project": "project", "initiativ": "project",
    "projektnavn": "project", "projekter": "project", "projects": "project",
    "rolle": "role", "role": "role", "rolle i projektet": "role",
    "tema": "theme", "theme": "theme", "omraade": "theme", "fagomraade": "theme",
    "relation": "tie_kind", "samarbejdstype": "tie_kind", "tie kind": "tie_kind",
    "relationstype": "tie_kind",
    "directed": "directed", "direction": "directed", "retning": "directed",
    "weight": "weight", "vaegt": "weight", "strength": "weight", "styrke": "weight",
    "status": "status",
    "start": "start", "startdato": "start", "start date": "start", "start_date": "start",
    "fra": "start", "fra dato": "start", "begyndelse": "start", "startaar": "start",
    "periode start": "start", "start aar": "start", "siden": "start",
    "slut": "end", "slutdato": "end", "end": "end", "end date": "end", "end_date": "end",
    "til": "end", "til dato": "end", "ophoer": "end", "slutaar": "end", "periode slut": "end",
    "beloeb": "amount", "belob": "amount", "amount": "amount", "bevilling": "amount",
    "funding": "amount", "tilskud": "amount", "funding_amount": "amount", "kr": "amount",
    "beloeb kr": "amount", "stoette": "amount",
    "bemaerkninger": "description", "bemaerkning": "description", "beskrivelse": "description",
    "description": "description", "noter": "description", "note": "description",
    "kommentar": "description", "kommentarer": "description", "comments": "description",
    "kilde": "sources", "kilder": "sources", "sources": "sources",
    "tags": "tags", "tag": "tags", "noegleord": "tags", "emneord": "tags", "keywords": "tags",
    "valuta": "currency", "currency": "currency", "moent": "currency", "moentenhed": "currency",
    "stoetteform": "support", "stoettetype": "support", "type af stoette": "support",
    "support": "support", "support kind": "support", "kind of support": "support",
    "foreslaaet af": "proposed_by", "proposed by": "proposed_by", "forslag fra": "proposed_by",
    "foreslaaet_af": "proposed_by", "proposed_by": "proposed_by",
    "del af": "part_of", "part of": "part_of", "part_of": "part_of", "delprojekt af": "part_of",
    "hovedprojekt": "part_of", "under projekt": "part_of",
    "foelger": "follows", "follows": "follows", "foelger efter": "follows",
    "fortsaettelse af": "follows", "afloeser": "follows", "continues": "follows",
    "blev til": "successor", "efterfoelger": "successor", "successor": "successor",
    "became": "successor", "successor_id": "successor", "nu": "successor",
    "medlemstype": "member_kind", "member kind": "member_kind", "member_kind": "member_kind",
    "type af medlemmer": "member_kind", "medlemmernes type": "member_kind",
    "antal medlemmer": "member_count", "medlemstal": "member_count",
    "members": "member_count", "number of members": "member_count",
    "medlemmer": "member_count", "member count": "member_count",
    "member_counts": "member_count", "antal deltagere": "member_count",
    "sted": "place", "place": "place", "stednavn": "place", "lokalt sted": "place",
    "stedniveau": "place_level", "place level": "place_level", "place_level": "place_level",
    "niveau for sted": "place_level",
    "udledt": "inferred", "udledte felter": "inferred", "inferred": "inferred",
    "inferred fields": "inferred", "inferred_fields": "inferred", "antaget": "inferred",
    "udledt felt": "inferred", "antagede felter": "inferred",
}  # fmt: skip

PREVIEW_ROWS = 10
UNKNOWN_SHEET = (
    "no column graphsvc knows: skipped (to import it, set its shape to 'rows' and one "
    "column's target to 'name')"
)


# ---------------------------------------------------------------- the mapping


class ColumnMapping(BaseModel):
    """What one column of a sheet holds."""

    column: str = Field(description="The column's header as written in the file.")
    target: str = Field(description="What the column holds: one of TARGETS (or a model field).")
    decided_by: DecidedBy = Field(
        default="mapping",
        description="layout (graphsvc's own tables), header, values, position, default "
        "(an unknown column kept as an attribute), mapping (a mapping file or the page) "
        "or undecided (the import stops until the mapping says).",
    )
    choices: list[str] = Field(default_factory=list, description="Targets the column may take.")
    note: str | None = Field(default=None, description="Why, or what was inferred.")
    examples: list[str] = Field(
        default_factory=list,
        description="The first different values of the column (for the import page; never "
        "written to a mapping file).",
    )


class SheetMapping(BaseModel):
    """How one sheet maps to the model."""

    sheet: str = Field(description="The sheet as messages name it, e.g. 'kort.xlsx[Ark1]'.")
    name: str = Field(
        default="", description="The sheet's own name (matched when the file is renamed)."
    )
    shape: Shape
    table: str | None = Field(default=None, description="For shape 'tables': which of the four.")
    header: bool = Field(default=True, description="False when the first row is data (edge lists).")
    keep_ids: bool = Field(default=False, description="Use the file's ids as graphsvc ids.")
    projects: str | None = Field(
        default=None,
        description="For node lists: the node_type value that marks projects (e.g. '1').",
    )
    columns: list[ColumnMapping] = Field(default_factory=list)
    note: str | None = None

    def target_of(self, column: str) -> str:
        for mapped in self.columns:
            if mapped.column == column:
                return mapped.target
        return "attribute"

    def columns_for(self, target: str) -> list[str]:
        return [c.column for c in self.columns if c.target == target]


class Mapping(BaseModel):
    """The mapping of every sheet of an import; saved and reused as TOML."""

    version: int = 1
    sheets: list[SheetMapping] = Field(default_factory=list)

    def to_toml(self) -> str:
        """The mapping as a TOML file a planner can edit and pass back with ``--mapping``."""
        data = self.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
        for sheet in data["sheets"]:
            for column in sheet["columns"]:
                column.pop("choices", None)
                column.pop("examples", None)
        header = (
            "# graphsvc import mapping: what each column of each sheet holds.\n"
            "# Change a column's target and pass the file back: graphsvc import --mapping FILE\n"
            f"# Targets: {', '.join(TARGETS)}\n"
        )
        return header + tomli_w.dumps(data)

    @classmethod
    def parse(cls, text: str, source: str = "mapping") -> Mapping:
        """A mapping from TOML or JSON text.

        Raises
        ------
        ValidationError
            Naming ``source`` when the text is neither, or not a mapping.
        """
        try:
            data = json.loads(text) if text.lstrip().startswith("{") else tomllib.loads(text)
        except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ValidationError(
                f"{source}: not a TOML or JSON mapping",
                details=[Problem(f"cannot parse: {exc}", file=source)],
            ) from exc
        try:
            mapping = cls.model_validate(data)
        except PydanticValidationError as exc:
            raise ValidationError(
                f"{source}: not a valid mapping",
                details=[
                    Problem(f"{'.'.join(map(str, e['loc']))}: {e['msg']}", file=source, value=None)
                    for e in exc.errors()
                ],
            ) from exc
        for sheet in mapping.sheets:
            for column in sheet.columns:
                column.decided_by = "mapping"
        return mapping


# ---------------------------------------------------------------- detection


def _shape_choices(shape: str, table: str | None) -> list[str]:
    if shape == "tables" and table:
        return [*COLUMNS[table], "ignore"]
    if shape.startswith("graphsvc-"):
        return []
    return list(CHOICES.get(shape, CHOICES["rows"]))


def _header_target(header: str) -> str | None:
    folded = v.fold(header)
    if folded in HEADER_WORDS:
        return HEADER_WORDS[folded]
    # "Partner 1", "Partner 2", "Projekt (navn)", "Start år"
    stripped = re.sub(r"\s*\d+$", "", folded)
    if stripped in HEADER_WORDS:
        return HEADER_WORDS[stripped]
    first = folded.split(" ")[0] if folded else ""
    return HEADER_WORDS.get(first) if first in ("partner", "projekt", "kommune") else None


def _guess(table: RawTable, column: str) -> str | None:
    """The header's target; Fra/Til and From/To by their values: dates, or actors."""
    target = _header_target(column)
    if v.fold(column) in ("fra", "til", "from", "to"):
        values = _values(table, column)
        dates = values and _share(values, v.looks_like_date) >= 0.8
        if v.fold(column) in ("fra", "from"):
            return "start" if dates else "source"
        return "end" if dates else "target"
    return target


def _values(table: RawTable, column: str, limit: int = 200) -> list[str]:
    found = []
    for row in table.rows:
        text = (row.get(column) or "").strip()
        if text:
            found.append(text)
            if len(found) >= limit:
                break
    return found


def _share(values: list[str], test: Any) -> float:
    return sum(1 for value in values if test(value)) / len(values) if values else 0.0


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def _values_target(values: list[str]) -> str | None:
    """What an unknown column's values say it is, when they clearly say so."""
    if not values:
        return None
    checks = (
        ("locality", lambda t: v.locality_from_text(t) is not None),
        ("kind", lambda t: v.word(t, v.KIND_WORDS) is not None),
        ("role", lambda t: v.word(t, v.ROLE_WORDS) is not None),
        ("start", v.looks_like_date),
    )
    for target, test in checks:
        if target == "start" and _share(values, _is_number) == 1.0:
            if not all(re.fullmatch(r"(18|19|20|21)\d\d", t) for t in values):
                continue
        if _share(values, test) >= 0.8:
            return target
    return None


def _is_graphsvc_nodes(table: RawTable) -> bool:
    if "type" not in table.columns:
        return False
    kinds = {value.lower() for value in _values(table, "type", 10_000)}
    return bool(kinds) and kinds <= {"actor", "project"}


def _is_graphsvc_edges(table: RawTable) -> bool:
    if "tie" not in table.columns:
        return False
    ties = {value.lower() for value in _values(table, "tie", 10_000)}
    return bool(ties) and ties <= {"participation", "collaboration", "agreement"}


def _looks_like_matrix(table: RawTable) -> bool:
    others = table.columns[1:]
    if len(others) < 2 or any(_header_target(c) for c in others):
        return False
    cells = [(row.get(c) or "").strip().lower() for row in table.rows[:200] for c in others]
    marks = [c for c in cells if c]
    return (
        bool(marks)
        and _share(
            marks,
            lambda t: t in v.MARK_YES or t in v.MARK_NO or _is_number(t) or v.word(t, v.ROLE_WORDS),
        )
        >= 0.95
    )


def _looks_like_headerless(table: RawTable) -> bool:
    columns = [c for c in table.columns if c.strip()]
    if not 2 <= len(table.columns) <= 3 or len(columns) < 2:
        return False
    if any(_header_target(c) for c in table.columns):
        return False
    if len(table.columns) == 3 and not _is_number(table.columns[2]):
        return False
    # In an edge list the names recur (an actor has several ties); in two columns of
    # notes they do not.
    first, second = table.columns[:2]
    names = [first, second]
    for row in table.rows[:1000]:
        names += [(row.get(first) or "").strip(), (row.get(second) or "").strip()]
    keys = [v.name_key(name) for name in names if name]
    return len(set(keys)) < len(keys)


def _detect_sheet(table: RawTable, all_tables: list[RawTable]) -> SheetMapping:
    label = table.file
    base = SheetMapping(sheet=label, name=table.name, shape="rows")
    lowered = table.name.strip().lower()
    if "(ignore)" in lowered:
        return base.model_copy(update={"shape": "skip", "note": "Kumu: '(ignore)' sheet"})
    if (
        table.role is None
        and lowered in TABLES
        and ("id" in table.columns or not table.columns)
        and len(set(table.columns) & set(COLUMNS[lowered])) * 2 >= len(table.columns)
    ):
        columns = [
            ColumnMapping(
                column=c, target=c, decided_by="layout", choices=_shape_choices("tables", lowered)
            )
            for c in table.columns
        ]
        return base.model_copy(
            update={"shape": "tables", "table": lowered, "keep_ids": True, "columns": columns}
        )
    if _is_graphsvc_nodes(table) or _is_graphsvc_edges(table):
        shape: Shape = "graphsvc-nodes" if _is_graphsvc_nodes(table) else "graphsvc-edges"
        columns = [ColumnMapping(column=c, target=c, decided_by="layout") for c in table.columns]
        return base.model_copy(
            update={
                "shape": shape,
                "keep_ids": True,
                "columns": columns,
                "note": "graphsvc's own export: mapped back exactly",
            }
        )

    guesses = {c: _guess(table, c) for c in table.columns}
    targets = set(guesses.values())
    has_edges_sheet = any(
        t is not table
        and (t.role == "edges" or {"source", "target"} <= {_guess(t, c) for c in t.columns})
        for t in all_tables
    )
    if table.role == "edges" or {"source", "target"} <= targets:
        shape = "edges"
    elif table.role == "nodes" or (has_edges_sheet and targets & {"id", "name"}):
        shape = "nodes"
    elif _looks_like_headerless(table):
        shape = "edgelist"
    elif _looks_like_matrix(table):
        shape = "matrix"
    else:
        shape = "rows"
    sheet = base.model_copy(update={"shape": shape, "header": shape != "edgelist"})
    sheet.columns = _detect_columns(table, sheet, guesses)
    if shape == "nodes":
        sheet.projects = _project_marker(table, sheet)
    if shape == "rows" and not any(c.decided_by in ("header", "values") for c in sheet.columns):
        # Notes, a legend, a pivot: nothing graphsvc knows. Skipped, so extra sheets do
        # not become actors; the import stops if no sheet is left (mapping_problems).
        sheet.shape = "skip"
        sheet.note = UNKNOWN_SHEET
        for column in sheet.columns:
            column.target, column.decided_by, column.note = "ignore", "default", None
            column.choices = list(CHOICES["rows"])
    elif shape == "rows" and not sheet.columns_for("name"):
        sheet.note = "no column names the actor: choose one column's target 'name'"
    return sheet


def _detect_columns(
    table: RawTable, sheet: SheetMapping, guesses: dict[str, str | None]
) -> list[ColumnMapping]:
    choices = _shape_choices(sheet.shape, None)
    mapped: list[ColumnMapping] = []
    if sheet.shape == "edgelist":
        names = ["source", "target", "weight"]
        for position, column in enumerate(table.columns):
            target = (
                names[position] if names[position] != "weight" or _is_number(column) else "tie_kind"
            )
            mapped.append(
                ColumnMapping(column=column, target=target, decided_by="position", choices=choices)
            )
        return mapped
    if sheet.shape == "matrix":
        for position, column in enumerate(table.columns):
            target = "name" if position == 0 else "project"
            mapped.append(
                ColumnMapping(column=column, target=target, decided_by="position", choices=choices)
            )
        return mapped
    taken: set[str] = set()
    for position, column in enumerate(table.columns):
        header = guesses.get(column)
        values = _values(table, column)
        target, decided, note = _refine(sheet.shape, column, header, values, position)
        if target in _SINGLE and target in taken:
            note = f"a second {target!r} column: kept as an attribute"
            target, decided = "attribute", "default"
        if target not in choices and target not in ("undecided",):
            target, decided = "attribute", "default"
        taken.add(target)
        mapped.append(
            ColumnMapping(
                column=column, target=target, decided_by=decided, choices=choices, note=note
            )
        )
    if sheet.shape in ("rows", "nodes") and "name" not in taken:
        # No Name/Label header: the first column of names is the actor (e.g. a Gephi
        # nodes table with Id only, or a sheet whose first header is blank).
        for candidate in mapped:
            if candidate.target == "id" and sheet.shape == "nodes":
                break  # nodes named by their ids: see _apply_nodes
            if candidate.target == "attribute" and candidate.decided_by == "default":
                candidate.target, candidate.decided_by = "name", "position"
                candidate.note = "the first column of names"
                break
    return mapped


def _refine(
    shape: str, column: str, header: str | None, values: list[str], position: int
) -> tuple[str, DecidedBy, str | None]:
    """A column's target from its header, checked against its values."""
    if header in ("start", "end") and values and _share(values, v.looks_like_date) < 0.8:
        # Danish "Fra"/"Til" are dates, English "From"/"To" are actors: the values decide.
        if v.fold(column) in ("fra", "til") and shape in ("rows", "edges"):
            if _share(values, v.looks_like_date) == 0:
                return ("source" if header == "start" else "target"), "values", None
            return (
                "undecided",
                "undecided",
                "neither dates nor names: choose start/end or source/target",
            )
        return header, "header", "some values are no dates"
    if header == "kind" and values:
        if _share(values, lambda t: t.lower() in v.DIRECTION_WORDS) == 1.0:
            return "directed", "values", None
        if shape == "nodes" and _share(values, lambda t: v.fold(t) in v.NODE_TYPE_WORDS) == 1.0:
            return "node_type", "values", None
        if shape in ("edges", "edgelist"):
            if _share(values, lambda t: v.word(t, v.ROLE_WORDS) is not None) >= 0.8:
                return "role", "values", None
            return "tie_kind", "header", None
        if _share(values, lambda t: v.kind_from_text(t) is not None) < 0.5:
            return "attribute", "values", "the values are no kinds of actor: kept as an attribute"
        return "kind", "header", None
    if header == "role" and shape in ("rows", "edges") and values:
        return "role", "header", None
    if header == "source" and shape == "rows":
        return "partner", "header", None
    if header is not None:
        if header == "name" and shape == "edges":
            return "attribute", "header", None
        return header, "header", None
    found = _values_target(values)
    if found is not None:
        return found, "values", None
    if not values and not column.strip():
        return "ignore", "default", "an empty column without a header"
    return "attribute", "default", None


def _project_marker(table: RawTable, sheet: SheetMapping) -> str | None:
    """Which node_type value marks projects; networkx's bipartite 1 by convention."""
    columns = sheet.columns_for("node_type")
    if not columns:
        return None
    values = {value for value in _values(table, columns[0], 10_000)}
    for value in sorted(values):
        if v.NODE_TYPE_WORDS.get(v.fold(value)) == "projects":
            return value
    if values <= {"0", "1"}:
        return "1"
    return None


def detect_mapping(sheets: list[RawTable]) -> Mapping:
    """The mapping of every sheet, decided from its headers and values.

    Parameters
    ----------
    sheets : list of RawTable
        What the readers read.

    Returns
    -------
    Mapping
        One :class:`SheetMapping` per sheet, each column with its target and how it
        was decided. Nothing is raised here: undecided columns are marked
        ``decided_by="undecided"`` and :func:`apply_mapping` stops on them.

    Examples
    --------
    >>> sheet = RawTable("Ark1", "kort.csv", ["Organisation", "Kommune"],
    ...                  [{"Organisation": "DGI", "Kommune": "Middelfart"}])
    >>> [(c.column, c.target) for c in detect_mapping([sheet]).sheets[0].columns]
    [('Organisation', 'name'), ('Kommune', 'locality')]
    """
    return Mapping(sheets=[_detect_sheet(table, sheets) for table in sheets])


EXAMPLES = 3
_EXAMPLE_LENGTH = 60


def _with_examples(sheets: list[RawTable], mapping: Mapping) -> Mapping:
    """Each column's first :data:`EXAMPLES` different values, cut to a readable length."""
    for table, sheet in zip(sheets, mapping.sheets, strict=True):
        for column in sheet.columns:
            seen: list[str] = []
            for text in _values(table, column.column):
                short = text if len(text) <= _EXAMPLE_LENGTH else text[: _EXAMPLE_LENGTH - 1] + "…"
                if short not in seen:
                    seen.append(short)
                    if len(seen) == EXAMPLES:
                        break
            column.examples = seen
    return mapping


def resolve_mapping(sheets: list[RawTable], given: Mapping | None) -> Mapping:
    """The detected mapping with what ``given`` (a mapping file, the page) says on top,
    and each column's first values (``examples``, for the import page).

    A sheet of ``given`` applies to the sheet of the same label (``kort.xlsx[Ark1]``),
    else of the same sheet name, else, when both have one sheet, to that sheet; a
    column applies to the column of the same header.
    """
    detected = detect_mapping(sheets)
    if given is None:
        return _with_examples(sheets, detected)
    for position, sheet in enumerate(detected.sheets):
        override = _matching_sheet(sheet, position, given, len(detected.sheets))
        if override is None:
            continue
        if override.shape != sheet.shape:
            fresh = SheetMapping(sheet=sheet.sheet, name=sheet.name, shape=override.shape)
            table = sheets[position]
            fresh.columns = _detect_columns(
                table, fresh, {c: _guess(table, c) for c in table.columns}
            )
            sheet = detected.sheets[position] = fresh.model_copy(update={"note": sheet.note})
        for field_name in ("table", "keep_ids", "projects", "header"):
            if field_name in override.model_fields_set:
                setattr(sheet, field_name, getattr(override, field_name))
        sheet.note = None if sheet.columns_for("name") or sheet.shape != "rows" else sheet.note
        by_header = {c.column: c for c in override.columns}
        for column in sheet.columns:
            if column.column in by_header:
                column.target = by_header[column.column].target
                column.decided_by = "mapping"
                column.note = None
        chosen = {c.target for c in sheet.columns if c.decided_by == "mapping"} & _SINGLE
        for column in sheet.columns:
            if column.target in chosen and column.decided_by != "mapping":
                column.note = f"the mapping gives {column.target!r} to another column"
                column.target, column.decided_by = "attribute", "default"
        if sheet.shape == "rows" and sheet.columns_for("name"):
            sheet.note = None
    return _with_examples(sheets, detected)


def _matching_sheet(
    sheet: SheetMapping, position: int, given: Mapping, count: int
) -> SheetMapping | None:
    for candidate in given.sheets:
        if candidate.sheet == sheet.sheet:
            return candidate
    for candidate in given.sheets:
        if candidate.name and candidate.name == sheet.name:
            return candidate
    if count == 1 and len(given.sheets) == 1:
        return given.sheets[0]
    return None


def mapping_problems(sheets: list[RawTable], mapping: Mapping) -> list[Problem]:
    """What in the mapping stops the import: undecided columns, unknown targets, sheets
    without a name column."""
    problems = []
    for table, sheet in zip(sheets, mapping.sheets, strict=True):
        if not table.columns and not table.rows and sheet.shape != "tables":
            problems.append(Problem("the file is empty (no header, no rows)", file=table.file))
            continue
        if not table.rows and sheet.header and sheet.shape not in ("tables", "skip"):
            problems.append(Problem("the sheet has a header but no rows", file=table.file))
            continue
        allowed = set(_shape_choices(sheet.shape, sheet.table)) | {"undecided"}
        for column in sheet.columns:
            if column.target == "undecided":
                problems.append(
                    Problem(
                        f"cannot tell what the column holds ({column.note}); say it in a "
                        "mapping file (--mapping) or on the import page, one of: "
                        f"{', '.join(column.choices)}",
                        file=table.file,
                        column=column.column,
                    )
                )
            elif column.target not in allowed and sheet.shape in CHOICES:
                problems.append(
                    Problem(
                        f"unknown target {column.target!r} for a {sheet.shape} sheet; "
                        f"choose one of: {', '.join(sorted(allowed - {'undecided'}))}",
                        file=table.file,
                        column=column.column,
                    )
                )
        if sheet.note == UNKNOWN_SHEET and all(s.shape == "skip" for s in mapping.sheets):
            problems.append(
                Problem(
                    "cannot tell what the sheet holds: no column header graphsvc knows; "
                    "give the sheet shape 'rows' and one column the target 'name' "
                    "(--mapping or the import page); the columns are: "
                    f"{', '.join(table.columns)}",
                    file=table.file,
                )
            )
        if sheet.shape == "rows" and not sheet.columns_for("name"):
            problems.append(
                Problem(
                    "cannot tell which column names the actor; give one column the target "
                    "'name' (--mapping or the import page); the columns are: "
                    f"{', '.join(table.columns)}",
                    file=table.file,
                )
            )
        if sheet.shape in ("edges", "edgelist") and not (
            sheet.columns_for("source") and sheet.columns_for("target")
        ):
            problems.append(
                Problem(
                    "an edge list needs one 'source' and one 'target' column",
                    file=table.file,
                )
            )
    return problems


# ---------------------------------------------------------------- applying


@dataclass
class Known:
    """Actors and projects already in the store: by name key, and every id taken."""

    by_key: dict[str, dict[str, str]] = field(
        default_factory=lambda: {"actors": {}, "projects": {}}
    )
    ids: dict[str, set[str]] = field(default_factory=lambda: {"actors": set(), "projects": set()})
    # ``stored(table, ids)``: the stored properties of those items, so a sheet's row for
    # an actor already in the graph adds to what is stored instead of replacing it.
    stored: Callable[[str, list[str]], dict[str, dict[str, Any]]] | None = None

    @classmethod
    def from_items(cls, items: dict[str, Iterable[tuple[str, str]]]) -> Known:
        """From ``{"actors": [(id, name), …], "projects": […]}``."""
        known = cls()
        for table, pairs in items.items():
            for item_id, name in pairs:
                known.ids[table].add(item_id)
                known.by_key[table].setdefault(v.name_key(name or item_id), item_id)
        return known


@dataclass
class _Item:
    cells: dict[str, Any]
    file: str
    row: int
    own: bool  # the file describes the item itself (not only names it)


@dataclass
class MappingResult:
    """What :func:`map_tables` made: the four tables (as raw tables per source sheet),
    the problems that stop the import, and notes on what was inferred."""

    mapping: Mapping
    tables: list[RawTable]
    problems: list[Problem]
    notes: list[Problem]

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(TABLES, 0)
        for table in self.tables:
            counts[table.name] += len(table.rows)
        return counts

    def first_rows(self, limit: int = PREVIEW_ROWS) -> dict[str, list[dict[str, str]]]:
        rows: dict[str, list[dict[str, str]]] = {name: [] for name in TABLES}
        for table in self.tables:
            room = limit - len(rows[table.name])
            rows[table.name].extend(
                {k: val for k, val in row.items() if val != ""} for row in table.rows[:room]
            )
        return rows


def _said(value: Any) -> str:
    """A cell's value in an English note: ``yes``/``no`` for a boolean, else quoted."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return repr(value)


def _param(value: Any) -> str | bool:
    """A cell's value in a problem's params: a boolean stays one (said ja/nej, yes/no)."""
    return value if isinstance(value, bool) else str(value)


#: A word target's group of labels in :data:`graphsvc.i18n.ENUM_LABELS` (else its own name).
_LABEL_GROUPS = {"status": "tie_status"}


@cache
def _label_words(group: str) -> dict[str, str]:
    """The import page's labels of ``group``'s values, folded (``videndeling`` →
    ``knowledge_exchange``): a planner may write a value as the page shows it."""
    return {
        v.fold(text): str(value)
        for value, pair in ENUM_LABELS.get(group, {}).items()
        for text in pair
    }


def _label_word(group: str, text: str, words: dict[str, str]) -> str | None:
    """The value of ``words`` whose label in ``group`` ``text`` is, or ``None``."""
    found = _label_words(group).get(v.fold(text))
    return found if found in words.values() else None


class _Builder:
    """Collects items from every sheet, merging the same actor written twice."""

    def __init__(self, known: Known) -> None:
        self.known = known
        self.items: dict[str, dict[str, _Item]] = {name: {} for name in TABLES}
        self.ids: dict[str, dict[str, str]] = {"actors": {}, "projects": {}}  # key → id
        self.taken: dict[str, dict[str, str]] = {"actors": {}, "projects": {}}  # id → key
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []
        self.names: set[str] = set(known.by_key["actors"])
        self._noted: set[tuple[str, str, str]] = set()
        self.targets: dict[int, dict[str, list[str]]] = {}  # per sheet: target → columns

    def note(
        self,
        message: str,
        file: str,
        row: int | None = None,
        column: str | None = None,
        *,
        code: str = "",
        params: dict[str, Any] | None = None,
    ) -> None:
        key = (message, file, column or "")
        if key not in self._noted:  # once per file and column, not per row
            self._noted.add(key)
            self.notes.append(Problem(message, file, row, column, None, code, params or {}))

    def problem(
        self,
        message: str,
        file: str,
        row: int | None,
        column: str | None,
        value: Any = None,
        *,
        code: str = "",
        params: dict[str, Any] | None = None,
    ) -> None:
        self.problems.append(Problem(message, file, row, column, value, code, params or {}))

    # ------------------------------------------------------------ nodes

    def node_id(self, table: str, name: str, explicit: str | None = None) -> str:
        key = v.name_key(name) if name else f"id {explicit}"
        if key in self.ids[table]:
            return self.ids[table][key]
        stored = self.known.by_key[table].get(key)
        if explicit and is_slug(explicit):
            item_id = explicit
        elif stored is not None:
            item_id = stored
        else:
            item_id = v.slugify(self._canonical_name(name) if table == "actors" else name)
            owner = self.taken[table].get(item_id)
            if (owner is not None and owner != key) or (
                owner is None and item_id in self.known.ids[table]
            ):
                digest = hashlib.sha256(key.encode()).hexdigest()[:6]
                item_id = f"{item_id[:112].rstrip('-')}-{digest}"
        self.ids[table][key] = item_id
        self.taken[table][item_id] = key
        return item_id

    @staticmethod
    def _canonical_name(name: str) -> str:
        m = v.municipality_of_name(name)
        return v.municipality_name(m) if m is not None else name

    def actor(
        self,
        name: str,
        cells: dict[str, Any],
        file: str,
        row: int,
        *,
        own: bool,
        explicit_id: str | None = None,
    ) -> str:
        m = v.municipality_of_name(name) if name else None
        if m is not None and cells.get("kind") in (None, "municipality"):
            name = v.municipality_name(m)
            cells.setdefault("kind", "municipality")
            cells.setdefault("locality", m.locality)
        item_id = self.node_id("actors", name, explicit_id)
        cells = {"name": name, **cells} if name else cells
        self._merge("actors", item_id, cells, file, row, own)
        return item_id

    def project(
        self,
        name: str,
        cells: dict[str, Any],
        file: str,
        row: int,
        *,
        own: bool,
        explicit_id: str | None = None,
    ) -> str:
        item_id = self.node_id("projects", name, explicit_id)
        cells = {"name": name, **cells} if name else cells
        self._merge("projects", item_id, cells, file, row, own)
        return item_id

    def tie(self, table: str, item_id: str, cells: dict[str, Any], file: str, row: int) -> None:
        self._merge(table, item_id, cells, file, row, True)

    def _merge(
        self, table: str, item_id: str, cells: dict[str, Any], file: str, row: int, own: bool
    ) -> None:
        item = self.items[table].get(item_id)
        if item is None:
            self.items[table][item_id] = _Item({"id": item_id, **cells}, file, row, own)
            return
        if own and not item.own:
            # The item's own row wins over a mention as a partner or a project.
            item.cells, item.file, item.row, item.own = {"id": item_id, **cells}, file, row, True
            return
        if not own and item.own:
            return
        for key, value in cells.items():
            old = item.cells.get(key)
            if key in ("tags", "sources") and isinstance(value, list):
                item.cells[key] = list(dict.fromkeys([*(old or []), *value]))
            elif key == "attributes" and isinstance(value, dict):
                item.cells[key] = {**value, **(old or {})}
            elif old in (None, "", [], {}):
                item.cells[key] = value
            elif old != value and key not in ("evidence",):
                self.note(
                    f"{table[:-1]} {item_id!r} is in several rows with different {key}: "
                    f"kept {_said(old)} (row {item.row}), not {_said(value)}",
                    file,
                    row,
                    code="conflicting_rows",
                    params={"table": table, "id": item_id, "field": key, "kept": _param(old),
                            "kept_row": item.row, "dropped": _param(value)},
                )  # fmt: skip

    # ------------------------------------------------------------ output

    def _add_stored(self) -> None:
        """Rows for actors and projects already stored keep what the sheet does not say."""
        lookup = self.known.stored
        if lookup is None:
            return
        for table in ("actors", "projects"):
            ids = [
                item_id
                for item_id, item in self.items[table].items()
                if item.own and item_id in self.known.ids[table]
            ]
            if not ids:
                continue
            for item_id, props in lookup(table, ids).items():
                item = self.items[table].get(item_id)
                if item is not None:
                    item.cells = _over_stored(table, props, item.cells)

    def tables(self) -> list[RawTable]:
        self._add_stored()
        out: dict[tuple[str, str], RawTable] = {}
        for table, items in self.items.items():
            for item_id, item in items.items():
                if (
                    table in ("actors", "projects")
                    and not item.own
                    and item_id in self.known.ids[table]
                ):
                    continue  # only named here and already stored: the store keeps its data
                cells = _finish(table, item.cells)
                raw = out.get((table, item.file))
                if raw is None:
                    raw = out[(table, item.file)] = RawTable(
                        table, item.file, list(COLUMNS[table]), [], row_numbers=[]
                    )
                raw.rows.append(cells)
                assert raw.row_numbers is not None
                raw.row_numbers.append(item.row)
        return list(out.values())


def _over_stored(table: str, props: dict[str, Any], cells: dict[str, Any]) -> dict[str, Any]:
    """The stored item with the sheet's values on top; lists and attributes joined."""
    allowed = _COLUMN_SETS[table]
    merged = {k: val for k, val in props.items() if k in allowed and val not in (None, "", [])}
    if merged.get("evidence") == "inferred":  # inferred before: inferred again, from the new kind
        for key in ("sector", "scale", "evidence"):
            merged.pop(key, None)
    for key, value in cells.items():
        old = merged.get(key)
        if key in ("tags", "sources") and isinstance(old, list) and isinstance(value, list):
            merged[key] = list(dict.fromkeys([*old, *value]))
        elif key == "attributes" and isinstance(value, dict) and isinstance(old, str):
            merged[key] = {**json.loads(old), **value}
        else:
            merged[key] = value
    return merged


def _finish(table: str, cells: dict[str, Any]) -> dict[str, str]:
    """An item's cells as the text validation reads, defaults filled in."""
    data = dict(cells)
    if table == "actors":
        kind = data.get("kind") or v.kind_from_text(str(data.get("name", ""))) or "other"
        data["kind"] = kind
        sector, scale = v.KIND_DEFAULTS.get(kind, ("civil_society", "local"))
        if not data.get("sector") or not data.get("scale"):
            data.setdefault("evidence", "inferred")
        data.setdefault("sector", sector)
        data.setdefault("scale", scale)
        if kind == "person":
            data.setdefault("is_person", "true")
    elif table == "projects":
        data.setdefault("theme", "other")
    # Only the cells with a value: validation reads a missing cell as an empty one.
    allowed = _COLUMN_SETS[table]
    return {
        column: _cell(value)
        for column, value in data.items()
        if column in allowed and value not in (None, "", [], {})
    }


_COLUMN_SETS = {name: frozenset(columns) for name, columns in COLUMNS.items()}
_FIELDS = {name: frozenset(model.model_fields) for name, model in TABLES.items()}
_ALL_FIELDS = frozenset().union(*_FIELDS.values()) - {"id", "inferred_fields", "evidence"}
# What a column target means as a field an "inferred" cell names.
_INFERRED_TARGETS = {
    "start": "start_date", "end": "end_date", "tie_kind": "kind", "amount": "amount",
    "partner": "target_id", "source": "source_id", "target": "target_id",
    "project": "project_id", "successor": "successor_id", "member_count": "member_counts",
    "name": "name", "kind": "kind", "role": "role", "directed": "directed",
    "locality": "locality", "sector": "sector", "scale": "scale", "status": "status",
}  # fmt: skip


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return str(value)


def _tie_id(prefix: str, *parts: str) -> str:
    joined = "-".join([prefix, *parts])
    if len(joined) <= 120:
        return joined
    digest = hashlib.sha256(joined.encode()).hexdigest()[:10]
    return f"{joined[:109].rstrip('-')}-{digest}"


class _Row:
    """One row of a sheet with its mapping: typed access to the mapped cells."""

    def __init__(
        self,
        builder: _Builder,
        table: RawTable,
        sheet: SheetMapping,
        cells: dict[str, str],
        number: int,
    ) -> None:
        self.b, self.table, self.sheet = builder, table, sheet
        self.cells, self.number = cells, number
        targets = builder.targets.get(id(sheet))
        if targets is None:  # once per sheet: rows look their columns up by target
            targets = builder.targets[id(sheet)] = {}
            for mapped in sheet.columns:
                targets.setdefault(mapped.target, []).append(mapped.column)
        self.targets = targets
        # The first non-empty cell of each target, found in one pass over the row.
        first: dict[str, str] = {}
        for target, columns in targets.items():
            for column in columns:
                value = cells.get(column)
                if value and (value := value.strip()):
                    first[target] = value
                    break
        self.first = first

    def text(self, target: str) -> str:
        return self.first.get(target, "")

    def texts(self, target: str) -> list[tuple[str, str]]:
        return [
            (column, (self.cells.get(column) or "").strip())
            for column in self.targets.get(target, ())
            if (self.cells.get(column) or "").strip()
        ]

    def column(self, target: str) -> str | None:
        columns = self.targets.get(target)
        return columns[0] if columns else None

    def problem(
        self,
        message: str,
        target: str,
        value: Any = None,
        *,
        code: str = "",
        params: dict[str, Any] | None = None,
    ) -> None:
        self.b.problem(
            message, self.table.file, self.number, self.column(target), value,
            code=code, params={"field": target, **(params or {})},
        )  # fmt: skip

    def word(self, target: str, words: dict[str, str], what: str) -> str | None:
        text = self.text(target)
        if not text:
            return None
        group = _LABEL_GROUPS.get(target, target)
        found = v.word(text, words) or _label_word(group, text, words)
        if found is None:
            known = sorted(set(words.values()))
            self.problem(
                f"{text!r} is not a known {what}; known: {', '.join(known)}",
                target,
                text,
                code="unknown_word",
                params={"known": known, "group": group},
            )
        return found

    def date(self, target: str) -> tuple[str, str] | None:
        """The ISO date and its precision of a start or end cell ("2014" stays a year)."""
        text = self.text(target)
        if not text:
            return None
        try:
            return v.parse_date(text, end=target == "end")
        except ValueError as exc:
            said = {"error": str(exc), "field": f"{target}_date"}
            self.problem(str(exc), target, text, code="bad_date", params=said)
            return None

    def dates(self) -> dict[str, Any]:
        """``start_date``/``end_date`` with their precisions (none for a day)."""
        cells: dict[str, Any] = {}
        for target in ("start", "end"):
            found = self.date(target)
            if found is not None:
                cells[f"{target}_date"] = found[0]
                if found[1] != "day":
                    cells[f"{target}_precision"] = found[1]
        return cells

    def money(self) -> dict[str, Any]:
        """``amount``, ``currency`` and ``support`` from their cells."""
        cells: dict[str, Any] = {}
        text = self.text("amount")
        said = self.text("currency")
        currency = None
        if said:
            currency = v.currency_from_text(said)
            if currency is None:
                self.problem(
                    f"{said!r} is no currency graphsvc knows (DKK, NOK, SEK or EUR)",
                    "currency",
                    said,
                )
        if text:
            try:
                amount, written = v.parse_money(text)
            except ValueError as exc:
                self.problem(str(exc), "amount", text, code="bad_number")
            else:
                if written and currency and written != currency:
                    self.problem(
                        f"the amount {text!r} is in {written}, the currency column says {currency}",
                        "amount",
                        text,
                    )
                cells["amount"] = amount
                cells["currency"] = currency or written or "DKK"
                if not (currency or written):
                    self.b.note(
                        "amounts that name no currency are taken as DKK",
                        self.table.file,
                        self.number,
                        self.column("amount"),
                        code="default_currency",
                    )
        support = self.word("support", v.SUPPORT_WORDS, "kind of support")
        if support:
            cells["support"] = support
        return cells

    def inferred(self) -> list[str]:
        """The model fields an ``inferred`` cell names ("rolle; start" → role, start_date)."""
        text = self.text("inferred")
        if not text:
            return []
        fields = []
        for part in (p for p in re.split(r"\s*[;,|]\s*", text) if p):
            folded = v.fold(part)
            target = HEADER_WORDS.get(folded)
            field_name = (
                _INFERRED_TARGETS.get(target, target) if target else folded.replace(" ", "_")
            )
            if field_name not in _ALL_FIELDS:
                self.problem(
                    f"{part!r} names no field (write e.g. rolle, start, slut, type, retning)",
                    "inferred",
                    text,
                )
                continue
            fields.append(field_name)
        return fields

    def place_fields(self, cells: dict[str, Any]) -> None:
        """``place`` and ``place_level`` (landsdækkende is the whole country)."""
        place = self.text("place")
        if place:
            cells["place"] = place
        level = self.word("place_level", v.PLACE_LEVEL_WORDS, "level of place")
        if level is None and place and v.PLACE_LEVEL_WORDS.get(v.fold(place)) == "country":
            level = "country"
        if level:
            cells["place_level"] = level

    def number_of(self, target: str) -> float | None:
        text = self.text(target)
        if not text:
            return None
        try:
            return v.parse_amount(text)
        except ValueError as exc:
            self.problem(str(exc), target, text, code="bad_number")
            return None

    def actor_fields(self) -> dict[str, Any]:
        cells: dict[str, Any] = {}
        kind_text = self.text("kind")
        if kind_text:
            kind = v.kind_from_text(kind_text)
            if kind is None:
                kind = "other"
                self.b.note(
                    f"{kind_text!r} is no kind graphsvc knows: stored as 'other' with the text "
                    "kept as an attribute",
                    self.table.file,
                    self.number,
                    self.column("kind"),
                    code="unknown_kind",
                    params={"text": kind_text, "stored": "other"},
                )
                cells.setdefault("attributes", {})[self.column("kind") or "kind"] = kind_text
            cells["kind"] = kind
        for target, words, what in (
            ("sector", v.SECTOR_WORDS, "sector"),
            ("scale", v.SCALE_WORDS, "scale"),
        ):
            found = self.word(target, words, what)
            if found:
                cells[target] = found
        place = self.text("locality")
        if place:
            locality = v.locality_from_text(place)
            if locality is None:
                hint = v.suggest_municipality(place)
                self.problem(
                    f"unknown municipality {place!r}"
                    + (f" (did you mean {hint}?)" if hint else ""),
                    "locality",
                    place,
                    code="unknown_municipality",
                    params={"suggestion": hint},
                )
            else:
                cells["locality"] = locality
        for target in ("cvr", "website", "legal_basis"):
            if self.text(target):
                cells[target] = self.text(target)
        if self.text("is_person"):
            cells["is_person"] = self.text("is_person")
        self.place_fields(cells)
        member_kind = self.text("member_kind")
        if member_kind:
            kind = v.kind_from_text(member_kind) or v.kind_from_text(
                re.sub(r"(er|r|e)$", "", member_kind.strip())
            )
            if kind is None:
                self.problem(f"{member_kind!r} is no kind of actor", "member_kind", member_kind)
            else:
                cells["member_kind"] = kind
        counted = self.text("member_count")
        if counted:
            try:
                counts, kind_named = v.parse_member_counts(counted)
            except ValueError as exc:
                self.problem(str(exc), "member_count", counted)
            else:
                cells["member_counts"] = json.dumps(counts, ensure_ascii=False)
                if kind_named and "member_kind" not in cells:
                    cells["member_kind"] = kind_named
        successor = self.text("successor")
        if successor:
            cells["successor_id"] = self.b.actor(
                successor, {}, self.table.file, self.number, own=False
            )
        self._common(cells, item_tags=True)
        return cells

    def tie_fields(self) -> dict[str, Any]:
        cells = self.dates()
        status = self.word("status", v.STATUS_WORDS, "status (existing, proposed)")
        if status:
            cells["status"] = status
        if self.text("proposed_by"):
            cells["proposed_by"] = self.text("proposed_by")
        return cells

    def with_inferred(self, table: str, cells: dict[str, Any]) -> dict[str, Any]:
        """``cells`` with the inferred fields that are fields of ``table``'s items."""
        own = [f for f in self.inferred() if f in _FIELDS[table]]
        return {**cells, "inferred_fields": own} if own else cells

    def _common(self, cells: dict[str, Any], *, item_tags: bool) -> None:
        """Tags, sources and every column kept as an attribute."""
        attributes: dict[str, str] = cells.setdefault("attributes", {})
        tags: list[str] = []
        for column in self.targets.get("attribute", ()):
            value = (self.cells.get(column) or "").strip()
            if value:
                attributes[column] = value
        for column in self.targets.get("tags", ()):
            value = (self.cells.get(column) or "").strip()
            tags.extend(p for p in re.split(r"\s*[;|,]\s*", value) if p)
        tags.extend(text for _column, text in self.texts("tag"))
        if tags and item_tags:
            cells["tags"] = tags
        if self.text("sources"):
            cells["sources"] = [p for p in re.split(r"\s*;\s*", self.text("sources")) if p]
        if not attributes:
            cells.pop("attributes")


def _sheet_rows(table: RawTable, sheet: SheetMapping) -> Iterable[tuple[int, dict[str, str]]]:
    numbers = table.row_numbers or [table.first_row + i for i in range(len(table.rows))]
    if not sheet.header:
        yield table.first_row - 1, dict(zip(table.columns, table.columns, strict=True))
    yield from zip(numbers, table.rows, strict=True)


def _apply_rows(b: _Builder, table: RawTable, sheet: SheetMapping) -> None:
    previous = ""
    for number, cells in _sheet_rows(table, sheet):
        if not any((c or "").strip() for c in cells.values()):
            continue
        row = _Row(b, table, sheet, cells, number)
        name = row.text("name")
        if not name:
            if not previous:
                row.problem("the row has no actor name", "name", code="missing")
                continue
            name = previous  # a group's rows below a merged or blank name cell
            b.note(
                "rows without a name belong to the actor named above them (merged cells)",
                table.file,
                number,
                row.column("name"),
                code="name_from_above",
            )
        previous = name
        fields = row.with_inferred("actors", row.actor_fields())
        ties = row.tie_fields()
        explicit = row.text("id") or None
        actor_id = b.actor(name, fields, table.file, number, own=True, explicit_id=explicit)
        description = row.text("description")
        made_tie = False
        role = row.word("role", v.ROLE_WORDS, "role")
        money = row.money()
        theme = row.word("theme", v.THEME_WORDS, "theme")
        for _column, text in row.texts("project"):
            for project_name in v.split_names(text):
                project_cells = {"theme": theme} if theme else {}
                project_id = b.project(project_name, project_cells, table.file, number, own=False)
                role_value = role or "participant"
                cells_out = {
                    "actor_id": actor_id,
                    "project_id": project_id,
                    "role": role_value,
                    **ties,
                    **money,
                }
                cells_out.pop("proposed_by", None)  # a collaboration's field
                cells_out = row.with_inferred("participations", cells_out)
                if description:
                    cells_out["description"] = description
                b.tie(
                    "participations",
                    _tie_id("p", project_id, actor_id, role_value),
                    cells_out,
                    table.file,
                    number,
                )
                made_tie = True
        tie_kind = row.word("tie_kind", v.TIE_WORDS, "kind of collaboration") or "partnership"
        weight = row.number_of("weight")
        for _column, text in row.texts("partner"):
            for partner in v.split_names(text, b.names):
                partner_id = b.actor(partner, {}, table.file, number, own=False)
                if partner_id == actor_id:
                    continue
                first, second = sorted((actor_id, partner_id))
                cells_out = {"source_id": first, "target_id": second, "kind": tie_kind, **ties}
                if not made_tie:  # money without a project is the tie's
                    cells_out.update(money)
                cells_out = row.with_inferred("collaborations", cells_out)
                if weight is not None:
                    cells_out["weight"] = weight
                if description and not made_tie:
                    cells_out["description"] = description
                b.tie(
                    "collaborations",
                    _tie_id("c", first, second, tie_kind),
                    cells_out,
                    table.file,
                    number,
                )
        if description and not made_tie and not row.texts("partner"):
            b.items["actors"][actor_id].cells.setdefault("description", description)


@dataclass
class _Node:
    table: str
    id: str


def _apply_nodes(
    b: _Builder, table: RawTable, sheet: SheetMapping, nodes: dict[str, _Node]
) -> None:
    # Which column says "project": a node type, or a kind column (Kumu's Type: "Projekt").
    type_column = sheet.columns_for("node_type") or sheet.columns_for("kind")
    for number, cells in _sheet_rows(table, sheet):
        if not any((c or "").strip() for c in cells.values()):
            continue
        row = _Row(b, table, sheet, cells, number)
        file_id = row.text("id")
        name = row.text("name") or file_id
        if not name:
            row.problem("the node has neither a label nor an id", "name")
            continue
        kind_of_node = "actors"
        if type_column:
            marker = (cells.get(type_column[0]) or "").strip()
            word = v.NODE_TYPE_WORDS.get(v.fold(marker))
            if word == "projects" or (sheet.projects is not None and marker == sheet.projects):
                kind_of_node = "projects"
        explicit = file_id if sheet.keep_ids else None
        if kind_of_node == "projects":
            cells_out: dict[str, Any] = {}
            theme = row.word("theme", v.THEME_WORDS, "theme")
            if theme:
                cells_out["theme"] = theme
            cells_out.update(row.dates())
            for target in ("part_of", "follows"):
                if row.text(target):
                    cells_out[target] = b.project(
                        row.text(target), {}, table.file, number, own=False
                    )
            row.place_fields(cells_out)
            if row.text("description"):
                cells_out["description"] = row.text("description")
            row._common(cells_out, item_tags=True)
            cells_out = row.with_inferred("projects", cells_out)
            item_id = b.project(name, cells_out, table.file, number, own=True, explicit_id=explicit)
        else:
            fields = row.with_inferred("actors", {**row.actor_fields(), **row.dates()})
            if row.text("description"):
                fields["description"] = row.text("description")
            item_id = b.actor(name, fields, table.file, number, own=True, explicit_id=explicit)
            b.names.add(v.name_key(name))
        node = _Node(kind_of_node, item_id)
        nodes.setdefault(file_id or name, node)
        nodes.setdefault(f"label {v.name_key(name)}", node)


def _apply_edges(
    b: _Builder, table: RawTable, sheet: SheetMapping, nodes: dict[str, _Node]
) -> None:
    for number, cells in _sheet_rows(table, sheet):
        if not any((c or "").strip() for c in cells.values()):
            continue
        row = _Row(b, table, sheet, cells, number)
        ends: list[_Node] = []
        for target in ("source", "target"):
            text = row.text(target)
            if not text:
                row.problem(f"the edge has no {target}", target)
                break
            node = nodes.get(text) or nodes.get(f"label {v.name_key(text)}")
            if node is None:
                node = _Node("actors", b.actor(text, {}, table.file, number, own=False))
                nodes[text] = node
            ends.append(node)
        if len(ends) < 2:
            continue
        fields = {**row.tie_fields(), **row.money()}
        if row.text("description"):
            fields["description"] = row.text("description")
        row._common(fields, item_tags=False)
        tags = [t for _c, t in row.texts("tags")]
        if tags:
            fields.setdefault("attributes", {})["tags"] = ";".join(tags)
        explicit = row.text("id") if sheet.keep_ids and is_slug(row.text("id")) else None
        kinds = (ends[0].table, ends[1].table)
        if kinds == ("actors", "actors"):
            _edge_collaboration(b, row, ends[0].id, ends[1].id, fields, explicit)
        elif "projects" in kinds and "actors" in kinds:
            actor, project = (ends[0], ends[1]) if kinds[0] == "actors" else (ends[1], ends[0])
            role = (
                row.word("role", v.ROLE_WORDS, "role")
                or v.word(row.text("tie_kind"), v.ROLE_WORDS)
                or "participant"
            )
            fields.pop("proposed_by", None)  # a collaboration's field
            tie_id = explicit or _tie_id("p", project.id, actor.id, role)
            b.tie(
                "participations",
                tie_id,
                row.with_inferred(
                    "participations",
                    {"actor_id": actor.id, "project_id": project.id, "role": role, **fields},
                ),
                table.file,
                number,
            )
        else:
            row.problem(
                "an edge between two projects: graphsvc ties actors to actors or to projects",
                "source",
            )


def _edge_collaboration(
    b: _Builder, row: _Row, first: str, second: str, fields: dict[str, Any], explicit: str | None
) -> None:
    if first == second:
        b.note(
            "an edge from a node to itself (a loop) is not imported",
            row.table.file,
            row.number,
            row.column("source"),
            code="loop_skipped",
        )
        return
    directed_text = row.text("directed")
    directed = v.DIRECTION_WORDS.get(v.fold(directed_text)) if directed_text else None
    if directed_text and directed is None:
        row.problem(
            f"{directed_text!r} is neither directed nor undirected", "directed", directed_text
        )
    said_kind = row.text("tie_kind")
    tie_kind = (
        v.word(said_kind, v.TIE_WORDS) or _label_word("tie_kind", said_kind, v.TIE_WORDS)
        if said_kind
        else None
    )
    if row.text("tie_kind") and tie_kind is None:
        fields.setdefault("attributes", {})[row.column("tie_kind") or "type"] = row.text("tie_kind")
        b.note(
            f"{row.text('tie_kind')!r} is no kind of collaboration graphsvc knows: stored as "
            "'partnership', the text kept as an attribute",
            row.table.file,
            row.number,
            row.column("tie_kind"),
            code="unknown_tie_kind",
            params={"text": row.text("tie_kind"), "stored": "partnership"},
        )
    tie_kind = tie_kind or "partnership"
    if not directed:
        first, second = sorted((first, second))
    cells = {"source_id": first, "target_id": second, "kind": tie_kind, **fields}
    projects = [
        b.project(name, {}, row.table.file, row.number, own=False)
        for _column, text in row.texts("project")
        for name in v.split_names(text)
    ]
    if projects:
        cells["project_ids"] = list(dict.fromkeys(projects))
    cells = row.with_inferred("collaborations", cells)
    if directed is not None:
        cells["directed"] = directed
    weight = row.number_of("weight")
    if weight is not None:
        if weight <= 0:
            b.note(
                "edges of weight 0 or less are not imported",
                row.table.file,
                row.number,
                row.column("weight"),
                code="weight_skipped",
            )
            return
        cells["weight"] = weight
    tie_id = explicit or _tie_id("c", first, second, tie_kind)
    b.tie("collaborations", tie_id, cells, row.table.file, row.number)


def _apply_matrix(b: _Builder, table: RawTable, sheet: SheetMapping) -> None:
    name_column = (sheet.columns_for("name") or [table.columns[0]])[0]
    project_columns = sheet.columns_for("project")
    row_names = {v.name_key((r.get(name_column) or "").strip()) for r in table.rows}
    adjacency = bool(project_columns) and all(v.name_key(c) in row_names for c in project_columns)
    for number, cells in _sheet_rows(table, sheet):
        name = (cells.get(name_column) or "").strip()
        if not name:
            continue
        actor_id = b.actor(name, {}, table.file, number, own=True)
        for column in project_columns:
            mark = (cells.get(column) or "").strip()
            if mark.lower() in v.MARK_NO or (
                _is_number(mark) and float(mark.replace(",", ".")) == 0
            ):
                continue
            if adjacency:
                other = b.actor(column, {}, table.file, number, own=False)
                if other != actor_id:
                    first, second = sorted((actor_id, other))
                    weight = float(mark.replace(",", ".")) if _is_number(mark) else 1.0
                    b.tie(
                        "collaborations",
                        _tie_id("c", first, second, "partnership"),
                        {
                            "source_id": first,
                            "target_id": second,
                            "kind": "partnership",
                            "weight": weight,
                        },
                        table.file,
                        number,
                    )
                continue
            role = v.word(mark, v.ROLE_WORDS) or "participant"
            project_id = b.project(column, {}, table.file, number, own=False)
            b.tie(
                "participations",
                _tie_id("p", project_id, actor_id, role),
                {"actor_id": actor_id, "project_id": project_id, "role": role},
                table.file,
                number,
            )


_STRUCTURAL = frozenset(
    {"id", "label", "type", "tie", "source", "target", "start", "end", "directed", "weight"}
)


def _apply_graphsvc(b: _Builder, table: RawTable, sheet: SheetMapping) -> None:
    """graphsvc's own export back into its tables, exactly: ids and fields as written."""
    for number, cells in _sheet_rows(table, sheet):
        if sheet.shape == "graphsvc-nodes":
            name = {"actor": "actors", "project": "projects"}[
                (cells.get("type") or "").strip().lower()
            ]
            ends: tuple[str, ...] = ()
        elif (cells.get("tie") or "").strip().lower() == "agreement":
            _apply_agreement_tie(b, cells, table.file, number)
            continue
        else:
            name = {"participation": "participations", "collaboration": "collaborations"}[
                (cells.get("tie") or "").strip().lower()
            ]
            ends = (
                ("actor_id", "project_id")
                if name == "participations"
                else ("source_id", "target_id")
            )
        data: dict[str, Any] = {c: cells.get(c, "") for c in COLUMNS[name] if cells.get(c, "")}
        data["id"] = (cells.get("id") or "").strip()
        if ends:
            data[ends[0]], data[ends[1]] = cells.get("source", ""), cells.get("target", "")
        if "name" not in data and cells.get("label"):
            data["name"] = cells["label"]
        for spell, column in (("start", "start_date"), ("end", "end_date")):
            if cells.get(spell) and column in COLUMNS[name] and column not in data:
                data[column] = (
                    v.parse_date(cells[spell], end=spell == "end")[0]
                    if not _is_iso(cells[spell])
                    else cells[spell]
                )
        if name == "collaborations":
            for column in ("directed", "weight"):
                if cells.get(column):
                    data[column] = cells[column]
        extra = {
            k: val
            for k, val in cells.items()
            if val and k not in COLUMNS[name] and k not in _STRUCTURAL
        }
        if extra:
            attributes = json.loads(data.get("attributes") or "{}")
            data["attributes"] = {**extra, **attributes}
        item = _Item(data, table.file, number, True)
        b.items[name][data["id"]] = item
        if name in b.ids:
            b.taken[name][data["id"]] = v.name_key(str(data.get("name", data["id"])))
            b.ids[name].setdefault(v.name_key(str(data.get("name", data["id"]))), data["id"])


def _apply_agreement_tie(b: _Builder, cells: dict[str, str], file: str, number: int) -> None:
    """One derived tie of an agreement as graphsvc's graph exports write it: each carries
    the whole agreement, so the first one of an agreement gives it back."""
    agreement_id = (cells.get("agreement_id") or "").strip()
    if agreement_id in b.items["agreements"]:
        return
    data: dict[str, Any] = {
        c: cells[c] for c in COLUMNS["agreements"] if c not in _STRUCTURAL and cells.get(c)
    }
    data["id"] = agreement_id
    for spell, column in (("start", "start_date"), ("end", "end_date")):
        if cells.get(spell) and column not in data:
            data[column] = cells[spell]
    b.items["agreements"][agreement_id] = _Item(data, file, number, True)


def _is_iso(text: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()))


def map_tables(
    sheets: list[RawTable], mapping: Mapping, known: Known | None = None
) -> MappingResult:
    """Apply ``mapping``, collecting every problem instead of raising (for the preview).

    Sheets of shape ``tables`` pass through unchanged.
    """
    b = _Builder(known or Known())
    problems = mapping_problems(sheets, mapping)
    passed: list[RawTable] = []
    if problems:
        return MappingResult(mapping, [], problems, [])
    nodes: dict[str, dict[str, _Node]] = {}
    for table, sheet in zip(sheets, mapping.sheets, strict=True):
        if sheet.shape in ("rows", "matrix"):
            for column in sheet.columns_for("name"):
                b.names.update(v.name_key(t) for t in _values(table, column, 1_000_000))
    order = {
        "tables": 0,
        "graphsvc-nodes": 1,
        "graphsvc-edges": 2,
        "nodes": 3,
        "rows": 4,
        "matrix": 5,
        "edges": 6,
        "edgelist": 7,
        "skip": 8,
    }
    pairs = sorted(zip(sheets, mapping.sheets, strict=True), key=lambda p: order[p[1].shape])
    for table, sheet in pairs:
        file_nodes = nodes.setdefault(table.file.split("[")[0], {})
        if sheet.shape == "tables":
            assert sheet.table is not None
            passed.append(_passed_through(table, sheet))
        elif sheet.shape.startswith("graphsvc-"):
            _apply_graphsvc(b, table, sheet)
        elif sheet.shape == "rows":
            _apply_rows(b, table, sheet)
        elif sheet.shape == "nodes":
            _apply_nodes(b, table, sheet, file_nodes)
        elif sheet.shape in ("edges", "edgelist"):
            # Edges refer to the nodes of their own file (a Gephi pair: the other file).
            scope = file_nodes or (next(iter(nodes.values())) if len(nodes) == 1 else {})
            if not file_nodes and len([n for n in nodes.values() if n]) == 1:
                scope = next(n for n in nodes.values() if n)
            _apply_edges(b, table, sheet, scope)
        elif sheet.shape == "matrix":
            _apply_matrix(b, table, sheet)
    return MappingResult(mapping, passed + b.tables(), b.problems, b.notes)


def _passed_through(table: RawTable, sheet: SheetMapping) -> RawTable:
    ignored = set(sheet.columns_for("ignore"))
    if not ignored and sheet.table == table.name.strip().lower():
        return (
            table
            if table.name == sheet.table
            else RawTable(
                sheet.table or table.name,
                table.file,
                table.columns,
                table.rows,
                table.first_row,
                None,
                table.row_numbers,
            )
        )
    columns = [c for c in table.columns if c not in ignored]
    rows = [{c: row.get(c, "") for c in columns} for row in table.rows]
    return RawTable(
        sheet.table or table.name,
        table.file,
        columns,
        rows,
        table.first_row,
        None,
        table.row_numbers,
    )


def apply_mapping(
    sheets: list[RawTable], mapping: Mapping, known: Known | None = None
) -> list[RawTable]:
    """The sheets as the four tables, ready for :func:`~graphsvc.io.tables.validate`.

    Parameters
    ----------
    sheets : list of RawTable
        What the readers read.
    mapping : Mapping
        From :func:`detect_mapping` or :func:`resolve_mapping`.
    known : Known, optional
        Actors and projects in the store, so names written again find their ids.

    Returns
    -------
    list of RawTable
        Named ``actors``, ``projects``, ``participations``, ``collaborations``, with the
        columns of :data:`~graphsvc.io.tables.COLUMNS`; each row keeps its file and row.

    Raises
    ------
    ValidationError
        Listing every problem (file, row, column), e.g. a column the mapping cannot
        decide, an unknown municipality, a date that is no date.
    """
    result = map_tables(sheets, mapping, known)
    if result.problems:
        raise ValidationError(
            f"{len(result.problems)} problem(s) in the input; nothing was written",
            details=result.problems,
        )
    return result.tables
