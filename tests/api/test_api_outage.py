"""The database goes away (503, the JSON shape) and comes back on a new port (works again).

Uses its own throwaway FalkorDB server and data directory, never the session's.
"""

from __future__ import annotations

from pathlib import Path

import httpx

from graphsvc.api import create_app
from graphsvc.core import Graphsvc
from graphsvc.keys import create_key
from graphsvc.settings import get_settings
from graphsvc.store import EmbeddedServer
from tests.api.apihelpers import MINI, ServerThread


def test_503_while_the_database_is_down_and_recovery(tmp_path: Path) -> None:
    data = tmp_path / "outage"
    db = EmbeddedServer(data)
    first = db.start()
    settings = get_settings(data_dir=data)
    with Graphsvc.open(settings) as graphsvc:
        graphsvc.import_paths([MINI])
        key = create_key(graphsvc.store, "editor")[1]
    headers = {"Authorization": f"Bearer {key}"}
    api = ServerThread(create_app(settings)).start()
    try:
        with httpx.Client(base_url=api.url, timeout=60, headers=headers) as client:
            assert client.get("/actors").json()["total"] == 5
            db.stop()
            for method, path in [
                ("GET", "/actors"),
                ("GET", "/actors/trygfonden"),
                ("GET", "/health"),
                ("GET", "/analyses/anchoring"),
                ("PATCH", "/actors/trygfonden"),
            ]:
                response = client.request(method, path, json={"tags": ["x"]})
                assert response.status_code == 503, (path, response.text)
                body = response.json()
                assert body["code"] == "store_unavailable" and body["status"] == 503
                assert "Traceback" not in response.text
            second = db.start()
            assert (second.port, second.password) != (first.port, first.password)
            assert client.get("/actors").json()["total"] == 5
            assert client.get("/health").status_code == 200
            changed = client.patch("/actors/trygfonden", json={"tags": ["fond", "igen"]})
            assert changed.status_code == 200 and changed.json()["tags"] == ["fond", "igen"]
    finally:
        api.stop()
        db.stop()
