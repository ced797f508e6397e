"""``graphsvc serve`` and ``graphsvc keys …``: the API server and its keys."""

# Heavy modules (graphsvc.core: pandas, networkx …) load when a command runs: fast --help (#14)

from __future__ import annotations

import ipaddress
import os
import socket
from typing import Annotated, Literal

import typer
from rich.table import Table

from graphsvc.cli.common import console, err_console, errors, fail, run
from graphsvc.errors import ValidationError

# graphsvc.keys.Role's values (a test checks): the module loads the database client
RoleName = Literal["viewer", "editor", "admin"]

keys = typer.Typer(help="Create, list and revoke API keys.", no_args_is_help=True)


def is_loopback(host: str) -> bool:
    """True when ``host`` only listens on this machine (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        try:
            addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
        except OSError:
            return False
        return bool(addresses) and all(ipaddress.ip_address(a).is_loopback for a in addresses)


def serve(
    host: Annotated[
        str, typer.Option("--host", metavar="HOST", help="Address to listen on.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", help="Port to listen on.")] = 8000,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo", help="No API keys; every request acts as an editor (loopback only)."
        ),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            metavar="N",
            min=0,
            max=32,
            help="Worker processes (0 or absent: one per CPU, at most 4).",
        ),
    ] = 0,
) -> None:
    """Start the REST API (and the embedded database). Docs at /docs."""
    import uvicorn

    from graphsvc.api import create_app
    from graphsvc.settings import get_settings

    if demo and not is_loopback(host):
        raise fail(
            ValidationError(
                f"--demo needs no API key, so it only listens on loopback (127.0.0.1, ::1), "
                f"not on {host!r}"
            )
        )
    workers = workers or default_workers()
    with errors():
        # Opened here even with several workers: start-up errors (no database, bad
        # settings) are reported once, and the embedded server is started before the
        # workers, which then find it running.
        app = create_app(get_settings(), demo=demo)
    if demo:
        console.print(
            "[bold yellow]demo mode[/]: no API key is needed and every request acts as an "
            f"[bold]editor[/] (it can change data). Listening on {host} only."
        )
    console.print(
        f"graphsvc API on http://{host}:{port}/ (docs: http://{host}:{port}/docs), "
        f"{workers} worker(s)"
    )
    if workers == 1:
        # Live event streams never end by themselves: Ctrl-C closes them after 5 s.
        uvicorn.run(app, host=host, port=port, log_level="info", timeout_graceful_shutdown=5)
        return
    # Each worker process builds its own app from the environment; the caches are per
    # process and keyed by the graph version in the database, so they agree.
    app.state.graphsvc.graphsvc.close()
    os.environ["GRAPHSVC_DEMO"] = "true" if demo else "false"
    uvicorn.run(
        "graphsvc.api.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        timeout_graceful_shutdown=5,  # live event streams never end by themselves
        # uvicorn's default 5 s kills a worker whose health check answers late on a busy
        # host (a long import or analysis holding the GIL) and loses its requests.
        timeout_worker_healthcheck=30,
    )


def default_workers() -> int:
    """One worker process per CPU, at most 4 (the database needs CPU too)."""
    return max(1, min(os.cpu_count() or 1, 4))


@keys.command("create")
def keys_create(
    role: Annotated[
        RoleName, typer.Option("--role", metavar="ROLE", help="viewer, editor or admin.")
    ],
    name: Annotated[
        str | None, typer.Option("--name", metavar="NAME", help="A label for the key.")
    ] = None,
    expires: Annotated[
        str | None,
        typer.Option(
            "--expires",
            metavar="WHEN",
            help="When the key stops working: a date (YYYY-MM-DD, from the start of that "
            "day, UTC) or an ISO time. Default: never.",
        ),
    ] = None,
) -> None:
    """Create an API key; it is printed once (only its hash is stored)."""
    from graphsvc.keys import Role, create_key

    info, key = run(lambda g: create_key(g.store, Role(role), name, expires))
    until = f", expires {info.expires}" if info.expires else ""
    err_console.print(
        f"created key {info.id} (role {info.role.value}{until}); store it now, it is not "
        "shown again:"
    )
    print(key)  # alone on stdout, so scripts can capture it


@keys.command("list")
def keys_list() -> None:
    """List API keys (never their secrets)."""
    from graphsvc.keys import list_keys

    found = run(lambda g: list_keys(g.store))
    table = Table(title="API keys")
    table.add_column("id", no_wrap=True, min_width=12)
    for column in ("role", "name", "created", "expires", "revoked"):
        table.add_column(column, overflow="fold")
    for k in found:
        expires = (k.expires or "") + (" (expired)" if k.expired else "")
        table.add_row(k.id, k.role.value, k.name or "", k.created, expires, k.revoked_at or "")
    console.print(table)


@keys.command("revoke")
def keys_revoke(
    key_id: Annotated[str, typer.Argument(metavar="KEY", help="The key's id.")],
) -> None:
    """Revoke an API key (it stops working at once)."""
    from graphsvc.keys import revoke_key

    info = run(lambda g: revoke_key(g.store, key_id))
    console.print(f"revoked key {info.id} ({info.role.value})")
