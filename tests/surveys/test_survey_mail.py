"""Survey invitations by e-mail (#13): the mail-merge list, the .eml files, and sending
through a real SMTP server (aiosmtpd, started here on a free loopback port)."""

from __future__ import annotations

import csv
import io
import socket
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from typer.testing import CliRunner

from graphsvc.cli import app
from graphsvc.core import Graphsvc
from graphsvc.errors import ConflictError, SurveyClosedError, ValidationError
from graphsvc.settings import get_mail_settings
from graphsvc.surveys import Surveys, mail
from graphsvc.surveys.mail import Invitation
from tests.api.apihelpers import Keys

BASE = "https://netvaerk.middelfart.dk"
SURVEY: dict[str, Any] = {
    "id": "s1",
    "title": {"da": "Samarbejde om sundhed i Middelfart", "en": "Working together on health"},
    "purpose": {
        "da": "Vi vil se, hvem der arbejder sammen om forebyggelse, og hvor tæt.",
        "en": "We want to see who works together on prevention, and how closely.",
    },
    "asker": "Middelfart Kommune",
    "asker_contact": "Sundhedsafdelingen <sundhed@middelfart.dk>",
    "closes_at": "2026-12-15",
    "keep_answers_until": "2027-06-30",
}
SOREN = Invitation(
    invitation_id="inv-1", actor_id="aeblehaven", actor_name="Æblehaven", token="tok-æ1",
    url_path="/s/tokA1", expires_at="2026-12-15", contact_name="Søren Ødegård",
    contact_email="soren@aeblehaven.dk", lang="da",
)  # fmt: skip
JANE = Invitation(
    invitation_id="inv-2", actor_id="dgi", actor_name="DGI", token="tokB2", url_path="/s/tokB2",
    expires_at="2026-12-15", contact_name="Jane Smith", contact_email="jane@dgi.dk", lang="en",
)  # fmt: skip
NOBODY = Invitation(
    invitation_id="inv-3", actor_id="trygfonden", actor_name="TrygFonden", token="tokC3",
    url_path="/s/tokC3", expires_at="2026-12-15",
)  # fmt: skip


# ---------------------------------------------------------------- a real SMTP server


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


@dataclass
class Inbox:
    """What the server received, in order."""

    messages: list[Received] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _login(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"kim", b"hemmelig")
    return AuthResult(success=ok, handled=False)  # False: the server answers 535


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    """aiosmtpd on 127.0.0.1; logins need kim/hemmelig (without TLS: a test server)."""
    inbox = Inbox()
    port = _free_port()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, authenticator=_login, auth_require_tls=False,
        enable_SMTPUTF8=True,
    )  # fmt: skip
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def _settings(port: int, **overrides: Any) -> Any:
    values = {
        "smtp_host": "127.0.0.1", "smtp_port": port, "smtp_starttls": False,
        "smtp_from": "Middelfart Kommune <netvaerk@middelfart.dk>", "smtp_timeout": 10,
    } | overrides  # fmt: skip
    return get_mail_settings(**values)


# ---------------------------------------------------------------- the mail-merge list


def test_merge_csv_has_a_row_per_invitation_with_danish_headings() -> None:
    data = mail.merge_csv([SOREN, JANE, NOBODY], base_url=BASE + "/")
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads the Danish letters right
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [
        ["organisation", "kontaktperson", "e-mail", "link", "udløber"],
        ["Æblehaven", "Søren Ødegård", "soren@aeblehaven.dk", f"{BASE}/s/tokA1", "2026-12-15"],
        ["DGI", "Jane Smith", "jane@dgi.dk", f"{BASE}/s/tokB2", "2026-12-15"],
        ["TrygFonden", "", "", f"{BASE}/s/tokC3", "2026-12-15"],
    ]
    english = mail.merge_csv([JANE], base_url=BASE, lang="en").decode("utf-8-sig")
    assert english.splitlines()[0] == "organisation,contact name,e-mail,link,expires"


def test_merge_csv_cells_never_run_as_formulas_in_excel() -> None:
    """OWASP CSV injection: names typed by others starting with = + - @ get a leading
    apostrophe; the link and date columns are left alone."""
    hostile = Invitation(
        invitation_id="inv-9", actor_id="x", actor_name='=HYPERLINK("http://x","y")',
        token="t9", url_path="/s/t9", expires_at="2026-12-15", contact_name="@SUM(1)",
        contact_email="x@x.dk",
    )  # fmt: skip
    other = Invitation("inv-8", "y", "-2+3", "t8", "/s/t8", "2026-12-15", contact_name="+45 1")
    rows = list(csv.reader(io.StringIO(mail.merge_csv([hostile, other], base_url=BASE)
                                       .decode("utf-8-sig"))))  # fmt: skip
    assert rows[1] == [
        "'=HYPERLINK(\"http://x\",\"y\")", "'@SUM(1)", "x@x.dk", f"{BASE}/s/t9", "2026-12-15",
    ]  # fmt: skip
    assert rows[2][:2] == ["'-2+3", "'+45 1"]


# ---------------------------------------------------------------- messages


def _text(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return str(body.get_content())


def test_a_danish_invitation_has_the_link_the_asker_and_the_gdpr_notice() -> None:
    message = mail.invitation_message(SURVEY, SOREN, base_url=BASE)
    assert message["Subject"] == "Undersøgelse: Samarbejde om sundhed i Middelfart"
    assert message["To"] == "Søren Ødegård <soren@aeblehaven.dk>"
    assert message["From"] == "Sundhedsafdelingen <sundhed@middelfart.dk>"
    assert message["Content-Language"] == "da"
    assert message["Message-ID"].endswith("@middelfart.dk>") and message["Date"]
    assert message.get_content_charset() == "utf-8"
    text = _text(message)
    assert text.startswith("Kære Søren Ødegård\n")
    assert "Middelfart Kommune beder Æblehaven om at svare" in text
    assert f"\n{BASE}/s/tokA1\n" in text
    assert "Linket virker til og med 15. december 2026." in text
    assert "Svarene gemmes til og med 30. juni 2027" in text and "Datatilsynet" in text
    assert "indsigt, berigtigelse og sletning" in text


def test_the_respondents_language_decides_and_a_reminder_says_so() -> None:
    english = mail.invitation_message(SURVEY, JANE, base_url=BASE, lang="da")
    assert english["Subject"] == "Survey: Working together on health"
    assert english["Content-Language"] == "en"
    assert "The link works until 15 December 2026 (inclusive)." in _text(english)
    reminder = mail.invitation_message(SURVEY, SOREN, base_url=BASE, reminder=True)
    assert reminder["Subject"] == "Påmindelse: Samarbejde om sundhed i Middelfart"
    assert "Vi mangler stadig svar fra Æblehaven" in _text(reminder)
    anonymous = mail.invitation_message(SURVEY, NOBODY, base_url=BASE, lang="en", draft=True)
    assert anonymous["To"] is None and anonymous["X-Unsent"] == "1"
    assert _text(anonymous).startswith("Dear TrygFonden\n")


def test_eml_files_parse_back_with_their_utf8_text(tmp_path: Path) -> None:
    drafts = mail.messages(SURVEY, [SOREN, JANE, NOBODY], base_url=BASE, draft=True)
    written = mail.write_folder(tmp_path, [SOREN, JANE, NOBODY], drafts, base_url=BASE)
    assert sorted(p.name for p in written) == [
        "adresseliste.csv", "aeblehaven.eml", "dgi.eml", "trygfonden.eml",
    ]  # fmt: skip
    parsed = message_from_bytes((tmp_path / "aeblehaven.eml").read_bytes(), policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    assert parsed["To"].addresses[0].display_name == "Søren Ødegård"
    assert parsed["Subject"] == "Undersøgelse: Samarbejde om sundhed i Middelfart"
    assert f"{BASE}/s/tokA1" in _text(parsed) and "Æblehaven" in _text(parsed)
    archive = zipfile.ZipFile(io.BytesIO(mail.merge_zip([JANE], drafts[1:2], base_url=BASE)))
    assert sorted(archive.namelist()) == ["adresseliste.csv", "dgi.eml"]
    inside = message_from_bytes(archive.read("dgi.eml"), policy=policy.default)
    assert inside["To"] == "Jane Smith <jane@dgi.dk>"


def test_a_title_with_a_line_break_gives_a_one_line_subject() -> None:
    survey = {**SURVEY, "title": {"da": "Samarbejde\r\nom\tsundhed\n", "en": "x"}}
    drafts = mail.messages(survey, [SOREN], base_url=BASE, draft=True)
    archive = zipfile.ZipFile(io.BytesIO(mail.merge_zip([SOREN], drafts, base_url=BASE)))
    parsed = message_from_bytes(archive.read("aeblehaven.eml"), policy=policy.default)
    assert parsed["Subject"] == "Undersøgelse: Samarbejde om sundhed"


def test_a_bad_stored_address_is_a_validation_error_naming_the_invitation() -> None:
    """An address stored before addresses were checked cannot make a 500."""
    bad = Invitation("inv-7", "x", "X", "t7", "/s/t7", "2026-12-15",
                     contact_email="a@b.dk>, evil@x.dk")  # fmt: skip
    with pytest.raises(ValidationError, match="inv-7"):
        mail.messages(SURVEY, [bad], base_url=BASE)


@pytest.mark.parametrize(
    "address", ["a@b.dk>, evil@x.dk", "Kim <kim@b.dk>", "a@b.dk\r\nBcc: e@x.dk", "a@b@c.dk"]
)
def test_only_one_bare_address_is_an_e_mail_address(address: str) -> None:
    assert not mail.is_email_address(address)
    assert mail.is_email_address("kim.hansen+net@middelfart.dk")


# ---------------------------------------------------------------- sending


def test_sending_delivers_each_message_to_its_contact(smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    outgoing = mail.messages(SURVEY, [SOREN, JANE, NOBODY], base_url=BASE,
                             sender="Middelfart Kommune <netvaerk@middelfart.dk>")  # fmt: skip
    report = mail.send_messages(outgoing, _settings(port, smtp_user="kim",
                                                    smtp_password="hemmelig"))  # fmt: skip
    assert (report.sent, report.no_address, report.refused, report.error) == (
        ["inv-1", "inv-2"],
        ["inv-3"],
        [],
        None,
    )
    assert [r.rcpt_tos for r in inbox.messages] == [["soren@aeblehaven.dk"], ["jane@dgi.dk"]]
    assert {r.mail_from for r in inbox.messages} == {"netvaerk@middelfart.dk"}
    danish = inbox.messages[0].message
    assert danish["Subject"] == "Undersøgelse: Samarbejde om sundhed i Middelfart"
    assert danish["To"] == "Søren Ødegård <soren@aeblehaven.dk>"
    assert f"{BASE}/s/tokA1" in _text(danish) and "Kære Søren Ødegård" in _text(danish)
    assert "X-Unsent" not in danish
    assert f"{BASE}/s/tokB2" in _text(inbox.messages[1].message)


def test_a_wrong_login_or_no_server_is_reported_without_addresses(
    smtp: tuple[Inbox, int],
) -> None:
    inbox, port = smtp
    outgoing = mail.messages(SURVEY, [SOREN], base_url=BASE)
    refused = mail.send_messages(outgoing, _settings(port, smtp_user="kim", smtp_password="x"))
    assert refused.sent == [] and refused.error is not None
    assert "SMTPAuthenticationError 535" in refused.error and "@" not in refused.error
    assert inbox.messages == []
    nobody = mail.send_messages(outgoing, _settings(_free_port()))
    assert nobody.error is not None and "ConnectionRefusedError" in nobody.error
    with pytest.raises(ConflictError, match="GRAPHSVC_SMTP_HOST"):
        mail.send_messages(outgoing, get_mail_settings(smtp_host=None, smtp_from=None))


# ---------------------------------------------------------------- contacts


def test_contacts_are_read_from_a_danish_sheet_and_errors_name_row_and_column(
    tmp_path: Path,
) -> None:
    good = tmp_path / "kontakter.csv"
    good.write_bytes(
        "Aktør-id;Kontaktperson;E-mail;Sprog\n"
        "aeblehaven;Søren Ødegård;soren@aeblehaven.dk;da\n"
        "dgi;Jane Smith;jane@dgi.dk;en\n".encode("cp1252")
    )
    assert mail.read_contacts(good) == {
        "aeblehaven": {"name": "Søren Ødegård", "email": "soren@aeblehaven.dk", "lang": "da"},
        "dgi": {"name": "Jane Smith", "email": "jane@dgi.dk", "lang": "en"},
    }
    bad = tmp_path / "bad.csv"
    bad.write_text("aktør-id,navn,e-mail\ndgi,Jane,jane-at-dgi\n,Kim,kim@x.dk\n", "utf-8")
    with pytest.raises(ValidationError) as caught:
        mail.read_contacts(bad)
    problems = [str(p) for p in caught.value.details]
    assert problems == [
        "bad.csv, row 2, column 'e-mail': not an e-mail address",
        "bad.csv, row 3, column 'aktør-id': no actor id",
    ]


# ---------------------------------------------------------------- the routes and the CLI


@pytest.fixture
def mini_survey(core: Graphsvc) -> str:
    """An open survey of the mini graph (``core``: emptied, the mini data set loaded): four
    organisations asked (Mette, a person who did not consent, cannot be on a roster)."""
    surveys = Surveys(core)
    survey = surveys.create(
        {"title": {"da": "Samarbejde i Middelfart", "en": "Working together in Middelfart"},
         "scope_kind": "roster", "asker": "Middelfart Kommune",
         "closes_at": "2030-12-31T23:59:59+00:00"},
        by="test",
    )  # fmt: skip
    actors = ["middelfart-kommune", "frivilligcenter-middelfart", "trygfonden",
              "aeblehaven-forening"]  # fmt: skip
    surveys.set_roster(survey["id"], [{"actor_id": a} for a in actors])
    surveys.open(survey["id"])
    return str(survey["id"])


CONTACTS_BODY = {
    "middelfart-kommune": {"name": "Søren Ødegård", "email": "soren@middelfart.dk"},
    "trygfonden": {"name": "Jane Smith", "email": "jane@tryg.dk", "lang": "en"},
}


def test_the_mail_merge_routes_make_links_for_editors_only(
    core: Graphsvc, mini_survey: str, client: httpx.Client, keys: Keys,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    graphsvc, http = core, client
    monkeypatch.setenv("GRAPHSVC_PUBLIC_URL", BASE)
    editor, viewer = keys.headers("editor"), keys.headers("viewer")
    refused = http.post(f"/surveys/{mini_survey}/mail-merge.csv", headers=viewer)
    assert refused.status_code == 403
    assert Surveys(graphsvc).invitations(mini_survey) == []  # nothing issued
    bad = http.post(f"/surveys/{mini_survey}/mail-merge.csv", headers=editor,
                    json={"contacts": {"trygfonden": {"email": "jane-at-tryg"}}})  # fmt: skip
    assert bad.status_code == 422 and "contacts.trygfonden.email" in bad.text
    made = http.post(f"/surveys/{mini_survey}/mail-merge.csv", headers=editor,
                     json={"contacts": CONTACTS_BODY})  # fmt: skip
    assert made.status_code == 200, made.text
    assert made.headers["content-type"].startswith("text/csv")
    assert made.headers["cache-control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(made.content.decode("utf-8-sig"))))
    assert sorted((r["organisation"], r["e-mail"]) for r in rows) == [
        ("Frivilligcenter Middelfart", ""), ("Middelfart Kommune", "soren@middelfart.dk"),
        ("TrygFonden", "jane@tryg.dk"), ('Æblehavens "Gamle" Boldklub – Ærø', ""),
    ]  # fmt: skip
    assert all(r["link"].startswith(f"{BASE}/s/") and r["udløber"] == "2030-12-31"
               for r in rows)  # fmt: skip
    token = rows[0]["link"].rsplit("/", 1)[1]
    assert Surveys(graphsvc).resolve_token(token)["actor_id"]
    # a second list has no one new; with reissue, everyone gets a new link
    assert http.post(f"/surveys/{mini_survey}/mail-merge.csv", headers=editor,
                     json={"lang": "en"}).text.strip() == (
        "\ufefforganisation,contact name,e-mail,link,expires")  # fmt: skip
    zipped = http.post(f"/surveys/{mini_survey}/mail-merge.zip", headers=editor,
                       json={"reissue": True})  # fmt: skip
    assert zipped.status_code == 200 and zipped.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(zipped.content))
    assert sorted(archive.namelist()) == [
        "adresseliste.csv", "aeblehaven-forening.eml", "frivilligcenter-middelfart.eml",
        "middelfart-kommune.eml", "trygfonden.eml",
    ]  # fmt: skip
    english = message_from_bytes(archive.read("trygfonden.eml"), policy=policy.default)
    assert english["To"] == "Jane Smith <jane@tryg.dk>"  # the contact carried over
    with pytest.raises(SurveyClosedError):
        Surveys(graphsvc).resolve_token(token)  # re-issued: the old link is dead


def test_send_and_remind_through_the_smtp_server(
    core: Graphsvc, mini_survey: str, client: httpx.Client, keys: Keys,
    smtp: tuple[Inbox, int], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    graphsvc, http, url = core, client, str(client.base_url).rstrip("/")
    inbox, port = smtp
    editor = keys.headers("editor")
    unconfigured = http.post(f"/surveys/{mini_survey}/send", headers=editor)
    assert unconfigured.status_code == 409 and "GRAPHSVC_SMTP_HOST" in unconfigured.text
    assert Surveys(graphsvc).invitations(mini_survey) == []
    for name, value in {
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "STARTTLS": "false",
        "FROM": "Middelfart Kommune <netvaerk@middelfart.dk>",
    }.items():
        monkeypatch.setenv(f"GRAPHSVC_SMTP_{name}", value)  # fmt: skip
    sent = http.post(f"/surveys/{mini_survey}/send", headers=editor,
                     json={"contacts": CONTACTS_BODY})  # fmt: skip
    assert sent.status_code == 200, sent.text
    assert (sent.json()["sent"], sent.json()["no_address"], sent.json()["refused"]) == (2, 2, 0)
    assert "@" not in sent.text  # the report names invitations, never addresses
    by_address = {r.rcpt_tos[0]: r.message for r in inbox.messages}
    assert sorted(by_address) == ["jane@tryg.dk", "soren@middelfart.dk"]
    danish = by_address["soren@middelfart.dk"]
    assert danish["Subject"] == "Undersøgelse: Samarbejde i Middelfart"
    assert danish["From"] == "Middelfart Kommune <netvaerk@middelfart.dk>"
    link = next(w for w in _text(danish).split() if "/s/" in w)
    assert link.startswith(url + "/s/")  # no GRAPHSVC_PUBLIC_URL: the request's address
    assert by_address["jane@tryg.dk"]["Subject"] == "Survey: Working together in Middelfart"
    marked = {i["actor_id"]: i["last_sent_at"] for i in
              Surveys(graphsvc).invitations(mini_survey)}  # fmt: skip
    assert marked["middelfart-kommune"] and marked["trygfonden"]
    assert not marked["frivilligcenter-middelfart"]

    # Kommune answers; the reminder goes to TrygFonden with a new link that works
    surveys = Surveys(graphsvc)
    token = link.rsplit("/", 1)[1]
    surveys.save_page(token, "partners", {"partners": [{"actor_id": "trygfonden"}]})
    surveys.save_page(token, "ratings", {"ratings": {"trygfonden": {
        "frequency": "monthly", "kinds": ["funding"]}}})  # fmt: skip
    surveys.submit(token)
    inbox.messages.clear()
    reminded = http.post(f"/surveys/{mini_survey}/send?reminders=true", headers=editor)
    assert reminded.status_code == 200 and reminded.json()["sent"] == 1
    (reminder,) = inbox.messages
    assert reminder.rcpt_tos == ["jane@tryg.dk"]
    assert reminder.message["Subject"] == "Reminder: Working together in Middelfart"
    new_link = next(w for w in _text(reminder.message).split() if "/s/" in w)
    assert surveys.resolve_token(new_link.rsplit("/", 1)[1])["actor_id"] == "trygfonden"


def test_the_cli_sends_invitations(
    mini_survey: str, smtp: tuple[Inbox, int], tmp_path: Path
) -> None:
    inbox, port = smtp
    contacts = tmp_path / "kontakter.csv"
    contacts.write_text("aktør-id,kontaktperson,e-mail\ntrygfonden,Jane Smith,jane@tryg.dk\n")
    env = {"GRAPHSVC_SMTP_HOST": "127.0.0.1", "GRAPHSVC_SMTP_PORT": str(port),
           "GRAPHSVC_SMTP_STARTTLS": "false", "GRAPHSVC_SMTP_FROM": "netvaerk@middelfart.dk",
           "GRAPHSVC_PUBLIC_URL": BASE, "COLUMNS": "200"}  # fmt: skip
    result = CliRunner().invoke(app, ["survey", "invite", mini_survey, "--send", "--contacts",
                                      str(contacts), "--lang", "da"], env=env)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "sendt: 1; uden e-mail: 3; afvist: 0" in result.output
    (received,) = inbox.messages
    assert received.rcpt_tos == ["jane@tryg.dk"] and f"{BASE}/s/" in _text(received.message)
