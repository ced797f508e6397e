"""The words of a survey, Danish first and English second: the questions, the answers'
labels, the answer page's words and messages, and the GDPR art. 13 information.

Every other survey module imports its words from here, so a word is written once.

**Questions** (:data:`QUESTIONS`) have defaults that a coordinator can replace per
survey, key by key and language by language: a survey's ``questions`` is
``{key: {"da": text, "en": text}}`` (either language may be left out) and
:func:`question_texts` merges it over the defaults; :func:`check_questions` refuses
unknown keys, languages and placeholders. A question may name the survey's topic
(``{topic}``, its title) and, on a partner's page, the partner (``{partner}``).

**Answers.** The ratings follow PARTNER (the Partnership Trust Tool): three trust
dimensions and three value dimensions (:data:`TRUST`, :data:`VALUE`), each on the 1–4
scale :data:`SCALE`, or "ved ikke" (``None``). How often two organisations work
together (:data:`FREQUENCIES`), what a partner contributes (:data:`CONTRIBUTIONS`),
what the collaboration achieved (:data:`OUTCOMES`); the kinds of collaboration are the
tie kinds of the model, named as everywhere else (:func:`graphsvc.i18n.label`,
group ``tie_kind``).

**Privacy.** :func:`privacy_notice` writes the information a respondent must get when
answering (GDPR art. 13): who asks and how to reach them, why, on which legal basis, who
sees the answers, how long they are kept, and the respondent's rights.

Examples
--------
>>> question_texts({"partners": {"en": "Who do you work with?"}})["en"]["partners"]
'Who do you work with?'
>>> question_texts(None)["da"]["partners"]
'Hvilke af disse samarbejder I med om {topic}?'
>>> label("da", "scale", 4), label("en", "frequency", "weekly")
('i høj grad', 'Weekly')
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import string
from collections.abc import Mapping
from typing import Any

from graphsvc import i18n
from graphsvc.dates import format_date
from graphsvc.errors import Problem, ValidationError
from graphsvc.model import CollaborationKind
from graphsvc.surveys.model import TRUST_DIMENSIONS, VALUE_DIMENSIONS

log = logging.getLogger(__name__)

__all__ = [
    "CONTRIBUTIONS",
    "DIMENSIONS",
    "DONT_KNOW",
    "FREQUENCIES",
    "HTTP_ERRORS",
    "OUTCOMES",
    "PLACEHOLDERS",
    "QUESTIONS",
    "SCALE",
    "TIE_STATES",
    "TRUST",
    "VALUE",
    "WORDS",
    "check_questions",
    "kinds",
    "label",
    "privacy_notice",
    "question_texts",
]

Pair = tuple[str, str]
LANGS = i18n.LANGS

#: The placeholders a question may use: the survey's topic (its title) and the partner
#: rated on the page.
PLACEHOLDERS = frozenset({"topic", "partner"})

#: The questions, ``key -> (da, en)``; a coordinator may replace each (``questions``).
QUESTIONS: dict[str, Pair] = {
    "intro": (
        "Undersøgelsen kortlægger, hvem der arbejder sammen med hvem om {topic}, og hvordan "
        "samarbejdet fungerer. Det tager omkring 10 minutter. Du kan gemme undervejs og "
        "fortsætte senere med det samme link.",
        "This survey maps who works with whom on {topic}, and how the collaboration works. "
        "It takes about 10 minutes. You can save as you go and continue later with the same "
        "link.",
    ),
    "partners": (
        "Hvilke af disse samarbejder I med om {topic}?",
        "Which of these do you work with on {topic}?",
    ),
    "partners_hint": (
        "Vælg alle dem, I arbejder sammen med. Skriv i søgefeltet for at finde en "
        "organisation hurtigt.",
        "Choose everyone you work with. Type in the search field to find an organisation quickly.",
    ),
    "frequency": (
        "Hvor ofte arbejder I sammen med {partner}?",
        "How often do you work with {partner}?",
    ),
    "kinds": (
        "Hvilke slags samarbejde har I med {partner}?",
        "What kinds of collaboration do you have with {partner}?",
    ),
    "since": (
        "Hvilket år begyndte samarbejdet med {partner}?",
        "In which year did the collaboration with {partner} begin?",
    ),
    "trust": ("Tillid", "Trust"),
    "trust_hint": (
        "Hvordan oplever I {partner}? Svar ud fra jeres egne erfaringer.",
        "How do you find {partner}? Answer from your own experience.",
    ),
    "reliable": (
        "I hvilken grad er {partner} pålidelig – gør de det, de har lovet?",
        "To what extent is {partner} reliable – do they do what they promise?",
    ),
    "mission": (
        "I hvilken grad støtter {partner} samarbejdets mission og mål?",
        "To what extent does {partner} support the mission and goals of the collaboration?",
    ),
    "open": (
        "I hvilken grad er {partner} åben for diskussion, også når I er uenige?",
        "To what extent is {partner} open to discussion, also when you disagree?",
    ),
    "value": ("Værdi for samarbejdet", "Value to the collaboration"),
    "power": (
        "I hvilken grad har {partner} magt og indflydelse, der kan flytte noget?",
        "To what extent does {partner} have the power and influence to move things?",
    ),
    "involvement": (
        "I hvilken grad er {partner} engageret og aktiv i samarbejdet?",
        "To what extent is {partner} committed and active in the collaboration?",
    ),
    "resources": (
        "I hvilken grad bidrager {partner} med ressourcer som penge, viden eller tid?",
        "To what extent does {partner} contribute resources such as money, knowledge or time?",
    ),
    "contributes": (
        "Hvad bidrager {partner} med?",
        "What does {partner} contribute?",
    ),
    "outcomes": (
        "Hvad har samarbejdet om {topic} opnået indtil nu?",
        "What has the collaboration on {topic} achieved so far?",
    ),
    "comment": (
        "Er der andet, du vil fortælle om samarbejdet?",
        "Is there anything else you would like to say about the collaboration?",
    ),
}

#: The six PARTNER dimensions' short names (column titles, the coordinator's tables).
DIMENSIONS: dict[str, Pair] = {
    "reliable": ("Pålidelig", "Reliable"),
    "mission": ("Støtter missionen", "Supports the mission"),
    "open": ("Åben for diskussion", "Open to discussion"),
    "power": ("Magt og indflydelse", "Power and influence"),
    "involvement": ("Engagement", "Level of involvement"),
    "resources": ("Bidrag med ressourcer", "Contributes resources"),
}
#: PARTNER's trust and value dimensions (the rating fields of :mod:`graphsvc.surveys.model`).
TRUST: tuple[str, ...] = TRUST_DIMENSIONS
VALUE: tuple[str, ...] = VALUE_DIMENSIONS

#: PARTNER's 1–4 scale.
SCALE: dict[int, Pair] = {
    1: ("slet ikke", "not at all"),
    2: ("i mindre grad", "a small amount"),
    3: ("i nogen grad", "a fair amount"),
    4: ("i høj grad", "a great deal"),
}
#: The answer that leaves a rating out (stored as ``null``).
DONT_KNOW: Pair = ("ved ikke", "don't know")

#: How often, most often first (the weight of a tie comes from this, see the surveys'
#: service).
FREQUENCIES: dict[str, Pair] = {
    "daily": ("Dagligt", "Daily"),
    "weekly": ("Ugentligt", "Weekly"),
    "monthly": ("Månedligt", "Monthly"),
    "quarterly": ("Hvert kvartal", "Every quarter"),
    "yearly": ("Årligt", "Yearly"),
    "never": ("Sjældnere eller aldrig", "Less often, or never"),
}

#: What a partner brings (PARTNER's resource list).
CONTRIBUTIONS: dict[str, Pair] = {
    "funding": ("Penge", "Funding"),
    "in_kind": ("Lokaler, udstyr eller andet i naturalier", "Rooms, equipment or other in kind"),
    "paid_staff": ("Lønnede medarbejdere", "Paid staff"),
    "volunteers": ("Frivillige", "Volunteers"),
    "data": ("Data", "Data"),
    "information": ("Information og viden", "Information and knowledge"),
    "specific_expertise": ("Faglig ekspertise", "Specific expertise"),
    "other_expertise": ("Anden ekspertise", "Other expertise"),
    "community_connections": ("Kontakt til lokalsamfundet", "Community connections"),
    "fiscal_management": ("Økonomistyring", "Fiscal management"),
    "facilitation": ("Facilitering og mødeledelse", "Facilitation and leadership"),
    "advocacy": ("Fortalervirksomhed", "Advocacy"),
    "it_web": ("IT og web", "IT and web"),
    "other": ("Andet", "Other"),
}

#: What the collaboration achieved.
OUTCOMES: dict[str, Pair] = {
    "better_services": ("Bedre tilbud til borgerne", "Better services for citizens"),
    "shared_resources": ("Vi deler ressourcer", "Shared resources"),
    "new_funding": ("Ny finansiering", "New funding"),
    "new_knowledge": ("Ny viden", "New knowledge"),
    "policy_influence": (
        "Indflydelse på politik og beslutninger",
        "Influence on policy and decisions",
    ),
    "community_support": ("Opbakning i lokalsamfundet", "Community support"),
    "less_duplication": ("Mindre dobbeltarbejde", "Less duplication of work"),
    "new_partners": ("Nye samarbejdspartnere", "New partners"),
    "other": ("Andet", "Other"),
}

#: The states of a tie between two organisations, as graphsvc names them everywhere
#: (:mod:`graphsvc.i18n`, group ``tie_confirmation``).
TIE_STATES: dict[str, Pair] = dict(i18n.ENUM_LABELS["tie_confirmation"])

#: The answer page's words, ``key -> (da, en)``; ``{0}``, ``{1}`` are filled in by its
#: script.
WORDS: dict[str, Pair] = {
    "title": ("Spørgeskema om samarbejde", "Survey on collaboration"),
    "skip_to_main": ("Spring til indholdet", "Skip to the content"),
    "language": ("Sprog", "Language"),
    "loading": ("Henter spørgeskemaet …", "Loading the survey …"),
    "needs_script": (
        "Spørgeskemaet kræver JavaScript. Slå det til i browseren, og hent siden igen.",
        "The survey needs JavaScript. Turn it on in the browser and reload the page.",
    ),
    "progress": ("Side {0} af {1}", "Page {0} of {1}"),
    "progress_partner": (
        "Side {0} af {1} · samarbejdspartner {2} af {3}",
        "Page {0} of {1} · partner {2} of {3}",
    ),
    "step_intro": ("Om undersøgelsen", "About the survey"),
    "step_partners": ("Jeres samarbejdspartnere", "Your partners"),
    "step_ratings": ("Samarbejdet med {0}", "Working with {0}"),
    "step_outcomes": ("Hvad samarbejdet har givet", "What the collaboration achieved"),
    "asked_by": ("Spørgeskemaet er sendt af {0}.", "The survey is sent by {0}."),
    "respondent": ("Du svarer for {0}.", "You answer for {0}."),
    "closes": ("Svar senest {0}.", "Please answer by {0}."),
    "resumed": (
        "Velkommen tilbage. Dine tidligere svar er gemt; du fortsætter, hvor du slap.",
        "Welcome back. Your earlier answers are saved; you continue where you left off.",
    ),
    # buttons
    "start": ("Start", "Start"),
    "next": ("Gem og fortsæt", "Save and continue"),
    "back": ("Tilbage", "Back"),
    "send": ("Gem og send svarene", "Save and send the answers"),
    "saving": ("Gemmer …", "Saving …"),
    "saved": ("Gemt.", "Saved."),
    "sending": ("Sender …", "Sending …"),
    # the name generator
    "search": ("Søg blandt organisationerne", "Search the organisations"),
    "search_hint": (
        "Skriv en del af navnet; listen viser kun dem, der passer.",
        "Type part of the name; the list shows only those that match.",
    ),
    "shown": ("Viser {0} af {1}.", "Showing {0} of {1}."),
    "no_match": (
        "Ingen organisationer passer på «{0}». Er den ikke på listen, kan du tilføje den nedenfor.",
        "No organisation matches “{0}”. If it is not on the list, you can add it below.",
    ),
    "chosen": ("Valgt: {0}.", "Chosen: {0}."),
    "none_chosen": ("Ingen valgt endnu.", "None chosen yet."),
    "other_legend": ("Nogen, der ikke er på listen", "Someone not on the list"),
    "other_name": ("Organisationens navn", "The organisation's name"),
    "other_hint": (
        "Skriv navnet på en organisation, I samarbejder med, og tryk Tilføj.",
        "Type the name of an organisation you work with and press Add.",
    ),
    "add": ("Tilføj", "Add"),
    "added": ("{0} er tilføjet.", "{0} has been added."),
    "not_on_list": ("ikke på listen", "not on the list"),
    # the ratings
    "choose_all": ("Vælg alle, der passer.", "Choose all that apply."),
    "since_hint": (
        "Fx 2019. Lad feltet stå tomt, hvis du ikke ved det.",
        "E.g. 2019. Leave the field empty if you do not know.",
    ),
    "scale_hint": (
        "1 = slet ikke, 4 = i høj grad.",
        "1 = not at all, 4 = a great deal.",
    ),
    "comment_hint": (
        "Skriv ikke navne på personer eller andre personoplysninger. Højst {0} tegn.",
        "Please do not write names of people or other personal data. At most {0} characters.",
    ),
    "characters_left": ("{0} tegn tilbage.", "{0} characters left."),
    "optional": ("(kan udelades)", "(optional)"),
    # errors in the answers
    "error_summary": ("Ret venligst dette:", "Please correct the following:"),
    "error_prefix": ("Fejl:", "Error:"),
    "err_no_partner": (
        "Vælg mindst én organisation, eller tilføj en, der ikke er på listen.",
        "Choose at least one organisation, or add one that is not on the list.",
    ),
    "err_frequency": (
        "Vælg, hvor ofte I arbejder sammen.",
        "Choose how often you work together.",
    ),
    "err_kinds": (
        "Vælg mindst én slags samarbejde.",
        "Choose at least one kind of collaboration.",
    ),
    "err_since": (
        "Skriv et årstal mellem 1900 og {0}, eller lad feltet stå tomt.",
        "Enter a year between 1900 and {0}, or leave the field empty.",
    ),
    "err_other_empty": ("Skriv organisationens navn.", "Enter the organisation's name."),
    "err_other_twice": (
        "{0} er allerede valgt.",
        "{0} is already chosen.",
    ),
    "err_comment": (
        "Kommentaren er for lang: højst {0} tegn.",
        "The comment is too long: at most {0} characters.",
    ),
    # the end
    "thanks_title": ("Tak for dine svar", "Thank you for your answers"),
    "thanks_text": (
        "Dine svar er sendt til {0}. Du kan lukke siden nu.",
        "Your answers have been sent to {0}. You can close the page now.",
    ),
    "already_sent": (
        "Svarene fra dette link er allerede sendt. Tak!",
        "The answers from this link have already been sent. Thank you!",
    ),
}

#: What the page says when the API answers with an error status (``{0}``: whom to
#: contact, or "den, der sendte linket" / "whoever sent you the link").
HTTP_ERRORS: dict[int | str, Pair] = {
    404: (
        "Linket virker ikke. Tjek, at du har brugt hele linket fra din mail. Virker det "
        "stadig ikke, så kontakt den, der sendte det.",
        "The link does not work. Check that you used the whole link from your e-mail. If "
        "it still does not work, contact whoever sent it to you.",
    ),
    410: (
        "Undersøgelsen er lukket, eller linket er udløbet eller trukket tilbage. Kontakt "
        "{0}, hvis du stadig vil svare.",
        "The survey is closed, or the link has expired or been withdrawn. Contact {0} if "
        "you still want to answer.",
    ),
    429: (
        "Der er for mange forsøg lige nu. Vent et minut, og prøv igen.",
        "There are too many attempts right now. Wait a minute and try again.",
    ),
    409: (
        "Svarene er allerede sendt og kan ikke ændres længere.",
        "The answers have already been sent and can no longer be changed.",
    ),
    422: (
        "Nogle af svarene kunne ikke gemmes. Ret dem, og prøv igen.",
        "Some of the answers could not be saved. Correct them and try again.",
    ),
    "network": (
        "Siden kan ikke nå serveren, så svarene på denne side er ikke gemt endnu. Tjek "
        "forbindelsen, og prøv igen.",
        "The page cannot reach the server, so the answers on this page are not saved yet. "
        "Check the connection and try again.",
    ),
    "other": (
        "Noget gik galt på serveren; svarene på denne side er ikke gemt. Prøv igen om lidt.",
        "Something went wrong on the server; the answers on this page are not saved. Try "
        "again in a little while.",
    ),
    "title": ("Linket kan ikke bruges", "The link cannot be used"),
    "contact_fallback": ("den, der sendte linket", "whoever sent you the link"),
}

#: The headings of the GDPR art. 13 information, in the order shown.
PRIVACY_HEADINGS: dict[str, Pair] = {
    "title": ("Sådan behandler vi dine oplysninger", "How your information is handled"),
    "who": ("Hvem spørger", "Who is asking"),
    "why": ("Hvorfor", "Why"),
    "basis": ("Retsgrundlag", "Legal basis"),
    "what": ("Hvad gemmes", "What is stored"),
    "recipients": ("Hvem ser svarene", "Who sees the answers"),
    "keep": ("Hvor længe", "How long"),
    "rights": ("Dine rettigheder", "Your rights"),
}
_PRIVACY: dict[str, Pair] = {
    "who": (
        "{asker} står bag undersøgelsen og er dataansvarlig. Kontakt: {contact}.",
        "{asker} runs the survey and is the data controller. Contact: {contact}.",
    ),
    "why_default": (
        "At kortlægge samarbejdet om {topic}, så det kan styrkes.",
        "To map the collaboration on {topic}, so that it can be strengthened.",
    ),
    "voluntary": (
        "Det er frivilligt at svare.",
        "Answering is voluntary.",
    ),
    "basis": (
        "Oplysningerne behandles for at udføre en opgave i samfundets interesse eller som "
        "led i offentlig myndighedsudøvelse (databeskyttelsesforordningens artikel 6, "
        "stk. 1, litra e).",
        "The information is processed to carry out a task in the public interest or in the "
        "exercise of official authority (General Data Protection Regulation, article "
        "6(1)(e)).",
    ),
    "what": (
        "Hvilke organisationer I samarbejder med, og hvordan I vurderer samarbejdet. Navn og "
        "e-mail på den, der fik linket, gemmes adskilt fra svarene og bruges kun til at "
        "sende linket og påmindelser.",
        "Which organisations you work with, and how you rate the collaboration. The name "
        "and e-mail of the person who got the link are kept apart from the answers and used "
        "only to send the link and reminders.",
    ),
    "recipients": (
        "De medarbejdere hos {asker}, der koordinerer undersøgelsen. Samarbejderne kan "
        "indgå i netværkskortet over partnerskabet med oplysning om, at de kommer fra "
        "denne undersøgelse. Navne og e-mails på kontaktpersoner vises aldrig på kortet, "
        "og svarene gives ikke videre til andre.",
        "The staff at {asker} who coordinate the survey. The collaborations can appear on "
        "the partnership's network map, marked as coming from this survey. Contact "
        "persons' names and e-mails are never shown on the map, and the answers are not "
        "passed on to anyone else.",
    ),
    "keep_until": (
        "Svarene gemmes til og med {date} og slettes derefter.",
        "The answers are kept until {date} and then deleted.",
    ),
    "keep_open": (
        "Svarene gemmes, så længe undersøgelsen bruges, og slettes derefter. Spørg "
        "{contact}, hvis du vil vide præcis hvornår.",
        "The answers are kept while the survey is in use and then deleted. Ask {contact} "
        "if you want to know exactly when.",
    ),
    "rights": (
        "Du har ret til at få indsigt i de oplysninger, der er registreret om dig, og til "
        "at få forkerte oplysninger rettet eller oplysningerne slettet. Du kan også bede "
        "om, at behandlingen begrænses, og gøre indsigelse mod den. Skriv til {contact}.",
        "You have the right to see the information held about you, to have wrong "
        "information corrected, and to have it erased. You can also ask for the processing "
        "to be restricted, and object to it. Write to {contact}.",
    ),
    "complaint": (
        "Du kan klage over behandlingen til Datatilsynet, Carl Jacobsens Vej 35, 2500 Valby, "
        "www.datatilsynet.dk.",
        "You can complain about the processing to the Danish Data Protection Agency "
        "(Datatilsynet), Carl Jacobsens Vej 35, 2500 Valby, Denmark, www.datatilsynet.dk.",
    ),
}

_LABEL_GROUPS: dict[str, Mapping[Any, Pair]] = {
    "frequency": FREQUENCIES,
    "contributes": CONTRIBUTIONS,
    "outcomes": OUTCOMES,
    "scale": SCALE,
    "dimension": DIMENSIONS,
    "tie_state": TIE_STATES,
}


def _pick(pair: Pair, lang: str) -> str:
    return pair[0] if lang == "da" else pair[1]


def label(lang: i18n.Lang, group: str, value: object) -> str:
    """The label of an answer: ``group`` is ``frequency``, ``contributes``, ``outcomes``,
    ``scale`` (1–4; ``None`` is "ved ikke"), ``dimension``, ``tie_state`` or ``kind``
    (the tie kinds, as :func:`graphsvc.i18n.label` names them).

    Examples
    --------
    >>> label("da", "scale", None), label("da", "kind", "knowledge_exchange")
    ('ved ikke', 'Videndeling')
    >>> label("en", "tie_state", "one_sided")
    'named by one'
    """
    if group == "kind":
        return i18n.label(lang, "tie_kind", value)
    if group == "scale" and value is None:
        return _pick(DONT_KNOW, lang)
    table = _LABEL_GROUPS.get(group)
    if table is None:
        raise ValueError(f"no answer labels for {group!r}")
    pair = table.get(value) if group != "scale" else table.get(int(str(value)))
    if pair is None:
        return str(value).replace("_", " ")
    return _pick(pair, lang)


def kinds() -> dict[str, Pair]:
    """The kinds of collaboration a respondent can choose, in the model's order, with the
    words graphsvc uses for tie kinds everywhere.

    Examples
    --------
    >>> kinds()["partnership"]
    ('Partnerskab', 'Partnership')
    """
    return {
        kind.value: (i18n.label("da", "tie_kind", kind), i18n.label("en", "tie_kind", kind))
        for kind in CollaborationKind
    }


def _placeholders(text: str) -> set[str]:
    try:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError:
        return {"{"}  # an unmatched brace: reported as an unknown placeholder


def check_questions(questions: Mapping[str, Any] | None) -> dict[str, dict[str, str]]:
    """A survey's question overrides, checked: ``{key: {"da"|"en": text}}``.

    Parameters
    ----------
    questions
        The overrides as given (``None`` or ``{}``: none).

    Returns
    -------
    dict
        The overrides with surrounding white space removed and empty texts left out.

    Raises
    ------
    ValidationError
        For an unknown question key or language, a text that is not a string or longer
        than 1,000 characters, or a placeholder other than ``{topic}`` and ``{partner}``;
        each problem names its field (``questions.<key>.<lang>``).

    Examples
    --------
    >>> check_questions({"since": {"da": " Siden hvornår? "}})
    {'since': {'da': 'Siden hvornår?'}}
    >>> check_questions({"colour": {"da": "Blå?"}})
    Traceback (most recent call last):
    ...
    graphsvc.errors.ValidationError: the survey's questions have 1 problem
      - column 'questions.colour': unknown question; the questions are: intro, ...
    """
    problems: list[Problem] = []
    checked: dict[str, dict[str, str]] = {}
    for key, texts in (questions or {}).items():
        where = f"questions.{key}"
        if key not in QUESTIONS:
            known = ", ".join(QUESTIONS)
            problems.append(Problem(f"unknown question; the questions are: {known}", column=where))
            continue
        if not isinstance(texts, Mapping):
            problems.append(Problem('give the texts as {"da": …, "en": …}', column=where))
            continue
        for lang, text in texts.items():
            field = f"{where}.{lang}"
            if lang not in LANGS:
                problems.append(Problem("the languages are da and en", column=field))
            elif text is None:
                continue  # that language keeps its default
            elif not isinstance(text, str):
                problems.append(Problem("a question is a text", column=field, value=text))
            elif len(text) > 1000:
                problems.append(Problem("a question has at most 1,000 characters", column=field))
            elif unknown := _placeholders(text) - PLACEHOLDERS:
                problems.append(
                    Problem(
                        f"unknown placeholder {sorted(unknown)[0]!r}: a question may use "
                        "{topic} and {partner}",
                        column=field,
                    )
                )
            elif text.strip():
                checked.setdefault(key, {})[lang] = text.strip()
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        raise ValidationError(
            f"the survey's questions have {len(problems)} {noun}", details=problems
        )
    return checked


def question_texts(
    questions: Mapping[str, Any] | None, *, strict: bool = True
) -> dict[str, dict[str, str]]:
    """Every question in both languages: the defaults, replaced key by key and language by
    language by a survey's ``questions``.

    Parameters
    ----------
    questions
        The survey's overrides, ``{key: {"da": text, "en": text}}`` (checked with
        :func:`check_questions`).
    strict
        Whether an override that does not pass the check is an error; otherwise it is
        left out (the answer page shows a stored survey as well as it can).

    Returns
    -------
    dict
        ``{"da": {key: text}, "en": {key: text}}`` with the placeholders left in.

    Raises
    ------
    ValidationError
        As :func:`check_questions`, when ``strict``.
    """
    if strict:
        overrides = check_questions(questions)
    else:
        overrides = {}
        for key, texts in (questions or {}).items():
            try:
                overrides.update(check_questions({key: texts}))
            except ValidationError as exc:
                log.warning("a survey's question %r is left out: %s", key, exc)
    return {
        lang: {
            key: overrides.get(key, {}).get(lang, _pick(pair, lang))
            for key, pair in QUESTIONS.items()
        }
        for lang in LANGS
    }


_CLOSING_PUNCT = re.compile(r"[.!?]$")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or _CLOSING_PUNCT.search(text) else text + "."


def privacy_notice(
    lang: i18n.Lang,
    *,
    asker: str | None,
    asker_contact: str | None,
    purpose: str | None,
    keep_answers_until: dt.date | str | None,
    topic: str = "",
) -> list[dict[str, str]]:
    """The GDPR art. 13 information for a respondent, as headed paragraphs.

    Parameters
    ----------
    lang
        ``"da"`` or ``"en"``.
    asker, asker_contact
        Who asks (the data controller) and how to reach them (e-mail or phone).
    purpose
        Why the survey is made, in ``lang`` (a default sentence naming ``topic`` when
        empty).
    keep_answers_until
        The day after which the answers are deleted (``None``: "while the survey is in
        use").
    topic
        The survey's title, for the default purpose.

    Returns
    -------
    list of dict
        ``{"key", "heading", "text"}`` in reading order: who, why, basis, what,
        recipients, keep, rights.

    Examples
    --------
    >>> notice = privacy_notice("da", asker="Middelfart Kommune", asker_contact="sam@mk.dk",
    ...     purpose="At styrke samarbejdet", keep_answers_until="2027-06-30")
    >>> [s["heading"] for s in notice][:3]
    ['Hvem spørger', 'Hvorfor', 'Retsgrundlag']
    >>> notice[5]["text"]
    'Svarene gemmes til og med 30. juni 2027 og slettes derefter.'
    """
    fallback = _pick(HTTP_ERRORS["contact_fallback"], lang)
    values = {
        "asker": (asker or "").strip() or fallback,
        "contact": (asker_contact or "").strip() or fallback,
        "topic": topic.strip(),
    }
    why = _sentence(purpose or "") or _pick(_PRIVACY["why_default"], lang).format(**values)
    if keep_answers_until:
        keep = _pick(_PRIVACY["keep_until"], lang).format(
            date=format_date(keep_answers_until, "day", lang)
        )
    else:
        keep = _pick(_PRIVACY["keep_open"], lang).format(**values)
    texts = {
        "who": _pick(_PRIVACY["who"], lang).format(**values),
        "why": f"{why} {_pick(_PRIVACY['voluntary'], lang)}",
        "basis": _pick(_PRIVACY["basis"], lang),
        "what": _pick(_PRIVACY["what"], lang),
        "recipients": _pick(_PRIVACY["recipients"], lang).format(**values),
        "keep": keep,
        "rights": " ".join(
            (
                _pick(_PRIVACY["rights"], lang).format(**values),
                _pick(_PRIVACY["complaint"], lang),
            )
        ),
    }
    return [
        {"key": key, "heading": _pick(PRIVACY_HEADINGS[key], lang), "text": text}
        for key, text in texts.items()
    ]
