"""E-mail addresses and header text for survey invitations: what may go in a header.

Apart from :mod:`graphsvc.surveys.mail` so that the service can check a contact's address
when it is stored without importing the mail module (which uses the service).
"""

from __future__ import annotations

import re
from email.headerregistry import Address


def one_line(text: str) -> str:
    r"""``text`` with every run of control characters (line breaks, tabs …) as one space.

    Examples
    --------
    >>> one_line("Netværk\r\n2026\tforår")
    'Netværk 2026 forår'
    """
    return re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+", " ", text).strip()


EMAIL_PATTERN = r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$"
_EMAIL = re.compile(EMAIL_PATTERN)


def is_email_address(text: str) -> bool:
    """Whether ``text`` is one bare e-mail address (``navn@kommune.dk``): no display
    name, commas, angle brackets or control characters, and one that ``email`` can put
    in a ``To`` header.

    Examples
    --------
    >>> is_email_address("a@b.dk"), is_email_address("a@b.dk>, evil@x.dk")
    (True, False)
    """
    if not _EMAIL.match(text) or one_line(text) != text:
        return False
    try:
        Address(addr_spec=text)
    except (ValueError, IndexError):
        return False
    return True
