"""Persons without consent: neither their names nor their ids (name slugs) reach the map."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphsvc.analysis.snapshot import build_network
from graphsvc.io.reading import read_tables
from graphsvc.maps import render_map

SEED = Path(__file__).resolve().parents[2] / "seed"


@pytest.fixture(scope="module")
def network():
    return build_network(read_tables(SEED), include_proposed=True)


def test_hidden_persons_have_neither_name_nor_id_in_the_html(network) -> None:
    persons = {
        n: d["name"]
        for n, d in network.nodes(data=True)
        if d.get("is_person") and not d.get("consent_to_publish")
    }
    assert persons, "the seed names persons in public roles"
    html = render_map(network)
    for node, name in persons.items():
        assert f'"{node}"' not in html, node
        assert name not in html, name
    assert '"person-1"' in html


def test_ego_map_of_a_hidden_person_still_works(network) -> None:
    html = render_map(network, lens="ego", focus="mentorkoordinator-jobcenter-middelfart")
    assert "mentorkoordinator-jobcenter-middelfart" not in html
    assert "Jobcenter Middelfart" in html


def test_same_data_same_html(network) -> None:
    assert render_map(network) == render_map(network)
