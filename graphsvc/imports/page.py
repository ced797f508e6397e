"""The import page: a file in, its mapping checked and fixed, a dry run, the import.

One HTML document, like the workshop pages: its CSS (``visualisations/forms.css``, shared
with the survey pages, and ``import.css``) is inlined, its script is the module
``/assets/import.js`` (with ``common.js``,
:mod:`graphsvc.api.assets`), the favicon is a ``data:`` URL, and the only requests the
page makes go to the app it came from:
``POST /imports/preview`` (the detected mapping, the first rows as they will be stored,
every problem) and ``POST /imports`` (``?dry_run=true`` first), both with the mapping
as the page shows it.

The page switches between Danish and English without a reload, so both languages'
words, field names and enum labels travel with it; the server renders the first one
(``lang``). Text from files only reaches the DOM through ``textContent``; the
configuration is JSON in a ``<script type="application/json">`` with ``<``, ``>``, ``&``
escaped.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from graphsvc import i18n
from graphsvc.i18n import FIELD_WORDS
from graphsvc.io.reading import suffixes
from graphsvc.io.tables import COLUMNS, TABLES
from graphsvc.maps.html import _asset, _json_for_script, favicon_url, template
from graphsvc.reference import municipalities

__all__ = ["FIELD_WORDS", "TARGET_WORDS", "WORDS", "render_import_page"]

MAPPING_SUFFIX = ".toml"  # a saved mapping (graphsvc import --save-mapping), sent as text

# Every word of the page, (da, en); ``{0}``, ``{1}`` are filled in by the script.
WORDS: dict[str, tuple[str, str]] = {
    # frame
    "title": ("Importér data", "Import data"),
    "skip_to_main": ("Spring til indholdet", "Skip to the content"),
    "language": ("Sprog", "Language"),
    "nav": ("Sider", "Pages"),
    "nav_maps": ("Netværkskort", "Network maps"),
    "nav_workshops": ("Workshops", "Workshops"),
    "demo_banner": (
        "Demotilstand: ingen nøgle, og alle kan importere.",
        "Demo mode: no key needed, and everyone can import.",
    ),
    "intro": (
        "Har du et regneark over samarbejdspartnere? Læg det her. Siden finder selv ud af, "
        "hvad kolonnerne er, viser, hvordan rækkerne bliver gemt, og hvad der skal rettes. "
        "Intet gemmes, før du trykker Importér.",
        "Have a spreadsheet of partners? Drop it here. The page works out what the columns "
        "are, shows how the rows will be stored and what needs fixing. Nothing is stored "
        "until you press Import.",
    ),
    # 1 file
    "step_file": ("1. Vælg filen", "1. Choose the file"),
    "choose_file": ("Vælg en eller flere filer", "Choose one or more files"),
    "drop_here": ("… eller træk dem hertil", "… or drop them here"),
    "formats": ("Filtyper: {0}", "File types: {0}"),
    "reading": ("Læser {0} …", "Reading {0} …"),
    "read_ok": ("{0} er læst.", "{0} read."),
    "wrong_type": (
        "{0}: den filtype kan siden ikke læse.",
        "{0}: the page cannot read that type of file.",
    ),
    "start_over": ("Begynd forfra", "Start over"),
    "mapping_hint": (
        "Har du gemt en mapping (.toml) fra sidst, så vælg eller træk den med filen.",
        "Saved a mapping (.toml) last time? Choose or drop it with the file.",
    ),
    "mapping_needs_file": (
        "Vælg filen med data sammen med mappingen.",
        "Choose the data file together with the mapping.",
    ),
    "download_mapping": (
        "Gem mappingen til næste gang (.toml)",
        "Save the mapping for next time (.toml)",
    ),
    # 2 mapping
    "step_mapping": ("2. Tjek kolonnerne", "2. Check the columns"),
    "mapping_help": (
        "Hver kolonne i filen har et valg: hvad den bliver til. Ret et valg, så opdateres "
        "rækkerne og problemerne nedenfor.",
        "Each column of the file has a choice: what it becomes. Change one and the rows "
        "and problems below are updated.",
    ),
    "sheet_caption": ("Kolonnerne i {0}", "The columns of {0}"),
    "col_column": ("Kolonne i filen", "Column in the file"),
    "col_examples": ("Eksempler", "Examples"),
    "col_use": ("Bliver til", "Becomes"),
    "use_for": ("Hvad bliver kolonnen «{0}» til?", "What does the column “{0}” become?"),
    "how_layout": ("graphsvcs egen tabel", "graphsvc's own table"),
    "how_header": ("fundet ud fra overskriften", "found from the header"),
    "how_values": ("fundet ud fra værdierne", "found from the values"),
    "how_position": ("ud fra kolonnens plads", "from the column's position"),
    "how_default": (
        "ukendt kolonne: beholdes som egenskab",
        "unknown column: kept as an attribute",
    ),
    "how_mapping": ("valgt her eller i en mappingfil", "chosen here or in a mapping file"),
    "how_undecided": ("kan ikke afgøres – vælg selv", "cannot be decided – please choose"),
    "mapped_exactly": (
        "graphsvcs egen eksport: læses præcis, som den blev skrevet.",
        "graphsvc's own export: read exactly as it was written.",
    ),
    "shape": ("Arkets form: {0}", "The sheet's shape: {0}"),
    "shape_rows": ("én række pr. aktør (og projekt)", "one row per actor (and project)"),
    "shape_tables": ("graphsvc-tabellen «{0}»", "the graphsvc table “{0}”"),
    "shape_nodes": ("knudeliste (aktører og projekter)", "node list (actors and projects)"),
    "shape_edges": ("kantliste (forbindelser)", "edge list (ties)"),
    "shape_graphsvc-nodes": ("graphsvcs egne knuder", "graphsvc's own nodes"),
    "shape_graphsvc-edges": ("graphsvcs egne forbindelser", "graphsvc's own ties"),
    "shape_edgelist": ("liste over forbindelser uden overskrift", "edge list without a header"),
    "shape_matrix": ("matrix: organisationer × projekter", "matrix: organisations × projects"),
    "shape_skip": ("springes over", "skipped"),
    "notes": ("Bemærkninger", "Notes"),
    "notes_help": (
        "Det, der blev udledt eller ikke importeres; det stopper ikke importen.",
        "What was inferred or is not imported; it does not stop the import.",
    ),
    "updating": ("Opdaterer …", "Updating …"),
    "updated": ("Opdateret: {0}, {1}.", "Updated: {0}, {1}."),
    "n_rows": ("{0} rækker", "{0} rows"),
    "one_row": ("1 række", "1 row"),
    "n_problems_short": ("{0} problemer", "{0} problems"),
    "one_problem_short": ("1 problem", "1 problem"),
    "no_problems_short": ("ingen problemer", "no problems"),
    # problems
    "problems": ("Problemer", "Problems"),
    "no_problems": ("Ingen problemer.", "No problems."),
    "n_problems": ("{0} problemer skal rettes før importen.", "{0} problems to fix first."),
    "one_problem": ("1 problem skal rettes før importen.", "1 problem to fix first."),
    "more_problems": ("… og {0} mere.", "… and {0} more."),
    "p_file": ("Fil", "File"),
    "p_row": ("Række", "Row"),
    "p_column": ("Kolonne", "Column"),
    "p_message": ("Problem", "Problem"),
    "n_message": ("Bemærkning", "Note"),
    "problems_fix": (
        "Ret kolonnernes valg ovenfor, eller ret filen og vælg den igen.",
        "Change the columns' choices above, or fix the file and choose it again.",
    ),
    # 3 rows
    "step_rows": ("3. Sådan bliver rækkerne gemt", "3. How the rows will be stored"),
    "rows_help": (
        "De første rækker af hver tabel, som de bliver gemt.",
        "The first rows of each table, as they will be stored.",
    ),
    "first_of": ("De første {0} af {1}", "The first {0} of {1}"),
    "nothing_to_store": ("Intet at gemme endnu.", "Nothing to store yet."),
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
    # 4 import
    "step_import": ("4. Prøv og importér", "4. Try, then import"),
    "import_help": (
        "Prøv først: prøven viser, hvad der vil blive oprettet og ændret, uden at gemme noget. "
        "Importen er alt eller intet, og at importere den samme fil igen ændrer intet.",
        "Try first: the trial shows what would be created and changed, storing nothing. "
        "The import is all or nothing, and importing the same file again changes nothing.",
    ),
    "dry_run": ("Prøv importen", "Try the import"),
    "do_import": ("Importér", "Import"),
    "import_needs_dry_run": (
        "Prøv importen først; så kan du importere.",
        "Try the import first; then you can import.",
    ),
    "running_dry": ("Prøver …", "Trying …"),
    "running_import": ("Importerer …", "Importing …"),
    "dry_result": (
        "Prøven: sådan vil importen ændre data",
        "The trial: what the import would change",
    ),
    "import_result": ("Importeret", "Imported"),
    "dry_done": (
        "Prøven er færdig. Oprettes: {0}, opdateres: {1}, uændret: {2}. Intet er gemt.",
        "Trial done. To create: {0}, to update: {1}, unchanged: {2}. Nothing was stored.",
    ),
    "import_done": (
        "Importen er færdig. Oprettet: {0}, opdateret: {1}, uændret: {2}.",
        "Import done. Created: {0}, updated: {1}, unchanged: {2}.",
    ),
    "import_failed": (
        "Importen blev ikke gennemført; intet er gemt.",
        "The import was not done; nothing was stored.",
    ),
    "r_table": ("Tabel", "Table"),
    "r_created": ("Oprettes", "Created"),
    "r_updated": ("Opdateres", "Updated"),
    "r_unchanged": ("Uændret", "Unchanged"),
    "r_created_done": ("Oprettet", "Created"),
    "r_updated_done": ("Opdateret", "Updated"),
    "see_map": ("Se de nye aktører på netværkskortet", "See the new actors on the network map"),
    "see_browser": ("Åbn kortbrowseren", "Open the map browser"),
    "graph_version": ("Netværkets version: {0}", "Network version: {0}"),
    # tables and errors
    "t_actors": ("Aktører", "Actors"),
    "t_projects": ("Projekter", "Projects"),
    "t_participations": ("Deltagelser i projekter", "Participations in projects"),
    "t_collaborations": ("Samarbejder", "Collaborations"),
    "t_agreements": ("Aftaler mellem flere parter", "Agreements between several parties"),
    "error": ("Fejl: {0}", "Error: {0}"),
    "network_error": ("Kan ikke nå serveren.", "Cannot reach the server."),
    "forbidden": (
        "Din nøgle giver ikke lov til at importere.",
        "Your key does not allow importing.",
    ),
    "forbidden_help": (
        "Import kræver en nøgle med rollen redaktør (editor). Log ind med en anden nøgle.",
        "Importing needs a key with the editor role. Sign in with another key.",
    ),
    "sign_in_other": ("Log ind med en anden nøgle", "Sign in with another key"),
    "unauthorized": ("Log ind igen.", "Please sign in again."),
    "too_large": ("Filen er for stor.", "The file is too large."),
    "too_large_limit": (
        "Filerne er for store: grænsen er {0} MB i alt.",
        "The files are too large: the limit is {0} MB in all.",
    ),
    "conflict": (
        "Dataene blev ændret imens af en anden. Prøv igen.",
        "The data was changed by someone else meanwhile. Try again.",
    ),
    # the server's messages about the uploaded files, in the page's language
    "m_unsupported": (
        "filtypen kan ikke læses; brug en af {0}",
        "unsupported file type; expected one of {0}",
    ),
    "m_twice": ("samme filnavn er sendt to gange", "the same file name was uploaded twice"),
    "m_empty": ("filen er tom (ingen overskrift, ingen rækker)", "the file is empty"),
    "m_workbook": ("Excel-filen kan ikke læses", "cannot read this workbook"),
    "m_missing_columns": ("mangler de nødvendige kolonner {0}", "missing required columns {0}"),
    "m_no_files": ("ingen filer sendt", "no files uploaded"),
}


# What a column of the file can become (the targets of graphsvc.io.mapping), (da, en).
TARGET_WORDS: dict[str, tuple[str, str]] = {
    "id": ("Id (filens nøgle)", "Id (the file's key)"),
    "name": ("Navn på aktøren", "The actor's name"),
    "kind": ("Aktørtype", "Kind of actor"),
    "sector": ("Sektor", "Sector"),
    "scale": ("Rækkevidde", "Scale"),
    "locality": ("Kommune", "Municipality"),
    "cvr": ("CVR-nummer", "CVR number"),
    "website": ("Hjemmeside", "Website"),
    "is_person": ("Er en person (ja/nej)", "Is a person (yes/no)"),
    "legal_basis": ("Retsgrundlag (persondata)", "Legal basis (personal data)"),
    "node_type": ("Aktør eller projekt", "Actor or project"),
    "partner": ("Samarbejdspartner(e)", "Partner(s)"),
    "source": ("Fra (første aktør)", "From (first actor)"),
    "target": ("Til (anden aktør eller projekt)", "To (second actor or project)"),
    "project": ("Projekt(er)", "Project(s)"),
    "role": ("Rolle i projektet", "Role in the project"),
    "theme": ("Projektets tema", "The project's theme"),
    "tie_kind": ("Type af samarbejde", "Kind of collaboration"),
    "directed": ("Rettet forbindelse", "Directed tie"),
    "weight": ("Vægt", "Weight"),
    "status": ("Status (eksisterende/foreslået)", "Status (existing/proposed)"),
    "start": ("Startdato", "Start date"),
    "end": ("Slutdato", "End date"),
    "amount": (
        "Beløb (valuta fra cellen eller valutakolonnen, ellers kr.)",
        "Amount (currency from the cell or the currency column, else DKK)",
    ),
    "currency": ("Valuta (DKK, NOK, SEK, EUR)", "Currency (DKK, NOK, SEK, EUR)"),
    "support": ("Støtteform", "Kind of support"),
    "proposed_by": ("Foreslået af", "Proposed by"),
    "part_of": ("Del af projekt", "Part of project"),
    "follows": ("Følger efter projekt", "Follows project"),
    "successor": ("Blev til (aktør)", "Became (actor)"),
    "member_kind": ("Medlemstype", "Kind of members"),
    "member_count": ("Antal medlemmer", "Number of members"),
    "place": ("Sted (under eller over kommunen)", "Place (below or above the municipality)"),
    "place_level": ("Stedets niveau", "Level of the place"),
    "inferred": ("Udledte felter", "Inferred fields"),
    "description": ("Beskrivelse eller bemærkning", "Description or remark"),
    "sources": ("Kilder", "Sources"),
    "tags": ("Nøgleord (flere pr. celle)", "Tags (several per cell)"),
    "tag": ("Hver værdi bliver et nøgleord", "Each value becomes a tag"),
    "attribute": ("Behold som egenskab", "Keep as an attribute"),
    "ignore": ("Spring over (importeres ikke)", "Ignore (not imported)"),
    "undecided": ("– vælg –", "– choose –"),
}

# Which enum labels (graphsvc.i18n groups) a stored field's values take, per table.
FIELD_ENUMS: dict[str, dict[str, str]] = {
    "actors": {
        "kind": "kind",
        "sector": "sector",
        "scale": "scale",
        "member_kind": "kind",
        "place_level": "place_level",
    },
    "projects": {"theme": "theme", "status": "project_status", "place_level": "place_level"},
    "participations": {"role": "role", "status": "tie_status", "support": "support"},
    "collaborations": {"kind": "tie_kind", "status": "tie_status", "support": "support"},
    "agreements": {"kind": "tie_kind", "status": "tie_status", "support": "support"},
}
_SHARED_ENUMS = {
    "evidence": "evidence", "legal_basis": "legal_basis",
    "start_precision": "date_precision", "end_precision": "date_precision",
}  # fmt: skip


def words(lang: i18n.Lang) -> dict[str, str]:
    """Every page word in ``lang`` (``"da"`` or ``"en"``): key to text."""
    return i18n.page_words(WORDS, lang)


def _field_enums() -> dict[str, dict[str, str]]:
    return {table: {**_SHARED_ENUMS, **groups} for table, groups in FIELD_ENUMS.items()}


def _enum_table() -> dict[str, dict[str, list[str]]]:
    """``group -> value -> [da, en]`` for every group a stored field uses."""
    return i18n.enum_table(g for table in _field_enums().values() for g in table.values())


def render_import_page(*, lang: str, can_import: bool, demo: bool) -> str:
    """The import page (or, without the right to import, a page that says so).

    Parameters
    ----------
    lang
        ``"da"`` or ``"en"``: the words the page starts with (it can switch at once).
    can_import
        Whether the reader may import (editor or admin): otherwise the page has no
        import controls, only the reason and a way to sign in with another key.
    demo
        Whether the app runs in demo mode (a banner says so).

    Returns
    -------
    str
        The HTML document.

    Raises
    ------
    ValueError
        For another ``lang``.

    Examples
    --------
    >>> html = render_import_page(lang="da", can_import=True, demo=False)
    >>> "Importér data" in html
    True
    """
    language = i18n.check_lang(lang)
    readable = list(suffixes())  # what POST /imports reads: the one suffix table
    config: dict[str, Any] = {
        "lang": language,
        "canImport": can_import,
        "words": {code: words(code) for code in i18n.LANGS},
        "fields": {key: list(pair) for key, pair in FIELD_WORDS.items()},
        "targets": {key: list(pair) for key, pair in TARGET_WORDS.items()},
        "tables": {name: COLUMNS[name] for name in TABLES},
        "tableOrder": list(TABLES),
        "fieldEnums": _field_enums(),
        "enums": _enum_table(),
        "suffixes": readable,
        "municipalityNames": {m.locality: m.name for m in municipalities().values()},
    }
    w = words(language)
    return template("import.html").render(
        lang=language,
        w=w,
        can_import=can_import,
        demo=demo,
        favicon=favicon_url(),
        accept=",".join([*readable, MAPPING_SUFFIX]),
        formats_text=w["formats"].replace("{0}", ", ".join(readable)),
        # Markup: our own assets and JSON escaped by _json_for_script, never raw data text.
        css=Markup(_asset("forms.css") + _asset("import.css")),  # noqa: S704
        config=Markup(_json_for_script(config)),  # noqa: S704
    )
