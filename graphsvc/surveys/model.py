"""What a survey is and what a respondent answers: pydantic models, checked on every page.

A survey (:class:`SurveyFields`) belongs to a scope and carries the texts a respondent
reads (Danish first, English second) and the GDPR art. 13 facts (who asks, why, how long
answers are kept). The answers (:class:`Answers`) come in three pages saved one at a
time: ``partners`` (the name generator), ``ratings`` (per named partner: frequency, kinds,
since, PARTNER's trust and value dimensions on 1–4, what it contributes) and
``outcomes``. Errors name the field path (``partners[2].actor_id``) so the page can put
the message beside the field.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator, model_validator
from pydantic import ValidationError as PydanticValidationError

from graphsvc.errors import Problem, ValidationError
from graphsvc.model import SLUG_PATTERN, CollaborationKind

PAGES = ("partners", "ratings", "outcomes")
SCOPE_KINDS = ("project", "municipality", "workshop", "roster")
STATUSES = ("draft", "open", "closed")
OTHER_PREFIX = "other:"
MAX_PARTNERS = 500
MAX_COMMENT = 4000
MAX_NAME = 300


class Frequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"
    NEVER = "never"


#: A tie's weight from how often the two work together; ``never`` is no tie.
FREQUENCY_WEIGHT: dict[str, int] = {
    Frequency.DAILY: 5,
    Frequency.WEEKLY: 4,
    Frequency.MONTHLY: 3,
    Frequency.QUARTERLY: 2,
    Frequency.YEARLY: 1,
}

TRUST_DIMENSIONS = ("reliable", "mission", "open")
VALUE_DIMENSIONS = ("power", "involvement", "resources")


class Contribution(StrEnum):
    """What a partner brings (PARTNER's resource list)."""

    FUNDING = "funding"
    IN_KIND = "in_kind"
    PAID_STAFF = "paid_staff"
    VOLUNTEERS = "volunteers"
    DATA = "data"
    INFORMATION = "information"
    SPECIFIC_EXPERTISE = "specific_expertise"
    OTHER_EXPERTISE = "other_expertise"
    COMMUNITY_CONNECTIONS = "community_connections"
    FISCAL_MANAGEMENT = "fiscal_management"
    FACILITATION = "facilitation"
    ADVOCACY = "advocacy"
    IT_WEB = "it_web"
    OTHER = "other"


class Outcome(StrEnum):
    """What the collaboration has achieved (PARTNER's outcome list)."""

    BETTER_SERVICES = "better_services"
    SHARED_RESOURCES = "shared_resources"
    NEW_FUNDING = "new_funding"
    NEW_KNOWLEDGE = "new_knowledge"
    POLICY_INFLUENCE = "policy_influence"
    COMMUNITY_SUPPORT = "community_support"
    LESS_DUPLICATION = "less_duplication"
    NEW_PARTNERS = "new_partners"
    OTHER = "other"


_SPACES = re.compile(r"\s+")


def name_key(name: str) -> str:
    """The key of a name given as "someone not on the list": case-folded, spaces collapsed.

    Examples
    --------
    >>> name_key("  Cykelklubben   ØST ")
    'cykelklubben øst'
    """
    return _SPACES.sub(" ", name).strip().casefold()


def other_key(name: str) -> str:
    """The ratings key of a name not on the list: ``other:<name_key>``."""
    return OTHER_PREFIX + name_key(name)


Score = Annotated[int, Field(ge=1, le=4)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=True)


class Texts(_Strict):
    """A text in Danish and English (either may be left out; Danish is shown first)."""

    da: Annotated[str, Field(max_length=MAX_COMMENT)] | None = None
    en: Annotated[str, Field(max_length=MAX_COMMENT)] | None = None


class SurveyFields(_Strict):
    """The fields a coordinator sets when creating a survey."""

    id: Annotated[str, Field(pattern=SLUG_PATTERN, max_length=80)] | None = Field(
        default=None, description="The survey's id (slug); made from the Danish title if left out."
    )
    title: Texts = Field(description="The title, in Danish and English.")
    scope_kind: Annotated[str, Field(pattern=r"^(project|municipality|workshop|roster)$")] = (
        "roster"
    )
    scope_id: Annotated[str, Field(max_length=120)] | None = Field(
        default=None, description="The project, municipality code (DK-410) or workshop."
    )
    wave: Annotated[int, Field(ge=1, le=100)] = 1
    baseline_id: Annotated[str, Field(pattern=SLUG_PATTERN, max_length=80)] | None = Field(
        default=None, description="The survey this one follows up (an earlier wave)."
    )
    closes_at: dt.datetime | None = Field(default=None, description="When answering ends.")
    keep_answers_until: dt.date | None = Field(
        default=None, description="When the answers are deleted (default: a year from now)."
    )
    asker: Annotated[str, Field(max_length=MAX_NAME)] | None = Field(
        default=None, description="Who asks (the data controller), shown to respondents."
    )
    asker_contact: Annotated[str, Field(max_length=MAX_NAME)] | None = Field(
        default=None, description="How respondents reach the asker (e-mail or phone)."
    )
    purpose: Texts = Field(default_factory=Texts, description="Why the survey asks.")
    questions: dict[Annotated[str, Field(max_length=80)], Texts] = Field(
        default_factory=dict, description="Question texts that replace the defaults, by key."
    )

    @model_validator(mode="after")
    def _needs_a_title(self) -> SurveyFields:
        if not (self.title.da or self.title.en):
            raise ValueError("a survey needs a title (title.da or title.en)")
        if self.scope_kind != "roster" and not self.scope_id:
            raise ValueError(f"a survey of a {self.scope_kind} needs its id (scope_id)")
        return self


class PartnerRef(_Strict):
    """A named partner: an actor of the roster, or a name not on it."""

    actor_id: Annotated[str, Field(min_length=1, max_length=120)] | None = None
    other_name: Annotated[str, Field(min_length=1, max_length=MAX_NAME)] | None = None

    @model_validator(mode="after")
    def _one_of(self) -> PartnerRef:
        if (self.actor_id is None) == (self.other_name is None):
            raise ValueError("give either actor_id or other_name")
        return self

    @property
    def key(self) -> str:
        """Its key in the ratings: the actor id or ``other:<name_key>``."""
        return self.actor_id if self.actor_id is not None else other_key(self.other_name or "")


class Rating(_Strict):
    """One named partner, rated."""

    frequency: Frequency
    kinds: Annotated[list[CollaborationKind], Field(min_length=1, max_length=20)]
    since: int | None = None
    reliable: Score | None = None
    mission: Score | None = None
    open: Score | None = None
    power: Score | None = None
    involvement: Score | None = None
    resources: Score | None = None
    contributes: Annotated[list[Contribution], Field(max_length=20)] = Field(default_factory=list)

    @field_validator("since")
    @classmethod
    def _a_year(cls, value: int | None) -> int | None:
        this_year = dt.date.today().year
        if value is not None and not 1900 <= value <= this_year:
            raise ValueError(f"since must be a year from 1900 to {this_year}")
        return value

    @field_validator("kinds", "contributes")
    @classmethod
    def _once_each(cls, values: list[Any]) -> list[Any]:
        return list(dict.fromkeys(values))


class Outcomes(_Strict):
    achieved: Annotated[list[Outcome], Field(max_length=20)] = Field(default_factory=list)
    comment: Annotated[str, Field(max_length=MAX_COMMENT)] | None = None


class Answers(_Strict):
    """One respondent's answers so far (what ``answers_json`` holds)."""

    partners: Annotated[list[PartnerRef], Field(max_length=MAX_PARTNERS)] = Field(
        default_factory=list
    )
    ratings: dict[str, Rating] = Field(default_factory=dict)
    outcomes: Outcomes = Field(default_factory=Outcomes)

    def named(self) -> list[str]:
        """The keys of the named partners, in the order named."""
        return [p.key for p in self.partners]


_PAGE_MODELS: dict[str, TypeAdapter[Any]] = {
    "partners": TypeAdapter(Annotated[list[PartnerRef], Field(max_length=MAX_PARTNERS)]),
    "ratings": TypeAdapter(
        dict[Annotated[str, Field(max_length=MAX_NAME + len(OTHER_PREFIX))], Rating]
    ),
    "outcomes": TypeAdapter(Outcomes),
}


def field_path(loc: tuple[Any, ...]) -> str:
    """``("partners", 2, "actor_id")`` → ``partners[2].actor_id``."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def problems_of(exc: PydanticValidationError, prefix: tuple[Any, ...] = ()) -> list[Problem]:
    """pydantic's errors as :class:`Problem` s whose column is the field path."""
    problems = []
    for error in exc.errors():
        loc = tuple(part for part in error["loc"] if part not in ("function-after",))
        message = str(error["msg"]).removeprefix("Value error, ")
        problems.append(Problem(message, column=field_path(prefix + loc)))
    return problems


def parse_page(page: str, body: Any) -> Any:
    """The validated content of one page (a list of :class:`PartnerRef`, a dict of
    :class:`Rating` or :class:`Outcomes`).

    ``body`` is ``{"<page>": content}`` or the content itself.

    Raises
    ------
    ValidationError
        For an unknown page or content that does not fit, every problem with its field
        path (``partners[2].actor_id``).
    """
    if page not in PAGES:
        raise ValidationError(
            f"no page {page!r}; the pages are {', '.join(PAGES)}",
            details=[Problem("no such page", column="page", value=page)],
        )
    if isinstance(body, dict) and set(body) == {page}:
        body = body[page]
    try:
        return _PAGE_MODELS[page].validate_python(body)
    except PydanticValidationError as exc:
        problems = problems_of(exc, (page,))
        raise ValidationError(
            f"{len(problems)} problem(s) on the page {page!r}; nothing was saved",
            details=problems,
        ) from None


def parse_answers(text: str | None) -> Answers:
    """Stored answers (``answers_json``), or empty ones."""
    return Answers.model_validate_json(text) if text else Answers()
