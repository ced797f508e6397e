"""Amounts as people read them: "250.000 DKK" in Danish, "250,000 DKK" in English."""

from __future__ import annotations

import math
from typing import Any


def format_amount(amount: Any, currency: Any = None, lang: str = "da") -> str:
    """An amount with its currency, grouped the way the language writes numbers.

    Parameters
    ----------
    amount : float or str or None
        The amount (``None``, ``""`` and NaN give ``""``).
    currency : str, optional
        ISO 4217 code (``DKK``, ``NOK``, ``SEK``, ``EUR``), written after the amount.
    lang : {"da", "en"}
        Danish groups thousands with ``.`` and writes decimals after ``,``.

    Returns
    -------
    str

    Examples
    --------
    >>> format_amount(250000, "DKK", "da")
    '250.000 DKK'
    >>> format_amount(1250000.5, "NOK", "en")
    '1,250,000.50 NOK'
    >>> format_amount(1250000.5, "EUR", "da")
    '1.250.000,50 EUR'
    >>> format_amount(None, "DKK")
    ''
    """
    if amount is None or amount == "":
        return ""
    value = float(amount)
    if math.isnan(value):
        return ""
    text = f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    if lang == "da":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return f"{text} {currency}" if currency else text
