"""``/surveys``: network surveys for the coordinator (JSON).

Every route needs the editor role (a survey's contacts are personal data and its answers
are not yet the graph's), deleting a survey or erasing a contact the admin role. Viewers
reach none of these. Respondents answer through :mod:`graphsvc.api.routers.survey_answers`.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, File, Query, UploadFile, status
from fastapi import Path as PathParam
from fastapi.responses import Response

from graphsvc.api.deps import ApiState, StateDep
from graphsvc.api.routers.imports import _save as save_uploads
from graphsvc.api.security import Admin, Editor
from graphsvc.api.survey_schemas import (
    ApplyRequest,
    ApplyResult,
    ContactsForgotten,
    InvitationIssued,
    InvitationPublic,
    InvitationsCreate,
    Reminder,
    ReviewDecision,
    RosterMember,
    RosterPut,
    SurveyCreate,
    SurveyDeleted,
    SurveyPublic,
    SurveyStatus,
    SurveyUpdate,
)
from graphsvc.errors import NotFoundError
from graphsvc.io.formats import csv as csv_format
from graphsvc.io.reading import read_sheets
from graphsvc.surveys import Surveys

router = APIRouter(prefix="/surveys", tags=["surveys"])

SurveyId = Annotated[
    str,
    PathParam(
        pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
        max_length=120,
        description="The survey's id (slug).",
    ),
]
InvitationId = Annotated[
    str, PathParam(pattern=r"^[0-9a-f]{1,64}$", description="An invitation id.")
]
ActorId = Annotated[str, PathParam(max_length=120, description="An actor id.")]


def _service(state: ApiState) -> Surveys:
    return Surveys(state.graphsvc)


@router.get("", summary="List surveys")
def list_surveys(user: Editor, state: StateDep) -> list[SurveyPublic]:
    """Every survey, newest first."""
    return [SurveyPublic.model_validate(s) for s in _service(state).list_all()]


@router.post("", status_code=status.HTTP_201_CREATED, summary="Create a survey")
def create_survey(body: SurveyCreate, user: Editor, state: StateDep) -> SurveyPublic:
    """A draft survey whose roster is filled from its scope (a project's participants and
    their partners, a municipality's actors, a workshop's actors, or empty)."""
    made = _service(state).create(body.model_dump(), by=user.key_id or "demo")
    return SurveyPublic.model_validate(made)


@router.delete("/contacts", summary="Erase a contact person from every survey (admin)")
def forget_contact(
    user: Admin,
    state: StateDep,
    email: Annotated[str, Query(min_length=3, max_length=300)],
) -> ContactsForgotten:
    """GDPR erasure: every survey contact with this e-mail address goes."""
    return ContactsForgotten(erased=_service(state).forget_contact(email))


@router.get("/{survey_id}", summary="Get one survey")
def get_survey(survey_id: SurveyId, user: Editor, state: StateDep) -> SurveyPublic:
    return SurveyPublic.model_validate(_service(state).get(survey_id))


@router.patch("/{survey_id}", summary="Change a survey's texts or dates")
def update_survey(
    survey_id: SurveyId, body: SurveyUpdate, user: Editor, state: StateDep
) -> SurveyPublic:
    changes = body.model_dump(exclude_unset=True)
    return SurveyPublic.model_validate(_service(state).update(survey_id, changes))


@router.delete("/{survey_id}", summary="Delete a survey with its answers (admin)")
def delete_survey(survey_id: SurveyId, user: Admin, state: StateDep) -> SurveyDeleted:
    """Its invitations, answers, contacts and reviews go; collaborations it applied stay."""
    return SurveyDeleted.model_validate(_service(state).delete(survey_id))


@router.post("/{survey_id}/open", summary="Open a survey for answers")
def open_survey(survey_id: SurveyId, user: Editor, state: StateDep) -> SurveyPublic:
    return SurveyPublic.model_validate(_service(state).open(survey_id))


@router.post("/{survey_id}/close", summary="Close a survey (links stop working)")
def close_survey(survey_id: SurveyId, user: Editor, state: StateDep) -> SurveyPublic:
    return SurveyPublic.model_validate(_service(state).close(survey_id))


@router.get("/{survey_id}/roster", summary="A survey's roster")
def get_roster(survey_id: SurveyId, user: Editor, state: StateDep) -> list[RosterMember]:
    """Who is asked, who may be named, who is invited and who answered."""
    return [RosterMember.model_validate(r) for r in _service(state).roster(survey_id)]


@router.put("/{survey_id}/roster", summary="Replace a survey's roster")
def put_roster(
    survey_id: SurveyId, body: RosterPut, user: Editor, state: StateDep
) -> list[RosterMember]:
    """Unknown actors and persons who did not consent are refused (422 naming the entry)."""
    entries = [e.model_dump() for e in body.entries]
    return [RosterMember.model_validate(r) for r in _service(state).set_roster(survey_id, entries)]


@router.post("/{survey_id}/roster", summary="Replace a survey's roster from a CSV or XLSX file")
def upload_roster(
    survey_id: SurveyId,
    user: Editor,
    state: StateDep,
    file: Annotated[
        UploadFile, File(description="CSV or XLSX: id/aktør-id or name/navn, asked/spørges")
    ],
) -> list[RosterMember]:
    """Errors name the file, the row (the header is row 1) and the column; nothing is
    written unless every row is good."""
    with tempfile.TemporaryDirectory(prefix="graphsvc-roster-") as tmp:
        (path,) = save_uploads([file], Path(tmp))
        sheet = read_sheets([path])[0]
    frame = pd.DataFrame(sheet.rows, columns=sheet.columns)
    roster = _service(state).roster_from_table(survey_id, frame, file=path.name)
    return [RosterMember.model_validate(r) for r in roster]


@router.post(
    "/{survey_id}/invitations",
    status_code=status.HTTP_201_CREATED,
    summary="Invite the asked actors not yet invited (the tokens are shown this once)",
)
def create_invitations(
    survey_id: SurveyId, body: InvitationsCreate, user: Editor, state: StateDep
) -> list[InvitationIssued]:
    contacts = {k: v.model_dump() for k, v in (body.contacts or {}).items()}
    made = _service(state).invite(survey_id, contacts=contacts, expires_at=body.expires_at)
    return [InvitationIssued.model_validate(i) for i in made]


@router.get("/{survey_id}/invitations", summary="A survey's invitations (no tokens)")
def list_invitations(survey_id: SurveyId, user: Editor, state: StateDep) -> list[InvitationPublic]:
    _service(state).get(survey_id)
    return [InvitationPublic.model_validate(i) for i in _service(state).invitations(survey_id)]


@router.post("/{survey_id}/invitations/{invitation_id}/revoke", summary="Revoke an invitation link")
def revoke_invitation(
    survey_id: SurveyId, invitation_id: InvitationId, user: Editor, state: StateDep
) -> InvitationPublic:
    return InvitationPublic.model_validate(_service(state).revoke(survey_id, invitation_id))


@router.post(
    "/{survey_id}/invitations/{invitation_id}/reissue",
    status_code=status.HTTP_201_CREATED,
    summary="A new link for the invitation's actor (the old one is revoked)",
)
def reissue_invitation(
    survey_id: SurveyId, invitation_id: InvitationId, user: Editor, state: StateDep
) -> InvitationIssued:
    service = _service(state)
    found = [i for i in service.invitations(survey_id) if i["invitation_id"] == invitation_id]
    if not found:
        raise NotFoundError(f"no invitation {invitation_id!r} in survey {survey_id!r}")
    return InvitationIssued.model_validate(service.reissue(survey_id, found[0]["actor_id"]))


@router.get("/{survey_id}/reminders", summary="Who has not answered yet")
def reminders(survey_id: SurveyId, user: Editor, state: StateDep) -> list[Reminder]:
    return [Reminder.model_validate(r) for r in _service(state).reminders(survey_id)]


@router.get("/{survey_id}/status", summary="Response rates, ties with their states, review")
def survey_status(survey_id: SurveyId, user: Editor, state: StateDep) -> SurveyStatus:
    """Live: the coordinator's page polls ``version``."""
    return SurveyStatus.model_validate(_service(state).status(survey_id))


@router.post("/{survey_id}/review", summary="Decide on a name not on the list")
def review_name(
    survey_id: SurveyId, body: ReviewDecision, user: Editor, state: StateDep
) -> dict[str, Any]:
    return _service(state).review(survey_id, body.name, body.decision, body.actor_id)


@router.post("/{survey_id}/apply", summary="Write the survey's ties into the graph")
def apply_survey(
    survey_id: SurveyId, body: ApplyRequest, user: Editor, state: StateDep
) -> ApplyResult:
    """Collaborations with provenance and confirmation state; conflicts with curated data
    are listed and not written until ``resolve`` says so. Applying twice writes nothing."""
    result = _service(state).apply(survey_id, dry_run=body.dry_run, resolve=body.resolve)
    return ApplyResult.model_validate(result)


@router.get("/{survey_id}/analysis", summary="PARTNER scores, wave metrics, non-response")
def survey_analysis(survey_id: SurveyId, user: Editor, state: StateDep) -> dict[str, Any]:
    """Trust and value per actor and for the network, density, reciprocity and
    centralisation, and how non-response was handled (docs/analysis.md, "Surveys")."""
    return _service(state).analysis(survey_id)


@router.get("/{survey_id}/compare/{other_id}", summary="Two waves side by side")
def compare_surveys(
    survey_id: SurveyId, other_id: SurveyId, user: Editor, state: StateDep
) -> dict[str, Any]:
    """Ties kept, new, ended or unobserved, and each actor's trust and value in both."""
    return _service(state).compare(survey_id, other_id)


@router.get("/{survey_id}/answers.csv", summary="The submitted answers as CSV (no contacts)")
def answers_csv(survey_id: SurveyId, user: Editor, state: StateDep) -> Response:
    """Pseudonymous: respondents and partners by actor id; no contact persons."""
    frame = _service(state).answers_table(survey_id)
    out = io.StringIO()
    # Respondents type other_name: a cell starting with = must not run in Excel.
    csv_format.neutralised(frame).to_csv(out, index=False)
    return Response(
        out.getvalue().encode("utf-8-sig"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{survey_id}-answers.csv"'},
    )
