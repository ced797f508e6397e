"""Error messages in Danish: what the command line prints for a :class:`GraphsvcError`
when it speaks Danish (``--lang da``, #14).

The messages are written in English where they are raised (the API's ``detail`` and the
logs stay English, as programs read them). Here each message form is matched by a
pattern and said again in Danish, with the same values (ids, files, names) put back
unchanged; a problem's place is said as "fil, række 3, kolonne 'navn'". A message no
pattern matches stays English rather than half translated.

A :class:`~graphsvc.errors.Problem` with a ``code`` (pydantic's error type, or the
readers' own) is said from its code and ``params`` by :data:`PROBLEM_WORDS`, naming the
field as a planner says it (:data:`graphsvc.i18n.FIELD_WORDS`: "navn", "type",
"startdato"); one without a known code by its message's pattern. The command line and
the import page (through ``/imports?lang=da``) both say problems with
:func:`problem_text`.

Examples
--------
>>> say("da", "no actor 'trygfond'")
"ingen aktør 'trygfond'"
>>> say("da", "3 problem(s) in the input; nothing was written")
'3 problemer i data; intet er skrevet'
>>> where("da", "actors.csv", 4, "name")
"actors.csv, række 4, kolonne 'name'"
>>> from graphsvc.errors import Problem
>>> problem_text("da", Problem("Field required", "actors.csv", 3, "name", None, "missing",
...                            {"field": "name"}))
"actors.csv, række 3, kolonne 'name': navn skal udfyldes"
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from graphsvc.i18n import ENUM_LABELS, FIELD_WORDS, count, label

if TYPE_CHECKING:
    from graphsvc.errors import GraphsvcError, Problem
    from graphsvc.filters import Language

#: The tables' singular nouns (the English message's word → the Danish one).
TABLE_NOUNS = {
    "actor": "aktør",
    "project": "projekt",
    "participation": "deltagelse",
    "collaboration": "forbindelse",
    "agreement": "aftale",
    "workshop": "workshop",
    "snapshot": "øjebliksbillede",
    "tie": "forbindelse",
    "API key": "API-nøgle",
}
#: The nouns of :data:`TABLE_NOUNS` that are neuter ("intet projekt", "projektet").
NEUTER = {"projekt", "øjebliksbillede"}
_NOUN = "|".join(sorted(map(re.escape, TABLE_NOUNS), key=len, reverse=True))


def _noun(match: re.Match[str]) -> str:
    return TABLE_NOUNS[match["noun"]]


def _no(match: re.Match[str]) -> str:
    """ "ingen aktør", "intet projekt"."""
    noun = _noun(match)
    return f"{'intet' if noun in NEUTER else 'ingen'} {noun}"


def _the(match: re.Match[str]) -> str:
    """ "aktøren", "projektet", "aftalen"."""
    noun = _noun(match)
    if noun in NEUTER:
        return noun + ("t" if noun.endswith("e") else "et")
    return noun + ("n" if noun.endswith("e") else "en")


def _counted(text: str) -> str:
    """ "3 participations" → "3 deltagelser" (a number and a table's name)."""
    n, _, table = text.partition(" ")
    return count("da", int(n), table.removesuffix("s")) if n.isdigit() else text


def _and(items: list[str]) -> str:
    """ "a, b og c"."""
    return ", ".join(items[:-1]) + " og " + items[-1] if len(items) > 1 else "".join(items)


def _or(text: str) -> str:
    """ "'a', 'b' or 'c'" → "'a', 'b' eller 'c'"."""
    return re.sub(r" or (?=[^,]*$)", " eller ", text)


def _n(noun: str) -> Callable[[re.Match[str]], str]:
    """The match's number ``n`` with ``noun`` in the singular or plural."""
    return lambda m: count("da", int(m["n"]), noun)


#: pydantic's reasons after "Input should be a valid date or datetime, …".
_PYDANTIC_WHY = {
    "month value is outside expected range of 1-12": "måneden skal være 1-12",
    "day value is outside expected range": "dagen findes ikke i måneden",
    "input is too short": "teksten er for kort",
    "invalid character in year": "ugyldigt tegn i året",
    "invalid date separator, expected `-`": "ugyldig skilletegn i datoen, forventede `-`",
}

Reply = str | Callable[[re.Match[str]], str]

#: (English form, Danish form): a Danish form is a ``str.format`` text over the named
#: groups (``{noun}`` is the table's Danish noun), or a function of the match.
MESSAGES: list[tuple[str, Reply]] = [
    # validation: the whole input
    (r"(?P<n>\d+) problem\(s\) in the input; nothing was written",
     lambda m: f"{count('da', int(m['n']), 'problem')} i data; intet er skrevet"),
    (r"(?P<n>\d+) problem\(s\) in the (?P<noun>" + _NOUN + r"); nothing was written",
     lambda m: f"{count('da', int(m['n']), 'problem')} i {_the(m)}; intet er skrevet"),
    (r"(?P<n>\d+) problem\(s\) with the uploaded files",
     lambda m: f"{count('da', int(m['n']), 'problem')} med de sendte filer"),
    (r"(?P<n>\d+) bad filters", lambda m: f"{count('da', int(m['n']), 'filter')} er forkerte"),
    (r"(?P<n>\d+) id\(s\) name both an actor and a project; nothing was written",
     lambda m: f"{count('da', int(m['n']), 'id')} er både en aktørs og et projekts; "
     "intet er skrevet"),
    (r"(?P<file>.+): (?P<n>\d+) row\(s\) do not have as many cells as the header",
     lambda m: f"{m['file']}: {count('da', int(m['n']), 'row')} har ikke lige så mange "
     "celler som overskriften"),
    (r"(?P<where>.+): the header names a column more than once",
     "{where}: overskriften nævner en kolonne mere end én gang"),
    (r"(?P<file>.+): the file contains NUL bytes", "{file}: filen indeholder NUL-tegn"),
    (r"(?P<path>.+): no such file", "{path}: filen findes ikke"),
    (r"(?P<path>.+): unsupported file type", "{path}: filtypen kan ikke læses"),
    (r"(?P<path>.+): cannot tell which table this is", "{path}: kan ikke se, hvilken tabel det er"),
    (r"nothing to import: (?P<what>.+) in the given paths", "intet at importere: {what} i stierne"),
    (r"no (?:\.csv|readable) files?", "ingen filer, der kan læses"),
    (r"the file is empty \(no header, no rows\)", "filen er tom (ingen overskrift, ingen rækker)"),
    (r"the (?:file|sheet) has a header but no rows", "der er en overskrift, men ingen rækker"),
    (r"missing required column\(s\) (?P<cols>.+)", "mangler kolonnen/kolonnerne {cols}"),
    (r"unknown column\(s\) (?P<cols>.+?); (?P<rest>.*)", "ukendte kolonner {cols}"),
    (r"duplicate id (?P<id>'[^']*') \(first in (?P<file>.+) row (?P<row>\d+)\)",
     "id'et {id} findes to gange (første gang i {file} række {row})"),
    (r"(?P<id>'[^']*') is the id of an actor and of a project",
     "{id} er id på både en aktør og et projekt"),
    (r"unknown municipality code (?P<code>'.*') \(expected e\.g\. DK-101 or NO-4203\)",
     "ukendt kommunekode {code} (forventet f.eks. DK-101 eller NO-4203)"),
    (r"not an ISO date \(YYYY-MM-DD\): (?P<value>.+)", "ikke en ISO-dato (ÅÅÅÅ-MM-DD): {value}"),
    (r"(?P<text>'.*') is not a date \((?P<why>.*)\)", "{text} er ikke en dato ({why})"),
    (r"(?P<field>\w+) must be a JSON list: .*",
     lambda m: f"{field_word('da', m['field'])} skal være en JSON-liste, f.eks. [12, 40]"),
    (r"(?P<text>'.*') is not an amount \(write e\.g\. 50000 or 50\.000 kr\.\)",
     "{text} er ikke et beløb (skriv f.eks. 50000 eller 50.000 kr.)"),
    (r"start_date (?P<a>\S+) is after end_date (?P<b>\S+)",
     "startdatoen {a} ligger efter slutdatoen {b}"),
    (r"a collaboration needs two different actors",
     "en forbindelse skal have to forskellige aktører"),
    (r"same as source_id", "samme som source_id"),
    (r"participation (?P<id>'[^']*') names an unknown actor or project (?P<ends>\(.*\))",
     "deltagelsen {id} nævner en ukendt aktør eller et ukendt projekt {ends}"),
    (r"collaboration (?P<id>'[^']*') names an unknown actor (?P<ends>\(.*\))",
     "forbindelsen {id} nævner en ukendt aktør {ends}"),
    (r"agreement (?P<id>'[^']*') names unknown parties: (?P<ids>.+)",
     "aftalen {id} nævner ukendte parter: {ids}"),
    (r"unknown (?P<noun>" + _NOUN + r") (?P<ref>'.*'): not in this import nor in (?P<rest>.*)",
     "ukendt {noun} {ref}: hverken i denne import eller i grafen"),
    # pydantic's words
    (r"Field required", "skal udfyldes"),
    (r"Input should be a valid date or datetime, (?P<why>.+)",
     lambda m: "skal være en gyldig dato, " + _PYDANTIC_WHY.get(m["why"], m["why"])),
    (r"Input should be a valid date(?: or datetime)?", "skal være en gyldig dato"),
    (r"Input should be a valid integer(?:, .*)?", "skal være et helt tal"),
    (r"Input should be a valid number(?:, .*)?", "skal være et tal"),
    (r"Input should be a valid boolean(?:, .*)?", "skal være ja eller nej"),
    (r"Input should be greater than or equal to (?P<n>\S+)", "skal være mindst {n}"),
    (r"Input should be less than or equal to (?P<n>\S+)", "skal være højst {n}"),
    (r"Input should be (?P<values>'.*')", lambda m: f"skal være {_or(m['values'])}"),
    (r"String should have at least (?P<n>\d+) characters?", "skal have mindst {n} tegn"),
    (r"String should have at most (?P<n>\d+) characters?", "må højst have {n} tegn"),
    (r"Extra inputs are not permitted", "feltet kendes ikke"),
    (r"Value error, (?P<inner>.+)", lambda m: say("da", m["inner"])),
    # not found
    (r"no (?P<noun>" + _NOUN + r") (?P<id>'[^']*') (?:in|of) workshop (?P<ws>'.*')",
     lambda m: f"{_no(m)} {m['id']} i workshoppen {m['ws']}"),
    (r"no (?P<noun>" + _NOUN + r")(?: with id)? (?P<id>'[^']*')(?P<rest> in the network)?",
     lambda m: f"{_no(m)} {m['id']}" + (" i netværket" if m["rest"] else "")),
    (r"no actor with id (?P<ids>.+?)(?: in the network)?", "ingen aktør med id {ids}"),
    (r"actor (?P<id>'[^']*') is not in workshop (?P<ws>'.*')",
     "aktøren {id} er ikke i workshoppen {ws}"),
    (r"no actor or project in the municipality (?P<code>'.*')",
     "ingen aktør eller projekt i kommunen {code}"),
    # conflicts
    (r"(?P<noun>" + _NOUN + r") (?P<id>'[^']*') already exists",
     lambda m: f"{_the(m)} {m['id']} findes allerede"),
    (r"(?P<noun>" + _NOUN + r") (?P<id>'[^']*') is changed by others too often; try again",
     lambda m: f"{_the(m)} {m['id']} bliver ændret af andre for tit; prøv igen"),
    (r"the id (?P<id>'[^']*') is taken by (?P<other>.+?); actors and projects (?P<rest>.*)",
     "id'et {id} er brugt af {other}; aktører og projekter deler ikke id'er"),
    (r"this id is taken by an? (?P<noun>actor|project) in (?P<where>this import|the graph)",
     lambda m: f"id'et er brugt af {'en' if m['noun'] == 'actor' else 'et'} {_noun(m)} "
     + ("i denne import" if m["where"] == "this import" else "i grafen")),
    (r"this id is taken by (?P<other>.+)", "id'et er brugt af {other}"),
    (r"deleting (?P<noun>" + _NOUN + r") (?P<id>'[^']*') also deletes (?P<parts>.*?)"
     r"(?: and leaves (?P<k>\d+) agreement\(s\))?; repeat with confirm=true",
     lambda m: f"når {_the(m)} {m['id']} slettes, slettes også "
     + _and([_counted(part) for part in m["parts"].split(", ") if part])
     + (f", og {count('da', int(m['k']), 'agreement')} mister en part" if m["k"] else "")
     + "; gentag med confirm=true"),
    (r"an actor named (?P<name>'.*?') exists already \(id (?P<id>'[^']*')\)(?P<rest>.*)",
     "en aktør ved navn {name} findes allerede (id {id})"),
    (r"the id cannot be changed", "id'et kan ikke ændres"),
    (r"the graph has schema version (?P<v>\d+), written by a newer graphsvc; graphsvc "
     r"(?P<mine>\S+) knows schema versions up to (?P<max>\d+)\. Upgrade graphsvc \(or "
     r"restore a backup taken before the upgrade\): nothing was changed",
     "grafen har skemaversion {v}, skrevet af en nyere graphsvc; graphsvc {mine} kender "
     "skemaversioner op til {max}. Opgradér graphsvc (eller gendan en sikkerhedskopi fra før "
     "opgraderingen): intet er ændret"),
    # usage
    (r"unknown report (?P<kind>'.*'); choose one of (?P<choices>.+)",
     "ukendt rapport {kind}; vælg en af {choices}"),
    (r"unknown (?:export )?format (?P<fmt>'.*'); choose one of (?P<choices>.+)",
     "ukendt format {fmt}; vælg et af {choices}"),
    (r"unknown map lens (?P<lens>'.*'); choose one of (?P<choices>.+)",
     "ukendt kortvisning {lens}; vælg en af {choices}"),
    (r"unknown role (?P<role>'.*'); choose one of (?P<choices>.+)",
     "ukendt rolle {role}; vælg en af {choices}"),
    (r"the (?P<lens>\w+) map needs an id \(e\.g\. (?P<example>.+)\)",
     "kortet {lens} skal have et id (f.eks. {example})"),
    (r"the whatif map needs actors to remove \(--remove ID\)",
     "hvad-nu-hvis-kortet skal have aktører at fjerne (--remove ID)"),
    (r"--out must end in \.csv or \.xlsx, not (?P<name>.+)",
     "--out skal ende på .csv eller .xlsx, ikke {name}"),
    (r"--format must be table, csv or json, not (?P<fmt>.+)",
     "--format skal være table, csv eller json, ikke {fmt}"),
    (r"this deletes the whole graph: add --yes to confirm",
     "det sletter hele grafen: tilføj --yes for at bekræfte"),
    (r"an erasure cannot be undone: add --yes to confirm",
     "en sletning kan ikke fortrydes: tilføj --yes for at bekræfte"),
    (r"lang must be (?P<choices>.+), not (?P<lang>.+)",
     lambda m: f"sproget skal være {_or(m['choices'])}, ikke {m['lang']}"),
    (r"(?P<what>.+) is not one of (?P<choices>.+)",
     lambda m: f"{m['what']} er ikke en af {_or(m['choices'])}"),
    # the command line's own usage errors (click's words)
    (r"No such command (?P<name>'.*?')\.(?: Did you mean (?P<guess>'.*?')\?)?",
     lambda m: f"Kommandoen {m['name']} findes ikke."
     + (f" Mente du {m['guess']}?" if m["guess"] else "")),
    (r"No such option: (?P<name>\S+?)(?: Did you mean (?P<guess>\S+?)\?)?"
     r"(?: ?\(Possible options: (?P<options>.*)\))?",
     lambda m: f"Tilvalget {m['name']} findes ikke."
     + (f" Mente du {m['guess']}?" if m["guess"] else "")
     + (f" (mulige tilvalg: {m['options']})" if m["options"] else "")),
    (r"Missing argument (?P<name>'.*?')\.", "Argumentet {name} mangler."),
    (r"Missing option (?P<name>'.*?')\.(?P<rest>.*)", "Tilvalget {name} mangler.{rest}"),
    (r"Option (?P<name>'.*?') requires an argument\.", "Tilvalget {name} skal have en værdi."),
    (r"Option (?P<name>'.*?') requires (?P<n>\d+) arguments\.",
     "Tilvalget {name} skal have {n} værdier."),
    (r"Got unexpected extra arguments? \((?P<args>.*)\)", "Uventede ekstra argumenter ({args})"),
    (r"Invalid value for (?P<name>'.*?'): (?P<why>.+)",
     lambda m: f"Ugyldig værdi for {m['name']}: {say('da', m['why'])}"),
    (r"(?P<value>'.*?') is not a valid (?P<kind>integer|float)(?: range)?\.",
     lambda m: f"{m['value']} er ikke et "
     + ("helt tal" if m["kind"] == "integer" else "decimaltal") + "."),
    (r"(?P<value>'.*?') is not (?P<choices>'.*')\.",
     lambda m: f"{m['value']} er ikke {_or(m['choices'])}."),
    (r"(?P<value>'.*?') is not one of (?P<choices>'.*')\.",
     lambda m: f"{m['value']} er ikke en af {_or(m['choices'])}."),
    (r"(?:File|Path|Directory) (?P<path>'.*?') does not exist\.",
     "Stien {path} findes ikke."),
]  # fmt: skip

_COMPILED = [(re.compile(pattern, re.DOTALL), reply) for pattern, reply in MESSAGES]


def say(lang: Language, message: str) -> str:
    """``message`` in ``lang``: Danish when a pattern of :data:`MESSAGES` says it, else
    as written (English).

    Examples
    --------
    >>> say("da", "Field required")
    'skal udfyldes'
    >>> say("en", "Field required")
    'Field required'
    >>> say("da", "something no pattern knows")
    'something no pattern knows'
    """
    if lang != "da":
        return message
    for pattern, reply in _COMPILED:
        if match := pattern.fullmatch(message.strip()):
            if callable(reply):
                return reply(match)
            values = dict(match.groupdict(default=""))
            if "noun" in values:
                values["noun"] = TABLE_NOUNS[values["noun"]]
            return reply.format(**values)
    return message


# ---------------------------------------------------------------- problems by code


def field_word(lang: Language, field: str | None) -> str:
    """A stored field as a planner says it, in a sentence: "navn", "startdato", "CVR-nummer"."""
    if not field:
        return "feltet" if lang == "da" else "the field"
    pair = FIELD_WORDS.get(field)
    if pair is None:
        return field
    word = pair[0 if lang == "da" else 1]
    return word if word[1:2].isupper() else word[:1].lower() + word[1:]


#: Python's and pydantic's reasons a date is no date ("month must be in 1..12").
_DATE_WHY = {
    "month must be in 1..12": "måneden skal være 1-12",
    "day is out of range for month": "dagen findes ikke i måneden",
    "year is out of range": "året er uden for det mulige",
    **_PYDANTIC_WHY,
}


def _value(problem: Problem) -> str:
    return repr(str(problem.value)) if problem.value not in (None, "") else "værdien"


def _field(problem: Problem) -> str:
    return field_word("da", problem.params.get("field") or problem.column)


def _bad_date(problem: Problem) -> str:
    """ "'31-13-2023' er ikke en dato (måneden skal være 1-12)"."""
    error = str(problem.params.get("error", ""))
    why = re.search(r"is not a date \((.*)\)$", error) or re.search(r"^(.*)$", error)
    reason = _DATE_WHY.get(why[1] if why else "", "") if "recognises" not in error else ""
    hint = "skriv f.eks. 31-12-2014, 2014 eller aug. 2022"
    return f"{_value(problem)} er ikke en dato" + (f" ({reason})" if reason else f"; {hint}")


def _model_date(problem: Problem) -> str:
    """ "'2020-13-01' er ikke en gyldig startdato (måneden skal være 1-12)"."""
    why = _DATE_WHY.get(str(problem.params.get("error", "")), "")
    said = f"{_value(problem)} er ikke en gyldig {_field(problem)}"
    return said + (f" ({why})" if why else "; skriv ÅÅÅÅ-MM-DD, f.eks. 2014-12-31")


def _choices(text: str) -> str:
    """pydantic's "'a', 'b' or 'c'" as "en af 'a', 'b' eller 'c'"."""
    return ("en af " if "," in text or " or " in text else "") + _or(text)


def _enum_value(problem: Problem, key: str) -> str:
    """A stored value as the page shows it: «Kommune» for ``municipality``, ja or nej for
    a boolean, else quoted."""
    field, raw = str(problem.params.get("field")), problem.params.get(key)
    if isinstance(raw, bool):
        return "ja" if raw else "nej"
    value = str(raw)
    if field in ENUM_LABELS and value in ENUM_LABELS[field]:
        return f"«{label('da', field, value)}»"
    return repr(value)


def _field_title(problem: Problem) -> str:
    """The field as the import page's column title: «Navn», «Er en person»."""
    field = str(problem.params.get("field", ""))
    return f"«{FIELD_WORDS[field][0]}»" if field in FIELD_WORDS else repr(field)


def _known_words(problem: Problem) -> str:
    """The values a word cell may name, as the import page shows them (its labels, in the
    page's order) when graphsvc has labels for them, else as stored."""
    known = [str(value) for value in problem.params.get("known", [])]
    labels = ENUM_LABELS.get(str(problem.params.get("group", "")), {})
    if known and all(value in labels for value in known):
        shown = [f"«{pair[0]}»" for value, pair in labels.items() if value in known]
        return "skriv en af " + (
            ", ".join(shown[:-1]) + " eller " + shown[-1] if len(shown) > 1 else shown[0]
        )
    return "kendte: " + ", ".join(known)


def _bad_number(problem: Problem) -> str:
    """ "'tre' er ikke et tal (skriv f.eks. 3 eller 2,5)"; an amount "… er ikke et beløb"."""
    if problem.params.get("field") == "amount":
        return f"{_value(problem)} er ikke et beløb (skriv f.eks. 50000 eller 50.000 kr.)"
    return f"{_value(problem)} er ikke et tal (skriv f.eks. 3 eller 2,5)"


def _the_table(problem: Problem) -> str:
    """ "aktøren", "projektet": the table's noun, definite."""
    table = str(problem.params.get("table", "")).removesuffix("s")
    match = re.fullmatch(f"(?P<noun>{_NOUN})", table)
    return _the(match) if match else table


def _reference(problem: Problem) -> str:
    table = str(problem.params.get("table", "")).removesuffix("s")
    noun = TABLE_NOUNS.get(table, table)
    return f"ukendt {noun} {problem.params.get('id')!r}: hverken i denne import eller i grafen"


#: A problem's code → its Danish sentence (what is wrong; the place is said before it).
PROBLEM_WORDS: dict[str, Callable[[Problem], str]] = {
    # pydantic's error types (the model refuses a cell)
    "missing": lambda p: f"{_field(p)} skal udfyldes",
    "literal_error": lambda p: (
        f"{_value(p)} kendes ikke som {_field(p)}; skriv "
        + _choices(str(p.params.get("expected", "")))
    ),
    "enum": lambda p: (
        f"{_value(p)} kendes ikke som {_field(p)}; skriv "
        + _choices(str(p.params.get("expected", "")))
    ),
    "date_from_datetime_parsing": _model_date,
    "date_parsing": _model_date,
    "date_type": _model_date,
    "date_from_datetime_inexact": _model_date,
    "int_parsing": lambda p: f"{_field(p)} skal være et helt tal, ikke {_value(p)}",
    "int_from_float": lambda p: f"{_field(p)} skal være et helt tal, ikke {_value(p)}",
    "float_parsing": lambda p: f"{_field(p)} skal være et tal, ikke {_value(p)}",
    "bool_parsing": lambda p: f"{_field(p)} skal være true eller false, ikke {_value(p)}",
    "greater_than_equal": lambda p: f"{_field(p)} skal være mindst {p.params.get('ge')}",
    "greater_than": lambda p: f"{_field(p)} skal være større end {p.params.get('gt')}",
    "less_than_equal": lambda p: f"{_field(p)} skal være højst {p.params.get('le')}",
    "less_than": lambda p: f"{_field(p)} skal være mindre end {p.params.get('lt')}",
    "string_too_short": lambda p: (
        f"{_field(p)} skal have mindst "
        + count("da", int(p.params.get("min_length", 1)), "character")
    ),
    "string_too_long": lambda p: (
        f"{_field(p)} må højst have " + count("da", int(p.params.get("max_length", 1)), "character")
    ),
    "extra_forbidden": lambda p: "feltet kendes ikke",
    # the readers' own
    "duplicate_id": lambda p: (
        f"id'et {p.params.get('id')!r} findes to gange (første gang i "
        f"{p.params.get('first_file')} række {p.params.get('first_row')})"
    ),
    "unknown_reference": _reference,
    "bad_date": _bad_date,
    "bad_number": _bad_number,
    "unknown_municipality": lambda p: (
        f"ukendt kommune {_value(p)}"
        + (f" (mente du {p.params['suggestion']}?)" if p.params.get("suggestion") else "")
    ),
    # the readers' notes (what they inferred; the import goes on)
    "unknown_kind": lambda p: (
        f"{p.params.get('text')!r} er ikke en type, som graphsvc kender; gemt som "
        f"«{label('da', 'kind', 'other')}» med teksten som egenskab"
    ),
    "unknown_tie_kind": lambda p: (
        f"{p.params.get('text')!r} er ikke en samarbejdsform, som graphsvc kender; gemt som "
        f"«{label('da', 'tie_kind', 'partnership')}» med teksten som egenskab"
    ),
    "name_from_above": lambda p: (
        "rækker uden navn hører til aktøren nævnt over dem (flettede celler)"
    ),
    "conflicting_rows": lambda p: (
        f"{_the_table(p)} {p.params.get('id')!r} står i flere rækker med forskellige "
        f"værdier i feltet {_field_title(p)}: beholdt "
        f"{_enum_value(p, 'kept')} (række {p.params.get('kept_row')}), ikke "
        f"{_enum_value(p, 'dropped')}"
    ),
    "default_currency": lambda p: "beløb uden valuta regnes i DKK",
    "loop_skipped": lambda p: "en kant fra en knude til sig selv (en løkke) importeres ikke",
    "weight_skipped": lambda p: "kanter med vægt 0 eller mindre importeres ikke",
    "unknown_word": lambda p: (
        f"{_value(p)} kendes ikke som "
        + ("samarbejdsform" if p.params.get("field") == "tie_kind" else _field(p))
        + f"; {_known_words(p)}"
    ),
}


def problem_said(lang: Language, problem: Problem) -> tuple[str, Language]:
    """What is wrong, and the language it is said in: ``lang`` from the problem's code
    when Danish has words for it, or from its message by :func:`say`; else the message
    as written, English (a page marks it so)."""
    if lang != "da":
        return problem.message, "en"
    if problem.code in PROBLEM_WORDS:
        return PROBLEM_WORDS[problem.code](problem), "da"
    said = say(lang, problem.message)
    return said, "da" if said != problem.message else "en"


def problem_message(lang: Language, problem: Problem) -> str:
    """What is wrong, in ``lang`` when it can be said so (see :func:`problem_said`)."""
    return problem_said(lang, problem)[0]


def where(lang: Language, file: str | None, row: int | None, column: str | None) -> str:
    """A problem's place: "fil, række 3, kolonne 'navn'" (or the English words)."""
    row_word, column_word = ("række", "kolonne") if lang == "da" else ("row", "column")
    parts = (
        file,
        f"{row_word} {row}" if row is not None else None,
        f"{column_word} {column!r}" if column else None,
    )
    return ", ".join(p for p in parts if p)


def problem_text(lang: Language, problem: Problem) -> str:
    """One problem in ``lang``: its place, then what is wrong."""
    place = where(lang, problem.file, problem.row, problem.column)
    message = problem_message(lang, problem)
    return f"{place}: {message}" if place else message


def error_lines(lang: Language, error: GraphsvcError) -> tuple[str, list[str]]:
    """The error's message and its problems, each in ``lang``."""
    return say(lang, error.message), [problem_text(lang, p) for p in error.details]
