"""API keys and roles: ``Authorization: Bearer KEY``; viewer < editor < admin.

No key (or an unknown or revoked one) answers 401, a key whose role is too low 403.
In demo mode (``graphsvc serve --demo``, loopback only) no key is needed and every
request acts as an **editor**: a workshop laptop where participants add and fix data,
but cannot manage keys, delete, or export personal data.

Who sees persons' names (least privilege): viewers see a person without
``consent_to_publish`` only under a pseudonym, everywhere (lists, gets, analyses,
named queries, maps, exports). Editors see names in the resources (they must know whom
a record is about to edit it) but get pseudonymised exports, maps and workshop pages
(shared screens); only an admin's export with ``personal_data=true`` contains
non-consenting persons' names.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from graphsvc.api.deps import ApiState, StateDep
from graphsvc.errors import ForbiddenError, UnauthorizedError
from graphsvc.keys import RANK, KeyInfo, Role, hash_key, verify_key

COOKIE = "graphsvc_key"


@dataclass(frozen=True)
class Principal:
    """Who makes the request."""

    role: Role
    key_id: str | None = None
    demo: bool = False

    def at_least(self, role: Role) -> bool:
        return RANK[self.role] >= RANK[role]

    @property
    def sees_names(self) -> bool:
        """May see the names of persons who did not consent (editors and admins)."""
        return self.at_least(Role.EDITOR)


def _presented_key(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise UnauthorizedError("use the header 'Authorization: Bearer KEY'")
        return value.strip()
    # A browser opening maps in an iframe cannot send a header: a cookie does.
    return request.cookies.get(COOKIE)


class KeyCache:
    """Verified keys for a short while, so most requests need no key look-up.

    A key revoked through this API is dropped at once; a key revoked elsewhere (``graphsvc
    keys revoke``, another API process) stops working within ``ttl`` seconds. Only the
    SHA-256 of a key is kept, never the key.
    """

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._data: dict[str, tuple[float, KeyInfo]] = {}

    def get(self, key: str) -> KeyInfo | None:
        if self.ttl <= 0:
            return None
        found = self._data.get(hash_key(key))
        if found is None or found[0] < time.monotonic():
            return None
        return found[1]

    def put(self, key: str, info: KeyInfo) -> None:
        if self.ttl > 0:
            if len(self._data) > 10_000:
                self._data.clear()
            self._data[hash_key(key)] = (time.monotonic() + self.ttl, info)

    def forget(self, key_id: str) -> None:
        for digest, (_expires, info) in list(self._data.items()):
            if info.id == key_id:
                self._data.pop(digest, None)


def _lookup(state: ApiState, key: str) -> KeyInfo | None:
    info = verify_key(state.graphsvc.store, key)
    if info is not None:
        key_cache(state).put(key, info)
    return info


def key_cache(state: ApiState) -> KeyCache:
    cache = state.extra.get("key_cache")
    if not isinstance(cache, KeyCache):
        cache = state.extra["key_cache"] = KeyCache(state.api.key_cache_seconds)
    return cache


async def current_user(request: Request, state: StateDep) -> Principal:
    """The principal of the request (401 without a valid key, except in demo mode).

    A key verified in the last ``key_cache_seconds`` needs no look-up; otherwise the
    look-up (a database query) runs in the thread pool, never on the event loop.
    """
    if state.api.demo:
        return Principal(Role.EDITOR, demo=True)
    key = _presented_key(request)
    if not key:
        raise UnauthorizedError("an API key is needed: 'Authorization: Bearer KEY'")
    info = key_cache(state).get(key) or await run_in_threadpool(_lookup, state, key)
    if info is None:
        raise UnauthorizedError("unknown or revoked API key")
    return Principal(info.role, key_id=info.id)


CurrentUser = Annotated[Principal, Depends(current_user)]


def require(role: Role) -> object:
    async def check(user: CurrentUser) -> Principal:
        if not user.at_least(role):
            raise ForbiddenError(f"this needs the {role.value} role (you are {user.role.value})")
        return user

    return Depends(check)


Viewer = Annotated[Principal, require(Role.VIEWER)]
Editor = Annotated[Principal, require(Role.EDITOR)]
Admin = Annotated[Principal, require(Role.ADMIN)]
