"""One pseudonym scheme (#14): a hidden person is "Person N" on maps, in workshops, in
exports and in the API, with the same N everywhere, and the label shows no digest."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx

from graphsvc.core import Graphsvc
from graphsvc.maps.payload import read_payload
from graphsvc.privacy import Redactor, mask_id, mask_tie_id, pseudonyms, redact_network
from graphsvc.reports.data import _sources
from graphsvc.workshop.masking import PersonMask

SEED = Path(__file__).resolve().parents[1] / "seed"


def test_labels_are_numbers_in_digest_order() -> None:
    ids = ["mette-jensen", "ole-hansen", "anna-berg", "bo-holm"]
    labels = pseudonyms(ids, b"k")
    assert sorted(labels.values()) == ["Person 1", "Person 2", "Person 3", "Person 4"]
    assert pseudonyms(reversed(ids), b"k") == labels  # stable: the order given does not matter
    by_mask = sorted(ids, key=lambda i: mask_id(i, b"k"))
    assert [labels[i] for i in by_mask] == ["Person 1", "Person 2", "Person 3", "Person 4"]
    # the label tells nothing of the id: not its alphabetical place under every key
    orders = {tuple(sorted(ids, key=lambda i: pseudonyms(ids, k)[i])) for k in (b"a", b"b", b"c")}
    assert len(orders) > 1
    # no digest: nothing of the masked id is in the label
    for i, label in labels.items():
        assert mask_id(i, b"k").split("-")[1] not in label
    assert Redactor.for_hidden({"mette-jensen": "Mette Jensen"}, b"k")("Mette Jensen") == (
        "Person 1"
    )


def test_hidden_ids_are_masked_in_keys_and_agreement_tie_ids() -> None:
    redactor = Redactor.for_hidden({"mette-jensen": "Mette Jensen"}, b"k")
    masked = mask_id("mette-jensen", b"k")
    shown = redactor({"removed_roles": {"mette-jensen": ["broker"], "ole": ["hub"]}})
    assert shown == {"removed_roles": {masked: ["broker"], "ole": ["hub"]}}
    # agreement-derived ties are <agreement>~<a>~<b>
    for tie in ("aftale~mette-jensen~ole", "aftale~ole~mette-jensen", "x-mette-jensen-y"):
        assert mask_tie_id(tie, ["mette-jensen"], b"k").startswith("tie-"), tie
        assert redactor(tie).startswith("tie-"), tie
    assert mask_tie_id("aftale~mette-jensens~ole", ["mette-jensen"], b"k") == (
        "aftale~mette-jensens~ole"
    )


def test_a_network_is_redacted_with_the_field_rules_of_the_tables() -> None:
    hidden = {"mette-jensen": "Mette Jensen"}
    masked = mask_id("mette-jensen", b"k")
    network = nx.MultiDiGraph()
    network.add_node(
        "mette-jensen", id="mette-jensen", type="actor", name="Mette Jensen", is_person=True,
        description="Mentor", website="https://mette.dk", cvr="12345678",
    )  # fmt: skip
    network.add_node("ole", id="ole", type="actor", name="Ole", successor_id="mette-jensen")
    network.add_node("g", id="g", type="actor", name="G", description="Med Mette Jensen")
    network.add_edge(
        "mette-jensen", "ole", key="aftale~mette-jensen~ole", id="aftale~mette-jensen~ole",
        type="collaboration", source_id="mette-jensen", target_id="ole",
        proposed_by="mette-jensen", description="Mette Jensens aftale",
    )  # fmt: skip
    network.add_edge(
        "ole", "g", key="c-ole-g", id="c-ole-g", type="collaboration", source_id="ole",
        target_id="g", proposed_by="mette-jensen", description="Foreslået af Mette Jensen",
    )  # fmt: skip
    shown = redact_network(network, hidden, b"k")
    person = shown.nodes[masked]
    assert person["id"] == masked and person["name"] == "Person 1"
    assert person["description"] is None and person["website"] is None and person["cvr"] is None
    assert shown.nodes["ole"]["successor_id"] == masked
    assert shown.nodes["g"]["description"] == "Med Person 1"
    ((_, _, key, tie),) = shown.edges(masked, keys=True, data=True)
    assert key.startswith("tie-") and tie["id"] == key
    assert tie["source_id"] == masked and tie["proposed_by"] == masked
    assert "description" not in tie
    other = shown.edges["ole", "g", "c-ole-g"]
    assert other["proposed_by"] == masked and other["description"] == "Foreslået af Person 1"
    text = json.dumps(nx.node_link_data(shown, edges="links"), ensure_ascii=False, default=str)
    assert "mette-jensen" not in text and "Mette Jensen" not in text


def test_maps_workshops_exports_agree(graphsvc: Graphsvc, tmp_path: Path) -> None:
    graphsvc.import_paths([SEED])
    hidden = graphsvc.hidden_persons()
    key = graphsvc.pseudonym_key()
    assert len(hidden) >= 5
    expected = pseudonyms(hidden, key)
    assert sorted(expected.values(), key=lambda v: int(v.split()[1])) == [
        f"Person {n}" for n in range(1, len(hidden) + 1)
    ]
    # export (JSON node-link): each person under her masked id and her label
    (out,) = graphsvc.export("json", tmp_path / "g.json")
    nodes = {n["id"]: n for n in json.loads(out.read_text("utf-8"))["nodes"]}
    exported = {i: nodes[mask_id(i, key)]["label"] for i in hidden}
    assert exported == expected
    # workshops: the mask every workshop state and page goes through
    assert PersonMask(hidden, key).names == expected
    # maps: the network map shows the same label for the same person
    html = graphsvc.map_html("network", lang="da")
    data = read_payload(html)  # nodes and edges expanded from the page's columns
    by_mask = sorted(hidden, key=lambda i: mask_id(i, key))
    for number, real in enumerate(by_mask, start=1):
        node = next(n for n in data["nodes"] if n["id"] == f"person-{number}")
        assert node["label"] == expected[real]
        assert data["info"][node["id"]]["name"] == expected[real]
    labels = [n["label"] for n in data["nodes"] if n["id"].startswith("person-")]
    assert len(set(labels)) == len(hidden)  # told apart
    assert "Borger (navn" not in html and not re.search(r"Person [0-9a-f]{8}", html)
    for real, name in hidden.items():
        assert name not in html and f'"{real}"' not in html
    # the ego map of a person, asked by her masked id, names her the same way
    hub = "mentorkoordinator-jobcenter-middelfart"
    ego = graphsvc.map_html("ego", mask_id(hub, key), lang="en", radius=1)
    assert f"<title>Actor's network: {expected[hub]}" in ego or expected[hub] in ego


def test_an_unknown_source_reference_is_redacted_in_a_report(graphsvc: Graphsvc) -> None:
    """A reference that is no known document is printed as its own title: redacted."""
    graphsvc.import_paths([Path(__file__).parent / "data" / "mini"])
    graphsvc.update_item("projects", "legepatruljen", {"sources": ["Notat fra Mette Jensen"]})
    hidden = graphsvc.hidden_persons()
    redactor = Redactor.for_hidden(hidden, graphsvc.pseudonym_key())
    found = _sources(graphsvc, {"projects": {"legepatruljen"}}, hidden, redactor, "da")
    titles = [s["title"] for s in found]
    assert f"Notat fra {pseudonyms(hidden, graphsvc.pseudonym_key())['mette-jensen']}" in titles
    assert not any("Mette Jensen" in t for t in titles)
