"""What an analysis or a map is asked for: the network filters and the map lenses.

Declared once, for both layers: the API takes :class:`NetworkFilters` as its query
parameters, the CLI adds its fields as options of every analysis command. Either way
the values are checked here, so ``graphsvc analyse bridging --sector nonsense`` and
``GET /analyses/bridging?sector=nonsense`` are refused with the same message.

Examples
--------
>>> filters = NetworkFilters(sector=["public"], as_of="2013-06-01")
>>> filters.network_args()["sectors"], filters.network_args()["as_of"]
(['public'], '2013-06-01')
>>> NetworkFilters.parse({"sector": ["pirates"]})  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
graphsvc.errors.ValidationError: unknown sector 'pirates'; choose one of: public, civil_society, ...
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Annotated, Any, Literal, get_args

import pydantic
from pydantic import AfterValidator, BaseModel, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from graphsvc.errors import Problem, ValidationError
from graphsvc.model import ActorKind, CollaborationKind, Sector, Theme, check_locality
from graphsvc.reference import municipalities

#: The :meth:`NetworkFilters.network_args` that say which network is analysed: the day it
#: is seen on and whether proposed items count. The others (place, sector, kind, theme,
#: tie kind) only choose which projects and actors a result shows: a project's anchoring
#: and an actor's bridging measures are computed on the whole network, whatever is shown
#: (see ``docs/analysis.md``, "What a filter changes").
NETWORK_DEFINING = ("as_of", "include_proposed")


def split_filters(filters: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(network, choosing)``: the filters that define the network analysed, and those that
    only choose the rows shown (empty ones left out).

    Examples
    --------
    >>> split_filters({"as_of": "2013-06-01", "localities": ["DK-410"], "sectors": None})
    ({'as_of': '2013-06-01'}, {'localities': ['DK-410']})
    """
    network = {k: v for k, v in filters.items() if k in NETWORK_DEFINING}
    choosing = {k: v for k, v in filters.items() if k not in NETWORK_DEFINING and v}
    return network, choosing


LensName = Literal["network", "municipality", "project", "ego", "brokers", "whatif"]
"""Which part of the network a map shows (see :mod:`graphsvc.maps.lenses`)."""
LENSES: tuple[str, ...] = get_args(LensName)

Language = Literal["da", "en"]
"""The languages of every page, map, report and CLI text."""
LANGUAGES: tuple[Language, ...] = get_args(Language)

SizeBy = Literal["betweenness", "total", "constraint", "degree"]
"""What the map browser, the API and the CLI size a map's actors by."""
SIZE_BY: tuple[str, ...] = get_args(SizeBy)

GroupAttribute = Literal["sector", "kind", "locality", "scale"]
"""The actor attribute that splits actors into the groups brokerage is counted between."""


def regions() -> list[str]:
    """The regions a region filter may name: those of the known municipalities."""
    return sorted({m.region for m in municipalities().values()})


_CHOICES: dict[str, tuple[str, Callable[[], Iterable[str]]]] = {
    "region": ("region", regions),
    "sector": ("sector", lambda: Sector),
    "kind": ("actor kind", lambda: ActorKind),
    "theme": ("theme", lambda: Theme),
    "tie_kind": ("collaboration kind", lambda: CollaborationKind),
}


def choices(field: str) -> list[str]:
    """The values a filter of fixed choices (``region``, ``sector`` …) may take; none
    for the others."""
    return [str(choice) for choice in _CHOICES[field][1]()] if field in _CHOICES else []


def _one_of(field: str) -> BeforeValidator:
    """Refuse a value not among the field's :func:`choices`, naming it and them."""

    def check(value: Any) -> Any:
        allowed = choices(field)
        if value not in allowed:
            raise PydanticCustomError(
                "unknown_value",
                "unknown {label} {value}; choose one of: {choices}",
                {"label": _CHOICES[field][0], "value": repr(value), "choices": ", ".join(allowed)},
            )
        return value

    return BeforeValidator(check)


def _locality(value: str) -> str:
    try:
        return check_locality(value)
    except ValueError as exc:
        raise PydanticCustomError("unknown_value", "{message}", {"message": str(exc)}) from None


def _date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "not_a_date", "not a date (YYYY-MM-DD): {value}", {"value": repr(value)}
            ) from None
    return value


AsOfDate = Annotated[dt.date | None, BeforeValidator(_date)]
"""A day to see the network as of (``YYYY-MM-DD``), or ``None`` for all of time."""


class NetworkFilters(BaseModel):
    """The network an analysis looks at: as of a date, and which actors, projects, ties.

    An empty list means no filter. See
    :func:`graphsvc.analysis.snapshot.build_network` for what each filter keeps.
    """

    as_of: AsOfDate = Field(
        None, description="The network on this date (YYYY-MM-DD).", examples=["2013-06-01"]
    )
    municipality: list[Annotated[str, AfterValidator(_locality)]] = Field(
        default_factory=list, description="Actor municipality codes, e.g. DK-410 (repeatable)."
    )
    region: list[Annotated[str, _one_of("region")]] = Field(
        default_factory=list, description="Regions of the actors' municipalities (repeatable)."
    )
    sector: list[Annotated[Sector, _one_of("sector")]] = Field(
        default_factory=list, description="Actor sectors (repeatable)."
    )
    kind: list[Annotated[ActorKind, _one_of("kind")]] = Field(
        default_factory=list, description="Actor kinds (repeatable)."
    )
    theme: list[Annotated[Theme, _one_of("theme")]] = Field(
        default_factory=list, description="Project themes (repeatable)."
    )
    tie_kind: list[Annotated[CollaborationKind, _one_of("tie_kind")]] = Field(
        default_factory=list, description="Collaboration kinds (repeatable)."
    )
    proposed: bool = Field(False, description="Include proposed ties and participations.")

    @classmethod
    def parse(cls, values: Mapping[str, Any]) -> NetworkFilters:
        """The filters from plain values (the CLI's options), or a :class:`ValidationError`
        with one problem per bad value, worded as the API words them."""
        try:
            return cls.model_validate({k: v for k, v in values.items() if v is not None})
        except pydantic.ValidationError as exc:
            problems = [Problem(error["msg"]) for error in exc.errors()]  # each names its value
        message = problems[0].message if len(problems) == 1 else f"{len(problems)} bad filters"
        raise ValidationError(message, details=problems if len(problems) > 1 else None)

    def network_args(self) -> dict[str, Any]:
        """The filters as :meth:`graphsvc.core.Graphsvc.network` takes them (JSON-able)."""
        return {
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "localities": list(self.municipality) or None,
            "regions": list(self.region) or None,
            "sectors": [str(v) for v in self.sector] or None,
            "kinds": [str(v) for v in self.kind] or None,
            "themes": [str(v) for v in self.theme] or None,
            "tie_kinds": [str(v) for v in self.tie_kind] or None,
            "include_proposed": self.proposed,
        }
