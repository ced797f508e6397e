"""Memory of a long-lived process: the cyclic collector paused while big work allocates
(:func:`collector_paused`), and freed memory given back to the system after it
(:func:`return_free_memory`).

An API worker keeps its analysis snapshot (millions of networkx dicts on a national
network) for as long as it lives. Every collection of the oldest generation walks all
of them, and an analysis that allocates hundreds of thousands of short-lived objects
triggers such collections again and again: at 20k actors / 100k ties that was 7 of
16.5 CPU seconds of a municipality report, and 3.0 of 18 of the whole bridging
analysis. Inside :func:`collector_paused` the work's garbage is freed by reference
counting as usual; the few cycles it makes wait until the collector runs again after
the block (all of them are in the youngest generation then, which is cheap to walk).

Why not ``gc.freeze()`` on the snapshot instead: frozen objects are never examined
again, so the networks a later write replaces would leak whatever cycles they hold.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["collector_paused", "return_free_memory"]

_lock = threading.Lock()
_paused = 0  # blocks inside collector_paused, over all threads
_was_enabled = False  # whether the collector ran before the first of them


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block, in any thread of the process.

    Blocks may nest and overlap across threads (a background recompute beside a
    report): the collector runs again when the last one ends, if it ran before the
    first began.

    Examples
    --------
    >>> import gc
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    global _paused, _was_enabled
    with _lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None elsewhere (musl, macOS)."""
    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None
    if trim is not None:
        trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


_TRIM = _malloc_trim()


def return_free_memory() -> bool:
    """Give the memory freed after a big analysis back to the system (glibc only).

    glibc keeps freed heap memory for reuse, in one pool (arena) per thread that
    allocated it, and an analysis of a national network frees hundreds of megabytes
    (in a request thread or a background recompute). ``malloc_trim(0)`` releases the
    free pages of every arena (see bench/README.md for what it gave); it takes a few
    milliseconds. Elsewhere it does nothing.

    Returns
    -------
    bool
        Whether memory was returned.

    Examples
    --------
    >>> isinstance(return_free_memory(), bool)
    True
    """
    if _TRIM is None:
        return False
    return bool(_TRIM(0))
