"""``/surveys/{id}/mail-merge.csv|.zip`` and ``/surveys/{id}/send``: invitations by e-mail.

Each of these makes links (tokens are only known when made, see
:mod:`graphsvc.surveys.mail`), so they are ``POST``: new invitations for the asked actors
who have none, and with ``reissue`` new links for those who have not answered. Editors
only: the list holds contact persons' names and addresses.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from graphsvc.api.deps import GraphsvcDep
from graphsvc.api.security import Editor
from graphsvc.settings import MailSettings, get_mail_settings
from graphsvc.surveys import Surveys, mail
from graphsvc.surveys.addresses import EMAIL_PATTERN

router = APIRouter(prefix="/surveys", tags=["surveys"])


class Contact(BaseModel):
    """A respondent organisation's contact person (personal data: editors only)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(default="", max_length=200)
    email: str | None = Field(default=None, max_length=254, pattern=EMAIL_PATTERN)
    lang: Literal["da", "en"] | None = None


class MailMergeCreate(BaseModel):
    """Which links to make, for whom, and in which language."""

    model_config = ConfigDict(extra="forbid")

    contacts: dict[str, Contact] | None = Field(
        default=None, description="Contact persons of new invitations, by actor id."
    )
    expires_at: dt.date | None = Field(default=None, description="New links expire after it.")
    reissue: bool = Field(
        default=False,
        description="Also give a new link to each invited actor who has not answered (the "
        "old link stops working).",
    )
    lang: Literal["da", "en"] = Field(
        default="da", description="Headings and messages, unless a contact has a language."
    )


class SendRequest(BaseModel):
    """Contacts and expiry of new invitations, and the messages' default language."""

    model_config = ConfigDict(extra="forbid")

    contacts: dict[str, Contact] | None = None
    expires_at: dt.date | None = None
    lang: Literal["da", "en"] = "da"


class SendPublic(BaseModel):
    """What sending did (invitation ids, never addresses)."""

    sent: int
    no_address: int
    refused: int
    sent_ids: list[str]
    no_address_ids: list[str]
    refused_ids: list[str]
    error: str | None = None


def _mail_settings() -> MailSettings:
    return get_mail_settings()


def _base_url(request: Request, settings: MailSettings) -> str:
    """``GRAPHSVC_PUBLIC_URL``, else the address the request came to (a checked Host)."""
    return settings.public_url or str(request.base_url)


def _contacts(given: dict[str, Contact] | None) -> dict[str, dict[str, str]] | None:
    if not given:
        return None
    return {
        actor_id: {k: v for k, v in contact.model_dump().items() if v is not None}
        for actor_id, contact in given.items()
    }


def _issued(
    surveys: Surveys, survey_id: str, body: MailMergeCreate | None
) -> list[mail.Invitation]:
    body = body or MailMergeCreate()
    return mail.issue(
        surveys, survey_id, contacts=_contacts(body.contacts),
        expires_at=body.expires_at.isoformat() if body.expires_at else None, reissue=body.reissue,
    )  # fmt: skip


@router.post(
    "/{survey_id}/mail-merge.csv",
    summary="Make links and get the mail-merge list (CSV)",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def mail_merge_csv(
    survey_id: str,
    request: Request,
    user: Editor,
    graphsvc: GraphsvcDep,
    body: MailMergeCreate | None = None,
) -> Response:
    """One row per new (or, with ``reissue``, re-issued) link: organisation, contact
    person, e-mail, link, expiry. Danish headings unless ``lang`` is ``en``. UTF-8 with a
    byte-order mark (Excel). The links are shown only now."""
    settings = _mail_settings()
    lang = (body or MailMergeCreate()).lang
    invitations = _issued(Surveys(graphsvc), survey_id, body)
    content = mail.merge_csv(invitations, base_url=_base_url(request, settings), lang=lang)
    return Response(
        content,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{mail.merge_file_name(lang)}"',
            "Cache-Control": "no-store",
        },
    )


@router.post(
    "/{survey_id}/mail-merge.zip",
    summary="Make links and get one .eml message per respondent (zip)",
    response_class=Response,
    responses={200: {"content": {"application/zip": {}}}},
)
def mail_merge_zip(
    survey_id: str,
    request: Request,
    user: Editor,
    graphsvc: GraphsvcDep,
    body: MailMergeCreate | None = None,
) -> Response:
    """A zip of ready-written messages (``<actor id>.eml``, opened as drafts by mail
    programs) and the mail-merge list with the same links."""
    settings = _mail_settings()
    lang = (body or MailMergeCreate()).lang
    surveys = Surveys(graphsvc)
    survey = surveys.get(survey_id)
    invitations = _issued(surveys, survey_id, body)
    base = _base_url(request, settings)
    drafts = mail.messages(
        survey, invitations, base_url=base, lang=lang, sender=settings.smtp_from, draft=True
    )
    content = mail.merge_zip(invitations, drafts, base_url=base, lang=lang)
    return Response(
        content,
        media_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="invitationer-{survey_id}.zip"',
            "Cache-Control": "no-store",
        },
    )


@router.post("/{survey_id}/send", summary="Send the invitations (or reminders) by e-mail")
def send_invitations(
    survey_id: str,
    request: Request,
    user: Editor,
    graphsvc: GraphsvcDep,
    body: SendRequest | None = None,
    reminders: Annotated[
        bool, Query(description="Remind those who have not answered (each gets a new link).")
    ] = False,
) -> SendPublic:
    """Through the SMTP server of ``GRAPHSVC_SMTP_*`` (409 if none is configured).
    Invitations: new ones for the asked actors who have none (links already handed out
    keep working). Reminders: a new link for each invited actor who has not answered
    (their old link stops working).
    Each message sent marks its invitation's ``last_sent_at``; 502 if the server fails
    (those sent before are marked)."""
    settings = _mail_settings()
    mail.check_can_send(settings)
    body = body or SendRequest()
    surveys = Surveys(graphsvc)
    survey = surveys.get(survey_id)
    invitations = mail.issue(
        surveys, survey_id, contacts=_contacts(body.contacts),
        expires_at=body.expires_at.isoformat() if body.expires_at else None,
        reminders=reminders,
    )  # fmt: skip
    outgoing = mail.messages(
        survey, invitations, base_url=_base_url(request, settings), lang=body.lang,
        sender=settings.smtp_from, reminder=reminders,
    )  # fmt: skip
    report = mail.send_and_mark(graphsvc.store, survey_id, outgoing, settings)
    return SendPublic(**report.as_dict())
