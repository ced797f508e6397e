"""The data model: actors, projects, participations and collaborations.

A property graph. Every item has a stable ``id`` (a slug: lower-case ASCII letters,
digits and hyphens) that imports merge on, so re-importing the same rows changes
nothing. Dates are ISO ``YYYY-MM-DD``; an open start or end is empty. A tie or a
participation is active on date *d* when ``start_date <= d <= end_date`` (open ends
always match), which is what "as of" questions use.

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

from graphsvc.reference import municipality

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG_RE = re.compile(SLUG_PATTERN)


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
    attributes: Attributes = None


class _Dated(_Item):
    start_date: dt.date | None = None
    end_date: dt.date | None = None

    @model_validator(mode="after")
    def _start_before_end(self) -> _Dated:
        if self.start_date and self.end_date and self.start_date > self.end_date:
            raise ValueError(f"start_date {self.start_date} is after end_date {self.end_date}")
        return self

    def active_on(self, day: dt.date) -> bool:
        return (self.start_date is None or self.start_date <= day) and (
            self.end_date is None or day <= self.end_date
        )


class Actor(_Item):
    """A node of the map: an organisation, a group, or a person."""

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
        return self


class Project(_Dated):
    """An initiative that actors take part in."""

    kind_name: ClassVar[str] = "project"

    name: Annotated[str, Field(min_length=1, max_length=300)]
    theme: Theme
    localities: list[Locality] = Field(default_factory=list)
    status: ProjectStatus = ProjectStatus.ACTIVE
    tags: list[str] = Field(default_factory=list)

    @field_validator("localities")
    @classmethod
    def _known_localities(cls, values: list[str]) -> list[str]:
        return [check_locality(v) for v in values]


class Participation(_Dated):
    """An actor's part in a project."""

    kind_name: ClassVar[str] = "participation"

    actor_id: Slug
    project_id: Slug
    role: Role
    status: TieStatus = TieStatus.EXISTING
    funding_amount: Annotated[float, Field(ge=0)] | None = Field(
        default=None, description="Funding the actor gives the project, in DKK, where known."
    )


class Collaboration(_Dated):
    """A tie between two actors."""

    kind_name: ClassVar[str] = "collaboration"

    source_id: Slug
    target_id: Slug
    kind: CollaborationKind
    directed: bool = False
    weight: Annotated[float, Field(gt=0)] = 1.0
    status: TieStatus = TieStatus.EXISTING

    @model_validator(mode="after")
    def _not_a_loop(self) -> Collaboration:
        if self.source_id == self.target_id:
            raise ValueError("a collaboration needs two different actors")
        return self


ITEM_TYPES: dict[str, type[_Item]] = {
    "actors": Actor,
    "projects": Project,
    "participations": Participation,
    "collaborations": Collaboration,
}


def to_properties(item: BaseModel) -> dict[str, Any]:
    """Properties as stored in the graph: dates as ISO strings, enums as values."""
    return item.model_dump(mode="json")
