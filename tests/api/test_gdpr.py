"""GDPR requests end to end: ``graphsvc gdpr access|erase`` (real subprocesses) and the
admin routes, on a person who is in ties, a workshop, a snapshot, other items' text and
the audit log."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx

from graphsvc import audit
from graphsvc.core import Graphsvc
from graphsvc.privacy import mask_id
from graphsvc.workshop import Workshops
from tests.api.apihelpers import Keys
from tests.api.privacyhelpers import load_hidden_world, readable

PERSON, NAME = "mette-jensen", "Mette Jensen"


def _cli(*args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "graphsvc.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"COLUMNS": "200", **__import__("os").environ},
    )
    assert result.returncode == code, result.stdout + result.stderr
    return result


def _person_everywhere(core: Graphsvc, tmp_path: Path) -> tuple[str, str]:
    """Mette Jensen in ties (mini), others' text (hidden world), a workshop with a grid
    place and a snapshot whose note names her, and an audit entry about her."""
    load_hidden_world(core, tmp_path / "hidden")
    workshops = Workshops(core)
    workshop = workshops.create(
        name="Mentorer", start_from="project", start_id="frivillige-mentorer"
    )["id"]
    workshops.place(workshop, PERSON, {"power": 0.8, "interest": 0.9, "attitude": "supporter"})
    snapshot = workshops.snapshot(workshop, f"{NAME} var med")["id"]
    core.update_item("actors", PERSON, {"tags": ["mentor"]})
    return workshop, snapshot


def test_access_and_erasure_on_the_command_line(core: Graphsvc, tmp_path: Path) -> None:
    workshop, snapshot = _person_everywhere(core, tmp_path)
    out = tmp_path / "access.json"
    _cli("gdpr", "access", PERSON, "--out", str(out))
    report = json.loads(out.read_text("utf-8"))
    assert report["actor"]["name"] == NAME and report["actor"]["description"] == "Mentorkoordinator"
    assert [p["id"] for p in report["participations"]] == ["p-mentorer-koordinator"]
    assert [c["id"] for c in report["collaborations"]] == ["c-koordinator-frivilligcenter"]
    (included,) = report["workshops"]
    assert included["workshop_id"] == workshop and included["grid"]["power"] == 0.8
    (frozen,) = report["snapshots"]
    assert frozen["snapshot_id"] == snapshot and frozen["actor"]["name"] == NAME
    assert frozen["note"] == f"{NAME} var med"
    mentions = {(m["table"], m["id"]): m["fields"] for m in report["mentions"]}
    assert mentions == {
        ("actors", "ibsen-venner"): ["source_passage", "tags"],
        ("projects", "mentornetvaerk"): ["description", "name", "source_passage"],
        ("participations", "p-venner-mentor"): ["description"],
    }
    ops = {(e["operation"], e["item_id"]) for e in report["audit"]}
    assert ("update", PERSON) in ops and ("create", PERSON) not in ops  # imported, not created
    assert report["audit"][0]["fields"] == ["tags"]
    # printed to the terminal as well
    assert json.loads(_cli("gdpr", "access", PERSON).stdout)["actor"]["id"] == PERSON

    # erasure needs --yes
    assert "--yes" in _cli("gdpr", "erase", PERSON, code=2).stderr
    assert core.get_item("actors", PERSON) is not None
    said = _cli("gdpr", "erase", PERSON, "--yes").stdout
    masked = mask_id(PERSON, core.pseudonym_key())
    assert f"erased {masked}: 1 participations, 1 collaborations, 1 snapshots" in said

    # gone: the actor, her ties, her workshop place
    assert core.get_item("actors", PERSON) is None
    assert core.get_item("participations", "p-mentorer-koordinator") is None
    assert core.get_item("collaborations", "c-koordinator-frivilligcenter") is None
    state = Workshops(core).state(workshop)
    assert PERSON not in json.dumps(state) and NAME not in json.dumps(state)
    # the snapshot keeps a placeholder, without her id, name or note
    stored = core.store.run("workshops/get_snapshot", id=workshop, snapshot_id=snapshot)[0]
    text = json.dumps(stored["props"], ensure_ascii=False)
    assert PERSON not in text and NAME not in text and masked in text
    assert stored["props"]["note"].endswith(" var med")
    # other items' text no longer names her
    for table, item in (("actors", "ibsen-venner"), ("projects", "mentornetvaerk"),
                        ("participations", "p-venner-mentor")):  # fmt: skip
        assert NAME.casefold() not in json.dumps(core.get_item(table, item)).casefold()
    # the audit log: her ids masked, the erasure recorded without her data
    _total, entries = audit.entries(core.store, limit=None)
    logged = json.dumps(entries, ensure_ascii=False)
    assert PERSON not in logged and NAME not in logged
    erase = next(e for e in entries if e["operation"] == "erase")
    assert erase["item_id"] == masked and erase["who"] == "cli" and erase["count"] == 2
    assert any(e["operation"] == "update" and e["item_id"] == masked for e in entries)
    assert any(e["operation"] == "gdpr_access" and e["item_id"] == masked for e in entries)
    # a second request finds nobody
    assert "no actor" in _cli("gdpr", "access", PERSON, code=2).stderr
    assert "no actor" in _cli("gdpr", "erase", PERSON, "--yes", code=2).stderr


def test_admins_have_the_gdpr_routes(
    client: httpx.Client, keys: Keys, core: Graphsvc, tmp_path: Path
) -> None:
    _person_everywhere(core, tmp_path)
    admin = keys.headers("admin")
    masked = mask_id(PERSON, core.pseudonym_key())
    for role in ("viewer", "editor"):
        assert client.get(f"/gdpr/{masked}", headers=keys.headers(role)).status_code == 403
        assert client.delete(f"/gdpr/{masked}", headers=keys.headers(role)).status_code == 403
    report: dict[str, Any] = client.get(f"/gdpr/{PERSON}", headers=admin).json()
    assert report["actor"]["name"] == NAME
    assert client.get(f"/gdpr/{masked}", headers=admin).json()["actor"]["id"] == PERSON
    assert client.delete(f"/gdpr/{PERSON}", headers=admin).status_code == 409  # confirm=true
    assert client.delete("/gdpr/nobody-at-all", headers=admin).status_code == 404
    erased = client.delete(f"/gdpr/{PERSON}", params={"confirm": "true"}, headers=admin)
    assert erased.status_code == 200, erased.text
    assert erased.json() == {
        "request": "erase",
        "erased": masked,
        "participations": 1,
        "collaborations": 1,
        "agreements_left": 0,
        "snapshots": 1,
        "survey_records": 0,  # in no survey
        "mentions": 3,
        "audit_entries_masked": 1,  # her update (her access request was logged masked)
        "cached_results_dropped": erased.json()["cached_results_dropped"],
    }
    assert client.get(f"/gdpr/{PERSON}", headers=admin).status_code == 404
    log = client.get("/audit/export/json", headers=admin)
    assert NAME not in readable(log.content) and PERSON not in readable(log.content)
    entry = client.get(
        "/audit", params={"operation": "erase", "item_id": masked}, headers=admin
    ).json()["items"][0]  # the newest (the log outlives db reset: earlier tests' too)
    assert entry["item_id"] == masked and entry["who"] == keys.admin.split("_")[1]
