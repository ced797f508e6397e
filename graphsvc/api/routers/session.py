"""``/session``: a browser signs in with an API key, kept in an HttpOnly cookie.

Pages cannot send ``Authorization`` headers (live event streams, map frames), so the key
travels as the cookie ``graphsvc_key``: HttpOnly (scripts cannot read it) and
SameSite=Strict (other sites cannot make the browser send it, which is what stops
cross-site request forgery of the cookie-authenticated writes).
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from graphsvc.api.deps import StateDep
from graphsvc.api.security import COOKIE
from graphsvc.errors import UnauthorizedError
from graphsvc.keys import verify_key

router = APIRouter(prefix="/session", tags=["session"])
COOKIE_MAX_AGE = 12 * 60 * 60  # one working day; then the browser asks for the key again


class SessionCreate(BaseModel):
    key: str = Field(min_length=1, max_length=200, description="An API key.")


class SessionPublic(BaseModel):
    role: str | None = Field(description="The key's role; null after signing out.")


@router.post("", summary="Sign a browser in with an API key (sets a cookie)")
async def sign_in(
    body: SessionCreate, request: Request, response: Response, state: StateDep
) -> SessionPublic:
    info = await run_in_threadpool(verify_key, state.graphsvc.store, body.key.strip())
    if info is None:
        raise UnauthorizedError("unknown or revoked API key")
    response.set_cookie(
        COOKIE,
        body.key.strip(),
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return SessionPublic(role=info.role.value)


@router.delete("", summary="Sign the browser out (clears the cookie)")
async def sign_out(response: Response) -> SessionPublic:
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return SessionPublic(role=None)
