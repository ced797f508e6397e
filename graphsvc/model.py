"""The data model: actors, projects, participations, collaborations and agreements.

A property graph. Every item has a stable ``id`` (a slug: lower-case ASCII letters,
digits and hyphens) that imports merge on, so re-importing the same rows changes
nothing. Dates are ISO ``YYYY-MM-DD``; an open start or end is empty. A tie or a
participation is active on date *d* when ``start_date <= d <= end_date`` (open ends
always match), which is what "as of" questions use. A date carries its precision
(``start_precision``, ``end_precision``; see :mod:`graphsvc.dates`): the stored day
is the first day of the period for a start and the last for an end, so a
year-precise end is active through that year.

Money is an ``amount`` in a ``currency`` with a kind of ``support``. Every item may
name its ``inferred_fields``: values inferred although the row's ``evidence`` is
documented.

Ties and participations have a ``status``: ``existing`` for what a source says exists
or existed, ``proposed`` for what a source only suggests (e.g. the local actors the
2012 workshops propose to involve).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    field_validator,
    model_validator,
)

from graphsvc.dates import DatePrecision, normalise
from graphsvc.reference import municipality

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG_RE = re.compile(SLUG_PATTERN)
_PARTIAL_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?\s*$")


class ActorKind(StrEnum):
    MUNICIPALITY = "municipality"
    REGION = "region"
    STATE_AGENCY = "state_agency"
    ASSOCIATION = "association"
    NATIONAL_NGO = "national_ngo"
    VOLUNTEER_CENTRE = "volunteer_centre"
    FOUNDATION = "foundation"
    COMPANY = "company"
    SCHOOL = "school"
    UNIVERSITY = "university"
    RESEARCH_INSTITUTE = "research_institute"
    HOSPITAL = "hospital"
    HOUSING_ORGANISATION = "housing_organisation"
    NETWORK = "network"
    CITIZEN_GROUP = "citizen_group"
    PERSON = "person"
    OTHER = "other"


class Sector(StrEnum):
    PUBLIC = "public"
    CIVIL_SOCIETY = "civil_society"
    PRIVATE = "private"
    PHILANTHROPIC = "philanthropic"
    KNOWLEDGE = "knowledge"
    CITIZEN = "citizen"


class Scale(StrEnum):
    LOCAL = "local"
    MUNICIPAL = "municipal"
    REGIONAL = "regional"
    NATIONAL = "national"
    INTERNATIONAL = "international"


class Theme(StrEnum):
    HEALTH_PREVENTION = "health_prevention"
    SOCIALLY_VULNERABLE = "socially_vulnerable"
    EMPLOYMENT = "employment"
    EDUCATION = "education"
    SOCIAL_HOUSING = "social_housing"
    CHILDREN_YOUTH = "children_youth"
    ELDERLY = "elderly"
    COMMUNITY = "community"
    SOCIAL_INNOVATION = "social_innovation"
    RESEARCH = "research"
    OTHER = "other"


class ProjectStatus(StrEnum):
    PLANNED = "planned"
    PROPOSED = "proposed"
    ACTIVE = "active"
    ENDED = "ended"


class Role(StrEnum):
    LEAD = "lead"
    PROCESS_OWNER = "process_owner"
    PARTNER = "partner"
    FUNDER = "funder"
    COORDINATOR = "coordinator"
    VOLUNTEER = "volunteer"
    HOST = "host"
    EVALUATOR = "evaluator"
    KNOWLEDGE_PARTNER = "knowledge_partner"
    PARTICIPANT = "participant"


class CollaborationKind(StrEnum):
    PARTNERSHIP = "partnership"
    FUNDING = "funding"
    MEMBERSHIP = "membership"
    KNOWLEDGE_EXCHANGE = "knowledge_exchange"
    REFERRAL = "referral"
    MENTORING = "mentoring"
    AGREEMENT = "agreement"
    COORDINATION = "coordination"
    OVERSIGHT = "oversight"  # regulation or oversight, e.g. by a ministry
    EMPLOYMENT = "employment"
    VOLUNTEERING = "volunteering"


class TieStatus(StrEnum):
    EXISTING = "existing"
    PROPOSED = "proposed"


class Evidence(StrEnum):
    """How strongly the cited source supports the row.

    ``inferred``: a value was not in the source but derived by graphsvc, e.g. an
    imported actor's sector and scale from its kind.
    """

    DOCUMENTED = "documented"
    WEAK = "weak"
    INFERRED = "inferred"


class LegalBasis(StrEnum):
    """GDPR art. 6(1) basis for holding data on an actor that is a person."""

    CONSENT = "consent"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"
    PUBLIC_TASK = "public_task"
    LEGITIMATE_INTERESTS = "legitimate_interests"


class Currency(StrEnum):
    """The currencies the sources give amounts in (ISO 4217)."""

    DKK = "DKK"
    NOK = "NOK"
    SEK = "SEK"
    EUR = "EUR"


class SupportKind(StrEnum):
    """What kind of support an amount (or a funding tie) is."""

    CASH_GRANT = "cash_grant"
    IN_KIND = "in_kind"
    FEE = "fee"
    PUBLIC_POOL = "public_pool"  # a public pool such as §18
    SPARRING = "sparring"


class PlaceLevel(StrEnum):
    """The level of a place below or above the municipality."""

    NEIGHBOURHOOD = "neighbourhood"
    TOWN = "town"
    REGION = "region"
    COUNTRY = "country"


Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=1, max_length=120)]
Locality = Annotated[str, Field(pattern=r"^[A-Z]{2}-\d{3,4}$")]


def _attributes_in(value: Any) -> dict[str, str] | None:
    """Free attributes from a mapping or from their stored JSON text; none when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise ValueError(f"attributes must be a JSON object of texts: {exc}") from exc
    if not isinstance(value, dict):
        raise ValueError("attributes must be a JSON object of texts")
    found = {str(k): str(v) for k, v in value.items() if v is not None and str(v) != ""}
    return found or None


def _attributes_out(value: dict[str, str] | None) -> str | None:
    # One JSON text, keys sorted: the graph databases store no maps, and the same
    # attributes in another column order are the same item (same fingerprint).
    return None if not value else json.dumps(value, ensure_ascii=False, sort_keys=True)


Attributes = Annotated[
    dict[str, str] | None,
    BeforeValidator(_attributes_in),
    PlainSerializer(_attributes_out, when_used="json"),
    Field(
        description="Every other column of the imported file, by its own name "
        "(stored and written as one JSON text)."
    ),
]


class MemberCount(BaseModel):
    """A group actor's number of members on a date ("20 kommuner (14 i 2015)")."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)

    on: dt.date | None = Field(default=None, description="When (none: the source gives no date).")
    precision: DatePrecision | None = None
    count: Annotated[int, Field(ge=0)]
    approximate: bool = Field(default=False, description='The source says "about" (ca. 80).')


def _member_counts_in(value: Any) -> Any:
    """Member counts from a list or from their stored JSON text; empty for none."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise ValueError(f"member_counts must be a JSON list: {exc}") from exc
    return value


def _member_counts_out(value: list[MemberCount]) -> str | None:
    # One JSON text like attributes: the graph databases store no lists of maps.
    if not value:
        return None
    rows = [c.model_dump(mode="json", exclude_defaults=True) for c in value]
    return json.dumps(rows, ensure_ascii=False, sort_keys=True)


#: Member counts read from a list or their JSON text, written as a list (the API).
MemberCountList = Annotated[list[MemberCount], BeforeValidator(_member_counts_in)]
MemberCounts = Annotated[
    list[MemberCount],
    BeforeValidator(_member_counts_in),
    PlainSerializer(_member_counts_out, when_used="json"),
    Field(
        description="The group's member counts over time: a list of {on, precision, count, "
        "approximate} (stored and written as one JSON text)."
    ),
]
Amount = Annotated[float, Field(ge=0)]
Place = Annotated[str, Field(min_length=1, max_length=300)]


def is_slug(value: str) -> bool:
    return bool(_SLUG_RE.match(value))


def check_locality(value: str) -> str:
    if municipality(value) is None:
        raise ValueError(f"unknown municipality code {value!r} (expected e.g. DK-101 or NO-4203)")
    return value


class _Item(BaseModel):
    """Fields every stored item has."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=True)

    id: Slug
    description: str | None = None
    sources: list[str] = Field(
        default_factory=list,
        description="Documents the row comes from, e.g. 'seed:001_c19b46e5f2d43751'.",
    )
    source_passage: str | None = Field(
        default=None, description="The passage of the source that supports the row."
    )
    evidence: Evidence = Evidence.DOCUMENTED
    inferred_fields: list[str] = Field(
        default_factory=list,
        description="The fields whose value is inferred although the row's evidence is "
        "documented (e.g. a role, a direction, a date).",
    )
    attributes: Attributes = None

    #: Stored properties an older schema wrote that the model still reads (in a
    #: before-validator) until the migration rewrites them.
    legacy_fields: ClassVar[frozenset[str]] = frozenset()

    @field_validator("inferred_fields")
    @classmethod
    def _inferred_fields_exist(cls, values: list[str]) -> list[str]:
        names = set(cls.model_fields) - {"id", "inferred_fields", "evidence"}
        unknown = [v for v in values if v not in names]
        if unknown:
            raise ValueError(
                f"inferred_fields names no field of the {cls.__name__.lower()}: "
                f"{', '.join(map(repr, unknown))}"
            )
        return list(dict.fromkeys(values))


class _Dated(_Item):
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    start_precision: DatePrecision | None = Field(
        default=None, description="How precise start_date is (none: a day)."
    )
    end_precision: DatePrecision | None = Field(
        default=None, description="How precise end_date is (none: a day)."
    )

    @model_validator(mode="before")
    @classmethod
    def _partial_dates(cls, data: Any) -> Any:
        # "2014" and "2016-03" are a year and a month (pydantic would read "2014" as
        # seconds since 1970): the first or last day of the period, with its precision.
        if not isinstance(data, dict):
            return data
        found = {}
        for name, end in (("start", False), ("end", True)):
            text = data.get(f"{name}_date")
            match = _PARTIAL_DATE.match(text) if isinstance(text, str) else None
            if match is None:
                continue
            year, month = int(match[1]), int(match[2]) if match[2] else None
            precision = "month" if month else "year"
            day = normalise(dt.date(year, month or 1, 1), precision, end=end)
            found[f"{name}_date"] = day.isoformat()
            if data.get(f"{name}_precision") in (None, ""):
                found[f"{name}_precision"] = precision
        return {**data, **found} if found else data

    @model_validator(mode="after")
    def _start_before_end(self) -> _Dated:
        # A period's stored day is its first (start) or last (end) day, whatever day
        # was given: "2014" as an end is active through 2014.
        for name, end in (("start", False), ("end", True)):
            day, precision = getattr(self, f"{name}_date"), getattr(self, f"{name}_precision")
            if precision is not None and day is None:
                raise ValueError(f"{name}_precision is set but {name}_date is empty")
            if day is not None and precision in ("year", "month"):
                setattr(self, f"{name}_date", normalise(day, precision, end=end))
        if self.start_date and self.end_date and self.start_date > self.end_date:
            raise ValueError(f"start_date {self.start_date} is after end_date {self.end_date}")
        return self

    def active_on(self, day: dt.date) -> bool:
        return (self.start_date is None or self.start_date <= day) and (
            self.end_date is None or day <= self.end_date
        )


class Actor(_Dated):
    """A node of the map: an organisation, a group, or a person.

    Its dates are the organisation's life; ``successor_id`` is the actor it became.
    An actor with a ``member_kind`` is a group of actors of that kind (a network of
    municipalities), with its ``member_counts`` over time.
    """

    kind_name: ClassVar[str] = "actor"

    name: Annotated[str, Field(min_length=1, max_length=300)]
    kind: ActorKind
    sector: Sector
    scale: Scale
    locality: Locality | None = Field(
        default=None, description="Where the actor is based: country and municipality code."
    )
    cvr: Annotated[str, Field(pattern=r"^\d{8}$")] | None = Field(
        default=None, description="Danish CVR number (8 digits)."
    )
    website: str | None = None
    tags: list[str] = Field(default_factory=list)
    is_person: bool = False
    legal_basis: LegalBasis | None = None
    consent_to_publish: bool = Field(
        default=False,
        description="The person agreed to be shown by name to every reader (viewers included).",
    )
    successor_id: Slug | None = Field(
        default=None, description="The actor this one became (e.g. after a merger)."
    )
    member_kind: ActorKind | None = Field(
        default=None, description="Set when the actor is a group of actors of this kind."
    )
    member_counts: MemberCounts = Field(default_factory=list)
    place: Place | None = Field(
        default=None, description="A place below or above the municipality (Uldum, landsdækkende)."
    )
    place_level: PlaceLevel | None = None

    @field_validator("locality")
    @classmethod
    def _known_locality(cls, value: str | None) -> str | None:
        return value if value is None else check_locality(value)

    @model_validator(mode="after")
    def _persons_are_marked(self) -> Actor:
        # Plain strings: use_enum_values stores the values, and enum attribute look-ups
        # are slow enough to matter in national imports.
        if self.kind == "person" and not self.is_person:
            raise ValueError("an actor of kind 'person' must have is_person = true")
        if self.is_person and self.legal_basis is None:
            raise ValueError("a person needs a legal_basis (GDPR art. 6)")
        if not self.is_person and self.consent_to_publish:
            raise ValueError("consent_to_publish applies to persons only")
        if self.successor_id == self.id:
            raise ValueError("an actor cannot be its own successor")
        return self


class Project(_Dated):
    """An initiative that actors take part in."""

    kind_name: ClassVar[str] = "project"

    name: Annotated[str, Field(min_length=1, max_length=300)]
    theme: Theme
    localities: list[Locality] = Field(default_factory=list)
    status: ProjectStatus = ProjectStatus.ACTIVE
    tags: list[str] = Field(default_factory=list)
    part_of: Slug | None = Field(default=None, description="The project this one is part of.")
    follows: Slug | None = Field(default=None, description="The project this one follows.")
    place: Place | None = Field(
        default=None, description="A place below or above the municipality (Bispehaven)."
    )
    place_level: PlaceLevel | None = None

    @field_validator("localities")
    @classmethod
    def _known_localities(cls, values: list[str]) -> list[str]:
        return [check_locality(v) for v in values]

    @model_validator(mode="after")
    def _not_its_own(self) -> Project:
        for name in ("part_of", "follows"):
            if getattr(self, name) == self.id:
                raise ValueError(f"a project cannot be {name.replace('_', ' ')} itself")
        return self


class _Money(_Dated):
    """An amount in a currency and the kind of support, where a source gives them."""

    amount: Amount | None = Field(default=None, description="The amount, in currency.")
    currency: Currency | None = None
    support: SupportKind | None = Field(default=None, description="What kind of support it is.")

    @model_validator(mode="after")
    def _amount_has_currency(self) -> _Money:
        if self.amount is not None and self.currency is None:
            raise ValueError("an amount needs a currency (DKK, NOK, SEK or EUR)")
        return self


class Participation(_Money):
    """An actor's part in a project (with the money it gives, where known)."""

    kind_name: ClassVar[str] = "participation"
    legacy_fields: ClassVar[frozenset[str]] = frozenset({"funding_amount"})

    actor_id: Slug
    project_id: Slug
    role: Role
    status: TieStatus = TieStatus.EXISTING

    @model_validator(mode="before")
    @classmethod
    def _legacy_funding_amount(cls, data: Any) -> Any:
        # Schema 1 kept a participation's money as funding_amount, always in DKK.
        if not isinstance(data, dict) or "funding_amount" not in data:
            return data
        data = dict(data)
        legacy = data.pop("funding_amount")
        if legacy is None or legacy == "":
            return data
        if data.get("amount") not in (None, "") and float(data["amount"]) != float(legacy):
            raise ValueError("funding_amount and amount differ (funding_amount is the old amount)")
        data["amount"] = legacy
        data["currency"] = data.get("currency") or Currency.DKK.value
        return data


class Collaboration(_Money):
    """A tie between two actors, with the projects it serves and its money."""

    kind_name: ClassVar[str] = "collaboration"

    source_id: Slug
    target_id: Slug
    kind: CollaborationKind
    directed: bool = False
    weight: Annotated[float, Field(gt=0)] = 1.0
    status: TieStatus = TieStatus.EXISTING
    project_ids: list[Slug] = Field(
        default_factory=list, description="The projects the tie serves."
    )
    proposed_by: Annotated[str, Field(min_length=1, max_length=300)] | None = Field(
        default=None, description="Who proposed a proposed tie: an actor id or a short text."
    )

    @model_validator(mode="after")
    def _not_a_loop(self) -> Collaboration:
        if self.source_id == self.target_id:
            raise ValueError("a collaboration needs two different actors")
        return self


class Agreement(_Money):
    """One agreement between two or more actors (e.g. a four-party partnership agreement).

    Stored once, with its parties; analyses that need pairwise ties derive one
    undirected tie per pair of parties (see :func:`agreement_ties`).
    """

    kind_name: ClassVar[str] = "agreement"

    name: Annotated[str, Field(min_length=1, max_length=300)]
    kind: CollaborationKind = CollaborationKind.AGREEMENT
    party_ids: list[Slug] = Field(
        min_length=2, description="The actors that are parties (two or more, each once)."
    )
    project_ids: list[Slug] = Field(
        default_factory=list, description="The projects the agreement serves."
    )
    status: TieStatus = TieStatus.EXISTING

    @field_validator("party_ids")
    @classmethod
    def _distinct_parties(cls, values: list[str]) -> list[str]:
        twice = sorted({v for v in values if values.count(v) > 1})
        if twice:
            raise ValueError(f"a party is named more than once: {', '.join(twice)}")
        # sorted: the database keeps parties as a set, so the stored item reads back equal
        return sorted(values)

    @field_validator("project_ids")
    @classmethod
    def _distinct_projects(cls, values: list[str]) -> list[str]:
        return sorted(set(values))


#: The id of the tie an agreement gives two of its parties (``~`` is in no slug).
AGREEMENT_TIE_SEPARATOR = "~"


def agreement_tie_id(agreement_id: str, a: str, b: str) -> str:
    """The id of the pairwise tie between parties ``a`` and ``b`` of an agreement.

    Examples
    --------
    >>> agreement_tie_id("legepatruljen-aftale", "trygfonden", "dgi")
    'legepatruljen-aftale~dgi~trygfonden'
    """
    first, second = sorted((a, b))
    return AGREEMENT_TIE_SEPARATOR.join((agreement_id, first, second))


def agreement_ties(agreement_id: str, party_ids: list[str]) -> list[tuple[str, str, str]]:
    """``(tie id, a, b)`` for every pair of an agreement's parties, ``a < b``.

    Examples
    --------
    >>> [t[0] for t in agreement_ties("g", ["c", "a", "b"])]
    ['g~a~b', 'g~a~c', 'g~b~c']
    """
    parties = sorted(set(party_ids))
    return [
        (agreement_tie_id(agreement_id, a, b), a, b)
        for i, a in enumerate(parties)
        for b in parties[i + 1 :]
    ]


ITEM_TYPES: dict[str, type[_Item]] = {
    "actors": Actor,
    "projects": Project,
    "participations": Participation,
    "collaborations": Collaboration,
    "agreements": Agreement,
}


def to_properties(item: BaseModel) -> dict[str, Any]:
    """Properties as stored in the graph: dates as ISO strings, enums as values."""
    return item.model_dump(mode="json")
