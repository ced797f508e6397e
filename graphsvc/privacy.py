"""Pseudonymisation of actors that are persons (GDPR).

A person (``is_person``) without ``consent_to_publish`` is shown to readers who may not
see personal data as ``Person 1``, ``Person 2``, …: one scheme for maps, workshops,
exports and the API (:func:`pseudonyms`). The number is the person's place among all
hidden persons in the order of an HMAC-SHA256 of their ids under a secret key, so

- the same person has the same label in every list, map, workshop and export of the
  same data (the numbers move only when hidden persons are added or removed);
- two persons are told apart at a glance ("Person 2", "Person 7"), in Danish and English
  alike (the word is the same in both);
- the label says nothing about the person: not the id, not the name's alphabetical
  place, not the key's digest (an earlier label, ``Person 3f2a91c0``, showed the digits
  of the masked id).

Their id is masked as ``person-3f2a91c0`` (the first hex digits of that HMAC), because
ids are often the name as a slug (``mette-jensen``); ids the reader sends back are
unmasked (:func:`unmask_ids`). A masked id is a handle for programs; people read the
label. Their ``description``, ``website``, ``cvr``, ``sources``, ``source_passage`` and
``attributes`` are removed, and so are the free texts of their ties (``description``,
``source_passage``, ``attributes``), which may name them.

The key is ``GRAPHSVC_PSEUDONYM_KEY`` when set, else a random key kept in the data
directory (``pseudonym.key``, mode 0600), created on first use, so every process
over the same data directory agrees.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

KEY_ENV = "GRAPHSVC_PSEUDONYM_KEY"
KEY_FILE = "pseudonym.key"
REMOVED_FIELDS = ("description", "website", "cvr", "source_passage", "attributes")
TIE_TEXT_FIELDS = ("description", "source_passage", "attributes")


def load_key(data_dir: Path) -> bytes:
    """The pseudonym key: ``GRAPHSVC_PSEUDONYM_KEY``, or a random one kept in ``data_dir``."""
    env = os.environ.get(KEY_ENV)
    if env:
        return env.encode()
    path = Path(data_dir).expanduser() / KEY_FILE
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32).encode()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return path.read_bytes().strip()
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key


#: The label of a hidden person who was erased (GDPR art. 17) where a frozen text or
#: snapshot still needs a name: no number, since the person is no longer counted.
ERASED_LABEL = "Person (slettet)"


def _digest(value: str, key: bytes) -> str:
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


def person_label(number: int) -> str:
    """The label of the ``number``-th hidden person, the same in Danish and English.

    Examples
    --------
    >>> person_label(3)
    'Person 3'
    """
    return f"Person {number}"


def pseudonyms(hidden_ids: Iterable[str], key: bytes) -> dict[str, str]:
    """``{real id: "Person N"}`` for the hidden persons ``hidden_ids`` (all of them: the
    numbers count among them, in the order of the ids' masks).

    Examples
    --------
    >>> labels = pseudonyms(["mette-jensen", "ole-hansen"], b"k")
    >>> sorted(labels.values())
    ['Person 1', 'Person 2']
    >>> pseudonyms(["ole-hansen", "mette-jensen"], b"k") == labels
    True
    """
    ordered = sorted({str(i) for i in hidden_ids}, key=lambda i: (_digest(i, key), i))
    return {i: person_label(n) for n, i in enumerate(ordered, start=1)}


def mask_id(actor_id: str, key: bytes) -> str:
    """The id a reader without access to personal data sees, e.g. ``'person-3f2a91c0'``."""
    return "person-" + _digest(actor_id, key)[:8]


def mask_tie_id(tie_id: str, hidden_ids: Iterable[str], key: bytes) -> str:
    """A tie id that contains a hidden person's id is masked too (``tie-…``): the id
    framed by ``-`` or ``~`` (agreement-derived ties are ``<agreement>~<a>~<b>``).

    Examples
    --------
    >>> mask_tie_id("g~mette~ole", ["mette"], b"k").startswith("tie-")
    True
    >>> mask_tie_id("g~mettes~ole", ["mette"], b"k")
    'g~mettes~ole'
    """
    framed = f"~{tie_id}~"
    for hidden in hidden_ids:
        if re.search(r"[-~]" + re.escape(hidden) + r"[-~]", framed):
            return "tie-" + _digest(tie_id, key)[:8]
    return tie_id


MASK_PATTERN = re.compile(r"^person-[0-9a-f]{8}$")
TIE_MASK = re.compile(r"^tie-[0-9a-f]{8}$")


def unmask_ids(values: Iterable[str], hidden_ids: Iterable[str], key: bytes) -> dict[str, str]:
    """``{mask: real id}`` for the masks among ``values`` (hidden persons' ids)."""
    wanted = {v for v in values if isinstance(v, str) and MASK_PATTERN.match(v)}
    if not wanted:
        return {}
    return {m: i for i in hidden_ids if (m := mask_id(i, key)) in wanted}


def is_hidden(actor: Mapping[Any, Any]) -> bool:
    """True for a person who did not consent to be shown by name."""
    return bool(actor.get("is_person")) and not bool(actor.get("consent_to_publish"))


def redact_actor(actor: Mapping[Any, Any], key: bytes, label: str) -> dict[Any, Any]:
    """The actor as a reader without access to personal data sees it, named ``label``
    (its entry in :func:`pseudonyms`)."""
    data = dict(actor)
    if not is_hidden(data) or MASK_PATTERN.match(str(data.get("id"))):  # done already
        return data
    data["name"] = label
    data["id"] = mask_id(str(data["id"]), key)
    for name in REMOVED_FIELDS:
        if name in data:
            data[name] = None
    if "sources" in data:
        data["sources"] = []
    return data


def redact_tie(tie: Mapping[Any, Any], hidden_ids: set[str], key: bytes) -> dict[Any, Any]:
    """A participation, collaboration or agreement: free texts go when an end (a party) is
    a hidden person, whose id is masked (and the tie's id, when it contains theirs)."""
    data = dict(tie)
    ends = {data.get(k) for k in ("actor_id", "source_id", "target_id")}
    ends.update(data.get("party_ids") or ())
    if ends & hidden_ids:
        for name in TIE_TEXT_FIELDS:
            if name in data:
                data[name] = None
        for end in ("actor_id", "source_id", "target_id"):
            if data.get(end) in hidden_ids:
                data[end] = mask_id(str(data[end]), key)
        if data.get("party_ids"):
            data["party_ids"] = [
                mask_id(str(p), key) if p in hidden_ids else p for p in data["party_ids"]
            ]
    if isinstance(data.get("id"), str):
        data["id"] = mask_tie_id(data["id"], hidden_ids, key)
    return data


def hidden_names(actors: Iterable[Mapping[str, Any]], key: bytes) -> dict[str, str]:
    """Real name → pseudonym for every hidden person among ``actors`` (all of them)."""
    hidden = [a for a in actors if is_hidden(a)]
    labels = pseudonyms((str(a["id"]) for a in hidden), key)
    return {str(a["name"]): labels[str(a["id"])] for a in hidden if a.get("name")}


def redact_tables(tables: Mapping[str, pd.DataFrame], key: bytes) -> dict[str, pd.DataFrame]:
    """The tables as a reader without access to personal data may see them (exports,
    maps): hidden persons pseudonymised, their ties' free texts removed, and their names
    and ids replaced in every other item's text (names, descriptions, tags, …).

    Column by column, each distinct text redacted once (a national graph in seconds)."""
    actors = tables["actors"]
    hidden_rows = actors[[is_hidden(r) for r in actors[["is_person", "consent_to_publish"]]
                          .to_dict("records")]]  # fmt: skip
    hidden = {str(r["id"]): r.get("name") for r in hidden_rows.to_dict("records")}
    out = dict(tables)
    if not hidden:
        return out
    redactor = Redactor.for_hidden(hidden, key)
    masks = {i: mask_id(i, key) for i in hidden}
    shown = actors.copy()
    labels = pseudonyms(hidden, key)
    for index, row in hidden_rows.iterrows():
        for name, value in redact_actor(row.to_dict(), key, labels[str(row["id"])]).items():
            shown.at[index, name] = value
    if "successor_id" in shown.columns:  # the actor it became (#12)
        shown["successor_id"] = shown["successor_id"].map(lambda v: masks.get(v, v))
    out["actors"] = _redact_columns(shown, redactor, keep=("id",))
    ends = ("actor_id", "project_id", "source_id", "target_id")
    for table in ("participations", "collaborations"):
        frame = tables[table].copy()
        touching = pd.Series(False, index=frame.index)
        for end in ends:
            if end in frame.columns:
                touching |= frame[end].isin(masks)
                frame[end] = frame[end].map(lambda v: masks.get(v, v))
        for name in TIE_TEXT_FIELDS:
            if name in frame.columns:
                frame[name] = frame[name].astype(object).where(~touching, None)
        if "proposed_by" in frame.columns:  # an actor id, or a short text (#12)
            frame["proposed_by"] = frame["proposed_by"].map(lambda v: masks.get(v, v))
        frame["id"] = frame["id"].map(redactor.tie_id)
        out[table] = _redact_columns(frame, redactor, keep=("id", *ends))
    out["projects"] = _redact_columns(tables["projects"], redactor, keep=("id",))
    if "agreements" in tables:
        out["agreements"] = _redact_agreements(tables["agreements"], redactor, masks)
    return out


def redact_agreements(
    frame: pd.DataFrame, hidden: Mapping[str, str | None], key: bytes
) -> pd.DataFrame:
    """Agreement rows as :func:`redact_tables` shows them: some rows of the table, e.g.
    those a map shows.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows of the agreements table, with its ``party_ids`` column (lists of actor ids);
        not changed.
    hidden : mapping of str to str or None
        ``{id: name}`` of every person who did not consent to be shown by name (all of
        them: their pseudonyms are numbered among them).
    key : bytes
        The pseudonym key.

    Returns
    -------
    pandas.DataFrame
        A copy with hidden parties under their masked ids, the free texts
        (:data:`TIE_TEXT_FIELDS`) gone from rows with a hidden party, and hidden
        persons' names and ids replaced in every other text; ``frame`` itself when
        nobody is hidden.

    Raises
    ------
    KeyError
        When someone is hidden and ``frame`` has no ``party_ids`` column.

    Examples
    --------
    >>> import pandas as pd
    >>> rows = pd.DataFrame({"id": ["a1"], "name": ["Aftale med Mette"],
    ...                      "party_ids": [["mette", "kommune"]],
    ...                      "description": ["Mette ringer"]})
    >>> shown = redact_agreements(rows, {"mette": "Mette"}, b"k")
    >>> shown.loc[0, "name"], shown.loc[0, "description"]
    ('Aftale med Person 1', None)
    >>> shown.loc[0, "party_ids"] == [mask_id("mette", b"k"), "kommune"]
    True
    """
    if not hidden:
        return frame
    masks = {i: mask_id(i, key) for i in hidden}
    return _redact_agreements(frame, Redactor.for_hidden(hidden, key), masks)


def _redact_agreements(
    frame: pd.DataFrame, redactor: Redactor, masks: Mapping[str, str]
) -> pd.DataFrame:
    # parties masked, free texts gone next to a hidden party
    frame = frame.copy()
    parties = frame["party_ids"].map(lambda ids: list(ids) if isinstance(ids, list) else [])
    touching = parties.map(lambda ids: any(i in masks for i in ids)).astype(bool)
    frame["party_ids"] = parties.map(lambda ids: [masks.get(i, i) for i in ids])
    for name in TIE_TEXT_FIELDS:
        if name in frame.columns:
            frame[name] = frame[name].astype(object).where(~touching, None)
    return _redact_columns(frame, redactor, keep=("id", "party_ids"))


def redact_network(network: Any, hidden: Mapping[str, str | None], key: bytes) -> Any:
    """A network (``networkx``, as :func:`graphsvc.analysis.snapshot.build_network` makes
    it) as :func:`redact_tables` would have made it: ``hidden`` persons (``{id: name}``,
    all of them: their labels are numbered among them) under their masked ids and labels,
    ids of their ties masked, and their names replaced in every other node's name (reports:
    a shared document, like a map).

    Examples
    --------
    >>> import networkx as nx
    >>> N = nx.MultiDiGraph()
    >>> N.add_node("mette", type="actor", name="Mette", is_person=True)
    >>> N.add_node("p", type="project", name="Mettes hold")
    >>> _ = N.add_edge("mette", "p", key="p-mette", id="p-p-mette", type="participation")
    >>> R = redact_network(N, {"mette": "Mette"}, b"k")
    >>> sorted(R.nodes) == sorted([mask_id("mette", b"k"), "p"])
    True
    >>> R.nodes[mask_id("mette", b"k")]["name"], R.nodes["p"]["name"]
    ('Person 1', 'Person 1s hold')
    """
    if not hidden:
        return network
    redactor = Redactor.for_hidden(hidden, key)
    labels = pseudonyms(hidden, key)
    masks = {i: mask_id(i, key) for i in hidden}
    out = network.__class__()
    out.graph.update(network.graph)
    ends = ("actor_id", "project_id", "source_id", "target_id", "proposed_by", "successor_id")

    def fields(data: Mapping[Any, Any]) -> dict[Any, Any]:
        # the field rules of redact_tables: ids among the ends masked, other text redacted
        shown = {}
        for name, value in data.items():
            if name == "proposed_by" and value not in masks:  # an actor id, or a short text
                shown[name] = redactor.free(value)
            elif name in ends:
                shown[name] = masks.get(value, value) if isinstance(value, str) else value
            elif name == "party_ids" and isinstance(value, list | tuple):
                shown[name] = [masks.get(i, i) for i in value]
            elif name in ("id", "type"):
                shown[name] = value
            else:
                shown[name] = redactor.free(value)
        return shown

    for node, data in network.nodes(data=True):
        shown = fields(data)
        if node in masks:  # as redact_actor: labelled, masked, its free texts gone
            shown["name"] = labels[node]
            if "id" in shown:
                shown["id"] = masks[node]
            for name in REMOVED_FIELDS:
                if name in shown:
                    shown[name] = None
            if "sources" in shown:
                shown["sources"] = []
        out.add_node(masks.get(node, node), **shown)
    for u, v, k, data in network.edges(keys=True, data=True):
        shown = fields(data)
        if u in masks or v in masks:
            for name in TIE_TEXT_FIELDS:
                shown.pop(name, None)
        if isinstance(shown.get("id"), str):
            shown["id"] = redactor.tie_id(shown["id"])
        out.add_edge(masks.get(u, u), masks.get(v, v), key=redactor.tie_id(k), **shown)
    return out


def _redact_columns(frame: pd.DataFrame, redactor: Redactor, keep: Iterable[str]) -> pd.DataFrame:
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if name not in keep and (column.dtype == object or pd.api.types.is_string_dtype(column)):
            out[name] = out[name].map(redactor.free)
    return out


def name_variants(name: str) -> list[str]:
    """The forms of a person's name that free text uses: the whole name, and the name
    before a parenthesis or comma (``"Ulla Sørensen (mentorkoordinator, Jobcenter)"`` is
    written ``"Ulla Sørensen"`` elsewhere)."""
    found = {name.strip()}
    for mark in ("(", ","):
        head = name.split(mark, 1)[0].strip()
        if len(head) >= 3:
            found.add(head)
    return [v for v in found if v]


_SLUG = re.compile(r"^[a-z0-9]+(?:[-~][a-z0-9]+)+$")


class Redactor:
    """Replaces hidden persons' names and ids anywhere in text or a JSON-like value.

    Names are found in any case and with any white space between their words, also as
    the start of a longer word (a Danish genitive, "Mette Jensens"); ids where they stand
    as a whole slug or slug part ("se mette-jensen", "c-mette-jensen-x"). A value that
    *is* a hidden id becomes its mask, a slug that contains one a masked tie id, and a
    dict that looks like a stored actor (``is_person``) is redacted as an actor.

    Parameters
    ----------
    names : Mapping[str, str]
        Real name → pseudonym.
    key : bytes
        The pseudonym key.
    ids : Iterable[str]
        The real ids of the hidden persons.
    labels : Mapping[str, str], optional
        Real id → pseudonym, for stored actors found in a value.

    Examples
    --------
    >>> r = Redactor.for_hidden({"mette-jensen": "Mette Jensen"}, b"k")
    >>> r("Ledet af METTE  jensen")
    'Ledet af Person 1'
    """

    def __init__(
        self,
        names: Mapping[str, str],
        key: bytes,
        ids: Iterable[str] = (),
        labels: Mapping[str, str] | None = None,
    ) -> None:
        self.key = key
        self.labels = dict(labels or {})  # real id -> pseudonym, for stored actors met
        self.ids = {i: mask_id(i, key) for i in ids}
        self._memo: dict[str, str] = {}
        self._fakes: dict[str, str] = {}
        for real, fake in names.items():
            for variant in name_variants(real):
                self._fakes.setdefault(_fold(variant), fake)
        # Longest first, so "Mette Jensen-Holm" is not half-replaced by "Mette Jensen".
        variants = sorted(self._fakes, key=lambda v: (-len(v), v))
        self._names = (
            re.compile(
                "|".join(r"\s+".join(map(re.escape, v.split())) for v in variants),
                re.IGNORECASE,
            )
            if variants
            else None
        )
        ordered = sorted(self.ids, key=lambda v: (-len(v), v))
        self._ids = (
            re.compile(r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, ordered)) + r")(?![a-z0-9])")
            if ordered
            else None
        )

    @classmethod
    def for_hidden(
        cls, hidden: Mapping[str, str | None], key: bytes, erased: bool = False
    ) -> Redactor:
        """The redactor for ``hidden`` persons, ``{real id: real name}``: all hidden
        persons (their labels are numbered among them, :func:`pseudonyms`), or with
        ``erased`` the persons being erased (labelled :data:`ERASED_LABEL`)."""
        labels = dict.fromkeys(hidden, ERASED_LABEL) if erased else pseudonyms(hidden, key)
        names = {str(name): labels[i] for i, name in hidden.items() if name}
        return cls(names, key, ids=hidden, labels=labels)

    def __bool__(self) -> bool:
        return bool(self.ids or self._fakes)

    def text(self, value: str) -> str:
        """``value`` with hidden persons' names and ids replaced in running text."""
        found = self._memo.get(value)
        if found is not None:
            return found
        shown = value
        if self._names is not None:
            shown = self._names.sub(lambda m: self._fakes[_fold(m.group(0))], shown)
        if self._ids is not None:
            shown = self._ids.sub(lambda m: self.ids[m.group(0)], shown)
        if len(self._memo) < 100_000:
            self._memo[value] = shown
        return shown

    def tie_id(self, tie_id: Any) -> Any:
        """A tie id holding a hidden person's id, masked (as :func:`mask_tie_id`)."""
        if isinstance(tie_id, str) and self._ids is not None and self._ids.search(tie_id):
            return mask_tie_id(tie_id, self.ids, self.key)
        return tie_id

    def free(self, value: Any) -> Any:
        """Free text (a string, a list of them, a mapping of them) redacted."""
        return self._free(value)

    def item(self, data: Mapping[Any, Any], keep: Iterable[str] = ()) -> dict[Any, Any]:
        """A stored item with its free text redacted (``keep``: fields left alone, ids)."""
        kept = set(keep)
        return {k: v if k in kept else self._free(v) for k, v in data.items()}

    def _free(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list | tuple):
            return [self._free(v) for v in value]
        if isinstance(value, Mapping):  # imported attributes
            return {k: self._free(v) for k, v in value.items()}
        return value

    def __call__(self, value: Any) -> Any:
        if isinstance(value, str):
            if value in self.ids:
                return self.ids[value]
            if self.ids and _SLUG.match(value):  # a tie id may contain a person's id
                masked = mask_tie_id(value, self.ids, self.key)
                if masked != value:
                    return masked
            return self.text(value)
        if isinstance(value, Mapping):
            if "is_person" in value and "id" in value and "name" in value and is_hidden(value):
                label = self.labels.get(str(value["id"]), ERASED_LABEL)
                value = redact_actor(value, self.key, label)  # before its id is masked
            # keys too: a mapping keyed by actor ids (what-if's removed roles)
            return {self(k) if isinstance(k, str) else k: self(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self(v) for v in value]
        return value


def _fold(text: str) -> str:
    """A name as compared: words split on any white space, any case."""
    return " ".join(text.split()).casefold()
