"""The write path on the real FalkorDB: unique ids held by the database, migration of an
older graph on open, and the graph version around writes that fail half-way."""

from __future__ import annotations

from pathlib import Path

import pytest
from falkordb import FalkorDB

from graphsvc.core import Graphsvc
from graphsvc.errors import ConflictError, NotFoundError
from graphsvc.io import importer
from graphsvc.settings import Settings, get_settings
from graphsvc.store.server import ServerInfo

MINI = Path(__file__).parent / "data" / "mini"


def _actors_csv(path: Path, count: int) -> Path:
    rows = [f"a{n:03d},Forening {n},association,civil_society,local" for n in range(count)]
    path.write_text("id,name,kind,sector,scale\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_the_database_refuses_a_second_item_with_an_id(graphsvc: Graphsvc) -> None:
    """Past graphsvc's own checks (straight to the store), the constraint still holds."""
    graphsvc.import_paths([MINI])
    actor = {"id": "legepatruljen", "name": "X", "kind": "association",
             "sector": "civil_society", "scale": "local"}  # fmt: skip
    with pytest.raises(ConflictError):
        graphsvc.store.run("actors/create_actor", props=actor)
    with pytest.raises(ConflictError):  # an import's MERGE of an actor on a project's id
        graphsvc.store.run("actors/merge_actors", rows=[{"id": "legepatruljen", "props": actor}])
    tie = {"id": "c-kommune-frivilligcenter", "kind": "funding"}
    with pytest.raises(ConflictError):
        graphsvc.store.run(
            "collaborations/create_collaboration",
            source_id="trygfonden",
            target_id="aeblehaven-forening",
            props=tie,
        )
    assert graphsvc.get_item("actors", "legepatruljen") is None
    assert graphsvc.get_item("collaborations", "c-kommune-frivilligcenter")["source_id"] == (  # type: ignore[index]
        "middelfart-kommune"
    )


def test_an_import_failing_in_a_late_batch_leaves_a_new_graph_version(
    settings: Settings, graphsvc: Graphsvc, tmp_path: Path
) -> None:
    """The version changes before the first batch is written, so a cache keyed on it never
    answers for the graph before the import, whether the import ends, fails or is killed.

    The last batch fails in the database: while the import runs, another writer takes
    the id of its last actor for a project (the unique constraint refuses the batch).
    """
    small = Graphsvc(graphsvc.store, settings.model_copy(update={"batch_size": 10}))
    before = small.graph_version()
    seen: list[tuple[str | None, int]] = []
    project = {"id": "a034", "name": "P", "theme": "employment", "status": "active"}

    def meanwhile(_table: str, _count: int) -> None:
        seen.append(graphsvc.graph_version())  # what a reader sees mid-import
        if len(seen) == 1:
            graphsvc.store.run("projects/create_project", props=project)

    with pytest.raises(ConflictError):
        small.import_paths([_actors_csv(tmp_path / "actors.csv", 35)], progress=meanwhile)
    assert small.counts()["actors"] == 30  # three batches written, the fourth refused whole
    assert seen[0] != before  # bumped before the first batch was written
    assert small.graph_version() not in (before, *seen)  # and again after the failure


def test_an_import_that_changes_nothing_keeps_the_version(graphsvc: Graphsvc) -> None:
    graphsvc.import_paths([MINI])
    version = graphsvc.graph_version()
    assert graphsvc.import_paths([MINI]).changed == 0
    assert graphsvc.graph_version() == version


def _legacy_graph(info: ServerInfo, name: str) -> None:
    """A graph as an older graphsvc wrote it: no shared label, no revs, no constraints."""
    db = FalkorDB(host=info.host, port=info.port, password=info.password)
    graph = db.select_graph(name)
    graph.query(
        "CREATE (:Actor {id: 'kommune', name: 'Kommune', kind: 'municipality', "
        "sector: 'public', scale: 'municipal'}), "
        "(:Actor {id: 'dobbelt', name: 'Dobbelt', kind: 'association', "
        "sector: 'civil_society', scale: 'local'}), "
        "(:Project {id: 'dobbelt', name: 'Dobbelt', theme: 'employment', status: 'active'})"
    )
    db.connection.close()


def test_an_older_graph_is_migrated_on_open_or_named_duplicates_refuse_it(
    data_dir: Path, falkordb_server: ServerInfo
) -> None:
    name = "legacy_writes"
    _legacy_graph(falkordb_server, name)
    settings = get_settings(data_dir=data_dir, graph_name=name)
    with pytest.raises(ConflictError) as refused:
        Graphsvc.open(settings)
    assert "'dobbelt'" in str(refused.value) and "duplicate" in str(refused.value)
    assert refused.value.details[0].value == "dobbelt"

    db = FalkorDB(host=falkordb_server.host, port=falkordb_server.port,
                  password=falkordb_server.password)  # fmt: skip
    # the way out the message names: open without unique ids, delete one of the two
    with Graphsvc.open(settings.model_copy(update={"allow_duplicate_ids": True})) as lenient:
        lenient.delete_item("projects", "dobbelt")
    try:
        with Graphsvc.open(settings) as graphsvc:
            found = graphsvc.get_stored("actors", "kommune")
            assert found is not None and found.rev  # items got a rev (an ETag)
            assert graphsvc.id_taken("dobbelt")  # and the shared label
            project = {"id": "kommune", "name": "P", "theme": "employment", "status": "active"}
            with pytest.raises(ConflictError, match="taken by an actor"):
                graphsvc.create_item("projects", project)
            with pytest.raises(ConflictError):  # the database enforces it, not only Python
                graphsvc.store.run("projects/create_project", props=project)
    finally:
        db.select_graph(name).delete()
        db.connection.close()


def test_revs_are_not_fields(graphsvc: Graphsvc) -> None:
    """The rev is stored on every item but is no field: exports and reads leave it out."""
    graphsvc.import_paths([MINI])
    assert "rev" not in graphsvc.get_item("actors", "trygfonden")  # type: ignore[operator]
    assert "rev" not in graphsvc.tables()["actors"].columns
    assert importer.REV in importer.STORED_ONLY


def test_a_delete_never_removes_ties_it_was_not_told_to(graphsvc: Graphsvc) -> None:
    """The tie check and the delete are one statement: a tie added between an editor's
    read and her delete makes the delete refuse (409), not take the new tie with it."""
    graphsvc.import_paths([MINI])
    actor = {"id": "ny-forening", "name": "Ny forening", "kind": "association",
             "sector": "civil_society", "scale": "local"}  # fmt: skip
    graphsvc.create_item("actors", actor)
    assert graphsvc.item_dependents("actors", "ny-forening") == {
        "participations": [],
        "collaborations": [],
    }
    tie = {"id": "c-ny", "source_id": "ny-forening", "target_id": "trygfonden",
           "kind": "partnership"}  # fmt: skip
    graphsvc.create_item("collaborations", tie)  # what another editor did meanwhile
    rows = graphsvc.store.run("actors/delete_actor", id="ny-forening", revs=None, confirm=False)
    assert rows == []
    assert graphsvc.get_item("collaborations", "c-ny") is not None
    with pytest.raises(ConflictError, match="1 collaborations"):
        graphsvc.delete_item("actors", "ny-forening")
    removed = graphsvc.delete_item("actors", "ny-forening", confirm=True)
    assert removed == {"participations": [], "collaborations": ["c-ny"]}
    assert graphsvc.get_item("collaborations", "c-ny") is None
    with pytest.raises(NotFoundError):  # gone a moment ago: 404, never an IndexError
        graphsvc.item_dependents("actors", "ny-forening")
