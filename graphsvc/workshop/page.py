"""The workshop pages: the index, one workshop's live page, and the login page.

Each is one HTML document: its CSS (``visualisations/workshop.css``) and, on the
workshop page, vis-network are inlined; its script is the module ``/assets/workshop.js``
(which imports ``common.js`` and the page's sections in ``workshop/``, served by
:mod:`graphsvc.api.assets`); the favicon is a ``data:`` URL, and the only other requests
the page makes go to the app it came from (the JSON routes under ``/workshops``,
``/actors``, ``/projects`` and ``/session``; see the workshop contract in the API docs).

The page switches between Danish and English without a reload, so both languages'
words and enum labels travel with it; the server renders the first one (``lang``) so
nothing flickers. Names come from data: Jinja autoescapes what the server renders, the
script only ever sets ``textContent``, and the configuration is JSON in a
``<script type="application/json">`` with ``<``, ``>``, ``&`` escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Literal

from markupsafe import Markup

from graphsvc import i18n
from graphsvc.maps.html import (
    PROJECT_BORDER,
    PROJECT_COLOUR,
    SECTOR_COLOURS,
    TIE_COLOURS,
    _asset,
    _json_for_script,
    favicon_url,
    template,
    vis_network_js,
)
from graphsvc.model import ActorKind, CollaborationKind, Sector
from graphsvc.reference import municipalities

__all__ = ["WORDS", "render_login_page", "render_workshop_page", "safe_next_url"]

Mode = Literal["index", "workshop", "login"]
ROLES = ("viewer", "editor", "admin")
DEFAULT_NEXT = "/workshop"

# Every word of the pages, (da, en). The script gets both columns; ``{0}``, ``{1}`` are
# filled in by the script.
WORDS: dict[str, tuple[str, str]] = {
    # page frame
    "app_title": ("Workshop om partnerskaber", "Partnership workshop"),
    "skip_to_map": ("Spring til kortet", "Skip to the map"),
    "skip_to_main": ("Spring til indholdet", "Skip to the content"),
    "all_workshops": ("Alle workshops", "All workshops"),
    "language": ("Sprog", "Language"),
    "demo_banner": (
        "Demotilstand: ingen nøgle, og alle deltagere kan redigere.",
        "Demo mode: no key needed, and every participant can edit.",
    ),
    "read_only": (
        "Du kan følge med, men ikke redigere (din nøgle giver læseadgang).",
        "You can follow along but not edit (your key is read-only).",
    ),
    "conn_connecting": ("Forbinder …", "Connecting …"),
    "conn_live": ("Live", "Live"),
    "conn_reconnecting": ("Genopretter forbindelsen …", "Reconnecting …"),
    "conn_offline": ("Ingen forbindelse – prøver igen", "Offline – retrying"),
    "version": ("version {0}", "version {0}"),
    "loading": ("Henter …", "Loading …"),
    # undo / redo
    "undo": ("Fortryd", "Undo"),
    "redo": ("Gentag", "Redo"),
    "undo_what": ("Fortryd: {0}", "Undo: {0}"),
    "redo_what": ("Gentag: {0}", "Redo: {0}"),
    "nothing_to_undo": ("Intet at fortryde", "Nothing to undo"),
    "nothing_to_redo": ("Intet at gentage", "Nothing to redo"),
    "undone": ("Fortrudt: {0}", "Undone: {0}"),
    "redone": ("Gentaget: {0}", "Redone: {0}"),
    "undo_failed": ("Kunne ikke fortryde ({0}): {1}", "Could not undo ({0}): {1}"),
    "redo_failed": ("Kunne ikke gentage ({0}): {1}", "Could not redo ({0}): {1}"),
    "act_add_actor": ("tilføj {0}", "add {0}"),
    "act_remove_actor": ("fjern {0}", "remove {0}"),
    "act_add_tie": ("forbind {0} og {1}", "tie {0} and {1}"),
    "act_remove_tie": ("fjern forbindelsen {0} – {1}", "remove the tie {0} – {1}"),
    "act_grid": ("flyt {0} i gitteret", "move {0} on the grid"),
    "act_attitude": ("holdning for {0}", "attitude of {0}"),
    # exports
    "export": ("Eksportér", "Export"),
    "export_xlsx": ("Regneark (Excel)", "Spreadsheet (Excel)"),
    "export_html": ("Kort til browseren (HTML)", "Map for the browser (HTML)"),
    "export_png": ("Billede af kortet (PNG)", "Picture of the map (PNG)"),
    # add an actor
    "add_actor": ("Tilføj aktør", "Add an actor"),
    "name": ("Navn", "Name"),
    "name_placeholder": ("Skriv et navn …", "Type a name …"),
    "add_actor_hint": (
        "↑ ↓ og Enter vælger en eksisterende aktør. En ny: vælg type og sektor, tryk Enter.",
        "↑ ↓ and Enter pick an existing actor. A new one: choose kind and sector, press Enter.",
    ),
    "kind": ("Type", "Kind"),
    "sector": ("Sektor", "Sector"),
    "scale": ("Rækkevidde", "Scale"),
    "municipality": ("Kommune", "Municipality"),
    "no_municipality": ("Ingen kommune", "No municipality"),
    "country_DK": ("Danmark", "Denmark"),
    "country_NO": ("Norge", "Norway"),
    "choose": ("– vælg –", "– choose –"),
    "add": ("Tilføj", "Add"),
    "suggestions": ("Eksisterende aktører", "Existing actors"),
    "already_in": ("er med", "already in"),
    "new_actor": ("Ny aktør: «{0}»", "New actor: “{0}”"),
    "n_suggestions": ("{0} forslag", "{0} suggestions"),
    "actor_added": ("{0} er tilføjet.", "{0} added."),
    "actor_already_in": ("{0} er allerede med.", "{0} is already in."),
    "duplicate": (
        "Der findes allerede en aktør, der hedder «{0}».",
        "An actor called “{0}” exists already.",
    ),
    "use_existing": ("Tilføj den eksisterende", "Add the existing one"),
    "name_needed": ("Skriv et navn først.", "Type a name first."),
    "need_kind": (
        "Vælg type og sektor for en ny aktør.",
        "Choose a kind and a sector for a new actor.",
    ),
    # add a tie
    "add_tie": ("Tilføj forbindelse", "Add a tie"),
    "tie_from": ("Fra", "From"),
    "tie_to": ("Til", "To"),
    "tie_kind": ("Type af forbindelse", "Kind of tie"),
    "proposed_tie": ("Foreslået (ikke etableret endnu)", "Proposed (not in place yet)"),
    "add_tie_hint": (
        "Eller klik en aktør på kortet og shift-klik en anden.",
        "Or click an actor on the map and shift-click another.",
    ),
    "same_actor": ("Vælg to forskellige aktører.", "Choose two different actors."),
    "need_tie": ("Vælg to aktører og en type.", "Choose two actors and a kind."),
    "tie_added": ("Forbindelsen er tilføjet.", "Tie added."),
    # details
    "selected": ("Valgt", "Selected"),
    "nothing_selected": (
        "Vælg en aktør på kortet eller i gitteret for at se detaljer.",
        "Select an actor on the map or the grid to see its details.",
    ),
    "added_here": ("Tilføjet i denne workshop", "Added in this workshop"),
    "remove_from_workshop": ("Fjern fra workshoppen", "Remove from the workshop"),
    "remove_tie": ("Fjern", "Remove"),
    "remove_tie_named": ("Fjern forbindelsen til {0}", "Remove the tie with {0}"),
    "only_added_ties": (
        "Kun forbindelser, der er tilføjet i denne workshop, kan fjernes her.",
        "Only ties added in this workshop can be removed here.",
    ),
    "tie_from_here": ("Forbind herfra", "Tie from here"),
    "ties": ("Forbindelser", "Ties"),
    "no_ties": ("Ingen forbindelser i workshoppen endnu.", "No ties in the workshop yet."),
    "projects": ("Projekter", "Projects"),
    "participants": ("Deltagere", "Participants"),
    "theme": ("Tema", "Theme"),
    "pseudonymised": i18n.PERSON_NOTE,
    "position": ("Placering", "Position"),
    "not_placed": ("Ikke placeret i gitteret", "Not on the grid"),
    "power_interest": ("magt {0} · interesse {1}", "power {0} · interest {1}"),
    "tie": ("Forbindelse", "Tie"),
    "close": ("Luk", "Close"),
    "hide_panel": ("Skjul panelet", "Hide the panel"),
    "hide_details": ("Vis kun navnet", "Show only the name"),
    "show_details": ("Vis detaljerne", "Show the details"),
    "show_panel": ("Vis panelet", "Show the panel"),
    "m_betweenness": ("Mellemplacering", "Betweenness"),
    "m_degree": ("Forbindelser i alt", "Degree"),
    "shortcuts": (
        "Genveje: Ctrl+Z fortryder, Ctrl+Shift+Z gentager, / går til navnefeltet, "
        "Esc lukker detaljerne.",
        "Shortcuts: Ctrl+Z undoes, Ctrl+Shift+Z redoes, / jumps to the name field, "
        "Esc closes the details.",
    ),
    "actor_removed": ("{0} er fjernet fra workshoppen.", "{0} removed from the workshop."),
    # map
    "map": ("Netværkskort", "Network map"),
    "map_label": (
        "Netværkskort over workshoppens aktører og forbindelser. "
        "Samme oplysninger findes i gitteret og under Valgt.",
        "Network map of the workshop's actors and ties. "
        "The same information is in the grid and under Selected.",
    ),
    "fit": ("Vis hele kortet", "Fit the map"),
    "legend": ("Signaturforklaring", "Legend"),
    "legend_project": ("Projekt", "Project"),
    "legend_added": ("Tilføjet her", "Added here"),
    "legend_proposed": ("Foreslået forbindelse", "Proposed tie"),
    "legend_cut": ("Skæringspunkt", "Cut point"),
    "legend_size": ("Størrelse: mellemplacering", "Size: betweenness"),
    "empty_map": (
        "Kortet er tomt. Tilføj den første aktør til venstre.",
        "The map is empty. Add the first actor on the left.",
    ),
    # grid
    "grid": ("Interessentanalyse", "Stakeholder grid"),
    "power": ("Magt og indflydelse", "Power and influence"),
    "interest": ("Interesse", "Interest"),
    "low": ("lav", "low"),
    "high": ("høj", "high"),
    "q_satisfied": ("Hold tilfreds", "Keep satisfied"),
    "q_manage": ("Inddrag tæt", "Manage closely"),
    "q_monitor": ("Overvåg", "Monitor"),
    "q_informed": ("Hold informeret", "Keep informed"),
    "tray": ("Ikke placeret", "Not placed"),
    "tray_empty": ("Alle aktører er placeret.", "Every actor is placed."),
    "grid_hint": (
        "Træk en aktør ind i gitteret. Tastatur: Enter placerer, pilene flytter, "
        "1 2 3 sætter holdning, Delete tager ud.",
        "Drag an actor onto the grid. Keyboard: Enter places, arrows move, "
        "1 2 3 set the attitude, Delete takes it off.",
    ),
    "attitude": ("Holdning", "Attitude"),
    "supporter": ("Tilhænger", "Supporter"),
    "neutral": ("Neutral", "Neutral"),
    "critic": ("Kritiker", "Critic"),
    "attitude_none": ("Ikke angivet", "Not set"),
    "attitude_for": ("Holdning: {0}", "Attitude: {0}"),
    "pick_for_attitude": (
        "Vælg en aktør for at angive holdning.",
        "Select an actor to set its attitude.",
    ),
    # analysis
    "analysis": ("Analyse", "Analysis"),
    "refresh_analysis": ("Opdatér analysen", "Refresh analysis"),
    "analysis_none": (
        "Beregn mæglere, skæringspunkter og projekternes lokale forankring.",
        "Compute brokers, cut points and the projects' local anchoring.",
    ),
    "analysis_stale": ("Kortet er ændret siden analysen.", "The map changed since the analysis."),
    "analysis_updating": (
        "Analysen bliver opdateret efter en ændring i netværket …",
        "The analysis is being updated after a change in the network …",
    ),
    "brokers": ("Mæglere (brobyggere)", "Brokers (bridges)"),
    "betweenness": ("mellemplacering", "betweenness"),
    "no_brokers": (
        "Ingen aktør ligger mellem andre endnu.",
        "No actor sits between others yet.",
    ),
    "cut_points": ("Skæringspunkter", "Cut points"),
    "cut_points_help": (
        "Falder én af disse fra, deler netværket sig.",
        "If one of these drops out, the network splits.",
    ),
    "no_cut_points": (
        "Ingen enkelt aktør holder netværket sammen.",
        "No single actor holds the network together.",
    ),
    "anchoring": ("Projekternes lokale forankring", "Local anchoring of the projects"),
    "no_projects": ("Ingen projekter i workshoppen.", "No projects in the workshop."),
    # the anchoring bands, as every other surface names them
    **{f"band_{band}": pair for band, pair in i18n.ENUM_LABELS["band"].items()},
    "score": ("{0} af 100", "{0} of 100"),
    "score_with_proposed": (
        "{0} af 100 med de foreslåede forbindelser",
        "{0} of 100 with the proposed ties",
    ),
    # snapshots
    "snapshots": ("Øjebliksbilleder", "Snapshots"),
    "note": ("Note", "Note"),
    "note_placeholder": ("Fx «efter første runde»", "E.g. “after round one”"),
    "take_snapshot": ("Gem øjebliksbillede", "Take snapshot"),
    "snapshot_taken": ("Øjebliksbilledet er gemt.", "Snapshot taken."),
    "no_snapshots": ("Ingen øjebliksbilleder endnu.", "No snapshots yet."),
    "no_note": ("(uden note)", "(no note)"),
    "n_counts": ("{0} aktører · {1} forbindelser", "{0} actors · {1} ties"),
    "compare": ("Sammenlign", "Compare"),
    "compare_a": ("Før", "Before"),
    "compare_b": ("Efter", "After"),
    "current": ("Nu", "Now"),
    "actors_added": ("Aktører tilføjet", "Actors added"),
    "actors_removed": ("Aktører fjernet", "Actors removed"),
    "ties_added": ("Forbindelser tilføjet", "Ties added"),
    "ties_removed": ("Forbindelser fjernet", "Ties removed"),
    "measures_changed": ("Ændrede netværksmål", "Measures changed"),
    "grid_changed": ("Flyttet i gitteret", "Moved on the grid"),
    "nothing_changed": ("Ingen ændringer.", "No changes."),
    "need_two": ("Vælg to forskellige.", "Choose two different ones."),
    # index
    "index_title": ("Workshops om partnerskaber", "Partnership workshops"),
    "index_intro": (
        "Kortlæg et partnerskab sammen: aktører, forbindelser og en interessentanalyse, "
        "live for alle i rummet.",
        "Map a partnership together: actors, ties and a stakeholder grid, "
        "live for everyone in the room.",
    ),
    "workshops": ("Workshops", "Workshops"),
    "no_workshops": ("Ingen workshops endnu.", "No workshops yet."),
    "create_workshop": ("Ny workshop", "New workshop"),
    "ws_name": ("Navn", "Name"),
    "purpose": ("Formål", "Purpose"),
    "date": ("Dato", "Date"),
    "start_from": ("Start med", "Start from"),
    "start_empty": ("Et tomt kort", "An empty map"),
    "start_project": ("Et projekt og dets deltagere", "A project and its participants"),
    "start_actor": ("En aktør og dens naboer", "An actor and its neighbours"),
    "find_project": ("Find projektet", "Find the project"),
    "find_actor": ("Find aktøren", "Find the actor"),
    "find_placeholder": ("Skriv en del af navnet …", "Type part of the name …"),
    "radius": ("Skridt ud", "Steps out"),
    "pick_required": (
        "Vælg et projekt eller en aktør fra listen.",
        "Pick a project or an actor from the list.",
    ),
    "create_open": ("Opret og åbn", "Create and open"),
    "created_on": ("oprettet {0}", "created {0}"),
    "no_match": ("Intet matcher", "Nothing matches"),
    "cannot_create": (
        "Din nøgle giver læseadgang: du kan åbne workshops, men ikke oprette dem.",
        "Your key is read-only: you can open workshops but not create them.",
    ),
    # login
    "login_title": ("Log ind", "Sign in"),
    "login_intro": (
        "Skriv den nøgle, du har fået af facilitatoren.",
        "Enter the key the facilitator gave you.",
    ),
    "api_key": ("Nøgle", "Key"),
    "sign_in": ("Log ind", "Sign in"),
    "bad_key": ("Nøglen blev ikke godkendt.", "The key was not accepted."),
    # errors
    "error": ("Fejl: {0}", "Error: {0}"),
    "not_found": ("Workshoppen findes ikke (længere).", "This workshop does not exist (any more)."),
    "network_error": ("Kan ikke nå serveren.", "Cannot reach the server."),
    "forbidden": ("Din nøgle giver ikke lov til at redigere.", "Your key does not allow editing."),
    "unauthorized": ("Log ind igen.", "Please sign in again."),
    "changed_elsewhere": (
        "Det er blevet ændret af en anden, siden du så det. Siden er opdateret – prøv igen, "
        "hvis du stadig vil.",
        "Someone else changed it since you saw it. The page is updated – try again if you "
        "still want to.",
    ),
}

ATTITUDES = ("supporter", "neutral", "critic")
ATTITUDE_COLOURS = {"supporter": "#2e7d32", "neutral": "#6e7781", "critic": "#c62828"}

# Persons need a GDPR legal basis and consent flags: not something to type in a room
# full of people, so the workshop form offers organisations and groups only.
NEW_ACTOR_KINDS = tuple(k.value for k in ActorKind if k is not ActorKind.PERSON)

# A sensible sector for each kind, filled in when the kind is chosen (the participant
# can still change it); saves one decision per actor in a fast-moving room.
KIND_SECTOR: dict[str, str] = {
    "municipality": "public",
    "region": "public",
    "state_agency": "public",
    "hospital": "public",
    "school": "public",
    "association": "civil_society",
    "national_ngo": "civil_society",
    "volunteer_centre": "civil_society",
    "network": "civil_society",
    "housing_organisation": "civil_society",
    "foundation": "philanthropic",
    "company": "private",
    "university": "knowledge",
    "research_institute": "knowledge",
    "citizen_group": "citizen",
}

_ENUM_GROUPS = ("kind", "sector", "scale", "theme", "tie_kind", "tie_status", "measure")


def words(lang: i18n.Lang) -> dict[str, str]:
    """Every page word in ``lang``.

    Parameters
    ----------
    lang
        ``"da"`` or ``"en"``.

    Returns
    -------
    dict of str to str
        Word key to text.
    """
    return i18n.page_words(WORDS, lang)


def safe_next_url(next_url: str | None) -> str:
    """``next_url`` when it is a path on this site, else ``/workshop``.

    Only a path that starts with one ``/`` is allowed: ``//host`` is another site to a
    browser, and so is ``/\\host`` (browsers read the backslash as a slash); control
    characters and whitespace are refused too, since browsers strip some of them.

    Parameters
    ----------
    next_url
        Where the login page should go after signing in.

    Returns
    -------
    str
        A same-site path.
    """
    if not next_url or len(next_url) > 2000:
        return DEFAULT_NEXT
    if not next_url.startswith("/") or next_url.startswith("//"):
        return DEFAULT_NEXT
    if "\\" in next_url or re.search(r"[\x00-\x20\x7f]", next_url):
        return DEFAULT_NEXT
    return next_url


def _enum_options(group: str, values: Iterable[str], lang: i18n.Lang) -> list[dict[str, str]]:
    return [{"value": str(v), "label": i18n.label(lang, group, v)} for v in values]


def _enum_table() -> dict[str, dict[str, list[str]]]:
    """``group -> value -> [da, en]`` for the groups the page shows."""
    return i18n.enum_table(_ENUM_GROUPS)


def _municipality_groups() -> list[dict[str, Any]]:
    """Municipalities by country (Denmark first), each sorted by name."""
    by_country: dict[str, list[dict[str, str]]] = {}
    for m in municipalities().values():
        by_country.setdefault(m.country, []).append({"code": m.locality, "name": m.name})
    order = sorted(by_country, key=lambda c: (c != "DK", c))
    return [
        {
            "country": country,
            "items": sorted(by_country[country], key=lambda o: (o["name"].casefold(), o["code"])),
        }
        for country in order
    ]


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    return role


def _render(
    mode: Mode,
    *,
    lang: str,
    workshop_id: str | None = None,
    role: str = "viewer",
    demo: bool = False,
    next_url: str = DEFAULT_NEXT,
) -> str:
    language = i18n.check_lang(lang)
    can_edit = role in ("editor", "admin")
    w = words(language)
    config: dict[str, Any] = {
        "mode": mode,
        "lang": language,
        "workshopId": workshop_id,
        "role": role,
        "canEdit": can_edit,
        "demo": demo,
        "next": next_url,
        "words": {code: words(code) for code in i18n.LANGS},
        "enums": _enum_table(),
        "sectorColours": SECTOR_COLOURS,
        "tieColours": {k: v for k, v in TIE_COLOURS.items() if k != "participation"},
        "projectColour": PROJECT_COLOUR,
        "projectBorder": PROJECT_BORDER,
        "attitudeColours": ATTITUDE_COLOURS,
        "kindSector": KIND_SECTOR,
        "municipalityNames": {m.locality: m.name for m in municipalities().values()},
    }
    # Markup: our own assets and JSON escaped by _json_for_script, never raw data text.
    vis = Markup(vis_network_js()) if mode == "workshop" else Markup("")  # noqa: S704
    return template("workshop.html").render(
        mode=mode,
        lang=language,
        w=w,
        can_edit=can_edit,
        demo=demo,
        workshop_id=workshop_id,
        favicon=favicon_url(),
        kinds=_enum_options("kind", NEW_ACTOR_KINDS, language),
        sectors=_enum_options("sector", (s.value for s in Sector), language),
        tie_kinds=_enum_options("tie_kind", (k.value for k in CollaborationKind), language),
        attitudes=[(a, w[a], ATTITUDE_COLOURS[a]) for a in ATTITUDES],
        municipality_groups=_municipality_groups(),
        css=Markup(_asset("workshop.css")),  # noqa: S704
        vis_js=vis,
        config=Markup(_json_for_script(config)),  # noqa: S704
    )


def render_workshop_page(*, lang: str, workshop_id: str | None, role: str, demo: bool) -> str:
    """The workshop page, or the index of workshops when ``workshop_id`` is ``None``.

    The page loads everything else from the JSON routes: the workshop's state (and again
    on every change the event stream announces), the analysis, the snapshots.

    Parameters
    ----------
    lang
        ``"da"`` or ``"en"``: the words the page starts with (it can switch at once).
    workshop_id
        The workshop to show; ``None`` for the index (list and "new workshop" form).
    role
        ``"viewer"``, ``"editor"`` or ``"admin"``: a viewer gets no editing controls.
    demo
        Whether the app runs in demo mode (a banner says so).

    Returns
    -------
    str
        The HTML document.

    Raises
    ------
    ValueError
        For another ``lang`` or ``role``.
    """
    return _render(
        "index" if workshop_id is None else "workshop",
        lang=lang,
        workshop_id=workshop_id,
        role=_check_role(role),
        demo=demo,
    )


def render_login_page(*, lang: str, next_url: str) -> str:
    """The login page: one key field; signs in with ``POST /session`` and goes on.

    Parameters
    ----------
    lang
        ``"da"`` or ``"en"``.
    next_url
        Where to go after signing in; anything but a path on this site (see
        :func:`safe_next_url`) becomes ``/workshop``.

    Returns
    -------
    str
        The HTML document.

    Raises
    ------
    ValueError
        For another ``lang``.
    """
    return _render("login", lang=lang, next_url=safe_next_url(next_url))
