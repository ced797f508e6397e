"""Text the database can store: one rule for the API and the import."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphsvc.errors import Problem


def text_problems(value: Any, where: str = "") -> Iterator[Problem]:
    """Strings FalkorDB cannot take as parameters: NUL characters, lone surrogates."""
    if isinstance(value, str):
        if "\x00" in value:
            yield Problem("contains a NUL character", column=where or None)
        else:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                yield Problem("is not valid Unicode text", column=where or None)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from text_problems(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from text_problems(item, where)
