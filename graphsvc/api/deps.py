"""Shared state and the dependencies every router declares (``Annotated`` aliases).

One :class:`~graphsvc.core.Graphsvc` per app over a :class:`ReconnectingStore`: when a
query finds the database unreachable, the store re-reads the embedded server's state
file once and, if the server now runs elsewhere (a restart picks a new port and
password), re-opens the connection and retries the query. Otherwise the error stays a
:class:`~graphsvc.errors.StoreUnavailableError` (503) and the next request tries again.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from graphsvc.core import Graphsvc
from graphsvc.errors import Problem, StoreUnavailableError, ValidationError
from graphsvc.privacy import load_key
from graphsvc.settings import Settings
from graphsvc.store import Store, open_store
from graphsvc.store.base import Prepared, Row, UniqueKey
from graphsvc.store.catalogue import Query

log = logging.getLogger(__name__)


class ApiSettings(BaseSettings):
    """Settings of the API server (``GRAPHSVC_*`` environment variables)."""

    model_config = SettingsConfigDict(env_prefix="GRAPHSVC_", extra="ignore")

    max_upload_bytes: int = Field(
        default=20 * 1024 * 1024, ge=1, description="Largest accepted import upload (bytes)."
    )
    demo: bool = Field(
        default=False,
        description="No API keys: every request acts as an editor (loopback only).",
    )
    cache_size: int = Field(default=64, ge=0, description="Cached analysis results.")
    key_cache_seconds: float = Field(
        default=2.0,
        ge=0,
        description="How long a verified API key is trusted without a look-up; a key "
        "revoked outside this process stops working within this time.",
    )
    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Host names (``name`` or ``name:port``) the app answers to besides "
        "the address it listens on, e.g. the public name behind a proxy; comma-separated "
        "in GRAPHSVC_ALLOWED_HOSTS. Other Host headers get 400.",
    )
    failed_key_limit: int = Field(
        default=10, ge=1, description="Failed key checks per client address and window."
    )
    failed_key_window: float = Field(
        default=60.0, gt=0, description="The window of failed_key_limit (seconds)."
    )

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip().lower() for part in value.split(",") if part.strip()]
        return value


def get_api_settings(**overrides: Any) -> ApiSettings:
    """Build the API settings from the environment, with explicit overrides on top."""
    return ApiSettings(**overrides)


class ReconnectingStore(Store):
    """A store that re-opens itself once when the database moved (see the module doc)."""

    def __init__(self, settings: Settings, *, start: bool = True) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._inner = open_store(settings, start=start)
        super().__init__(self._inner.catalogue)
        self.backend = self._inner.backend

    def _reopen(self, failed: Store) -> bool:
        with self._lock:
            if self._inner is not failed:  # another thread already re-opened it
                return True
            try:
                fresh = open_store(self.settings, start=False)
            except StoreUnavailableError:
                return False
            self._inner = fresh
        log.warning("re-opened the store: %s", fresh.describe())
        try:
            failed.close()
        except Exception:
            log.debug("closing the old store failed", exc_info=True)
        return True

    def prepare(self, name: str, **params: Any) -> Prepared:
        problems = list(text_problems(params))
        if problems:
            raise ValidationError(
                "text the database cannot store (a NUL character or invalid Unicode)",
                details=problems,
            )
        return self._inner.prepare(name, **params)

    def run_prepared(self, prepared: Prepared) -> list[Row]:
        inner = self._inner
        try:
            return inner.run_prepared(prepared)
        except StoreUnavailableError:
            if not self._reopen(inner):
                raise
        return self._inner.run_prepared(prepared)

    def _execute(self, query: Query, params: dict[str, Any]) -> list[Row]:
        raise NotImplementedError  # run() delegates to the inner store

    def _ensure_index(self, query: Query) -> None:
        self._inner.ensure_schema()

    def _missing_unique_keys(self) -> list[UniqueKey]:
        return self._inner._missing_unique_keys()

    def _create_unique_key(self, key: UniqueKey) -> None:
        self._inner._create_unique_key(key)

    def ping(self) -> bool:
        return self._inner.ping()

    def describe(self) -> str:
        return self._inner.describe()

    def close(self) -> None:
        self._inner.close()


def text_problems(value: Any, where: str = "") -> Iterator[Problem]:
    """Strings FalkorDB cannot take as parameters: NUL characters, lone surrogates."""
    if isinstance(value, str):
        if "\x00" in value:
            yield Problem("contains a NUL character", column=where or None)
        else:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                yield Problem("is not valid Unicode text", column=where or None)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from text_problems(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from text_problems(item, where)


class AnalysisCache:
    """Analysis results by (analysis, parameters, graph version), least recently used out.

    Two layers: memory, and with ``folder`` files shared by the API's worker processes,
    so a result computed by one worker serves them all. A result is computed once: other
    threads, and other processes through a file lock, wait for it instead of computing
    it again (after a write, 16 clients asking at once cost one computation, not 16).
    Keys hold the graph version, so entries never go stale; old files are pruned.
    Values are ``bytes``, ``str`` or JSON-able data (dicts and lists come back as
    dicts and lists).
    """

    def __init__(self, size: int, folder: Path | None = None, max_files: int = 256) -> None:
        self.size = size
        self.folder = folder
        self.max_files = max_files
        self._data: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[str, threading.Lock] = {}
        self.hits = 0
        self.misses = 0
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)

    @staticmethod
    def key(name: str, params: dict[str, Any], version: Any) -> str:
        return json.dumps([name, params, version], sort_keys=True, default=str)

    def get_or_compute(
        self, key: str, compute: Callable[[], Any], *, persist: bool = True
    ) -> tuple[Any, bool]:
        """The cached value, or ``compute()``'s; ``persist=False`` keeps it in memory only
        (e.g. a table of real names, which has no business on disk)."""
        found = self._from_memory(key)
        if found is not _MISSING:
            return found, True
        with self._lock:
            key_lock = self._computing.setdefault(key, threading.Lock())
        try:
            with key_lock, self._file_lock(key):
                found = self._from_memory(key)
                if found is _MISSING:
                    found = self._from_disk(key)
                    if found is not _MISSING:
                        self._remember(key, found)
                if found is not _MISSING:
                    return found, True
                value = compute()
                with self._lock:
                    self.misses += 1
                self._remember(key, value)
                if persist:
                    self._to_disk(key, value)
                return value, False
        finally:
            with self._lock:
                self._computing.pop(key, None)

    def _from_memory(self, key: str) -> Any:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                self.hits += 1
                return self._data[key]
        return _MISSING

    def _remember(self, key: str, value: Any) -> None:
        with self._lock:
            if self.size:
                self._data[key] = value
                while len(self._data) > self.size:
                    self._data.popitem(last=False)

    def _path(self, key: str, suffix: str) -> Path:
        assert self.folder is not None
        return self.folder / (hashlib.sha256(key.encode()).hexdigest() + suffix)

    @contextmanager
    def _file_lock(self, key: str) -> Iterator[None]:
        if self.folder is None:
            yield
            return
        with open(self._path(key, ".lock"), "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _from_disk(self, key: str) -> Any:
        if self.folder is None:
            return _MISSING
        for suffix, load in _LOADERS.items():
            try:
                raw = self._path(key, suffix).read_bytes()
            except FileNotFoundError:
                continue
            try:
                return load(raw)
            except ValueError:  # a damaged file: compute again
                log.warning("ignoring a damaged cache file for %s", key[:80])
                return _MISSING
        return _MISSING

    def _to_disk(self, key: str, value: Any) -> None:
        if self.folder is None:
            return
        if isinstance(value, bytes):
            suffix, raw = ".bin", value
        elif isinstance(value, str):
            suffix, raw = ".txt", value.encode()
        else:
            try:
                suffix, raw = ".json", json.dumps(value, allow_nan=False).encode()
            except (TypeError, ValueError):
                return  # kept in memory only
        target = self._path(key, suffix)
        partial = target.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(raw)
        os.replace(partial, target)  # readers see the whole file or none
        self._prune()

    def _prune(self) -> None:
        """Keep the newest ``max_files`` results and nothing older than a day (a result
        about a person deleted since must not linger). Other workers prune too: a file
        may vanish between listing and looking at it."""
        assert self.folder is not None
        day_ago = time.time() - 86_400
        dated: list[tuple[float, Path]] = []
        for path in self.folder.iterdir():
            try:
                modified = path.stat().st_mtime
            except FileNotFoundError:
                continue
            if path.suffix in _LOADERS:
                dated.append((modified, path))
            elif path.suffix == ".lock" and modified < day_ago:
                path.unlink(missing_ok=True)
        dated.sort()
        excess = max(0, len(dated) - self.max_files)
        for index, (modified, path) in enumerate(dated):
            if index < excess or modified < day_ago:
                path.unlink(missing_ok=True)


_MISSING = object()
_LOADERS: dict[str, Callable[[bytes], Any]] = {
    ".bin": bytes,
    ".txt": lambda raw: raw.decode(),
    ".json": json.loads,
}


@dataclass
class ApiState:
    """Everything the app holds: settings, the core object, the cache, the pseudonym key."""

    settings: Settings
    api: ApiSettings
    graphsvc: Graphsvc
    cache: AnalysisCache
    pseudonym_key: bytes
    extra: dict[str, Any] = field(default_factory=dict)

    def graph_key(self) -> list[Any]:
        """What cached analyses are keyed by: the graph's epoch and version.

        Every write of graphsvc bumps the version, whichever process makes it: the API,
        ``graphsvc import``, ``seed`` and ``db reset``, workshops. One indexed read, so a
        cache hit costs the same on a national graph as on the seed data.
        """
        epoch, version = self.graphsvc.graph_version()
        return [epoch, version]


def open_state(settings: Settings, api: ApiSettings) -> ApiState:
    store = ReconnectingStore(settings)
    return ApiState(
        settings=settings,
        api=api,
        graphsvc=Graphsvc(store, settings),
        cache=AnalysisCache(
            api.cache_size, settings.data_dir / "cache" if api.cache_size else None
        ),
        pseudonym_key=load_key(settings.data_dir),
    )


async def get_state(request: Request) -> ApiState:
    state: ApiState = request.app.state.graphsvc
    return state


async def get_graphsvc(request: Request) -> Graphsvc:
    state: ApiState = request.app.state.graphsvc
    return state.graphsvc


StateDep = Annotated[ApiState, Depends(get_state)]
GraphsvcDep = Annotated[Graphsvc, Depends(get_graphsvc)]
