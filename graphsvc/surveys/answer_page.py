"""The answer page of a survey (``GET /s/{token}``): what a respondent sees.

One HTML document, like the import and workshop pages: its CSS
(``visualisations/survey/answer.css``) is inlined, its script is the one module
``/assets/survey/answer.js``, the favicon is a ``data:`` URL, and the only requests the
page makes go to the app it came from: ``PUT /s/{token}/pages/{page}`` for each page and
``POST /s/{token}/submit``. The respondent's form (``Surveys.form``) travels inside the
page, so a slow phone waits for one answer, not two.

Both languages' words, questions (with the survey's overrides), answer labels and GDPR
information travel with the page, so it switches language without a reload; the
server renders the first one. Names (organisations, the survey's own texts) reach the
DOM only through ``textContent``; the configuration is JSON in a
``<script type="application/json">`` with ``<``, ``>``, ``&`` escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from graphsvc import i18n
from graphsvc.dates import format_date
from graphsvc.maps.html import _asset, _json_for_script, favicon_url, template
from graphsvc.reference import municipalities
from graphsvc.surveys import texts
from graphsvc.surveys.model import MAX_COMMENT

__all__ = ["ERROR_STATUSES", "page_lang", "render_answer_page", "words"]

#: The statuses the page explains in words (others are "something went wrong").
ERROR_STATUSES = (404, 409, 410, 429)

# The nouns the page counts (singular/plural as graphsvc.i18n has them).
_NOUNS = ("organisation", "partner")


def page_lang(query: str | None, accept_language: str, saved: str | None = None) -> str:
    """The language of the page: ``query`` (``?lang=``) if given, else the first of Danish
    and English in the browser's ``Accept-Language`` (by its q-values), else the
    language the respondent saved in, else Danish.

    Examples
    --------
    >>> page_lang(None, "de-DE,de;q=0.9,en;q=0.8,da;q=0.7")
    'en'
    >>> page_lang(None, "da-DK,da;q=0.9,en-US;q=0.8"), page_lang("en", "da")
    ('da', 'en')
    >>> page_lang(None, "fr", saved="en"), page_lang(None, "")
    ('en', 'da')
    """
    if query in texts.LANGS:
        return query
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in texts.LANGS and quality > 0:
            ranked.append((-quality, position, primary))
    if ranked:
        return min(ranked)[2]
    return saved if saved in texts.LANGS else "da"


def _both(value: Any) -> dict[str, str]:
    """A text given as ``{da, en}`` or as one string, in both languages."""
    if isinstance(value, Mapping):
        da, en = str(value.get("da") or ""), str(value.get("en") or "")
        return {"da": da or en, "en": en or da}
    text = "" if value is None else str(value)
    return {"da": text, "en": text}


def _roster(entries: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The organisations a respondent may name, each with its sector and municipality in
    both languages (the municipality's name for its code), by name."""
    names = {m.locality: m.name for m in municipalities().values()}
    out: list[dict[str, Any]] = []
    for entry in entries:
        sector, locality = entry.get("sector"), entry.get("locality")
        out.append(
            {
                "id": str(entry["id"]),
                "name": str(entry.get("name") or entry["id"]),
                "sector": [i18n.label(lang, "sector", sector) for lang in texts.LANGS]
                if sector
                else None,
                "place": names.get(str(locality), str(locality)) if locality else None,
            }
        )
    out.sort(key=lambda o: (str(o["name"]).casefold(), str(o["id"])))
    return out


def _respondent_config(form: Mapping[str, Any]) -> dict[str, Any]:
    """What the script needs of ``Surveys.form(token)``, in both languages."""
    survey: Mapping[str, Any] = form.get("survey") or {}
    title = _both(survey.get("title"))
    purpose = _both(survey.get("purpose"))
    questions = survey.get("questions")
    closes = survey.get("closes_at")
    keep = survey.get("keep_answers_until")
    respondent_name = (form.get("respondent") or {}).get("name")
    return {
        "title": title,
        "asker": survey.get("asker") or "",
        "contact": survey.get("asker_contact") or "",
        "respondent": respondent_name or "",
        "closes": {lang: format_date(str(closes)[:10], "day", lang) for lang in texts.LANGS}
        if closes
        else None,
        "questions": texts.question_texts(questions, strict=False),
        "privacy": {
            lang: texts.privacy_notice(
                lang,
                asker=survey.get("asker"),
                asker_contact=survey.get("asker_contact"),
                purpose=purpose[lang],
                keep_answers_until=str(keep)[:10] if keep else None,
                topic=title[lang],
            )
            for lang in texts.LANGS
        },
        "roster": _roster(list(form.get("roster") or [])),
        "answers": form.get("answers") or {},
        "pagesDone": list(form.get("pages_done") or []),
        "submitted": bool(form.get("submitted")),
    }


def _pairs(table: Mapping[Any, texts.Pair]) -> list[list[Any]]:
    """``[[key, da, en], …]`` in the table's order (JSON objects lose their order here)."""
    return [[key, da, en] for key, (da, en) in table.items()]


def words() -> dict[str, dict[str, str]]:
    """Every word of the page in both languages: ``lang -> key -> text`` (the page words,
    the messages for a link that cannot be used as ``http_<status>``, the privacy
    headings as ``privacy_<key>``)."""
    words: dict[str, dict[str, str]] = {
        lang: i18n.page_words(texts.WORDS, lang) for lang in texts.LANGS
    }
    for key, pair in texts.HTTP_ERRORS.items():
        for lang in texts.LANGS:
            words[lang][f"http_{key}"] = pair[0] if lang == "da" else pair[1]
    for key, pair in texts.PRIVACY_HEADINGS.items():
        for lang in texts.LANGS:
            words[lang][f"privacy_{key}"] = pair[0] if lang == "da" else pair[1]
    return words


def render_answer_page(
    *,
    lang: str,
    form: Mapping[str, Any] | None,
    error_status: int | None = None,
    today: dt.date | None = None,
) -> str:
    """The answer page: the form of one respondent, or the message for a link that cannot
    be used.

    Parameters
    ----------
    lang
        ``"da"`` or ``"en"``: the words the page starts with (it can switch at once).
    form
        ``Surveys.form(token)``: the survey's texts, the roster the respondent may name,
        their saved answers; ``None`` with ``error_status``.
    error_status
        404 (unknown link), 410 (closed survey, expired or revoked link), 429 (too many
        attempts) or another status: the page says so in words and shows no form.
    today
        The day the "since" year may not pass (default: today).

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
    >>> html = render_answer_page(lang="da", form=None, error_status=404)
    >>> "Linket virker ikke" in html
    True
    """
    language = i18n.check_lang(lang)
    all_words = words()
    respondent = _respondent_config(form) if form is not None and error_status is None else None
    config: dict[str, Any] = {
        "lang": language,
        "words": all_words,
        "error": error_status,
        "form": respondent,
        "labels": {
            "frequency": _pairs(texts.FREQUENCIES),
            "kinds": _pairs(texts.kinds()),
            "contributes": _pairs(texts.CONTRIBUTIONS),
            "outcomes": _pairs(texts.OUTCOMES),
            "scale": _pairs(texts.SCALE),
            "dontKnow": list(texts.DONT_KNOW),
            "trust": list(texts.TRUST),
            "value": list(texts.VALUE),
        },
        "nouns": {noun: list(i18n.NOUNS[noun]) for noun in _NOUNS},
        "year": (today or dt.date.today()).year,
        "commentMax": MAX_COMMENT,
    }
    w = all_words[language]
    if respondent is not None:
        title = respondent["title"][language] or w["title"]
        message = None
    else:
        title = w["http_title"]
        contact = w["http_contact_fallback"]
        key = f"http_{error_status}" if error_status in ERROR_STATUSES else "http_other"
        message = w[key].replace("{0}", contact)
    return template("survey/answer.html").render(
        lang=language,
        w=w,
        title=title,
        message=message,
        favicon=favicon_url(),
        # Markup: our own asset and JSON escaped by _json_for_script, never raw data text.
        css=Markup(_asset("survey/answer.css")),  # noqa: S704
        config=Markup(_json_for_script(config)),  # noqa: S704
    )
