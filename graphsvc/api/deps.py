"""The dependencies every router declares (``Annotated`` aliases), and the state they
come from: one :class:`~graphsvc.core.Graphsvc` per app over a
:class:`~graphsvc.store.reconnecting.ReconnectingStore`, the analysis cache and the
pseudonym key."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Request

from graphsvc.cache import AnalysisCache, cache_folder
from graphsvc.core import Graphsvc
from graphsvc.privacy import load_key
from graphsvc.settings import ApiSettings, Settings
from graphsvc.store.reconnecting import ReconnectingStore


@dataclass
class ApiState:
    """Everything the app holds: settings, the core object, the cache, the pseudonym key."""

    settings: Settings
    api: ApiSettings
    graphsvc: Graphsvc
    cache: AnalysisCache
    pseudonym_key: bytes
    extra: dict[str, Any] = field(default_factory=dict)

    def graph_key(self) -> list[Any]:
        """What cached analyses are keyed by: the graph's epoch and version.

        Every write of graphsvc bumps the version, whichever process makes it: the API,
        ``graphsvc import``, ``seed`` and ``db reset``, workshops. One indexed read, so a
        cache hit costs the same on a national graph as on the seed data.
        """
        epoch, version = self.graphsvc.graph_version()
        return [epoch, version]

    def may_serve_stale(self, old_key: list[Any]) -> bool:
        """Whether a result cached at ``old_key`` (an older :meth:`graph_key`) may be
        served, marked stale, while it is recomputed: the graph only changed by writes
        since (no reset, no erasure)."""
        return self.graphsvc.changed_by_writes_since(int(old_key[1]))


def open_state(settings: Settings, api: ApiSettings) -> ApiState:
    store = ReconnectingStore(settings)
    return ApiState(
        settings=settings,
        api=api,
        graphsvc=Graphsvc(store, settings),
        cache=AnalysisCache(
            api.cache_size, cache_folder(settings.data_dir) if api.cache_size else None
        ),
        pseudonym_key=load_key(settings.data_dir),
    )


async def get_state(request: Request) -> ApiState:
    state: ApiState = request.app.state.graphsvc
    return state


async def get_graphsvc(request: Request) -> Graphsvc:
    state: ApiState = request.app.state.graphsvc
    return state.graphsvc


StateDep = Annotated[ApiState, Depends(get_state)]
GraphsvcDep = Annotated[Graphsvc, Depends(get_graphsvc)]
