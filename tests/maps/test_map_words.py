"""The words of the maps (#14 "maps people can read"): measure names with explanations,
sources as document titles with their passage, keywords as words."""

from __future__ import annotations

import re

import pytest

from graphsvc import i18n
from graphsvc.maps.payload import read_payload
from graphsvc.reference import source_title, sources
from tests.maps.seed_server import seed_map, seed_measures, seed_tables

RAW = re.compile(r"^[a-z]+(_[a-z]+)+$")  # a column name such as "betweenness_weighted"


def payload(html: str) -> dict:
    return read_payload(html)  # nodes and edges expanded from the page's columns


@pytest.fixture(scope="module", params=["da", "en"])
def seed_info(request: pytest.FixtureRequest) -> tuple[str, dict]:
    return request.param, payload(seed_map("network", lang=request.param))["info"]


def test_every_bridging_column_has_words():
    numeric = [
        c
        for c in seed_measures(None).columns
        if c not in ("name", "kind", "sector", "scale", "locality", "role_en", "role_da")
    ]
    assert {"betweenness_weighted", "coordinator", "core_number", "cut_off", "z_liaison"} <= set(
        numeric
    )
    table = i18n.measure_table()
    for column in numeric:
        assert column in table, column
        for lang in ("da", "en"):
            name = i18n.measure_name(lang, column)
            explanation = i18n.measure_explanation(lang, column)
            assert name != column and not RAW.match(name), (column, lang, name)
            assert explanation and 20 < len(explanation) <= 100, (column, lang)
            assert "_" not in name + explanation
    # Danish words are Danish, English English (one sample each way).
    assert i18n.measure_name("da", "cut_off") == "Afskårne aktører"
    assert i18n.measure_name("en", "sole_broker_pairs") == "Sole broker for pairs of groups"
    assert i18n.measure_name("da", "z_liaison") == "Forbindelsesled, z-værdi"


def test_side_panel_names_and_explains_measures(seed_info):
    lang, info = seed_info
    measures = info["kraeftens-bekaempelse"]["measures"]
    names = [m[0] for m in measures]
    assert not [n for n in names if RAW.match(n) or "_" in n], names
    assert len(measures) >= 20 and all(len(m) == 3 and m[2] for m in measures)
    first = {"da": "Antal forbindelser", "en": "Ties"}[lang]
    assert measures[0][0] == first and measures[0][1] == "6"  # degree: 6 (seed README)
    constraint = next(m for m in measures if m[0].startswith(("Begrænsning", "Constraint")))
    assert constraint[1] == {"da": "0,501", "en": "0.501"}[lang]  # decimal comma in Danish


def test_sources_are_titles_with_their_passage(seed_info):
    _lang, info = seed_info
    entry = info["kraeftens-bekaempelse"]
    assert entry["sources"] == [source_title("seed:001_c19b46e5f2d43751")]
    assert entry["sources"][0].startswith("Gode rammer for samskabelse")
    assert entry["passage"].startswith("Legepatruljen er et samarbejde mellem")
    assert not [i for i in info.values() for s in i.get("sources", []) if s.startswith("seed:")]
    # every source the seed cites has a title (no id shown for the seed's documents)
    cited = {
        s
        for table in ("actors", "projects", "participations", "collaborations")
        for sources in seed_tables()[table]["sources"]
        for s in sources or []
    }
    assert cited and cited <= set(sources())
    assert source_title("https://example.org/x") == "https://example.org/x"


def test_tie_tooltips_name_their_source():
    data = payload(seed_map("network", lang="da"))
    tips = [e["tip"] for e in data["edges"]]
    assert any(line.startswith("Kilder: Gode rammer for samskabelse") for t in tips for line in t)
    assert not any("seed:" in line for t in tips for line in t)


def test_tags_are_words(seed_info):
    _lang, info = seed_info
    tags = {t for i in info.values() for t in i.get("tags", [])}
    assert "94 kommuner 2012" in tags and "94-kommuner-2012" not in tags
    assert {"målgruppe", "idræt", "netværk", "foreslået", "børn unge"} <= tags
    assert "aarhus" in tags  # a real "aa" stays
    assert not [t for t in tags if "-" in t]
    assert i18n.tag_words("konceptbaaret") == "konceptbåret"
    assert i18n.tag_words("beboere") == "beboere"
