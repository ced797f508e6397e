"""Values as people type them in Danish (and English, Norwegian) spreadsheets.

Each parser takes the text of one cell and returns the model's value, or raises
``ValueError`` with a message for the user (the caller adds file, row and column).
The word lists are the vocabulary planners use: kinds of actors (*Kommune*,
*Forening*, *Fond* …), roles in a project (*Projektejer*, *Bevillingsgiver* …),
municipalities by name (*Middelfart*, *Københavns Kommune*), dates (31-12-2014,
31.12.2014, 2014, aug. 2022, Excel serial numbers) and amounts (50.000 kr.).

Examples
--------
>>> kind_from_text("Idrætsforening")
'association'
>>> locality_from_text("Københavns Kommune")
'DK-101'
>>> parse_date("aug. 2022", end=True)
('2022-08-31', 'month')
>>> slugify("Æblehaven Frivilligcenter")
'aeblehaven-frivilligcenter'
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
import unicodedata
from functools import cache

from graphsvc.reference import Municipality, municipalities

# ---------------------------------------------------------------- text and names

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ß": "ss"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


@cache
def fold(text: str) -> str:
    """Lower case ASCII words separated by single spaces (æ→ae, ø→oe, å→aa, accents dropped)."""
    lowered = text.casefold().translate(_DANISH)
    if not lowered.isascii():
        lowered = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    return _NOT_ALNUM.sub(" ", lowered).strip()


def slugify(text: str, max_length: int = 120) -> str:
    """A model id from a name: ``Æblehaven Frivilligcenter`` → ``aeblehaven-frivilligcenter``."""
    slug = fold(text).replace(" ", "-")[:max_length].strip("-")
    return slug or "x"


_MUNICIPALITY_SUFFIXES = ("regionskommune", "kommune", "kommun", "municipality")
_ALIASES = {
    "copenhagen": "DK-101",
    "kobenhavn": "DK-101",
    "frederiksberg c": "DK-147",
    "lyngby": "DK-173",
    "taastrup": "DK-169",
    "hoeje taastrup": "DK-169",
    "faaborg": "DK-430",
    "ringkoebing": "DK-760",
    "skjern": "DK-760",
    "ikast": "DK-756",
    "brande": "DK-756",
    "arhus": "DK-751",
    "aalborg": "DK-851",
    "nordfyn": "DK-480",
    "vesthimmerland": "DK-820",
}


@cache
def _municipality_index() -> dict[str, str]:
    index: dict[str, str] = {}
    # Norwegian first, so a Danish name wins where both are written the same way.
    for m in sorted(municipalities().values(), key=lambda m: m.country != "NO"):
        name = fold(m.name)
        index[name] = m.locality
        index[f"{name}s"] = m.locality  # genitive: Københavns Kommune
        index[m.code] = m.locality
        index[fold(m.locality)] = m.locality
        if m.code.isdigit():
            index[str(int(m.code))] = m.locality
    index.update(_ALIASES)
    return index


def _strip_municipality_words(folded: str) -> tuple[str, bool]:
    """``middelfart kommune`` → (``middelfart``, True)."""
    if "kommun" not in folded and "municipality" not in folded:
        return folded, False
    for suffix in _MUNICIPALITY_SUFFIXES:
        if folded.endswith(f" {suffix}"):
            return folded[: -len(suffix) - 1].strip(), True
        if folded.startswith(f"{suffix} "):
            return folded[len(suffix) + 1 :].strip(), True
    return folded, False


@cache
def locality_from_text(text: str) -> str | None:
    """The locality (``DK-410``) a municipality name or code names, or ``None``.

    Accepts ``Middelfart``, ``Middelfart Kommune``, ``Københavns Kommune``,
    ``Arendal kommune``, ``410``, ``DK-410``.
    """
    folded = fold(text)
    if not folded:
        return None
    index = _municipality_index()
    if folded in index:
        return index[folded]
    bare, _ = _strip_municipality_words(folded)
    return index.get(bare)


@cache
def municipality_of_name(name: str) -> Municipality | None:
    """The municipality an actor's *name* is, e.g. ``Middelfart`` or ``Københavns Kommune``."""
    locality = locality_from_text(name)
    return None if locality is None else municipalities()[locality]


def municipality_name(m: Municipality) -> str:
    """The municipality's name as an organisation: ``Københavns Kommune``, ``Arendal kommune``."""
    special = {"DK-101": "Københavns Kommune", "DK-400": "Bornholms Regionskommune"}
    if m.locality in special:
        return special[m.locality]
    return f"{m.name} kommune" if m.country == "NO" else f"{m.name} Kommune"


def suggest_municipality(text: str) -> str | None:
    """The closest known municipality name, for "did you mean" messages."""
    names = {fold(m.name): m.name for m in municipalities().values()}
    bare, _ = _strip_municipality_words(fold(text))
    close = difflib.get_close_matches(bare, list(names), n=1, cutoff=0.75)
    return names[close[0]] if close else None


@cache
def name_key(name: str) -> str:
    """What makes two written names the same actor: case, spaces, accents and
    ``Kommune`` are ignored, and a municipality is one actor however it is written."""
    m = municipality_of_name(name)
    if m is not None:
        return f"kommune {m.locality}"
    return fold(name)


# ---------------------------------------------------------------- vocabularies

# Folded word → model value. Whole-cell matches first; ``_KIND_PARTS`` finds the
# word inside a longer cell or an actor's name ("Idrætsforening", "Egmont Fonden").
KIND_WORDS: dict[str, str] = {
    "kommune": "municipality", "municipality": "municipality", "kommunal": "municipality",
    "region": "region", "regionen": "region",
    "stat": "state_agency", "styrelse": "state_agency", "ministerium": "state_agency",
    "state agency": "state_agency", "statslig": "state_agency",
    "forening": "association", "association": "association", "klub": "association",
    "idraetsforening": "association", "frivillig forening": "association",
    "landsorganisation": "national_ngo", "ngo": "national_ngo", "national ngo": "national_ngo",
    "frivilligcenter": "volunteer_centre", "volunteer centre": "volunteer_centre",
    "frivilligcentral": "volunteer_centre",
    "fond": "foundation", "fonden": "foundation", "foundation": "foundation",
    "virksomhed": "company", "firma": "company", "company": "company", "erhverv": "company",
    "privat virksomhed": "company", "business": "company",
    "skole": "school", "school": "school", "gymnasium": "school", "folkeskole": "school",
    "friskole": "school", "efterskole": "school", "hoejskole": "school",
    "uddannelsesinstitution": "school", "erhvervsskole": "school",
    "universitet": "university", "university": "university", "professionshoejskole": "university",
    "university college": "university",
    "forskningsinstitution": "research_institute", "forskning": "research_institute",
    "research institute": "research_institute", "videnscenter": "research_institute",
    "hospital": "hospital", "sygehus": "hospital",
    "boligorganisation": "housing_organisation", "boligforening": "housing_organisation",
    "boligselskab": "housing_organisation", "housing organisation": "housing_organisation",
    "almen bolig": "housing_organisation",
    "netvaerk": "network", "network": "network",
    "borgergruppe": "citizen_group", "borgere": "citizen_group", "citizen group": "citizen_group",
    "borger": "citizen_group", "beboergruppe": "citizen_group",
    "person": "person", "privatperson": "person",
    "andet": "other", "other": "other", "organisation": "other", "organization": "other",
}  # fmt: skip
_KIND_PARTS: tuple[tuple[str, str], ...] = (
    ("regionskommune", "municipality"),
    ("kommune", "municipality"),
    ("frivilligcent", "volunteer_centre"),
    ("boligforening", "housing_organisation"),
    ("boligselskab", "housing_organisation"),
    ("boligorganisation", "housing_organisation"),
    ("professionshoejskole", "university"),
    ("universitet", "university"),
    ("university", "university"),
    ("uddannelsesinstitution", "school"),
    ("gymnasium", "school"),
    ("skole", "school"),
    ("school", "school"),
    ("sygehus", "hospital"),
    ("hospital", "hospital"),
    ("fonden", "foundation"),
    ("fond", "foundation"),
    ("foundation", "foundation"),
    ("forening", "association"),
    ("klub", "association"),
    ("styrelse", "state_agency"),
    ("ministeri", "state_agency"),
    ("netvaerk", "network"),
    ("region ", "region"),
)
# Sector and scale of an actor whose file says only its kind (stored as inferred).
KIND_DEFAULTS: dict[str, tuple[str, str]] = {
    "municipality": ("public", "municipal"),
    "region": ("public", "regional"),
    "state_agency": ("public", "national"),
    "association": ("civil_society", "local"),
    "national_ngo": ("civil_society", "national"),
    "volunteer_centre": ("civil_society", "local"),
    "foundation": ("philanthropic", "national"),
    "company": ("private", "local"),
    "school": ("public", "local"),
    "university": ("knowledge", "regional"),
    "research_institute": ("knowledge", "national"),
    "hospital": ("public", "regional"),
    "housing_organisation": ("civil_society", "local"),
    "network": ("civil_society", "local"),
    "citizen_group": ("citizen", "local"),
    "person": ("citizen", "local"),
    "other": ("civil_society", "local"),
}
SECTOR_WORDS: dict[str, str] = {
    "offentlig": "public", "offentlige": "public", "public": "public", "kommunal": "public",
    "civilsamfund": "civil_society", "civil society": "civil_society",
    "frivillig": "civil_society", "frivillig sektor": "civil_society",
    "civilsamfundet": "civil_society",
    "privat": "private", "private": "private", "erhverv": "private",
    "filantropisk": "philanthropic", "philanthropic": "philanthropic", "fond": "philanthropic",
    "viden": "knowledge", "knowledge": "knowledge", "forskning": "knowledge",
    "borger": "citizen", "borgere": "citizen", "citizen": "citizen",
}  # fmt: skip
SCALE_WORDS: dict[str, str] = {
    "lokal": "local", "local": "local", "kommunal": "municipal", "municipal": "municipal",
    "regional": "regional", "national": "national", "landsdaekkende": "national",
    "international": "international",
}  # fmt: skip
ROLE_WORDS: dict[str, str] = {
    "projektejer": "lead", "ejer": "lead", "lead": "lead", "projektleder": "lead",
    "leder": "lead", "hovedansoeger": "lead", "ansoeger": "lead", "tovholder": "lead",
    "procesejer": "process_owner", "process owner": "process_owner",
    "partner": "partner", "samarbejdspartner": "partner", "part": "partner",
    "bevillingsgiver": "funder", "funder": "funder", "finansiering": "funder",
    "donor": "funder", "bidragyder": "funder", "medfinansiering": "funder",
    "koordinator": "coordinator", "coordinator": "coordinator",
    "frivillig": "volunteer", "frivillige": "volunteer", "volunteer": "volunteer",
    "vaert": "host", "host": "host", "lokaler": "host",
    "evaluator": "evaluator", "evaluering": "evaluator", "evaluerer": "evaluator",
    "videnspartner": "knowledge_partner", "knowledge partner": "knowledge_partner",
    "deltager": "participant", "participant": "participant", "medlem": "participant",
}  # fmt: skip
TIE_WORDS: dict[str, str] = {
    "partnerskab": "partnership", "partnership": "partnership", "samarbejde": "partnership",
    "partner": "partnership",
    "finansiering": "funding", "funding": "funding", "bevilling": "funding", "stoette": "funding",
    "medlemskab": "membership", "membership": "membership", "medlem": "membership",
    "vidensdeling": "knowledge_exchange", "knowledge exchange": "knowledge_exchange",
    "henvisning": "referral", "referral": "referral",
    "mentor": "mentoring", "mentoring": "mentoring",
    "aftale": "agreement", "agreement": "agreement", "samarbejdsaftale": "agreement",
    "koordinering": "coordination", "koordination": "coordination",
    "coordination": "coordination",
    "tilsyn": "oversight", "regulering": "oversight", "oversight": "oversight",
    "regulation": "oversight",
    "ansaettelse": "employment", "ansat": "employment", "employment": "employment",
    "frivilligt arbejde": "volunteering", "frivillighed": "volunteering",
    "volunteering": "volunteering",
}  # fmt: skip
THEME_WORDS: dict[str, str] = {
    "sundhed": "health_prevention", "forebyggelse": "health_prevention",
    "health": "health_prevention",
    "udsatte": "socially_vulnerable", "socialt udsatte": "socially_vulnerable",
    "beskaeftigelse": "employment", "job": "employment", "employment": "employment",
    "uddannelse": "education", "education": "education", "laering": "education",
    "bolig": "social_housing", "boligsocial": "social_housing", "social housing": "social_housing",
    "boern": "children_youth", "unge": "children_youth", "boern og unge": "children_youth",
    "aeldre": "elderly", "elderly": "elderly",
    "faellesskab": "community", "community": "community", "lokalsamfund": "community",
    "social innovation": "social_innovation", "innovation": "social_innovation",
    "forskning": "research", "research": "research",
    "andet": "other", "other": "other",
}  # fmt: skip
STATUS_WORDS: dict[str, str] = {
    "eksisterende": "existing", "existing": "existing", "aktiv": "existing",
    "foreslaaet": "proposed", "forslag": "proposed", "proposed": "proposed", "mulig": "proposed",
}  # fmt: skip
DIRECTION_WORDS: dict[str, bool] = {
    "directed": True, "rettet": True, "ensrettet": True, "true": True, "ja": True,
    "undirected": False, "urettet": False, "mutual": False, "gensidig": False, "false": False,
    "nej": False,
}  # fmt: skip
NODE_TYPE_WORDS: dict[str, str] = {
    "actor": "actors", "aktoer": "actors", "organisation": "actors", "organization": "actors",
    "project": "projects", "projekt": "projects", "indsats": "projects", "initiativ": "projects",
}  # fmt: skip
# Cells of an organisations × projects matrix that mean "takes part" / "does not".
MARK_YES = frozenset({"x", "1", "ja", "yes", "j", "y", "true", "deltager"})
MARK_NO = frozenset({"", "0", "nej", "no", "n", "false", "-"})


def word(text: str, words: dict[str, str]) -> str | None:
    """The value a whole cell names in one of the word lists, or ``None``."""
    folded = fold(text)
    if folded in words:
        return words[folded]
    code = folded.replace(" ", "_")  # the model's own code, e.g. health_prevention
    return code if code in set(words.values()) else None


def kind_from_text(text: str) -> str | None:
    """The actor kind a cell (``Forening``) or a name (``Egmont Fonden``) suggests."""
    found = word(text, KIND_WORDS)
    if found is not None:
        return found
    folded = fold(text)
    if folded.replace(" ", "_") in KIND_DEFAULTS:
        return folded.replace(" ", "_")
    padded = f" {folded} "
    for part, kind in _KIND_PARTS:
        if part in padded:
            return kind
    return None


# ---------------------------------------------------------------- dates and numbers

_MONTHS = {
    "jan": 1, "januar": 1, "january": 1, "feb": 2, "februar": 2, "february": 2,
    "mar": 3, "mart": 3, "marts": 3, "march": 3, "apr": 4, "april": 4, "maj": 5, "may": 5,
    "jun": 6, "juni": 6, "june": 6, "jul": 7, "juli": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "okt": 10, "oct": 10, "oktober": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+)?$")
_DMY = re.compile(r"^(\d{1,2})[-./ ](\d{1,2})[-./ ](\d{4}|\d{2})$")
_YEAR_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$|^(\d{1,2})[-/.](\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_WORDS_DATE = re.compile(r"^(?:(\d{1,2})\.?\s*)?([a-zæøå]+)\.?\s*(\d{4})$")
_SERIAL = re.compile(r"^(\d{5})(?:\.\d+)?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _day(year: int, month: int, day: int | None, end: bool) -> dt.date:
    if day is None:
        day = calendar.monthrange(year, month)[1] if end else 1
    return dt.date(year, month, day)


_IN = re.compile(r"^(?:i|in|pr\.?|per|anno)\s+(.+)$")
_ABOUT = re.compile(r"^(?:ca\.?|cirka|circa|omkring|about|approx\.?|approximately|c\.|~)\s*(.+)$")
# "midten af 2016": about the middle of the year (a start in July, an end in June).
_MIDDLE = re.compile(r"^(?:midten af|i midten af|midt i|medio|mid|mid-|sommeren|summer)\s*(\d{4})$")
_EARLY = re.compile(
    r"^(?:primo|starten af|start af|begyndelsen af|early|start of|beginning of)\s+(\d{4})$"
)
_LATE = re.compile(r"^(?:ultimo|slutningen af|udgangen af|late|end of)\s+(\d{4})$")


@cache
def parse_date(text: str, *, end: bool = False) -> tuple[str, str]:
    """An ISO date and its precision (``day``, ``month``, ``year`` or ``approximate``)
    from a typed date.

    A year or a month alone is its first day as a start and its last day as an end
    (``end=True``), so "2014" as an end date means until the end of 2014. "i 2010" is
    the year 2010; "ca. marts 2016" is about March (``approximate``); "midten af 2016"
    is about the middle of 2016 (2016-07-01 as a start, 2016-06-30 as an end);
    "primo 2016" and "ultimo 2016" are about January and about December. "ca. 2016"
    is the year 2016 (a year cannot be approximate in the model).

    Raises
    ------
    ValueError
        When the text is no date graphsvc recognises.

    Examples
    --------
    >>> parse_date("2014", end=True)
    ('2014-12-31', 'year')
    >>> parse_date("marts 2016")
    ('2016-03-01', 'month')
    >>> parse_date("midten af 2016")
    ('2016-07-01', 'approximate')
    >>> parse_date("midten af 2016", end=True)
    ('2016-06-30', 'approximate')
    >>> parse_date("i 2010")
    ('2010-01-01', 'year')
    >>> parse_date("ca. juli 2016", end=True)
    ('2016-07-31', 'approximate')
    """
    cell = " ".join(text.strip().lower().split())
    if m := _IN.match(cell):
        return parse_date(m[1], end=end)
    if m := _MIDDLE.match(cell):
        year = int(m[1])
        return (dt.date(year, 6, 30) if end else dt.date(year, 7, 1)).isoformat(), "approximate"
    if m := _EARLY.match(cell):
        return _day(int(m[1]), 1, None, end).isoformat(), "approximate"
    if m := _LATE.match(cell):
        return _day(int(m[1]), 12, None, end).isoformat(), "approximate"
    if m := _ABOUT.match(cell):
        iso, precision = parse_date(m[1], end=end)
        if precision in ("month", "day"):
            about = dt.date.fromisoformat(iso)
            return _day(about.year, about.month, None, end).isoformat(), "approximate"
        return iso, precision
    try:
        if m := _ISO.match(cell):
            return _day(int(m[1]), int(m[2]), int(m[3]), end).isoformat(), "day"
        if m := _DMY.match(cell):
            year = int(m[3]) if len(m[3]) == 4 else 2000 + int(m[3])
            return _day(year, int(m[2]), int(m[1]), end).isoformat(), "day"
        if m := _YEAR.match(cell):
            year = int(m[1])
            if 1800 <= year <= 2200:
                return (dt.date(year, 12, 31) if end else dt.date(year, 1, 1)).isoformat(), "year"
        if m := _YEAR_MONTH.match(cell):
            year, month = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
            return _day(year, month, None, end).isoformat(), "month"
        if (m := _WORDS_DATE.match(cell)) and fold(m[2]) in _MONTHS:
            day = int(m[1]) if m[1] else None
            precision = "day" if day else "month"
            return _day(int(m[3]), _MONTHS[fold(m[2])], day, end).isoformat(), precision
        if (m := _SERIAL.match(cell)) and 20000 <= int(m[1]) <= 80000:
            return (_EXCEL_EPOCH + dt.timedelta(days=int(m[1]))).isoformat(), "day"
    except ValueError as exc:  # 31-02-2014
        raise ValueError(f"{text!r} is not a date ({exc})") from exc
    raise ValueError(
        f"{text!r} is not a date graphsvc recognises (write e.g. 31-12-2014, 2014 or aug. 2022)"
    )


def looks_like_date(text: str) -> bool:
    try:
        parse_date(text)
    except ValueError:
        return False
    return True


_AMOUNT_NOISE = re.compile(r"(?i)\b(ca|kr|dkk|kroner|cirka)\b\.?|[\s ]")
_MULTIPLIERS = (("mio", 1e6), ("mia", 1e9), ("t.kr", 1e3), ("tkr", 1e3), ("k", 1e3))
#: A currency word at the end of an amount (``1,5 mio. kr.``), not the ``kr`` of ``t.kr.``.
_TRAILING_CURRENCY = re.compile(r"(?<!t\.)\s*\b(?:kr|dkk|dkr|kroner|danske kroner)\b\.?$")


@cache
def parse_amount(text: str) -> float:
    """A number as Danes write amounts: ``50.000 kr.``, ``1.250.000,50``, ``1,5 mio. kr.``.

    Raises
    ------
    ValueError
        When the cell holds no number.
    """
    cell = _TRAILING_CURRENCY.sub("", text.strip().lower()).strip()
    factor = 1.0
    for word_, value in _MULTIPLIERS:
        if re.search(rf"\d\s*{re.escape(word_)}\.?$", cell):
            factor = value
            cell = re.sub(rf"\s*{re.escape(word_)}\.?$", "", cell)
            break
    cell = _AMOUNT_NOISE.sub("", cell).rstrip(".")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", cell) or "," in cell:
        cell = cell.replace(".", "").replace(",", ".")  # Danish: . thousands, , decimals
    try:
        return float(cell) * factor
    except ValueError:
        raise ValueError(f"{text!r} is not an amount (write e.g. 50000 or 50.000 kr.)") from None


CURRENCY_WORDS: dict[str, str] = {
    "dkk": "DKK", "kr": "DKK", "kroner": "DKK", "danske kroner": "DKK", "dkr": "DKK",
    "nok": "NOK", "norske kroner": "NOK", "nkr": "NOK",
    "sek": "SEK", "svenske kroner": "SEK", "skr": "SEK",
    "eur": "EUR", "euro": "EUR", "euros": "EUR", "eu": "EUR",
}  # fmt: skip
_CURRENCY_IN_AMOUNT = re.compile(
    r"(?i)\b(dkk|nok|sek|eur|euro|euros|danske kroner|norske kroner|svenske kroner)\b|€"
)


def currency_from_text(text: str) -> str | None:
    """The currency (ISO code) a cell names: ``kr.`` and ``DKK`` are DKK, ``€`` EUR."""
    if "€" in text:
        return "EUR"
    return word(text, CURRENCY_WORDS)


@cache
def parse_money(text: str) -> tuple[float, str | None]:
    """An amount and the currency it is written in, if it says: ``250.000 kr.`` is DKK.

    Raises
    ------
    ValueError
        When the cell holds no number.

    Examples
    --------
    >>> parse_money("250.000 kr.")
    (250000.0, 'DKK')
    >>> parse_money("NOK 1,5 mio.")
    (1500000.0, 'NOK')
    >>> parse_money("€ 20.000")
    (20000.0, 'EUR')
    >>> parse_money("5000")
    (5000.0, None)
    """
    currency = None
    found = _CURRENCY_IN_AMOUNT.search(text)
    if found is not None:
        currency = "EUR" if found[0] == "€" else CURRENCY_WORDS[fold(found[0])]
        text = _CURRENCY_IN_AMOUNT.sub(" ", text)
    elif re.search(r"(?i)\b(kr|kroner)\b", text):
        currency = "DKK"
    return parse_amount(text), currency


SUPPORT_WORDS: dict[str, str] = {
    "kontant": "cash_grant", "kontant tilskud": "cash_grant", "tilskud": "cash_grant",
    "bevilling": "cash_grant", "donation": "cash_grant", "cash": "cash_grant",
    "cash grant": "cash_grant", "grant": "cash_grant", "penge": "cash_grant",
    "naturalier": "in_kind", "i naturalier": "in_kind", "in kind": "in_kind",
    "lokaler": "in_kind", "materialer": "in_kind", "arbejdskraft": "in_kind",
    "honorar": "fee", "betaling": "fee", "fee": "fee", "vederlag": "fee", "kontrakt": "fee",
    "pulje": "public_pool", "offentlig pulje": "public_pool", "puljemidler": "public_pool",
    "18": "public_pool", "paragraf 18": "public_pool", "18 midler": "public_pool",
    "satspulje": "public_pool", "public pool": "public_pool", "public fund": "public_pool",
    "sparring": "sparring", "raadgivning": "sparring", "advice": "sparring",
}  # fmt: skip
PLACE_LEVEL_WORDS: dict[str, str] = {
    "bydel": "neighbourhood", "boligomraade": "neighbourhood", "kvarter": "neighbourhood",
    "lokalomraade": "neighbourhood", "boligafdeling": "neighbourhood",
    "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood",
    "by": "town", "landsby": "town", "town": "town", "village": "town", "city": "town",
    "landsdel": "region", "region": "region", "egn": "region",
    "land": "country", "landsdaekkende": "country", "hele landet": "country",
    "national": "country", "nationalt": "country", "country": "country",
    "nationwide": "country",
}  # fmt: skip
_COUNT = re.compile(
    r"^(?P<about>ca\.?|cirka|circa|omkring|about|approx\.?|~)?\s*(?P<n>\d{1,3}(?:\.\d{3})+|\d+)"
    r"(?P<rest>.*)$"
)
_WHEN = re.compile(r"(?:^|\s)(?:i|in|pr\.?|per|fra|from|siden|since|anno)\s+(.+)$")
_YEAR_IN = re.compile(r"\b(\d{4})\b")


def parse_member_counts(text: str) -> tuple[list[dict[str, object]], str | None]:
    """Member counts and the members' kind from a cell: ``20 kommuner (14 i 2015)``.

    Each part (split at parentheses, ``;`` and ``,``) is a count, "ca." first when the
    source says about, and a date after *i*/*in*/*pr.* (or a year) when it gives one.

    Returns
    -------
    counts : list of dict
        ``{"count", "approximate", "on", "precision"}`` (``on`` only when dated).
    kind : str or None
        The actor kind the words name (``kommuner`` → ``municipality``).

    Raises
    ------
    ValueError
        When a part holds no count.

    Examples
    --------
    >>> parse_member_counts("20 kommuner (14 i 2015)")
    ([{'count': 20, 'approximate': False}, \
{'count': 14, 'approximate': False, 'on': '2015-01-01', 'precision': 'year'}], 'municipality')
    >>> parse_member_counts("ca. 80 fællesskabsagenter")[0]
    [{'count': 80, 'approximate': True}]
    """
    counts: list[dict[str, object]] = []
    kind = None
    for part in re.split(r"\s*[();,]\s*", text.strip()):
        if not part:
            continue
        m = _COUNT.match(part.lower())
        if m is None:
            raise ValueError(f"{part!r} is no member count (write e.g. 20, ca. 80 or 14 i 2015)")
        count: dict[str, object] = {
            "count": int(m["n"].replace(".", "")),
            "approximate": bool(m["about"]),
        }
        rest = m["rest"].strip()
        when = _WHEN.search(rest)
        date_text = when[1] if when else (y[1] if (y := _YEAR_IN.search(rest)) else None)
        if date_text:
            count["on"], count["precision"] = parse_date(date_text)
            rest = rest[: when.start()] if when else _YEAR_IN.sub("", rest)
        counts.append(count)
        words = rest.strip()
        if words and kind is None:
            kind = kind_from_text(words) or kind_from_text(re.sub(r"(er|r|e)$", "", words))
    return counts, kind


# ---------------------------------------------------------------- several names in a cell

_ALWAYS_SPLIT = re.compile(r"\s*(?:;|\||\n)\s*")
_SPLIT_IF_KNOWN = re.compile(r"\s*(?:,|/|&|\bog\b|\band\b|\+)\s*", re.IGNORECASE)


def split_names(text: str, known: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """The names in one cell: ``A; B``, ``A | B`` and lines always; ``A, B``, ``A og B``
    and ``A / B`` only when every part is a known name (its :func:`name_key` is in
    ``known``, or it is a municipality), so "Børn og Unge" or "Skole- og
    Fritidsforvaltning" stay one name."""
    names = []
    for part in _ALWAYS_SPLIT.split(text.strip()):
        if not part:
            continue
        pieces = [p for p in _SPLIT_IF_KNOWN.split(part) if p]
        if len(pieces) > 1 and all(
            name_key(p) in known or name_key(p).startswith("kommune ") for p in pieces
        ):
            names.extend(pieces)
        else:
            names.append(part)
    return names
