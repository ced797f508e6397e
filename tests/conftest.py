"""Session fixtures: one real FalkorDB server for the whole test session, started here.

Every test that needs the database gets a ``graphsvc`` whose graph is emptied first.
``GRAPHSVC_DATA_DIR`` points at the session's server, so CLI commands run in tests
find the same server (and never the user's own data).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graphsvc.core import Graphsvc
from graphsvc.io.reading import read_tables
from graphsvc.io.tables import Tables
from graphsvc.settings import Settings, get_settings
from graphsvc.store import EmbeddedServer
from graphsvc.store.server import ServerInfo

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "data" / "mini"


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("graphsvc-data")
    previous = os.environ.get("GRAPHSVC_DATA_DIR")
    os.environ["GRAPHSVC_DATA_DIR"] = str(path)
    os.environ.pop("GRAPHSVC_NEO4J_URI", None)
    yield path
    if previous is None:
        os.environ.pop("GRAPHSVC_DATA_DIR", None)
    else:
        os.environ["GRAPHSVC_DATA_DIR"] = previous


@pytest.fixture(scope="session")
def falkordb_server(data_dir: Path) -> Iterator[ServerInfo]:
    server = EmbeddedServer(data_dir)
    info = server.start()
    yield info
    server.stop()


@pytest.fixture(scope="session")
def settings(data_dir: Path, falkordb_server: ServerInfo) -> Settings:
    return get_settings(data_dir=data_dir)


@pytest.fixture
def graphsvc(settings: Settings) -> Iterator[Graphsvc]:
    with Graphsvc.open(settings) as instance:
        instance.reset()
        yield instance


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    """A writable copy of the small hand-made data set in tests/data/mini."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture
def mini_tables() -> Tables:
    """The small hand-made data set as the four validated tables (fresh frames each time)."""
    return read_tables(MINI)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium through playwright, once per session (one playwright per thread:
    the map and workshop tests share it). Never ``playwright install``."""
    # maps (pyvis) and playwright load only for the browser tests, not for every test run
    from graphsvc.maps.png import CHROMIUM_FLAGS, chromium_path  # noqa: PLC0415

    exe = chromium_path()
    if not Path(exe).exists():
        pytest.fail(
            f"{exe} is missing: the browser tests drive Debian's chromium. Run the test "
            "command, which installs it: bash scripts/test.sh  (never 'playwright install')",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=exe, args=CHROMIUM_FLAGS, headless=True)
        yield instance
        instance.close()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-screenshots",
        action="store_true",
        help="write the map screenshots as the new references (tests/maps/screenshots/) "
        "instead of comparing them",
    )
