# ruff: noqa: E501  (CSV rows as other tools write them)
"""A graph whose hidden persons are also named in other items' free text, and a scanner
that looks for their names and real ids in any answer (JSON, HTML, XML, zip, XLSX).

Imported as ``tests.api.privacyhelpers`` (``tests/`` is a package).
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

from graphsvc.core import Graphsvc

# Hidden persons (no consent): real id → name. Mette Jensen comes from tests/data/mini.
HIDDEN = {
    "mette-jensen": "Mette Jensen",
    "bjarne-ibsen": "Bjarne Ibsen",
    "ulla-soerensen": "Ulla Sørensen (mentorkoordinator, Jobcenter Middelfart)",
}
# What must never reach a viewer: the names as free text writes them, and the real ids.
FORBIDDEN = ["Mette Jensen", "Bjarne Ibsen", "Ulla Sørensen", *HIDDEN]

ACTORS = """\
id,name,kind,sector,scale,locality,is_person,legal_basis,consent_to_publish,tags,description,source_passage
bjarne-ibsen,Bjarne Ibsen,person,citizen,local,DK-410,true,legitimate_interests,false,,Frivillig mentor,Bjarne Ibsen fortalte om mentorerne
ulla-soerensen,"Ulla Sørensen (mentorkoordinator, Jobcenter Middelfart)",person,public,municipal,DK-410,true,legitimate_interests,false,koordinator,Ansat i jobcentret,
karin-holm,Karin Holm,person,citizen,local,DK-410,true,consent,true,,Har givet samtykke,
ibsen-venner,Bjarne Ibsens Venner,association,civil_society,local,DK-410,false,,false,mette jensen;mentor,"Stiftet af bjarne-ibsen og Ulla  Sørensen","ULLA SØRENSEN og Mette Jensen mødtes"
"""
PROJECTS = """\
id,name,theme,localities,status,tags,description,source_passage
mentornetvaerk,Mentornetværk med Mette Jensen,employment,DK-410,active,bjarne ibsen,"Koordineret af Ulla Sørensen; se mette-jensen","BJARNE IBSEN og Mette Jensen"
"""
PARTICIPATIONS = """\
id,actor_id,project_id,role,status,description,source_passage
p-ibsen-mentor,bjarne-ibsen,mentornetvaerk,volunteer,existing,Bjarne Ibsen er mentor,
p-venner-mentor,ibsen-venner,mentornetvaerk,partner,existing,Kontakt: Mette Jensen,"ulla-soerensen svarer"
p-kommune-mentor,middelfart-kommune,mentornetvaerk,lead,existing,Ulla Sørensen leder,
"""
COLLABORATIONS = """\
id,source_id,target_id,kind,status,description,source_passage
c-bjarne-ibsen-ulla-soerensen,bjarne-ibsen,ulla-soerensen,mentoring,existing,De mødes ugentligt,
c-venner-frivilligcenter,ibsen-venner,frivilligcenter-middelfart,partnership,existing,"Aftale underskrevet af Ulla Sørensen","se bjarne-ibsen"
c-ulla-kommune,ulla-soerensen,middelfart-kommune,membership,existing,,
c-karin-venner,karin-holm,ibsen-venner,membership,existing,Karin Holm og Bjarne Ibsen,
"""


def load_hidden_world(core: Graphsvc, folder: Path) -> None:
    """The mini data set (already loaded) plus persons named in others' free text."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (
        ("actors", ACTORS),
        ("projects", PROJECTS),
        ("participations", PARTICIPATIONS),
        ("collaborations", COLLABORATIONS),
    ):
        (folder / f"{name}.csv").write_text(text, "utf-8")
    core.import_paths([folder])


def readable(content: bytes) -> str:
    """Every text in an answer: zip members (CSV zips, XLSX) unpacked, HTML entities and
    JSON ``\\u`` escapes decoded, white space runs made one space."""
    texts: list[str] = []
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            texts += [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
    else:
        texts.append(content.decode("utf-8", "replace"))
    text = "\n".join(texts)
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    for _ in range(2):  # XML inside XLSX may escape twice (&amp;#248;)
        text = html.unescape(text)
    return " ".join(text.split())


def leaks(content: bytes) -> list[str]:
    """The forbidden names and ids found in ``content`` (any case)."""
    text = readable(content).casefold()
    return [word for word in FORBIDDEN if word.casefold() in text]
