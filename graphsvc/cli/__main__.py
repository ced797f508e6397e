"""``python -m graphsvc.cli``: the ``graphsvc`` command."""

from graphsvc.cli import app

app()
