"""``graphsvc audit`` and ``graphsvc gdpr …``: the audit log and a person's GDPR requests."""

# Heavy modules (graphsvc.core: pandas, networkx …) load when a command runs: fast --help (#14)

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from graphsvc.cli.common import console, fail, run
from graphsvc.errors import ValidationError

gdpr = typer.Typer(
    help="A person's GDPR requests: access (everything stored) and erasure.",
    no_args_is_help=True,
)


def audit_log(
    who: Annotated[
        str | None, typer.Option("--who", metavar="WHO", help="A key id, 'demo' or 'cli'.")
    ] = None,
    operation: Annotated[
        str | None,
        typer.Option(
            "--operation", metavar="OPERATION", help="e.g. create, update, delete, erase."
        ),
    ] = None,
    table: Annotated[
        str | None, typer.Option("--table", metavar="TABLE", help="e.g. actors, workshops.")
    ] = None,
    item: Annotated[str | None, typer.Option("--item", metavar="ID", help="An item's id.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="From this day (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="DATE", help="To this day (YYYY-MM-DD).")
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, metavar="N", help="Newest entries shown.")
    ] = 50,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="table (default), csv or json.")
    ] = "table",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", metavar="FILE", help="Write every matching entry to this file."
        ),
    ] = None,
) -> None:
    """The audit log: who (key id, cli, demo) changed what (operation, item, field names), when."""
    from graphsvc import audit
    from graphsvc.api.routers.audit import entries_csv

    if fmt not in ("table", "csv", "json"):
        raise fail(ValidationError(f"--format must be table, csv or json, not {fmt!r}"))
    total, found = run(
        lambda g: audit.entries(
            g.store,
            who=who,
            operation=operation,
            table=table,
            item_ids=[item] if item else None,
            since=since,
            until=until,
            limit=None if out else limit,
        )
    )
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


@gdpr.command("access")
def gdpr_access(
    actor_id: Annotated[str, typer.Argument(metavar="ACTOR", help="The person's actor id.")],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="FILE", help="Write the JSON to this file."),
    ] = None,
) -> None:
    """Everything stored about a person as JSON: the actor, ties, workshops, surveys,
    snapshots, other items naming them, audit entries (GDPR art. 15)."""
    from graphsvc import gdpr as gdpr_requests

    report = run(lambda g: gdpr_requests.access(g, actor_id))
    text = json.dumps(report, ensure_ascii=False, indent=2, default=str)
    if out is None:
        console.print(text, markup=False, highlight=False, soft_wrap=True)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, "utf-8")
    console.print(f"wrote {out}")


@gdpr.command("erase")
def gdpr_erase(
    actor_id: Annotated[str, typer.Argument(metavar="ACTOR", help="The person's actor id.")],
    yes: Annotated[
        bool, typer.Option("--yes", help="Confirm: an erasure cannot be undone.")
    ] = False,
) -> None:
    """Erase a person: the actor, their ties and workshop inclusions, their place in
    snapshots and their name in other items' text; the audit log keeps only that an
    erasure happened, under the masked id (GDPR art. 17)."""
    if not yes:
        raise fail(ValidationError("an erasure cannot be undone: add --yes to confirm"))
    from graphsvc import gdpr as gdpr_requests

    erased = run(lambda g: gdpr_requests.erase(g, actor_id))
    console.print(
        f"erased {erased['erased']}: {erased['participations']} participations, "
        f"{erased['collaborations']} collaborations, {erased['snapshots']} snapshots, "
        f"{erased['mentions']} items' text; {erased['audit_entries_masked']} audit entries masked"
    )
