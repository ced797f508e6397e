"""The reports' counted words (singular for one, plural otherwise) and their subnetworks."""

from __future__ import annotations

import networkx as nx

from graphsvc.i18n import count
from graphsvc.reports.data import _induced
from graphsvc.reports.words import map_alt_municipality, map_alt_project, more_passages


def test_new_nouns_count_in_both_languages() -> None:
    assert count("da", 1, "non-local partner") == "1 ikke-lokal partner"
    assert count("da", 2, "non-local partner") == "2 ikke-lokale partnere"
    assert count("en", 1, "local partner") == "1 local partner"
    assert count("da", 1, "passage") == "1 citat"
    assert count("en", 2, "passage") == "2 passages"


def test_project_map_alt_counts_partners() -> None:
    assert map_alt_project("Lege", 1, 1, "da").startswith(
        "Netværkskort over Lege: 1 lokal partner og 1 ikke-lokal partner. "
    )
    assert map_alt_project("Lege", 2, 2, "da").startswith(
        "Netværkskort over Lege: 2 lokale partnere og 2 ikke-lokale partnere. "
    )
    assert map_alt_project("Lege", 1, 2, "en").startswith(
        "Network map of Lege: 1 local partner and 2 non-local partners. "
    )


def test_municipality_map_alt_counts_actors_and_projects() -> None:
    assert map_alt_municipality("Odense", 1, 1, "da").startswith(
        "Netværkskort over Odense: 1 aktør og 1 projekt i kommunen "
    )
    assert map_alt_municipality("Odense", 2, 2, "da").startswith(
        "Netværkskort over Odense: 2 aktører og 2 projekter i kommunen "
    )
    assert map_alt_municipality("Odense", 1, 2, "en").startswith(
        "Network map of Odense: 1 actor and 2 projects in the municipality "
    )


def test_more_passages_counts_passages() -> None:
    assert more_passages(1, "da") == "og 1 citat mere"
    assert more_passages(2, "da") == "og 2 citater mere"
    assert more_passages(1, "en") == "and 1 more passage"
    assert more_passages(2, "en") == "and 2 more passages"


def test_induced_network_keeps_the_graphs_attributes() -> None:
    network = nx.MultiDiGraph(as_of="2015-06-30")
    network.add_edge("a", "b", key="t1", kind="tie")
    network.add_edge("b", "c", key="t2", kind="tie")
    out = _induced(network, ["a", "b", "zz"])
    assert out.graph["as_of"] == "2015-06-30"
    assert sorted(out.nodes) == ["a", "b"]
    assert list(out.edges(keys=True)) == [("a", "b", "t1")]
