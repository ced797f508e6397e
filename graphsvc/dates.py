"""Dates with their precision: how a source gives them, and how graphsvc shows them.

A source says "2014", "marts 2016" or "midten af 2016" as often as it gives a day.
graphsvc stores a date as one day plus a :class:`DatePrecision`: the *first* day of
the period for a start and the *last* day for an end ("2014" as an end is 2014-12-31,
precision ``year``), so "active on day *d*" needs no special case (a year-precise end
is active through that year). :func:`format_date` shows the date as the source wrote
it, in Danish or English.
"""

from __future__ import annotations

import calendar
import datetime as dt
from enum import StrEnum


class DatePrecision(StrEnum):
    """How much of a stored date the source gives.

    ``approximate`` is "about this month" (e.g. "midten af 2016" is stored as
    2016-07-01 for a start and 2016-06-30 for an end). No precision means ``day``.
    """

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    APPROXIMATE = "approximate"


MONTHS: dict[str, tuple[str, ...]] = {
    "da": (
        "januar", "februar", "marts", "april", "maj", "juni",
        "juli", "august", "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip
_ABOUT = {"da": "ca.", "en": "about"}


def as_date(value: dt.date | str | None) -> dt.date | None:
    """A date from a date or its ISO text (``None`` and ``""`` give ``None``).

    Examples
    --------
    >>> as_date("2014-12-31")
    datetime.date(2014, 12, 31)
    >>> as_date("") is None
    True
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def format_date(
    day: dt.date | str | None, precision: DatePrecision | str | None = None, lang: str = "da"
) -> str:
    """A stored date as the source wrote it: "2014", "marts 2016", "ca. juli 2016".

    Parameters
    ----------
    day : datetime.date or str or None
        The stored day (or its ISO text); ``None`` gives ``""``.
    precision : DatePrecision or str, optional
        ``day`` (the default), ``month``, ``year`` or ``approximate``.
    lang : {"da", "en"}
        The language of month names and of "ca." / "about" (other values: English).

    Returns
    -------
    str
        ``day``: "12. marts 2016" / "12 March 2016"; ``month``: "marts 2016" /
        "March 2016"; ``year``: "2014"; ``approximate``: "ca. juli 2016" /
        "about July 2016".

    Raises
    ------
    ValueError
        When ``precision`` is no :class:`DatePrecision` or ``day`` no ISO date.

    Examples
    --------
    >>> format_date("2014-12-31", "year")
    '2014'
    >>> format_date("2016-03-01", "month", "da")
    'marts 2016'
    >>> format_date("2016-03-31", "month", "en")
    'March 2016'
    >>> format_date("2016-07-01", "approximate", "da")
    'ca. juli 2016'
    >>> format_date("2016-07-01", "approximate", "en")
    'about July 2016'
    >>> format_date("2016-03-12", None, "da")
    '12. marts 2016'
    >>> format_date("2016-03-12", "day", "en")
    '12 March 2016'
    >>> format_date(None, "year")
    ''
    """
    date = as_date(day)
    if date is None:
        return ""
    kind = DatePrecision(precision) if precision else DatePrecision.DAY
    language = "da" if lang == "da" else "en"
    month = MONTHS[language][date.month - 1]
    if kind is DatePrecision.YEAR:
        return str(date.year)
    if kind is DatePrecision.MONTH:
        return f"{month} {date.year}"
    if kind is DatePrecision.APPROXIMATE:
        return f"{_ABOUT[language]} {month} {date.year}"
    if language == "da":
        return f"{date.day}. {month} {date.year}"
    return f"{date.day} {month} {date.year}"


def format_period(
    start: dt.date | str | None,
    start_precision: DatePrecision | str | None,
    end: dt.date | str | None,
    end_precision: DatePrecision | str | None,
    lang: str = "da",
) -> str:
    """A start and an end as written: "2011–2014", "fra marts 2016", "until 2014".

    Examples
    --------
    >>> format_period("2011-01-01", "year", "2014-12-31", "year", "da")
    '2011–2014'
    >>> format_period("2016-03-01", "month", None, None, "da")
    'fra marts 2016'
    >>> format_period(None, None, "2014-12-31", "year", "en")
    'until 2014'
    >>> format_period(None, None, None, None, "en")
    ''
    """
    first = format_date(start, start_precision, lang)
    last = format_date(end, end_precision, lang)
    if first and last:
        return first if first == last else f"{first}–{last}"
    if first:
        return f"{'fra' if lang == 'da' else 'from'} {first}"
    if last:
        return f"{'til' if lang == 'da' else 'until'} {last}"
    return ""


def normalise(day: dt.date, precision: DatePrecision | str | None, *, end: bool) -> dt.date:
    """The stored day of a date of this precision: the first day of its period for a
    start, the last for an end (an ``approximate`` or day-precise date is kept).

    Examples
    --------
    >>> normalise(dt.date(2014, 5, 17), "year", end=True)
    datetime.date(2014, 12, 31)
    >>> normalise(dt.date(2016, 2, 17), "month", end=True)
    datetime.date(2016, 2, 29)
    >>> normalise(dt.date(2016, 2, 17), "month", end=False)
    datetime.date(2016, 2, 1)
    """
    kind = DatePrecision(precision) if precision else DatePrecision.DAY
    if kind is DatePrecision.YEAR:
        return dt.date(day.year, 12, 31) if end else dt.date(day.year, 1, 1)
    if kind is DatePrecision.MONTH:
        last = calendar.monthrange(day.year, day.month)[1]
        return dt.date(day.year, day.month, last if end else 1)
    return day
