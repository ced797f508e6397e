"""API keys: created, listed, verified and revoked over the store.

A key is ``gsk_<id>_<secret>``: ``id`` (12 hex digits) names the key, the secret is 32
random bytes (URL-safe base64). The graph keeps ``(:ApiKey {id, prefix, hash, role,
name, created, revoked})`` with ``hash`` the hex SHA-256 of the whole key, never the
key itself: a key is shown once, when it is created. Verification looks the key up by
its id and compares hashes with :func:`hmac.compare_digest`. A plain SHA-256 is enough
for a 256-bit random secret (no dictionary to guess from), and keeps verification fast.
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

from graphsvc.errors import NotFoundError, ValidationError
from graphsvc.store import Store

PREFIX = "gsk"
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

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "prefix": self.prefix,
            "role": self.role.value,
            "name": self.name,
            "created": self.created,
            "revoked": self.revoked,
            "revoked_at": self.revoked_at,
        }


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


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
    )


def create_key(store: Store, role: Role | str, name: str | None = None) -> tuple[KeyInfo, str]:
    """Create a key for ``role``; returns what is stored and the key (shown only now)."""
    try:
        role = Role(role)
    except ValueError:
        raise ValidationError(
            f"unknown role {role!r}; choose one of {', '.join(r.value for r in Role)}"
        ) from None
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
    )
    return _info(rows[0]), key


def verify_key(store: Store, key: str) -> KeyInfo | None:
    """The stored key ``key`` is, if it exists, matches and is not revoked; else ``None``."""
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
    return None if info.revoked else info


def list_keys(store: Store) -> list[KeyInfo]:
    return [_info(row) for row in store.run("keys/list_keys")]


def revoke_key(store: Store, key_id: str) -> KeyInfo:
    """Revoke a key by id (revoking twice is fine)."""
    rows = store.run("keys/revoke_key", id=key_id, at=_now())
    if not rows:
        raise NotFoundError(f"no API key with id {key_id!r}")
    return next(k for k in list_keys(store) if k.id == key_id)
