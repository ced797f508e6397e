"""The analysis cache: results by (analysis, parameters, graph version), in memory and
in files shared by the API's worker processes (see :class:`AnalysisCache`)."""

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
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


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


def cache_folder(data_dir: Path) -> Path:
    """Where the API's workers share their results: beside the database."""
    return data_dir / "cache"


def drop_cached_files(data_dir: Path) -> int:
    """Remove every result file (an erasure: a result may name the person); returns how
    many. The workers compute again; their memory layer is keyed by the graph version,
    which the erasure bumps."""
    folder = cache_folder(data_dir)
    if not folder.is_dir():
        return 0
    dropped = 0
    for path in folder.iterdir():
        if path.suffix in _LOADERS:
            path.unlink(missing_ok=True)
            dropped += 1
    return dropped


_MISSING = object()
_LOADERS: dict[str, Callable[[bytes], Any]] = {
    ".bin": bytes,
    ".txt": lambda raw: raw.decode(),
    ".json": json.loads,
}
