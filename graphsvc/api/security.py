"""API keys, browser sessions and roles: ``Authorization: Bearer KEY``; viewer < editor < admin.

No key (or an unknown, revoked or expired one) answers 401, a key whose role is too low
403. In demo mode (``graphsvc serve --demo``, loopback only) no key is needed and every
request acts as an **editor**: a workshop laptop where participants add and fix data,
but cannot manage keys, delete, or export personal data.

A browser signs in once (``POST /session``) and then sends the session cookie
``graphsvc_session`` (see :mod:`graphsvc.keys`). A write made with the cookie must also
carry the session's CSRF token in the header ``X-CSRF-Token`` (the pages get it from
``GET /session``): another site can make a browser send the cookie, but cannot read the
token. That comes on top of ``SameSite=Strict`` and of the same-origin check of every
write (:mod:`graphsvc.api.webguard`), because SameSite does not tell ports apart.

Failed key checks are limited per client address (``failed_key_limit`` per
``failed_key_window`` seconds, then 429 with ``Retry-After``), so keys cannot be guessed
at speed.

Who sees persons' names (least privilege): viewers see a person without
``consent_to_publish`` only under a pseudonym, everywhere (lists, gets, analyses,
named queries, maps, exports). Editors see names in the resources (they must know whom
a record is about to edit it) but get pseudonymised exports, maps and workshop pages
(shared screens); only an admin's export with ``personal_data=true`` contains
non-consenting persons' names.
"""

from __future__ import annotations

import hmac
import math
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from graphsvc.api.deps import ApiState, StateDep
from graphsvc.audit import DEMO, set_actor
from graphsvc.errors import (
    ForbiddenError,
    RateLimitedError,
    StoreUnavailableError,
    UnauthorizedError,
)
from graphsvc.keys import RANK, KeyInfo, Role, csrf_token, hash_key, session_key, verify_key

COOKIE = "graphsvc_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Principal:
    """Who makes the request."""

    role: Role
    key_id: str | None = None
    demo: bool = False
    via_cookie: bool = False

    def at_least(self, role: Role) -> bool:
        return RANK[self.role] >= RANK[role]

    @property
    def sees_names(self) -> bool:
        """May see the names of persons who did not consent (editors and admins)."""
        return self.at_least(Role.EDITOR)


@dataclass(frozen=True)
class Credential:
    """What a request presents: an API key (header) or a session token (cookie)."""

    secret: str
    via_cookie: bool


def presented(request: Request) -> Credential | None:
    """The request's key (``Authorization: Bearer``) or else its session cookie."""
    header = request.headers.get("authorization")
    if header:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise UnauthorizedError("use the header 'Authorization: Bearer KEY'")
        return Credential(value.strip(), via_cookie=False)
    # A browser opening maps in an iframe or a live event stream cannot send a header.
    session = request.cookies.get(COOKIE)
    return Credential(session, via_cookie=True) if session else None


class KeyCache:
    """Verified keys and sessions for a short while, so most requests need no look-up.

    A key revoked through this API is dropped at once; a key revoked elsewhere (``graphsvc
    keys revoke``, another API process) stops working within ``ttl`` seconds. An expired
    key is refused at once. Only the SHA-256 of a key or session token is kept.
    """

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._data: dict[str, tuple[float, KeyInfo]] = {}

    def get(self, secret: str) -> KeyInfo | None:
        if self.ttl <= 0:
            return None
        found = self._data.get(hash_key(secret))
        if found is None or found[0] < time.monotonic() or not found[1].usable:
            return None
        return found[1]

    def put(self, secret: str, info: KeyInfo) -> None:
        if self.ttl > 0:
            if len(self._data) > 10_000:
                self._data.clear()
            self._data[hash_key(secret)] = (time.monotonic() + self.ttl, info)

    def forget(self, key_id: str) -> None:
        for digest, (_expires, info) in list(self._data.items()):
            if info.id == key_id:
                self._data.pop(digest, None)

    def forget_secret(self, secret: str) -> None:
        self._data.pop(hash_key(secret), None)


class FailureLimiter:
    """At most ``limit`` failed key checks per client address in ``window`` seconds.

    In memory, per API process (with several workers an address gets that many per
    worker). Addresses are those uvicorn reports: behind a proxy, run uvicorn with
    ``--proxy-headers`` so each client counts on its own.
    """

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, address: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(address, deque())
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        return failures

    def check(self, address: str) -> None:
        """Raise :class:`RateLimitedError` while ``address`` is over the limit."""
        now = time.monotonic()
        with self._lock:
            failures = self._recent(address, now)
            if len(failures) < self.limit:
                return
            wait = failures[len(failures) - self.limit] + self.window - now
        raise RateLimitedError(
            f"too many failed API key checks from {address}; try again in {math.ceil(wait)} s",
            retry_after=max(1, math.ceil(wait)),
        )

    def fail(self, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            if len(self._failures) > 10_000:  # many addresses: keep those failing now
                self._failures = {
                    a: f for a, f in self._failures.items() if f and f[-1] > now - self.window
                }
            self._recent(address, now).append(now)


def key_cache(state: ApiState) -> KeyCache:
    cache = state.extra.get("key_cache")
    if not isinstance(cache, KeyCache):
        cache = state.extra["key_cache"] = KeyCache(state.api.key_cache_seconds)
    return cache


def failure_limiter(state: ApiState) -> FailureLimiter:
    limiter = state.extra.get("failure_limiter")
    if not isinstance(limiter, FailureLimiter):
        limiter = state.extra["failure_limiter"] = FailureLimiter(
            state.api.failed_key_limit, state.api.failed_key_window
        )
    return limiter


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _lookup(state: ApiState, credential: Credential) -> KeyInfo | None:
    store = state.graphsvc.store
    if credential.via_cookie:
        info = session_key(store, credential.secret)
    else:
        info = verify_key(store, credential.secret)
    if info is not None:
        key_cache(state).put(credential.secret, info)
    return info


async def resolve(request: Request, state: ApiState, credential: Credential) -> KeyInfo:
    """The usable key behind ``credential``: 401 when there is none, 429 while the
    client's address has failed too often (a cached, valid credential passes)."""
    info = key_cache(state).get(credential.secret)
    if info is not None:
        return info
    limiter = failure_limiter(state)
    address = client_address(request)
    limiter.check(address)
    info = await run_in_threadpool(_lookup, state, credential)
    if info is None:
        limiter.fail(address)
        what = "session (sign in again)" if credential.via_cookie else "API key"
        raise UnauthorizedError(f"unknown, revoked or expired {what}")
    return info


async def current_user(request: Request, state: StateDep) -> Principal:
    """The principal of the request (401 without a valid key, except in demo mode).

    A key verified in the last ``key_cache_seconds`` needs no look-up; otherwise the
    look-up (a database query) runs in the thread pool, never on the event loop. A
    write authenticated by the session cookie needs the session's CSRF token (403).
    """
    if state.api.demo:
        return Principal(Role.EDITOR, demo=True)
    credential = presented(request)
    if credential is None:
        raise UnauthorizedError("an API key is needed: 'Authorization: Bearer KEY'")
    info = await resolve(request, state, credential)
    if credential.via_cookie and request.method not in SAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER, "")
        if not hmac.compare_digest(sent.encode(), csrf_token(credential.secret).encode()):
            raise ForbiddenError(
                f"a write with the session cookie needs the header {CSRF_HEADER} "
                "(the page gets it from GET /session)"
            )
    return Principal(info.role, key_id=info.id, via_cookie=credential.via_cookie)


async def still_signed_in(request: Request, state: ApiState) -> bool:
    """Whether the request's key or session is still usable (for long-lived answers such
    as event streams: a revoked or expired key, or a signed-out session, ends them)."""
    if state.api.demo:
        return True
    try:
        credential = presented(request)
        if credential is None:
            return False
        await resolve(request, state, credential)
    except UnauthorizedError:
        return False
    except (RateLimitedError, StoreUnavailableError):
        return True  # cannot tell now; asked again at the next check
    return True


CurrentUser = Annotated[Principal, Depends(current_user)]


def require(role: Role) -> object:
    async def check(user: CurrentUser) -> Principal:
        if not user.at_least(role):
            raise ForbiddenError(f"this needs the {role.value} role (you are {user.role.value})")
        # who the request's writes are by, in the audit log (the endpoint's thread sees it)
        set_actor(DEMO if user.demo else user.key_id or "unknown")
        return user

    return Depends(check)


Viewer = Annotated[Principal, require(Role.VIEWER)]
Editor = Annotated[Principal, require(Role.EDITOR)]
Admin = Annotated[Principal, require(Role.ADMIN)]
