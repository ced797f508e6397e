"""Workshop mode: live stakeholder analysis over a part of the graph (see ``service``)."""

from graphsvc.workshop.compare import compare
from graphsvc.workshop.service import ATTITUDES, START_FROM, Workshops, slugify

__all__ = ["ATTITUDES", "START_FROM", "Workshops", "compare", "slugify"]
