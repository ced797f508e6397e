"""The audit log: who changed what, and when, for every write.

Every write method of :class:`graphsvc.core.Graphsvc` and of the workshop service is
decorated with :func:`audited`, which records one entry after the write succeeded: an
``AuditEntry`` node in the graph (so backups keep it and ``db reset`` does not delete
it) with

- ``who``: the API key id, ``"demo"`` in demo mode, ``"cli"`` for the command line (the
  API sets it per request with :func:`set_actor`);
- ``operation`` (``create``, ``update``, ``delete``, ``import``, ``reset``, ``erase``,
  ``key_create``, ``workshop_include``, ``survey_invite`` …), the item's ``table`` and ``item_id``;
- ``fields``: for an update the names of the fields it set, never their values (an
  audit log must not become a second copy of personal data); ``count`` for imports;
- ``at``: the UTC time in microseconds.

An import made inside another audited write (an item created through the import
validation) is part of that write and is not recorded twice. An erasure
(:mod:`graphsvc.gdpr`) masks the person's ids in earlier entries.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import logging
import secrets
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

from graphsvc.store import Store

log = logging.getLogger(__name__)

CLI = "cli"
DEMO = "demo"
FIELDS = ("at", "who", "operation", "table", "item_id", "fields", "count", "id")
_ACTOR: ContextVar[str] = ContextVar("graphsvc_audit_actor", default=CLI)
_DEPTH: ContextVar[int] = ContextVar("graphsvc_audit_depth", default=0)

P = ParamSpec("P")
R = TypeVar("R")
Describe = Callable[[Mapping[str, Any], Any], "dict[str, Any] | None"]


def set_actor(who: str) -> None:
    """Who the writes of the current request (or context) are made by."""
    _ACTOR.set(who)


def current_actor() -> str:
    return _ACTOR.get()


def entry(
    operation: str,
    table: str | None = None,
    item_id: str | None = None,
    *,
    fields: Iterable[str] = (),
    count: int | None = None,
) -> dict[str, Any]:
    """What :func:`record` stores (without who and when)."""
    return {
        "operation": operation,
        "table": table,
        "item_id": item_id,
        "fields": sorted(set(fields)),
        "count": count,
    }


def record(store: Store, operation: str, table: str | None = None,
           item_id: str | None = None, *, fields: Iterable[str] = (),
           count: int | None = None) -> dict[str, Any]:  # fmt: skip
    """Store one audit entry now, by :func:`current_actor`; returns it."""
    made = {
        "id": secrets.token_hex(8),
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
        "who": current_actor(),
        **entry(operation, table, item_id, fields=fields, count=count),
    }
    store.run("audit/create_audit_entry", entry={k: v for k, v in made.items() if v is not None})
    return made


def audited(
    describe: Describe, *, nested: bool = True
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Record an entry after each successful call of the decorated write.

    ``describe(arguments, result)`` gives the entry (see :func:`entry`) from the call's
    arguments by name and its result, or ``None`` when nothing was written (a dry run).
    With ``nested=False`` a call made inside another audited write is not recorded (it
    is part of that write). The store is the ``store`` argument or ``self.store``.
    """

    def wrap(func: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(func)

        @functools.wraps(func)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            inside = _DEPTH.get() > 0
            token = _DEPTH.set(_DEPTH.get() + 1)
            try:
                result = func(*args, **kwargs)
            finally:
                _DEPTH.reset(token)
            if inside and not nested:
                return result
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            described = describe(bound.arguments, result)
            if described is not None:
                arguments = bound.arguments
                store = arguments.get("store") or arguments["self"].store
                record(store, **described)
            return result

        return run

    return wrap


def entries(
    store: Store,
    *,
    who: str | None = None,
    operation: str | None = None,
    table: str | None = None,
    item_ids: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    offset: int = 0,
    limit: int | None = 100,
) -> tuple[int, list[dict[str, Any]]]:
    """``(total, page)`` of the entries matching every filter given, newest first.

    ``since`` and ``until`` are ISO dates or times (``until`` a date includes that day).
    """
    if until is not None and len(until) == 10:
        until = f"{until}T99"  # after every time of that day
    filters = {
        "who": who,
        "operation": operation,
        "table": table,
        "item_ids": item_ids,
        "since": since,
        "until": until,
    }
    total = int(store.run("audit/count_audit_entries", **filters)[0]["total"])
    rows = store.run(
        "audit/find_audit_entries",
        **filters,
        offset=offset,
        limit=limit if limit is not None else max(total, 1),
    )
    return total, [_public(row["props"]) for row in rows]


def _public(props: Mapping[str, Any]) -> dict[str, Any]:
    data = {name: props.get(name) for name in FIELDS}
    data["fields"] = list(data["fields"] or [])
    return data


def mask_items(store: Store, masks: Mapping[str, str]) -> int:
    """Replace item ids in earlier entries (an erasure); returns how many changed."""
    if not masks:
        return 0
    pairs = [{"old": old, "new": new} for old, new in masks.items() if old != new]
    if not pairs:
        return 0
    rows = store.run("audit/mask_audit_items", pairs=pairs)
    return int(rows[0]["changed"]) if rows else 0


# ---- what each write records (the decorated methods' arguments by name) ----------------


def on_import(args: Mapping[str, Any], report: Any) -> dict[str, Any] | None:
    """An import: the tables it changed and how many items, nothing on a dry run."""
    if args.get("dry_run") or not report.changed:
        return None
    tables = [t for t in report.created if report.created[t] or report.updated[t]]
    return entry("import", fields=tables, count=int(report.changed))


def on_create(args: Mapping[str, Any], item: Any) -> dict[str, Any]:
    return entry("create", args["table"], str(args["data"].get("id") or ""))


def on_update(args: Mapping[str, Any], item: Any) -> dict[str, Any]:
    """The names of the fields the update set, never their values."""
    return entry("update", args["table"], args["item_id"], fields=args["changes"])


def on_delete(args: Mapping[str, Any], removed: Any) -> dict[str, Any]:
    count = sum(len(ids) for ids in (removed or {}).values()) if isinstance(removed, dict) else 0
    return entry("delete", args["table"], args["item_id"], count=count)


def on_reset(args: Mapping[str, Any], result: Any) -> dict[str, Any]:
    return entry("reset")


def on_key_create(args: Mapping[str, Any], made: Any) -> dict[str, Any]:
    info = made[0]
    return entry("key_create", "keys", info.id, fields=[f"role={info.role}"])


def on_key_revoke(args: Mapping[str, Any], info: Any) -> dict[str, Any]:
    return entry("key_revoke", "keys", args["key_id"])


def on_survey(operation: str) -> Describe:
    """How :func:`audited` describes a survey coordinator's write.

    Who was put on the roster, invited, named in a review or given as a contact is not
    kept: an actor id or a contact may be a person's name or address.

    Parameters
    ----------
    operation : str
        The write (``"create"``, ``"update"``, ``"invite"``, ``"purge"``, …); the entry's
        operation is ``survey_<operation>``.

    Returns
    -------
    Describe
        A function of the call's arguments and result giving the :func:`entry` on the
        survey's id (the ``survey_id`` argument, else the result's ``id``), with, for an
        update, the names of the fields it set and, for writes of many records, how
        many; None (nothing recorded) when an invite, forgetting a contact or a purge
        wrote nothing.

    Examples
    --------
    >>> describe = on_survey("update")
    >>> describe({"survey_id": "s1", "changes": {"title_da": "Ny titel"}}, None)["fields"]
    ['title_da']
    >>> on_survey("purge")({}, 0) is None
    True
    """

    def describe(args: Mapping[str, Any], result: Any) -> dict[str, Any] | None:
        survey_id = args.get("survey_id")
        if survey_id is None and isinstance(result, dict):
            survey_id = result.get("id")
        changes = args.get("changes") if operation == "update" else None
        count = len(result) if isinstance(result, list) else None
        if isinstance(result, int) and not isinstance(result, bool):
            count = result
        if count == 0 and operation in ("invite", "forget_contact", "purge"):
            return None  # nothing was written (the API purges at every start)
        return entry(f"survey_{operation}", "surveys", survey_id, fields=changes or (), count=count)

    return describe


def on_workshop(operation: str) -> Describe:
    """A workshop write: ``workshop_<operation>`` on the workshop's id (for an update,
    the names of the fields it set). Which actor was placed or included is not kept:
    an actor id may be a person's name."""

    def describe(args: Mapping[str, Any], result: Any) -> dict[str, Any]:
        workshop_id = args.get("workshop_id")
        if workshop_id is None and isinstance(result, dict):
            workshop_id = result.get("id")
        changes = args.get("changes") if operation == "update" else None
        return entry(f"workshop_{operation}", "workshops", workshop_id, fields=changes or ())

    return describe
