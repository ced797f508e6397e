"""The answer page of a survey (``GET /s/{token}``) in a real chromium against the real app.

The survey is made with the surveys' Python API on the session FalkorDB: the actors of
tests/data/mini on an uploaded roster (Middelfart Kommune, Frivilligcenter Middelfart,
TrygFonden and Æblehavens "Gamle" Boldklub – Ærø; the person Mette Jensen cannot be on a
roster), all asked and nameable, opened and invited. Middelfart Kommune answers: it may
name the three others. What the page saved is read back through ``Surveys.form``, the
respondent's own view of the stored response.

Pages are opened at a phone's size with touch (375 × 667) and at a desktop's; every
request to another host is aborted and recorded (none may happen), console and page
errors fail the test, and axe-core checks each page of the form for WCAG 2.1 A/AA
(no serious or critical violation), the error states included.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from graphsvc import i18n
from graphsvc.api import create_app
from graphsvc.core import Graphsvc
from graphsvc.errors import ValidationError
from graphsvc.settings import Settings
from graphsvc.surveys import Surveys, texts
from graphsvc.surveys.answer_page import page_lang, render_answer_page
from graphsvc.surveys.answer_page import words as page_words
from tests.api.apihelpers import MINI, ServerThread
from tests.axe import assert_accessible
from tests.pagewatch import WatchedPage, close_pages, watch

ROOT = Path(__file__).resolve().parents[2]
KOMMUNE = "middelfart-kommune"
CENTRE = "frivilligcenter-middelfart"
TRYG = "trygfonden"
CLUB = "aeblehaven-forening"
CLUB_NAME = 'Æblehavens "Gamle" Boldklub – Ærø'
PHONE = {"viewport": {"width": 375, "height": 667}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
KEEP_UNTIL = "2027-06-30"


@dataclass
class Survey:
    base: str
    id: str
    tokens: dict[str, str]  # actor id -> token
    settings: Settings

    def url(self, actor: str = KOMMUNE) -> str:
        return f"{self.base}/s/{self.tokens[actor]}"

    def form(self, actor: str = KOMMUNE) -> dict[str, Any]:
        with Graphsvc.open(self.settings) as graphsvc:
            return Surveys(graphsvc).form(self.tokens[actor])


@dataclass
class Opened(WatchedPage):
    context: Any = None
    touch: bool = False
    requests: list[str] = field(default_factory=list)

    def ready(self) -> None:
        self.wait("window.graphsvcSurvey && window.graphsvcSurvey.ready === true")

    def state(self) -> dict[str, Any]:
        return dict(self.js("window.graphsvcSurvey.state()"))

    def text(self, selector: str) -> str:
        return str(self.page.inner_text(selector))

    def press_next(self) -> None:
        """Press the page's main button as a finger does, and wait until the next page
        (or the error summary) is drawn."""
        before = self.state()
        self.js("window.summaryBefore = document.getElementById('error-summary')")
        if self.touch:
            self.page.locator("#next").tap()
        else:
            self.page.click("#next")
        self.wait(
            """before => { const s = window.graphsvcSurvey.state();
              const summary = document.getElementById('error-summary');
              return s.step !== before.step || s.partner !== before.partner
                || (summary !== null && summary !== window.summaryBefore); }""",
            before,
        )


@pytest.fixture(scope="module")
def answer_server(settings: Settings) -> Iterator[ServerThread]:
    running = ServerThread(create_app(settings)).start()
    yield running
    running.stop()


@pytest.fixture
def survey(settings: Settings, answer_server: ServerThread) -> Survey:
    """The mini data, a survey on a roster of its four organisations, open, invited."""
    with Graphsvc.open(settings) as graphsvc:
        graphsvc.reset()
        graphsvc.import_paths([MINI])
        surveys = Surveys(graphsvc)
        made = surveys.create(
            {
                "title": {"da": "Frivillige mentorer", "en": "Volunteer mentors"},
                "scope_kind": "roster",
                "asker": "Middelfart Kommune",
                "asker_contact": "samskabelse@middelfart.dk",
                "purpose": {"da": "At styrke samarbejdet om mentorer", "en": ""},
                "keep_answers_until": KEEP_UNTIL,
                "questions": {"since": {"da": "Hvornår begyndte I at arbejde med {partner}?"}},
            },
            by="test",
        )
        surveys.set_roster(made["id"], [{"actor_id": a} for a in (KOMMUNE, CENTRE, TRYG, CLUB)])
        surveys.open(made["id"])
        invited = surveys.invite(made["id"])
    tokens = {row["actor_id"]: row["token"] for row in invited}
    return Survey(answer_server.url, made["id"], tokens, settings)


@pytest.fixture
def open_page(
    browser: Any, survey: Survey, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[..., Opened]]:
    """``open_page(url, locale="da-DK", device=PHONE)``: a fresh context; every request
    to another host is aborted and recorded."""
    opened: list[Opened] = []

    def _open(url: str, *, locale: str = "da-DK", device: dict[str, Any] | None = None,
              ready: bool = True) -> Opened:  # fmt: skip
        context = browser.new_context(locale=locale, **(device or PHONE))
        page = context.new_page()
        result = Opened(page, context=context, touch=bool((device or PHONE).get("has_touch")))
        opened.append(result)
        watch(context, page, result, (survey.base + "/",))
        page.on("request", lambda r: result.requests.append(r.url))
        page.goto(url)
        if ready:
            result.ready()
        return result

    yield _open
    close_pages(request, tmp_path, [(o.page, o.context) for o in opened])


def visible_roster(p: Opened) -> list[str]:
    return list(
        p.js(
            "[...document.querySelectorAll('#roster li:not([hidden]) label')]"
            ".map(l => l.firstChild.textContent)"
        )
    )


def too_small_targets(p: Opened) -> list[str]:
    """Controls (and the labels that are their targets) less than 44 px high."""
    return list(
        p.js(
            """() => [...document.querySelectorAll(
                  'button, .choice label, input[type=text], input[type=search], textarea, summary')]
              .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 43.5)
              .map(e => e.id || e.textContent.trim().slice(0, 40))"""
        )
    )


def rate(p: Opened, frequency: int, kinds: list[int], scales: dict[str, int | None]) -> None:
    """Answer one partner's page: the ``frequency``-th option, the ``kinds``-th kinds, and
    each scale's value (``None``: "ved ikke")."""
    p.page.check(f"#f-frequency-{frequency}")
    for kind in kinds:
        p.page.check(f"#f-kinds-{kind}")
    for dimension, value in scales.items():
        p.page.check(f"#f-{dimension}-{4 if value is None else value - 1}")


def answers_of(survey: Survey) -> dict[str, Any]:
    return dict(survey.form()["answers"])


# ----------------------------------------------------------------------------- browser


@pytest.mark.browser
def test_a_phone_in_danish_saves_comes_back_with_the_link_and_submits(
    survey: Survey, open_page: Callable[..., Opened]
) -> None:
    p = open_page(survey.url())
    assert p.js("document.documentElement.lang") == "da"
    assert p.text("h1") == "Frivillige mentorer"
    assert p.text("#progress") == "Side 1 af 4"
    intro = p.text("#root")
    # the GDPR art. 13 information: who, why, basis, how long, the rights, the complaint
    for words in (
        "Middelfart Kommune står bag undersøgelsen og er dataansvarlig",
        "samskabelse@middelfart.dk",
        "At styrke samarbejdet om mentorer.",
        "artikel 6, stk. 1, litra e",
        "Svarene gemmes til og med 30. juni 2027",
        "indsigt",
        "rettet",
        "slettet",
        "begrænses",
        "indsigelse",
        "Datatilsynet",
    ):
        assert words in intro, words
    assert too_small_targets(p) == []
    assert p.page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scroll

    p.press_next()
    assert p.text("#progress") == "Side 2 af 4"
    assert (
        p.text("#partners-field legend")
        == "Hvilke af disse samarbejder I med om Frivillige mentorer?"
    )
    # the respondent itself is not on its list; the list is by name
    assert visible_roster(p) == ["Frivilligcenter Middelfart", "TrygFonden", CLUB_NAME]
    p.page.locator("#search").fill("fond")
    assert visible_roster(p) == ["TrygFonden"]
    assert p.text("#search-count") == "Viser 1 af 3."
    # a screen reader hears the count once the typing stops (a polite live region)
    p.wait("document.getElementById('announce').textContent === 'Viser 1 af 3.'")
    assert p.js("document.getElementById('search').labels[0].textContent") == (
        "Søg blandt organisationerne"
    )
    p.page.locator("#search").fill("zzz")
    assert visible_roster(p) == []
    assert "Ingen organisationer passer på «zzz»" in p.text("#no-match")
    p.page.locator("#search").fill("")
    p.page.locator("label[for=p-0]").tap()  # the centre, by its label
    p.page.locator("label[for=p-2]").tap()  # the club
    p.page.fill("#other-name", "  Cykelklubben   Øst ")
    p.page.locator("#other-add").tap()
    assert p.text("#chosen-count") == "Valgt: 3 samarbejdspartnere."
    assert p.js("document.activeElement.id") == "other-name"
    assert too_small_targets(p) == []
    p.press_next()

    saved = survey.form()
    assert saved["pages_done"] == ["partners"]
    assert [
        {k: v for k, v in x.items() if v is not None} for x in saved["answers"]["partners"]
    ] == [
        {"actor_id": CENTRE},
        {"actor_id": CLUB},
        {"other_name": "Cykelklubben Øst"},
    ]
    assert p.text("#progress") == "Side 3 af 4 · samarbejdspartner 1 af 3"
    assert p.text("#step-h") == "Samarbejdet med Frivilligcenter Middelfart"
    # the survey's own wording of one question, with the partner's name in it
    assert p.text("label[for=f-since]").startswith(
        "Hvornår begyndte I at arbejde med Frivilligcenter Middelfart?"
    )
    rate(p, 1, [0, 3], {"reliable": 4, "mission": 3, "open": None, "power": 2})
    p.page.fill("#f-since", "2019")
    p.press_next()
    assert p.text("#step-h") == f"Samarbejdet med {CLUB_NAME}"
    assert answers_of(survey)["ratings"][CENTRE]["reliable"] == 4

    # the same link, later: the first page not saved yet, with a word of welcome
    p.page.goto(survey.url())
    p.ready()
    assert p.state()["step"] == "ratings"
    assert p.text("#step-h") == f"Samarbejdet med {CLUB_NAME}"
    assert "Velkommen tilbage" in p.text("#root")
    rate(p, 2, [1], {"involvement": 3})
    p.press_next()
    rate(p, 4, [0], {})
    p.press_next()
    assert p.text("#progress") == "Side 4 af 4"
    p.page.locator("label[for=f-achieved-0]").tap()
    p.page.fill("#f-comment", "Godt samarbejde")
    p.press_next()
    assert p.text("#step-h") == "Tak for dine svar"
    assert "Dine svar er sendt til Middelfart Kommune" in p.text("#root")

    form = survey.form()
    assert form["submitted"] is True
    assert form["lang"] == "da"
    ratings = form["answers"]["ratings"]
    # every value as tapped: frequency options are daily, weekly, monthly, quarterly, ...
    assert ratings[CENTRE]["frequency"] == "weekly"
    assert ratings[CENTRE]["kinds"] == ["partnership", "knowledge_exchange"]
    assert ratings[CENTRE]["since"] == 2019
    assert [ratings[CENTRE][d] for d in texts.TRUST + texts.VALUE] == [4, 3, None, 2, None, None]
    assert ratings[CLUB]["frequency"] == "monthly"
    assert ratings[CLUB]["involvement"] == 3
    assert ratings["other:cykelklubben øst"]["frequency"] == "yearly"
    assert form["answers"]["outcomes"] == {
        "achieved": ["better_services"],
        "comment": "Godt samarbejde",
    }
    # coming back after sending: a thank-you, no form
    p.page.goto(survey.url())
    p.ready()
    assert "allerede sendt" in p.text("#root")
    assert p.page.locator("#step-form").count() == 0
    p.assert_clean()
    assert all(url.startswith(survey.base + "/") for url in p.requests), p.requests


@pytest.mark.browser
def test_a_desktop_in_english_from_the_browser_language(
    survey: Survey, open_page: Callable[..., Opened]
) -> None:
    p = open_page(survey.url(CENTRE), locale="en-GB", device=DESKTOP)
    assert p.js("document.documentElement.lang") == "en"
    assert p.text("#progress") == "Page 1 of 4"
    assert "The answers are kept until 30 June 2027 and then deleted." in p.text("#root")
    assert "Danish Data Protection Agency" in p.text("#root")
    p.press_next()
    assert (
        p.text("#partners-field legend") == "Which of these do you work with on Volunteer mentors?"
    )
    p.page.check("#p-0")  # Middelfart Kommune
    p.press_next()
    assert p.text("#progress") == "Page 3 of 4 · partner 1 of 1"
    # the override is Danish only: English keeps the default question
    assert p.text("label[for=f-since]").startswith(
        "In which year did the collaboration with Middelfart Kommune begin?"
    )
    # the browser's back button goes to the previous page of the form, forward comes back
    p.page.go_back()
    p.wait("window.graphsvcSurvey.state().step === 'partners'")
    assert p.page.is_checked("#p-0")
    assert p.js("document.activeElement.id") == "step-h"
    p.page.go_forward()
    p.wait("window.graphsvcSurvey.state().step === 'ratings'")
    rate(p, 0, [0], {"reliable": 3})
    p.press_next()
    p.press_next()
    assert p.text("#step-h") == "Thank you for your answers"
    form = survey.form(CENTRE)
    assert form["submitted"] is True and form["lang"] == "en"
    assert form["answers"]["ratings"][KOMMUNE]["frequency"] == "daily"
    p.assert_clean()


@pytest.mark.browser
def test_the_language_switch_keeps_what_was_typed(
    survey: Survey, open_page: Callable[..., Opened]
) -> None:
    p = open_page(survey.url(), locale="da-DK")
    p.press_next()
    p.page.check("#p-1")
    p.page.fill("#search", "tryg")
    p.page.click(".lang-switch button[lang=en]")
    assert p.js("document.documentElement.lang") == "en"
    assert p.text("#progress") == "Page 2 of 4"
    assert p.page.is_checked("#p-1")
    assert p.page.input_value("#search") == "tryg"
    assert p.text("#chosen-count") == "Chosen: 1 partner."
    assert p.js("location.search") == "?lang=en"
    p.page.click(".lang-switch button[lang=da]")
    assert p.text("#chosen-count") == "Valgt: 1 samarbejdspartner."
    p.assert_clean()


@pytest.mark.browser
def test_the_narrowest_phone_scrolls_only_down(
    survey: Survey, open_page: Callable[..., Opened]
) -> None:
    narrow = {"viewport": {"width": 320, "height": 568}, "has_touch": True, "is_mobile": True}
    p = open_page(survey.url(), device=narrow)
    widths = []
    for _ in range(3):  # about, partners, one partner's ratings
        widths.append(p.js("document.documentElement.scrollWidth"))
        if p.state()["step"] == "partners":
            p.page.locator("label[for=p-2]").tap()  # the club, the longest name
        p.press_next()
    widths.append(p.js("document.documentElement.scrollWidth"))
    assert p.state()["step"] == "ratings"
    assert widths == [320, 320, 320, 320]
    assert too_small_targets(p) == []
    p.assert_clean()


@pytest.mark.browser
def test_keyboard_only_through_the_pages(survey: Survey, open_page: Callable[..., Opened]) -> None:
    p = open_page(survey.url(), locale="da-DK", device=DESKTOP)
    keys = p.page.keyboard

    def focused() -> str:
        return str(p.js("document.activeElement.id || document.activeElement.tagName"))

    def tab_to(element_id: str, limit: int = 80) -> None:
        for _ in range(limit):
            keys.press("Tab")
            if focused() == element_id:
                return
        raise AssertionError(f"Tab never reached #{element_id}")

    keys.press("Tab")
    assert focused() == "A"  # the skip link comes first
    tab_to("next")
    keys.press("Enter")
    p.wait("window.graphsvcSurvey.state().step === 'partners'")
    assert focused() == "step-h"  # the new page's heading has the focus
    tab_to("next")
    keys.press("Enter")  # nothing chosen: the error summary gets the focus
    p.wait("document.activeElement && document.activeElement.id === 'error-summary'")
    summary = p.page.locator("#error-summary")
    assert "Vælg mindst én organisation" in summary.inner_text()
    keys.press("Tab")
    keys.press("Enter")  # the link in the summary goes to the list's first box
    assert focused() == "p-0"
    outline = p.js("getComputedStyle(document.activeElement.nextElementSibling).outlineStyle")
    assert outline != "none"  # the label of a focused box shows the focus
    keys.press("Shift+Tab")
    assert focused() == "search"
    keys.type("tryg")
    keys.press("Tab")
    assert focused() == "p-1"  # the only box left visible
    keys.press("Space")
    tab_to("next")
    keys.press("Enter")
    p.wait("window.graphsvcSurvey.state().step === 'ratings'")
    assert focused() == "step-h"
    tab_to("f-frequency-0")
    keys.press("ArrowDown")  # radio buttons: arrows move and choose
    assert p.page.is_checked("#f-frequency-1")
    tab_to("f-kinds-0")
    keys.press("Space")
    tab_to("next")
    keys.press("Enter")
    p.wait("window.graphsvcSurvey.state().step === 'outcomes'")
    assert focused() == "step-h"
    tab_to("next")
    keys.press("Enter")
    p.wait("window.graphsvcSurvey.state().step === 'thanks'")
    assert survey.form()["answers"]["ratings"][TRYG]["frequency"] == "weekly"
    p.assert_clean()


@pytest.mark.browser
def test_axe_finds_nothing_serious_on_any_page_of_the_form(
    survey: Survey, open_page: Callable[..., Opened]
) -> None:
    p = open_page(survey.url())
    assert_accessible(p.page)  # about the survey
    p.press_next()
    assert_accessible(p.page)  # the partners
    p.press_next()
    assert p.page.locator("#error-summary").count() == 1
    assert_accessible(p.page)  # the partners, with an error
    p.page.check("#p-1")
    p.page.fill("#other-name", "")
    p.page.click("#other-add")
    assert p.page.locator("#other-name-error").count() == 1
    assert_accessible(p.page)  # an empty name "not on the list"
    p.press_next()
    assert_accessible(p.page)  # a partner's ratings
    # each 1–4 scale is a radio group: a fieldset, its question as legend, five labelled
    # radio buttons (1–4 and "ved ikke") sharing one name
    for dimension in texts.TRUST + texts.VALUE:
        group = p.js(
            """d => { const f = document.getElementById('f-' + d);
              const radios = [...f.querySelectorAll('input[type=radio]')];
              return { tag: f.tagName, legend: f.querySelector('legend').textContent,
                names: [...new Set(radios.map(r => r.name))],
                labels: radios.map(r => r.labels[0].textContent) }; }""",
            dimension,
        )
        assert group["tag"] == "FIELDSET"
        assert "TrygFonden" in group["legend"] and group["legend"].endswith("?")
        assert group["names"] == [f"f-{dimension}"]
        assert group["labels"] == [
            "1 – slet ikke", "2 – i mindre grad", "3 – i nogen grad", "4 – i høj grad", "ved ikke",
        ]  # fmt: skip
    p.page.fill("#f-since", "1850")
    p.press_next()
    assert p.page.locator("#error-summary a").count() == 3  # frequency, kinds, year
    assert p.text("#f-since-error").endswith(
        f"Skriv et årstal mellem 1900 og {dt.date.today().year}, eller lad feltet stå tomt."
    )
    assert_accessible(p.page)  # a partner's ratings, with errors
    p.page.fill("#f-since", "")
    rate(p, 0, [0], {})
    p.press_next()
    assert_accessible(p.page)  # the outcomes
    p.press_next()
    assert_accessible(p.page)  # thank you
    p.page.click(".lang-switch button[lang=en]")
    assert_accessible(p.page)
    p.assert_clean()


@pytest.mark.browser
def test_what_the_api_refuses_is_said_in_the_pages_language(
    survey: Survey, open_page: Callable[..., Opened]
) -> None:
    """429 (too many requests with one link), 409 (sent from elsewhere meanwhile) and 410
    (the survey closed meanwhile), each met while saving a page."""
    token = survey.tokens[KOMMUNE]
    p = open_page(survey.url(), locale="da-DK")
    p.press_next()
    p.page.check("#p-0")
    with httpx.Client(base_url=survey.base, timeout=30) as http:
        for _ in range(130):  # over the limit of 120 requests per link and minute
            if http.get(f"/s/{token}/form").status_code == 429:
                break
    p.press_next()
    assert p.state()["step"] == "partners"
    assert (
        p.text("#error-summary-h")
        == "Der er for mange forsøg lige nu. Vent et minut, og prøv igen."
    )
    assert p.js("document.activeElement.id") == "error-summary"
    assert survey.form(CENTRE)["pages_done"] == []  # another link is not limited

    q = open_page(survey.url(CENTRE), locale="en-GB")
    q.press_next()
    q.page.check("#p-0")
    with Graphsvc.open(survey.settings) as graphsvc:
        surveys = Surveys(graphsvc)
        surveys.save_page(survey.tokens[CENTRE], "partners", {"partners": [{"actor_id": TRYG}]})
        surveys.save_page(
            survey.tokens[CENTRE], "ratings",
            {"ratings": {TRYG: {"frequency": "weekly", "kinds": ["funding"]}}},
        )  # fmt: skip
        surveys.submit(survey.tokens[CENTRE])
    q.press_next()
    assert q.text("#step-h") == "Thank you for your answers"
    assert "have already been sent" in q.text("#root")

    r = open_page(survey.url(TRYG), locale="da-DK")
    r.press_next()
    r.page.check("#p-0")
    with Graphsvc.open(survey.settings) as graphsvc:
        Surveys(graphsvc).close(survey.id)
    r.press_next()
    assert r.text("#step-h") == "Linket kan ikke bruges"
    assert r.text("#link-problem p") == (
        "Undersøgelsen er lukket, eller linket er udløbet eller trukket tilbage. Kontakt "
        "samskabelse@middelfart.dk, hvis du stadig vil svare."
    )
    assert_accessible(r.page)
    for page in (p, q, r):
        page.assert_clean(allow_console=("status of 429", "status of 409", "status of 410"))


@pytest.mark.browser
def test_a_wrong_link_says_so_in_danish(survey: Survey, open_page: Callable[..., Opened]) -> None:
    wrong = survey.base + "/s/" + "x" * 32
    p = open_page(wrong, locale="da-DK")
    assert p.text("h1") == "Linket kan ikke bruges"
    assert "Linket virker ikke. Tjek, at du har brugt hele linket fra din mail." in p.text("#root")
    assert p.js("document.documentElement.lang") == "da"
    assert_accessible(p.page)
    p.page.click(".lang-switch button[lang=en]")
    assert "The link does not work." in p.text("#root")
    p.assert_clean(allow_console=("status of 404",))  # the page itself answers 404


def test_the_page_answers_with_the_links_status_and_keeps_the_link_private(
    survey: Survey,
) -> None:
    with httpx.Client(base_url=survey.base, timeout=30) as http:
        good = http.get(f"/s/{survey.tokens[KOMMUNE]}", headers={"Accept-Language": "da"})
        wrong = http.get("/s/" + "y" * 32, headers={"Accept-Language": "da-DK,en;q=0.5"})
        odd = http.get("/s/not a token!", headers={"Accept-Language": "en"})
        with Graphsvc.open(survey.settings) as graphsvc:
            Surveys(graphsvc).close(survey.id)
        closed = http.get(f"/s/{survey.tokens[KOMMUNE]}", headers={"Accept-Language": "da"})
    assert good.status_code == 200
    assert 'lang="da"' in good.text and "<title>Frivillige mentorer</title>" in good.text
    assert wrong.status_code == 404 and "Linket virker ikke" in wrong.text
    assert odd.status_code == 404 and "The link does not work" in odd.text
    assert closed.status_code == 410 and "Undersøgelsen er lukket" in closed.text
    for answer in (good, wrong, odd, closed):
        assert answer.headers["cache-control"] == "no-store"
        assert answer.headers["referrer-policy"] == "no-referrer"
        csp = answer.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "http" not in csp  # nothing from other hosts
    # the names travel as JSON with < > & escaped, never as markup
    assert CLUB_NAME.replace('"', '\\"') in good.text
    assert "<script" not in good.text.split('id="survey-config">')[1].split("</script>")[0]


# ----------------------------------------------------------------------------- no browser


def test_the_page_is_small() -> None:
    """Template, script and style together (what a phone loads besides the roster and
    the survey's texts) stay well under 60 KB."""
    files = [
        ROOT / "visualisations" / "survey" / n for n in ("answer.html", "answer.js", "answer.css")
    ]
    assert sum(f.stat().st_size for f in files) < 45_000
    page = render_answer_page(lang="da", form=None, error_status=404)
    script = (ROOT / "visualisations" / "survey" / "answer.js").stat().st_size
    assert len(page.encode()) + script < 60_000


def test_question_overrides_replace_the_defaults_key_by_key() -> None:
    merged = texts.question_texts(
        {"partners": {"da": "Hvem arbejder I sammen med?"}, "comment": {"en": "Anything else?"}}
    )
    assert merged["da"]["partners"] == "Hvem arbejder I sammen med?"
    assert merged["en"]["partners"] == "Which of these do you work with on {topic}?"
    assert merged["en"]["comment"] == "Anything else?"
    assert merged["da"]["comment"] == texts.QUESTIONS["comment"][0]
    assert set(merged["da"]) == set(texts.QUESTIONS)
    with pytest.raises(ValidationError) as raised:
        texts.check_questions(
            {"colour": {"da": "x"}, "since": {"de": "Seit wann?"}, "open": {"da": "{name}?"}}
        )
    assert [p.column for p in raised.value.details] == [
        "questions.colour",
        "questions.since.de",
        "questions.open.da",
    ]
    # the page shows a stored survey as well as it can: bad overrides are left out
    lenient = texts.question_texts({"open": {"da": "{name}?"}}, strict=False)
    assert lenient["da"]["open"] == texts.QUESTIONS["open"][0]


def test_every_answer_value_has_words_in_both_languages() -> None:
    from graphsvc.surveys import model  # noqa: PLC0415 - the values the service accepts

    for table, enum in (
        (texts.FREQUENCIES, model.Frequency),
        (texts.CONTRIBUTIONS, model.Contribution),
        (texts.OUTCOMES, model.Outcome),
    ):
        assert list(table) == [e.value for e in enum]
        assert all(da and en for da, en in table.values())
    assert texts.TRUST == model.TRUST_DIMENSIONS and texts.VALUE == model.VALUE_DIMENSIONS
    assert [texts.label("da", "scale", n) for n in (1, 2, 3, 4, None)] == [
        "slet ikke", "i mindre grad", "i nogen grad", "i høj grad", "ved ikke",
    ]  # fmt: skip
    assert [texts.label("en", "scale", n) for n in (1, 2, 3, 4)] == [
        "not at all", "a small amount", "a fair amount", "a great deal",
    ]  # fmt: skip
    # the kinds are the model's tie kinds with graphsvc's own words for them
    assert texts.kinds()["knowledge_exchange"] == ("Videndeling", "Knowledge exchange")
    assert i18n.count("da", 1, "partner") == "1 samarbejdspartner"
    assert i18n.count("da", 3, "partner") == "3 samarbejdspartnere"


def test_every_word_the_page_uses_exists_and_every_word_is_used() -> None:
    folder = ROOT / "visualisations" / "survey"
    script = (folder / "answer.js").read_text("utf-8")
    html = (folder / "answer.html").read_text("utf-8")
    asked = set(re.findall(r"""\bw\(\s*"([a-z_0-9]+)"\s*[,)]""", script))
    asked |= set(
        re.findall(r"""\b(?:key:|setBusy\(true,|actions\(\w+,)\s*"([a-z_0-9]+)"(?!\s*\+)""", script)
    )
    for lang in texts.LANGS:
        words = page_words()[lang]
        assert asked <= set(words), asked - set(words)
    in_template = set(re.findall(r"\bw\.([a-z_0-9]+)", html))
    quoted = set(re.findall(r'"([a-z_0-9]+)"', script))
    assert set(texts.WORDS) - in_template - quoted == set()


def test_the_page_language() -> None:
    assert page_lang(None, "da-DK,da;q=0.9,en;q=0.8") == "da"
    assert page_lang(None, "en-GB,en;q=0.9,da;q=0.8") == "en"
    assert page_lang(None, "de;q=0.9,da;q=0.5,en;q=0.7") == "en"
    assert page_lang(None, "sv", saved="en") == "en"
    assert page_lang(None, "") == "da"  # a Danish survey speaks Danish when in doubt
    assert page_lang("en", "da") == "en"
    assert page_lang("fr", "da") == "da"


def test_the_privacy_notice_names_everything_art_13_asks_for() -> None:
    for lang in texts.LANGS:
        notice = texts.privacy_notice(
            lang, asker="Odense Kommune", asker_contact="dpo@odense.dk", purpose=None,
            keep_answers_until=None, topic="Trivsel",
        )  # fmt: skip
        assert [s["key"] for s in notice] == [
            "who", "why", "basis", "what", "recipients", "keep", "rights",
        ]  # fmt: skip
        text = " ".join(s["text"] for s in notice)
        assert "Odense Kommune" in text and "dpo@odense.dk" in text and "Trivsel" in text
        assert "6" in text and "Datatilsynet" in text


def test_a_survey_with_an_unknown_question_is_refused(graphsvc: Graphsvc) -> None:
    surveys = Surveys(graphsvc)
    with pytest.raises(ValidationError) as raised:
        surveys.create(
            {"title": {"da": "Trivsel"}, "questions": {"colour": {"da": "Blå?"}}}, by="test"
        )
    assert [p.column for p in raised.value.details] == ["questions.colour"]
    made = surveys.create(
        {"title": {"da": "Trivsel"}, "questions": {"since": {"da": "Siden {partner}?"}}},
        by="test",
    )
    assert made["questions"] == {"since": {"da": "Siden {partner}?"}}
    with pytest.raises(ValidationError) as raised:
        surveys.update(made["id"], {"questions": {"since": {"en": "Since {year}?"}}})
    assert [p.column for p in raised.value.details] == ["questions.since.en"]
