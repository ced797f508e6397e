"""One JSON shape for every error the API answers with.

``{"status": 422, "code": "validation_error", "message": "...", "details": [{"file",
"row", "column", "field", "value", "message", "code", "params", "text", "lang"}]}``:
graphsvc's own errors, FastAPI's request validation, unknown routes (404), wrong
methods (405), an unreachable database (503), and anything unexpected (500, logged,
never with a traceback in the answer).

A detail's ``message`` is English; ``code`` and ``params`` say the same for programs,
and ``text`` says it in the request's ``lang`` (``?lang=da``) where graphsvc has the
words, ``lang`` naming the language ``text`` is in.
"""

from __future__ import annotations

import logging
from typing import Any

import redis
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from graphsvc.error_words import problem_said
from graphsvc.errors import GraphsvcError, Problem, RateLimitedError
from graphsvc.filters import Language

log = logging.getLogger(__name__)

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    412: "precondition_failed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_requests",
    500: "internal_error",
    503: "store_unavailable",
}


def error_body(
    status: int, code: str, message: str, details: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {"status": status, "code": code, "message": message, "details": details or []}


def _detail(
    message: str,
    *,
    file: str | None = None,
    row: int | None = None,
    column: str | None = None,
    field: str | None = None,
    value: Any = None,
    code: str = "",
    params: dict[str, Any] | None = None,
    said: tuple[str, Language] | None = None,
) -> dict[str, Any]:
    text, lang = said or (message, "en")
    return {
        "file": file, "row": row, "column": column, "field": field,
        "value": None if value is None else _printable(str(value)), "message": message,
        "code": code, "params": params or {}, "text": text, "lang": lang,
    }  # fmt: skip


def problem_detail(problem: Problem, lang: Language = "en") -> dict[str, Any]:
    """One problem of a graphsvc error as the API says it (see the module's text)."""
    return _detail(
        problem.message, file=problem.file, row=problem.row, column=problem.column,
        field=problem.column, value=problem.value, code=problem.code,
        params=problem.params, said=problem_said(lang, problem),
    )  # fmt: skip


def request_lang(request: Request) -> Language:
    """The language a request asks its messages in (``?lang=da``); English by default."""
    return "da" if request.query_params.get("lang") == "da" else "en"


def _printable(text: str) -> str:
    """``text`` as UTF-8 can carry it: a lone surrogate (refused input, echoed back) as its
    escape ``\\ud83d``, not a failure to write the error."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _response(
    status: int,
    code: str,
    message: str,
    details: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(error_body(status, code, message, details), status, headers=headers)


async def graphsvc_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, GraphsvcError)
    status = exc.status_code
    if status >= 500 and status != 503:
        log.error("%s: %s", exc.code, exc.message)
    lang = request_lang(request)
    details = [problem_detail(p, lang) for p in exc.details]
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if isinstance(exc, RateLimitedError):
        headers = {"Retry-After": str(exc.retry_after)}
    return _response(status, exc.code, exc.message, details, headers)


async def request_validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = []
    for error in exc.errors():
        loc = [str(part) for part in error.get("loc", ())]
        where = loc[0] if loc else None
        name = ".".join(loc[1:]) if len(loc) > 1 else None
        details.append(
            _detail(
                str(error.get("msg", "invalid")).removeprefix("Value error, "),
                file=where,
                column=name,
                field=".".join(loc) or None,
                code=str(error.get("type", "")),
            )
        )
    message = f"{len(details)} problem(s) in the request"
    return _response(422, "validation_error", message, details)


async def http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    message = str(exc.detail) if exc.detail else "error"
    if status == 404 and message == "Not Found":
        message = "no such route"
    headers = dict(exc.headers) if exc.headers else None
    return _response(status, _CODES.get(status, "error"), message, headers=headers)


async def unexpected_error(_request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, redis.ConnectionError | redis.TimeoutError):
        return _response(503, "store_unavailable", "the graph database is not reachable")
    log.exception("unexpected error", exc_info=exc)
    return _response(500, "internal_error", "an unexpected error occurred (it was logged)")


def install(app: FastAPI) -> None:
    app.add_exception_handler(GraphsvcError, graphsvc_error)
    app.add_exception_handler(RequestValidationError, request_validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected_error)
