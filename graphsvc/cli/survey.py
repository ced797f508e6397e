"""``graphsvc survey …``: a network survey from the coordinator's desk (#13).

Create a survey for a project (or a municipality, a workshop, a roster file), invite the
respondents (a mail-merge list, ``.eml`` files, or sending through SMTP), follow the
response rate and the ties, remind, apply the answers to the graph (a dry run first, the
conflicts with curated data shown) and export them. A thin layer over
:class:`graphsvc.surveys.Surveys` and :mod:`graphsvc.surveys.mail`.
"""

# Heavy modules (graphsvc.core: pandas, networkx …) load when a command runs: fast --help (#14)

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from rich.table import Table

from graphsvc import i18n
from graphsvc.cli.common import Lang, cell, column_title, console, errors, fail, opened
from graphsvc.errors import GraphsvcError, ValidationError
from graphsvc.filters import Language

if TYPE_CHECKING:
    from graphsvc.surveys import Surveys
    from graphsvc.surveys.mail import Invitation

app = typer.Typer(
    help="Network surveys: create, roster, invite, status, remind, apply, export.",
    no_args_is_help=True,
)

# ---------------------------------------------------------------- shared options

SurveyId = Annotated[str, typer.Argument(metavar="SURVEY", help="The survey's id.")]
Folder = Annotated[
    Path | None,
    typer.Option(
        "--out", "-o", metavar="FOLDER", help="Write the messages (new links) to this folder."
    ),
]
MailLang = Annotated[
    Language,
    typer.Option(
        "--lang",
        metavar="LANG",
        help="da or en: the messages (unless a contact has a "
        "language), the list's headings and what is printed.",
    ),
]
BaseUrl = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        metavar="URL",
        help="Where respondents open the links, e.g. https://netvaerk.kommune.dk "
        "(default: GRAPHSVC_PUBLIC_URL).",
    ),
]
Send = Annotated[
    bool,
    typer.Option("--send", help="Send the messages through the SMTP server (GRAPHSVC_SMTP_*)."),
]
MailKind = Literal["csv", "eml", "both"]
MailFormat = Annotated[
    MailKind,
    typer.Option(
        "--format",
        metavar="FORMAT",
        help="csv (a mail-merge list), eml (one message per respondent) or both.",
    ),
]
Yes = Annotated[bool, typer.Option("--yes", help="Write: without it nothing is changed.")]

#: The command line's survey words: key -> (Danish, English).
WORDS: dict[str, tuple[str, str]] = {
    "created": ("oprettede undersøgelsen {id} ({roster})", "created survey {id} ({roster})"),
    "opened": ("undersøgelsen er åben", "the survey is open"),
    "closed": ("lukkede undersøgelsen {id}", "closed survey {id}"),
    "title_list": ("undersøgelser", "surveys"),
    "title_roster": ("deltagerliste: {title}", "roster: {title}"),
    "title_status": ("svar: {title}", "responses: {title}"),
    "title_ties": ("forbindelser", "ties"),
    "title_review": (
        "navne uden for listen (afventer gennemsyn)",
        "names not on the list (waiting for review)",
    ),
    "title_conflicts": (
        "konflikter med kuraterede data (ikke skrevet)",
        "conflicts with curated data (not written)",
    ),
    "title_reminders": ("mangler svar", "not answered"),
    "rate": (
        "{answered} af {invited} har svaret ({rate})",
        "{answered} of {invited} answered ({rate})",
    ),
    "wrote_files": ("skrev {files} i {folder}", "wrote {files} to {folder}"),
    "links_once": (
        "Linkene vises kun nu: gem filerne sikkert. Et nyt udtræk giver nye links.",
        "The links are shown only now: keep the files safe. A new export makes new links.",
    ),
    "sent": (
        "sendt: {sent}; uden e-mail: {none}; afvist: {refused}",
        "sent: {sent}; no e-mail: {none}; refused: {refused}",
    ),
    "nothing_to_invite": (
        "ingen at invitere: alle spurgte har en invitation (brug --reissue)",
        "no one to invite: every asked actor has an invitation (use --reissue)",
    ),
    "dry_run": (
        "prøvekørsel: intet skrevet (tilføj --yes for at skrive)",
        "dry run: nothing written (add --yes to write)",
    ),
    "applied": (
        "{created} oprettet, {updated} opdateret, {unchanged} uændret",
        "{created} created, {updated} updated, {unchanged} unchanged",
    ),
    "pending": ("{n} venter på gennemsyn af navne", "{n} wait for names to be reviewed"),
    "removed": (
        "{n} tidligere skrevne bånd fjernet (svarene giver dem ikke længere)",
        "{n} ties written before removed (the answers no longer give them)",
    ),
    "forgot": ("slettede {n} kontaktoplysninger", "erased {n} contact records"),
    "purged": (
        "slettede {n} svar, kontaktoplysninger og afgørelser fra undersøgelser ud over deres "
        "opbevaringsdato",
        "deleted {n} answers, contacts and review decisions of surveys past their keep date",
    ),
    "confirm_forget": (
        "sletning kan ikke fortrydes: tilføj --yes",
        "an erasure cannot be undone: add --yes to confirm",
    ),
    "wrote": ("skrev {path}", "wrote {path}"),
    "no_base_url": (
        "linkene skal have en adresse: brug --base-url eller sæt GRAPHSVC_PUBLIC_URL",
        "the links need an address: give --base-url or set GRAPHSVC_PUBLIC_URL",
    ),
    "scope": ("omfang", "scope"),
    "wave": ("runde", "wave"),
    "status": ("status", "status"),
    "title": ("titel", "title"),
    "invited": ("inviteret", "invited"),
    "answered": ("svaret", "answered"),
    "response_rate": ("svarprocent", "response rate"),
    "asked": ("spørges", "asked"),
    "nameable": ("kan nævnes", "may be named"),
    "tie": ("forbindelse", "tie"),
    "state": ("tilstand", "state"),
    "named_by": ("nævnt af", "named by"),
    "weight": ("styrke", "weight"),
    "trust": ("tillid", "trust"),
    "value": ("værdi", "value"),
    "name": ("navn", "name"),
    "named_by_count": ("nævnt af", "named by"),
    "curated": ("kuraterede", "curated"),
    "survey_says": ("undersøgelsen", "survey"),
    "closes": ("lukker", "closes"),
    "keep_until": ("svar gemmes til", "answers kept until"),
    "asker": ("spørger", "asker"),
    "roster_size": ("på listen", "on the roster"),
    "by_sector": ("efter sektor", "by sector"),
    "by_municipality": ("efter kommune", "by municipality"),
    "municipality": ("kommune", "municipality"),
    "expires": ("udløber", "expires"),
    "last_sent": ("sidst sendt", "last sent"),
    "status_draft": ("kladde", "draft"),
    "status_open": ("åben", "open"),
    "status_closed": ("lukket", "closed"),
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
}
#: The tie states, in the order the status lists them (their words: i18n's tie_confirmation).
TIE_STATES = ("confirmed", "one_sided", "contradicted")


def word(lang: str, key: str, **values: object) -> str:
    """A survey word or sentence of :data:`WORDS` in ``lang``, its placeholders filled."""
    da, en = WORDS[key]
    return (da if lang == "da" else en).format(**values)


def _say(text: str) -> None:
    console.print(text, markup=False, highlight=False)


def _yes_no(lang: str, value: object) -> str:
    return word(lang, "yes" if value else "no")


def _percent(rate: Any, lang: str) -> str:
    """A share as a percentage, as each language writes it: "75 %", "75%"."""
    return f"{float(rate or 0) * 100:.0f}{' %' if lang == 'da' else '%'}"


def _status_word(lang: str, status: object) -> str:
    key = f"status_{status}"
    return word(lang, key) if key in WORDS else str(status)


def _surveys(graphsvc: Any) -> Surveys:
    from graphsvc.surveys import Surveys

    return Surveys(graphsvc)


def _title(survey: dict[str, Any], lang: str) -> str:
    from graphsvc.surveys.mail import survey_text

    return survey_text(survey, "title", lang) or str(survey.get("id", ""))


# ---------------------------------------------------------------- create, list, show, close


def survey_create(
    title_da: Annotated[str, typer.Option("--title-da", metavar="TEXT", help="Danish title.")],
    title_en: Annotated[
        str | None, typer.Option("--title-en", metavar="TEXT", help="English title.")
    ] = None,
    project: Annotated[
        str | None,
        typer.Option("--project", metavar="ID", help="Ask a project's participants."),
    ] = None,
    municipality: Annotated[
        str | None,
        typer.Option("--municipality", metavar="CODE", help="Ask a municipality's actors."),
    ] = None,
    workshop: Annotated[
        str | None, typer.Option("--workshop", metavar="ID", help="Ask a workshop's actors.")
    ] = None,
    roster: Annotated[
        Path | None,
        typer.Option(
            "--roster",
            metavar="FILE",
            help="A roster file (.csv/.xlsx: columns id or name, optionally asked).",
        ),
    ] = None,
    asker: Annotated[
        str, typer.Option("--asker", metavar="TEXT", help="Who asks (the controller).")
    ] = "",
    asker_contact: Annotated[
        str, typer.Option("--asker-contact", metavar="TEXT", help="How to reach the asker.")
    ] = "",
    purpose_da: Annotated[
        str, typer.Option("--purpose-da", metavar="TEXT", help="Why, in Danish.")
    ] = "",
    purpose_en: Annotated[
        str, typer.Option("--purpose-en", metavar="TEXT", help="Why, in English.")
    ] = "",
    closes: Annotated[
        str | None,
        typer.Option(
            "--closes", metavar="DATE", help="The last day of answers (YYYY-MM-DD), inclusive."
        ),
    ] = None,
    keep_until: Annotated[
        str | None,
        typer.Option("--keep-until", metavar="DATE", help="Answers are erased after this day."),
    ] = None,
    wave: Annotated[int, typer.Option("--wave", metavar="N", min=1, help="Wave number.")] = 1,
    baseline: Annotated[
        str | None,
        typer.Option("--baseline", metavar="SURVEY", help="The earlier wave to compare with."),
    ] = None,
    open_now: Annotated[bool, typer.Option("--open", help="Open it for answers now.")] = False,
    lang: Lang = "en",
) -> None:
    """Create a survey for a project, a municipality, a workshop or a roster file; its
    roster is filled from that scope."""
    scopes = {"project": project, "municipality": municipality, "workshop": workshop}
    given = [kind for kind, value in scopes.items() if value] + (["roster"] if roster else [])
    if len(given) != 1:
        raise fail(
            ValidationError("give exactly one of --project, --municipality, --workshop, --roster")
        )
    kind = given[0]
    data: dict[str, Any] = {
        "title": {"da": title_da, "en": title_en or title_da},
        "scope_kind": kind,
        "scope_id": scopes.get(kind) or (roster.name if roster else None),
        "wave": wave,
        "baseline_id": baseline,
        "closes_at": _end_of_day(closes),
        "keep_answers_until": keep_until,
        "asker": asker,
        "asker_contact": asker_contact,
        "purpose": {"da": purpose_da, "en": purpose_en or purpose_da},
    }
    with opened() as graphsvc:
        surveys = _surveys(graphsvc)
        if roster is not None:
            frame = _read_table(roster)  # read before anything is written
        survey = surveys.create({k: v for k, v in data.items() if v is not None}, by="cli")
        if roster is not None:
            try:
                surveys.roster_from_table(survey["id"], frame, file=roster.name)
            except GraphsvcError:
                surveys.delete(survey["id"])  # a bad roster file leaves no survey behind
                raise
        if open_now:
            surveys.open(survey["id"])
        entries = surveys.roster(survey["id"])
    size = i18n.count(lang, len(entries), "actor")
    _say(word(lang, "created", id=survey["id"], roster=size))
    if open_now:
        _say(word(lang, "opened"))


def _end_of_day(day: str | None) -> str | None:
    """A closing day as the moment it ends (UTC): answers are taken all that day."""
    if day is None or len(day.strip()) != len("2026-12-31"):
        return day  # a full timestamp (or nonsense: the survey's validation names it)
    return f"{day.strip()}T23:59:59+00:00"


def _read_table(path: Path) -> Any:
    """The first sheet of a roster file as text cells, read as imports read files (any
    encoding and delimiter, .csv/.xlsx/.ods …)."""
    import pandas as pd

    from graphsvc.io.reading import read_sheets

    with errors():
        sheet = read_sheets([path])[0]
    return pd.DataFrame(sheet.rows, columns=sheet.columns, dtype=str).fillna("")


def survey_list(lang: Lang = "en") -> None:
    """Every survey: id, title, scope, wave, status, invited and answered."""
    with opened() as graphsvc:
        surveys = _surveys(graphsvc)
        found = [(s, surveys.status(s["id"])) for s in surveys.list_all()]
    table = Table(title=word(lang, "title_list"))
    for key in ("id", "title", "scope", "wave", "status", "invited", "answered"):
        table.add_column(word(lang, key) if key != "id" else "id", no_wrap=key == "id")
    for survey, status in found:
        table.add_row(
            str(survey["id"]), _title(survey, lang),
            f"{survey.get('scope_kind', '')} {survey.get('scope_id') or ''}".strip(),
            str(survey.get("wave", "")), _status_word(lang, survey.get("status")),
            str(status.get("invited", 0)), str(status.get("answered", 0)),
        )  # fmt: skip
    console.print(table)


def survey_show(survey_id: SurveyId, lang: Lang = "en") -> None:
    """A survey's texts, dates, status and roster size."""
    with opened() as graphsvc:
        surveys = _surveys(graphsvc)
        survey = surveys.get(survey_id)
        roster = surveys.roster(survey_id)
    from graphsvc.surveys.mail import survey_text

    rows = [
        ("id", survey["id"]),
        (word(lang, "title"), _title(survey, lang)),
        (word(lang, "scope"), f"{survey.get('scope_kind', '')} {survey.get('scope_id') or ''}"),
        (word(lang, "wave"), survey.get("wave")),
        (word(lang, "status"), _status_word(lang, survey.get("status"))),
        (word(lang, "asker"), survey.get("asker")),
        (word(lang, "closes"), survey.get("closes_at")),
        (word(lang, "keep_until"), survey.get("keep_answers_until")),
        (word(lang, "roster_size"), i18n.count(lang, len(roster), "actor")),
        ("", survey_text(survey, "purpose", lang)),
    ]
    table = Table(show_header=False, title=_title(survey, lang))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for key, value in rows:
        table.add_row(key, "" if value is None else str(value))
    console.print(table)


def survey_close(survey_id: SurveyId, lang: Lang = "en") -> None:
    """Close a survey: its links stop working; the answers stay until applied or erased."""
    with opened() as graphsvc:
        _surveys(graphsvc).close(survey_id)
    _say(word(lang, "closed", id=survey_id))


# ---------------------------------------------------------------- roster


def survey_roster(
    survey_id: SurveyId,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            metavar="FILE",
            help="Replace the roster with this file (.csv/.xlsx: columns id or name, "
            "optionally asked).",
        ),
    ] = None,
    lang: Lang = "en",
) -> None:
    """Show the roster (who is asked, who may be named, who answered), or set it from a file."""
    with opened() as graphsvc:
        surveys = _surveys(graphsvc)
        if file is not None:
            surveys.roster_from_table(survey_id, _read_table(file), file=file.name)
        survey = surveys.get(survey_id)
        entries = surveys.roster(survey_id)
    table = Table(title=word(lang, "title_roster", title=_title(survey, lang)))
    table.add_column("id", no_wrap=True)
    for key in ("name", "asked", "nameable", "invited", "answered"):
        table.add_column(word(lang, key))
    for entry in entries:
        table.add_row(
            str(entry["actor_id"]), str(entry.get("name") or ""),
            *(_yes_no(lang, entry.get(k)) for k in ("asked", "nameable", "invited", "answered")),
        )  # fmt: skip
    console.print(table)


# ---------------------------------------------------------------- invite, remind


def survey_invite(
    survey_id: SurveyId,
    out: Folder = None,
    contacts: Annotated[
        Path | None,
        typer.Option(
            "--contacts",
            metavar="FILE",
            help="Contact persons (.csv/.xlsx: aktør-id, kontaktperson, e-mail; optionally sprog).",
        ),
    ] = None,
    fmt: MailFormat = "both",
    expires: Annotated[
        str | None,
        typer.Option("--expires", metavar="DATE", help="Links expire after this day."),
    ] = None,
    reissue: Annotated[
        bool,
        typer.Option(
            "--reissue",
            help="Also give new links to invited actors who have not answered (their old "
            "links stop working).",
        ),
    ] = False,
    base_url: BaseUrl = None,
    send: Send = False,
    lang: MailLang = "da",
) -> None:
    """Invite the asked actors: one personal link each, written as a mail-merge list (CSV)
    and/or one .eml message per respondent to a folder, and/or sent by e-mail."""
    from graphsvc.surveys import mail

    _need_output(out, send, lang)
    with opened() as graphsvc:
        known = mail.read_contacts(contacts) if contacts else None
        _deliver(
            graphsvc, survey_id, out=out, fmt=fmt, base_url=base_url, send=send, lang=lang,
            issue=lambda s: mail.issue(
                s, survey_id, contacts=known, expires_at=expires, reissue=reissue
            ),
        )  # fmt: skip


def survey_remind(
    survey_id: SurveyId,
    out: Folder = None,
    fmt: MailFormat = "both",
    base_url: BaseUrl = None,
    send: Send = False,
    lang: MailLang = "da",
) -> None:
    """Who has not answered yet; with --out or --send, a reminder with a new link each."""
    with opened() as graphsvc:
        surveys = _surveys(graphsvc)
        waiting = surveys.reminders(survey_id)
        table = Table(title=word(lang, "title_reminders"))
        table.add_column("id", no_wrap=True)
        for key in ("name", "expires", "last_sent"):
            table.add_column(word(lang, key))
        for entry in waiting:
            table.add_row(
                str(entry["actor_id"]), str(entry.get("actor_name") or entry.get("name") or ""),
                str(entry.get("expires_at") or "")[:10], str(entry.get("last_sent_at") or "")[:16],
            )  # fmt: skip
        console.print(table)
        if out is None and not send:
            return
        from graphsvc.surveys import mail

        _deliver(
            graphsvc, survey_id, out=out, fmt=fmt, base_url=base_url, send=send, lang=lang,
            issue=lambda s: mail.issue(s, survey_id, reminders=True), reminder=True,
        )  # fmt: skip


def _need_output(out: Path | None, send: bool, lang: str) -> None:
    if out is None and not send:
        raise fail(ValidationError("give --out FOLDER, --send, or both"))


def _deliver(
    graphsvc: Any,
    survey_id: str,
    *,
    out: Path | None,
    fmt: MailKind,
    base_url: str | None,
    send: bool,
    lang: Language,
    issue: Any,
    reminder: bool = False,
) -> None:
    """Issue the links, write the files, send the messages: the tokens live only here."""
    from graphsvc.settings import get_mail_settings
    from graphsvc.surveys import mail

    settings = get_mail_settings()
    url = base_url or settings.public_url
    if not url:
        raise fail(ValidationError(word(lang, "no_base_url")))
    if send:
        with errors():
            mail.check_can_send(settings)
    surveys = _surveys(graphsvc)
    with errors():
        survey = surveys.get(survey_id)
        invitations: list[Invitation] = issue(surveys)
    if not invitations:
        _say(word(lang, "nothing_to_invite"))
        return
    messages = mail.messages(
        survey, invitations, base_url=url, lang=lang, sender=settings.smtp_from,
        reminder=reminder, draft=not send,
    )  # fmt: skip
    if out is not None:
        written = mail.write_folder(out, invitations, messages, base_url=url, lang=lang,
                                    csv_file=fmt in ("csv", "both"),
                                    eml_files=fmt in ("eml", "both"))  # fmt: skip
        _say(word(lang, "wrote_files", files=i18n.count(lang, len(written), "file"), folder=out))
        _say(word(lang, "links_once"))
    if send:
        with errors():
            report = mail.send_and_mark(graphsvc.store, survey_id, messages, settings)
        _say(
            word(lang, "sent", sent=len(report.sent), none=len(report.no_address),
                 refused=len(report.refused))
        )  # fmt: skip


# ---------------------------------------------------------------- status, apply, export


def survey_status(
    survey_id: SurveyId,
    ties: Annotated[int, typer.Option("--ties", metavar="N", help="Ties to list.")] = 30,
    lang: Lang = "en",
) -> None:
    """Response rates (overall, by sector, by municipality), the ties with their states
    (confirmed by both, named by one, contradicted), and names waiting for review."""
    with opened() as graphsvc:
        surveys = _surveys(graphsvc)
        survey = surveys.get(survey_id)
        status = surveys.status(survey_id)
        names = _actor_names(graphsvc)
    _say(
        word(lang, "title_status", title=_title(survey, lang)) + ": "
        + word(lang, "rate", answered=status.get("answered", 0),
               invited=status.get("invited", 0), rate=_percent(status.get("rate"), lang))
    )  # fmt: skip
    for key, group in (("by_sector", "sector"), ("by_municipality", None)):
        rates = status.get(key) or {}
        if not rates:
            continue
        table = Table(title=word(lang, key))
        table.add_column(column_title("sector", lang) if group else word(lang, "municipality"))
        for column in ("invited", "answered", "response_rate"):
            table.add_column(word(lang, column))
        for value, numbers in sorted(rates.items()):
            shown = cell("sector", value, lang) if group else _place(value)
            table.add_row(shown, str(numbers.get("invited", 0)),
                          str(numbers.get("answered", 0)),
                          _percent(numbers.get("rate"), lang))  # fmt: skip
        console.print(table)
    found = list(status.get("ties") or [])
    counts = {state: sum(1 for t in found if t.get("state") == state) for state in TIE_STATES}
    _say(
        i18n.count(lang, len(found), "tie") + ": "
        + ", ".join(f"{_tie_state(lang, s)} {n}" for s, n in counts.items())
    )  # fmt: skip
    if found and ties:
        table = Table(title=word(lang, "title_ties"))
        for key in ("tie", "state", "named_by", "weight", "trust", "value"):
            table.add_column(word(lang, key))
        for tie in found[:ties]:
            table.add_row(
                f"{names.get(tie['a'], tie['a'])} ↔ {names.get(tie['b'], tie['b'])}",
                _tie_state(lang, tie.get("state")),
                ", ".join(names.get(n, n) for n in tie.get("named_by") or []),
                _number(tie.get("weight"), lang), _number(tie.get("trust"), lang),
                _number(tie.get("value"), lang),
            )  # fmt: skip
        console.print(table)
    review = list(status.get("review") or [])
    if review:
        table = Table(title=word(lang, "title_review"))
        table.add_column(word(lang, "name"))
        table.add_column(word(lang, "named_by"))
        for entry in review:
            table.add_row(
                str(entry.get("name") or entry.get("name_key")),
                ", ".join(names.get(n, n) for n in entry.get("named_by") or []),
            )
        console.print(table)


def _tie_state(lang: Language, state: object) -> str:
    return i18n.label(lang, "tie_confirmation", state)


def _actor_names(graphsvc: Any) -> dict[str, str]:
    actors = graphsvc.tables()["actors"]
    return dict(zip(actors["id"], actors["name"], strict=True))


def _place(code: object) -> str:
    from graphsvc.reference import municipalities

    found = municipalities().get(str(code))
    return f"{code} {found.name}" if found is not None else str(code)


def _number(value: object, lang: str) -> str:
    if value is None or value == "":
        return ""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")  # type: ignore[arg-type]
    return text.replace(".", ",") if lang == "da" else text


def survey_apply(
    survey_id: SurveyId,
    yes: Yes = False,
    resolve: Annotated[
        list[str] | None,
        typer.Option(
            "--resolve",
            metavar="PAIR=CHOICE",
            help="A conflict's decision: the pair as shown (a--b) = survey (write the "
            "survey's tie) or keep (keep the curated one). Repeatable.",
        ),
    ] = None,
    lang: Lang = "en",
) -> None:
    """Write the answers into the graph as collaborations (confirmation state, strength,
    provenance). A dry run unless --yes; conflicts with curated data are shown, not written."""
    decisions: dict[str, str] = {}
    for given in resolve or []:
        pair, _, choice = given.partition("=")
        if choice not in ("survey", "keep") or not pair:
            raise fail(ValidationError(f"--resolve {given!r}: write PAIR=survey or PAIR=keep"))
        decisions[pair] = choice
    with opened() as graphsvc:
        surveys = _surveys(graphsvc)
        result = surveys.apply(survey_id, dry_run=not yes, resolve=decisions or None)
    if not yes:
        _say(word(lang, "dry_run"))
    _say(
        word(lang, "applied", created=result.get("created", 0), updated=result.get("updated", 0),
             unchanged=result.get("unchanged", 0))
    )  # fmt: skip
    if result.get("removed"):
        _say(word(lang, "removed", n=result["removed"]))
    if result.get("skipped_pending_review"):
        _say(word(lang, "pending", n=result["skipped_pending_review"]))
    conflicts = list(result.get("conflicts") or [])
    if conflicts:
        table = Table(title=word(lang, "title_conflicts"))
        for column in ("pair", "curated", "survey_says"):
            table.add_column(word(lang, column) if column in WORDS else
                             ("par" if lang == "da" else "pair"), overflow="fold")  # fmt: skip
        for conflict in conflicts:
            table.add_row(
                str(conflict.get("pair") or conflict.get("pair_key") or ""),
                _describe(conflict.get("curated") or conflict.get("existing")),
                _describe(conflict.get("survey") or conflict.get("proposed")),
            )
        console.print(table)


def _describe(tie: object) -> str:
    if isinstance(tie, dict):
        keys = ("id", "kind", "weight", "confirmation")
        return ", ".join(f"{k}: {tie[k]}" for k in keys if tie.get(k) not in (None, ""))
    if isinstance(tie, list):
        return "; ".join(_describe(t) for t in tie)
    return "" if tie is None else str(tie)


def survey_export(
    survey_id: SurveyId,
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="FILE", help="The file (.csv or .xlsx).")
    ],
    lang: Lang = "en",
) -> None:
    """The submitted answers, pseudonymous (organisations, never contact persons): one row
    per named partner; an .xlsx has a second sheet, the roster with who answered."""
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise fail(ValidationError(f"--out must end in .csv or .xlsx, not {out.name!r}"))
    with opened() as graphsvc:
        surveys = _surveys(graphsvc)
        answers = surveys.answers_table(survey_id)
        respondents = surveys.respondents(survey_id)
    out.parent.mkdir(parents=True, exist_ok=True)
    # Respondents type other_name: a cell starting with = must not run in a spreadsheet.
    if suffix == ".csv":
        from graphsvc.io.formats import csv as csv_format

        csv_format.neutralised(answers).to_csv(out, index=False, encoding="utf-8")
    else:
        import pandas as pd

        from graphsvc.io.formats.xlsx import no_formulas

        with pd.ExcelWriter(out, engine="openpyxl") as book:
            answers.to_excel(book, sheet_name="svar" if lang == "da" else "answers", index=False)
            respondents.to_excel(
                book, sheet_name="deltagere" if lang == "da" else "respondents", index=False
            )
            no_formulas(book.book)
    _say(word(lang, "wrote", path=out))


def survey_forget_contact(
    email: Annotated[str, typer.Argument(metavar="EMAIL", help="The contact's e-mail address.")],
    yes: Annotated[
        bool, typer.Option("--yes", help="Confirm: an erasure cannot be undone.")
    ] = False,
    lang: Lang = "en",
) -> None:
    """Erase a contact person's name and e-mail from every survey (GDPR art. 17)."""
    if not yes:
        raise fail(ValidationError(word(lang, "confirm_forget")))
    with opened() as graphsvc:
        erased = _surveys(graphsvc).forget_contact(email)
    _say(word(lang, "forgot", n=erased))


def survey_purge(lang: Lang = "en") -> None:
    """Delete the answers, contacts and review decisions of surveys past their keep date
    (the API also does it when it starts)."""
    with opened() as graphsvc:
        purged = _surveys(graphsvc).purge_expired()
    _say(word(lang, "purged", n=purged))


app.command("create")(survey_create)
app.command("list")(survey_list)
app.command("show")(survey_show)
app.command("roster")(survey_roster)
app.command("invite")(survey_invite)
app.command("status")(survey_status)
app.command("remind")(survey_remind)
app.command("apply")(survey_apply)
app.command("export")(survey_export)
app.command("close")(survey_close)
app.command("forget-contact")(survey_forget_contact)
app.command("purge")(survey_purge)
