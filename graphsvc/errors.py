"""One error hierarchy for store, API and CLI.

Every error carries the HTTP status the API answers with and a stable ``code``,
so the CLI, the API and the tests can tell errors apart without parsing text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One problem in an input: what is wrong and where.

    ``message`` is English (the API's ``message``, the logs). ``code`` names the kind of
    problem for programs, and ``params`` holds its values: pydantic's error ``type`` and
    ``ctx`` for a cell the model refuses (``missing``, ``literal_error`` with
    ``expected``, ``date_from_datetime_parsing`` with ``error`` …), graphsvc's own codes
    for what the readers find (``duplicate_id``, ``unknown_reference``, ``bad_date`` …).
    :func:`graphsvc.error_words.problem_text` says a problem in Danish or English.
    """

    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    value: Any = None
    code: str = ""
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                self.file,
                f"row {self.row}" if self.row is not None else None,
                f"column {self.column!r}" if self.column else None,
            )
            if part
        )
        return f"{where}: {self.message}" if where else self.message

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "code": self.code,
            "params": self.params,
        }


class GraphsvcError(Exception):
    """Base of every error graphsvc raises on purpose."""

    status_code: int = 500
    code: str = "internal_error"

    def __init__(self, message: str, *, details: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details: list[Problem] = list(details or [])

    def __str__(self) -> str:
        if not self.details:
            return self.message
        lines = [self.message, *(f"  - {problem}" for problem in self.details)]
        return "\n".join(lines)


class ValidationError(GraphsvcError):
    """Input that does not satisfy the data model; ``details`` lists every problem."""

    status_code = 422
    code = "validation_error"


class UnauthorizedError(GraphsvcError):
    """No API key, or one that is unknown or revoked."""

    status_code = 401
    code = "unauthorized"


class ForbiddenError(GraphsvcError):
    """A valid key whose role may not do this."""

    status_code = 403
    code = "forbidden"


class RateLimitedError(GraphsvcError):
    """Too many failed attempts from one client; ``retry_after`` seconds until the next."""

    status_code = 429
    code = "too_many_requests"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class NotFoundError(GraphsvcError):
    status_code = 404
    code = "not_found"


class ConflictError(GraphsvcError):
    status_code = 409
    code = "conflict"


class SurveyClosedError(GraphsvcError):
    """A survey that does not take answers now (a draft, closed, or past its closing
    time), or an invitation link that expired or was revoked."""

    status_code = 410
    code = "survey_closed"


class SchemaVersionError(ConflictError):
    """The graph was written in a schema version this graphsvc does not open as it is: a
    newer one (a later release wrote it), or an older one it may not upgrade by itself
    (``graphsvc db migrate`` does, see :mod:`graphsvc.store.migrations`)."""

    code = "schema_version"


class PreconditionFailedError(GraphsvcError):
    """An ``If-Match`` that names a version of the item other than the stored one."""

    status_code = 412
    code = "precondition_failed"


class QueryCatalogueError(GraphsvcError):
    """A query name that does not exist, or parameters that do not match its header."""

    status_code = 400
    code = "query_error"


class StoreUnavailableError(GraphsvcError):
    """The graph database cannot be reached or started."""

    status_code = 503
    code = "store_unavailable"


class StoreDamagedError(StoreUnavailableError):
    """The database files are damaged; ``graphsvc db repair`` can cut them at the damage."""

    code = "store_damaged"


class StoreError(GraphsvcError):
    """The graph database refused a query."""

    status_code = 500
    code = "store_error"


class ConfigurationError(GraphsvcError):
    status_code = 500
    code = "configuration_error"


class MailError(GraphsvcError):
    """The SMTP server refused or could not be reached, or sending is not configured.

    Never names a contact's e-mail address (personal data): only invitations and actors.
    """

    status_code = 502
    code = "mail_error"
