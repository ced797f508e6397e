"""API keys and browser sessions: created, listed, verified and revoked over the store.

A key is ``gsk_<id>_<secret>``: ``id`` (12 hex digits) names the key, the secret is 32
random bytes (URL-safe base64). The graph keeps ``(:ApiKey {id, prefix, hash, role,
name, created, expires, revoked})`` with ``hash`` the hex SHA-256 of the whole key, never
the key itself: a key is shown once, when it is created. Verification looks the key up
by its id and compares hashes with :func:`hmac.compare_digest`. A plain SHA-256 is enough
for a 256-bit random secret (no dictionary to guess from), and keeps verification fast.
A key with an ``expires`` time (UTC) stops working then, as a revoked one does.

A browser signs in once with a key and then holds a **session**: a random token
(``gss_…``, 32 bytes) in an HttpOnly cookie, never the key. The graph keeps
``(:ApiSession {hash, key_id, created, expires})``, the token only as its SHA-256, so a
stolen database or backup holds no usable session. A session acts with its key's role
for as long as the key is valid: revoking or expiring the key, or signing out, ends it.
Each session has a CSRF token derived from its token (:func:`csrf_token`), which pages
send in a header with every write.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from graphsvc.audit import audited, on_key_create, on_key_revoke
from graphsvc.errors import NotFoundError, ValidationError
from graphsvc.store import Store

PREFIX = "gsk"
SESSION_PREFIX = "gss"
_SESSION_RE = re.compile(r"^gss_[A-Za-z0-9_-]{40,60}$")
_KEY_RE = re.compile(r"^gsk_([0-9a-f]{12})_([A-Za-z0-9_-]{20,100})$")


class Role(StrEnum):
    VIEWER = "viewer"
    EDITOR = "editor"
    ADMIN = "admin"


RANK = {Role.VIEWER: 0, Role.EDITOR: 1, Role.ADMIN: 2}


@dataclass(frozen=True)
class KeyInfo:
    """A stored key, without its hash."""

    id: str
    prefix: str
    role: Role
    name: str | None
    created: str
    revoked: bool = False
    revoked_at: str | None = None
    expires: str | None = None

    @property
    def expired(self) -> bool:
        """Whether the key's expiry time has passed."""
        return self.expires is not None and _parse_time(self.expires) <= _utcnow()

    @property
    def usable(self) -> bool:
        """Neither revoked nor expired."""
        return not self.revoked and not self.expired

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "prefix": self.prefix,
            "role": self.role.value,
            "name": self.name,
            "created": self.created,
            "revoked": self.revoked,
            "revoked_at": self.revoked_at,
            "expires": self.expires,
            "expired": self.expired,
        }


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _now() -> str:
    return _utcnow().replace(microsecond=0).isoformat()


def _parse_time(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def expiry_time(value: dt.date | dt.datetime | str | None) -> str | None:
    """An expiry as a UTC ISO timestamp: a date means the start of that day (UTC).

    Raises
    ------
    ValidationError
        For text that is not an ISO date or time, or a time that has passed already.

    Examples
    --------
    >>> expiry_time("2999-01-01")
    '2999-01-01T00:00:00+00:00'
    """
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(
                f"expires: {value!r} is not a date (YYYY-MM-DD) or an ISO time"
            ) from None
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(0), tzinfo=dt.UTC)
    moment = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    try:
        moment = moment.astimezone(dt.UTC).replace(microsecond=0)
    except OverflowError:
        raise ValidationError(f"expires: {value.isoformat()} is out of range") from None
    if moment <= _utcnow():
        raise ValidationError(f"expires: {moment.isoformat()} has passed already")
    return moment.isoformat()


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _info(row: dict[str, Any]) -> KeyInfo:
    return KeyInfo(
        id=row["id"],
        prefix=row["prefix"],
        role=Role(row["role"]),
        name=row.get("name"),
        created=row["created"],
        revoked=bool(row.get("revoked")),
        revoked_at=row.get("revoked_at"),
        expires=row.get("expires"),
    )


@audited(on_key_create)
def create_key(
    store: Store,
    role: Role | str,
    name: str | None = None,
    expires: dt.date | dt.datetime | str | None = None,
) -> tuple[KeyInfo, str]:
    """Create a key for ``role``; returns what is stored and the key (shown only now).

    Parameters
    ----------
    store
        Where keys are kept.
    role
        ``viewer``, ``editor`` or ``admin``.
    name
        A label for humans.
    expires
        When the key stops working (a date: the start of that day, UTC); ``None``: never.

    Returns
    -------
    tuple of KeyInfo and str
        The stored key (without its hash) and the key itself.

    Raises
    ------
    ValidationError
        For an unknown role, or an expiry that is not a date or has passed.
    """
    try:
        role = Role(role)
    except ValueError:
        raise ValidationError(
            f"unknown role {role!r}; choose one of {', '.join(r.value for r in Role)}"
        ) from None
    expires_at = expiry_time(expires)
    key_id = secrets.token_hex(6)
    key = f"{PREFIX}_{key_id}_{secrets.token_urlsafe(32)}"
    rows = store.run(
        "keys/create_key",
        id=key_id,
        prefix=key[: len(PREFIX) + 1 + len(key_id)],
        hash=hash_key(key),
        role=role.value,
        label=name,
        created=_now(),
        expires=expires_at,
    )
    return _info(rows[0]), key


def verify_key(store: Store, key: str) -> KeyInfo | None:
    """The stored key ``key`` is, if it exists, matches, is not revoked and has not
    expired; else ``None``."""
    match = _KEY_RE.match(key.strip())
    if match is None:
        return None
    rows = store.run("keys/get_key", id=match.group(1))
    if not rows:
        return None
    row = rows[0]
    if not hmac.compare_digest(str(row["hash"]), hash_key(key.strip())):
        return None
    info = _info(row)
    return info if info.usable else None


def list_keys(store: Store) -> list[KeyInfo]:
    return [_info(row) for row in store.run("keys/list_keys")]


@audited(on_key_revoke)
def revoke_key(store: Store, key_id: str) -> KeyInfo:
    """Revoke a key by id (revoking twice is fine); its browser sessions end with it."""
    rows = store.run("keys/revoke_key", id=key_id, at=_now())
    if not rows:
        raise NotFoundError(f"no API key with id {key_id!r}")
    store.run("keys/delete_key_sessions", key_id=key_id)
    return next(k for k in list_keys(store) if k.id == key_id)


# ---------------------------------------------------------------- browser sessions


def _session_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def csrf_token(session: str) -> str:
    """The CSRF token of a session: derived from its secret token, so it needs no storage
    and cannot be computed without the cookie (which scripts cannot read)."""
    return hashlib.sha256(b"graphsvc-csrf\x00" + session.encode("utf-8")).hexdigest()


def create_session(store: Store, key: KeyInfo, max_age: int) -> str:
    """Start a browser session for ``key`` lasting ``max_age`` seconds (or until the key
    expires); returns its token (for the cookie; only its hash is stored). Sessions that
    ended are deleted on the way."""
    now = _utcnow().replace(microsecond=0)
    ends = now + dt.timedelta(seconds=max_age)
    if key.expires is not None:
        ends = min(ends, _parse_time(key.expires))
    store.run("keys/delete_ended_sessions", now=now.isoformat())
    token = f"{SESSION_PREFIX}_{secrets.token_urlsafe(32)}"
    store.run(
        "keys/create_session",
        hash=_session_hash(token),
        key_id=key.id,
        created=now.isoformat(),
        expires=ends.isoformat(),
    )
    return token


def session_key(store: Store, session: str) -> KeyInfo | None:
    """The key a session acts for, while the session lasts and the key is usable."""
    if not _SESSION_RE.match(session):
        return None
    rows = store.run("keys/get_session", hash=_session_hash(session))
    if not rows or _parse_time(str(rows[0]["session_expires"])) <= _utcnow():
        return None
    info = _info(rows[0])
    return info if info.usable else None


def end_session(store: Store, session: str) -> None:
    """Sign a session out (ending one that does not exist is fine)."""
    if _SESSION_RE.match(session):
        store.run("keys/delete_session", hash=_session_hash(session))
