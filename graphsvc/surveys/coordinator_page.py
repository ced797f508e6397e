"""The coordinator's survey pages: ``/surveys/new`` (create) and ``/surveys/{id}/page``.

One HTML document for both, like the import page: its CSS (``visualisations/forms.css``
and ``survey/coordinator.css``) is inlined, its script is the module
``/assets/survey/coordinator.js`` (with ``common.js``, :mod:`graphsvc.api.assets`), the
favicon is a ``data:`` URL, and the only requests the page makes go to the app it came
from: the coordinator's JSON routes under ``/surveys`` (editor role), with the browser's
session cookie and CSRF token.

The survey page polls the survey's ``version`` and reloads the roster, invitations and
status when it changes, so the response rate and the ties follow the answers live.

The page switches between Danish and English without a reload, so both languages' words
and enum labels travel with it; the server renders the first one (``lang``). Names come
from data: Jinja autoescapes what the server renders, the script only ever sets
``textContent``, and the configuration is JSON in a ``<script type="application/json">``
with ``<``, ``>``, ``&`` escaped. Contact persons' names and e-mails are only shown to
editors (the page needs the editor role), and hidden persons are never on a roster.
"""

from __future__ import annotations

from typing import Any, Literal

from markupsafe import Markup

from graphsvc import i18n
from graphsvc.maps.html import _asset, _json_for_script, favicon_url, template
from graphsvc.surveys.texts import QUESTIONS

__all__ = ["POLL_MS", "SCOPE_KINDS", "WORDS", "render_coordinator_page"]

Mode = Literal["new", "survey", "forbidden"]
SCOPE_KINDS = ("project", "municipality", "workshop", "roster")
POLL_MS = 2000  # how often the survey page asks for the survey's version

# Every word of the pages, (da, en); ``{0}``, ``{1}`` are filled in by the script.
WORDS: dict[str, tuple[str, str]] = {
    # frame
    "title_new": ("Ny netværksundersøgelse", "New network survey"),
    "title_survey": ("Netværksundersøgelse", "Network survey"),
    "skip_to_main": ("Spring til indholdet", "Skip to the content"),
    "language": ("Sprog", "Language"),
    "nav": ("Sider", "Pages"),
    "nav_maps": ("Netværkskort", "Network maps"),
    "nav_workshops": ("Workshops", "Workshops"),
    "nav_new": ("Ny undersøgelse", "New survey"),
    "demo_banner": (
        "Demotilstand: ingen nøgle, og alle kan redigere.",
        "Demo mode: no key needed, and everyone can edit.",
    ),
    "forbidden": (
        "Din nøgle giver ikke lov til at styre undersøgelser.",
        "Your key does not allow running surveys.",
    ),
    "forbidden_help": (
        "Undersøgelser kræver en nøgle med rollen redaktør (editor). Log ind med en anden nøgle.",
        "Surveys need a key with the editor role. Sign in with another key.",
    ),
    "sign_in_other": ("Log ind med en anden nøgle", "Sign in with another key"),
    "unauthorized": ("Log ind igen.", "Please sign in again."),
    "network_error": ("Kan ikke nå serveren.", "Cannot reach the server."),
    "error": ("Fejl: {0}", "Error: {0}"),
    "row_n": ("række {0}", "row {0}"),
    "column_n": ("kolonne «{0}»", "column “{0}”"),
    "loading": ("Henter …", "Loading …"),
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
    "none": ("Ingen.", "None."),
    # new survey
    "new_intro": (
        "Spørg partnerne selv, hvem de samarbejder med. Hver organisation får sit eget link "
        "(ingen konto), svarer på dansk eller engelsk, og svarene bliver til forbindelser i "
        "netværket, når du anvender dem.",
        "Ask the partners themselves whom they work with. Each organisation gets its own "
        "link (no account), answers in Danish or English, and the answers become ties in "
        "the network when you apply them.",
    ),
    "scope": ("Hvem spørges?", "Who is asked?"),
    "scope_help": (
        "Rosteret fyldes ud fra det valgte: et projekts deltagere og deres "
        "samarbejdspartnere, en kommunes aktører eller en workshops aktører. Du kan rette "
        "det bagefter.",
        "The roster is filled from the choice: a project's participants and their partners, "
        "a municipality's actors, or a workshop's actors. You can change it afterwards.",
    ),
    "scope_kind": ("Udgangspunkt", "Start from"),
    "scope_project": ("Et projekt", "A project"),
    "scope_municipality": ("En kommune", "A municipality"),
    "scope_workshop": ("En workshop", "A workshop"),
    "scope_roster": ("En liste, jeg selv laver", "A list I make myself"),
    "scope_pick_project": ("Projekt", "Project"),
    "scope_pick_municipality": ("Kommune", "Municipality"),
    "scope_pick_workshop": ("Workshop", "Workshop"),
    "choose": ("– vælg –", "– choose –"),
    "texts": ("Titel og formål", "Title and purpose"),
    "title_da": ("Titel på dansk", "Title in Danish"),
    "title_en": ("Titel på engelsk", "Title in English"),
    "purpose_da": ("Formål på dansk", "Purpose in Danish"),
    "purpose_en": ("Formål på engelsk", "Purpose in English"),
    "purpose_help": (
        "Vises for de adspurgte sammen med oplysningerne efter GDPR art. 13.",
        "Shown to respondents with the information of GDPR art. 13.",
    ),
    "asker_h": ("Hvem spørger?", "Who asks?"),
    "asker": ("Afsender (organisation)", "Sender (organisation)"),
    "asker_contact": ("Kontakt (e-mail eller telefon)", "Contact (e-mail or phone)"),
    "dates": ("Datoer", "Dates"),
    "closes_at": ("Lukker", "Closes"),
    "keep_answers_until": ("Svarene slettes", "Answers are deleted on"),
    "keep_help": (
        "Svar og kontaktpersoner slettes på denne dato (GDPR: opbevar ikke længere end "
        "nødvendigt).",
        "Answers and contact persons are deleted on this date (GDPR: keep no longer than needed).",
    ),
    "wave": ("Runde", "Wave"),
    "baseline": ("Sammenlign med (tidligere runde)", "Compare with (earlier wave)"),
    "no_baseline": ("Ingen – første runde", "None – the first wave"),
    "create": ("Opret undersøgelsen", "Create the survey"),
    "creating": ("Opretter …", "Creating …"),
    "required": ("Udfyld feltet «{0}».", "Fill in the field “{0}”."),
    "check_fields": ("Ret felterne markeret nedenfor.", "Fix the fields marked below."),
    # survey page: head
    "status_draft": ("Kladde", "Draft"),
    "status_open": ("Åben", "Open"),
    "status_closed": ("Lukket", "Closed"),
    "state_is": ("Status: {0}", "Status: {0}"),
    "open_survey": ("Åbn for svar", "Open for answers"),
    "close_survey": ("Luk for svar", "Close for answers"),
    "opened": ("Undersøgelsen er åben for svar.", "The survey is open for answers."),
    "closed": ("Undersøgelsen er lukket.", "The survey is closed."),
    "facts": ("Om undersøgelsen", "About the survey"),
    "f_scope": ("Udgangspunkt", "Start"),
    "f_asker": ("Afsender", "Sender"),
    "f_closes": ("Lukker", "Closes"),
    "f_keep": ("Svarene slettes", "Answers deleted"),
    "f_wave": ("Runde", "Wave"),
    "f_purpose": ("Formål", "Purpose"),
    "see_map": ("Se kortet over {0}", "See the map of {0}"),
    "see_scope_map": ("Se kortet", "See the map"),
    "see_workshop": ("Åbn workshoppen", "Open the workshop"),
    "see_analysis": ("Analysen (tillid og værdi, JSON)", "The analysis (trust and value, JSON)"),
    "see_answers": ("Svarene (CSV, pseudonymt)", "The answers (CSV, pseudonymous)"),
    # texts
    "texts_h": ("Tekster og spørgsmål", "Texts and questions"),
    "texts_help": (
        "Ret titel, formål og spørgsmål på dansk og engelsk. Et tomt felt bruger "
        "standardteksten (vist i feltet). {topic} bliver til titlen, {partner} til "
        "samarbejdspartnerens navn.",
        "Change the title, purpose and questions in Danish and English. An empty field uses "
        "the default text (shown in the field). {topic} becomes the title, {partner} the "
        "partner's name.",
    ),
    "q_caption": ("Spørgsmålene", "The questions"),
    "q_default": ("Spørgsmål", "Question"),
    "q_da": ("Dansk", "Danish"),
    "q_en": ("Engelsk", "English"),
    "q_da_of": ("Dansk tekst: {0}", "Danish text: {0}"),
    "q_en_of": ("Engelsk tekst: {0}", "English text: {0}"),
    "save_texts": ("Gem teksterne", "Save the texts"),
    "texts_saved": ("Teksterne er gemt.", "The texts are saved."),
    # roster
    "roster_h": ("1. Hvem spørges, og hvem kan nævnes", "1. Who is asked, and who may be named"),
    "roster_help": (
        "«Spørges» får et link. «Kan nævnes» står på listen, de adspurgte vælger fra. "
        "Personer, der ikke har givet samtykke, kan ikke komme på listen.",
        "“Asked” get a link. “May be named” are on the list respondents choose from. "
        "Persons who have not consented cannot be on the list.",
    ),
    "roster_caption": ("Listen over organisationer", "The list of organisations"),
    "r_name": ("Organisation", "Organisation"),
    "r_sector": ("Sektor", "Sector"),
    "r_locality": ("Kommune", "Municipality"),
    "r_asked": ("Spørges", "Asked"),
    "r_nameable": ("Kan nævnes", "May be named"),
    "r_invited": ("Inviteret", "Invited"),
    "r_answered": ("Har svaret", "Answered"),
    "r_remove": ("Fjern", "Remove"),
    "asked_of": ("Spørg {0}", "Ask {0}"),
    "nameable_of": ("{0} kan nævnes", "{0} may be named"),
    "remove_of": ("Fjern {0} fra listen", "Remove {0} from the list"),
    "add_actor": ("Tilføj en organisation", "Add an organisation"),
    "add": ("Tilføj", "Add"),
    "save_roster": ("Gem listen", "Save the list"),
    "roster_saved": ("Listen er gemt.", "The list is saved."),
    "roster_unsaved": ("Listen har ændringer, der ikke er gemt.", "The list has unsaved changes."),
    "roster_file": (
        "Hent listen fra en fil (CSV eller Excel)",
        "Load the list from a file (CSV or Excel)",
    ),
    "roster_file_help": (
        "Kolonner: id (eller aktør-id) eller navn, og evt. spørges (ja/nej).",
        "Columns: id (or aktør-id) or name, and optionally asked (yes/no).",
    ),
    "upload": ("Indlæs filen", "Load the file"),
    "uploaded": ("Listen er hentet fra {0}.", "The list was loaded from {0}."),
    "n_roster": ("{0} organisationer, {1} spørges.", "{0} organisations, {1} asked."),
    "empty_roster": ("Listen er tom.", "The list is empty."),
    # invitations
    "inv_h": ("2. Invitationer", "2. Invitations"),
    "inv_help": (
        "Hver organisation, der spørges, får ét link. Linket vises kun, når det oprettes: "
        "kopiér det, eller hent fletningsfilen. Kontaktpersonen gemmes adskilt fra netværket "
        "og kan slettes.",
        "Each organisation asked gets one link. The link is shown only when it is made: copy "
        "it, or download the mail merge file. The contact person is kept apart from the "
        "network and can be erased.",
    ),
    "contacts_caption": ("Kontaktpersoner til nye links", "Contact persons for new links"),
    "c_name": ("Kontaktperson", "Contact person"),
    "c_email": ("E-mail", "E-mail"),
    "c_name_of": ("Kontaktperson hos {0}", "Contact person at {0}"),
    "c_email_of": ("E-mail til {0}", "E-mail of {0}"),
    "expires_at": ("Linkene udløber", "The links expire"),
    "make_links": ("Opret links", "Create links"),
    "nobody_to_invite": (
        "Alle, der spørges, har et link.",
        "Everyone asked has a link.",
    ),
    "links_made": ("{0} links er oprettet.", "{0} links were created."),
    "one_link_made": ("1 link er oprettet.", "1 link was created."),
    "new_links_caption": (
        "Nye links – vises kun nu",
        "New links – shown only now",
    ),
    "link": ("Link", "Link"),
    "link_of": ("Link til {0}", "Link for {0}"),
    "copy": ("Kopiér", "Copy"),
    "copy_of": ("Kopiér linket til {0}", "Copy the link for {0}"),
    "copied": ("Linket er kopieret.", "The link was copied."),
    "copy_failed": (
        "Kunne ikke kopiere; markér linket og kopiér selv.",
        "Could not copy; select the link and copy it yourself.",
    ),
    "inv_caption": ("Invitationer", "Invitations"),
    "i_state": ("Status", "Status"),
    "i_contact": ("Kontakt", "Contact"),
    "i_expires": ("Udløber", "Expires"),
    "i_actions": ("Handlinger", "Actions"),
    "st_sent": ("ikke åbnet", "not opened"),
    "st_started": ("i gang", "started"),
    "st_submitted": ("besvaret", "answered"),
    "st_revoked": ("tilbagekaldt", "revoked"),
    "st_expired": ("udløbet", "expired"),
    "revoke": ("Tilbagekald", "Revoke"),
    "revoke_of": ("Tilbagekald linket til {0}", "Revoke the link for {0}"),
    "reissue": ("Nyt link", "New link"),
    "reissue_of": ("Lav et nyt link til {0}", "Make a new link for {0}"),
    "revoked_msg": ("Linket til {0} er tilbagekaldt.", "The link for {0} was revoked."),
    "reissued_msg": (
        "Nyt link til {0} er lavet (se ovenfor).",
        "A new link for {0} was made (see above).",
    ),
    "mail_merge": ("Fletning", "Mail merge"),
    "mail_merge_csv": (
        "Hent fletningsliste (CSV, nye links)",
        "Download the mail merge list (CSV, new links)",
    ),
    "mail_merge_zip": (
        "Hent e-mails (.eml i zip, nye links)",
        "Download e-mails (.eml in a zip, new links)",
    ),
    "mail_merge_help": (
        "Fletningsfilerne laver nye links til alle, der ikke har svaret (de gamle holder op "
        "med at virke).",
        "The mail merge files make new links for everyone who has not answered (the old "
        "ones stop working).",
    ),
    "reminders_h": ("Mangler at svare", "Not answered yet"),
    "no_reminders": ("Alle inviterede har svaret.", "Everyone invited has answered."),
    # status
    "status_h": ("3. Svar og forbindelser", "3. Answers and ties"),
    "live_help": (
        "Opdateres af sig selv, mens svarene kommer ind.",
        "Updates by itself as the answers come in.",
    ),
    "rate": ("Svarprocent: {0} ({1} af {2})", "Response rate: {0} ({1} of {2})"),
    "updated_at": ("Opdateret {0}", "Updated {0}"),
    "by_sector": ("Svar efter sektor", "Answers by sector"),
    "by_municipality": ("Svar efter kommune", "Answers by municipality"),
    "s_group_sector": ("Sektor", "Sector"),
    "s_group_municipality": ("Kommune", "Municipality"),
    "s_invited": ("Inviteret", "Invited"),
    "s_answered": ("Svaret", "Answered"),
    "s_rate": ("Svarprocent", "Response rate"),
    "ties_caption": ("Forbindelser efter svarene", "Ties from the answers"),
    "t_a": ("Organisation", "Organisation"),
    "t_b": ("Partner", "Partner"),
    "t_state": ("Bekræftelse", "Confirmation"),
    "t_weight": ("Styrke (1–5)", "Strength (1–5)"),
    "t_trust": ("Tillid (1–4)", "Trust (1–4)"),
    "t_value": ("Værdi (1–4)", "Value (1–4)"),
    "t_named_by": ("Nævnt af", "Named by"),
    "tie_confirmed": ("bekræftet af begge", "confirmed by both"),
    "tie_one_sided": ("nævnt af én", "named by one"),
    "tie_contradicted": ("modsagt", "contradicted"),
    "n_ties": (
        "{0} forbindelser: {1} bekræftet af begge, {2} nævnt af én, {3} modsagt.",
        "{0} ties: {1} confirmed by both, {2} named by one, {3} contradicted.",
    ),
    "no_ties": ("Ingen forbindelser endnu.", "No ties yet."),
    "review_h": ("Navne, der ikke er på listen", "Names not on the list"),
    "review_help": (
        "De adspurgte har nævnt nogen, der ikke er på listen. Vælg, hvilken aktør navnet er, "
        "eller se bort fra det. Navne uden afgørelse bliver ikke til forbindelser.",
        "Respondents named someone not on the list. Choose which actor the name is, or "
        "ignore it. Names without a decision do not become ties.",
    ),
    "review_caption": ("Venter på afgørelse", "Waiting for a decision"),
    "rv_name": ("Navn", "Name"),
    "rv_named_by": ("Nævnt af", "Named by"),
    "rv_actor": ("Er aktøren", "Is the actor"),
    "rv_actor_of": ("Hvilken aktør er «{0}»?", "Which actor is “{0}”?"),
    "rv_match": ("Brug aktøren", "Use the actor"),
    "rv_match_of": ("Brug aktøren valgt for «{0}»", "Use the actor chosen for “{0}”"),
    "rv_ignore": ("Se bort fra", "Ignore"),
    "rv_ignore_of": ("Se bort fra «{0}»", "Ignore “{0}”"),
    "rv_done": ("«{0}» er afgjort.", "“{0}” is decided."),
    "no_review": ("Ingen navne venter.", "No names are waiting."),
    # apply
    "apply_h": ("4. Skriv forbindelserne ind i netværket", "4. Write the ties into the network"),
    "apply_help": (
        "Prøv først: prøven viser, hvad der skrives, og hvor svarene strider mod data, der "
        "er skrevet ind i hånden. Sådanne konflikter skrives ikke, før du vælger. At anvende "
        "to gange ændrer intet.",
        "Try first: the trial shows what will be written, and where the answers conflict "
        "with curated data. Such conflicts are not written until you choose. Applying twice "
        "changes nothing.",
    ),
    "dry_run": ("Prøv", "Try"),
    "do_apply": ("Skriv ind i netværket", "Write into the network"),
    "apply_needs_dry_run": (
        "Prøv først; så kan du skrive.",
        "Try first; then you can write.",
    ),
    "running_dry": ("Prøver …", "Trying …"),
    "running_apply": ("Skriver …", "Writing …"),
    "dry_done": (
        "Prøven: {0} oprettes, {1} opdateres, {2} uændret. Intet er skrevet.",
        "Trial: {0} to create, {1} to update, {2} unchanged. Nothing was written.",
    ),
    "apply_done": (
        "Skrevet: {0} oprettet, {1} opdateret, {2} uændret.",
        "Written: {0} created, {1} updated, {2} unchanged.",
    ),
    "pending_review": (
        "{0} navne venter på afgørelse og er ikke med.",
        "{0} names wait for a decision and are left out.",
    ),
    "conflicts_caption": ("Konflikter med data skrevet i hånden", "Conflicts with curated data"),
    "k_pair": ("Forbindelse", "Tie"),
    "k_curated": ("I netværket nu", "In the network now"),
    "k_survey": ("Ifølge svarene", "According to the answers"),
    "k_choice": ("Hvad skal gælde?", "What should hold?"),
    "k_keep": ("Behold netværkets", "Keep the network's"),
    "k_use_survey": ("Skriv svarenes", "Write the answers'"),
    "k_choice_of": ("Hvad skal gælde for {0}?", "What should hold for {0}?"),
    "no_conflicts": ("Ingen konflikter.", "No conflicts."),
    "r_what": ("", ""),
    "see_result_map": ("Se forbindelserne på kortet", "See the ties on the map"),
}


def words(lang: i18n.Lang) -> dict[str, str]:
    """Every page word in ``lang`` (``"da"`` or ``"en"``): key to text."""
    return i18n.page_words(WORDS, lang)


def render_coordinator_page(
    *,
    lang: str,
    mode: Mode,
    demo: bool = False,
    survey_id: str | None = None,
    scope: dict[str, str] | None = None,
    choices: dict[str, list[dict[str, str]]] | None = None,
    mail_merge: bool = False,
    poll_ms: int = POLL_MS,
) -> str:
    """The page to create a survey, a survey's page, or a page that says the key may not.

    Parameters
    ----------
    lang
        ``"da"`` or ``"en"``: the words the page starts with (it can switch at once).
    mode
        ``"new"`` (the form that creates a survey), ``"survey"`` (one survey's roster,
        invitations, live status and apply) or ``"forbidden"`` (the reader is no editor).
    demo
        Whether the app runs in demo mode (a banner says so).
    survey_id
        The survey of ``mode="survey"``.
    scope
        ``{"kind", "id"}`` chosen beforehand (``/surveys/new?project=…``).
    choices
        Lists of ``{"id", "name"}`` (and ``sector``, ``locality`` for actors) the page offers:
        ``projects``, ``municipalities``, ``workshops``, ``actors``, ``surveys``.
    mail_merge
        Whether the app has the mail merge routes (the page then links them).
    poll_ms
        How often the survey page asks for the survey's version, in milliseconds.

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
    >>> html = render_coordinator_page(lang="da", mode="new")
    >>> "Ny netværksundersøgelse" in html
    True
    """
    language = i18n.check_lang(lang)
    config: dict[str, Any] = {
        "lang": language,
        "mode": mode,
        "surveyId": survey_id,
        "scope": scope or {},
        "choices": choices or {},
        "mailMerge": mail_merge,
        "pollMs": poll_ms,
        "scopeKinds": list(SCOPE_KINDS),
        "words": {code: words(code) for code in i18n.LANGS},
        "enums": i18n.enum_table(["sector", "tie_kind"]),
        "questions": {key: list(pair) for key, pair in QUESTIONS.items()},
    }
    w = words(language)
    return template("survey/coordinator.html").render(
        lang=language,
        w=w,
        mode=mode,
        demo=demo,
        survey_id=survey_id or "",
        favicon=favicon_url(),
        scope_kinds=SCOPE_KINDS,
        # Markup: our own assets and JSON escaped by _json_for_script, never raw data text.
        css=Markup(_asset("forms.css") + _asset("survey/coordinator.css")),  # noqa: S704
        config=Markup(_json_for_script(config)),  # noqa: S704
    )
