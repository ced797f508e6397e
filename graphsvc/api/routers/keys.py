"""``/keys``: API keys (admins only). A key is shown once, when it is created."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, status

from graphsvc.api.deps import StateDep
from graphsvc.api.schemas import KeyCreate, KeyCreated, KeyPublic
from graphsvc.api.security import Admin, key_cache
from graphsvc.keys import create_key, list_keys, revoke_key

router = APIRouter(prefix="/keys", tags=["keys"])


@router.get("", summary="List API keys (without secrets)")
def list_api_keys(user: Admin, state: StateDep) -> list[KeyPublic]:
    return [KeyPublic(**k.as_dict()) for k in list_keys(state.graphsvc.store)]


@router.post("", status_code=status.HTTP_201_CREATED, summary="Create an API key")
def create_api_key(body: KeyCreate, user: Admin, state: StateDep) -> KeyCreated:
    info, key = create_key(state.graphsvc.store, body.role, body.name, body.expires)
    return KeyCreated(**info.as_dict(), key=key)


@router.delete("/{key_id}", summary="Revoke an API key")
def revoke_api_key(
    key_id: Annotated[str, Path(max_length=40)], user: Admin, state: StateDep
) -> KeyPublic:
    info = revoke_key(state.graphsvc.store, key_id)
    key_cache(state).forget(key_id)
    return KeyPublic(**info.as_dict())
