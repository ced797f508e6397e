"""The maps' side panels and tie tooltips show the schema-2 fields (#12) in the reader's
language: dates as written, money with its currency and kind, inferred fields marked,
part of / follows, member counts, places, a successor."""

from __future__ import annotations

from pathlib import Path

from graphsvc.core import Graphsvc
from tests.export_items import NEW_ITEMS
from tests.maps.test_maps_unit import payload


def _map(graphsvc: Graphsvc, mini_dir: Path, lang: str) -> dict:
    graphsvc.import_paths([mini_dir])
    for table in ("projects", "actors", "participations", "collaborations"):
        graphsvc.create_item(table, NEW_ITEMS[table])
    return payload(graphsvc.map_html("network", lang=lang))


def test_panels_in_danish(graphsvc: Graphsvc, mini_dir: Path) -> None:
    data = _map(graphsvc, mini_dir, "da")
    project = dict(data["info"]["hr-berg"]["facts"])
    assert project["Periode"] == "2014 – ca. juni 2016"
    assert project["Sted"] == "Bispehaven (bydel eller boligområde)"
    assert (project["Del af"], project["Følger efter"]) == (
        "Legepatruljen",
        "Frivillige sociale mentorer",
    )
    assert project["Udledt (ikke sagt direkte i kilden)"] == "følger"
    partners = dict(data["info"]["hr-berg"]["roles"])
    assert partners["Sund By Netværket"] == (
        "Bevillingsgiver, Bevilling: 1.500.000,50 NOK (kontant tilskud) (udledt: rolle, start)"
    )
    group = dict(data["info"]["sund-by"]["facts"])
    assert group["Levetid"] == "1990 – marts 2018"
    assert group["Blev til"] == "TrygFonden"
    assert group["Medlemstype"] == "Kommune"
    assert group["Antal medlemmer"] == "20 (2012); ca. 80"
    assert group["Sted"] == "landsdækkende (hele landet)"
    roles = dict(data["info"]["sund-by"]["roles"])
    assert roles["Hr. Berg"].startswith(
        "Bevillingsgiver, marts 2016 – …, Bevilling: 1.500.000,50 NOK"
    )
    tips = {edge["id"]: edge["tip"] for edge in data["edges"]}
    tip = tips["c-sund-by-kommune"]
    assert tip[0] == "Koordinering"
    assert "Bevilling: 20.000 EUR (offentlig pulje)" in tip
    assert "Om projekterne: Hr. Berg, Legepatruljen" in tip
    assert "Foreslået af: Frivilligrådet" in tip
    assert "udledt: retning" in tip
    assert "… – 2014" in tip


def test_panels_in_english(graphsvc: Graphsvc, mini_dir: Path) -> None:
    data = _map(graphsvc, mini_dir, "en")
    project = dict(data["info"]["hr-berg"]["facts"])
    assert project["Period"] == "2014 – about June 2016"
    partners = dict(data["info"]["hr-berg"]["roles"])
    assert partners["Sund By Netværket"] == (
        "Funder, Funding: 1,500,000.50 NOK (cash grant) (inferred: role, start)"
    )
    group = dict(data["info"]["sund-by"]["facts"])
    assert group["Number of members"] == "20 (2012); about 80"
    assert group["Lifetime"] == "1990 – March 2018"
    assert group["Inferred (not said directly by the source)"] == "kind"
    tip = {edge["id"]: edge["tip"] for edge in data["edges"]}["c-sund-by-kommune"]
    assert "Funding: 20,000 EUR (public pool)" in tip and "inferred: direction" in tip
