"""What a workshop page may show of persons who did not consent: pseudonyms for their
names *and* their ids.

A workshop page is a shared screen, and an actor's id is often its name as a slug
(``mette-jensen``), so the pseudonym of the name alone would not hide anyone. Every id
of such a person leaves the API masked as everywhere for viewers
(:func:`graphsvc.privacy.mask_id`, ``person-<8 hex>``), and so does every tie id that
contains one of their ids. Ids that come back (a grid move, undo) are mapped back. Their
names and ids are replaced in every other text too: other actors' and projects' names,
the workshop's name and purpose, snapshot notes, analysis sentences.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from graphsvc.privacy import Redactor, mask_id, mask_tie_id, pseudonyms


class PersonMask:
    """Masks and unmasks the ids and names of ``hidden`` persons (``{id: name}``)."""

    def __init__(self, hidden: Mapping[str, str | None], key: bytes) -> None:
        self.key = key
        self.names = pseudonyms(hidden, key)
        self.ids = {i: mask_id(i, key) for i in hidden}
        self.real = {alias: i for i, alias in self.ids.items()}
        self.redactor = Redactor.for_hidden(hidden, key)

    def actor_id(self, actor_id: str) -> str:
        return self.ids.get(actor_id, actor_id)

    def tie_id(self, tie_id: str) -> str:
        return mask_tie_id(tie_id, self.ids, self.key)

    def name(self, actor_id: str, name: str | None) -> str | None:
        if actor_id in self.names:
            return self.names[actor_id]
        return None if name is None else self.redactor.text(name)

    def unmask_actor(self, given: str) -> str:
        """The real id behind an id the page sends (itself when it is not a mask)."""
        return self.real.get(given, given)

    def unmask_tie(self, given: str, tie_ids: Iterable[str]) -> str:
        for tie_id in tie_ids:
            if self.tie_id(tie_id) == given:
                return tie_id
        return given

    def actor(self, actor: Mapping[str, Any]) -> dict[str, Any]:
        hidden = actor["id"] in self.ids
        return {
            **actor,
            "id": self.actor_id(actor["id"]),
            "name": self.name(actor["id"], actor.get("name")),
            "pseudonymised": hidden,
        }

    def tie(self, tie: Mapping[str, Any]) -> dict[str, Any]:
        return {
            **tie,
            "id": self.tie_id(tie["id"]),
            "source_id": self.actor_id(tie["source_id"]),
            "target_id": self.actor_id(tie["target_id"]),
        }

    def state(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """A workshop state (or any part of one) as the page may show it."""
        out = dict(data)
        if "actors" in data:
            out["actors"] = [self.actor(a) for a in data["actors"]]
        if "ties" in data:
            out["ties"] = [self.tie(t) for t in data["ties"]]
        if "projects" in data:
            out["projects"] = [
                {
                    **p,
                    "name": self.text(p.get("name")),
                    "actor_ids": sorted(self.actor_id(i) for i in p["actor_ids"]),
                }
                for p in data["projects"]
            ]
        if "workshop" in data:
            out["workshop"] = self.workshop(data["workshop"])
        return out

    def workshop(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """A workshop's (or snapshot's) fields with names and ids replaced; its own id stays."""
        return {k: v if k in ("id", "workshop_id") else self.text(v) for k, v in data.items()}

    def text(self, value: Any) -> Any:
        """Real names and ids replaced anywhere in a JSON-like value (analysis sentences,
        a workshop's name and purpose, snapshot notes)."""
        if isinstance(value, str):
            return self.ids.get(value) or self.redactor.text(value)
        if isinstance(value, Mapping):
            return {k: self.text(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.text(v) for v in value]
        return value
