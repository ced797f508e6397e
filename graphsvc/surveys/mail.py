"""Survey invitations by e-mail: the mail-merge list, one ``.eml`` per respondent, sending.

A coordinator gets the links out in one of three ways: a CSV list for a mail merge (Word,
Outlook, a newsletter tool), one ready-written ``.eml`` message per respondent (opened
and sent from their own mail program: ``X-Unsent: 1`` makes Outlook open it as a draft),
or sending through an SMTP server configured in :class:`~graphsvc.settings.MailSettings`.
Tokens are only known when they are made, so every way works on invitations just issued
(:func:`issue`); sending marks each invitation's ``last_sent_at``.

Contacts' names and addresses are personal data: they appear in the messages and the
mail-merge list only, never in a log line or an error (errors name invitations and
actors).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import re
import smtplib
import ssl
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from graphsvc.dates import format_date
from graphsvc.errors import ConflictError, MailError, Problem, ValidationError
from graphsvc.io.formats.csv import neutralise
from graphsvc.io.reading import read_sheets
from graphsvc.settings import MailSettings
from graphsvc.surveys.addresses import is_email_address, one_line

if TYPE_CHECKING:
    from graphsvc.store.base import Store
    from graphsvc.surveys import Surveys

log = logging.getLogger(__name__)

Lang = Literal["da", "en"]

#: The mail-merge list's column headings, Danish by default.
MERGE_COLUMNS: dict[str, tuple[str, ...]] = {
    "da": ("organisation", "kontaktperson", "e-mail", "link", "udløber"),
    "en": ("organisation", "contact name", "e-mail", "link", "expires"),
}

_SUBJECT = {
    ("da", False): "Undersøgelse: {title}",
    ("en", False): "Survey: {title}",
    ("da", True): "Påmindelse: {title}",
    ("en", True): "Reminder: {title}",
}

_BODY = {
    "da": """\
Kære {greeting}

{opening}

{purpose}

Åbn undersøgelsen her. Der skal ikke oprettes en konto, og man kan gemme undervejs og \
fortsætte senere. Linket er personligt for {organisation}: del det kun inden for jeres \
organisation.

{link}

Linket virker til og med {expires}.

Med venlig hilsen
{asker}
{asker_contact}

Om jeres oplysninger: {asker} er dataansvarlig og spørger for at kortlægge, hvem der \
samarbejder, og hvor stærkt. Svarene gemmes til og med {keep}, derefter slettes de. \
Navn og e-mail på kontaktpersonen bruges kun til at sende invitationen og påmindelser og \
gemmes adskilt fra svarene. I har ret til indsigt, berigtigelse og sletning og kan klage \
til Datatilsynet. Alt om behandlingen står på siden, linket åbner.
""",
    "en": """\
Dear {greeting}

{opening}

{purpose}

Open the survey here. No account is needed, and you can save and continue later. The \
link is personal to {organisation}: share it only within your organisation.

{link}

The link works until {expires} (inclusive).

Kind regards
{asker}
{asker_contact}

About your data: {asker} is the controller and asks in order to map who works with whom, \
and how closely. The answers are kept until {keep} (inclusive), then deleted. The contact \
person's name and e-mail are used only to send the invitation and reminders, and are kept \
apart from the answers. You have the right of access, rectification and erasure, and may \
complain to the Danish Data Protection Agency (Datatilsynet). The page the link opens \
says everything about the processing.
""",
}

_OPENING = {
    ("da", False): "{asker} beder {organisation} om at svare på en kort undersøgelse: {title}.",
    ("en", False): "{asker} asks {organisation} to answer a short survey: {title}.",
    ("da", True): "Vi mangler stadig svar fra {organisation} på undersøgelsen {title}. "
    "Det tager kun få minutter.",
    ("en", True): "We are still missing {organisation}'s answer to the survey {title}. "
    "It only takes a few minutes.",
}

_NO_DATE = {"da": "undersøgelsen lukker", "en": "the survey closes"}
_NO_KEEP = {"da": "undersøgelsen er afsluttet og analyseret", "en": "the survey is analysed"}
_GREETING = {"da": "{organisation}", "en": "{organisation}"}


@dataclass(frozen=True)
class Invitation:
    """An invitation as it is issued, with its token (the only moment a token is known).

    The keys of :meth:`graphsvc.surveys.Surveys.invite`'s entries; ``lang`` is the
    respondent's language if known.
    """

    invitation_id: str
    actor_id: str
    actor_name: str
    token: str
    url_path: str
    expires_at: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    lang: str | None = None

    @classmethod
    def from_issued(cls, entry: Mapping[str, Any]) -> Invitation:
        """An entry returned by ``Surveys.invite`` / ``reissue`` (extra keys ignored)."""
        token = str(entry["token"])
        return cls(
            invitation_id=str(entry["invitation_id"]),
            actor_id=str(entry["actor_id"]),
            actor_name=str(entry.get("actor_name") or entry["actor_id"]),
            token=token,
            url_path=str(entry.get("url_path") or f"/s/{token}"),
            expires_at=_text_or_none(entry.get("expires_at")),
            contact_name=_text_or_none(entry.get("contact_name")),
            contact_email=_text_or_none(entry.get("contact_email")),
            lang=_text_or_none(entry.get("lang")),
        )

    def link(self, base_url: str) -> str:
        """The respondent's link: ``base_url`` (``https://host[/prefix]``) and ``/s/<token>``."""
        return base_url.rstrip("/") + self.url_path

    def language(self, default: str) -> Lang:
        """The respondent's language if the invitation has one, else ``default``."""
        chosen = self.lang or default
        return "en" if chosen == "en" else "da"


def _text_or_none(value: object) -> str | None:
    return None if value is None or str(value).strip() == "" else str(value)


def survey_text(survey: Mapping[str, Any], name: str, lang: str) -> str:
    """A survey's text in ``lang`` (the other language if empty): ``title`` or ``purpose``,
    from ``{name: {da, en}}`` or ``{name}_{lang}`` as the survey is stored.

    Examples
    --------
    >>> survey_text({"title": {"da": "Netværk", "en": ""}}, "title", "en")
    'Netværk'
    >>> survey_text({"title_da": "Netværk", "title_en": "Network"}, "title", "en")
    'Network'
    """
    nested = survey.get(name)
    other = "en" if lang == "da" else "da"
    for code in (lang, other):
        value = nested.get(code) if isinstance(nested, Mapping) else survey.get(f"{name}_{code}")
        if value:
            return str(value)
    return ""


def last_day(expires_at: object) -> dt.date | None:
    """The last day a link works: the day it expires, or the day before if it expires
    at midnight (a closing day stored as ``2026-12-31T00:00``).

    Examples
    --------
    >>> last_day("2026-12-31T00:00:00+00:00"), last_day("2026-12-31T23:59:59+00:00")
    (datetime.date(2026, 12, 30), datetime.date(2026, 12, 31))
    >>> last_day("2026-12-31"), last_day(None)
    (datetime.date(2026, 12, 31), None)
    """
    if expires_at is None or str(expires_at).strip() == "":
        return None
    text = str(expires_at).strip()
    if len(text) <= 10:
        return dt.date.fromisoformat(text)
    moment = dt.datetime.fromisoformat(text)
    if moment.time() == dt.time(0, 0):
        return moment.date() - dt.timedelta(days=1)
    return moment.date()


def _date_text(value: object, lang: str, missing: Mapping[str, str]) -> str:
    day = last_day(value)
    return format_date(day, "day", lang) if day else missing[lang]


# ---------------------------------------------------------------- the mail-merge list


def merge_rows(
    invitations: Iterable[Invitation], *, base_url: str, lang: str = "da"
) -> list[list[str]]:
    """The mail-merge list as rows under :data:`MERGE_COLUMNS` (``expires`` as ISO date)."""
    return [
        [
            invitation.actor_name,
            invitation.contact_name or "",
            invitation.contact_email or "",
            invitation.link(base_url),
            _iso_day(last_day(invitation.expires_at)),
        ]
        for invitation in invitations
    ]


def _iso_day(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def merge_csv(invitations: Iterable[Invitation], *, base_url: str, lang: str = "da") -> bytes:
    """The mail-merge list as CSV: UTF-8 with a byte-order mark, so that Excel and Word
    read Danish letters right; Danish headings unless ``lang`` is ``en``.

    Examples
    --------
    >>> invitation = Invitation("inv-1", "dgi", "DGI", "tok", "/s/tok", "2026-12-31")
    >>> merge_csv([invitation], base_url="https://netvaerk.dk").decode("utf-8-sig").splitlines()
    ['organisation,kontaktperson,e-mail,link,udløber', 'DGI,,,https://netvaerk.dk/s/tok,2026-12-31']
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(MERGE_COLUMNS["en" if lang == "en" else "da"])
    # Names are typed by others: a cell starting with = must not run in Excel.
    rows = merge_rows(invitations, base_url=base_url, lang=lang)
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


# ---------------------------------------------------------------- messages


def invitation_message(
    survey: Mapping[str, Any],
    invitation: Invitation,
    *,
    base_url: str,
    lang: str = "da",
    sender: str | None = None,
    reminder: bool = False,
    draft: bool = False,
) -> EmailMessage:
    """One respondent's invitation (or reminder) as an e-mail, in their language.

    Parameters
    ----------
    survey : mapping
        The survey (``title``, ``purpose``, ``asker``, ``asker_contact``,
        ``keep_answers_until``), as :meth:`Surveys.get` gives it.
    invitation : Invitation
        The invitation just issued, with its token.
    base_url : str
        Where respondents open the link (``GRAPHSVC_PUBLIC_URL`` or the API's address).
    lang : {"da", "en"}
        The language when the invitation has none of its own.
    sender : str, optional
        The ``From`` address (``GRAPHSVC_SMTP_FROM``); default the survey's
        ``asker_contact`` if it is an e-mail address, else no ``From`` (a draft's sender
        is whoever sends it).
    reminder : bool
        A reminder's subject and opening.
    draft : bool
        Mark the message unsent (``X-Unsent: 1``), for ``.eml`` files opened in a mail
        program.

    Returns
    -------
    email.message.EmailMessage
        Plain text in UTF-8 with ``Subject``, ``To`` (if the contact has an address),
        ``From``, ``Date``, ``Message-ID`` and ``Content-Language``.
    """
    language = invitation.language(lang)
    title = survey_text(survey, "title", language)
    asker = str(survey.get("asker") or "")
    organisation = invitation.actor_name
    values = {"asker": asker, "organisation": organisation, "title": title}
    body = _BODY[language].format(
        greeting=invitation.contact_name or _GREETING[language].format(**values),
        opening=_OPENING[(language, reminder)].format(**values),
        purpose=survey_text(survey, "purpose", language),
        link=invitation.link(base_url),
        expires=_date_text(invitation.expires_at or survey.get("closes_at"), language, _NO_DATE),
        keep=_date_text(survey.get("keep_answers_until"), language, _NO_KEEP),
        **values,
        asker_contact=str(survey.get("asker_contact") or ""),
    )
    message = EmailMessage()
    # A header cannot hold a line break (EmailMessage raises): the title on one line.
    message["Subject"] = _SUBJECT[(language, reminder)].format(title=one_line(title))
    from_address = sender or _email_or_none(str(survey.get("asker_contact") or ""))
    if from_address:
        message["From"] = from_address
    if invitation.contact_email:
        message["To"] = Address(
            display_name=invitation.contact_name or "", addr_spec=invitation.contact_email
        )
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=_domain(from_address))
    if draft:
        message["X-Unsent"] = "1"
    message.set_content(re.sub(r"\n{3,}", "\n\n", body), charset="utf-8")
    message["Content-Language"] = language  # after set_content, which drops Content-*
    return message


def _email_or_none(text: str) -> str | None:
    _name, address = parseaddr(text)
    return text if "@" in address else None


def _domain(address: str | None) -> str:
    _name, spec = parseaddr(address or "")
    return spec.rpartition("@")[2] or "graphsvc.invalid"


def eml_name(invitation: Invitation) -> str:
    """A message's file name: the actor id (a slug) and ``.eml``."""
    return re.sub(r"[^A-Za-z0-9_.-]", "-", invitation.actor_id) + ".eml"


def eml_zip(messages: Sequence[tuple[Invitation, EmailMessage]]) -> bytes:
    """The messages as ``.eml`` files (one per respondent, named by :func:`eml_name`) in
    a zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for invitation, message in messages:
            archive.writestr(eml_name(invitation), bytes(message))
    return out.getvalue()


# ---------------------------------------------------------------- sending


@dataclass
class SendReport:
    """What sending did: invitation ids sent, without an address, refused by the server."""

    sent: list[str] = field(default_factory=list)
    no_address: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    #: Why sending stopped (the server could not be reached, refused the login, the
    #: connection broke): the messages after the last one sent did not go.
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "sent": len(self.sent),
            "no_address": len(self.no_address),
            "refused": len(self.refused),
            "sent_ids": list(self.sent),
            "no_address_ids": list(self.no_address),
            "refused_ids": list(self.refused),
            "error": self.error,
        }


def check_can_send(settings: MailSettings) -> None:
    """Raise :class:`ConflictError` unless an SMTP server and a sender are configured."""
    if not settings.can_send:
        raise ConflictError(
            "sending needs an SMTP server: set GRAPHSVC_SMTP_HOST and GRAPHSVC_SMTP_FROM "
            "(or export the mail merge instead)"
        )


def send_messages(
    messages: Sequence[tuple[Invitation, EmailMessage]], settings: MailSettings
) -> SendReport:
    """Send the messages over one SMTP connection (STARTTLS and login as configured).

    A message without a ``To`` is not sent (``no_address``); one the server refuses is
    listed (``refused``) and the rest still go. When the server cannot be reached, refuses
    the login or the connection breaks, the report says so in ``error`` and lists what was
    sent before: those must still be marked sent.

    Raises
    ------
    ConflictError
        When sending is not configured.
    """
    check_can_send(settings)
    report = SendReport()
    to_send = []
    for invitation, message in messages:
        if message["To"]:
            to_send.append((invitation, message))
        else:
            report.no_address.append(invitation.invitation_id)
    if not to_send:
        return report
    try:
        with smtplib.SMTP(
            str(settings.smtp_host), settings.smtp_port, timeout=settings.smtp_timeout
        ) as smtp:
            if settings.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_user:
                password = (
                    settings.smtp_password.get_secret_value() if settings.smtp_password else ""
                )
                smtp.login(settings.smtp_user, password)
            for invitation, message in to_send:
                if "From" not in message:
                    message["From"] = str(settings.smtp_from)
                try:
                    smtp.send_message(message)
                except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError,
                        smtplib.SMTPSenderRefused):  # fmt: skip
                    # the server's text can quote the address: only the invitation is named
                    log.warning("the SMTP server refused invitation %s", invitation.invitation_id)
                    report.refused.append(invitation.invitation_id)
                else:
                    report.sent.append(invitation.invitation_id)
    except (smtplib.SMTPException, OSError) as exc:
        # never the server's text: it can quote an address
        reason = type(exc).__name__
        if isinstance(exc, smtplib.SMTPResponseException):
            reason = f"{reason} {exc.smtp_code}"
        report.error = (
            f"sending through {settings.smtp_host}:{settings.smtp_port} failed ({reason}) "
            f"after {len(report.sent)} sent"
        )
    return report


# ---------------------------------------------------------------- contacts


_ACTOR_COLUMNS = ("aktør-id", "aktør", "aktor-id", "actor_id", "actor id", "actor", "id")
_NAME_COLUMNS = ("kontaktperson", "navn", "contact name", "contact_name", "contact", "name")
_EMAIL_COLUMNS = ("e-mail", "email", "e-mail-adresse", "mail")
_LANG_COLUMNS = ("sprog", "lang", "language")


#: An e-mail address as a contact list holds it (no display name): the shape, not the mailbox.
def read_contacts(path: Path) -> dict[str, dict[str, str]]:
    """Contact persons from a table (.csv/.xlsx …): ``{actor_id: {name, email[, lang]}}``.

    Columns (any case): ``aktør-id`` / ``actor_id`` / ``id``, ``kontaktperson`` /
    ``contact name`` / ``name``, ``e-mail`` / ``email``, and optionally ``sprog`` /
    ``lang`` (``da`` or ``en``).

    Raises
    ------
    ValidationError
        Every problem at once, with file, row and column (never quoting an address).
    """
    found: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    for sheet in read_sheets([path]):
        columns = {c.strip().casefold(): c for c in sheet.columns}

        def pick(names: tuple[str, ...], columns: dict[str, str] = columns) -> str | None:
            return next((columns[n] for n in names if n in columns), None)

        actor, name, email, lang = (pick(n) for n in (_ACTOR_COLUMNS, _NAME_COLUMNS,
                                                        _EMAIL_COLUMNS, _LANG_COLUMNS))  # fmt: skip
        if actor is None or email is None:
            missing = "an actor id column (aktør-id)" if actor is None else "an e-mail column"
            problems.append(Problem(f"needs {missing}", file=sheet.file, row=sheet.header_row))
            continue
        numbers = sheet.row_numbers or range(sheet.first_row, sheet.first_row + len(sheet.rows))
        for number, row in zip(numbers, sheet.rows, strict=True):
            actor_id = (row.get(actor) or "").strip()
            address = (row.get(email) or "").strip()
            if not actor_id and not address:
                continue
            where = {"file": sheet.file, "row": number}
            if not actor_id:
                problems.append(Problem("no actor id", column=actor, **where))  # type: ignore[arg-type]
                continue
            if address and not is_email_address(address):
                problems.append(Problem("not an e-mail address", column=email, **where))  # type: ignore[arg-type]
                continue
            if actor_id in found:
                problems.append(Problem(f"{actor_id!r} appears twice", column=actor, **where))  # type: ignore[arg-type]
                continue
            entry = {"name": (row.get(name) or "").strip() if name else "", "email": address}
            chosen = (row.get(lang) or "").strip().lower() if lang else ""
            if chosen:
                if chosen not in ("da", "en"):
                    problems.append(Problem("language must be da or en", column=lang, **where))  # type: ignore[arg-type]
                    continue
                entry["lang"] = chosen
            found[actor_id] = entry
    if problems:
        raise ValidationError(f"{path.name}: the contacts cannot be read", details=problems)
    return found


# ---------------------------------------------------------------- issuing and delivering


def issue(
    surveys: Surveys,
    survey_id: str,
    *,
    contacts: Mapping[str, Mapping[str, str]] | None = None,
    expires_at: dt.date | str | None = None,
    reissue: bool = False,
    reminders: bool = False,
) -> list[Invitation]:
    """Invitations with their tokens, made now (tokens are only known when made).

    Parameters
    ----------
    surveys : Surveys
        The survey service.
    survey_id : str
        The survey.
    contacts : mapping, optional
        ``{actor_id: {name, email[, lang]}}`` (:func:`read_contacts`): the contact persons
        of new and re-issued invitations; ``lang`` chooses the message's language.
    expires_at : date or str, optional
        New links work until the end of this day (UTC); default: when the survey closes.
    reissue : bool
        Also give a new link to each invited actor who has not answered (its old link
        stops working, its answers so far carry over), so that the list covers everyone
        still to answer.
    reminders : bool
        Only the reminder list (invited, link live, not submitted), each with a new link;
        no new invitations.

    Returns
    -------
    list of Invitation
    """
    given = {k: dict(v) for k, v in (contacts or {}).items()}
    made: list[dict[str, Any]] = []
    if not reminders:
        made = surveys.invite(
            survey_id,
            contacts={a: {"name": c.get("name", ""), "email": c.get("email", "")}
                      for a, c in given.items()} or None,
            expires_at=_end_of_day(expires_at),
        )  # fmt: skip
    if reminders or reissue:
        new = {entry["actor_id"] for entry in made}
        for waiting in surveys.reminders(survey_id):
            if waiting["actor_id"] in new:
                continue
            entry = {"lang": waiting.get("lang"),
                     **surveys.reissue(survey_id, waiting["actor_id"])}  # fmt: skip
            contact = given.get(entry["actor_id"])
            if contact and contact.get("email"):
                surveys.set_contact(entry["invitation_id"], contact.get("name"), contact["email"])
                entry = {**entry, "contact_name": contact.get("name"),
                         "contact_email": contact["email"]}  # fmt: skip
            made.append(entry)
    return [
        Invitation.from_issued(
            {**entry, "lang": given.get(entry["actor_id"], {}).get("lang") or entry.get("lang")}
        )
        for entry in made
    ]


def _end_of_day(day: dt.date | str | None) -> dt.datetime | None:
    if day is None or day == "":
        return None
    date = dt.date.fromisoformat(day[:10]) if isinstance(day, str) else day
    return dt.datetime.combine(date, dt.time(23, 59, 59), tzinfo=dt.UTC)


def messages(
    survey: Mapping[str, Any],
    invitations: Iterable[Invitation],
    *,
    base_url: str,
    lang: str = "da",
    sender: str | None = None,
    reminder: bool = False,
    draft: bool = False,
) -> list[tuple[Invitation, EmailMessage]]:
    """One message per invitation (see :func:`invitation_message`).

    Raises
    ------
    ValidationError
        A message cannot be built (an address or header the e-mail standard refuses),
        naming the invitation.
    """
    made = []
    for invitation in invitations:
        try:
            message = invitation_message(survey, invitation, base_url=base_url, lang=lang,
                                         sender=sender, reminder=reminder, draft=draft)  # fmt: skip
        except ValueError as error:  # email's header classes refuse bad addresses so
            raise ValidationError(
                f"invitation {invitation.invitation_id!r}: no e-mail can be made from it",
                details=[
                    Problem(str(error)[:200], column=f"invitations.{invitation.invitation_id}")
                ],
            ) from error
        made.append((invitation, message))
    return made


def merge_file_name(lang: str) -> str:
    return "adresseliste.csv" if lang == "da" else "mail-merge.csv"


def write_folder(
    folder: Path,
    invitations: Sequence[Invitation],
    drafts: Sequence[tuple[Invitation, EmailMessage]],
    *,
    base_url: str,
    lang: str = "da",
    csv_file: bool = True,
    eml_files: bool = True,
) -> list[Path]:
    """Write the mail-merge list and/or the ``.eml`` files to ``folder``; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if csv_file:
        path = folder / merge_file_name(lang)
        path.write_bytes(merge_csv(invitations, base_url=base_url, lang=lang))
        written.append(path)
    if eml_files:
        for invitation, message in drafts:
            path = folder / eml_name(invitation)
            path.write_bytes(bytes(message))
            written.append(path)
    return written


def merge_zip(
    invitations: Sequence[Invitation],
    drafts: Sequence[tuple[Invitation, EmailMessage]],
    *,
    base_url: str,
    lang: str = "da",
) -> bytes:
    """A zip of the ``.eml`` files and the mail-merge list (the same links: a second export
    would make new ones)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(merge_file_name(lang), merge_csv(invitations, base_url=base_url,
                                                         lang=lang))  # fmt: skip
        for invitation, message in drafts:
            archive.writestr(eml_name(invitation), bytes(message))
    return out.getvalue()


def mark_sent(store: Store, survey_id: str, sent: Mapping[str, str]) -> int:
    """Set the invitations' ``last_sent_at`` to now (UTC), and their language to the one
    their message was in (``{invitation_id: lang}``) unless the respondent chose one; the
    number marked."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    rows = [{"id": invitation_id, "lang": lang} for invitation_id, lang in sent.items()]
    found = store.run("surveys/mark_invitations_sent", id=survey_id, rows=rows, now=now)
    return int(found[0]["marked"]) if found else 0


def send_and_mark(
    store: Store,
    survey_id: str,
    outgoing: Sequence[tuple[Invitation, EmailMessage]],
    settings: MailSettings,
) -> SendReport:
    """Send the messages and mark each invitation sent (``last_sent_at``).

    Raises
    ------
    ConflictError
        When sending is not configured (nothing is issued or sent).
    MailError
        When the server failed part-way: those sent before are marked, and the message
        says how many.
    """
    report = send_messages(outgoing, settings)
    if report.sent:
        languages = {i.invitation_id: str(m["Content-Language"] or "da") for i, m in outgoing}
        mark_sent(store, survey_id, {i: languages[i] for i in report.sent})
    if report.error:
        raise MailError(report.error)
    return report
