"""Network surveys: ask the partners who works with whom, and apply the answers as ties."""

from graphsvc.surveys.service import Surveys

__all__ = ["Surveys"]
