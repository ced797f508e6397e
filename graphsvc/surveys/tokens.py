"""Invitation tokens: random, stored only as a hash, looked up by it, rate limited.

A token is ``secrets.token_urlsafe(24)``: 192 random bits, 32 URL-safe characters. The
database keeps its SHA-256 (hex) only, so a copy of the database opens no survey. A token
is looked up by its hash (an index), and the found hash is compared in constant time.

Respondents need no key, so the answer routes limit them instead (:class:`RateLimiter`):
at most :data:`TOKEN_LIMIT` requests per token and minute, and at most
:data:`FAILED_LIMIT` unknown tokens per client address and minute (guessing is hopeless at
192 bits; the limit keeps the log and the database quiet).
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import threading
import time
from collections import deque

from graphsvc.errors import RateLimitedError

TOKEN_BYTES = 24
TOKEN_LIMIT = 120
FAILED_LIMIT = 30
WINDOW_SECONDS = 60.0


def new_token() -> str:
    """A fresh token (192 bits).

    Examples
    --------
    >>> len(new_token())
    32
    """
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """The SHA-256 of a token, hex: what the database stores.

    Examples
    --------
    >>> token_hash("abc")[:16]
    'ba7816bf8f01cfea'
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same_hash(token: str, stored_hash: str) -> bool:
    """Whether ``token`` hashes to ``stored_hash`` (compared in constant time)."""
    return hmac.compare_digest(token_hash(token).encode(), stored_hash.encode())


def looks_like_token(token: str) -> bool:
    """Whether ``token`` could be one of ours (length and alphabet), before any look-up."""
    return 16 <= len(token) <= 64 and all(c.isalnum() or c in "-_" for c in token)


class RateLimiter:
    """At most ``limit`` events per key in ``window`` seconds (in memory, per process).

    Parameters
    ----------
    limit : int
        Events allowed in one window.
    window : float
        The window, in seconds.
    what : str
        What is counted, for the error message ("requests with this link").
    """

    def __init__(self, limit: int, window: float, what: str) -> None:
        self.limit = limit
        self.window = window
        self.what = what
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        events = self._events.setdefault(key, deque())
        while events and events[0] <= now - self.window:
            events.popleft()
        return events

    def check(self, key: str) -> None:
        """Raise :class:`RateLimitedError` while ``key`` is over the limit."""
        now = time.monotonic()
        with self._lock:
            events = self._recent(key, now)
            if len(events) < self.limit:
                return
            wait = events[len(events) - self.limit] + self.window - now
        raise RateLimitedError(
            f"too many {self.what}; try again in {math.ceil(wait)} s",
            retry_after=max(1, math.ceil(wait)),
        )

    def add(self, key: str) -> None:
        """Count one event of ``key``."""
        now = time.monotonic()
        with self._lock:
            if len(self._events) > 10_000:  # many keys: keep those active now
                self._events = {
                    k: e for k, e in self._events.items() if e and e[-1] > now - self.window
                }
            self._recent(key, now).append(now)

    def hit(self, key: str) -> None:
        """Check ``key`` and count this event."""
        self.check(key)
        self.add(key)
