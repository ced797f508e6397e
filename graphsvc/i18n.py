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

import re
from collections.abc import Iterable, Mapping

from graphsvc.filters import LANGUAGES, Language
from graphsvc.model import (
    ActorKind,
    CollaborationKind,
    DatePrecision,
    Evidence,
    LegalBasis,
    PlaceLevel,
    ProjectStatus,
    Role,
    Scale,
    Sector,
    SupportKind,
    Theme,
    TieStatus,
)

Lang = Language
LANGS: tuple[Lang, ...] = LANGUAGES

#: The network measures of the bridging analysis (the columns of
#: :func:`graphsvc.analysis.bridging.bridging_roles`): column -> (Danish name, English name,
#: Danish one-line explanation, English one-line explanation). The maps' side panel and
#: size menu and the API's analysis metadata all read this one table.
MEASURES: dict[str, tuple[str, str, str, str]] = {
    "degree": (
        "Antal forbindelser", "Ties",
        "Hvor mange andre aktører aktøren har direkte bånd til.",
        "How many other actors it has direct ties to.",
    ),
    "betweenness": (
        "Mellemplacering", "Betweenness",
        "Andel af de korteste veje mellem andre aktører, der går gennem aktøren (0–1).",
        "Share of the shortest paths between other actors that pass through it (0–1).",
    ),
    "betweenness_weighted": (
        "Mellemplacering, vægtet", "Betweenness, weighted",
        "Som mellemplacering, men stærke bånd tæller som kortere veje.",
        "As betweenness, but strong ties count as shorter paths.",
    ),
    "constraint": (
        "Begrænsning (Burt)", "Constraint (Burt)",
        "Hvor meget aktørens kontakter kender hinanden: lav = adgang til adskilte kredse.",
        "How much its contacts know each other: low = access to separate circles.",
    ),
    "effective_size": (
        "Effektiv netværksstørrelse", "Effective size",
        "Antal kontakter, når kontakter, der kender hinanden, tæller mindre.",
        "Number of contacts, counting contacts who know each other as less.",
    ),
    "efficiency": (
        "Effektivitet", "Efficiency",
        "Effektiv netværksstørrelse delt med antal kontakter (0–1).",
        "Effective size divided by the number of contacts (0–1).",
    ),
    "hierarchy": (
        "Hierarki", "Hierarchy",
        "Om begrænsningen samler sig om én kontakt (0 = jævnt fordelt).",
        "Whether the constraint rests on one contact (0 = spread evenly).",
    ),
    "coordinator": (
        "Koordinator", "Coordinator",
        "Gange aktøren forbinder to aktører fra sin egen gruppe.",
        "Times it links two actors of its own group.",
    ),
    "itinerant": (
        "Omrejsende mægler", "Itinerant broker",
        "Gange aktøren forbinder to aktører fra én anden gruppe.",
        "Times it links two actors of one other group.",
    ),
    "representative": (
        "Repræsentant", "Representative",
        "Gange aktøren fører et bånd fra sin egen gruppe ud til en anden.",
        "Times it carries a tie from its own group out to another group.",
    ),
    "gatekeeper": (
        "Portvagt", "Gatekeeper",
        "Gange aktøren fører et bånd fra en anden gruppe ind i sin egen.",
        "Times it carries a tie from another group into its own.",
    ),
    "liaison": (
        "Forbindelsesled", "Liaison",
        "Gange aktøren forbinder to grupper, den ikke selv hører til.",
        "Times it links two groups it does not belong to.",
    ),
    "total": (
        "Mæglerroller i alt", "Brokerage, total",
        "De fem mæglerroller lagt sammen (Gould og Fernandez).",
        "The five brokerage roles added up (Gould and Fernandez).",
    ),
    "is_articulation": (
        "Afskæringspunkt", "Cut point",
        "Uden aktøren falder netværket fra hinanden.",
        "Without it the network falls apart.",
    ),
    "pieces": (
        "Dele uden aktøren", "Pieces without it",
        "Antal dele, aktørens del af netværket falder i uden aktøren (1 = hænger sammen).",
        "Number of parts its part of the network falls into without it (1 = holds together).",
    ),
    "cut_off": (
        "Afskårne aktører", "Actors cut off",
        "Aktører, der mister forbindelsen til resten, hvis aktøren forsvinder.",
        "Actors that lose touch with the rest if it leaves.",
    ),
    "fragmentation_after": (
        "Opsplitning uden aktøren", "Fragmentation without it",
        "Andel af aktørpar, der ikke kan nå hinanden, hvis aktøren forsvinder (0–1).",
        "Share of pairs of actors that cannot reach each other if it leaves (0–1).",
    ),
    "community": (
        "Gruppe (klynge)", "Community",
        "Nummeret på den tætte klynge, aktøren hører til (0 = den største).",
        "Number of the close-knit cluster it belongs to (0 = the largest).",
    ),
    "core_number": (
        "Kernetal", "Core number",
        "Det største k, hvor aktøren hører til en kerne, hvor alle har mindst k bånd.",
        "The largest k for which it is in a core where everyone has at least k ties.",
    ),
    "ei": (
        "E-I-indeks", "E-I index",
        "Bånd ud af egen gruppe minus bånd inden for, delt med alle (−1 til +1).",
        "Ties out of its group minus ties within, over all ties (−1 to +1).",
    ),
    "sole_broker_pairs": (
        "Eneste mægler for gruppepar", "Sole broker for pairs of groups",
        "Antal par af grupper, som kun denne aktør forbinder.",
        "Number of pairs of groups that only this actor links.",
    ),
    # the survey analyses (graphsvc.analysis.partner): PARTNER scores and wave figures
    "trust": (
        "Tillid (PARTNER)", "Trust (PARTNER)",
        "Partnernes vurdering af pålidelighed, fælles mål og åbenhed (1–4).",
        "The partners' rating of reliability, shared mission and openness (1–4).",
    ),
    "value": (
        "Værdi (PARTNER)", "Value (PARTNER)",
        "Partnernes vurdering af indflydelse, engagement og bidrag med ressourcer (1–4).",
        "The partners' rating of influence, involvement and resources contributed (1–4).",
    ),
    "density": (
        "Tæthed", "Density",
        "Andel af de mulige forbindelser, der findes (0–1).",
        "Share of the possible ties that exist (0–1).",
    ),
    "reciprocity": (
        "Gensidighed", "Reciprocity",
        "Andel af de nævnte forbindelser, som den anden part også nævner (0–1).",
        "Share of the ties named that the other side names too (0–1).",
    ),
    "centralisation": (
        "Centralisering", "Centralisation",
        "Hvor meget forbindelserne samler sig om én aktør: 1 = en stjerne, 0 = jævnt.",
        "How much the ties gather on one actor: 1 = a star, 0 = even.",
    ),
    "response_rate": (
        "Svarprocent", "Response rate",
        "Andel af de adspurgte, der har indsendt deres svar.",
        "Share of those asked who submitted their answers.",
    ),
}  # fmt: skip
#: The z-scores of the brokerage roles: "<role>, z-værdi" with one shared explanation.
Z_EXPLANATION = (
    "Afstand fra det forventede ved tilfældige bånd; over 1,96 er markant.",
    "Distance from what random ties would give; above 1.96 is significant.",
)
#: The order of the measures in the side panel: the most telling first.
MEASURE_ORDER: tuple[str, ...] = (
    "degree", "betweenness", "betweenness_weighted", "total", "z_total", "constraint",
    "effective_size", "efficiency", "hierarchy", "cut_off", "pieces", "fragmentation_after",
    "sole_broker_pairs", "community", "core_number", "ei", "coordinator", "itinerant",
    "representative", "gatekeeper", "liaison", "z_coordinator", "z_itinerant",
    "z_representative", "z_gatekeeper", "z_liaison",
)  # fmt: skip


def _measure_entry(key: str) -> tuple[str, str, str, str] | None:
    found = MEASURES.get(key)
    if found is not None:
        return found
    if key.startswith("z_") and key[2:] in MEASURES:
        da, en = MEASURES[key[2:]][:2]
        return (f"{da}, z-værdi", f"{en}, z-score", *Z_EXPLANATION)
    return None


def measure_name(lang: Lang, key: str) -> str:
    """The name of a network measure (column ``key``) in ``lang``.

    An unknown column shows as words (``"my_score"`` → ``"My score"``).

    Examples
    --------
    >>> measure_name("da", "z_liaison")
    'Forbindelsesled, z-værdi'
    >>> measure_name("en", "my_score")
    'My score'
    """
    entry = _measure_entry(key)
    if entry is None:
        return key.replace("_", " ").capitalize()
    return entry[0] if lang == "da" else entry[1]


def measure_explanation(lang: Lang, key: str) -> str | None:
    """The one-line explanation of a network measure in ``lang`` (None when unknown)."""
    entry = _measure_entry(key)
    if entry is None:
        return None
    return entry[2] if lang == "da" else entry[3]


def measure_table() -> dict[str, dict[str, dict[str, str]]]:
    """``column -> lang -> {"name", "explanation"}`` for every known measure (API metadata).

    Examples
    --------
    >>> measure_table()["cut_off"]["en"]["name"]
    'Actors cut off'
    """
    keys = [*MEASURES, *(f"z_{k}" for k in ("coordinator", "itinerant", "representative",
                                             "gatekeeper", "liaison", "total"))]  # fmt: skip
    return {
        key: {
            lang: {
                "name": measure_name(lang, key),
                "explanation": measure_explanation(lang, key) or "",
            }
            for lang in LANGS
        }
        for key in keys
    }


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
        CollaborationKind.COORDINATION: ("Koordinering", "Coordination"),
        CollaborationKind.OVERSIGHT: ("Regulering eller tilsyn", "Regulation or oversight"),
        CollaborationKind.EMPLOYMENT: ("Ansættelse", "Employment"),
        CollaborationKind.VOLUNTEERING: ("Frivilligt arbejde", "Volunteering"),
        "participation": ("Deltager i projekt", "Takes part in project"),
    },
    "support": {
        SupportKind.CASH_GRANT: ("kontant tilskud", "cash grant"),
        SupportKind.IN_KIND: ("støtte i naturalier", "in-kind support"),
        SupportKind.FEE: ("honorar", "fee"),
        SupportKind.PUBLIC_POOL: ("offentlig pulje", "public pool"),
        SupportKind.SPARRING: ("sparring", "sparring"),
    },
    "field": {
        "role": ("Rolle", "Role"),
        "start_date": ("Start", "Start"),
        "end_date": ("Slut", "End"),
        "kind": ("Type", "Kind"),
        "directed": ("Retning", "Direction"),
        "amount": ("Beløb", "Amount"),
        "currency": ("Valuta", "Currency"),
        "support": ("Støtteform", "Kind of support"),
        "sector": ("Sektor", "Sector"),
        "scale": ("Rækkevidde", "Scale"),
        "locality": ("Kommune", "Municipality"),
        "status": ("Status", "Status"),
        "name": ("Navn", "Name"),
        "weight": ("Vægt", "Weight"),
        "member_counts": ("Antal medlemmer", "Number of members"),
        "member_kind": ("Medlemstype", "Kind of members"),
        "successor_id": ("Blev til", "Became"),
        "part_of": ("Del af", "Part of"),
        "follows": ("Følger", "Follows"),
        "project_ids": ("Projekter", "Projects"),
        "proposed_by": ("Foreslået af", "Proposed by"),
        "place": ("Sted", "Place"),
        "source_id": ("Fra", "From"),
        "target_id": ("Til", "To"),
        "actor_id": ("Aktør", "Actor"),
        "project_id": ("Projekt", "Project"),
        "theme": ("Tema", "Theme"),
        "localities": ("Kommuner", "Municipalities"),
    },
    "date_precision": {
        DatePrecision.DAY: ("dag", "day"),
        DatePrecision.MONTH: ("måned", "month"),
        DatePrecision.YEAR: ("år", "year"),
        DatePrecision.APPROXIMATE: ("omtrentlig", "approximate"),
    },
    "place_level": {
        PlaceLevel.NEIGHBOURHOOD: ("bydel eller boligområde", "neighbourhood"),
        PlaceLevel.TOWN: ("by", "town"),
        PlaceLevel.REGION: ("landsdel", "region"),
        PlaceLevel.COUNTRY: ("hele landet", "whole country"),
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
    "measure": {
        **{key: MEASURES[key][:2] for key in MEASURES},
        "z_total": ("Mæglerroller i alt, z-værdi", "Brokerage, total, z-score"),
        "none": ("Ens størrelse", "Same size"),
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
    # a surveyed tie's state (graphsvc.analysis.partner.tie_states)
    "tie_confirmation": {
        "confirmed": ("bekræftet af begge", "confirmed by both"),
        "one_sided": ("nævnt af én", "named by one"),
        "contradicted": ("modsagt", "contradicted"),
    },
    # how a survey figure handled non-response (graphsvc.analysis.partner.wave_metrics)
    "non_response": {
        "reconstruction": (
            "ikke-besvarernes bånd aflæst fra den anden side",
            "non-respondents' ties read from the other side",
        ),
        "respondent_pairs": (
            "kun par, hvor begge har svaret",
            "only pairs where both answered",
        ),
        "either_side": (
            "et bånd tæller, når én af parterne nævner det",
            "a tie counts when either side names it",
        ),
    },
}

#: What the maps and the workshop page say under a hidden person's label ("Person 3").
PERSON_NOTE = (
    "Navn og oplysninger er ikke offentlige (persondata)",
    "Name and details are not public (personal data)",
)

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
    "agreements": ("Aftaler mellem flere parter", "Agreements between several parties"),
    "projects_served": ("projekter", "projects"),
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
    "inferred": ("udledt", "inferred"),
    "inferred_note": (
        "Udledt (ikke sagt direkte i kilden)",
        "Inferred (not said directly by the source)",
    ),
    "place": ("Sted", "Place"),
    "part_of": ("Del af", "Part of"),
    "follows": ("Følger efter", "Follows"),
    "successor": ("Blev til", "Became"),
    "life": ("Levetid", "Lifetime"),
    "member_kind": ("Medlemstype", "Kind of members"),
    "member_counts": ("Antal medlemmer", "Number of members"),
    "serves_projects": ("Om projekterne", "For the projects"),
    "proposed_by": ("Foreslået af", "Proposed by"),
    "unknown": ("Ukendt", "Unknown"),
    "no_locality": ("Uden kommune", "No municipality"),
    # a hidden person is "Person N" (graphsvc.privacy.pseudonyms), with this note
    "anonymised": PERSON_NOTE,
    "weight": ("Vægt", "Weight"),
    "survey": ("Spørgeskema", "Survey"),
    "close": ("Luk", "Close"),
    "being_updated": (
        "Kortet bliver opdateret efter en ændring; genindlæs om lidt for at se den.",
        "The map is being updated after a change; reload in a moment to see it.",
    ),
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
    "report": ("Rapport (PDF)", "Report (PDF)"),
    "make_survey": ("Lav en netværksundersøgelse", "Make a network survey"),
    "loading": ("Henter kortet …", "Loading the map …"),
    "showing": ("Viser", "Showing"),
    "needs_choice": ("Vælg først i listen ovenfor.", "Choose from the list above first."),
    "page_in_other_lang": ("English", "Dansk"),
    "clear_date": ("Ryd", "Clear"),
    # The table view beside every map (graphsvc.maps.table, visualisations/maptable.js).
    "table": ("Tabel", "Table"),
    "table_view": ("Kortet som tabel", "The map as a table"),
    "table_search": ("Søg i tabellen", "Search the table"),
    "table_search_placeholder": ("Navn, type, kommune …", "Name, kind, municipality …"),
    "table_focus_note": (
        "Tabellen viser det fokuserede udsnit. Ryd fokus for at se alt.",
        "The table shows the focused part. Clear the focus to see everything.",
    ),
    "table_no_rows": ("Ingen rækker matcher.", "No rows match."),
    "table_show_all": ("Vis alle {n} rækker", "Show all {n} rows"),
    "table_show_on_map": ("Vis på kortet", "Show on the map"),
    "actors": ("Aktører", "Actors"),
    "groups": ("Grupper", "Groups"),
    "name": ("Navn", "Name"),
    "from": ("Fra", "From"),
    "to": ("Til", "To"),
    "ties_on_map": ("Forbindelser på kortet", "Ties on the map"),
    "active_as_of": ("Aktiv pr.", "Active on"),
    "table_active": ("heraf {n} aktive pr. {date}", "{n} of them active on {date}"),
    "of": ("af", "of"),
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
    # The map browser's timeline.
    "timeline": ("Tidslinje: år", "Timeline: year"),
    "timeline_now": ("Nu", "Now"),
    "timeline_now_help": ("Vis netværket i dag", "Show the network today"),
    "timeline_end_of": ("31. december {year}", "31 December {year}"),
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


# ----------------------------------------------------------------------------- fields

#: The names of the stored fields (the columns of ``io.tables.COLUMNS``) as a planner
#: says them, ``field -> (da, en)``: the import page's column titles and the words of
#: problems about a field (:mod:`graphsvc.error_words`).
FIELD_WORDS: dict[str, tuple[str, str]] = {
    "id": ("Id", "Id"),
    "name": ("Navn", "Name"),
    "kind": ("Type", "Kind"),
    "sector": ("Sektor", "Sector"),
    "scale": ("Rækkevidde", "Scale"),
    "locality": ("Kommune", "Municipality"),
    "localities": ("Kommuner", "Municipalities"),
    "cvr": ("CVR-nummer", "CVR number"),
    "website": ("Hjemmeside", "Website"),
    "tags": ("Nøgleord", "Tags"),
    "is_person": ("Er en person", "Is a person"),
    "legal_basis": ("Retsgrundlag", "Legal basis"),
    "consent_to_publish": ("Samtykke til offentliggørelse", "Consent to publish"),
    "description": ("Beskrivelse", "Description"),
    "sources": ("Kilder", "Sources"),
    "source_passage": ("Kildeuddrag", "Source passage"),
    "evidence": ("Belæg", "Evidence"),
    "theme": ("Tema", "Theme"),
    "start_date": ("Startdato", "Start date"),
    "end_date": ("Slutdato", "End date"),
    "status": ("Status", "Status"),
    "actor_id": ("Aktør", "Actor"),
    "project_id": ("Projekt", "Project"),
    "role": ("Rolle", "Role"),
    "start_precision": ("Startdatoens præcision", "Start date precision"),
    "end_precision": ("Slutdatoens præcision", "End date precision"),
    "amount": ("Beløb", "Amount"),
    "currency": ("Valuta", "Currency"),
    "support": ("Støtteform", "Kind of support"),
    "project_ids": ("Projekter", "Projects"),
    "party_ids": ("Parter (aktører)", "Parties (actors)"),
    "proposed_by": ("Foreslået af", "Proposed by"),
    "part_of": ("Del af", "Part of"),
    "follows": ("Følger", "Follows"),
    "successor_id": ("Blev til", "Became"),
    "member_kind": ("Medlemstype", "Kind of members"),
    "member_counts": ("Antal medlemmer", "Number of members"),
    "place": ("Sted", "Place"),
    "place_level": ("Stedets niveau", "Level of the place"),
    "inferred_fields": ("Udledte felter", "Inferred fields"),
    "source_id": ("Fra", "From"),
    "target_id": ("Til", "To"),
    "directed": ("Rettet", "Directed"),
    "weight": ("Vægt", "Weight"),
    "attributes": ("Egenskaber", "Attributes"),
}


# ----------------------------------------------------------------------------- phrases

#: Nouns that are counted: ``noun -> (da singular, da plural, en singular, en plural)``.
NOUNS: dict[str, tuple[str, str, str, str]] = {
    "actor": ("aktør", "aktører", "actor", "actors"),
    "tie": ("forbindelse", "forbindelser", "tie", "ties"),
    "node": ("knude", "knuder", "node", "nodes"),
    "group": ("gruppe", "grupper", "group", "groups"),
    "participation": ("deltagelse", "deltagelser", "participation", "participations"),
    "participant": ("deltager", "deltagere", "participant", "participants"),
    "collaboration": ("samarbejde", "samarbejder", "collaboration", "collaborations"),
    "agreement": ("aftale", "aftaler", "agreement", "agreements"),
    "project": ("projekt", "projekter", "project", "projects"),
    "funder": ("bevillingsgiver", "bevillingsgivere", "funder", "funders"),
    "pivot": ("pivot", "pivoter", "pivot", "pivots"),
    "path": ("vej", "veje", "path", "paths"),
    "local partner": ("lokal partner", "lokale partnere", "local partner", "local partners"),
    "non-local partner": (
        "ikke-lokal partner",
        "ikke-lokale partnere",
        "non-local partner",
        "non-local partners",
    ),
    "passage": ("citat", "citater", "passage", "passages"),
    "organisation": ("organisation", "organisationer", "organisation", "organisations"),
    "partner": ("samarbejdspartner", "samarbejdspartnere", "partner", "partners"),
    # "og 2 citater mere" / "and 2 more passages": the word order differs, so "more" is
    # part of the noun.
    "more passage": ("citat mere", "citater mere", "more passage", "more passages"),
    "file": ("fil", "filer", "file", "files"),
    # error messages (graphsvc.error_words)
    "problem": ("problem", "problemer", "problem", "problems"),
    "filter": ("filter", "filtre", "filter", "filters"),
    "row": ("række", "rækker", "row", "rows"),
    "character": ("tegn", "tegn", "character", "characters"),
    "id": ("id", "id'er", "id", "ids"),
}


def count(lang: Lang, n: int, noun: str) -> str:
    """``n`` and ``noun`` in the singular (n = 1) or the plural.

    Examples
    --------
    >>> count("da", 1, "actor"), count("da", 2, "actor"), count("en", 0, "tie")
    ('1 aktør', '2 aktører', '0 ties')
    """
    if noun not in NOUNS:  # a noun no one has translated yet: as written, never a crash
        return f"{n} {noun}"
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
    "local_of_one": ("{local} af {n} deltager er lokal", "{local} of {n} participant is local"),
    "local_of_many": (
        "{local} af {n} deltagere er lokale",
        "{local} of {n} participants are local",
    ),
    "title_brokers": ("mæglere", "bridging"),
    "up_database": ("database", "database"),
    "up_seed": ("eksempeldata", "seed"),
    "up_seed_counts": (
        "{created} oprettet, {updated} opdateret, {unchanged} uændret",
        "{created} created, {updated} updated, {unchanged} unchanged",
    ),
    "up_graph": ("netværk", "graph"),
    "up_map": ("kort", "map"),
    # a surveyed tie (maps): its PARTNER scores on the 1–4 scale
    "trust_of_4": ("tillid {score} af 4", "trust {score} of 4"),
    "value_of_4": ("værdi {score} af 4", "value {score} of 4"),
    "trust_band": ("Tillid {low}–{high} af 4", "Trust {low}–{high} of 4"),
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


#: Danish word stems as slugs write them (æ, ø, å folded to ae, oe, aa), and as written.
#: Stems, not letter pairs: "aa", "ae" and "oe" also stand for themselves ("Aarhus",
#: "Michael", "beboere"), so only stems known to be folded are restored.
FOLDED_STEMS: dict[str, str] = {
    "aeldre": "ældre", "baaret": "båret", "beskaeftig": "beskæftig", "boern": "børn",
    "faelles": "fælles", "hoej": "høj", "idraet": "idræt",
    "kraeft": "kræft", "laering": "læring", "loes": "løs", "maal": "mål", "miljoe": "miljø",
    "moede": "møde", "naerhed": "nærhed", "netvaerk": "netværk", "oekonomi": "økonomi",
    "raad": "råd", "saerlig": "særlig", "slaaet": "slået", "soeg": "søg", "stoette": "støtte",
    "taet": "tæt", "udsaet": "udsæt", "vaerdi": "værdi",
    "vaerk": "værk", "vaere": "være", "oerest": "ørest", "aendr": "ændr", "aabn": "åbn",
}  # fmt: skip
_FOLDED = re.compile("|".join(sorted(FOLDED_STEMS, key=lambda s: (-len(s), s))))


def tag_words(tag: str) -> str:
    """A keyword as words: a slug's hyphens and underscores become spaces, and Danish
    letters folded to ASCII in known stems come back (:data:`FOLDED_STEMS`).

    Examples
    --------
    >>> tag_words("konceptbaaret"), tag_words("94-kommuner-2012"), tag_words("aarhus")
    ('konceptbåret', '94 kommuner 2012', 'aarhus')
    >>> tag_words("boerneraadgiveruddannelsen")
    'børnerådgiveruddannelsen'
    """
    text = " ".join(tag.replace("_", " ").replace("-", " ").split())
    if text != text.lower():  # written with capitals: written by hand, keep it
        return text
    return _FOLDED.sub(lambda m: FOLDED_STEMS[m.group(0)], text)
