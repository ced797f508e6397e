"""``/session``: a browser signs in with an API key and gets a session cookie.

Pages cannot send ``Authorization`` headers (live event streams, map frames), so a
browser holds the cookie ``graphsvc_session``: a random session token kept server-side
(hashed, see :mod:`graphsvc.keys`), never the key itself. The cookie is HttpOnly
(scripts cannot read it) and SameSite=Strict. Writes made with it also need the
session's CSRF token in ``X-CSRF-Token`` (from ``POST`` or ``GET /session``), and every
write must come from this site's own origin (:mod:`graphsvc.api.webguard`). Revoking the
key, its expiry, or signing out ends the session.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from graphsvc.api.deps import StateDep
from graphsvc.api.security import (
    COOKIE,
    CSRF_HEADER,
    client_address,
    failure_limiter,
    key_cache,
    presented,
    resolve,
)
from graphsvc.errors import UnauthorizedError
from graphsvc.keys import create_session, csrf_token, end_session, verify_key

router = APIRouter(prefix="/session", tags=["session"])
COOKIE_MAX_AGE = 12 * 60 * 60  # one working day; then the browser asks for the key again


class SessionCreate(BaseModel):
    key: str = Field(min_length=1, max_length=200, description="An API key.")


class SessionPublic(BaseModel):
    role: str | None = Field(description="The key's role; null when not signed in.")
    key_id: str | None = Field(default=None, description="The id of the session's key.")
    expires: str | None = Field(default=None, description="When the key expires (UTC).")
    csrf_token: str | None = Field(
        default=None,
        description=f"Send it as the header {CSRF_HEADER} with every write made with the "
        "session cookie. Null without a session (a key in the header needs none).",
    )
    demo: bool = Field(default=False, description="Demo mode: no key needed.")


@router.post("", summary="Sign a browser in with an API key (sets a session cookie)")
async def sign_in(
    body: SessionCreate, request: Request, response: Response, state: StateDep
) -> SessionPublic:
    limiter = failure_limiter(state)
    address = client_address(request)
    limiter.check(address)
    info = await run_in_threadpool(verify_key, state.graphsvc.store, body.key.strip())
    if info is None:
        limiter.fail(address)
        raise UnauthorizedError("unknown, revoked or expired API key")
    session = await run_in_threadpool(create_session, state.graphsvc.store, info, COOKIE_MAX_AGE)
    response.set_cookie(
        COOKIE,
        session,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    response.headers["Cache-Control"] = "no-store"
    return SessionPublic(
        role=info.role.value,
        key_id=info.id,
        expires=info.expires,
        csrf_token=csrf_token(session),
        demo=state.api.demo,
    )


@router.get("", summary="Who is signed in, and the session's CSRF token")
async def who(request: Request, response: Response, state: StateDep) -> SessionPublic:
    """No key needed: without one (or with an ended session) every field is null."""
    response.headers["Cache-Control"] = "no-store"
    credential = presented(request)
    if credential is None:
        return SessionPublic(role="editor" if state.api.demo else None, demo=state.api.demo)
    try:
        info = await resolve(request, state, credential)
    except UnauthorizedError:
        return SessionPublic(role="editor" if state.api.demo else None, demo=state.api.demo)
    return SessionPublic(
        role="editor" if state.api.demo else info.role.value,
        key_id=info.id,
        expires=info.expires,
        csrf_token=csrf_token(credential.secret) if credential.via_cookie else None,
        demo=state.api.demo,
    )


@router.delete("", summary="Sign the browser out (ends the session, clears the cookie)")
async def sign_out(request: Request, response: Response, state: StateDep) -> SessionPublic:
    session = request.cookies.get(COOKIE)
    if session:
        await run_in_threadpool(end_session, state.graphsvc.store, session)
        key_cache(state).forget_secret(session)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return SessionPublic(role=None, demo=state.api.demo)
