"""The REST API for planners: a thin FastAPI layer over :class:`graphsvc.core.Graphsvc`."""

from graphsvc.api.app import create_app

__all__ = ["create_app"]
