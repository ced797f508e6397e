"""Upgrading a data directory written by the previous release, graphsvc 0.1.0 (schema 1).

The data directory is made by the previous release's own code: commit ``74a0801`` is
extracted from this repository with ``git archive`` and its CLI runs in a subprocess
(this venv, ``PYTHONPATH`` on the extracted tree): the seed, an API key, a workshop
with a snapshot, and participations with a ``funding_amount``. Then it is stopped and
opened with the current code, which backs it up and migrates it in place
(:mod:`graphsvc.store.migrations`).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from falkordb import FalkorDB

from graphsvc.api import create_app
from graphsvc.core import Graphsvc
from graphsvc.errors import SchemaVersionError
from graphsvc.settings import Settings, get_settings
from graphsvc.store import EmbeddedServer, open_store
from graphsvc.store.backup import MANIFEST, restore
from graphsvc.store.catalogue import load_catalogue
from graphsvc.store.migrations import (
    MIGRATIONS,
    SCHEMA_VERSION,
    SchemaState,
    migrate,
    prepare_schema,
    read_state,
)
from tests.api.apihelpers import ServerThread

ROOT = Path(__file__).resolve().parents[1]
PREVIOUS = "74a0801"  # graphsvc 0.1.0, the last release of schema 1
# Participations the old release writes with a funding_amount (0 is an amount too).
FUNDED = {"p-migration-grant": 250000.0, "p-migration-small": 1.5, "p-migration-zero": 0.0}

# Run by the previous release: what it wrote, as it counts it.
OLD_SCRIPT = """
import json
from graphsvc.core import Graphsvc
from graphsvc.workshop import Workshops

funded = json.loads(%r)
with Graphsvc.open() as gs:
    for number, (pid, amount) in enumerate(sorted(funded.items())):
        gs.create_item("participations", {
            "id": pid, "actor_id": ["trygfonden", "velux-fonden", "egmont-fonden"][number],
            "project_id": "legepatruljen", "role": "funder", "funding_amount": amount,
            "sources": "test:migration"})
    workshops = Workshops(gs)
    workshops.create(name="Værksted fra 0.1.0", purpose="Før opgraderingen",
                     municipality="DK-410", start_from="project", start_id="legepatruljen",
                     workshop_id="fra-0-1-0")
    snapshot = workshops.snapshot("fra-0-1-0", "før opgraderingen")
    labels = {r["label"]: r["value"] for r in gs.store.run("graph/count_labels")}
    print(json.dumps({"counts": gs.counts(), "labels": labels, "snapshot": snapshot["id"],
                      "epoch": gs.graph_version()[0]}))
"""


@dataclass(frozen=True)
class OldData:
    """A stopped data directory of the previous release, and what it holds."""

    data_dir: Path
    key: str
    counts: dict[str, int]
    labels: dict[str, int]
    snapshot: str
    epoch: str


def _old(tree: Path, data_dir: Path, *args: str) -> str:
    """Run the previous release (``python -m graphsvc.cli …`` or ``python -c …``)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRAPHSVC_")}
    env.update(PYTHONPATH=str(tree), GRAPHSVC_DATA_DIR=str(data_dir), COLUMNS="200")
    result = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, timeout=300, cwd=tree
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def previous_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The previous release's tree, extracted from this repository's history."""
    found = subprocess.run(
        ["git", "-C", str(ROOT), "cat-file", "-e", f"{PREVIOUS}^{{commit}}"],
        capture_output=True,
        check=False,
    )
    if found.returncode != 0:
        pytest.skip(
            f"commit {PREVIOUS} (graphsvc 0.1.0) is not in this clone (a shallow clone?): "
            "the upgrade from its data directory cannot be tested; fetch the full history"
        )
    tree = tmp_path_factory.mktemp("graphsvc-0.1.0")
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", PREVIOUS],
        capture_output=True,
        check=True,
    )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(tree, filter="data")
    version = _old(
        tree, tree, "-c", "import graphsvc; print(graphsvc.__file__, graphsvc.__version__)"
    )
    assert version.split() == [str(tree / "graphsvc" / "__init__.py"), "0.1.0"]
    return tree


@pytest.fixture(scope="module")
def old_data(previous_release: Path, tmp_path_factory: pytest.TempPathFactory) -> OldData:
    data_dir = tmp_path_factory.mktemp("data-0.1.0") / "data"
    tree = previous_release
    try:
        _old(tree, data_dir, "-m", "graphsvc.cli", "seed")
        made = _old(tree, data_dir, "-m", "graphsvc.cli", "keys", "create", "--role", "viewer",
                    "--name", "made by 0.1.0")  # fmt: skip
        key = re.search(r"gsk_\S+", made)
        assert key, made
        wrote = json.loads(_old(tree, data_dir, "-c", OLD_SCRIPT % json.dumps(FUNDED)))
    finally:
        _old(tree, data_dir, "-m", "graphsvc.cli", "db", "stop")
    assert wrote["counts"]["participations"] > len(FUNDED)
    return OldData(
        data_dir, key.group(0), wrote["counts"], wrote["labels"], wrote["snapshot"], wrote["epoch"]
    )


@pytest.fixture
def upgraded_dir(old_data: OldData, tmp_path: Path) -> Iterator[Path]:
    """A copy of the old data directory for one test; its server is stopped after."""
    copy = tmp_path / "data"
    shutil.copytree(old_data.data_dir, copy)
    yield copy
    EmbeddedServer(copy).stop()


def _settings(data_dir: Path, **changes: Any) -> Settings:
    return get_settings(data_dir=data_dir, **changes)


def _stored_participation(graphsvc: Graphsvc, pid: str) -> dict[str, Any]:
    rows = graphsvc.store.run("participations/get_participations", ids=[pid])
    assert len(rows) == 1, pid
    return dict(rows[0]["props"])


def test_the_previous_releases_data_directory_is_upgraded_in_place(
    old_data: OldData, upgraded_dir: Path
) -> None:
    settings = _settings(upgraded_dir)
    with Graphsvc.open(settings) as graphsvc:
        assert read_state(graphsvc.store) == SchemaState(SCHEMA_VERSION)
        # every item kept
        assert graphsvc.counts() == {**old_data.counts, "agreements": 0}  # a new table
        labels = {r["label"]: r["value"] for r in graphsvc.store.run("graph/count_labels")}
        kept = {"Actor", "Project", "ApiKey", "Workshop", "WorkshopSnapshot", "AuditEntry"}
        assert {k: labels.get(k) for k in kept} == {k: old_data.labels.get(k) for k in kept}
        assert labels["Schema"] == 1
        # funding_amount became amount + DKK; the old property is gone
        for pid, amount in FUNDED.items():
            stored = _stored_participation(graphsvc, pid)
            assert stored["amount"] == amount and stored["currency"] == "DKK", stored
            assert "funding_amount" not in stored
        # the change log restarted under a new epoch: snapshots and caches read anew
        epoch, version = graphsvc.graph_version()
        assert epoch != old_data.epoch
        assert graphsvc.store.run("graph/list_changes", since=0) == []
        schema = graphsvc.store.run("migrations/get_schema_version")[0]
        assert schema["steps"] == []

    # one backup, taken before the first step: the schema-1 graph as it was
    backups = sorted((upgraded_dir / "backups").iterdir())
    assert len(backups) == 1 and backups[0].name.startswith("graphsvc-backup-schema-1-before-2-")
    assert (backups[0].stat().st_mode & 0o777) == 0o600
    with tarfile.open(backups[0]) as tar:
        member = tar.extractfile(MANIFEST)
        assert member is not None
        census = json.load(member)["census"][settings.graph_name]["nodes"]
    assert "Schema" not in census
    assert census["Actor"] == old_data.counts["actors"]

    # the key made by 0.1.0 authenticates over real HTTP; the workshop and its snapshot are there
    server = ServerThread(create_app(settings)).start()
    try:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            auth = {"Authorization": f"Bearer {old_data.key}"}
            assert (
                http.get("/actors", headers={"Authorization": "Bearer gsk_x_y"}).status_code == 401
            )
            answer = http.get("/actors", params={"limit": 1}, headers=auth)
            assert answer.status_code == 200, answer.text
            workshop = http.get("/workshops/fra-0-1-0", headers=auth)
            assert workshop.status_code == 200, workshop.text
            assert workshop.json()["name"] == "Værksted fra 0.1.0"
            snapshots = http.get("/workshops/fra-0-1-0/snapshots", headers=auth)
            assert [s["id"] for s in snapshots.json()] == [old_data.snapshot]
            grant = http.get("/participations/p-migration-grant", headers=auth)
            assert grant.status_code == 200, grant.text
            assert (grant.json()["amount"], grant.json()["currency"]) == (250000.0, "DKK")
            assert "funding_amount" not in grant.json()
    finally:
        server.stop()

    # a second open changes nothing: no new backup, the same version and epoch
    with Graphsvc.open(settings) as graphsvc:
        assert graphsvc.graph_version() == (epoch, version)
        assert graphsvc.counts() == {**old_data.counts, "agreements": 0}  # a new table
    assert sorted((upgraded_dir / "backups").iterdir()) == backups


def test_a_migration_stopped_between_and_inside_steps_resumes(
    old_data: OldData, upgraded_dir: Path
) -> None:
    settings = _settings(upgraded_dir)
    store = open_store(settings, migrate=False)
    try:
        # inside the first step: one batch moved, then the process died
        moved = store.run("migrations/move_funding_amounts", batch=1)
        assert moved == [{"moved": 1}]
        assert read_state(store) == SchemaState(1)  # nothing recorded yet
        # the first step ends (it finishes what is left), then the process dies again
        report = migrate(store, backup=None, limit=1)
        assert [(s.name, s.changed) for s in report.steps] == [
            ("participation_amounts", len(FUNDED) - 1)
        ]
        assert read_state(store) == SchemaState(1, ("participation_amounts",))
        # the next open runs only the step left, after a backup
        report = prepare_schema(store, settings)
        assert report is not None
        assert [s.name for s in report.steps] == ["change_log"]
        assert report.backup is not None and report.backup.is_file()
        assert read_state(store) == SchemaState(SCHEMA_VERSION)
        assert prepare_schema(store, settings) is None  # current: nothing to do
    finally:
        store.close()
    with Graphsvc.open(settings) as graphsvc:
        assert graphsvc.counts() == {**old_data.counts, "agreements": 0}  # a new table
        for pid, amount in FUNDED.items():
            stored = _stored_participation(graphsvc, pid)
            assert (stored["amount"], stored["currency"]) == (amount, "DKK")
            assert "funding_amount" not in stored


def test_auto_migrate_off_refuses_until_db_migrate_has_run(
    old_data: OldData, upgraded_dir: Path
) -> None:
    settings = _settings(upgraded_dir, auto_migrate=False)
    with pytest.raises(SchemaVersionError, match=r"schema version 1.*graphsvc db migrate"):
        Graphsvc.open(settings)
    # Neo4j, which graphsvc cannot back up, is never upgraded on open (the same logic runs
    # here over the FalkorDB store: no Neo4j server can run in these tests)
    store = open_store(settings, migrate=False)
    try:
        neo4j = _settings(upgraded_dir, neo4j_uri="bolt://127.0.0.1:1")
        with pytest.raises(SchemaVersionError, match=r"neo4j-admin database dump.*--no-backup"):
            prepare_schema(store, neo4j)
        assert read_state(store) == SchemaState(1)
    finally:
        store.close()

    env = {**os.environ, "GRAPHSVC_DATA_DIR": str(upgraded_dir), "GRAPHSVC_AUTO_MIGRATE": "false",
           "COLUMNS": "200"}  # fmt: skip
    cli = [sys.executable, "-m", "graphsvc.cli", "db", "migrate"]
    dry = subprocess.run([*cli, "--dry-run"], capture_output=True, text=True, env=env, timeout=120)
    assert dry.returncode == 0, dry.stderr
    assert "dry run: nothing written" in dry.stdout
    assert f"funding_amount becomes amount with currency DKK ({len(FUNDED)} to change)" in (
        dry.stdout
    )
    store = open_store(settings, migrate=False)
    try:
        assert read_state(store) == SchemaState(1)
    finally:
        store.close()
    assert not (upgraded_dir / "backups").exists()

    refused = subprocess.run(
        cli, capture_output=True, text=True, env={**env, "GRAPHSVC_NEO4J_URI": "bolt://x:1"},
        timeout=120,
    )  # fmt: skip
    assert refused.returncode == 2 and "cannot back up a Neo4j database" in refused.stderr

    done = subprocess.run(cli, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "schema version 2 (was 1)" in done.stdout
    assert "backup written to" in done.stdout
    assert len(list((upgraded_dir / "backups").iterdir())) == 1
    again = subprocess.run(cli, capture_output=True, text=True, env=env, timeout=120)
    assert "the graph has schema version 2: nothing to do" in again.stdout
    status = subprocess.run(
        [sys.executable, "-m", "graphsvc.cli", "db", "status"], capture_output=True, text=True,
        env=env, timeout=120,
    )  # fmt: skip
    assert "schema version 2" in status.stdout, status.stdout + status.stderr
    with Graphsvc.open(settings) as graphsvc:  # auto_migrate off: opens, as it is current
        assert graphsvc.counts() == {**old_data.counts, "agreements": 0}  # a new table


def _drop_graph(settings: Settings) -> None:
    info = EmbeddedServer(settings.data_dir).status()
    assert info is not None
    client = FalkorDB(host=info.host, port=info.port, password=info.password)
    try:
        client.select_graph(settings.graph_name).delete()
    finally:
        client.connection.close()


def test_a_new_graph_is_stamped_and_a_newer_one_refused(settings: Settings) -> None:
    own = settings.model_copy(update={"graph_name": "migration-newer"})
    try:
        with Graphsvc.open(own) as graphsvc:
            assert read_state(graphsvc.store) == SchemaState(SCHEMA_VERSION)
            assert not (own.data_dir / "backups").exists()  # nothing to back up
            graphsvc.store.run(
                "migrations/set_schema_version", version=SCHEMA_VERSION + 1, steps=[],
                release="9.9.9", at="2030-01-01T00:00:00+00:00",
            )  # fmt: skip
        with pytest.raises(SchemaVersionError, match=r"schema version 3, written by a newer"):
            Graphsvc.open(own)
        with pytest.raises(SchemaVersionError):
            open_store(own, migrate=False)  # `graphsvc db migrate` refuses it too
    finally:
        _drop_graph(own)


def test_backup_before_an_upgrade_is_a_restorable_backup(
    old_data: OldData, upgraded_dir: Path, tmp_path: Path
) -> None:
    """The archive an upgrade leaves is the backup module's: a restore brings back schema 1."""
    settings = _settings(upgraded_dir)
    with Graphsvc.open(settings):
        pass
    archive = next((upgraded_dir / "backups").iterdir())
    restored = tmp_path / "restored"
    restore(archive, restored, load_catalogue(settings.queries_dir))
    try:
        store = open_store(_settings(restored), migrate=False)
        try:
            assert read_state(store) == SchemaState(1)
            assert store.run("migrations/count_funding_amounts") == [{"found": len(FUNDED)}]
        finally:
            store.close()
    finally:
        EmbeddedServer(restored).stop()


def test_an_analysis_snapshot_reads_the_whole_graph_after_a_migration(
    graphsvc: Graphsvc, mini_dir: Path
) -> None:
    """The change-log step gives the graph a new epoch: a snapshot kept from before the
    migration (another process, e.g. an API worker) cannot apply changes across it."""
    graphsvc.import_paths([mini_dir])
    graphsvc.snapshot.refresh()
    graphsvc.bump_version("update", "actors", graphsvc.tables()["actors"]["id"].iloc[0])
    graphsvc.snapshot.refresh()
    assert graphsvc.snapshot.last_update == "changes"
    step = {s.name: s for s in MIGRATIONS[0].steps}["change_log"]
    assert step.count(graphsvc.store) > 0
    epoch = graphsvc.graph_version()[0]
    step.run(graphsvc.store, 2)  # batches of two entries
    assert step.count(graphsvc.store) == 0
    assert graphsvc.graph_version()[0] != epoch
    graphsvc.snapshot.refresh()
    assert graphsvc.snapshot.last_update == "full"
