"""Request and response schemas of the workshop routes (``/workshops``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from graphsvc.model import (
    ActorKind,
    CollaborationKind,
    LegalBasis,
    Locality,
    Scale,
    Sector,
    Slug,
    TieStatus,
)

Attitude = Literal["supporter", "neutral", "critic"]
Share = Annotated[float, Field(ge=0, le=1)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Text = Annotated[str, Field(max_length=2000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class WorkshopCreate(_Strict):
    name: Name = Field(examples=["Frivillige mentorer i Middelfart"])
    purpose: Text | None = Field(None, examples=["Who can carry the mentor network on?"])
    municipality: Locality | None = Field(None, examples=["DK-410"])
    date: dt.date | None = None
    start_from: Literal["empty", "project", "actor"] = Field(
        "empty",
        description="Start from an empty map, a project's actors, or an actor's neighbourhood.",
    )
    start_id: Slug | None = Field(None, description="The project or actor to start from.")
    radius: Annotated[int, Field(ge=1, le=2)] = Field(
        1, description="start_from=actor: steps from the actor."
    )
    id: Slug | None = Field(None, description="Made from the name when absent.")


class WorkshopUpdate(_Strict):
    name: Name | None = None
    purpose: Text | None = None
    municipality: Locality | None = None
    date: dt.date | None = None


class WorkshopPublic(BaseModel):
    id: str
    name: str | None
    purpose: str | None
    municipality: str | None
    date: str | None
    start_from: str
    start_id: str | None
    created: str | None
    version: int
    n_actors: int
    n_ties: int


class GridPlace(_Strict):
    power: Share | None = Field(None, description="Power / influence, 0 (low) to 1 (high).")
    interest: Share | None = Field(None, description="Interest, 0 (low) to 1 (high).")
    attitude: Attitude | None = None


class WorkshopActor(BaseModel):
    id: str
    name: str | None
    kind: str | None
    sector: str | None
    scale: str | None
    locality: str | None
    is_person: bool
    pseudonymised: bool
    added_here: bool
    grid: GridPlace


class WorkshopTie(BaseModel):
    id: str
    source_id: str
    target_id: str
    kind: str | None
    status: str
    added_here: bool
    etag: str | None = Field(
        default=None, description="The tie's version: send it as If-Match when removing it."
    )


class WorkshopProject(BaseModel):
    id: str
    name: str | None
    theme: str | None
    actor_ids: list[str]


class WorkshopState(BaseModel):
    workshop: WorkshopPublic
    version: int
    actors: list[WorkshopActor]
    ties: list[WorkshopTie]
    projects: list[WorkshopProject]


class WorkshopActorAdd(_Strict):
    """``{"id"}`` includes an existing actor; a name, kind and sector create a new one."""

    id: Slug | None = None
    name: Annotated[str, Field(min_length=1, max_length=300)] | None = None
    kind: ActorKind | None = None
    sector: Sector | None = None
    scale: Scale | None = Field(None, description="Defaults from the kind.")
    locality: Locality | None = None
    description: Text | None = None
    legal_basis: LegalBasis | None = Field(None, description="Needed for a person (GDPR).")
    consent_to_publish: bool | None = None


class WorkshopActorAdded(BaseModel):
    actor: WorkshopActor
    created: bool
    version: int


class WorkshopActorRemoved(BaseModel):
    removed: str
    deleted_actor: bool
    deleted_ties: list[str]
    version: int


class WorkshopTieAdd(_Strict):
    source_id: Slug
    target_id: Slug
    kind: CollaborationKind
    status: TieStatus = TieStatus.EXISTING
    id: Slug | None = None


class WorkshopTieAdded(BaseModel):
    tie: WorkshopTie
    version: int


class WorkshopTieRemoved(BaseModel):
    removed: str
    version: int


class GridPlaced(BaseModel):
    actor_id: str
    grid: GridPlace
    version: int


class WorkshopDeleted(BaseModel):
    deleted: str


class AnalysisActor(BaseModel):
    id: str
    name: str | None
    degree: int
    betweenness: float
    total: int = Field(description="Gould–Fernandez brokerage, all five roles.")
    constraint: float | None
    is_articulation: bool
    role_en: str
    role_da: str


class AnalysisProject(BaseModel):
    id: str
    name: str | None
    score: float | None = Field(
        description="Local anchoring, 0 to 100, of the recorded network: the figure every "
        "surface shows; null when there is not enough data (band 'insufficient')."
    )
    band: str
    score_with_proposed: float | None = Field(
        None, description="The same, counting the proposed ties and participations (the plans)."
    )
    band_with_proposed: str | None = None
    explanation_en: str
    explanation_da: str


class WorkshopAnalysis(BaseModel):
    version: int
    cached: bool
    #: computed before a change elsewhere in the graph; being recomputed
    stale: bool = False
    actors: list[AnalysisActor]
    projects: list[AnalysisProject]


class SnapshotCreate(_Strict):
    note: Text = Field("", examples=["After the first round"])


class SnapshotPublic(BaseModel):
    id: str
    workshop_id: str
    note: str | None
    created: str
    version: int
    n_actors: int
    n_ties: int


class ActorRef(BaseModel):
    id: str
    name: str | None


class TieRef(BaseModel):
    id: str
    source_id: str | None
    target_id: str | None
    kind: str | None


class MeasureChange(BaseModel):
    id: str
    name: str | None
    measure: str
    before: float | None
    after: float | None


class GridChange(BaseModel):
    id: str
    name: str | None
    before: dict[str, float | str | None] | None
    after: dict[str, float | str | None] | None


class SnapshotComparison(BaseModel):
    a: str
    b: str
    actors_added: list[ActorRef]
    actors_removed: list[ActorRef]
    ties_added: list[TieRef]
    ties_removed: list[TieRef]
    measures_changed: list[MeasureChange]
    grid_changed: list[GridChange]
