"""Danish and English words of graphsvc: every enum value, legend, UI word and phrase.

The one vocabulary of the maps, the pages, the command line and the reports.
``label(lang, group, value)`` names an enum value (a sector, a kind, a role, an anchoring
band); unknown values fall back to the raw value with underscores as spaces, so a new
enum member shows up readable (and a unit test makes sure every member has both
translations). ``ui(lang, key)`` gives a page's words, ``phrase(lang, key, **values)``
the command line's and the reports' sentences and column titles, and
``count(lang, n, noun)`` a number with its noun in the singular or plural
("1 aktør", "2 aktører").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from graphsvc.filters import LANGUAGES, Language
from graphsvc.model import (
    ActorKind,
    CollaborationKind,
    Evidence,
    LegalBasis,
    ProjectStatus,
    Role,
    Scale,
    Sector,
    Theme,
    TieStatus,
)

Lang = Language
LANGS: tuple[Lang, ...] = LANGUAGES

# group name -> value -> (da, en)
ENUM_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "kind": {
        ActorKind.MUNICIPALITY: ("Kommune", "Municipality"),
        ActorKind.REGION: ("Region", "Region"),
        ActorKind.STATE_AGENCY: ("Statslig myndighed", "State agency"),
        ActorKind.ASSOCIATION: ("Forening", "Association"),
        ActorKind.NATIONAL_NGO: ("Landsorganisation", "National NGO"),
        ActorKind.VOLUNTEER_CENTRE: ("Frivilligcenter", "Volunteer centre"),
        ActorKind.FOUNDATION: ("Fond", "Foundation"),
        ActorKind.COMPANY: ("Virksomhed", "Company"),
        ActorKind.SCHOOL: ("Skole", "School"),
        ActorKind.UNIVERSITY: ("Universitet / professionshøjskole", "University / college"),
        ActorKind.RESEARCH_INSTITUTE: ("Forskningsinstitution", "Research institute"),
        ActorKind.HOSPITAL: ("Hospital", "Hospital"),
        ActorKind.HOUSING_ORGANISATION: ("Boligorganisation", "Housing organisation"),
        ActorKind.NETWORK: ("Netværk", "Network"),
        ActorKind.CITIZEN_GROUP: ("Borgergruppe", "Citizen group"),
        ActorKind.PERSON: ("Borger", "Citizen"),
        ActorKind.OTHER: ("Anden aktør", "Other actor"),
    },
    "sector": {
        Sector.PUBLIC: ("Offentlig", "Public"),
        Sector.CIVIL_SOCIETY: ("Civilsamfund", "Civil society"),
        Sector.PRIVATE: ("Privat", "Private"),
        Sector.PHILANTHROPIC: ("Filantropisk", "Philanthropic"),
        Sector.KNOWLEDGE: ("Viden og uddannelse", "Knowledge"),
        Sector.CITIZEN: ("Borgere", "Citizens"),
    },
    "scale": {
        Scale.LOCAL: ("Lokal", "Local"),
        Scale.MUNICIPAL: ("Kommunal", "Municipal"),
        Scale.REGIONAL: ("Regional", "Regional"),
        Scale.NATIONAL: ("National", "National"),
        Scale.INTERNATIONAL: ("International", "International"),
    },
    "theme": {
        Theme.HEALTH_PREVENTION: ("Sundhed og forebyggelse", "Health and prevention"),
        Theme.SOCIALLY_VULNERABLE: ("Socialt udsatte", "Socially vulnerable"),
        Theme.EMPLOYMENT: ("Beskæftigelse", "Employment"),
        Theme.EDUCATION: ("Uddannelse", "Education"),
        Theme.SOCIAL_HOUSING: ("Almene boligområder", "Social housing"),
        Theme.CHILDREN_YOUTH: ("Børn og unge", "Children and youth"),
        Theme.ELDERLY: ("Ældre", "Elderly"),
        Theme.COMMUNITY: ("Fællesskaber", "Community"),
        Theme.SOCIAL_INNOVATION: ("Social innovation", "Social innovation"),
        Theme.RESEARCH: ("Forskning", "Research"),
        Theme.OTHER: ("Andet tema", "Other theme"),
    },
    "project_status": {
        ProjectStatus.PLANNED: ("Planlagt", "Planned"),
        ProjectStatus.PROPOSED: ("Foreslået", "Proposed"),
        ProjectStatus.ACTIVE: ("Aktivt", "Active"),
        ProjectStatus.ENDED: ("Afsluttet", "Ended"),
    },
    "role": {
        Role.LEAD: ("Projektleder", "Lead"),
        Role.PROCESS_OWNER: ("Procesejer", "Process owner"),
        Role.PARTNER: ("Partner", "Partner"),
        Role.FUNDER: ("Bevillingsgiver", "Funder"),
        Role.COORDINATOR: ("Koordinator", "Coordinator"),
        Role.VOLUNTEER: ("Frivillig", "Volunteer"),
        Role.HOST: ("Vært", "Host"),
        Role.EVALUATOR: ("Evaluator", "Evaluator"),
        Role.KNOWLEDGE_PARTNER: ("Videnspartner", "Knowledge partner"),
        Role.PARTICIPANT: ("Deltager", "Participant"),
    },
    "tie_kind": {
        CollaborationKind.PARTNERSHIP: ("Partnerskab", "Partnership"),
        CollaborationKind.FUNDING: ("Finansiering", "Funding"),
        CollaborationKind.MEMBERSHIP: ("Medlemskab", "Membership"),
        CollaborationKind.KNOWLEDGE_EXCHANGE: ("Videndeling", "Knowledge exchange"),
        CollaborationKind.REFERRAL: ("Henvisning", "Referral"),
        CollaborationKind.MENTORING: ("Mentorordning", "Mentoring"),
        CollaborationKind.AGREEMENT: ("Aftale", "Agreement"),
        "participation": ("Deltager i projekt", "Takes part in project"),
    },
    "tie_status": {
        TieStatus.EXISTING: ("Eksisterende", "Existing"),
        TieStatus.PROPOSED: ("Foreslået", "Proposed"),
    },
    "anchoring": {
        "local": ("Lokal partner", "Local partner"),
        "non_local": ("Ikke-lokal partner", "Non-local partner"),
        "project": ("Projekt", "Project"),
    },
    "measure": {
        "degree": ("Antal forbindelser", "Degree"),
        "betweenness": ("Mellemplacering (betweenness)", "Betweenness"),
        "total": ("Mæglerrolle (brokerage i alt)", "Brokerage (total)"),
        "constraint": ("Begrænsning (constraint)", "Constraint"),
        "community": ("Gruppe (community)", "Community"),
        "z_total": ("Mæglerrolle, z-værdi", "Brokerage z-score"),
        "none": ("Ens størrelse", "Same size"),
    },
    "evidence": {
        Evidence.DOCUMENTED: ("Dokumenteret", "Documented"),
        Evidence.WEAK: ("Svagt belæg", "Weak evidence"),
        Evidence.INFERRED: ("Udledt", "Inferred"),
    },
    "legal_basis": {
        LegalBasis.CONSENT: ("Samtykke", "Consent"),
        LegalBasis.CONTRACT: ("Kontrakt", "Contract"),
        LegalBasis.LEGAL_OBLIGATION: ("Retlig forpligtelse", "Legal obligation"),
        LegalBasis.PUBLIC_TASK: ("Offentlig myndighedsopgave", "Public task"),
        LegalBasis.LEGITIMATE_INTERESTS: ("Legitime interesser", "Legitimate interests"),
    },
    "type": {
        "actor": ("Aktør", "Actor"),
        "project": ("Projekt", "Project"),
        "group": ("Gruppe", "Group"),
    },
    # local anchoring (graphsvc.analysis.anchoring): the score's bands, what is missing
    "band": {
        "low": ("lav", "low"),
        "medium": ("middel", "medium"),
        "high": ("høj", "high"),
        "insufficient": ("for lidt data", "not enough data"),
    },
    "missing": {
        "participants": ("ingen deltagere registreret", "no participants recorded"),
        "funding": ("ingen finansiering registreret", "no funding recorded"),
    },
}

UI_WORDS: dict[str, tuple[str, str]] = {
    "search": ("Søg", "Search"),
    "search_placeholder": ("Søg efter navn …", "Search by name …"),
    "no_match": ("Ingen aktør matcher", "No actor matches"),
    "filters": ("Filtre", "Filters"),
    "legend": ("Signaturforklaring", "Legend"),
    "colour": ("Farve", "Colour"),
    "size": ("Størrelse", "Size"),
    "shape": ("Form", "Shape"),
    "ties": ("Forbindelser", "Ties"),
    "sector": ("Sektor", "Sector"),
    "kind": ("Aktørtype", "Kind of actor"),
    "municipality": ("Kommune", "Municipality"),
    "theme": ("Tema", "Theme"),
    "tie_kind": ("Type af forbindelse", "Kind of tie"),
    "all": ("Alle", "All"),
    "none": ("Ingen", "None"),
    "reset": ("Nulstil", "Reset"),
    "focus_depth": ("Fokus: skridt", "Focus: steps"),
    "clear_focus": ("Ryd fokus", "Clear focus"),
    "fit": ("Vis hele kortet", "Show whole map"),
    "visible": ("synlige", "visible"),
    "project": ("Projekt", "Project"),
    "projects": ("Projekter", "Projects"),
    "directed": ("Rettet forbindelse (pil)", "Directed tie (arrow)"),
    "proposed": ("Foreslået forbindelse (stiplet)", "Proposed tie (dashed)"),
    "ended": ("Ophørt forbindelse (falmet)", "Ended tie (faded)"),
    "removed": ("Fjernes i scenariet", "Removed in the scenario"),
    "broker": ("Mægler (brobygger)", "Broker (bridge)"),
    "outside": ("Uden for udsnittet", "Outside the selection"),
    "facts": ("Fakta", "Facts"),
    "scale": ("Rækkevidde", "Scale"),
    "region": ("Region", "Region"),
    "tags": ("Nøgleord", "Tags"),
    "description": ("Beskrivelse", "Description"),
    "sources": ("Kilder", "Sources"),
    "roles": ("Roller i projekter", "Roles in projects"),
    "bridging": ("Brobygning og mæglerroller", "Bridging and brokerage"),
    "measures": ("Netværksmål", "Network measures"),
    "members": ("Medlemmer", "Members"),
    "drilldown": ("Åbn kortet for gruppen", "Open the group's map"),
    "period": ("Periode", "Period"),
    "status": ("Status", "Status"),
    "localities": ("Kommuner", "Municipalities"),
    "partners": ("Partnere", "Partners"),
    "local_partners": ("Lokale partnere", "Local partners"),
    "non_local_partners": ("Ikke-lokale partnere", "Non-local partners"),
    "anchoring": ("Lokal forankring", "Local anchoring"),
    "as_of": ("Pr. dato", "As of"),
    "overview": ("Oversigt: grupper i stedet for aktører", "Overview: groups instead of actors"),
    "ties_within": ("Forbindelser inden for gruppen", "Ties within the group"),
    "funding": ("Bevilling", "Funding"),
    "unknown": ("Ukendt", "Unknown"),
    "no_locality": ("Uden kommune", "No municipality"),
    "person_hidden": ("Borger (navn ikke offentligt)", "Citizen (name not public)"),
    "anonymised": ("Oplysninger skjult (persondata)", "Details hidden (personal data)"),
    "weight": ("Vægt", "Weight"),
    "close": ("Luk", "Close"),
    "size_low_high": ("lille = lav, stor = høj", "small = low, large = high"),
    "lens": ("Udsnit", "View"),
    "lens_network": ("Hele netværket", "Whole network"),
    "lens_municipality": ("Kommune", "Municipality"),
    "lens_project": ("Projekt og partnere", "Project and partners"),
    "lens_ego": ("Aktørens netværk", "Actor's network"),
    "lens_brokers": ("Mæglere", "Brokers"),
    "lens_whatif": ("Hvad nu hvis", "What if"),
    "map": ("Netværkskort", "Network map"),
    "other": ("Andet", "Other"),
    # The map browser (graphsvc.maps.browser).
    "browser_title": ("Netværkskort over partnerskaber", "Maps of the partnership network"),
    "browser_intro": ("Vælg et udsnit og vis kortet.", "Choose a view and show its map."),
    "other_pages": ("Andre sider", "Other pages"),
    "page_import": ("Importér data", "Import data"),
    "page_workshops": ("Workshops", "Workshops"),
    "lens_network_help": (
        "Alle aktører, projekter og forbindelser.",
        "Every actor, project and tie.",
    ),
    "lens_municipality_help": (
        "Aktører og projekter i én kommune og deres partnere udenfor.",
        "Actors and projects in one municipality, and their partners elsewhere.",
    ),
    "lens_project_help": (
        "Et projekt med lokale partnere til venstre, ikke-lokale til højre.",
        "One project: local partners left, non-local partners right.",
    ),
    "lens_ego_help": (
        "Alt inden for et antal skridt fra én aktør.",
        "Everything within a number of steps of one actor.",
    ),
    "lens_brokers_help": (
        "Aktører med en betydelig mæglerrolle og de grupper, de forbinder.",
        "Actors with significant brokerage and the groups they join.",
    ),
    "lens_whatif_help": (
        "Hele netværket med det, der forsvinder, hvis aktører falder fra.",
        "The whole network with what goes if actors drop out.",
    ),
    "choose_municipality": ("Vælg kommune", "Choose a municipality"),
    "choose_project": ("Vælg projekt", "Choose a project"),
    "choose_actor": ("Vælg aktør", "Choose an actor"),
    "filter_list": ("Filtrér listen …", "Filter the list …"),
    "radius": ("Antal skridt", "Steps"),
    "remove_actors": ("Aktører, der falder fra", "Actors that drop out"),
    "add": ("Tilføj", "Add"),
    "remove_item": ("Fjern", "Remove"),
    "nothing_chosen": ("Ingen valgt", "None chosen"),
    "options": ("Indstillinger", "Settings"),
    "size_by": ("Størrelse efter", "Size by"),
    "language": ("Sprog", "Language"),
    "lang_da": ("Dansk", "Danish"),
    "lang_en": ("Engelsk", "English"),
    "show_map": ("Vis kort", "Show map"),
    "open_new_tab": ("Åbn i ny fane", "Open in new tab"),
    "download": ("Hent som HTML", "Download as HTML"),
    "loading": ("Henter kortet …", "Loading the map …"),
    "showing": ("Viser", "Showing"),
    "needs_choice": ("Vælg først i listen ovenfor.", "Choose from the list above first."),
    "page_in_other_lang": ("English", "Dansk"),
    "clear_date": ("Ryd", "Clear"),
}


def ui(lang: Lang, key: str) -> str:
    """A UI word in ``lang``; the key itself when there is none."""
    pair = UI_WORDS.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "da" else pair[1]


_FLAT: dict[tuple[str, str, str], str] = {
    (lang, group, str(value)): pair[0] if lang == "da" else pair[1]
    for group, values in ENUM_LABELS.items()
    for value, pair in values.items()
    for lang in LANGS
}


def label(lang: Lang, group: str, value: object) -> str:
    """The label of an enum value (``group`` is e.g. ``"sector"``, ``"kind"``)."""
    if value is None or value == "":
        return ui(lang, "unknown")
    key = str(value)
    found = _FLAT.get((lang, group, key))
    if found is None:
        return key.replace("_", " ").capitalize()
    return found


def check_lang(lang: str) -> Lang:
    """Validate a language code."""
    if lang == "da":
        return "da"
    if lang == "en":
        return "en"
    raise ValueError(f"lang must be 'da' or 'en', not {lang!r}")


def ui_table(lang: Lang) -> dict[str, str]:
    """Every UI word in ``lang`` (shipped to the page's script)."""
    return {key: ui(lang, key) for key in sorted(UI_WORDS)}


def page_words(table: Mapping[str, tuple[str, str]], lang: Lang) -> dict[str, str]:
    """A page's words in ``lang``: ``table`` maps each key to its ``(da, en)`` pair.

    Examples
    --------
    >>> page_words({"save": ("Gem", "Save")}, "da")
    {'save': 'Gem'}
    """
    column = 0 if lang == "da" else 1
    return {key: pair[column] for key, pair in table.items()}


def enum_table(groups: Iterable[str]) -> dict[str, dict[str, list[str]]]:
    """``group -> value -> [da, en]`` for the enum ``groups`` a page's script shows.

    Examples
    --------
    >>> enum_table(["scale"])["scale"]["local"]
    ['Lokal', 'Local']
    """
    return {
        group: {str(value): list(pair) for value, pair in ENUM_LABELS[group].items()}
        for group in sorted(set(groups))
    }


# ----------------------------------------------------------------------------- phrases

#: Nouns that are counted: ``noun -> (da singular, da plural, en singular, en plural)``.
NOUNS: dict[str, tuple[str, str, str, str]] = {
    "actor": ("aktør", "aktører", "actor", "actors"),
    "tie": ("bånd", "bånd", "tie", "ties"),
    "participation": ("deltagelse", "deltagelser", "participation", "participations"),
    "participant": ("deltager", "deltagere", "participant", "participants"),
    "project": ("projekt", "projekter", "project", "projects"),
    "funder": ("bevillingsgiver", "bevillingsgivere", "funder", "funders"),
    "pivot": ("pivot", "pivoter", "pivot", "pivots"),
    "path": ("vej", "veje", "path", "paths"),
}


def count(lang: Lang, n: int, noun: str) -> str:
    """``n`` and ``noun`` in the singular (n = 1) or the plural.

    Examples
    --------
    >>> count("da", 1, "actor"), count("da", 2, "actor"), count("en", 0, "tie")
    ('1 aktør', '2 aktører', '0 ties')
    """
    da_one, da_many, en_one, en_many = NOUNS[noun]
    if lang == "da":
        return f"{n} {da_one if n == 1 else da_many}"
    return f"{n} {en_one if n == 1 else en_many}"


#: Sentences and column titles of the command line and the reports: ``key -> (da, en)``,
#: with ``{name}`` placeholders filled by :func:`phrase`.
PHRASES: dict[str, tuple[str, str]] = {
    # column titles
    "col_id": ("id", "id"),
    "col_project": ("projekt", "project"),
    "col_actor": ("aktør", "actor"),
    "col_name": ("navn", "name"),
    "col_sector": ("sektor", "sector"),
    "col_kind": ("aktørtype", "kind"),
    "col_score": ("point", "score"),
    "col_band": ("niveau", "band"),
    "col_explanation": ("forklaring", "explanation"),
    "col_betweenness": ("mellemplacering", "betweenness"),
    "col_constraint": ("begrænsning", "constraint"),
    "col_total": ("mæglerrolle", "brokerage"),
    "col_z_total": ("mæglerrolle, z", "brokerage z"),
    "col_role": ("rolle", "role"),
    "col_group_a": ("gruppe a", "group a"),
    "col_group_b": ("gruppe b", "group b"),
    "col_reason": ("begrundelse", "reason"),
    # table titles
    "title_bridging": ("mæglerroller (grupper: {by})", "bridging roles (groups: {by})"),
    "title_sole_brokers": ("eneste forbindelse mellem grupper", "only link between groups"),
    "title_anchoring": ("lokal forankring", "local anchoring"),
    "title_partners": ("partnere til {project}", "partners for {project}"),
    "title_insufficient": ("for lidt data", "not enough data"),
    # messages
    "betweenness_exact": ("mellemplacering eksakt", "betweenness exact"),
    "betweenness_sampled": (
        "mellemplacering anslået ({pivots}, frø {seed}, fejl ≤ {error} med sandsynlighed "
        "{confidence})",
        "betweenness sampled ({pivots}, seed {seed}, error ≤ {error} with probability "
        "{confidence})",
    ),
    "no_path": (
        "ingen vej på højst {ties} mellem {source} og {target}",
        "no path of at most {ties} between {source} and {target}",
    ),
    "wrote": ("skrev {path}", "wrote {path}"),
    "insufficient_projects": (
        "For lidt data til at vurdere: {projects}",
        "Not enough data to score: {projects}",
    ),
}


def phrase(lang: Lang, key: str, **values: object) -> str:
    """A sentence or column title of :data:`PHRASES` in ``lang``, its placeholders filled.

    Examples
    --------
    >>> phrase("da", "title_partners", project="Legepatruljen")
    'partnere til Legepatruljen'
    """
    da, en = PHRASES[key]
    return (da if lang == "da" else en).format(**values)
