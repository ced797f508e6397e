"""The access log without respondents' survey links.

A survey link ``/s/<token>`` is the respondent's only credential, so a log line with
the path would let anyone who reads the logs answer in their name. uvicorn logs every
request's path (``uvicorn.access``); this filter replaces the token before the line is
written.
"""

from __future__ import annotations

import logging
import re

_TOKEN_PATH = re.compile(r"/s/[^/?#\s\"]+")
ACCESS_LOGGER = "uvicorn.access"


def hide_tokens(text: str) -> str:
    """``text`` with every survey token in a ``/s/<token>`` path replaced by ``…``.

    Examples
    --------
    >>> hide_tokens("GET /s/Abc_123-x/form HTTP/1.1")
    'GET /s/…/form HTTP/1.1'
    >>> hide_tokens("/surveys/s1/page")
    '/surveys/s1/page'
    """
    return _TOKEN_PATH.sub("/s/…", text)


class HideSurveyTokens(logging.Filter):
    """Rewrites a log record's message and arguments without survey tokens."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = hide_tokens(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                hide_tokens(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        return True


def install() -> None:
    """Add the filter to uvicorn's access log once (each worker builds its own app)."""
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, HideSurveyTokens) for f in logger.filters):
        logger.addFilter(HideSurveyTokens())
