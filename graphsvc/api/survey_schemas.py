"""Request and response schemas of the survey routes (``/surveys`` and ``/s/{token}``).

The survey's own fields are declared once, in :class:`graphsvc.surveys.model.SurveyFields`;
these add the API's shapes around them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from graphsvc.surveys.model import SurveyFields, Texts

Name = Annotated[str, Field(min_length=1, max_length=300)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SurveyCreate(SurveyFields):
    """A new survey: its texts, its scope (the roster is filled from it) and its dates."""


class SurveyUpdate(_Strict):
    title: Texts | None = None
    wave: Annotated[int, Field(ge=1, le=100)] | None = None
    baseline_id: str | None = None
    closes_at: dt.datetime | None = None
    keep_answers_until: dt.date | None = None
    asker: Annotated[str, Field(max_length=300)] | None = None
    asker_contact: Annotated[str, Field(max_length=300)] | None = None
    purpose: Texts | None = None
    questions: dict[str, Texts] | None = None


class SurveyPublic(BaseModel):
    id: str
    title: Texts
    scope_kind: str
    scope_id: str | None
    wave: int
    baseline_id: str | None
    status: Literal["draft", "open", "closed"]
    opens_at: str | None
    closes_at: str | None
    keep_answers_until: str | None
    asker: str | None
    asker_contact: str | None
    purpose: Texts
    questions: dict[str, Any]
    created_at: str | None
    created_by: str | None
    version: int


class SurveyDeleted(BaseModel):
    id: str
    contacts: int
    responses: int
    reviews: int
    invitations: int


class RosterEntry(_Strict):
    actor_id: Annotated[str, Field(min_length=1, max_length=120)]
    asked: bool = True
    nameable: bool = True


class RosterPut(_Strict):
    entries: Annotated[list[RosterEntry], Field(max_length=20_000)]


class RosterMember(BaseModel):
    actor_id: str
    name: str | None
    sector: str | None
    locality: str | None
    asked: bool
    nameable: bool
    invited: bool
    answered: bool


class Contact(_Strict):
    name: Annotated[str, Field(max_length=300)] | None = None
    email: Annotated[str, Field(max_length=300)] | None = None


class InvitationsCreate(_Strict):
    contacts: dict[str, Contact] | None = Field(
        None, description="Contact persons by actor id (personal data, kept apart)."
    )
    expires_at: dt.datetime | None = Field(
        None, description="When the links expire (default: when the survey closes)."
    )


class InvitationIssued(BaseModel):
    """A new invitation with its token: shown this once, never again."""

    invitation_id: str
    actor_id: str
    actor_name: str | None
    token: str
    url_path: str
    expires_at: str | None
    contact_name: str | None
    contact_email: str | None


class InvitationPublic(BaseModel):
    invitation_id: str
    actor_id: str
    created_at: str | None
    expires_at: str | None
    revoked_at: str | None
    started_at: str | None
    submitted_at: str | None
    last_sent_at: str | None
    lang: str | None
    live: bool
    contact_name: str | None
    contact_email: str | None


class Reminder(InvitationPublic):
    actor_name: str | None


class ReviewDecision(_Strict):
    name: Name = Field(description="The name as given (or its key).")
    decision: Literal["actor", "ignore"]
    actor_id: Annotated[str, Field(max_length=120)] | None = None


class ApplyRequest(_Strict):
    dry_run: bool = False
    resolve: dict[str, Literal["survey", "keep"]] | None = Field(
        None, description="Per conflicting pair ('<a>--<b>'): write the survey's tie or keep."
    )


class ApplyResult(BaseModel):
    created: int
    updated: int
    unchanged: int
    removed: int = 0
    removed_ids: list[str] = []
    conflicts: list[dict[str, Any]]
    skipped_pending_review: int
    dry_run: bool


class Rate(BaseModel):
    invited: int
    answered: int
    rate: float


class SurveyTie(BaseModel):
    a: str
    b: str
    state: Literal["confirmed", "one_sided", "contradicted"]
    named_by: list[str]
    weight: float
    trust: float | None
    value: float | None


class SurveyStatus(BaseModel):
    id: str
    status: str
    version: int
    invited: int
    answered: int
    rate: float
    by_sector: dict[str, Rate]
    by_municipality: dict[str, Rate]
    ties: list[SurveyTie]
    review: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]


class ContactsForgotten(BaseModel):
    erased: int


class PageSaved(BaseModel):
    page: str
    pages_done: list[str]
    submitted: bool
    answers: dict[str, Any]


class Submitted(BaseModel):
    submitted: bool
    survey_id: str
