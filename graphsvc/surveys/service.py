"""Surveys: ask the partners themselves who works with whom (issue #13).

A ``Survey`` node has a roster (``ROSTER`` relationships to actors, each ``asked`` and/or
``nameable``), one ``SurveyInvitation`` per asked actor (its token stored as a SHA-256
hash), one ``SurveyResponse`` per invitation (the answers as one JSON text, replaced
whole on every page save: all or nothing), ``SurveyContact`` nodes (personal data, kept
apart from actors and erasable) and ``SurveyReview`` decisions on names that were not on
the list. None of these is part of the analysis graph until :meth:`Surveys.apply` writes
collaborations through the normal validated path. Every change bumps the survey's
``version``; the coordinator's page polls it.

Persons who do not consent to publication (``is_person`` without ``consent_to_publish``)
are never on a roster and can never be named.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import secrets
import threading
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from pydantic import ValidationError as PydanticValidationError

from graphsvc.analysis.partner import compare_waves, survey_analysis, tie_states
from graphsvc.audit import audited, on_survey
from graphsvc.core import Graphsvc
from graphsvc.errors import (
    ConflictError,
    NotFoundError,
    Problem,
    SurveyClosedError,
    ValidationError,
)
from graphsvc.io.values import slugify
from graphsvc.privacy import Redactor, name_variants
from graphsvc.surveys import texts
from graphsvc.surveys.addresses import is_email_address
from graphsvc.surveys.model import (
    FREQUENCY_WEIGHT,
    OTHER_PREFIX,
    PAGES,
    TRUST_DIMENSIONS,
    VALUE_DIMENSIONS,
    Answers,
    SurveyFields,
    name_key,
    other_key,
    parse_answers,
    parse_page,
    problems_of,
)
from graphsvc.surveys.tokens import looks_like_token, new_token, same_hash, token_hash

log = logging.getLogger(__name__)

DEFAULT_KEEP_DAYS = 365
DEFAULT_LINK_DAYS = 90
UNKNOWN_LINK = "unknown survey link (check that the whole link was copied)"
SAVE_ATTEMPTS = 5


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _iso(moment: dt.datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def _parse_time(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def hidden(actor: Mapping[str, Any]) -> bool:
    """Whether an actor is a person who did not consent to be shown (never on a roster)."""
    return bool(actor.get("is_person")) and not actor.get("consent_to_publish")


def survey_source(survey_id: str) -> str:
    """The ``sources`` entry of collaborations a survey wrote."""
    return f"survey:{survey_id}"


class Surveys:
    """Surveys over one :class:`~graphsvc.core.Graphsvc` (the API, CLI and pages call this).

    Parameters
    ----------
    graphsvc : Graphsvc
        The open graph.

    Examples
    --------
    >>> surveys = Surveys(graphsvc)  # doctest: +SKIP
    >>> survey = surveys.create({"title": {"da": "Partnerskaber 2026"}, "scope_kind": "project",
    ...                          "scope_id": "frivillige-mentorer"}, by="editor")  # doctest: +SKIP
    >>> links = surveys.invite(survey["id"])  # doctest: +SKIP
    """

    def __init__(self, graphsvc: Graphsvc) -> None:
        self.graphsvc = graphsvc
        self.store = graphsvc.store

    # ------------------------------------------------------------ surveys

    def list_all(self) -> list[dict[str, Any]]:
        """Every survey, newest first."""
        return [
            self._public(row["props"]) for row in self.store.run("surveys/list_surveys", id=None)
        ]

    def get(self, survey_id: str) -> dict[str, Any]:
        """One survey; :class:`NotFoundError` when there is none."""
        return self._public(self._props(survey_id))

    def _props(self, survey_id: str) -> dict[str, Any]:
        rows = self.store.run("surveys/list_surveys", id=survey_id)
        if not rows:
            raise NotFoundError(f"no survey {survey_id!r}")
        props: dict[str, Any] = rows[0]["props"]
        return props

    @staticmethod
    def _public(props: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "id": props["id"],
            "title": {"da": props.get("title_da"), "en": props.get("title_en")},
            "scope_kind": props.get("scope_kind"),
            "scope_id": props.get("scope_id"),
            "wave": int(props.get("wave") or 1),
            "baseline_id": props.get("baseline_id"),
            "status": props.get("status") or "draft",
            "opens_at": props.get("opens_at"),
            "closes_at": props.get("closes_at"),
            "keep_answers_until": props.get("keep_answers_until"),
            "asker": props.get("asker"),
            "asker_contact": props.get("asker_contact"),
            "purpose": {"da": props.get("purpose_da"), "en": props.get("purpose_en")},
            "questions": json.loads(props.get("questions_json") or "{}"),
            "created_at": props.get("created_at"),
            "created_by": props.get("created_by"),
            "version": int(props.get("version") or 0),
        }

    @staticmethod
    def _fields(data: Mapping[str, Any]) -> SurveyFields:
        try:
            fields = SurveyFields.model_validate(dict(data))
        except PydanticValidationError as exc:
            problems = problems_of(exc)
            raise ValidationError(
                f"{len(problems)} problem(s) in the survey; nothing was written", details=problems
            ) from None
        # question keys and placeholders the answer page knows (questions.<key>.<lang>)
        texts.check_questions(
            {k: v.model_dump(exclude_none=True) for k, v in fields.questions.items()}
        )
        keep, closes = fields.keep_answers_until, fields.closes_at
        if keep is not None and closes is not None and keep < closes.date():
            raise ValidationError(
                "the answers must be kept at least until the survey closes",
                details=[
                    Problem(
                        f"before closes_at ({closes.date().isoformat()})",
                        column="keep_answers_until",
                        value=keep.isoformat(),
                    )
                ],
            )
        return fields

    @staticmethod
    def _stored_fields(fields: SurveyFields) -> dict[str, Any]:
        keep = fields.keep_answers_until or (dt.date.today() + dt.timedelta(days=DEFAULT_KEEP_DAYS))
        return {
            "title_da": fields.title.da,
            "title_en": fields.title.en,
            "scope_kind": fields.scope_kind,
            "scope_id": fields.scope_id,
            "wave": fields.wave,
            "baseline_id": fields.baseline_id,
            "closes_at": _iso(fields.closes_at),
            "keep_answers_until": keep.isoformat(),
            "asker": fields.asker,
            "asker_contact": fields.asker_contact,
            "purpose_da": fields.purpose.da,
            "purpose_en": fields.purpose.en,
            "questions_json": json.dumps(
                {k: v.model_dump(exclude_none=True) for k, v in fields.questions.items()},
                ensure_ascii=False,
            ),
        }

    @audited(on_survey("create"), nested=False)
    def create(self, data: Mapping[str, Any], *, by: str) -> dict[str, Any]:
        """Create a survey (a draft) and fill its roster from its scope.

        ``project``: its participants are asked and may be named, the actors they have a
        collaboration with may be named; ``municipality``: the actors based there;
        ``workshop``: its actors; ``roster``: empty (set it with :meth:`set_roster` or
        :meth:`roster_from_table`). Persons who did not consent are left out.

        Raises
        ------
        ValidationError
            For bad fields or a scope that does not exist (the field named).
        ConflictError
            When the given ``id`` is taken.
        """
        fields = self._fields(data)
        if fields.baseline_id is not None:
            try:
                self._props(fields.baseline_id)
            except NotFoundError:
                raise ValidationError(
                    f"no survey {fields.baseline_id!r} to follow up",
                    details=[
                        Problem("no such survey", column="baseline_id", value=fields.baseline_id)
                    ],
                ) from None
        entries = self._scope_roster(fields.scope_kind, fields.scope_id)
        props = {
            **self._stored_fields(fields),
            "status": "draft",
            "created_at": _iso(_now()),
            "created_by": by,
        }
        props = {k: v for k, v in props.items() if v is not None}
        base = fields.id or slugify(fields.title.da or fields.title.en or "survey", 70)
        candidate, n = base, 1
        # MERGE claims the id atomically: two forms sent at once get two surveys.
        while not self.store.run(
            "surveys/create_survey", id=candidate, token=secrets.token_hex(8), props=props
        )[0]["created"]:
            if fields.id is not None:
                raise ConflictError(f"survey {fields.id!r} already exists")
            n += 1
            candidate = f"{base}-{n}"
        if entries:
            self.store.run(
                "surveys/set_roster", id=candidate, entries=entries, rev=secrets.token_hex(8)
            )
        return self.get(candidate)

    def _scope_roster(self, kind: str, scope_id: str | None) -> list[dict[str, Any]]:
        """The roster entries a scope gives (hidden persons left out)."""
        asked: set[str] = set()
        nameable: set[str] = set()
        if kind == "project":
            if self.graphsvc.get_item("projects", scope_id or "") is None:
                raise ValidationError(
                    f"no project {scope_id!r}",
                    details=[Problem("no such project", column="scope_id", value=scope_id)],
                )
            for row in self.store.run("surveys/list_project_scope", id=scope_id):
                asked.add(row["participant"])
                nameable.update(row["partners"] or [])
        elif kind == "municipality":
            rows = self.store.run("surveys/list_municipality_scope", code=scope_id)
            if not rows:
                raise ValidationError(
                    f"no actor is based in {scope_id!r}",
                    details=[
                        Problem(
                            "no actors there (a code like DK-410)",
                            column="scope_id",
                            value=scope_id,
                        )
                    ],
                )
            asked.update(row["actor_id"] for row in rows)
        elif kind == "workshop":
            if not self.store.run("workshops/list_workshops", id=scope_id):
                raise ValidationError(
                    f"no workshop {scope_id!r}",
                    details=[Problem("no such workshop", column="scope_id", value=scope_id)],
                )
            rows = self.store.run("workshops/list_workshop_actors", id=scope_id)
            asked.update(row["props"]["id"] for row in rows)
        every = sorted(asked | nameable)
        briefs = {row["actor_id"]: row for row in self._briefs(every)}
        return [
            {"actor_id": a, "asked": a in asked, "nameable": True}
            for a in every
            if a in briefs and not hidden(briefs[a])
        ]

    def _briefs(self, ids: list[str]) -> list[dict[str, Any]]:
        size = self.graphsvc.settings.batch_size
        rows: list[dict[str, Any]] = []
        for start in range(0, len(ids), size):
            rows += self.store.run("surveys/get_actor_briefs", ids=ids[start : start + size])
        return rows

    @audited(on_survey("update"), nested=False)
    def update(self, survey_id: str, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Change a survey's texts, dates or wave (not its scope or id)."""
        current = self.get(survey_id)
        fixed = {"id", "scope_kind", "scope_id"} & set(changes)
        if fixed:
            raise ValidationError(
                "a survey's id and scope cannot be changed (change its roster instead)",
                details=[Problem("cannot be changed", column=name) for name in sorted(fixed)],
            )
        merged = {
            k: current[k]
            for k in (
                "title",
                "scope_kind",
                "scope_id",
                "wave",
                "baseline_id",
                "closes_at",
                "keep_answers_until",
                "asker",
                "asker_contact",
                "purpose",
                "questions",
            )
        }
        merged.update(changes)
        stored = self._stored_fields(self._fields(merged))
        if "keep_answers_until" in changes and changes["keep_answers_until"] is None:
            stored["keep_answers_until"] = current["keep_answers_until"]
        rows = self.store.run("surveys/update_survey", id=survey_id, props=stored)
        return self._public(rows[0]["props"])

    @audited(on_survey("delete"), nested=False)
    def delete(self, survey_id: str) -> dict[str, Any]:
        """Delete a survey with its invitations, answers, contacts and reviews (the
        collaborations it applied stay: they are the graph's now)."""
        self.get(survey_id)
        counts = {
            what: int(self.store.run(f"surveys/delete_survey_{what}", id=survey_id)[0]["deleted"])
            for what in ("contacts", "responses", "reviews", "invitations")
        }
        self.store.run("surveys/delete_survey_resolutions", id=survey_id)
        self.store.run("surveys/delete_survey", id=survey_id)
        return {"id": survey_id, **counts}

    @audited(on_survey("open"), nested=False)
    def open(self, survey_id: str) -> dict[str, Any]:
        """Start taking answers (a draft or a closed survey opens; not past its closing)."""
        survey = self.get(survey_id)
        closes = _parse_time(survey["closes_at"])
        if closes is not None and closes <= _now():
            raise ConflictError(
                f"survey {survey_id!r} closed at {survey['closes_at']}: set a later closes_at first"
            )
        if survey["status"] == "open":
            return survey
        props = {"status": "open", "opens_at": survey["opens_at"] or _iso(_now())}
        return self._public(
            self.store.run("surveys/update_survey", id=survey_id, props=props)[0]["props"]
        )

    @audited(on_survey("close"), nested=False)
    def close(self, survey_id: str) -> dict[str, Any]:
        """Stop taking answers (links stop working; saved answers stay)."""
        survey = self.get(survey_id)
        if survey["status"] == "closed":
            return survey
        rows = self.store.run("surveys/update_survey", id=survey_id, props={"status": "closed"})
        return self._public(rows[0]["props"])

    # ------------------------------------------------------------ roster

    def roster(self, survey_id: str) -> list[dict[str, Any]]:
        """The roster: ``actor_id, name, sector, locality, asked, nameable, invited,
        answered`` per actor, by name."""
        self.get(survey_id)
        invitations = self.invitations(survey_id)
        live = {i["actor_id"] for i in invitations if i["live"]}
        answered = {i["actor_id"] for i in invitations if i["submitted_at"] is not None}
        return [
            {
                "actor_id": row["actor_id"],
                "name": row["name"],
                "sector": row["sector"],
                "locality": row["locality"],
                "asked": bool(row["asked"]),
                "nameable": bool(row["nameable"]),
                "invited": row["actor_id"] in live,
                "answered": row["actor_id"] in answered,
            }
            for row in self.store.run("surveys/list_roster", id=survey_id)
            # A person who withdrew consent after being put on the roster is left out.
            if not hidden(row)
        ]

    @audited(on_survey("roster"), nested=False)
    def set_roster(
        self, survey_id: str, entries: Sequence[Mapping[str, Any]]
    ) -> list[dict[str, Any]]:
        """Replace the roster with ``entries`` (``actor_id``, ``asked``, ``nameable``;
        both default to true).

        Raises
        ------
        ValidationError
            For an unknown actor or a person who did not consent (``entries[3].actor_id``),
            before anything is written.
        """
        self.get(survey_id)
        clean: dict[str, dict[str, Any]] = {}
        problems: list[Problem] = []
        for n, entry in enumerate(entries):
            actor_id = entry.get("actor_id")
            if not isinstance(actor_id, str) or not actor_id:
                problems.append(Problem("an actor id is needed", column=f"entries[{n}].actor_id"))
                continue
            flags = {}
            for flag in ("asked", "nameable"):
                value = entry.get(flag, True)
                if not isinstance(value, bool):
                    problems.append(
                        Problem("must be true or false", column=f"entries[{n}].{flag}", value=value)
                    )
                flags[flag] = bool(value)
            clean[actor_id] = {"actor_id": actor_id, **flags, "_at": n}
        briefs = {row["actor_id"]: row for row in self._briefs(sorted(clean))}
        for actor_id, entry in clean.items():
            where = f"entries[{entry['_at']}].actor_id"
            if actor_id not in briefs:
                problems.append(Problem("no such actor", column=where, value=actor_id))
            elif hidden(briefs[actor_id]):
                problems.append(
                    Problem(
                        "a person who did not consent to be shown cannot be on a roster",
                        column=where,
                        value=actor_id,
                    )
                )
        if problems:
            raise ValidationError(
                f"{len(problems)} problem(s) in the roster; nothing was written",
                details=problems,
            )
        rows = [{k: v for k, v in e.items() if k != "_at"} for e in clean.values()]
        self.store.run("surveys/set_roster", id=survey_id, entries=rows, rev=secrets.token_hex(8))
        return self.roster(survey_id)

    def roster_from_table(
        self, survey_id: str, frame: pd.DataFrame, *, file: str = "roster"
    ) -> list[dict[str, Any]]:
        """Replace the roster from a table: a column ``id`` (or ``aktør-id``) or ``name``
        (or ``navn``), and optionally ``asked`` (``spørges``: ja/nej, true/false).

        Raises
        ------
        ValidationError
            Naming the file, row (as in a spreadsheet: the header is row 1) and column of
            every unknown actor or unreadable value; nothing is written.
        """
        columns = {str(c).strip().casefold(): c for c in frame.columns}
        id_col = next(
            (columns[c] for c in ("id", "aktør-id", "aktor-id", "actor_id") if c in columns), None
        )
        name_col = next((columns[c] for c in ("name", "navn") if c in columns), None)
        asked_col = next((columns[c] for c in ("asked", "spørges") if c in columns), None)
        if id_col is None and name_col is None:
            raise ValidationError(
                f"{file}: the roster needs a column 'id' (aktør-id) or 'name' (navn)",
                details=[Problem("no id or name column", file=file, column=None)],
            )
        problems: list[Problem] = []
        entries: list[dict[str, Any]] = []
        for n, row in enumerate(frame.to_dict("records")):
            line = n + 2
            asked = True
            if asked_col is not None:
                text = str(row[asked_col]).strip().casefold()
                if text in ("", "nan", "none", "ja", "yes", "true", "1", "x"):
                    asked = True
                elif text in ("nej", "no", "false", "0"):
                    asked = False
                else:
                    problems.append(
                        Problem(
                            "write ja or nej (yes or no)",
                            file=file,
                            row=line,
                            column=str(asked_col),
                            value=row[asked_col],
                        )
                    )
            actor_id = str(row[id_col]).strip() if id_col is not None else ""
            if actor_id in ("", "nan", "None") and name_col is not None:
                name = str(row[name_col]).strip()
                found = self.store.run("actors/find_actor_by_name", text=name.lower())
                if len(found) != 1:
                    why = "no actor has this name" if not found else "several actors have this name"
                    problems.append(
                        Problem(
                            f"{why}; give its id",
                            file=file,
                            row=line,
                            column=str(name_col),
                            value=name,
                        )
                    )
                    continue
                actor_id = found[0]["id"]
            elif actor_id in ("", "nan", "None"):
                problems.append(
                    Problem("an actor id is needed", file=file, row=line, column=str(id_col))
                )
                continue
            entries.append({"actor_id": actor_id, "asked": asked, "nameable": True, "_row": line})
        briefs = {r["actor_id"]: r for r in self._briefs(sorted({e["actor_id"] for e in entries}))}
        for entry in entries:
            column = str(id_col if id_col is not None else name_col)
            if entry["actor_id"] not in briefs:
                problems.append(
                    Problem(
                        "no such actor",
                        file=file,
                        row=entry["_row"],
                        column=column,
                        value=entry["actor_id"],
                    )
                )
            elif hidden(briefs[entry["actor_id"]]):
                problems.append(
                    Problem(
                        "a person who did not consent to be shown cannot be on a roster",
                        file=file,
                        row=entry["_row"],
                        column=column,
                        value=entry["actor_id"],
                    )
                )
        if problems:
            raise ValidationError(
                f"{len(problems)} problem(s) in {file}; nothing was written", details=problems
            )
        return self.set_roster(
            survey_id, [{k: v for k, v in e.items() if k != "_row"} for e in entries]
        )

    # ------------------------------------------------------------ invitations

    @audited(on_survey("invite"), nested=False)
    def invite(
        self,
        survey_id: str,
        *,
        contacts: Mapping[str, Mapping[str, str]] | None = None,
        expires_at: dt.datetime | None = None,
    ) -> list[dict[str, Any]]:
        """Invite every asked actor without a live invitation; the only time the tokens
        are seen.

        ``contacts`` maps actor ids to ``{name, email}`` (personal data, kept apart).
        Links expire at ``expires_at``, else when the survey closes, else in 90 days.
        Returns ``{invitation_id, actor_id, actor_name, token, url_path, expires_at,
        contact_name, contact_email}`` per new invitation.
        """
        survey = self.get(survey_id)
        if survey["status"] == "closed":
            raise SurveyClosedError(f"survey {survey_id!r} is closed: open it before inviting")
        roster = {r["actor_id"]: r for r in self.roster(survey_id)}
        contacts = dict(contacts or {})
        unknown = sorted(set(contacts) - {a for a, r in roster.items() if r["asked"]})
        if unknown:
            raise ValidationError(
                "contacts for actors who are not asked in this survey",
                details=[
                    Problem("not asked in this survey", column=f"contacts.{a}", value=a)
                    for a in unknown
                ],
            )
        wanted = sorted(a for a, r in roster.items() if r["asked"] and not r["invited"])
        return self._issue(survey, wanted, roster, contacts, expires_at)

    def _issue(
        self,
        survey: dict[str, Any],
        actor_ids: list[str],
        roster: Mapping[str, Mapping[str, Any]],
        contacts: Mapping[str, Mapping[str, str]],
        expires_at: dt.datetime | None,
    ) -> list[dict[str, Any]]:
        now = _now()
        expires = (
            expires_at
            or _parse_time(survey["closes_at"])
            or (now + dt.timedelta(days=DEFAULT_LINK_DAYS))
        )
        made: list[dict[str, Any]] = []
        rows: list[dict[str, Any]] = []
        contact_rows: list[dict[str, Any]] = []
        for actor_id in actor_ids:
            token = new_token()
            invitation_id = secrets.token_hex(8)
            rows.append(
                {
                    "id": invitation_id,
                    "survey_id": survey["id"],
                    "actor_id": actor_id,
                    "token_hash": token_hash(token),
                    "created_at": _iso(now),
                    "expires_at": _iso(expires),
                }
            )
            contact = contacts.get(actor_id) or {}
            if contact.get("email") or contact.get("name"):
                contact_rows.append(
                    self._contact_row(
                        survey["id"], invitation_id, contact, field=f"contacts.{actor_id}.email"
                    )
                )
            made.append(
                {
                    "invitation_id": invitation_id,
                    "actor_id": actor_id,
                    "actor_name": roster[actor_id]["name"],
                    "token": token,
                    "url_path": f"/s/{token}",
                    "expires_at": _iso(expires),
                    "contact_name": contact.get("name"),
                    "contact_email": contact.get("email"),
                }
            )
        if rows:
            self.store.run("surveys/create_invitations", id=survey["id"], rows=rows)
        if contact_rows:
            self.store.run("surveys/set_contacts", rows=contact_rows)
        return made

    @staticmethod
    def _contact_row(
        survey_id: str,
        invitation_id: str,
        contact: Mapping[str, Any],
        *,
        field: str = "email",
    ) -> dict[str, Any]:
        email = str(contact.get("email") or "").strip()
        name = str(contact.get("name") or "").strip()
        # One bare address: "a@b.dk>, evil@x.dk" would otherwise reach a To header.
        if len(email) > 300 or len(name) > 300 or (email and not is_email_address(email)):
            raise ValidationError(
                f"{field}: a contact needs a name and one e-mail address such as "
                "navn@kommune.dk (at most 300 characters each)",
                details=[Problem("not an e-mail address", column=field, value=email[:100])],
            )
        return {
            "invitation_id": invitation_id,
            "survey_id": survey_id,
            "name": name or None,
            "email": email or None,
            "email_key": email.casefold() or None,
        }

    @audited(on_survey("reissue"), nested=False)
    def reissue(self, survey_id: str, actor_id: str) -> dict[str, Any]:
        """A new link for one asked actor: its live invitation is revoked, its answers so
        far move to the new one. Returns the new invitation with its token.

        The new invitation is made before the old one is revoked: a crash in between
        leaves two live links, never none.

        Raises
        ------
        SurveyClosedError
            When the survey is closed (as :meth:`invite`).
        """
        survey = self.get(survey_id)
        if survey["status"] == "closed":
            raise SurveyClosedError(f"survey {survey_id!r} is closed: open it before reissuing")
        roster = {r["actor_id"]: r for r in self.roster(survey_id)}
        if actor_id not in roster or not roster[actor_id]["asked"]:
            raise NotFoundError(f"{actor_id!r} is not asked in survey {survey_id!r}")
        old = [i for i in self.invitations(survey_id) if i["actor_id"] == actor_id]
        if any(i["submitted_at"] for i in old):
            raise ConflictError(f"{actor_id!r} has already answered survey {survey_id!r}")
        contact = next(
            (
                {"name": i["contact_name"], "email": i["contact_email"]}
                for i in reversed(old)
                if i["contact_email"]
            ),
            {},
        )
        (made,) = self._issue(survey, [actor_id], roster, {actor_id: contact}, None)
        for invitation in old:
            if invitation["revoked_at"] is None:
                self.revoke(survey_id, invitation["invitation_id"])
        saved = [i for i in old if i["started_at"]]
        if saved:
            self._carry_answers(
                survey_id, saved[-1]["invitation_id"], made["invitation_id"], actor_id
            )
        return made

    def _carry_answers(self, survey_id: str, old_id: str, new_id: str, actor_id: str) -> None:
        rows = self.store.run("surveys/get_response", id=old_id)
        if not rows:
            return
        props = rows[0]["props"]
        self.store.run(
            "surveys/save_response",
            survey_id=survey_id,
            invitation_id=new_id,
            respondent_id=actor_id,
            rev=0,
            answers_json=props.get("answers_json") or "{}",
            pages_done=list(props.get("pages_done") or []),
            lang=props.get("lang") or "da",
            now=_iso(_now()),
        )

    @audited(on_survey("revoke"), nested=False)
    def revoke(self, survey_id: str, invitation_id: str) -> dict[str, Any]:
        """Revoke an invitation: its link answers 410 from now on."""
        self.get(survey_id)
        rows = self.store.run(
            "surveys/revoke_invitation", id=survey_id, invitation_id=invitation_id, now=_iso(_now())
        )
        if not rows:
            raise NotFoundError(f"no invitation {invitation_id!r} in survey {survey_id!r}")
        return self._invitation(rows[0]["props"], None, None)

    @staticmethod
    def _invitation(
        props: Mapping[str, Any], name: str | None, email: str | None
    ) -> dict[str, Any]:
        expires = _parse_time(props.get("expires_at"))
        revoked = props.get("revoked_at")
        return {
            "invitation_id": props["id"],
            "actor_id": props["actor_id"],
            "created_at": props.get("created_at"),
            "expires_at": props.get("expires_at"),
            "revoked_at": revoked,
            "started_at": props.get("started_at"),
            "submitted_at": props.get("submitted_at"),
            "last_sent_at": props.get("last_sent_at"),
            "lang": props.get("lang"),
            "live": revoked is None and (expires is None or expires > _now()),
            "contact_name": name,
            "contact_email": email,
        }

    def invitations(self, survey_id: str) -> list[dict[str, Any]]:
        """The survey's invitations (never their tokens), with their contacts."""
        return [
            self._invitation(row["props"], row["contact_name"], row["contact_email"])
            for row in self.store.run("surveys/list_invitations", id=survey_id)
        ]

    def reminders(self, survey_id: str) -> list[dict[str, Any]]:
        """Who to remind: invited, link still live, not submitted (with the actor's name)."""
        names = {r["actor_id"]: r["name"] for r in self.roster(survey_id)}
        return [
            {**i, "actor_name": names.get(i["actor_id"])}
            for i in self.invitations(survey_id)
            if i["live"] and i["submitted_at"] is None
        ]

    # ------------------------------------------------------------ contacts

    @audited(on_survey("contact"), nested=False)
    def set_contact(self, invitation_id: str, name: str | None, email: str | None) -> None:
        """Set (or replace) the contact person of an invitation."""
        rows = self.store.run("surveys/get_invitation", id=invitation_id)
        if not rows:
            raise NotFoundError(f"no invitation {invitation_id!r}")
        row = self._contact_row(
            rows[0]["props"]["survey_id"], invitation_id, {"name": name, "email": email}
        )
        self.store.run("surveys/set_contacts", rows=[row])

    @audited(on_survey("forget_contact"), nested=False)
    def forget_contact(self, email: str) -> int:
        """Erase every contact person with this e-mail address, in every survey; how many."""
        key = email.strip().casefold()
        if not key:
            raise ValidationError(
                "an e-mail address is needed", details=[Problem("empty", column="email")]
            )
        return int(self.store.run("surveys/delete_contacts_by_email", email_key=key)[0]["deleted"])

    @audited(on_survey("purge"), nested=False)
    def purge_expired(self, today: dt.date | None = None) -> int:
        """Delete the answers, contacts and review decisions (their names are free text)
        of surveys past ``keep_answers_until``; how many went. The API runs it when it
        starts, ``graphsvc survey purge`` on demand."""
        day = (today or dt.date.today()).isoformat()
        gone = 0
        for row in self.store.run("surveys/list_expired_surveys", today=day):
            for what in ("responses", "contacts", "reviews"):
                gone += int(
                    self.store.run(f"surveys/delete_survey_{what}", id=row["id"])[0]["deleted"]
                )
            self.store.run("surveys/bump_survey", id=row["id"])
        return gone

    def actor_records(self, actor: Mapping[str, Any]) -> dict[str, Any]:
        """What the surveys hold about an actor (GDPR art. 15, called by
        :func:`graphsvc.gdpr.access`), as JSON-able data.

        The rosters it is on; its invitations (never a token or its hash) with its own
        answers and contact person; where others named it (as a roster actor or as a name
        not on the list), with their rating of it and any comment that names it, but not
        who they are (art. 15(4): the others' rights; other hidden persons' names in the
        comment are pseudonymised); and the review decisions naming it.
        The same places :meth:`forget_actor` erases.

        Parameters
        ----------
        actor : mapping
            The actor's stored record: its ``id``, and its ``name`` (the forms of the
            name free text uses are looked for too).

        Returns
        -------
        dict
            ``rosters``, ``invitations``, ``named_by_others`` and ``reviews``: lists of
            JSON-able records, empty where the surveys hold nothing about the actor.

        Raises
        ------
        KeyError
            When ``actor`` has no ``id``.
        graphsvc.errors.StoreError
            When the database refuses a query.
        """
        actor_id = str(actor["id"])
        name = str(actor.get("name") or "")
        variants = name_variants(name) if name else []
        rosters = [
            {
                "survey_id": row["survey_id"],
                "title": {"da": row["title_da"], "en": row["title_en"]},
                "status": row["status"],
                "asked": bool(row["asked"]),
                "nameable": bool(row["nameable"]),
            }
            for row in self.store.run("surveys/list_actor_rosters", actor_id=actor_id)
        ]
        invitations = []
        own = set()
        for row in self.store.run("surveys/list_actor_invitations", actor_id=actor_id):
            invitation = self._invitation(row["props"], row["contact_name"], row["contact_email"])
            invitation["survey_id"] = row["props"].get("survey_id")
            invitation["answers"] = parse_answers(row["answers_json"]).model_dump(mode="json")
            invitations.append(invitation)
            own.add(invitation["invitation_id"])
        keys = {actor_id, *(other_key(v) for v in variants)}
        words = [v.casefold() for v in variants]
        found = {
            row["id"]: row
            for text in [actor_id, *variants]
            for row in self.store.run("surveys/find_responses_mentioning", text=text.lower())
            if row["id"] not in own
        }
        # others' comments keep her name, not the names of other persons kept hidden
        others = {k: v for k, v in self.graphsvc.hidden_persons().items() if k != actor_id}
        redact = Redactor.for_hidden(others, self.graphsvc.pseudonym_key())
        named_by_others = []
        for response_id in sorted(found):
            answers = parse_answers(found[response_id]["answers_json"])
            comment = answers.outcomes.comment or ""
            named = [p for p in answers.partners if p.key in keys]
            in_comment = any(w in comment.casefold() for w in words)
            if not named and not in_comment:
                continue  # the text matched elsewhere (a longer name holding hers)
            named_by_others.append(
                {
                    "survey_id": found[response_id]["survey_id"],
                    "named_as": [p.model_dump(mode="json", exclude_none=True) for p in named],
                    "ratings": [
                        answers.ratings[p.key].model_dump(mode="json")
                        for p in named
                        if p.key in answers.ratings
                    ],
                    "comment": redact.text(comment) if in_comment else None,
                }
            )
        reviews = self.store.run(
            "surveys/list_actor_reviews",
            actor_id=actor_id,
            name_keys=[name_key(v) for v in variants],
        )
        return {
            "rosters": rosters,
            "invitations": invitations,
            "named_by_others": named_by_others,
            "reviews": [dict(r) for r in reviews],
        }

    def forget_actor(self, actor: Mapping[str, Any]) -> int:
        """Erase an actor from every survey (GDPR art. 17, called by
        :func:`graphsvc.gdpr.erase`): its invitations with their answers and contact
        persons, its place in others' answers (named partner, rating, a name given for it
        as "someone not on the list", its name in free text) and the review decisions
        naming it. Returns how many survey records were deleted or rewritten."""
        actor_id = str(actor["id"])
        name = str(actor.get("name") or "")
        variants = name_variants(name) if name else []
        keys = [name_key(v) for v in variants]
        changed = int(
            self.store.run("surveys/delete_actor_invitations", actor_id=actor_id)[0]["deleted"]
        )
        redact = Redactor.for_hidden(
            {actor_id: name or None}, self.graphsvc.pseudonym_key(), erased=True
        )
        found = {
            row["id"]: row["answers_json"]
            for text in [actor_id, *variants]
            for row in self.store.run("surveys/find_responses_mentioning", text=text.lower())
        }
        for response_id, text in found.items():
            answers = parse_answers(text)
            gone = {actor_id, *(other_key(v) for v in variants)}
            partners = [p for p in answers.partners if p.key not in gone]
            ratings = {k: v for k, v in answers.ratings.items() if k not in gone}
            outcomes = answers.outcomes.model_copy(
                update={"comment": redact.text(answers.outcomes.comment or "") or None}
            )
            kept = answers.model_copy(
                update={"partners": partners, "ratings": ratings, "outcomes": outcomes}
            )
            self.store.run(
                "surveys/set_response_answers", id=response_id, answers_json=kept.model_dump_json()
            )
            changed += 1
        deleted = self.store.run("surveys/delete_actor_reviews", actor_id=actor_id, name_keys=keys)
        return changed + int(deleted[0]["deleted"])

    # ------------------------------------------------------------ respondents

    def resolve_token(self, token: str) -> dict[str, Any]:
        """The live invitation of ``token``.

        Raises
        ------
        NotFoundError
            For a token no invitation has (the same message for every unknown token).
        SurveyClosedError
            When the link expired or was revoked, or the survey is not open.
        """
        if not looks_like_token(token):
            raise NotFoundError(UNKNOWN_LINK)
        digest = token_hash(token)
        rows = self.store.run("surveys/find_invitation", token_hash=digest)
        if not rows or not same_hash(token, str(rows[0]["props"]["token_hash"])):
            raise NotFoundError(UNKNOWN_LINK)
        invitation = self._invitation(rows[0]["props"], None, None)
        if invitation["revoked_at"] is not None:
            raise SurveyClosedError("this survey link was withdrawn; ask the sender for a new one")
        if not invitation["live"]:
            raise SurveyClosedError("this survey link has expired; ask the sender for a new one")
        invitation["survey_id"] = rows[0]["props"]["survey_id"]
        return invitation

    def _open_survey(self, invitation: Mapping[str, Any]) -> dict[str, Any]:
        props = self._props(invitation["survey_id"])
        survey = self._public(props)
        closes = _parse_time(survey["closes_at"])
        if survey["status"] != "open" or (closes is not None and closes <= _now()):
            what = "is not open yet" if survey["status"] == "draft" else "is closed"
            raise SurveyClosedError(f"this survey {what}; answers are not taken now")
        survey["roster_rev"] = props.get("roster_rev")
        return survey

    def _nameable(
        self, survey: Mapping[str, Any], respondent: str
    ) -> tuple[list[dict[str, Any]], Redactor]:
        """Who the respondent may name: the roster's nameable actors but itself, hidden
        persons never, and hidden persons' names in other names pseudonymised; and the
        redactor of hidden persons' names (for the survey's own texts).

        Respondents ask for it on every page, so it is kept in memory per roster (its
        ``roster_rev``) and graph version (names, consent): one small read decides.
        """
        key = (
            self.store.describe(),
            survey["id"],
            survey.get("roster_rev"),
            *self.graphsvc.graph_version(),
        )
        found = _NAMEABLE.get(key)
        if found is None:
            redact = Redactor.for_hidden(
                self.graphsvc.hidden_persons(), self.graphsvc.pseudonym_key()
            )
            entries = [
                {
                    "id": r["actor_id"],
                    "name": redact.free(r["name"]),
                    "sector": r["sector"],
                    "locality": r["locality"],
                }
                for r in self.store.run("surveys/list_roster", id=survey["id"])
                if r["nameable"] and not hidden(r)
            ]
            found = (entries, redact)
            _NAMEABLE.put(key, found)
        return [e for e in found[0] if e["id"] != respondent], found[1]

    def _response(self, invitation_id: str) -> dict[str, Any]:
        rows = self.store.run("surveys/get_response", id=invitation_id)
        return dict(rows[0]["props"]) if rows else {}

    def form(self, token: str) -> dict[str, Any]:
        """What the answer page needs: the survey's texts in both languages, the roster
        that may be named (without the respondent), the respondent's own saved answers."""
        invitation = self.resolve_token(token)
        survey = self._open_survey(invitation)
        response = self._response(invitation["invitation_id"])
        me = self._briefs([invitation["actor_id"]])
        # Names in the survey's texts are pseudonymised as for a viewer (a respondent sees
        # less than a viewer).
        roster, redact = self._nameable(survey, invitation["actor_id"])
        return {
            "survey": {
                k: redact.free(survey[k])
                for k in (
                    "id",
                    "title",
                    "purpose",
                    "asker",
                    "asker_contact",
                    "closes_at",
                    "keep_answers_until",
                    "questions",
                    "wave",
                )
            },
            "respondent": {
                "id": invitation["actor_id"],
                "name": redact.free(me[0]["name"]) if me else None,
            },
            "roster": roster,
            "answers": parse_answers(response.get("answers_json")).model_dump(mode="json"),
            "pages_done": list(response.get("pages_done") or []),
            "submitted": response.get("submitted_at") is not None,
            "submitted_at": response.get("submitted_at"),
            "lang": response.get("lang") or invitation.get("lang") or "da",
            "expires_at": invitation["expires_at"],
        }

    def save_page(self, token: str, page: str, body: Any, *, lang: str = "da") -> dict[str, Any]:
        """Save one page of answers: checked whole, then written in one statement (all or
        nothing). Saving ``partners`` drops the ratings of partners no longer named.

        Raises
        ------
        ValidationError
            With the field path of every problem (``partners[2].actor_id``): an unknown
            actor, one that may not be named, the respondent itself, a rating of a
            partner not named, values out of range.
        ConflictError
            After the response was submitted.
        """
        if lang not in ("da", "en"):
            raise ValidationError(
                "lang must be da or en", details=[Problem("da or en", column="lang", value=lang)]
            )
        invitation = self.resolve_token(token)
        survey = self._open_survey(invitation)
        content = parse_page(page, body)
        for _attempt in range(SAVE_ATTEMPTS):
            response = self._response(invitation["invitation_id"])
            if response.get("submitted_at"):
                raise ConflictError("these answers were submitted; they can no longer be changed")
            answers = parse_answers(response.get("answers_json"))
            answers = self._with_page(survey, invitation["actor_id"], answers, page, content)
            done = [p for p in PAGES if p in {*response.get("pages_done", []), page}]
            rows = self.store.run(
                "surveys/save_response",
                survey_id=survey["id"],
                invitation_id=invitation["invitation_id"],
                respondent_id=invitation["actor_id"],
                rev=int(response.get("rev") or 0),
                answers_json=answers.model_dump_json(exclude_none=False),
                pages_done=done,
                lang=lang,
                now=_iso(_now()),
            )
            if rows:
                return {
                    "page": page,
                    "pages_done": done,
                    "submitted": False,
                    "answers": answers.model_dump(mode="json"),
                }
        raise ConflictError("the answers were saved from another window meanwhile: reload the page")

    def _with_page(
        self, survey: Mapping[str, Any], respondent: str, answers: Answers, page: str, content: Any
    ) -> Answers:
        if page == "partners":
            allowed = {r["id"] for r in self._nameable(survey, respondent)[0]}
            problems: list[Problem] = []
            seen: set[str] = set()
            for n, partner in enumerate(content):
                where = (
                    f"partners[{n}].actor_id" if partner.actor_id else f"partners[{n}].other_name"
                )
                if partner.actor_id == respondent:
                    problems.append(
                        Problem("you cannot name yourself", column=where, value=partner.actor_id)
                    )
                elif partner.actor_id is not None and partner.actor_id not in allowed:
                    problems.append(
                        Problem(
                            "not on this survey's list of partners",
                            column=where,
                            value=partner.actor_id,
                        )
                    )
                elif partner.key in seen:
                    problems.append(Problem("named twice", column=where, value=partner.key))
                seen.add(partner.key)
            if problems:
                raise ValidationError(
                    f"{len(problems)} problem(s) on the page 'partners'; nothing was saved",
                    details=problems,
                )
            named = {p.key for p in content}
            ratings = {k: v for k, v in answers.ratings.items() if k in named}
            return answers.model_copy(update={"partners": content, "ratings": ratings})
        if page == "ratings":
            named = set(answers.named())
            problems = [
                Problem(
                    "rate only the partners you named (save the partners page first)",
                    column=f"ratings.{key}",
                    value=key,
                )
                for key in content
                if key not in named
            ]
            if problems:
                raise ValidationError(
                    f"{len(problems)} problem(s) on the page 'ratings'; nothing was saved",
                    details=problems,
                )
            return answers.model_copy(update={"ratings": content})
        return answers.model_copy(update={"outcomes": content})

    def submit(self, token: str) -> dict[str, Any]:
        """Hand in the answers: needs the partners page and a frequency for every named
        partner. Once only (409 after); the answers can no longer change."""
        invitation = self.resolve_token(token)
        survey = self._open_survey(invitation)
        response = self._response(invitation["invitation_id"])
        if response.get("submitted_at"):
            raise ConflictError("these answers were already submitted")
        answers = parse_answers(response.get("answers_json"))
        problems = []
        if "partners" not in (response.get("pages_done") or []):
            problems.append(Problem("answer the partners page first", column="partners"))
        for n, key in enumerate(answers.named()):
            if key not in answers.ratings:
                problems.append(
                    Problem(
                        "say how often you work with this partner",
                        column=f"ratings.{key}.frequency",
                        value=answers.partners[n].actor_id or answers.partners[n].other_name,
                    )
                )
        if problems:
            raise ValidationError(
                f"{len(problems)} answer(s) missing; nothing was submitted", details=problems
            )
        rows = self.store.run(
            "surveys/submit_response",
            survey_id=survey["id"],
            invitation_id=invitation["invitation_id"],
            rev=int(response.get("rev") or 0),
            now=_iso(_now()),
        )
        if not rows:
            raise ConflictError(
                "the answers were saved from another window meanwhile: reload the page"
            )
        return {"submitted": True, "survey_id": survey["id"]}

    # ------------------------------------------------------------ results

    def submitted(self, survey_id: str) -> dict[str, tuple[Answers, str]]:
        """The submitted answers by respondent: ``(answers, submitted_at)``."""
        out = {}
        for row in self.store.run("surveys/list_responses", id=survey_id):
            props = row["props"]
            if props.get("submitted_at"):
                out[props["respondent_id"]] = (
                    parse_answers(props.get("answers_json")),
                    str(props["submitted_at"]),
                )
        return out

    def reviews(self, survey_id: str) -> dict[str, dict[str, Any]]:
        """The review decisions by name key."""
        return {
            row["props"]["name_key"]: row["props"]
            for row in self.store.run("surveys/list_reviews", id=survey_id)
        }

    @audited(on_survey("review"), nested=False)
    def review(
        self, survey_id: str, name: str, decision: str, actor_id: str | None = None
    ) -> dict[str, Any]:
        """Decide on a name given as "someone not on the list": it is the actor
        ``actor_id`` (``decision="actor"``) or is ignored (``"ignore"``)."""
        self.get(survey_id)
        key = name_key(name)
        if decision not in ("actor", "ignore"):
            raise ValidationError(
                "decision must be actor or ignore",
                details=[Problem("actor or ignore", column="decision", value=decision)],
            )
        if decision == "actor":
            found = self._briefs([actor_id] if actor_id else [])
            if not found:
                raise ValidationError(
                    f"no actor {actor_id!r}",
                    details=[Problem("no such actor", column="actor_id", value=actor_id)],
                )
            if hidden(found[0]):
                raise ValidationError(
                    "a person who did not consent to be shown cannot be named",
                    details=[Problem("hidden person", column="actor_id", value=actor_id)],
                )
        else:
            actor_id = None
        names = self._other_names(survey_id)
        shown = names.get(key, {}).get("name", name.strip())
        rows = self.store.run(
            "surveys/set_review",
            id=survey_id,
            name_key=key,
            given_name=shown,
            decision=decision,
            actor_id=actor_id,
        )
        return dict(rows[0]["props"])

    def resolutions(self, survey_id: str) -> dict[str, str]:
        """How conflicts with curated data were resolved: ``{pair: "survey"|"keep"}``
        (remembered by :meth:`apply`)."""
        return {
            str(row["pair"]): str(row["how"])
            for row in self.store.run("surveys/list_resolutions", id=survey_id)
        }

    def _other_names(self, survey_id: str) -> dict[str, dict[str, Any]]:
        """Names given as "someone not on the list" in submitted answers: name_key →
        ``{name, named_by}``."""
        found: dict[str, dict[str, Any]] = {}
        for respondent, (answers, _at) in self.submitted(survey_id).items():
            for partner in answers.partners:
                if partner.other_name is not None:
                    entry = found.setdefault(
                        name_key(partner.other_name), {"name": partner.other_name, "named_by": []}
                    )
                    entry["named_by"].append(respondent)
        return found

    def _rated(self, survey_id: str) -> tuple[list[dict[str, Any]], Counter[str]]:
        """The submitted ratings, ``{rater, ratee, rating, at}`` each (names not on the list
        resolved through the reviews; unknown actors and hidden persons left out), and the
        names still waiting for review with how often they were named."""
        answers = self.submitted(survey_id)
        reviews = self.reviews(survey_id)
        rows: list[dict[str, Any]] = []
        pending: Counter[str] = Counter()
        for rater, (given, at) in sorted(answers.items()):
            for key, rating in given.ratings.items():
                ratee: str | None = key
                if key.startswith(OTHER_PREFIX):
                    decision = reviews.get(key.removeprefix(OTHER_PREFIX))
                    if decision is None and rating.frequency != "never":
                        pending[key.removeprefix(OTHER_PREFIX)] += 1
                    ratee = None
                    if decision and decision.get("decision") == "actor":
                        ratee = str(decision["actor_id"])
                if ratee is not None:
                    rows.append({"rater": rater, "ratee": ratee, "rating": rating, "at": at})
        # Both sides: a person who withdrew consent after answering drops out as a rater too.
        actors = sorted({r["ratee"] for r in rows} | {r["rater"] for r in rows})
        briefs = {r["actor_id"]: r for r in self._briefs(actors)}

        def shown_actor(actor_id: str) -> bool:
            return actor_id in briefs and not hidden(briefs[actor_id])

        shown = [r for r in rows if shown_actor(r["ratee"]) and shown_actor(r["rater"])]
        return shown, pending

    def ties(self, survey_id: str) -> dict[str, Any]:
        """The ties the submitted answers give, with their states
        (:func:`graphsvc.analysis.partner.tie_states`, the one definition), the kinds
        named, the earliest ``since`` and the day of the last answer:
        ``{"ties": [...], "pending": {name_key: n}}``."""
        rows, pending = self._rated(survey_id)
        states = tie_states(_ratings_frame(rows), self.respondents(survey_id, rows))
        first: dict[tuple[str, str], dict[str, Any]] = {}
        for row in rows:
            first.setdefault((row["rater"], row["ratee"]), row)
        ties = []
        for tie in states.to_dict("records"):
            a, b = str(tie["a"]), str(tie["b"])
            named_by = [str(x) for x in tie["named_by"]]
            sides = [first[(rater, b if rater == a else a)] for rater in named_by]
            ratings = [side["rating"] for side in sides]
            ties.append(
                {
                    "a": a,
                    "b": b,
                    "state": str(tie["state"]),
                    "named_by": named_by,
                    "weight": float(tie["weight"]),
                    "trust": _number(tie["trust"]),
                    "value": _number(tie["value"]),
                    "kinds": Counter(k for r in ratings for k in r.kinds),
                    "since": min((r.since for r in ratings if r.since), default=None),
                    "answered": max(side["at"] for side in sides)[:10],
                }
            )
        return {"ties": ties, "pending": dict(pending)}

    def status(self, survey_id: str) -> dict[str, Any]:
        """Response rate overall, by sector and by municipality, the ties with their
        states, names waiting for review and conflicts with curated data."""
        survey = self.get(survey_id)
        roster = self.roster(survey_id)
        overall = _rate(roster)
        by_sector: dict[str, list[dict[str, Any]]] = defaultdict(list)
        by_municipality: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for entry in roster:
            by_sector[entry["sector"] or "unknown"].append(entry)
            by_municipality[entry["locality"] or "unknown"].append(entry)
        found = self.ties(survey_id)
        others = self._other_names(survey_id)
        reviews = self.reviews(survey_id)
        from graphsvc.surveys.apply import plan  # noqa: PLC0415 - apply imports this module

        return {
            "id": survey_id,
            "status": survey["status"],
            "version": survey["version"],
            **overall,
            "by_sector": {k: _rate(v) for k, v in sorted(by_sector.items())},
            "by_municipality": {k: _rate(v) for k, v in sorted(by_municipality.items())},
            "ties": [_public_tie(t) for t in found["ties"]],
            "review": [
                {"name_key": k, "name": v["name"], "named_by": sorted(set(v["named_by"]))}
                for k, v in sorted(others.items())
                if k not in reviews
            ],
            "conflicts": [
                c
                for c in plan(self, survey_id, found["ties"])["conflicts"]
                if c["pair"] not in self.resolutions(survey_id)
            ],
        }

    def ratings(self, survey_id: str) -> pd.DataFrame:
        """One row per rating in the submitted answers: ``rater, ratee, frequency, weight,
        reliable, mission, open, power, involvement, resources`` (names not on the list
        resolved through the reviews; unresolved ones dropped; ``weight`` missing for
        ``never``): what :mod:`graphsvc.analysis.partner` reads."""
        return _ratings_frame(self._rated(survey_id)[0])

    def respondents(
        self, survey_id: str, rated: list[dict[str, Any]] | None = None
    ) -> pd.DataFrame:
        """The roster as analyses need it: ``actor_id, asked, answered, sector,
        locality`` (a respondent taken off the roster after answering stays, as asked)."""
        columns = ["actor_id", "asked", "answered", "sector", "locality"]
        rows = [{c: r[c] for c in columns} for r in self.roster(survey_id)]
        known = {r["actor_id"] for r in rows}
        raters = (
            {r["rater"] for r in rated} if rated is not None else set(self.submitted(survey_id))
        )
        rows += [
            {"actor_id": a, "asked": True, "answered": True, "sector": None, "locality": None}
            for a in sorted(raters - known)
        ]
        return pd.DataFrame(rows, columns=columns)

    def analysis(self, survey_id: str) -> dict[str, Any]:
        """PARTNER trust and value per actor and for the network, the wave's metrics and
        its non-response (:func:`graphsvc.analysis.partner.survey_analysis`)."""
        survey = self.get(survey_id)
        rows, _pending = self._rated(survey_id)
        result = survey_analysis(_ratings_frame(rows), self.respondents(survey_id, rows))
        return {"id": survey_id, "wave": survey["wave"], **result}

    def compare(self, survey_id: str, other_id: str) -> dict[str, Any]:
        """Two waves side by side, the earlier first (by ``wave``, then creation)
        (:func:`graphsvc.analysis.partner.compare_waves`)."""
        waves = sorted(
            (self.get(survey_id), self.get(other_id)),
            key=lambda s: (s["wave"], s["created_at"] or ""),
        )
        tables = []
        for survey in waves:
            rows, _pending = self._rated(survey["id"])
            tables.append((_ratings_frame(rows), self.respondents(survey["id"], rows)))
        result = compare_waves(tables[0], tables[1])
        return {"first_id": waves[0]["id"], "second_id": waves[1]["id"], **result}

    def answers_table(self, survey_id: str) -> pd.DataFrame:
        """The submitted answers, one row per named partner (pseudonymous: actor ids,
        no contact persons): ``respondent, partner, other_name`` and the rating."""
        rows = []
        for rater, (given, at) in sorted(self.submitted(survey_id).items()):
            for partner in given.partners:
                rating = given.ratings.get(partner.key)
                dumped = rating.model_dump(mode="json") if rating else {}
                rows.append(
                    {
                        "respondent": rater,
                        "submitted_at": at,
                        "partner": partner.actor_id,
                        "other_name": partner.other_name,
                        "frequency": dumped.get("frequency"),
                        "kinds": ";".join(dumped.get("kinds") or []),
                        "since": dumped.get("since"),
                        **{d: dumped.get(d) for d in (*TRUST_DIMENSIONS, *VALUE_DIMENSIONS)},
                        "contributes": ";".join(dumped.get("contributes") or []),
                        "outcomes": ";".join(given.outcomes.achieved),
                    }
                )
        columns = [
            "respondent",
            "submitted_at",
            "partner",
            "other_name",
            "frequency",
            "kinds",
            "since",
            *TRUST_DIMENSIONS,
            *VALUE_DIMENSIONS,
            "contributes",
            "outcomes",
        ]
        return pd.DataFrame(rows, columns=columns)

    def apply(
        self,
        survey_id: str,
        *,
        dry_run: bool = False,
        resolve: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        """Write the survey's ties as collaborations (see :mod:`graphsvc.surveys.apply`)."""
        from graphsvc.surveys.apply import apply_survey  # noqa: PLC0415 - apply imports us

        return apply_survey(self, survey_id, dry_run=dry_run, resolve=resolve)


class _Lru:
    """A small thread-safe least-recently-used map."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any:
        with self._lock:
            if key not in self._data:
                return None
            self._data.move_to_end(key)
            return self._data[key]

    def put(self, key: Any, value: Any) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)


_NAMEABLE = _Lru(64)


def _number(value: Any) -> float | None:
    """A float, or None for a missing one (NaN: every item "ved ikke")."""
    return None if value is None or math.isnan(float(value)) else float(value)


def _ratings_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns = ["rater", "ratee", "frequency", "weight", *TRUST_DIMENSIONS, *VALUE_DIMENSIONS]
    return pd.DataFrame(
        [
            {
                "rater": r["rater"],
                "ratee": r["ratee"],
                "frequency": r["rating"].frequency,
                "weight": FREQUENCY_WEIGHT.get(r["rating"].frequency),
                **{d: getattr(r["rating"], d) for d in (*TRUST_DIMENSIONS, *VALUE_DIMENSIONS)},
            }
            for r in rows
        ],
        columns=columns,
    )


def _rate(entries: list[dict[str, Any]]) -> dict[str, Any]:
    invited = sum(1 for e in entries if e["asked"] and (e["invited"] or e["answered"]))
    answered = sum(1 for e in entries if e["asked"] and e["answered"])
    return {
        "invited": invited,
        "answered": answered,
        "rate": round(answered / invited, 4) if invited else 0.0,
    }


def _public_tie(tie: Mapping[str, Any]) -> dict[str, Any]:
    shown = {k: tie[k] for k in ("a", "b", "state", "named_by", "weight", "trust", "value")}
    for k in ("weight", "trust", "value"):
        shown[k] = None if shown[k] is None else round(shown[k], 2)
    return shown


__all__ = ["Surveys", "hidden", "other_key", "survey_source"]
