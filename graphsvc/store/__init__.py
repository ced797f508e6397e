"""Graph stores: the embedded FalkorDB server by default, Neo4j when configured."""

from __future__ import annotations

from graphsvc.errors import StoreUnavailableError
from graphsvc.settings import Settings
from graphsvc.store import migrations
from graphsvc.store.base import Row, Store
from graphsvc.store.catalogue import Catalogue, Query, load_catalogue
from graphsvc.store.falkor import FalkorStore
from graphsvc.store.server import EmbeddedServer

__all__ = ["Catalogue", "EmbeddedServer", "Query", "Row", "Store", "open_store"]


def open_store(settings: Settings, *, start: bool = True, migrate: bool = True) -> Store:
    """Connect to the configured store, starting the embedded server if needed.

    A graph written by a newer graphsvc is refused before anything is written. The
    indexes on every merge key are ensured on every open; then, with ``migrate``, a new
    graph is stamped with the schema version and an older one is backed up and upgraded
    (:func:`graphsvc.store.migrations.prepare_schema`). ``migrate=False`` is for
    ``graphsvc db migrate``, which runs the migration itself.
    """
    catalogue = load_catalogue(settings.queries_dir)
    store: Store
    if settings.neo4j_uri:
        # the neo4j driver takes a second or more to load; only Neo4j deployments pay it
        from graphsvc.store.neo4j_store import Neo4jStore  # noqa: PLC0415

        password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
        store = Neo4jStore(
            catalogue,
            uri=settings.neo4j_uri,
            user=settings.neo4j_user,
            password=password,
            database=settings.neo4j_database,
        )
    else:
        server = EmbeddedServer(settings.data_dir, start_timeout=settings.server_start_timeout)
        info = server.start() if start else server.status()
        if info is None:
            raise StoreUnavailableError(f"no FalkorDB server is running for {settings.data_dir}")
        store = FalkorStore(
            catalogue,
            host=info.host,
            port=info.port,
            password=info.password,
            graph=settings.graph_name,
        )
    try:
        migrations.check_supported(migrations.read_state(store))
        store.ensure_schema(allow_duplicates=settings.allow_duplicate_ids)
        if migrate:
            migrations.prepare_schema(store, settings)
    except BaseException:
        store.close()
        raise
    return store
