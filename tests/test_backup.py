"""Backup and restore, on the session's real FalkorDB server and throwaway data directories."""

from __future__ import annotations

import io
import json
import re
import tarfile
import threading
from pathlib import Path

import pandas as pd
import pytest

from graphsvc.core import Graphsvc
from graphsvc.errors import ConflictError, StoreDamagedError, ValidationError
from graphsvc.privacy import KEY_FILE, load_key
from graphsvc.settings import Settings
from graphsvc.store import EmbeddedServer
from graphsvc.store.backup import MANIFEST, backup, restore
from graphsvc.store.catalogue import load_catalogue
from tests.test_cli import graphsvc_cli


@pytest.fixture
def catalogue(settings: Settings):
    return load_catalogue(settings.queries_dir)


@pytest.fixture
def session_server(settings: Settings) -> EmbeddedServer:
    return EmbeddedServer(settings.data_dir)


def _open_restored(settings: Settings, data_dir: Path) -> Graphsvc:
    return Graphsvc.open(settings.model_copy(update={"data_dir": data_dir}))


def _actor(writer: int, number: int) -> dict[str, object]:
    return {
        "id": f"w{writer}-{number}",
        "name": f"Forening {writer}-{number}",
        "kind": "association",
        "sector": "civil_society",
        "scale": "local",
        "locality": "DK-410",
        "sources": "test:backup",
    }


def test_backup_during_concurrent_writes_restores_a_consistent_state(
    graphsvc: Graphsvc, settings: Settings, session_server, catalogue, tmp_path: Path
) -> None:
    """Four writers add actors one by one, each tied to the writer's previous actor.

    A consistent snapshot holds, for every writer, a prefix of its acknowledged actors
    (never actor n without actor n-1) and only ties whose both ends are there: what
    FalkorDB acknowledged before the fork, and nothing half done.
    """
    stop = threading.Event()
    acknowledged: dict[int, int] = {}
    errors: list[BaseException] = []

    def write(writer: int) -> None:
        try:
            with Graphsvc.open(settings) as own:
                number = 0
                while not stop.is_set() or number < 5:
                    own.create_item("actors", _actor(writer, number))
                    if number:
                        own.create_item(
                            "collaborations",
                            {
                                "id": f"t-w{writer}-{number}",
                                "source_id": f"w{writer}-{number - 1}",
                                "target_id": f"w{writer}-{number}",
                                "kind": "partnership",
                                "sources": "test:backup",
                            },
                        )
                    acknowledged[writer] = number
                    number += 1
        except Exception as exc:  # noqa: BLE001 - reported below, in the test thread
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    while min(acknowledged.values(), default=0) < 3:  # writes are under way
        threading.Event().wait(0.05)
    report = backup(session_server, tmp_path / "during.tar.gz", catalogue)
    stop.set()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors

    restored = restore(report.path, tmp_path / "restored", catalogue)
    assert restored.census == report.census
    with _open_restored(settings, tmp_path / "restored") as again:
        tables = again.tables()
        actors = set(tables["actors"]["id"])
        ties = tables["collaborations"]
        for writer in range(4):
            numbers = sorted(int(a.split("-")[1]) for a in actors if a.startswith(f"w{writer}-"))
            assert numbers == list(range(len(numbers))), f"writer {writer}: gaps {numbers}"
            assert len(numbers) >= 3  # the writes acknowledged before the backup are in it
        assert set(ties["source_id"]) | set(ties["target_id"]) <= actors
        counts = again.counts()
        assert counts["actors"] == report.census[settings.graph_name]["nodes"]["Actor"]
        assert counts["collaborations"] == len(ties)
        again.store.close()
    EmbeddedServer(tmp_path / "restored").stop()


def test_restored_database_serves_the_same_answers(
    graphsvc: Graphsvc, settings: Settings, session_server, catalogue, tmp_path: Path
) -> None:
    graphsvc.seed()
    key = load_key(settings.data_dir)
    counts, anchoring = graphsvc.counts(), graphsvc.anchoring()
    assert counts["actors"] > 50

    out = graphsvc_cli("db", "backup", f"{tmp_path}/backups/")
    archive = next((tmp_path / "backups").glob("graphsvc-backup-*.tar.gz"))
    assert f"backup written to {archive}" in out.stdout
    assert f"{counts['actors']} Actor" in out.stdout
    assert (archive.stat().st_mode & 0o777) == 0o600  # personal data and the pseudonym key

    restored = tmp_path / "restored"
    out = graphsvc_cli("db", "restore", str(archive), "--data-dir", str(restored))
    assert f"restored into {restored} and checked" in out.stdout
    assert (restored / KEY_FILE).read_bytes().strip() == key  # same pseudonyms
    try:
        with _open_restored(settings, restored) as again:
            assert again.counts() == counts
            pd.testing.assert_frame_equal(again.anchoring(), anchoring)
    finally:
        EmbeddedServer(restored).stop()


def test_restore_refuses_a_directory_that_holds_a_database(
    graphsvc: Graphsvc, settings: Settings, session_server, catalogue, tmp_path: Path
) -> None:
    report = backup(session_server, tmp_path / "b.tar.gz", catalogue)
    with pytest.raises(ConflictError, match="already holds a database"):
        restore(report.path, settings.data_dir, catalogue)


def _rewrite_archive(source: Path, target: Path, change) -> None:
    with tarfile.open(source) as old, tarfile.open(target, "w:gz") as new:
        for member in old:
            data = old.extractfile(member).read()  # type: ignore[union-attr]
            member, data = change(member, data)
            member.size = len(data)
            new.addfile(member, io.BytesIO(data))


def test_restore_rejects_hostile_and_tampered_archives(
    graphsvc: Graphsvc, session_server, catalogue, tmp_path: Path
) -> None:
    good = backup(session_server, tmp_path / "good.tar.gz", catalogue).path

    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(good) as old, tarfile.open(evil, "w:gz") as new:
        for member in old:
            new.addfile(member, old.extractfile(member))
        bad = tarfile.TarInfo("../evil")
        bad.size = 4
        new.addfile(bad, io.BytesIO(b"evil"))
    with pytest.raises(ValidationError, match=re.escape("unexpected member '../evil'")):
        restore(evil, tmp_path / "target", catalogue)
    assert not (tmp_path / "evil").exists()
    assert not (tmp_path / "target").exists()

    def tamper(member: tarfile.TarInfo, data: bytes):
        if member.name == MANIFEST:
            manifest = json.loads(data)
            manifest["census"]["extra"] = {"nodes": {"Actor": 1}, "relationships": {}}
            data = json.dumps(manifest).encode()
        return member, data

    tampered = tmp_path / "tampered.tar.gz"
    _rewrite_archive(good, tampered, tamper)
    with pytest.raises(StoreDamagedError, match="the backup recorded"):
        restore(tampered, tmp_path / "target", catalogue)
    assert not (tmp_path / "target" / "falkordb").exists()  # nothing moved into place

    not_a_backup = tmp_path / "notes.tar.gz"
    not_a_backup.write_bytes(b"hello")
    with pytest.raises(ValidationError, match="not a graphsvc backup"):
        restore(not_a_backup, tmp_path / "target", catalogue)
