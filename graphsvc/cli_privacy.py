"""``graphsvc audit`` and ``graphsvc gdpr …``: the audit log and a person's GDPR requests.

Wired into the main CLI with ``register(app)``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from graphsvc import audit, gdpr
from graphsvc.cli_output import console, fail
from graphsvc.core import Graphsvc
from graphsvc.errors import GraphsvcError, ValidationError

gdpr_app = typer.Typer(
    help="A person's GDPR requests: access (everything stored) and erasure.",
    no_args_is_help=True,
)


def _open() -> Graphsvc:
    try:
        return Graphsvc.open()
    except GraphsvcError as error:
        raise fail(error) from error


def audit_log(
    who: Annotated[str | None, typer.Option("--who", help="A key id, 'demo' or 'cli'.")] = None,
    operation: Annotated[
        str | None, typer.Option("--operation", help="e.g. create, update, delete, erase.")
    ] = None,
    table: Annotated[str | None, typer.Option("--table", help="e.g. actors, workshops.")] = None,
    item: Annotated[str | None, typer.Option("--item", help="An item's id.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="From this day (YYYY-MM-DD).")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", help="To this day (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Newest entries shown.")] = 50,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table (default), csv or json.")
    ] = "table",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write every matching entry to this file.")
    ] = None,
) -> None:
    """The audit log: who (key id, cli, demo) changed what (operation, item, field names), when."""
    from graphsvc.api.routers.audit import entries_csv

    if fmt not in ("table", "csv", "json"):
        raise fail(ValidationError(f"--format must be table, csv or json, not {fmt!r}"))
    with _open() as graphsvc:
        try:
            total, found = audit.entries(
                graphsvc.store,
                who=who,
                operation=operation,
                table=table,
                item_ids=[item] if item else None,
                since=since,
                until=until,
                limit=None if out else limit,
            )
        except GraphsvcError as error:
            raise fail(error) from error
    if fmt == "table" and out is None:
        shown = Table(title=f"audit log ({len(found)} of {total}, newest first)")
        for column in ("at", "who", "operation", "table", "item_id", "fields", "count"):
            shown.add_column(column, overflow="fold")
        for e in found:
            shown.add_row(
                e["at"], e["who"], e["operation"], e["table"] or "", e["item_id"] or "",
                ", ".join(e["fields"]), "" if e["count"] is None else str(e["count"]),
            )  # fmt: skip
        console.print(shown)
        return
    text = json.dumps(found, ensure_ascii=False, indent=1) if fmt == "json" else entries_csv(found)
    if out is None:
        console.print(text, markup=False, highlight=False, soft_wrap=True)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text if fmt != "table" else entries_csv(found), "utf-8")
    console.print(f"wrote {len(found)} entries to {out}")


@gdpr_app.command("access")
def gdpr_access(
    actor_id: Annotated[str, typer.Argument(help="The person's actor id.")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the JSON to this file.")
    ] = None,
) -> None:
    """Everything stored about a person as JSON: the actor, ties, workshops, snapshots,
    other items naming them, audit entries (GDPR art. 15)."""
    with _open() as graphsvc:
        try:
            report = gdpr.access(graphsvc, actor_id)
        except GraphsvcError as error:
            raise fail(error) from error
    text = json.dumps(report, ensure_ascii=False, indent=2, default=str)
    if out is None:
        console.print(text, markup=False, highlight=False, soft_wrap=True)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, "utf-8")
    console.print(f"wrote {out}")


@gdpr_app.command("erase")
def gdpr_erase(
    actor_id: Annotated[str, typer.Argument(help="The person's actor id.")],
    yes: Annotated[
        bool, typer.Option("--yes", help="Confirm: an erasure cannot be undone.")
    ] = False,
) -> None:
    """Erase a person: the actor, their ties and workshop inclusions, their place in
    snapshots and their name in other items' text; the audit log keeps only that an
    erasure happened, under the masked id (GDPR art. 17)."""
    if not yes:
        raise fail(ValidationError("an erasure cannot be undone: add --yes to confirm"))
    with _open() as graphsvc:
        try:
            report = gdpr.erase(graphsvc, actor_id)
        except GraphsvcError as error:
            raise fail(error) from error
    console.print(
        f"erased {report['erased']}: {report['participations']} participations, "
        f"{report['collaborations']} collaborations, {report['snapshots']} snapshots, "
        f"{report['mentions']} items' text; {report['audit_entries_masked']} audit entries masked"
    )


def register(app: typer.Typer) -> None:
    """Add ``audit`` and ``gdpr`` to the main ``graphsvc`` command."""
    app.command("audit")(audit_log)
    app.add_typer(gdpr_app, name="gdpr")
