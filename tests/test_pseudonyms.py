"""One pseudonym scheme (#14): a hidden person is "Person N" on maps, in workshops, in
exports and in the API, with the same N everywhere, and the label shows no digest."""

from __future__ import annotations

import json
import re
from pathlib import Path

from graphsvc.core import Graphsvc
from graphsvc.maps.payload import read_payload
from graphsvc.privacy import Redactor, mask_id, pseudonyms
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
