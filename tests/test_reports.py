"""Reports over real HTTP, drawn by a real Chromium, on the seed data set.

The PDF is read back with pypdfium2 (PDFium, the PDF engine of Chromium): it must be a
PDF of a few A4 pages that names the project and states its anchoring score, the score
that ``graphsvc analyse anchoring`` computes over the whole network (the report computes it
on the project's neighbourhood only: the two must agree). The HTML report is scanned with
axe-core. A viewer's report names no hidden person; unknown ids answer 404.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pypdfium2 as pdfium
import pytest

from graphsvc.api import create_app
from graphsvc.core import Graphsvc
from graphsvc.keys import create_key
from graphsvc.maps.payload import read_payload
from graphsvc.privacy import name_variants, pseudonyms
from graphsvc.reports.data import municipality_report
from graphsvc.reports.render import render_html
from graphsvc.settings import Settings
from tests.api.apihelpers import ServerThread
from tests.axe import assert_accessible

pytestmark = pytest.mark.browser

A4 = (595, 842)  # points


class Seeded:
    def __init__(self, url: str, viewer: str, editor: str, hidden: dict[str, str | None],
                 scores: dict[str, float], key: bytes) -> None:  # fmt: skip
        self.url, self.viewer, self.editor = url, viewer, editor
        self.hidden, self.scores, self.key = hidden, scores, key
        self.middelfart: list[str] = []

    def get(self, path: str, key: str | None = None, **params: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {key or self.viewer}"}
        return httpx.get(self.url + path, params=params, headers=headers, timeout=300)


@pytest.fixture(scope="module")
def seeded(settings: Settings) -> Iterator[Seeded]:
    with Graphsvc.open(settings) as graphsvc:
        graphsvc.reset()
        graphsvc.seed()
        graphsvc.bump_version()
        viewer = create_key(graphsvc.store, "viewer", "report viewer")[1]
        editor = create_key(graphsvc.store, "editor", "report editor")[1]
        hidden = graphsvc.hidden_persons()
        scores = graphsvc.anchoring()["score"].to_dict()
        key = graphsvc.pseudonym_key()
        middelfart = [
            i for i in hidden if (graphsvc.get_item("actors", i) or {}).get("locality") == "DK-410"
        ]
    server = ServerThread(create_app(settings)).start()
    seeded = Seeded(server.url, viewer, editor, hidden, scores, key)
    seeded.middelfart = middelfart
    yield seeded
    server.stop()


def pdf_pages(body: bytes) -> tuple[list[str], list[tuple[float, float]]]:
    """The text of each page (white space as single spaces) and each page's size."""
    document = pdfium.PdfDocument(body)
    texts, sizes = [], []
    for page in document:
        texts.append(" ".join(page.get_textpage().get_text_range().split()))
        sizes.append(page.get_size())
    return texts, sizes


def test_project_report_pdf_in_danish(seeded: Seeded) -> None:
    answer = seeded.get("/reports/project/legepatruljen", lang="da")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF-")
    texts, sizes = pdf_pages(answer.content)
    assert 3 <= len(texts) <= 6
    assert all(abs(w - A4[0]) < 2 and abs(h - A4[1]) < 2 for w, h in sizes)
    whole = " ".join(texts)
    assert "Lokal forankring af Legepatruljen" in texts[0]
    assert "Spørgsmålet".upper() in texts[0].upper()
    score = round(seeded.scores["legepatruljen"])  # 41 on the seed of this writing
    # the title page's figure, and the sum under the parts table
    assert f"{score}/100" in texts[0].replace(" ", "")
    assert f"Score {score} af 100" in whole
    for part in ("Lokale deltagere", "Lokalt ejerskab", "Lokal finansiering"):
        assert part in whole
    for section in ("Brobyggere og sårbare led", "Hvis en bevillingsgiver trækker sig",
                    "Forslag til lokale partnere", "Kilder"):  # fmt: skip
        assert section in whole
    # sources by title, never by id; page numbers in the footer
    assert "Gode rammer for samskabelse" in whole
    assert "seed:" not in whole and "001_c19b46e5f2d43751" not in whole
    assert f"Side 1 af {len(texts)}" in texts[0]
    # the funders of the seed: each one's withdrawal is a row
    for funder in ("TrygFonden", "DGI", "Kræftens Bekæmpelse"):
        assert funder in whole


def test_project_report_pdf_in_english(seeded: Seeded) -> None:
    answer = seeded.get("/reports/project/legepatruljen", lang="en")
    assert answer.status_code == 200, answer.text
    texts, _ = pdf_pages(answer.content)
    whole = " ".join(texts)
    score = round(seeded.scores["legepatruljen"])
    assert "Local anchoring of Legepatruljen" in texts[0]
    assert f"Score {score} of 100" in whole
    assert "If a funder withdraws" in whole and "Page 1 of" in texts[0]
    assert "Lokal forankring" not in whole


def test_municipality_report_hides_persons(seeded: Seeded) -> None:
    """Middelfart's network holds citizens who did not consent: a viewer's report (and an
    editor's: a report is a shared document) shows their pseudonyms, never their names or
    ids."""
    assert seeded.middelfart, "the seed has persons without consent in Middelfart"
    for key in (seeded.viewer, seeded.editor):
        answer = seeded.get("/reports/municipality/DK-410", key=key, lang="da")
        assert answer.status_code == 200, answer.text
        texts, _ = pdf_pages(answer.content)
        whole = " ".join(texts)
        assert "Partnerskaber i Middelfart Kommune" in texts[0]
        html = seeded.get("/reports/municipality/DK-410", key=key, format="html").text
        for person, name in seeded.hidden.items():
            for text in (whole, html):
                assert person not in text
                assert not any(v in text for v in name_variants(name or "") if v)


@pytest.mark.parametrize(
    ("path", "lang"),
    [("/reports/project/legepatruljen", "da"), ("/reports/municipality/DK-410", "en")],
)
def test_html_report_is_accessible(seeded: Seeded, browser: Any, path: str, lang: str) -> None:
    answer = seeded.get(path, lang=lang, format="html")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    assert f'<html lang="{lang}">' in answer.text
    context = browser.new_context(
        extra_http_headers={"Authorization": f"Bearer {seeded.viewer}"},
        viewport={"width": 1280, "height": 900},
    )
    try:
        page = context.new_page()
        page.goto(f"{seeded.url}{path}?format=html&lang={lang}", wait_until="load")
        alt = page.get_attribute("figure.map img", "alt")
        assert alt and len(alt) > 40  # the map in words, not "map"
        assert page.evaluate("document.querySelector('figure.map img').naturalWidth") > 1000
        assert page.locator("h1").count() == 1 and page.locator("main h2").count() == 7
        assert_accessible(page)
    finally:
        context.close()


def test_unknown_project_or_municipality_is_404(seeded: Seeded) -> None:
    assert seeded.get("/reports/project/no-such-project").status_code == 404
    assert seeded.get("/reports/municipality/DK-999").status_code == 404
    assert seeded.get("/reports/municipality/Middelfart").status_code == 422
    assert seeded.get("/reports/project/legepatruljen", lang="fr").status_code == 422
    anonymous = httpx.get(seeded.url + "/reports/project/legepatruljen", timeout=60)
    assert anonymous.status_code == 401


def test_cli_writes_the_report(seeded: Seeded, tmp_path: Path) -> None:
    out = tmp_path / "lp.html"
    made = subprocess.run(
        [sys.executable, "-m", "graphsvc.cli", "report", "project", "legepatruljen",
         "--format", "html", "--lang", "en", "--out", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert str(out) in made.stdout
    text = out.read_text("utf-8")
    assert '<html lang="en">' in text and "Local anchoring of Legepatruljen" in text
    assert re.search(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]{1000,}"', text)
    missing = subprocess.run(
        [sys.executable, "-m", "graphsvc.cli", "report", "municipality", "DK-999"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert missing.returncode == 2 and "DK-999" in missing.stderr


def test_a_hidden_person_has_one_label_in_the_report(seeded: Seeded, settings: Settings) -> None:
    """The report's text numbers hidden persons among all of them (pseudonyms()); its map
    renumbered those on it from 1, so one person had two labels in one report."""
    with Graphsvc.open(settings) as graphsvc:
        report = municipality_report(graphsvc, "DK-410", lang="da")
    payload = read_payload(report.map_html)
    on_map = {n["label"] for n in payload["nodes"] if str(n["id"]).startswith("person-")}
    labels = pseudonyms(seeded.hidden, seeded.key)
    in_tables = set(re.findall(r"Person [0-9]+", render_html(report)))
    local = {
        n["label"]
        for n in payload["nodes"]
        if str(n["id"]).startswith("person-") and n.get("f", {}).get("loc") == ["DK-410"]
    }
    assert local == {labels[i] for i in seeded.middelfart}  # Middelfart's own, as in the text
    assert in_tables and in_tables | on_map <= set(labels.values())  # one numbering
