"""A network survey from end to end, in a real chromium against the app served over HTTP.

A coordinator (an editor's browser session) creates a survey from the mentors project of
``tests/data/mini`` on ``/surveys/new``, adds two organisations to the roster, opens the
survey and makes the links on the survey's page. Three organisations answer: Middelfart
Kommune on the answer page in Danish, Frivilligcenter Middelfart on it in English (it
leaves after its first partner and comes back later with the same link), and Æblehavens
Boldklub through the JSON routes. The coordinator's page follows the answers
without a reload, shows each tie's state, takes a decision on a name that is not on the
list, tries the apply (a conflict with the curated tie between the municipality and the
volunteer centre is shown, nothing written), chooses, applies, and the ties are in the
graph with their confirmation states and on the project's map.

Expected ties (by hand, from the answers below and the definitions of the survey contract):

* kommune–frivilligcenter: both answered and named each other: ``confirmed``;
* kommune–trygfonden: TrygFonden was asked and did not answer: ``one_sided``;
* kommune–aeblehaven: Æblehaven answered without naming the municipality: ``contradicted``;
* aeblehaven–trygfonden: ``one_sided``.

The page runs under its Content-Security-Policy; every request to another host is
aborted and fails the test; axe-core finds no serious or critical violations on each
coordinator page (the whole page, in the states the test leaves it in), also at a
phone's size; the survey page can be worked with the keyboard alone.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from graphsvc.api import create_app
from graphsvc.core import Graphsvc
from graphsvc.keys import create_key
from graphsvc.maps.payload import read_payload
from graphsvc.settings import Settings
from graphsvc.surveys.apply import collaboration_id
from tests.api.apihelpers import MINI, ServerThread, sign_in
from tests.axe import assert_accessible
from tests.pagewatch import WatchedPage, close_pages, watch

PROJECT = "frivillige-mentorer"
KOMMUNE = "middelfart-kommune"
CENTRE = "frivilligcenter-middelfart"
TRYG = "trygfonden"
CLUB = "aeblehaven-forening"
CLUB_NAME = 'Æblehavens "Gamle" Boldklub – Ærø'


@dataclass
class Coordinator:
    """The served app, an editor's and a viewer's key, and an HTTP client as the editor."""

    base: str
    editor: str
    viewer: str
    http: httpx.Client
    settings: Settings

    def tables(self) -> dict[str, Any]:
        with Graphsvc.open(self.settings) as graphsvc:
            return dict(graphsvc.tables())

    def collaborations(self) -> list[dict[str, Any]]:
        """Every collaboration as the graph holds it (attributes as a dict)."""
        with Graphsvc.open(self.settings) as graphsvc:
            ids = graphsvc.tables()["collaborations"]["id"].tolist()
            items = [graphsvc.get_stored("collaborations", i) for i in ids]
        out = []
        for stored in items:
            assert stored is not None
            item = dict(stored.item)
            if isinstance(item.get("attributes"), str):  # stored as its JSON text
                item["attributes"] = json.loads(item["attributes"])
            out.append(item)
        return out


@dataclass
class Opened(WatchedPage):
    """A page in its own browser context."""

    context: Any = None
    dialogs: list[str] = field(default_factory=list)

    def wait_ready(self) -> None:
        self.wait("window.graphsvcSurvey && window.graphsvcSurvey.ready === true", timeout=20_000)

    def idle(self) -> None:
        self.wait("window.graphsvcSurvey && !window.graphsvcSurvey.busy()", timeout=20_000)


@pytest.fixture(scope="module")
def served(settings: Settings) -> Iterator[ServerThread]:
    running = ServerThread(create_app(settings)).start()
    yield running
    running.stop()


@pytest.fixture
def coord(settings: Settings, served: ServerThread) -> Iterator[Coordinator]:
    """The mini data set and an editor's and a viewer's key."""
    with Graphsvc.open(settings) as graphsvc:
        graphsvc.reset()
        graphsvc.import_paths([MINI])
        graphsvc.bump_version()
        editor = create_key(graphsvc.store, "editor", "survey e2e editor")[1]
        viewer = create_key(graphsvc.store, "viewer", "survey e2e viewer")[1]
    headers = {"Authorization": f"Bearer {editor}"}
    with httpx.Client(base_url=served.url, headers=headers, timeout=30) as http:
        yield Coordinator(served.url, editor, viewer, http, settings)


@pytest.fixture
def open_page(
    browser: Any, coord: Coordinator, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[..., Opened]]:
    """``open_page(key, path, locale="da-DK", width=1280, height=900, touch=False)``: a
    fresh context (its own cookies: another person) signed in with ``key`` (``None``: not
    signed in); every request to another host is aborted and recorded."""
    opened: list[Opened] = []

    def _open(
        key: str | None,
        path: str,
        *,
        locale: str = "da-DK",
        width: int = 1280,
        height: int = 900,
        touch: bool = False,
        ready: bool = True,
    ) -> Opened:
        context = browser.new_context(
            viewport={"width": width, "height": height},
            locale=locale,
            has_touch=touch,
            is_mobile=touch,
        )
        if key is not None:
            session, _csrf = sign_in(coord.base, key)
            context.add_cookies([{"name": "graphsvc_session", "value": session, "url": coord.base}])
        page = context.new_page()
        result = Opened(page, context=context)
        opened.append(result)
        watch(context, page, result, (coord.base + "/",))
        page.goto(coord.base + path)
        if ready:
            result.wait_ready()
        return result

    yield _open
    close_pages(request, tmp_path, [(o.page, o.context) for o in opened])


# ----------------------------------------------------------------------------- respondents


def answer_by_json(
    base: str,
    token: str,
    partners: list[dict[str, str]],
    ratings: dict[str, dict[str, Any]],
    *,
    lang: str,
    submit: bool = True,
) -> None:
    """A respondent answers through the JSON routes (no key: the token only)."""
    with httpx.Client(base_url=base, timeout=30, headers={"Origin": base}) as http:
        form = http.get(f"/s/{token}/form")
        assert form.status_code == 200, form.text
        for page, body in (
            ("partners", partners),
            ("ratings", ratings),
            ("outcomes", {"achieved": ["new_knowledge"], "comment": ""}),
        ):
            saved = http.put(f"/s/{token}/pages/{page}", json=body, params={"lang": lang})
            assert saved.status_code == 200, saved.text
        if submit:
            done = http.post(f"/s/{token}/submit")
            assert done.status_code == 200, done.text


def rating(frequency: str, kind: str, trust: int, value: int) -> dict[str, Any]:
    return {
        "frequency": frequency,
        "kinds": [kind],
        "since": 2019,
        "reliable": trust,
        "mission": trust,
        "open": trust,
        "power": value,
        "involvement": value,
        "resources": value,
        "contributes": ["information"],
    }


# The answer page's options in their order (graphsvc.surveys.texts): how often, what kind.
FREQUENCIES = ["daily", "weekly", "monthly", "quarterly", "yearly", "never"]
KINDS = ["partnership", "funding", "membership", "knowledge_exchange"]


def next_page(p: Opened) -> None:
    """Press the answer page's main button and wait until the next page is drawn."""
    before = p.js("window.graphsvcSurvey.state()")
    p.page.click("#next")
    p.wait(
        """before => { const s = window.graphsvcSurvey.state();
          return s.step !== before.step || s.partner !== before.partner; }""",
        before,
    )


def choose_partners(p: Opened, names: list[str], others: list[str]) -> None:
    """Tick the roster's organisations by name, and add names not on the list."""
    for name in names:
        index = p.js(
            """name => [...document.querySelectorAll('#roster li label')]
                 .findIndex(l => l.firstChild.textContent === name)""",
            name,
        )
        assert index >= 0, name
        p.page.check(f"#p-{index}")
    for other in others:
        p.page.fill("#other-name", other)
        p.page.click("#other-add")


def rate_on_page(p: Opened, frequency: str, kind: str, trust: int, value: int) -> None:
    """One partner's page: how often, the kind, and the same value on each scale."""
    p.page.check(f"#f-frequency-{FREQUENCIES.index(frequency)}")
    p.page.check(f"#f-kinds-{KINDS.index(kind)}")
    p.page.fill("#f-since", "2019")
    for dimension, level in (("reliable", trust), ("mission", trust), ("open", trust)):
        p.page.check(f"#f-{dimension}-{level - 1}")
    for dimension in ("power", "involvement", "resources"):
        p.page.check(f"#f-{dimension}-{value - 1}")


def rate_partners(p: Opened, plan: dict[str, tuple[str, str, int, int]], prefix: str) -> None:
    """The ratings pages, each partner as its heading names it, until the outcomes."""
    while p.js("window.graphsvcSurvey.state().step") == "ratings":
        heading = p.page.inner_text("#step-h")
        assert heading.startswith(prefix), heading
        rate_on_page(p, *plan[heading[len(prefix) :]])
        next_page(p)


# ----------------------------------------------------------------------------- the pages


def create_survey_on_the_page(open_page: Callable[..., Opened], coord: Coordinator) -> Opened:
    """The coordinator makes a survey of the mentors project on /surveys/new (Danish)."""
    new = open_page(coord.editor, f"/surveys/new?project={PROJECT}")
    page = new.page
    assert page.locator("h1").inner_text() == "Ny netværksundersøgelse"
    assert page.locator("#pick-project").input_value() == PROJECT
    assert_accessible(page)
    page.locator("#create").click()  # nothing filled in: the fields say so
    assert page.locator("#title-da-error").inner_text() == "Udfyld feltet «Titel på dansk»."
    assert page.locator("#title-da").get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "title-da"
    assert_accessible(page)
    page.fill("#title-da", "Mentornetværket i Middelfart")
    page.fill("#title-en", "The mentor network in Middelfart")
    page.fill("#purpose-da", "Hvem arbejder sammen om mentorerne?")
    page.fill("#asker", "Middelfart Kommune")
    page.fill("#asker-contact", "netvaerk@middelfart.dk")
    with page.expect_navigation():
        page.locator("#create").click()
    assert "/page" in page.url
    new.wait_ready()
    return new


def survey_id_of(opened: Opened) -> str:
    return str(opened.js("window.graphsvcSurvey.survey().id"))


def test_a_survey_from_a_project_into_the_graph_and_the_map(
    open_page: Callable[..., Opened], coord: Coordinator
) -> None:
    opened = create_survey_on_the_page(open_page, coord)
    page = opened.page
    survey_id = survey_id_of(opened)
    assert page.locator("#survey-title").inner_text() == "Mentornetværket i Middelfart"
    # the project's participants, without the person who did not consent
    roster = opened.js("window.graphsvcSurvey.roster().map(r => r.actor_id).sort()")
    assert roster == [CENTRE, KOMMUNE]
    assert page.locator("#roster-count").inner_text() == "2 organisationer, 2 spørges."

    # two more organisations on the roster, asked
    for actor in (TRYG, CLUB):
        page.select_option("#add-actor", actor)
        page.locator("#add-actor-button").click()
    assert page.locator("#roster-msg").inner_text() == "Listen har ændringer, der ikke er gemt."
    page.locator("#save-roster").click()
    opened.wait("document.querySelector('#roster-msg').textContent === 'Listen er gemt.'")
    opened.idle()
    assert len(opened.js("window.graphsvcSurvey.roster()")) == 4

    page.locator("#open-survey").click()
    opened.wait("window.graphsvcSurvey.survey().status === 'open'")

    # a contact person for the municipality, then the links
    page.get_by_label("Kontaktperson hos Middelfart Kommune").fill("Mette Hansen")
    page.get_by_label("E-mail til Middelfart Kommune").fill("mh@middelfart.dk")
    page.locator("#make-links").click()
    opened.wait("document.querySelectorAll('#new-links input.link').length === 4")
    opened.idle()
    assert page.locator("#inv-msg").inner_text() == "4 links er oprettet."
    links = {
        row.locator("th").inner_text(): row.locator("input.link").input_value()
        for row in page.locator("#new-links tbody tr").all()
    }
    tokens = {name: url.rsplit("/s/", 1)[1] for name, url in links.items()}
    assert links["Middelfart Kommune"].startswith(coord.base)
    assert set(links) == {
        "Middelfart Kommune",
        "Frivilligcenter Middelfart",
        "TrygFonden",
        'Æblehavens "Gamle" Boldklub – Ærø',
    }
    assert all(url.startswith(coord.base + "/s/") for url in links.values())
    # the contact is shown to the editor, and on the reminder list
    assert "mh@middelfart.dk" in page.locator("#inv-wrap").inner_text()
    assert (
        "Middelfart Kommune (Mette Hansen, mh@middelfart.dk)"
        in page.locator("#reminders").inner_text()
    )
    assert page.locator("#rate").inner_text() == "Svarprocent: 0 % (0 af 4)"
    assert_accessible(page)

    # the status page follows the answers without a reload
    opened.js("window.__same_page = true")
    # the municipality answers on the answer page, in Danish (its browser's language)
    kommune = open_page(None, links["Middelfart Kommune"][len(coord.base) :])
    assert kommune.js("document.documentElement.lang") == "da"
    assert kommune.page.inner_text("h1") == "Mentornetværket i Middelfart"
    next_page(kommune)
    choose_partners(kommune, ["Frivilligcenter Middelfart", "TrygFonden", CLUB_NAME], [])
    next_page(kommune)
    rate_partners(
        kommune,
        {
            "Frivilligcenter Middelfart": ("weekly", "partnership", 4, 3),
            "TrygFonden": ("monthly", "funding", 3, 4),
            CLUB_NAME: ("yearly", "knowledge_exchange", 2, 2),
        },
        "Samarbejdet med ",
    )
    next_page(kommune)  # the outcomes page, then sent
    assert kommune.page.inner_text("#step-h") == "Tak for dine svar"
    opened.wait(
        "document.querySelector('#rate').textContent === 'Svarprocent: 25 % (1 af 4)'",
        timeout=20_000,
    )
    # the volunteer centre answers in English, leaves after its first partner, and comes
    # back later with the same link
    centre = open_page(None, links["Frivilligcenter Middelfart"][len(coord.base) :], locale="en-GB")
    assert centre.js("document.documentElement.lang") == "en"
    next_page(centre)
    choose_partners(centre, ["Middelfart Kommune"], ["Cykelklubben Øst"])
    next_page(centre)
    assert centre.page.inner_text("#step-h") == "Working with Middelfart Kommune"
    rate_on_page(centre, "weekly", "partnership", 3, 3)
    next_page(centre)
    centre.page.goto(links["Frivilligcenter Middelfart"])
    centre.wait_ready()
    assert centre.js("window.graphsvcSurvey.state().step") == "ratings"
    assert centre.page.inner_text("#step-h") == "Working with Cykelklubben Øst"
    rate_partners(
        centre,
        {"Cykelklubben Øst": ("monthly", "knowledge_exchange", 3, 2)},
        "Working with ",
    )
    next_page(centre)
    assert centre.page.inner_text("#step-h") == "Thank you for your answers"
    opened.wait(
        "document.querySelector('#rate').textContent === 'Svarprocent: 50 % (2 af 4)'",
        timeout=20_000,
    )
    # and the club through the JSON routes
    answer_by_json(
        coord.base,
        tokens['Æblehavens "Gamle" Boldklub – Ærø'],
        [{"actor_id": TRYG}],
        {TRYG: rating("monthly", "funding", 4, 4)},
        lang="da",
    )
    opened.wait(
        "document.querySelector('#rate').textContent === 'Svarprocent: 75 % (3 af 4)'",
        timeout=20_000,
    )
    opened.idle()
    assert opened.js("window.__same_page") is True  # no reload
    states = {
        frozenset((t["a"], t["b"])): t["state"]
        for t in opened.js("window.graphsvcSurvey.status().ties")
    }
    assert states == {
        frozenset((KOMMUNE, CENTRE)): "confirmed",
        frozenset((KOMMUNE, TRYG)): "one_sided",
        frozenset((KOMMUNE, CLUB)): "contradicted",
        frozenset((CLUB, TRYG)): "one_sided",
    }
    ties_text = page.locator("#ties").inner_text()
    for word in ("bekræftet af begge", "nævnt af én", "modsagt"):
        assert word in ties_text
    assert page.locator("#ties-count").inner_text() == (
        "4 forbindelser: 1 bekræftet af begge, 2 nævnt af én, 1 modsagt."
    )
    sector_table = page.locator("#by-sector table").inner_text()
    assert "Offentlig" in sector_table or "offentlig" in sector_table.lower()
    # the reminder list has TrygFonden only
    assert page.locator("#reminders li").all_inner_texts() == ["TrygFonden"]

    # the name not on the list waits for a decision
    review = page.locator("#review")
    assert "Cykelklubben Øst" in review.inner_text()
    assert "Frivilligcenter Middelfart" in review.inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Se bort fra «Cykelklubben Øst»").click()
    opened.wait(
        "document.querySelector('#review-msg').textContent === '«Cykelklubben Øst» er afgjort.'"
    )
    opened.idle()
    assert page.locator("#review").inner_text().strip() == "Ingen navne venter."

    # the trial: a conflict with the curated tie, nothing written
    before = coord.tables()["collaborations"]
    assert page.locator("#do-apply").is_disabled()
    page.locator("#dry-run").click()
    opened.wait("window.graphsvcSurvey.lastApply() !== null")
    opened.idle()
    trial = opened.js("window.graphsvcSurvey.lastApply()")
    assert trial["dry_run"] is True
    # both pairs that have a curated tie in tests/data/mini (c-kommune-frivilligcenter,
    # c-trygfonden-forening) are conflicts; the other two are written
    assert sorted(c["pair"] for c in trial["conflicts"]) == [
        "aeblehaven-forening--trygfonden",
        "frivilligcenter-middelfart--middelfart-kommune",
    ]
    conflicts = page.locator("#conflicts tbody tr")
    assert conflicts.count() == 2
    assert page.locator("#apply-msg").inner_text().startswith("Prøven: 2 oprettes, 0 opdateres")
    assert len(coord.tables()["collaborations"]) == len(before)  # nothing written
    assert_accessible(page)

    # write the answers' version of the tie both sides confirmed, keep TrygFonden's
    conflicts.filter(has_text="Frivilligcenter Middelfart").get_by_label("Skriv svarenes").check()
    page.locator("#dry-run").click()
    opened.wait("window.graphsvcSurvey.lastApply().conflicts.length === 1")
    opened.idle()
    assert page.locator("#apply-msg").inner_text().startswith("Prøven: 3 oprettes, 0 opdateres")
    assert page.locator("#do-apply").is_enabled()
    page.locator("#do-apply").click()
    opened.wait("window.graphsvcSurvey.lastApply() && !window.graphsvcSurvey.lastApply().dry_run")
    opened.idle()
    done = opened.js("window.graphsvcSurvey.lastApply()")
    assert done["created"] == 3, done
    assert page.locator("#apply-msg").inner_text().startswith("Skrevet: 3 oprettet, 0 opdateret")

    # the graph: one collaboration per pair, with its confirmation state and provenance
    written = {
        frozenset((item["source_id"], item["target_id"])): item
        for item in coord.collaborations()
        if f"survey:{survey_id}" in item["sources"]
    }
    assert set(written) == set(states) - {frozenset((CLUB, TRYG))}  # kept the curated one
    for pair, item in written.items():
        assert item["attributes"]["confirmation"] == states[pair]
        assert item["attributes"]["survey"] == survey_id
        assert item["id"] == collaboration_id(survey_id, *sorted(pair))
    confirmed = written[frozenset((KOMMUNE, CENTRE))]
    assert confirmed["evidence"] == "documented"
    assert confirmed["kind"] == "partnership"
    assert float(confirmed["weight"]) == 4.0  # weekly (4) on both sides
    assert confirmed["attributes"]["trust"] == "3.50"  # 4, 4, 4 and 3, 3, 3: mean 3.5
    assert written[frozenset((KOMMUNE, TRYG))]["evidence"] == "weak"
    assert float(written[frozenset((KOMMUNE, CLUB))]["weight"]) == 1.0  # yearly, one side

    # the project's map shows them; the survey page links it
    assert page.locator("#scope-map").get_attribute("href") == (
        f"/maps/project?id={PROJECT}&lang=da"
    )
    assert page.locator("#result-map").is_visible()
    html = coord.http.get("/maps/project", params={"id": PROJECT, "lang": "da"})
    assert html.status_code == 200
    edge_ids = {str(e.get("id")) for e in read_payload(html.text)["edges"]}
    # the project's map draws the ties among its participants: the confirmed one
    assert written[frozenset((KOMMUNE, CENTRE))]["id"] in edge_ids, sorted(edge_ids)
    # and the network's map all of them
    html = coord.http.get("/maps/network", params={"lang": "da"})
    assert html.status_code == 200
    edges = {str(e.get("id")): e for e in read_payload(html.text)["edges"]}
    for pair, item in written.items():
        assert item["id"] in edges, (item["id"], sorted(edges))
        # drawn dashed when only one side said so (graphsvc.maps.survey_ties)
        assert bool(edges[item["id"]].get("dashes")) == (states[pair] != "confirmed")

    # applying twice changes nothing
    page.locator("#dry-run").click()
    opened.wait("window.graphsvcSurvey.lastApply().dry_run === true")
    opened.idle()
    page.locator("#do-apply").click()
    opened.wait("window.graphsvcSurvey.lastApply().dry_run === false")
    opened.idle()
    again = opened.js("window.graphsvcSurvey.lastApply()")
    assert (again["created"], again["updated"]) == (0, 0)

    # English at a click, without a reload
    page.get_by_role("button", name="English").click()
    assert page.locator("#status-h").inner_text() == "3. Answers and ties"
    assert "confirmed by both" in page.locator("#ties").inner_text()
    assert page.locator("#rate").inner_text() == "Response rate: 75 % (3 of 4)"
    assert opened.js("window.__same_page") is True
    assert_accessible(page)
    opened.assert_clean()


# ----------------------------------------------------------------------------- smaller


def make_survey(coord: Coordinator) -> str:
    made = coord.http.post(
        "/surveys",
        json={
            "title": {"da": "Netværket", "en": "The network"},
            "scope_kind": "project",
            "scope_id": PROJECT,
            "asker": "Middelfart Kommune",
            "asker_contact": "netvaerk@middelfart.dk",
            "purpose": {"da": "Hvem arbejder sammen?"},
        },
    )
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


def test_a_viewer_gets_no_survey_page_and_a_stranger_signs_in_first(
    open_page: Callable[..., Opened], coord: Coordinator
) -> None:
    survey_id = make_survey(coord)
    viewer = open_page(coord.viewer, f"/surveys/{survey_id}/page", ready=False)
    assert viewer.page.locator("#forbidden-h").inner_text() == (
        "Din nøgle giver ikke lov til at styre undersøgelser."
    )
    assert viewer.page.locator("#roster-card").count() == 0
    assert_accessible(viewer.page)
    stranger = open_page(None, f"/surveys/{survey_id}/page", ready=False)
    assert "/login?next=" in stranger.page.url
    answer = coord.http.get(f"/surveys/{survey_id}/page")
    assert answer.status_code == 200  # the editor's key in the client
    missing = coord.http.get("/surveys/no-such-survey/page")
    assert missing.status_code == 404
    # a survey of a municipality or a workshop starts the same way
    for query, scope in (
        ("municipality=DK-410", '"scope":{"id":"DK-410","kind":"municipality"}'),
        ("workshop=w1", '"scope":{"id":"w1","kind":"workshop"}'),
    ):
        html = coord.http.get(f"/surveys/new?{query}&lang=en")
        assert html.status_code == 200 and scope in html.text
        assert '{"id":"DK-410","name":"Middelfart"}' in html.text  # offered by name


def test_the_survey_page_by_keyboard_and_at_a_phone_size(
    open_page: Callable[..., Opened], coord: Coordinator
) -> None:
    survey_id = make_survey(coord)
    # the keyboard: from the skip link through the controls, activating with Enter
    desk = open_page(coord.editor, f"/surveys/{survey_id}/page?lang=en")
    keys = desk.page.keyboard
    keys.press("Tab")
    assert desk.js("document.activeElement.className") == "skip"
    keys.press("Enter")
    assert desk.js("document.activeElement.id") == "main"
    reached: list[str] = []

    def tab_to(target: Callable[[str], bool]) -> None:
        for _ in range(80):
            keys.press("Tab")
            ident = desk.js(
                "document.activeElement.id || document.activeElement.getAttribute('aria-label')"
                " || document.activeElement.tagName"
            )
            reached.append(str(ident))
            if target(str(ident)):
                return
        raise AssertionError(f"never reached by Tab: {reached}")

    tab_to(lambda ident: ident == "make-links")
    keys.press("Enter")  # the links, from the keyboard
    desk.wait("document.querySelectorAll('#new-links input.link').length === 2")
    desk.idle()
    tab_to(lambda ident: ident.startswith("Copy the link for"))
    first_link = desk.page.locator("#new-links input.link").first.input_value()
    # the mail merge list: new links for everyone who has not answered, the old ones void
    with desk.page.expect_download() as download:
        desk.page.locator("#mail-merge-csv").click()
    desk.idle()
    merged = Path(download.value.path()).read_text("utf-8-sig")
    assert merged.count(coord.base + "/s/") == 2, merged
    assert "Middelfart Kommune" in merged and "Frivilligcenter Middelfart" in merged
    assert first_link not in merged
    old = coord.http.get("/s/" + first_link.rsplit("/s/", 1)[1] + "/form")
    assert old.status_code == 410, old.text  # a replaced link is withdrawn, not unknown
    tab_to(lambda ident: ident == "dry-run")
    for control in ("open-survey", "save-roster", "roster-file", "upload-roster", "make-links"):
        assert control in reached, reached
    assert reached.index("open-survey") < reached.index("save-roster") < reached.index("make-links")
    keys.press("Enter")  # the trial
    desk.wait("window.graphsvcSurvey.lastApply() !== null")
    desk.idle()
    assert desk.page.locator("#apply-msg").inner_text().startswith("Trial:")
    assert_accessible(desk.page)

    # a phone: nothing wider than the screen, touch works, and axe is content
    phone = open_page(
        coord.editor, f"/surveys/{survey_id}/page?lang=da", width=390, height=844, touch=True
    )
    overflow = phone.js("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than the phone"
    assert_accessible(phone.page)
    phone.page.locator("#dry-run").tap()
    phone.wait("window.graphsvcSurvey.lastApply() !== null")
    phone.idle()
    assert phone.page.locator("#apply-msg").inner_text().startswith("Prøven:")
    assert_accessible(phone.page)
    new = open_page(
        coord.editor, f"/surveys/new?project={PROJECT}", width=390, height=844, touch=True
    )
    assert new.js("document.documentElement.scrollWidth - window.innerWidth") <= 1
    assert_accessible(new.page)
    for opened in (desk, phone, new):
        opened.assert_clean()


def test_the_roster_from_a_file_and_a_link_revoked_and_made_again(
    open_page: Callable[..., Opened], coord: Coordinator
) -> None:
    survey_id = make_survey(coord)
    opened = open_page(coord.editor, f"/surveys/{survey_id}/page?lang=en")
    page = opened.page

    # a file that names an actor the graph does not know: said with its row and column,
    # and nothing changes
    bad = "id,spørges\nmiddelfart-kommune,ja\nno-such-actor,ja\n".encode()
    page.set_input_files(
        "#roster-file", {"name": "liste.csv", "mimeType": "text/csv", "buffer": bad}
    )
    page.locator("#upload-roster").click()
    opened.wait("document.querySelector('#roster-msg').classList.contains('error')")
    said = page.locator("#roster-msg").inner_text()
    assert "liste.csv, row 3, column “id”: no such actor" in said, said
    assert len(opened.js("window.graphsvcSurvey.roster()")) == 2

    # a good one replaces the roster: TrygFonden asked, the club only to be named
    good = (
        "navn,spørges\nMiddelfart Kommune,ja\nTrygFonden,ja\n"
        '"Æblehavens ""Gamle"" Boldklub – Ærø",nej\n'
    ).encode()
    page.set_input_files(
        "#roster-file", {"name": "liste.csv", "mimeType": "text/csv", "buffer": good}
    )
    page.locator("#upload-roster").click()
    opened.wait("document.querySelector('#roster-msg').textContent.startsWith('The list was')")
    opened.idle()
    roster = {r["actor_id"]: r["asked"] for r in opened.js("window.graphsvcSurvey.roster()")}
    assert roster == {KOMMUNE: True, TRYG: True, CLUB: False}
    assert page.locator("#roster-count").inner_text() == "3 organisations, 2 asked."

    # the survey opened, links for the two asked; TrygFonden's is revoked, then made again
    page.locator("#open-survey").click()
    opened.wait("window.graphsvcSurvey.survey().status === 'open'")
    opened.idle()
    page.locator("#make-links").click()
    opened.wait("document.querySelectorAll('#new-links input.link').length === 2")
    opened.idle()
    first = page.get_by_role("textbox", name="Link for TrygFonden", exact=True).input_value()
    page.get_by_role("button", name="Revoke the link for TrygFonden").click()
    opened.wait(
        "document.querySelector('#inv-msg').textContent === 'The link for TrygFonden was revoked.'"
    )
    opened.idle()
    states = page.locator("#inv-wrap tbody tr").all_inner_texts()
    assert any(row.startswith("TrygFonden") and "revoked" in row for row in states), states
    old_token = first.rsplit("/s/", 1)[1]
    assert coord.http.get(f"/s/{old_token}/form").status_code == 410  # revoked
    page.get_by_role("button", name="Make a new link for TrygFonden").click()
    opened.wait("document.querySelectorAll('#new-links input.link').length === 3")
    opened.idle()
    again = page.get_by_role("textbox", name="Link for TrygFonden", exact=True).first.input_value()
    assert again != first
    assert coord.http.get(f"/s/{again.rsplit('/s/', 1)[1]}/form").status_code == 200

    # the texts: a question in the survey's own words, checked by the server
    page.locator("#texts-details summary").click()
    page.fill("#q-since-da", "Hvornår begyndte I med {partnr}?")
    page.locator("#save-texts").click()
    opened.wait("document.querySelector('#texts-msg').classList.contains('error')")
    assert "since" in page.locator("#texts-msg").inner_text()
    page.fill("#q-since-da", "Hvornår begyndte I med {partner}?")
    page.fill("#edit-title-en", "Who works with whom")
    page.locator("#save-texts").click()
    opened.wait("document.querySelector('#texts-msg').textContent === 'The texts are saved.'")
    opened.idle()
    saved = coord.http.get(f"/surveys/{survey_id}").json()
    assert saved["questions"] == {"since": {"da": "Hvornår begyndte I med {partner}?"}}
    assert saved["title"] == {"da": "Netværket", "en": "Who works with whom"}
    assert page.locator("#survey-title").inner_text() == "Who works with whom"
    assert_accessible(page)
    opened.assert_clean(allow_console=("410", "422"))
