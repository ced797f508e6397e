"""Text the database can store: one rule for every write, from the API and the import.

Refused, with the reason :func:`text_problem` gives:

- NUL: FalkorDB's query parser stops at it (the parameters travel in the query text);
- lone surrogates (U+D800 to U+DFFF): not Unicode text, so no UTF-8 for either driver;
- the other C0 control characters (tab, line feed and carriage return are fine) and the
  non-characters U+FFFE and U+FFFF: XML 1.0 has no way to write them, so an XLSX, GraphML
  or GEXF export holding one could not be read back;
- an item's text longer than an Excel cell holds (32,767 characters), which an XLSX
  export would cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from graphsvc.errors import Problem

UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MAX_TEXT_LENGTH = 32_767  # an Excel cell's limit


def text_problem(text: str, *, max_length: int | None = MAX_TEXT_LENGTH) -> str | None:
    """Why the database must not store ``text``, or ``None`` when it may.

    ``max_length=None`` checks the characters only (a parameter that is no item's text,
    e.g. a workshop snapshot's JSON, may be longer than a cell).

    Examples
    --------
    >>> text_problem("Ærø Fond\\tå")
    >>> text_problem("Tryg\\x0bFonden")
    'contains a control character (U+000B) at character 5, which cannot be stored'
    >>> text_problem("x" * 40_000)
    'is 40,000 characters long; at most 32,767 can be stored (the most an Excel cell holds)'
    """
    found = UNSTORABLE.search(text)
    if found is not None:
        char = found.group()
        if char == "\x00":
            what = "a NUL character"
        elif "\ud800" <= char <= "\udfff":
            what = "a lone surrogate, not Unicode text"
        elif char in "\ufffe\uffff":
            what = "a Unicode non-character"
        else:
            what = "a control character"
        where = f"at character {found.start() + 1}"
        return f"contains {what} (U+{ord(char):04X}) {where}, which cannot be stored"
    if max_length is not None and len(text) > max_length:
        return (
            f"is {len(text):,} characters long; at most {max_length:,} can be stored "
            "(the most an Excel cell holds)"
        )
    return None


def text_problems(
    value: Any,
    where: str = "",
    *,
    file: str | None = None,
    max_length: int | None = MAX_TEXT_LENGTH,
) -> Iterator[Problem]:
    """A :class:`Problem` for every string in ``value`` (nested in dicts, lists and
    tuples) that :func:`text_problem` refuses; ``where`` names the field (dict keys are
    added with dots), ``file`` the table or file."""
    if isinstance(value, str):
        reason = text_problem(value, max_length=max_length)
        if reason is not None:
            yield Problem(reason, file=file, column=where or None)
    elif isinstance(value, dict):
        for key, item in value.items():
            inner = f"{where}.{key}" if where else str(key)
            yield from text_problems(item, inner, file=file, max_length=max_length)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from text_problems(item, where, file=file, max_length=max_length)
