"""The survey tests reuse the API tests' fixtures: the real app over real HTTP, keys, the
mini data set (``tests/api/conftest.py``)."""

from tests.api.conftest import api_server, client, core, keys

__all__ = ["api_server", "client", "core", "keys"]
