"""What every CLI module prints with: the consoles and the one way an error ends a command."""

from __future__ import annotations

import typer
from rich.console import Console

from graphsvc.errors import GraphsvcError

console = Console()
err_console = Console(stderr=True)


def fail(error: GraphsvcError) -> typer.Exit:
    """Print the error and every problem it lists; exit 2 for the user's fault, 1 otherwise."""
    err_console.print(f"[bold red]error:[/] {error.message}")
    for problem in error.details:
        err_console.print(f"  - {problem}", markup=False, highlight=False)
    return typer.Exit(code=2 if error.status_code < 500 else 1)
