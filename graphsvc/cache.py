"""The analysis cache: results by (analysis, parameters, graph version), in memory and
in files shared by the API's worker processes (see :class:`AnalysisCache`); a global
analysis made stale by a write is served as it was while one recompute runs
(:meth:`AnalysisCache.get_or_refresh`)."""

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
from typing import Any, NamedTuple

from graphsvc.memory import collector_paused, return_free_memory

log = logging.getLogger(__name__)

#: Only a computation this long gives freed memory back (``malloc_trim`` walks every
#: arena of a heap of gigabytes; a small result frees little).
TRIM_AFTER_SECONDS = 1.0
#: Rows of a long list encoded at a time by :func:`json_parts`.
JSON_BLOCK = 2000


def json_parts(value: Any, *, ensure_ascii: bool = True) -> Iterator[bytes | memoryview]:
    """``json.dumps(value, allow_nan=False, ensure_ascii=…)`` in UTF-8, in parts.

    A national analysis is 100 MB of JSON. ``json.dumps`` holds it as a list of
    fragments, then as text, then ``encode`` as bytes: three copies at once, the worker's
    peak. Here each long list (more than :data:`JSON_BLOCK` items) is encoded a block of
    rows at a time, so a caller can write the parts to a file one by one, or join them
    into the bytes only.

    Examples
    --------
    >>> value = {"rows": [{"n": i, "name": "Aktør"} for i in range(5000)], "k": [1.5]}
    >>> text = json.dumps(value, allow_nan=False, ensure_ascii=False).encode()
    >>> b"".join(json_parts(value, ensure_ascii=False)) == text
    True
    """

    def dumps(part: Any) -> bytes:
        return json.dumps(part, allow_nan=False, ensure_ascii=ensure_ascii).encode()

    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        yield b"{"
        for at, (key, item) in enumerate(value.items()):
            yield (b", " if at else b"") + dumps(key) + b": "
            yield from json_parts(item, ensure_ascii=ensure_ascii)
        yield b"}"
    elif isinstance(value, list) and len(value) > JSON_BLOCK:
        yield b"["
        for start in range(0, len(value), JSON_BLOCK):
            yield b", " if start else b""
            yield memoryview(dumps(value[start : start + JSON_BLOCK]))[1:-1]
        yield b"]"
    else:
        yield dumps(value)


class Cached(NamedTuple):
    """What :meth:`AnalysisCache.get_or_refresh` found or computed."""

    value: Any
    #: True when the value was already there (computed before, by any worker).
    hit: bool
    #: True when the value is of an older graph version and a recompute is under way.
    stale: bool
    #: The graph version the value was computed for (``[epoch, number]``).
    version: Any


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
        # per analysis and parameters: the version and key of the newest result, and the
        # analyses being recomputed in the background by this process
        self._latest: dict[str, tuple[Any, str]] = {}
        self._refreshing: set[str] = set()
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
                started = time.perf_counter()
                with collector_paused():  # analyses allocate much beside a big snapshot
                    value = compute()
                if time.perf_counter() - started > TRIM_AFTER_SECONDS:
                    return_free_memory()  # what a big analysis freed, back to the system
                with self._lock:
                    self.misses += 1
                self._remember(key, value)
                if persist:
                    self._to_disk(key, value)
                return value, False
        finally:
            with self._lock:
                self._computing.pop(key, None)

    def get_or_refresh(
        self,
        name: str,
        params: dict[str, Any],
        version: Any,
        compute: Callable[[], Any],
        *,
        may_serve: Callable[[Any], bool],
    ) -> Cached:
        """The result of an analysis at the graph's ``version``, or the previous one while
        it is recomputed.

        A global analysis (bridging, communities) takes seconds to minutes on a national
        graph, and every write makes it stale. When no result for ``version`` exists but
        one for an older version of the same epoch does, and ``may_serve(old_version)``
        says the graph only changed by writes since (no reset, no erasure), the old
        result is returned at once with ``stale=True`` and one recompute starts in the
        background: one per analysis and parameters in this process, and through a file
        lock one across the worker processes (no thundering herd). A request after it
        finished gets the fresh result. Without an older result the call computes and
        waits, as :meth:`get_or_compute` does.

        Parameters
        ----------
        name : str
            The analysis.
        params : dict
            Its parameters (filters); with ``name`` they say what is recomputed once.
        version : list
            ``[epoch, number]`` of the graph now.
        compute : callable
            Computes the result at the current version (runs in a background thread
            when an older result is served).
        may_serve : callable
            Takes an older ``[epoch, number]``; whether a result of then may be served.

        Returns
        -------
        Cached
            The value, whether it was already there, whether it is stale, and the version
            it was computed for.
        """
        key = self.key(name, params, version)
        base = self.key(name, params, None)
        found = self._from_memory(key)
        if found is _MISSING:
            found = self._from_disk(key)  # another worker's (files appear whole)
            if found is not _MISSING:
                self._remember(key, found)
        if found is not _MISSING:
            return Cached(found, True, False, version)
        previous = self._previous(base, version)
        if previous is not None and may_serve(previous[0]):
            old = self._from_memory(previous[1])
            if old is _MISSING:
                old = self._from_disk(previous[1])
            if old is not _MISSING:
                self._refresh(base, key, version, compute)
                return Cached(old, True, True, previous[0])
        value, hit = self.get_or_compute(key, compute)
        self._set_latest(base, version, key)
        return Cached(value, hit, False, version)

    def _previous(self, base: str, version: Any) -> tuple[Any, str] | None:
        """The newest older result of ``base`` in the same epoch: ``(version, key)``.
        With files, only one whose file is still there (an erasure removes them all)."""
        candidates = []
        with self._lock:
            if base in self._latest:
                candidates.append(self._latest[base])
        if self.folder is not None:
            try:
                stored = json.loads(self._path(base, ".latest").read_bytes())
                candidates.append((stored["version"], stored["key"]))
            except (FileNotFoundError, ValueError, KeyError, TypeError):
                pass
        usable = [
            (old, key)
            for old, key in candidates
            if old[0] == version[0]
            and old[1] < version[1]
            and (self.folder is None or any(self._path(key, s).exists() for s in _LOADERS))
        ]
        return max(usable, key=lambda found: found[0][1]) if usable else None

    def _set_latest(self, base: str, version: Any, key: str) -> None:
        with self._lock:
            known = self._latest.get(base)
            if known is None or known[0][0] != version[0] or known[0][1] <= version[1]:
                self._latest[base] = (version, key)
        if self.folder is not None:
            target = self._path(base, ".latest")
            partial = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part")
            partial.write_text(json.dumps({"version": version, "key": key}))
            os.replace(partial, target)

    def _refresh(self, base: str, key: str, version: Any, compute: Callable[[], Any]) -> None:
        """Recompute in a background thread, unless this analysis is being recomputed
        here already, or by another worker (its lock file is held)."""
        with self._lock:
            if base in self._refreshing:
                return
            self._refreshing.add(base)

        def run() -> None:
            try:
                with self._refresh_lock(base) as ours:
                    if ours:
                        self.get_or_compute(key, compute)
                        self._set_latest(base, version, key)
            except Exception:  # a background thread has no caller to raise to
                log.exception("recomputing %s failed; the previous result stays", base[:80])
            finally:
                with self._lock:
                    self._refreshing.discard(base)

        threading.Thread(target=run, name=f"refresh {base[:40]}", daemon=True).start()

    @contextmanager
    def _refresh_lock(self, base: str) -> Iterator[bool]:
        """Whether this process may recompute ``base``: another worker holding the lock
        is recomputing it (its result file serves this worker's next request)."""
        if self.folder is None:
            yield True
            return
        with open(self._path(base, ".refresh"), "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def refreshing(self) -> set[str]:
        """The analyses (with parameters) this process is recomputing in the background."""
        with self._lock:
            return set(self._refreshing)

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
        parts: Iterator[bytes | memoryview]
        if isinstance(value, bytes):
            suffix, parts = ".bin", iter([value])
        elif isinstance(value, str):
            suffix, parts = ".txt", iter([value.encode()])
        else:  # a part at a time: a national result is 100 MB of JSON (json_parts)
            suffix, parts = ".json", json_parts(value)
        target = self._path(key, suffix)
        partial = target.with_suffix(f".{os.getpid()}.part")
        try:
            with partial.open("wb") as file:
                for part in parts:
                    file.write(part)
        except (TypeError, ValueError):
            partial.unlink(missing_ok=True)
            return  # not JSON: kept in memory only
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
            elif path.suffix in _MARKERS and modified < day_ago:
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
        elif path.suffix == ".latest":  # nothing older may be served as stale either
            path.unlink(missing_ok=True)
    return dropped


_MISSING = object()
# files that are no result: locks, and pointers to the newest result of an analysis
_MARKERS = (".lock", ".refresh", ".latest")
_LOADERS: dict[str, Callable[[bytes], Any]] = {
    ".bin": bytes,
    ".txt": lambda raw: raw.decode(),
    ".json": json.loads,
}
