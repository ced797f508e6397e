"""The report's words in Danish and English (enum values come from :mod:`graphsvc.i18n`)."""

from __future__ import annotations

import datetime as dt

from graphsvc.filters import Language
from graphsvc.i18n import count, page_words

WORDS: dict[str, tuple[str, str]] = {
    "report": ("Rapport", "Report"),
    "project_title": ("Lokal forankring af {name}", "Local anchoring of {name}"),
    "municipality_title": ("Partnerskaber i {name} Kommune", "Partnerships in {name} Municipality"),
    "project_question": (
        "Hvor godt er projektet forankret lokalt, hvem holder netværket sammen, og hvad sker "
        "der, hvis en bevillingsgiver trækker sig?",
        "How well is the project anchored locally, who holds its network together, and what "
        "happens if a funder withdraws?",
    ),
    "municipality_question": (
        "Hvilke partnerskaber findes i kommunen, hvor godt er projekterne forankret lokalt, "
        "og hvor er netværket sårbart?",
        "Which partnerships exist in the municipality, how well are its projects anchored "
        "locally, and where is the network vulnerable?",
    ),
    "question": ("Spørgsmålet", "The question"),
    "key_findings": ("Det vigtigste", "Key findings"),
    "made": ("Udarbejdet", "Made"),
    "data_version": ("Dataversion", "Data version"),
    "as_of": ("Netværket pr.", "The network as of"),
    "today": ("i dag", "today"),
    "privacy_note": (
        "Borgere, der ikke har givet samtykke til at blive vist med navn, står under et "
        "pseudonym (fx »Person 3«).",
        "Citizens who have not consented to be shown by name appear under a pseudonym "
        "(e.g. “Person 3”).",
    ),
    "made_by": ("Lavet med graphsvc", "Made with graphsvc"),
    "contents": ("Indhold", "Contents"),
    "facts": ("Fakta", "Facts"),
    "map": ("Netværket på kort", "The network on a map"),
    "map_project_caption": (
        "Projektet i midten, lokale partnere til venstre, ikke-lokale til højre. "
        "Streger er samarbejder og deltagelse i projektet.",
        "The project in the middle, local partners on the left, non-local partners on the "
        "right. Lines are collaborations and participation in the project.",
    ),
    "map_municipality_caption": (
        "Aktører og projekter i kommunen og deres partnere uden for kommunen (lysere). "
        "Farven viser sektoren.",
        "Actors and projects in the municipality and their partners elsewhere (lighter). "
        "The colour shows the sector.",
    ),
    "map_alt_project": (
        "Netværkskort over {name}: {local} og {others}. Partnerne står i tabellerne nedenfor.",
        "Network map of {name}: {local} and {others}. The partners are listed in the tables below.",
    ),
    "map_alt_municipality": (
        "Netværkskort over {name}: {actors} og {projects} i kommunen "
        "og deres partnere udenfor. Aktørerne står i tabellerne nedenfor.",
        "Network map of {name}: {actors} and {projects} in the municipality "
        "and their partners elsewhere. The actors are listed in the tables below.",
    ),
    "no_map": ("Kortet kunne ikke tegnes.", "The map could not be drawn."),
    "anchoring": ("Lokal forankring", "Local anchoring"),
    "anchoring_intro": (
        "Scoren (0–100) siger, hvor godt projektet kan leve videre med lokale kræfter, hvis "
        "de nationale partnere eller bevillingen forsvinder. Den er summen af seks dele:",
        "The score (0–100) says how well the project could carry on with local forces if "
        "its national partners or its grant went away. It is the sum of six parts:",
    ),
    "anchoring_intro_municipality": (
        "Scoren (0–100) siger, hvor godt et projekt kan leve videre med lokale kræfter, "
        "hvis de nationale partnere eller bevillingen forsvinder. Under 50 er lav, fra 70 høj.",
        "The score (0–100) says how well a project could carry on with local forces if its "
        "national partners or its grant went away. Below 50 is low, from 70 high.",
    ),
    "score": ("Score", "Score"),
    "out_of": ("af {max}", "of {max}"),
    "part": ("Del", "Part"),
    "points": ("Point", "Points"),
    "what_it_means": ("Hvad det betyder her", "What it means here"),
    "band": ("Niveau", "Level"),
    "project": ("Projekt", "Project"),
    "projects": ("Projekter", "Projects"),
    "no_projects": (
        "Ingen projekter er registreret i kommunen.",
        "No projects are recorded in the municipality.",
    ),
    "weakest_part": ("Svageste del", "Weakest part"),
    "local_partners": ("Lokale partnere", "Local partners"),
    "bridges": ("Brobyggere og sårbare led", "Bridge builders and weak links"),
    "bridges_intro": (
        "Brobyggere forbinder aktører, der ellers ikke har forbindelse til hinanden, fx "
        "kommunen og foreningerne. Et sårbart led er en aktør, uden hvem nogle aktører "
        "mister forbindelsen til resten af netværket.",
        "Bridge builders connect actors that would otherwise have no tie to each other, e.g. "
        "the municipality and the associations. A weak link (single point of failure) is an "
        "actor without whom some actors lose their connection to the rest of the network.",
    ),
    "actor": ("Aktør", "Actor"),
    "kind": ("Type", "Kind"),
    "sector": ("Sektor", "Sector"),
    "role": ("Rolle i netværket", "Role in the network"),
    "single_point": ("Sårbart led", "Single point of failure"),
    "cuts_off": ("afskærer {n}", "cuts off {n}"),
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
    "no_bridges": (
        "Ingen aktør bygger bro mellem grupper her.",
        "No actor bridges groups here.",
    ),
    "funders": ("Hvis en bevillingsgiver trækker sig", "If a funder withdraws"),
    "funders_intro": (
        "For hver bevillingsgiver: hvad sker der med forankringen, hvis den trækker sig, og "
        "hvem står tilbage uden forbindelse?",
        "For each funder: what happens to the anchoring if it withdraws, and who is left "
        "without a connection?",
    ),
    "funder": ("Bevillingsgiver", "Funder"),
    "share": ("Andel af finansieringen", "Share of the funding"),
    "score_after": ("Score bagefter", "Score after"),
    "consequence": ("Konsekvens", "Consequence"),
    "no_funders": (
        "Der er ikke registreret nogen bevillingsgiver.",
        "No funder is recorded.",
    ),
    "loses_funding": ("mister al finansiering", "loses all its funding"),
    "loses_owner": ("mister sin projektleder", "loses its lead"),
    "loses_local": ("mister sin sidste lokale partner", "loses its last local partner"),
    "cut_off": ("afskåret: {names}", "cut off: {names}"),
    "no_change": ("ingen mærkbar ændring", "no noticeable change"),
    "score_change": ("score {before} → {after}", "score {before} → {after}"),
    "affected": ("Berørte projekter", "Projects affected"),
    "suggestions": ("Forslag til lokale partnere", "Suggested local partners"),
    "suggestions_intro": (
        "Lokale aktører, som projektet endnu ikke samarbejder med: først dem, kilderne selv "
        "foreslår, så de nærmeste i netværket, og hvem der kan introducere dem.",
        "Local actors the project does not work with yet: first those the sources themselves "
        "propose, then the closest in the network, and who can introduce them.",
    ),
    "suggestions_for": ("Til {name}", "For {name}"),
    "why": ("Hvorfor", "Why"),
    "no_introducer": ("ingen forbindelse endnu", "no connection yet"),
    "introducer": ("Kan introduceres af", "Can be introduced by"),
    "where": ("Hvor", "Where"),
    "no_suggestions": (
        "Der er ingen lokale aktører at foreslå i dataene.",
        "The data hold no local actors to suggest.",
    ),
    "sources": ("Kilder", "Sources"),
    "sources_intro": (
        "Dokumenterne, oplysningerne bygger på, med de citater, der underbygger dem.",
        "The documents the data rest on, with the passages that support them.",
    ),
    "more_passages": ("og {n}", "and {n}"),  # n: count(lang, k, "more passage")
    "no_sources": ("Der er ikke angivet kilder.", "No sources are given."),
    "theme": ("Tema", "Theme"),
    "status": ("Status", "Status"),
    "period": ("Periode", "Period"),
    "municipalities": ("Kommuner", "Municipalities"),
    "nationwide": ("landsdækkende", "nationwide"),
    "participants": ("Deltagere", "Participants"),
    "actors": ("Aktører", "Actors"),
    "actors_here": ("Aktører i kommunen", "Actors in the municipality"),
    "projects_here": ("Projekter i kommunen", "Projects in the municipality"),
    "partners_elsewhere": ("Partnere uden for kommunen", "Partners elsewhere"),
    "region": ("Region", "Region"),
    "unknown": ("ukendt", "unknown"),
    "finding_score": (
        "Den lokale forankring er {band}: {score} af 100.",
        "Local anchoring is {band}: {score} out of 100.",
    ),
    "finding_projects": (
        "{projects}; {low} med lav lokal forankring.",
        "{projects}; {low} with low local anchoring.",
    ),
    "finding_single": (
        "Sårbart led: {names}.",
        "Single point of failure: {names}.",
    ),
    "finding_no_single": (
        "Intet enkelt led holder netværket sammen alene.",
        "No single actor holds the network together alone.",
    ),
    "finding_funder": (
        "Hvis {name} trækker sig: {what}.",
        "If {name} withdraws: {what}.",
    ),
    "finding_suggestion": (
        "Mulig ny lokal partner: {names}.",
        "Possible new local partner: {names}.",
    ),
    "page": ("Side", "Page"),
    "page_of": ("af", "of"),
}

#: The parts of the anchoring score: (column of points, words).
PART_WORDS: dict[str, tuple[str, str]] = {
    "local_share": ("Lokale deltagere", "Local participants"),
    "sector_diversity": ("Lokale sektorer", "Local sectors"),
    "local_owner": ("Lokalt ejerskab", "Local ownership"),
    "local_funding": ("Lokal finansiering", "Local funding"),
    "funding_spread": ("Spredt finansiering", "Funding spread"),
    "survival": ("Kan leve videre lokalt", "Can carry on locally"),
}

MONTHS_DA = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def words(lang: Language) -> dict[str, str]:
    """Every word of the report in ``lang``."""
    return page_words(WORDS, lang)


def map_alt_project(name: str, local: int, others: int, lang: Language) -> str:
    """The project map's text alternative, with its counts of partners in words."""
    return words(lang)["map_alt_project"].format(
        name=name,
        local=count(lang, local, "local partner"),
        others=count(lang, others, "non-local partner"),
    )


def map_alt_municipality(name: str, actors: int, projects: int, lang: Language) -> str:
    """The municipality map's text alternative, with its counts of actors and projects."""
    return words(lang)["map_alt_municipality"].format(
        name=name, actors=count(lang, actors, "actor"), projects=count(lang, projects, "project")
    )


def more_passages(n: int, lang: Language) -> str:
    """``og 1 citat mere`` / ``and 2 more passages``: the passages beyond those shown."""
    return words(lang)["more_passages"].format(n=count(lang, n, "more passage"))


def part_name(part: str, lang: Language) -> str:
    """The name of a part of the anchoring score."""
    pair = PART_WORDS[part]
    return pair[0] if lang == "da" else pair[1]


def long_date(day: dt.date, lang: Language) -> str:
    """``30. november 2026`` / ``30 November 2026``."""
    if lang == "da":
        return f"{day.day}. {MONTHS_DA[day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def number(value: float, lang: Language, digits: int = 0) -> str:
    """A number as the language writes it (``37,5`` in Danish)."""
    text = f"{value:,.{digits}f}"
    if lang == "da":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")  # 1.234,5
    return text


def score(value: float, lang: Language) -> str:
    """An anchoring score as a whole number; ``–`` when there is none (NaN: too little data)."""
    return "–" if value != value else number(value, lang, 0)


def percent(share: float, lang: Language) -> str:
    """``40 %`` / ``40%``."""
    return f"{number(100 * share, lang)}\u00a0%" if lang == "da" else f"{100 * share:.0f}%"


def join(items: list[str], lang: Language) -> str:
    """``a, b og c`` / ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    last = " og " if lang == "da" else " and "
    return ", ".join(items[:-1]) + last + items[-1]
