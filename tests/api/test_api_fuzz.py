"""Property-based fuzzing of every GET/POST/PATCH route from the OpenAPI schema.

A throwaway FalkorDB server and graph (the mini data set), an admin key, at most 20
examples per operation: no 5xx, and every answer matches its own schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from graphsvc.api import create_app
from graphsvc.core import Graphsvc
from graphsvc.keys import create_key
from graphsvc.settings import get_settings
from graphsvc.store import EmbeddedServer
from tests.api.apihelpers import MINI, ServerThread


@pytest.fixture(scope="module")
def fuzz_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    data: Path = tmp_path_factory.mktemp("fuzz-db")
    db = EmbeddedServer(data)
    db.start()
    app_settings = get_settings(data_dir=data)
    with Graphsvc.open(app_settings) as graphsvc:
        graphsvc.import_paths([MINI])
        key = create_key(graphsvc.store, "admin")[1]
    # POST /session is fuzzed with made-up keys: no failed-key limit in the way here
    api = ServerThread(
        create_app(app_settings, max_upload_bytes=1024 * 1024, failed_key_limit=100_000)
    ).start()
    try:
        yield api.url, key
    finally:
        api.stop()
        db.stop()


@pytest.fixture(scope="module")
def fuzz_schema(fuzz_target: tuple[str, str]) -> schemathesis.BaseSchema:
    url, _key = fuzz_target
    # The event stream never ends by design, and each PNG starts a browser: both have
    # their own tests (test_api_workshops.py). The schema of every route takes seconds to
    # build on a loaded machine: schemathesis' 10 s default timed out in a full run.
    return (
        schemathesis.openapi.from_url(f"{url}/openapi.json", timeout=120)
        .include(method=["GET", "POST", "PATCH"])
        .exclude(path_regex=r"/events$|/export\.png$")
    )


schema = schemathesis.pytest.from_fixture("fuzz_schema")


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],
)
def test_api_fuzz(case: schemathesis.Case, fuzz_target: tuple[str, str]) -> None:
    _url, key = fuzz_target
    case.call_and_validate(
        headers={"Authorization": f"Bearer {key}"},
        checks=[not_a_server_error, response_schema_conformance],
        timeout=60,
    )
