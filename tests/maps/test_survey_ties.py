"""Ties a survey wrote, on the maps: coloured by trust, dashed unless confirmed by both.

The ties are created through ``Graphsvc.create_item`` as a survey's apply step writes
them (``sources=["survey:<id>"]``, ``attributes`` with ``confirmation``, ``trust``,
``value``: ``graphsvc/surveys/apply.py``), in the session's real FalkorDB; the map is
``Graphsvc.map_html`` read back with ``read_payload``, and drawn in Debian's chromium.
"""

from __future__ import annotations

import itertools

import pytest

from graphsvc.maps.html import TIE_COLOURS
from graphsvc.maps.payload import read_payload
from graphsvc.maps.survey_ties import STATE_DASHES, TRUST_COLOURS
from tests.axe import assert_accessible
from tests.maps.test_colours import VISION, contrast, seen

ACTORS = ("aarhus-kommune", "boligforeningen", "cykelklubben", "dagplejen", "erhvervshuset")
# (a, b, confirmation, trust, value): trust decides the colour, the state the dashes
SURVEYED = [
    ("aarhus-kommune", "boligforeningen", "confirmed", "3.67", "3.00"),
    ("aarhus-kommune", "cykelklubben", "one_sided", "1.50", "2.00"),
    ("boligforeningen", "dagplejen", "contradicted", "2.67", "2.33"),
    ("cykelklubben", "dagplejen", "confirmed", "3.00", "2.67"),
    ("boligforeningen", "cykelklubben", "one_sided", None, None),  # all "ved ikke"
]
SURVEY = "s-2026-1"


def tie_id(a: str, b: str) -> str:
    return f"survey-{SURVEY}-{a}-{b}"  # as the survey apply step names them (a slug)


@pytest.fixture
def surveyed(graphsvc):
    for n, actor in enumerate(ACTORS):
        graphsvc.create_item(
            "actors",
            {
                "id": actor,
                "name": actor.replace("-", " ").title(),
                "kind": "association" if n else "municipality",
                "sector": "civil_society" if n else "public",
                "scale": "local",
                "locality": "DK-751",
                "sources": ["test:survey-ties"],
            },
        )
    graphsvc.create_item(  # curated: no survey, keeps its kind's colour and solid line
        "collaborations",
        {
            "id": "curated-aarhus-erhvervshuset",
            "source_id": "aarhus-kommune",
            "target_id": "erhvervshuset",
            "kind": "partnership",
            "sources": ["test:survey-ties"],
        },
    )
    for a, b, state, trust, value in SURVEYED:
        attributes = {"survey": SURVEY, "confirmation": state, "respondents": a}
        if trust is not None:
            attributes |= {"trust": trust, "value": value}
        graphsvc.create_item(
            "collaborations",
            {
                "id": tie_id(a, b),
                "source_id": a,
                "target_id": b,
                "kind": "partnership",
                "weight": 3,
                "sources": [f"survey:{SURVEY}"],
                "evidence": "documented" if state == "confirmed" else "weak",
                "attributes": attributes,
            },
        )
    return graphsvc


@pytest.fixture
def pages(surveyed) -> dict[str, str]:
    return {lang: surveyed.map_html("network", lang=lang) for lang in ("da", "en")}


def test_trust_scale_is_ordered_and_safe():
    # Sequential: lighter = less trust, under normal vision and both colour blindnesses,
    # at least 10 L* per step (test_colours.py checks the palette rule, 15 CIELAB units
    # between any two), and every step 3:1 against the white map (WCAG 1.4.11).
    for vision in VISION:
        lightness = [float(seen(c, vision)[0]) for c in TRUST_COLOURS]
        assert lightness == sorted(lightness, reverse=True), (vision, lightness)
        assert all(a - b >= 10 for a, b in itertools.pairwise(lightness)), vision
    assert all(contrast(c) >= 3 for c in TRUST_COLOURS)
    assert not set(TRUST_COLOURS) & set(TIE_COLOURS.values())


def test_payload_dashes_and_trust_colours(pages):
    edges = {e["id"]: e for e in read_payload(pages["da"])["edges"]}
    # Dashes: one_sided long, contradicted short, confirmed and curated ties solid.
    for a, b, state, _trust, _value in SURVEYED:
        edge = edges[tie_id(a, b)]
        assert edge.get("dashes", False) == STATE_DASHES.get(state, False), (a, b, state)
    assert STATE_DASHES["one_sided"] != STATE_DASHES["contradicted"]
    assert "dashes" not in edges["curated-aarhus-erhvervshuset"]
    # Colours by trust: 1.50 → band 0, 2.67 → band 2, 3.00 → band 2, 3.67 → band 3.
    colour = {tie_id(a, b): edges[tie_id(a, b)]["color"]["color"] for a, b, *_ in SURVEYED}
    assert colour[tie_id(*SURVEYED[1][:2])] == TRUST_COLOURS[0]
    assert colour[tie_id(*SURVEYED[2][:2])] == TRUST_COLOURS[2]
    assert colour[tie_id(*SURVEYED[3][:2])] == TRUST_COLOURS[2]
    assert colour[tie_id(*SURVEYED[0][:2])] == TRUST_COLOURS[3]
    # … so ordered by trust, the colours get darker (never lighter).
    by_trust = sorted((float(t), colour[tie_id(a, b)]) for a, b, _s, t, _v in SURVEYED if t)
    lightness = [float(seen(c, "normal")[0]) for _t, c in by_trust]
    assert lightness == sorted(lightness, reverse=True)
    # Without trust (every item "ved ikke") a surveyed tie keeps its kind's colour, as the
    # curated tie does.
    assert colour[tie_id(*SURVEYED[4][:2])] == TIE_COLOURS["partnership"]
    assert edges["curated-aarhus-erhvervshuset"]["color"]["color"] == TIE_COLOURS["partnership"]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("da", ("bekræftet af begge", "nævnt af én", "modsagt", "tillid 3,7 af 4",
                "værdi 2,3 af 4")),
        ("en", ("confirmed by both", "named by one", "contradicted", "trust 3.7 of 4",
                "value 2.3 of 4")),
    ],
)  # fmt: skip
def test_tooltips_and_legend_say_it_in_words(pages, lang, words):
    page = pages[lang]
    edges = {e["id"]: e for e in read_payload(page)["edges"]}
    confirmed, one_sided, contradicted, trust, value = words
    assert confirmed in edges[tie_id(*SURVEYED[0][:2])]["tip"]
    assert trust in edges[tie_id(*SURVEYED[0][:2])]["tip"]  # 3.67 → 3,7
    assert one_sided in edges[tie_id(*SURVEYED[1][:2])]["tip"]
    tip = edges[tie_id(*SURVEYED[2][:2])]["tip"]
    assert contradicted in tip and value in tip  # 2.33 → 2,3
    # no trust rated: the tooltip says the state, and no score
    unrated = edges[tie_id(*SURVEYED[4][:2])]["tip"]
    assert one_sided in unrated
    assert not [line for line in unrated if line.startswith((trust[:6], value[:6]))]
    survey = {"da": "Spørgeskema", "en": "Survey"}[lang]
    for state in (confirmed, one_sided, contradicted):
        assert f"{survey}: {state}" in page
    band = {"da": "Tillid 3,25–4 af 4", "en": "Trust 3.25–4 of 4"}[lang]
    assert band in page


@pytest.mark.browser
def test_map_with_survey_ties_draws_cleanly(open_map, pages):
    m = open_map(pages["da"])
    drawn = m.js(
        """(ids) => ids.map((id) => {
            const e = window.graphsvcMap.edges.get(id);
            return e ? [e.dashes || false, e.color.color] : null;
        })""",
        [tie_id(a, b) for a, b, *_ in SURVEYED],
    )
    assert [d[0] for d in drawn] == [STATE_DASHES.get(s, False) for _a, _b, s, *_ in SURVEYED]
    assert drawn[0][1] == TRUST_COLOURS[3] and drawn[1][1] == TRUST_COLOURS[0]
    legend = m.page.inner_text("#legend")
    for words in ("Spørgeskema: bekræftet af begge", "Spørgeskema: nævnt af én",
                  "Spørgeskema: modsagt", "Tillid 3,25–4 af 4", "Tillid 1–1,75 af 4"):  # fmt: skip
        assert words in legend, words
    # the dashed and dotted samples are drawn (visible, with a border)
    style = m.js(
        """() => getComputedStyle(document.querySelector('.mark-survey-one_sided'))
                 .borderTopStyle"""
    )
    assert style == "dashed"
    assert_accessible(m.page)  # WCAG 2.1 AA: no serious or critical violation
    m.assert_clean()
