"""The seed data set: it loads, every row cites its source, and it says what the documents say."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from graphsvc.core import Graphsvc
from graphsvc.io.tables import TABLES

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seed"
SOURCE_DOCS = ROOT.parent / "shared" / "seeds"


def rows(table: str) -> list[dict[str, str]]:
    with (SEED / f"{table}.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def seeded(graphsvc: Graphsvc) -> dict[str, pd.DataFrame]:
    graphsvc.seed()
    return {name: frame.set_index("id", drop=False) for name, frame in graphsvc.tables().items()}


def test_seed_loads_every_row_and_is_idempotent(graphsvc: Graphsvc) -> None:
    # every table, agreements.csv too once the seed has one
    expected = {t: len(rows(t)) if (SEED / f"{t}.csv").exists() else 0 for t in TABLES}
    report = graphsvc.seed()
    assert report.created == expected
    assert graphsvc.counts() == expected
    assert graphsvc.seed().changed == 0


@pytest.mark.parametrize("table", list(TABLES))
def test_every_row_cites_a_seed_document_and_a_passage(table: str) -> None:
    for number, row in enumerate(rows(table), start=2):
        assert re.fullmatch(
            r"seed:\d{3}_[0-9a-f]{16}(;seed:\d{3}_[0-9a-f]{16})*", row["sources"]
        ), f"{table}.csv row {number}: sources {row['sources']!r}"
        assert row["source_passage"].strip(), f"{table}.csv row {number} has no passage"
        assert row["evidence"] in ("documented", "weak", "inferred")


@pytest.mark.skipif(not SOURCE_DOCS.is_dir(), reason="shared/seeds is not beside the repository")
@pytest.mark.parametrize("table", list(TABLES))
def test_passages_are_quoted_from_their_document(table: str) -> None:
    documents = {p.stem: " ".join(p.read_text("utf-8").split()) for p in SOURCE_DOCS.glob("*.txt")}
    for number, row in enumerate(rows(table), start=2):
        passage = " ".join(row["source_passage"].split())
        cited = [documents[s.removeprefix("seed:")] for s in row["sources"].split(";")]
        assert any(passage in text for text in cited), f"{table}.csv row {number}: {passage!r}"


def test_legepatruljen_partners_and_the_2014_end(seeded: dict[str, pd.DataFrame]) -> None:
    # 001: "Legepatruljen er et samarbejde mellem Kræftens Bekæmpelse, Dansk Skoleidræt,
    # TrygFonden og DGI" … "ophører samarbejdsaftalen ved udgangen af 2014".
    parts = seeded["participations"]
    lege = parts[(parts.project_id == "legepatruljen") & (parts.status == "existing")]
    funders = set(lege[lege.role == "funder"].actor_id)
    assert {"kraeftens-bekaempelse", "dansk-skoleidraet", "trygfonden", "dgi"} <= funders
    ending = lege[lege.actor_id == "trygfonden"]
    assert set(ending.end_date) == {"2014-12-31"}


def test_the_workshops_proposals_are_proposed_not_existing(seeded: dict[str, pd.DataFrame]) -> None:
    parts = seeded["participations"]
    proposed = parts[parts.status == "proposed"]
    assert len(proposed) >= 10
    assert "spejderforeninger-legepatruljen" in set(proposed.actor_id)
    ties = seeded["collaborations"]
    assert (ties.status == "proposed").sum() >= 5


def test_velux_project_as_the_record_says(seeded: dict[str, pd.DataFrame]) -> None:
    # 002: Velux Fonden grant 2019-01-15 to 2022-12-31; Slagelse Kommune, SYMB, Absalon (lead).
    project = seeded["projects"].loc["velfaerdsinnovation-kommune-civilsamfund"]
    assert (project.start_date, project.end_date) == ("2019-01-15", "2022-12-31")
    parts = seeded["participations"]
    roles = dict(
        parts[parts.project_id == project.id][["actor_id", "role"]].itertuples(index=False)
    )
    assert roles.get("velux-fonden") == "funder"
    lead = [a for a, r in roles.items() if r == "lead"]
    assert len(lead) == 1 and "absalon" in lead[0]
    assert "slagelse-kommune" in roles


def test_counts_without_names_are_not_invented(seeded: dict[str, pd.DataFrame]) -> None:
    # 003 gives "20 kommuner" and "ca. 80 fællesskabsagenter" but names none of them.
    actors = seeded["actors"]
    municipalities = actors[actors.kind == "municipality"]
    assert len(municipalities) < 20
    groups = actors[actors.name.str.contains("ællesskabsagenter")]
    assert len(groups) >= 1


def test_persons_are_marked_and_not_published_without_consent(
    seeded: dict[str, pd.DataFrame],
) -> None:
    persons = seeded["actors"][seeded["actors"].is_person]
    assert len(persons) >= 1
    assert set(persons.kind) == {"person"}
    assert persons.legal_basis.notna().all()
    assert not persons.consent_to_publish.any()


def test_weak_evidence_is_marked(seeded: dict[str, pd.DataFrame]) -> None:
    weak = seeded["actors"][seeded["actors"].evidence == "weak"]
    assert len(weak) >= 1
    assert all("001_" in ";".join(s) for s in weak.sources)


def test_norwegian_and_hedensted_cases_are_there(seeded: dict[str, pd.DataFrame]) -> None:
    parts = seeded["participations"]
    offri = set(parts[parts.project_id == "offri"].actor_id)
    localities = set(seeded["actors"].loc[list(offri)].locality.dropna())
    assert {"NO-4203", "NO-5006"} <= localities
    uldum = seeded["projects"].loc["alle-boern-er-lige-forskellige"]
    assert uldum.localities == ["DK-766"]


# ---------------------------------------------------------------- issue 12: the corrections
def by_id(table: str) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in rows(table)}


def test_the_students_gain_knowledge_from_the_associations_in_bispehaven() -> None:
    # 001: "De studerende kan fx sendes i én-dags praktik i lokale foreninger for at højne deres
    # praktiske viden om frivillighed": knowledge flows from the associations to the students.
    ties = [
        t
        for t in rows("collaborations")
        if {t["source_id"], t["target_id"]}
        == {"socialraadgiverstuderende-via", "lokale-foreninger-bispehaven"}
    ]
    assert len(ties) == 1
    (tie,) = ties
    assert (tie["kind"], tie["directed"]) == ("knowledge_exchange", "true")
    assert (tie["source_id"], tie["target_id"]) == (
        "lokale-foreninger-bispehaven",
        "socialraadgiverstuderende-via",
    )


def test_the_researcher_is_not_an_evaluator_and_the_foundations_are_not_funders() -> None:
    parts = by_id("participations")
    # 003: "Projektet har dannet empirisk grundlag for Christa Breum Amhøj": research,
    # not evaluation.
    assert parts["p-netvaerk-for-faellesskabsagenter-christa-breum-amhoej"]["role"] != "evaluator"
    # 001: "Boligorganisationer og fonde opstiller rammerne og leverer ydelser": no money mentioned.
    assert parts["p-det-sociale-laboratorium-fonde-det-sociale-laboratorium"]["role"] != "funder"
    # 001: the youth clubs were set up "i samarbejde med" the hospitals, not hosted by them.
    for hospital in ("aarhus-universitetshospital", "odense-universitetshospital"):
        assert parts[f"p-hospitalsungdomsklubber-urk-{hospital}"]["role"] == "partner"


def test_offri_is_active_as_the_2016_text_says() -> None:
    # 000 (2016): "Projektet arbejder frem til midten af 2016" speaks of the future.
    offri = by_id("projects")["offri"]
    assert offri["status"] == "active"
    assert offri["end_date"] == "2016-06-30"


def test_rows_the_texts_only_imply_are_not_documented() -> None:
    parts, ties = by_id("participations"), by_id("collaborations")
    actors, projects = by_id("actors"), by_id("projects")
    not_documented = [
        parts["p-alle-boern-er-lige-forskellige-jens-peter-jensen"],
        ties["c-velux-fonden-professionshoejskolen-absalon-funding"],
        projects["borgerstyret-budgettering"],
        ties["c-kommuner-netvaerk-for-faellesskabsagenter-sund-by-netvaerket-membership"],
        actors["symb"],
        *(ties[f"c-{p}-skoler-legepatruljen-funding"] for p in LEGEPATRULJEN_PARTIES),
    ]
    for row in not_documented:
        assert row["evidence"] != "documented" or row.get("inferred_fields"), row["id"]


LEGEPATRULJEN_PARTIES = ("kraeftens-bekaempelse", "dansk-skoleidraet", "trygfonden", "dgi")


def test_missing_rows_from_the_main_texts_and_the_tail_are_there() -> None:
    actors, projects, ties = by_id("actors"), by_id("projects"), by_id("collaborations")
    for actor in (
        "kommuner-legepatruljen",
        "paedagoger-hr-berg",
        "udviklingskonsulent-lbr-middelfart",
        "ansatte-jobcenter-middelfart",
        "ledere-via-det-sociale-laboratorium",
        "organisationer-innovatarium",
    ):
        assert actors[actor]["evidence"] == "documented", actor
    assert projects["helhedsplaner-bispehaven"]["evidence"] == "documented"
    tail = [
        actors["dansk-flygtningehjaelp"],
        ties["c-dansk-flygtningehjaelp-koebenhavns-kommune-agreement"],
        projects["foreningsmentorer-aarhus"],
        projects["udvikling-fyns-mentorordning"],
        projects["partnerskabsaftaler-soender-korskaerparken"],
        actors["gymnastikhoejskolen-ollerup"],
        projects["tryghedsopkald-roede-kors"],
        actors["medborgerskabsudvalget-aarhus"],
        projects["frivillighedspolitik-horsens"],
        projects["social-frivilligpolitik-aalborg"],
        projects["frivilligpolitik-ballerup"],
        actors["fastholdelseskaravanen"],
    ]
    for row in tail:
        assert row["evidence"] == "weak", row["id"]
        assert row["sources"] == "seed:001_c19b46e5f2d43751", row["id"]


def test_no_personal_contact_data_or_a_one_person_firms_cvr_in_the_seed() -> None:
    text = "\n".join(p.read_text("utf-8") for p in sorted(SEED.iterdir()) if p.is_file())
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), "an e-mail address"
    assert "35960341" not in text  # Social Innovation Platforms: one person's firm
    assert by_id("actors")["social-innovation-platforms"]["cvr"] == ""


def test_persons_names_stand_only_in_their_own_rows() -> None:
    # Names that 001 and 000 give: persons outside the seed, and persons in it (their own
    # rows and ties may name them, no other row may).
    outside = ["Paul Natorp", "Kristoffer Rønde Møller", "Lise Kragh Møller", "Ulla Sørensen"]
    persons = {a["id"]: a["name"] for a in rows("actors") if a["is_person"] == "true"}
    for table in TABLES:
        for row in rows(table):
            own = {row["id"], row.get("actor_id"), row.get("source_id"), row.get("target_id")}
            own |= set(row.get("party_ids", "").split(";"))
            text = " ".join(row[f] for f in ("name", "description", "source_passage") if f in row)
            for name in outside:
                assert name.lower() not in text.lower(), (table, row["id"], name)
            for person, name in persons.items():
                if person not in own:
                    assert name.lower() not in text.lower(), (table, row["id"], name)


def test_persons_have_no_locality_taken_from_an_employer() -> None:
    actors = by_id("actors")
    for person in ("christa-breum-amhoej", "bjarne-ibsen", "kia-mcdermott"):
        assert actors[person]["locality"] == "", person


# ---------------------------------------------------------------- issue 12: the new fields
def test_a_tie_names_the_project_it_serves() -> None:
    ties = by_id("collaborations")
    # 001: TrygFonden is a partner of Børns Vilkår on Børnerådgiveruddannelsen, and a party
    # to the Legepatruljen agreement: two ties with two purposes.
    assert ties["c-boerns-vilkaar-trygfonden-partnership"]["project_ids"] == (
        "boerneraadgiveruddannelsen"
    )
    for party in LEGEPATRULJEN_PARTIES:
        assert ties[f"c-{party}-skoler-legepatruljen-funding"]["project_ids"] == "legepatruljen"


def test_dates_keep_the_precision_the_text_gives() -> None:
    projects, parts = by_id("projects"), by_id("participations")
    # "ophører samarbejdsaftalen ved udgangen af 2014": the year, active through 2014.
    trygfonden = parts["p-legepatruljen-trygfonden"]
    assert (trygfonden["end_date"], trygfonden["end_precision"]) == ("2014-12-31", "year")
    # "Projektet arbejder frem til midten af 2016": about mid-2016.
    assert projects["offri"]["end_precision"] == "approximate"
    # "I 2010 besluttede Jobcenter Middelfart ...": a year.
    mentors = projects["frivillige-sociale-mentorer-middelfart"]
    assert (mentors["start_date"], mentors["start_precision"]) == ("2010-01-01", "year")
    # "2014 – 2015"
    network = projects["netvaerk-for-faellesskabsagenter"]
    assert (network["start_precision"], network["end_precision"]) == ("year", "year")
    # A date given to the day has no precision (a day).
    assert projects["velfaerdsinnovation-kommune-civilsamfund"]["start_precision"] == ""
    # Every date in a seed file is the first or last day of its period.
    for table in ("projects", "participations", "collaborations"):
        for row in rows(table):
            if row["start_precision"] == "year":
                assert row["start_date"].endswith("-01-01"), row["id"]
            if row["end_precision"] == "year":
                assert row["end_date"].endswith("-12-31"), row["id"]


def test_groups_have_their_member_kind_and_counts() -> None:
    actors = by_id("actors")
    # 003: "20 kommuner har deltaget" ... "14 kommuner arbejder videre ... i 2015".
    network = actors["kommuner-netvaerk-for-faellesskabsagenter"]
    assert network["member_kind"] == "municipality"
    assert [(c["on"], c["count"]) for c in json.loads(network["member_counts"])] == [
        ("2014-01-01", 20),
        ("2015-01-01", 14),
    ]
    # 003: "omkring 80 fællesskabsagenter", about 80.
    (agents,) = json.loads(actors["faellesskabsagenter-2014"]["member_counts"])
    assert (agents["count"], agents["approximate"]) == (80, True)
    # 001: "I 2012 fandtes projektet i 94 kommuner".
    (lege,) = json.loads(actors["kommuner-legepatruljen"]["member_counts"])
    assert (lege["on"], lege["count"]) == ("2012-01-01", 94)
    assert actors["kommuner-legepatruljen"]["member_kind"] == "municipality"


def test_projects_belong_to_and_follow_other_projects_and_have_their_place() -> None:
    projects = by_id("projects")
    assert projects["hr-berg"]["part_of"] == "vaek-fra-kanten"
    assert projects["det-sociale-laboratorium"]["part_of"] == "community-development-via"
    assert projects["netvaerk-for-sundhed-og-lokalsamfund"]["follows"] == (
        "netvaerk-for-faellesskabsagenter"
    )
    places = {p: (projects[p]["place"], projects[p]["place_level"]) for p in projects}
    assert places["alle-boern-er-lige-forskellige"] == ("Uldum", "town")
    assert places["det-sociale-laboratorium"] == ("Bispehaven", "neighbourhood")
    assert places["legepatruljen"] == ("landsdækkende", "country")


def test_tie_kinds_and_money_say_what_the_text_says() -> None:
    ties = by_id("collaborations")
    coordination = [
        t for t in ties.values() if t["source_id"] == "mentorkoordinator-jobcenter-middelfart"
    ]
    kinds = {t["target_id"]: t["kind"] for t in coordination}
    # "Jobcentret ansatte en koordinator for mentorerne"
    assert kinds == {
        "frivillige-mentorer-middelfart": "coordination",
        "jobcenter-middelfart": "employment",
    }
    # "studieordningerne skal følge foreskrifter fra Undervisningsministeriet"
    oversight = ties["c-undervisningsministeriet-professionshoejskolen-metropol-oversight"]
    assert (oversight["kind"], oversight["directed"]) == ("oversight", "true")
    # "så de kan søge 18-midler": a public pool, proposed by the coordinator.
    pool = ties["c-middelfart-kommune-mentorforeningen-middelfart-funding"]
    assert (pool["support"], pool["status"], pool["proposed_by"]) == (
        "public_pool",
        "proposed",
        "Mentorkoordinatoren i Jobcenter Middelfart",  # a role: a person's id is a name slug
    )
    # No document gives an amount, so no row has one (and so no currency either).
    for table in ("participations", "collaborations"):
        assert all(row["amount"] == row["currency"] == "" for row in rows(table)), table
    # Every proposed tie says who proposed it.
    assert all(t["proposed_by"] for t in ties.values() if t["status"] == "proposed")


def test_one_inferred_field_leaves_the_row_documented() -> None:
    parts, ties = by_id("participations"), by_id("collaborations")
    role = parts["p-alle-boern-er-lige-forskellige-jens-peter-jensen"]
    assert (role["evidence"], role["inferred_fields"]) == ("documented", "role")
    velux = ties["c-velux-fonden-professionshoejskolen-absalon-funding"]
    assert (velux["evidence"], velux["inferred_fields"]) == ("documented", "target_id")


def test_the_new_fields_load(seeded: dict[str, pd.DataFrame]) -> None:
    ties, projects = seeded["collaborations"], seeded["projects"]
    assert list(ties.loc["c-boerns-vilkaar-trygfonden-partnership"].project_ids) == [
        "boerneraadgiveruddannelsen"
    ]
    assert projects.loc["offri"].end_precision == "approximate"
    assert projects.loc["hr-berg"].part_of == "vaek-fra-kanten"


# ---------------------------------------------------------------- issue 12: agreements
def test_the_legepatruljen_agreement_is_one_agreement_of_four_parties() -> None:
    agreements = by_id("agreements")
    # 001: "Legepatruljen er et samarbejde mellem Kræftens Bekæmpelse, Dansk Skoleidræt,
    # TrygFonden og DGI" ... "ophører samarbejdsaftalen ved udgangen af 2014".
    lege = agreements["legepatruljen-samarbejdsaftale"]
    assert sorted(lege["party_ids"].split(";")) == sorted(LEGEPATRULJEN_PARTIES)
    assert (lege["end_date"], lege["end_precision"]) == ("2014-12-31", "year")
    assert lege["project_ids"] == "legepatruljen"
    # 000: five equal partners in OFFRI, until about mid-2016.
    offri = agreements["offri-partnerskab"]
    assert len(offri["party_ids"].split(";")) == 5
    assert offri["end_precision"] == "approximate"
    # No pairwise copies of them are left among the ties.
    ties = rows("collaborations")
    assert not [t for t in ties if "offri" in t["project_ids"].split(";")]
    assert not [t for t in ties if t["kind"] == "agreement" and t["source_id"] == "trygfonden"]


def test_the_seed_loads_its_agreements(seeded: dict[str, pd.DataFrame]) -> None:
    lege = seeded["agreements"].loc["legepatruljen-samarbejdsaftale"]
    assert len(lege.party_ids) == 4
    assert lege.end_date == "2014-12-31"
