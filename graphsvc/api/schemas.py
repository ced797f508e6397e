"""Request and response schemas: ``XCreate`` / ``XUpdate`` / ``XPublic`` per resource."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from graphsvc.filters import AsOfDate, GroupAttribute, Language, NetworkFilters
from graphsvc.io.mapping import Mapping
from graphsvc.keys import Role as KeyRole
from graphsvc.model import (
    Actor,
    ActorKind,
    Agreement,
    Collaboration,
    CollaborationKind,
    Currency,
    DatePrecision,
    Evidence,
    LegalBasis,
    Locality,
    MemberCountList,
    MemberCounts,
    Participation,
    Place,
    PlaceLevel,
    Project,
    ProjectStatus,
    Role,
    Scale,
    Sector,
    Slug,
    SupportKind,
    Theme,
    TieStatus,
)

T = TypeVar("T")


# ---------------------------------------------------------------- errors


PROBLEM_CODE_HELP = (
    "What kind of problem, for programs: pydantic's error type for a value the model "
    "refuses (missing, literal_error, date_from_datetime_parsing, float_parsing …) or "
    "graphsvc's own (duplicate_id, unknown_reference, bad_date, bad_number, "
    "unknown_municipality …); empty when the problem has none yet."
)
PROBLEM_PARAMS_HELP = (
    "The problem's values by name: pydantic's error context (e.g. expected, error) and "
    "`field`, the stored field it is about."
)
PROBLEM_TEXT_HELP = (
    "The message in the request's `lang` (`?lang=da`) when graphsvc has the words, "
    "else the English message."
)


class ErrorDetail(BaseModel):
    file: str | None = Field(None, description="File (imports) or table / request part.")
    row: int | None = Field(None, description="Spreadsheet row (the header is row 1).")
    column: str | None = Field(None, description="Column or parameter name.")
    field: str | None = Field(None, description="Full location of a request field.")
    value: str | None = Field(
        None, description="The offending value, or the existing item a conflict is about."
    )
    message: str = Field(description="What is wrong, in English.")
    code: str = Field("", description=PROBLEM_CODE_HELP)
    params: dict[str, Any] = Field(default_factory=dict, description=PROBLEM_PARAMS_HELP)
    text: str | None = Field(None, description=PROBLEM_TEXT_HELP)
    lang: Language = Field("en", description="The language of `text`.")


class ErrorBody(BaseModel):
    """The shape of every error."""

    status: int
    code: str
    message: str
    details: list[ErrorDetail] = Field(default_factory=list)

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "status": 422,
                    "code": "validation_error",
                    "message": "1 problem(s) in the input; nothing was written",
                    "details": [
                        {
                            "file": "actors.csv",
                            "row": 2,
                            "column": "locality",
                            "field": "locality",
                            "message": "unknown municipality code 'DK-999'",
                        }
                    ],
                }
            ]
        }
    )


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad request (e.g. a query's parameters)."},
    401: {"model": ErrorBody, "description": "No valid API key."},
    403: {
        "model": ErrorBody,
        "description": "The key's role may not do this, or a write from another origin "
        "(or without the session's X-CSRF-Token).",
    },
    404: {"model": ErrorBody, "description": "Not found."},
    409: {"model": ErrorBody, "description": "Conflict (exists already, or needs confirm)."},
    413: {"model": ErrorBody, "description": "Upload too large."},
    422: {"model": ErrorBody, "description": "Invalid input; details list every problem."},
    429: {
        "model": ErrorBody,
        "description": "Too many failed key checks from this address; see Retry-After.",
    },
    503: {"model": ErrorBody, "description": "The graph database is not reachable."},
}


class Page(BaseModel, Generic[T]):
    """One page of a list."""

    items: list[T]
    total: int = Field(description="Items matching the filters (all pages).")
    limit: int
    offset: int


# ---------------------------------------------------------------- actors

_ACTOR_EXAMPLE: dict[str, Any] = {
    "id": "frivilligcenter-middelfart",
    "name": "Frivilligcenter Middelfart",
    "kind": "volunteer_centre",
    "sector": "civil_society",
    "scale": "local",
    "locality": "DK-410",
    "tags": ["frivillighed"],
}


class ActorCreate(Actor):
    model_config = ConfigDict(json_schema_extra={"examples": [_ACTOR_EXAMPLE]})


class ActorUpdate(BaseModel):
    """Fields to change (absent fields stay; ``null`` clears an optional field)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"name": "Frivilligcenter Middelfart (FCM)"}]},
    )

    name: Annotated[str, Field(min_length=1, max_length=300)] | None = None
    kind: ActorKind | None = None
    sector: Sector | None = None
    scale: Scale | None = None
    locality: Locality | None = None
    cvr: Annotated[str, Field(pattern=r"^\d{8}$")] | None = None
    website: str | None = None
    tags: list[str] | None = None
    is_person: bool | None = None
    legal_basis: LegalBasis | None = None
    consent_to_publish: bool | None = None
    start_date: dt.date | None = None
    start_precision: DatePrecision | None = None
    end_date: dt.date | None = None
    end_precision: DatePrecision | None = None
    successor_id: Slug | None = None
    member_kind: ActorKind | None = None
    member_counts: MemberCounts | None = None
    place: Place | None = None
    place_level: PlaceLevel | None = None
    description: str | None = None
    sources: list[str] | None = None
    source_passage: str | None = None
    evidence: Evidence | None = None
    inferred_fields: list[str] | None = None


class ActorPublic(Actor):
    pseudonymised: bool = Field(
        False, description="A person shown under a pseudonym (name and details withheld)."
    )
    member_counts: MemberCountList = Field(
        default_factory=list,
        description="The group's member counts over time (a list here, one JSON text in files).",
    )


# ---------------------------------------------------------------- projects

_PROJECT_EXAMPLE: dict[str, Any] = {
    "id": "legepatruljen",
    "name": "Legepatruljen",
    "theme": "health_prevention",
    "localities": ["DK-410"],
    "start_date": "2008-01-01",
    "end_date": "2014-12-31",
    "status": "ended",
}


class ProjectCreate(Project):
    model_config = ConfigDict(json_schema_extra={"examples": [_PROJECT_EXAMPLE]})


class ProjectUpdate(BaseModel):
    """Fields to change (absent fields stay; ``null`` clears an optional field)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"status": "ended"}]})

    name: Annotated[str, Field(min_length=1, max_length=300)] | None = None
    theme: Theme | None = None
    localities: list[Locality] | None = None
    status: ProjectStatus | None = None
    tags: list[str] | None = None
    start_date: dt.date | None = None
    start_precision: DatePrecision | None = None
    end_date: dt.date | None = None
    end_precision: DatePrecision | None = None
    part_of: Slug | None = None
    follows: Slug | None = None
    place: Place | None = None
    place_level: PlaceLevel | None = None
    description: str | None = None
    sources: list[str] | None = None
    source_passage: str | None = None
    evidence: Evidence | None = None
    inferred_fields: list[str] | None = None


class ProjectPublic(Project):
    pass


# ---------------------------------------------------------------- participations

_PARTICIPATION_EXAMPLE: dict[str, Any] = {
    "id": "p-legepatruljen-trygfonden",
    "actor_id": "trygfonden",
    "project_id": "legepatruljen",
    "role": "funder",
    "amount": 250000,
    "currency": "DKK",
    "support": "cash_grant",
    "end_date": "2014-12-31",
    "end_precision": "year",
}


class ParticipationCreate(Participation):
    model_config = ConfigDict(json_schema_extra={"examples": [_PARTICIPATION_EXAMPLE]})


class ParticipationUpdate(BaseModel):
    """Fields to change (absent fields stay; ``null`` clears an optional field)."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"end_date": "2014-12-31"}]}
    )

    actor_id: Slug | None = None
    project_id: Slug | None = None
    role: Role | None = None
    status: TieStatus | None = None
    amount: Annotated[float, Field(ge=0)] | None = None
    currency: Currency | None = None
    support: SupportKind | None = None
    start_date: dt.date | None = None
    start_precision: DatePrecision | None = None
    end_date: dt.date | None = None
    end_precision: DatePrecision | None = None
    description: str | None = None
    sources: list[str] | None = None
    source_passage: str | None = None
    evidence: Evidence | None = None
    inferred_fields: list[str] | None = None


class ParticipationPublic(Participation):
    pass


# ---------------------------------------------------------------- collaborations

_COLLABORATION_EXAMPLE: dict[str, Any] = {
    "id": "c-kommune-frivilligcenter",
    "source_id": "middelfart-kommune",
    "target_id": "frivilligcenter-middelfart",
    "kind": "partnership",
    "start_date": "2010-01-01",
}


class CollaborationCreate(Collaboration):
    model_config = ConfigDict(json_schema_extra={"examples": [_COLLABORATION_EXAMPLE]})


class CollaborationUpdate(BaseModel):
    """Fields to change (absent fields stay; ``null`` clears an optional field)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"weight": 2.0}]})

    source_id: Slug | None = None
    target_id: Slug | None = None
    kind: CollaborationKind | None = None
    directed: bool | None = None
    weight: Annotated[float, Field(gt=0)] | None = None
    status: TieStatus | None = None
    start_date: dt.date | None = None
    start_precision: DatePrecision | None = None
    end_date: dt.date | None = None
    end_precision: DatePrecision | None = None
    amount: Annotated[float, Field(ge=0)] | None = None
    currency: Currency | None = None
    support: SupportKind | None = None
    project_ids: list[Slug] | None = None
    proposed_by: Annotated[str, Field(min_length=1, max_length=300)] | None = None
    description: str | None = None
    sources: list[str] | None = None
    source_passage: str | None = None
    evidence: Evidence | None = None
    inferred_fields: list[str] | None = None


class CollaborationPublic(Collaboration):
    pass


# ---------------------------------------------------------------- agreements

_AGREEMENT_EXAMPLE: dict[str, Any] = {
    "id": "legepatruljen-aftale",
    "name": "Aftale om Legepatruljen",
    "party_ids": ["trygfonden", "dgi", "middelfart-kommune", "frivilligcenter-middelfart"],
    "project_ids": ["legepatruljen"],
    "start_date": "2008-01-01",
    "end_date": "2014-12-31",
}


class AgreementCreate(Agreement):
    model_config = ConfigDict(json_schema_extra={"examples": [_AGREEMENT_EXAMPLE]})


class AgreementUpdate(BaseModel):
    """Fields to change (absent fields stay; ``null`` clears an optional field).
    ``party_ids`` replaces all parties."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"party_ids": ["trygfonden", "dgi"]}]},
    )

    name: Annotated[str, Field(min_length=1, max_length=300)] | None = None
    kind: CollaborationKind | None = None
    party_ids: Annotated[list[Slug], Field(min_length=2)] | None = None
    project_ids: list[Slug] | None = None
    status: TieStatus | None = None
    start_date: dt.date | None = None
    start_precision: DatePrecision | None = None
    end_date: dt.date | None = None
    end_precision: DatePrecision | None = None
    amount: Annotated[float, Field(ge=0)] | None = None
    currency: Currency | None = None
    support: SupportKind | None = None
    description: str | None = None
    sources: list[str] | None = None
    source_passage: str | None = None
    evidence: Evidence | None = None
    inferred_fields: list[str] | None = None


class AgreementPublic(Agreement):
    pass


class Deleted(BaseModel):
    """What a delete removed."""

    deleted: str = Field(description="The id of the deleted item.")
    also_deleted: dict[str, list[str]] = Field(
        default_factory=dict, description="Ties and participations removed with it."
    )


# ---------------------------------------------------------------- imports


class ImportResult(BaseModel):
    dry_run: bool
    created: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]
    graph_version: int | None = Field(None, description="The graph version after the import.")

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "dry_run": True,
                    "created": {
                        "actors": 5,
                        "projects": 2,
                        "participations": 5,
                        "collaborations": 3,
                    },
                    "updated": {
                        "actors": 0,
                        "projects": 0,
                        "participations": 0,
                        "collaborations": 0,
                    },
                    "unchanged": {
                        "actors": 0,
                        "projects": 0,
                        "participations": 0,
                        "collaborations": 0,
                    },
                    "graph_version": None,
                }
            ]
        }
    )


class ImportProblem(BaseModel):
    """A problem (it stops the import) or a note (what the mapping inferred), with its place."""

    file: str | None = Field(None, description="File, or file[sheet].")
    row: int | None = Field(None, description="Spreadsheet row (the header is row 1).")
    column: str | None = Field(None, description="The column as written in the file.")
    message: str = Field(description="What is wrong, in English.")
    code: str = Field("", description=PROBLEM_CODE_HELP)
    params: dict[str, Any] = Field(default_factory=dict, description=PROBLEM_PARAMS_HELP)
    text: str | None = Field(None, description=PROBLEM_TEXT_HELP)
    lang: Language = Field("en", description="The language of `text`.")


class ImportPreview(BaseModel):
    """What an import of the uploaded files would do, before anything is written.

    ``mapping`` is the detected mapping (with the one sent applied on top): per sheet
    its shape and per column its target, how that was decided, the targets it may take
    (``choices``, for the page's dropdowns) and its first values (``examples``). ``rows``
    holds the first rows of each table as they will be stored, ``counts`` how many rows
    each table gets. ``problems``
    stop the import (each with file, row and column); ``notes`` say what was inferred.
    ``report`` is the dry run's created/updated/unchanged when there is no problem.
    """

    mapping: Mapping
    mapping_toml: str = Field(description="The mapping as a TOML file (--mapping FILE).")
    targets: dict[str, str] = Field(description="Every column target and what it means.")
    rows: dict[str, list[dict[str, str]]]
    counts: dict[str, int]
    problems: list[ImportProblem]
    notes: list[ImportProblem]
    valid: bool = Field(description="True when the import can run as it is.")
    report: ImportResult | None = None


# ---------------------------------------------------------------- analyses


class AnalysisResult(BaseModel):
    """An analysis: tables as lists of records (NaN as null), plus facts about it."""

    analysis: str
    graph_version: int
    cached: bool
    tables: dict[str, list[dict[str, Any]]]
    meta: dict[str, Any] = Field(default_factory=dict)


class WhatIfRequest(BaseModel):
    """A scenario: what goes away."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"remove_actors": ["trygfonden"]},
                {"remove_groups": [{"kind": "foundation", "scale": "national"}]},
                {"end_ties_before": "2015-01-01"},
            ]
        },
    )

    remove_actors: list[str] = Field(default_factory=list, description="Actor ids.")
    remove_groups: list[dict[str, str]] = Field(
        default_factory=list,
        description="Groups of actors: attribute → value, all must match "
        "(e.g. {kind: foundation, scale: national}).",
    )
    end_ties_before: dt.date | None = Field(
        None, description="Remove ties and participations that ended before this date."
    )
    as_of: AsOfDate = Field(None, description="Compare the network as of this date.")
    attribute: GroupAttribute = "sector"
    proposed: bool = Field(False, description=NetworkFilters.model_fields["proposed"].description)


# ---------------------------------------------------------------- named queries


class QueryInfo(BaseModel):
    name: str
    description: str
    params: dict[str, str]


class QueryRun(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"params": {}}]})

    params: dict[str, Any] = Field(default_factory=dict, description="The query's parameters.")


class QueryResult(BaseModel):
    name: str
    rows: list[dict[str, Any]]


# ---------------------------------------------------------------- keys


class KeyCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"role": "viewer", "name": "planner"}]}
    )

    role: KeyRole
    name: Annotated[str, Field(max_length=200)] | None = None
    expires: dt.datetime | dt.date | None = Field(
        default=None,
        description="When the key stops working (a date: the start of that day, UTC).",
    )


class KeyPublic(BaseModel):
    id: str
    prefix: str
    role: KeyRole
    name: str | None = None
    created: str
    revoked: bool = False
    revoked_at: str | None = None
    expires: str | None = Field(default=None, description="When the key stops working (UTC).")
    expired: bool = False


class KeyCreated(KeyPublic):
    key: str = Field(description="The API key. Shown only now: store it safely.")


class Health(BaseModel):
    status: Literal["ok"]
    backend: str
    graph_version: int
    demo: bool


class AuditEntryPublic(BaseModel):
    """One write in the audit log: who, what, when (never the values written)."""

    id: str
    at: str = Field(description="UTC time, ISO 8601 with microseconds.")
    who: str = Field(description="The API key id, 'demo' in demo mode or 'cli'.")
    operation: str = Field(examples=["create", "update", "delete", "import", "erase"])
    table: str | None = Field(None, examples=["actors"])
    item_id: str | None = None
    fields: list[str] = Field(
        default_factory=list, description="For an update: the names of the fields it set."
    )
    count: int | None = Field(None, description="Items an import or delete touched.")


class GdprErased(BaseModel):
    """What an erasure did, by counts; the person appears only under the masked id."""

    request: Literal["erase"] = "erase"
    erased: str = Field(description="The erased actor's masked id (person-…).")
    participations: int
    collaborations: int
    agreements_left: int = Field(
        0, description="Agreements the person was a party to (they stay, without her)."
    )
    snapshots: int
    survey_records: int = Field(
        0, description="Survey invitations, answers and reviews deleted or rewritten."
    )
    mentions: int = Field(description="Other items whose text named the person.")
    audit_entries_masked: int
    cached_results_dropped: int
