"""The import page in a real chromium against the real app and the session's FalkorDB.

A planner's Danish spreadsheet (made here with openpyxl: Danish headers, Danish kind
and role words, Danish dates, a municipality written as a name) goes through the page
as a planner would take it: choose the file, read the detected mapping, see the
problem with its row and column, change one column's choice in its dropdown, try the
import, import, and find the new actors on the network map. Waiting is done with
``wait_for_function`` on the page's own state, never by sleeping.
"""

from __future__ import annotations

import base64
import datetime as dt
import tomllib
import typing
from pathlib import Path

import networkx as nx
import openpyxl

from graphsvc.core import Graphsvc
from graphsvc.imports import page as import_page
from graphsvc.io import mapping, tables
from tests.axe import assert_accessible
from tests.imports.importhelpers import Opened, Site

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"


def test_every_word_in_both_languages() -> None:
    for key, (da, en) in {**import_page.WORDS, **import_page.FIELD_WORDS}.items():
        assert da.strip() and en.strip(), key
        assert da.count("{") == en.count("{"), key  # the same placeholders
    # Words a planner reads most, checked by hand.
    assert import_page.WORDS["dry_run"] == ("Prøv importen", "Try the import")
    assert import_page.WORDS["p_row"] == ("Række", "Row")
    assert import_page.FIELD_WORDS["locality"] == ("Kommune", "Municipality")


def test_every_column_target_and_shape_has_words() -> None:
    shapes = typing.get_args(mapping.Shape)
    assert set(mapping.TARGETS) | {"undecided"} == set(import_page.TARGET_WORDS)
    for shape in shapes:
        assert f"shape_{shape}" in import_page.WORDS, shape
    for how in typing.get_args(mapping.DecidedBy):
        assert f"how_{how}" in import_page.WORDS, how
    # Every stored field has a name, every enum value a label (via graphsvc.i18n).
    fields = {f for columns in tables.COLUMNS.values() for f in columns}
    assert fields <= set(import_page.FIELD_WORDS)


def test_the_page_speaks_danish_when_the_browser_prefers_it(site: Site, open_page) -> None:
    p: Opened = open_page(site.editor, locale="da-DK")
    p.wait_ready()
    assert p.js("document.documentElement.lang") == "da"
    assert p.page.locator("h1").inner_text() == "Importér data"
    assert p.page.title() == "Importér data"
    assert p.page.get_by_label("Vælg en eller flere filer").is_visible()
    # The switch changes every word in place, and the links keep the language.
    p.page.get_by_role("button", name="English").click()
    assert p.page.locator("h1").inner_text() == "Import data"
    assert p.js("document.documentElement.lang") == "en"
    assert p.page.get_by_label("Choose one or more files").is_visible()
    assert p.page.locator("#nav-maps").get_attribute("href") == "/?lang=en"
    assert "lang=en" in p.page.url
    assert_accessible(p.page)
    p.assert_clean()


def test_the_file_button_is_reached_and_shown_from_the_keyboard(site: Site, open_page) -> None:
    p: Opened = open_page(site.editor, "/import?lang=en")
    p.wait_ready()
    order = []
    for _ in range(8):
        p.page.keyboard.press("Tab")
        order.append(p.js("document.activeElement.id || document.activeElement.textContent"))
        if order[-1] == "file":
            break
    # The skip link first, then the pages, the language switch, then the file.
    assert order[0] == "Skip to the content"
    assert order[-1] == "file", order
    outline = p.js("getComputedStyle(document.querySelector('label[for=file]')).outlineStyle")
    assert outline == "solid"  # the focus is visible on the button the input sits under
    assert (
        p.js("document.getElementById('file').labels[0].textContent") == "Choose one or more files"
    )
    p.assert_clean()


def test_the_map_browser_links_the_import_page(site: Site, open_page, settings) -> None:
    with Graphsvc.open(settings) as graphsvc:  # a map to show beside the link
        graphsvc.import_paths([MINI])
        graphsvc.bump_version()
    p: Opened = open_page(site.editor, "/?lang=da")
    link = p.page.get_by_role("link", name="Importér data")
    assert link.get_attribute("href") == "/import?lang=da"
    link.click()
    p.page.wait_for_url("**/import?lang=da")
    p.wait_ready()
    assert p.page.locator("h1").inner_text() == "Importér data"
    p.assert_clean()


def test_a_viewer_gets_403_and_no_import_controls(site: Site, open_page) -> None:
    answer = site.http.get("/import", headers={"Authorization": f"Bearer {site.viewer}"})
    assert answer.status_code == 403
    assert 'id="file"' not in answer.text
    p: Opened = open_page(site.viewer, "/import?lang=da")
    p.wait_ready()
    assert p.page.locator("input[type=file]").count() == 0
    assert p.page.locator("#dry-run, #do-import").count() == 0
    assert p.page.get_by_role("heading", name="Din nøgle giver ikke lov til at importere.")
    assert p.page.locator("#sign-in-other").get_attribute("href") == "/login?next=%2Fimport"
    assert_accessible(p.page)
    # The API refuses a viewer's upload too (the page is not the only guard).
    upload = site.http.post(
        "/imports",
        headers={"Authorization": f"Bearer {site.viewer}"},
        files={"files": ("actors.csv", b"id,name\n", "text/csv")},
    )
    assert upload.status_code == 403
    p.assert_clean(allow_console=("status of 403",))  # the page itself answered 403


def test_without_a_key_the_page_asks_to_sign_in_and_comes_back(site: Site, open_page) -> None:
    p: Opened = open_page(None, "/import?lang=en")
    p.page.wait_for_url("**/login?next=*")
    p.page.fill("#key", site.editor)
    p.page.keyboard.press("Enter")
    p.page.wait_for_url("**/import?lang=en")
    p.wait_ready()
    assert p.page.locator("#file").is_visible()
    p.assert_clean()


# ------------------------------------------------------------------ the planner's workbook

HEADERS = ["Organisation", "Type", "Kommune", "Samarbejdspartner", "Projekt", "Rolle", "Start"]
HEADERS += ["Målgruppe"]
BAD_DATE = "31-13-2023"  # no 13th month: the problem the page must show with its row


def danish_workbook(path: Path, start_of_tryg: str = BAD_DATE) -> Path:
    """A planner's sheet as Excel writes it (openpyxl): Danish headers, kinds and roles,
    a municipality as "Middelfart Kommune", a real date cell, a year, "aug. 2022"."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Partnere"
    sheet.append(HEADERS)
    sheet.append(
        [
            "Middelfart Kommune", "Kommune", "Middelfart", "Frivilligcenter Middelfart",
            "Aktiv Aldring", "Projektejer", dt.datetime(2023, 2, 1), "Ældre",
        ]
    )  # fmt: skip
    sheet.append(
        [
            "Frivilligcenter Middelfart", "Frivilligcenter", "Middelfart Kommune",
            "Middelfart Kommune", "Aktiv Aldring", "Partner", "2023", "Ældre",
        ]
    )  # fmt: skip
    sheet.append(
        [
            "Ældre Sagen Middelfart", "Forening", "Middelfart", "Frivilligcenter Middelfart",
            "Aktiv Aldring", "Frivillig", "aug. 2022", "Ældre",
        ]
    )  # fmt: skip
    sheet.append(
        ["TrygFonden", "Fond", "København", None, "Aktiv Aldring", "Bevillingsgiver",
         start_of_tryg, "Alle"]
    )  # fmt: skip
    book.save(path)
    return path


NAMES = {
    "Middelfart Kommune",
    "Frivilligcenter Middelfart",
    "Ældre Sagen Middelfart",
    "TrygFonden",
}
# Counted by hand from the sheet: 4 organisations; 1 project; each organisation takes
# part in it (4 participations); partners: Kommune–Frivilligcenter (rows 2 and 3, one
# mutual tie) and Ældre Sagen–Frivilligcenter: 2 collaborations.
CREATED = {"actors": 4, "projects": 1, "participations": 4, "collaborations": 2, "agreements": 0}

PREVIEW_SHOWN = "n => { const w = window.graphsvcImport; return !w.busy() && !!w.preview(); }"
TARGET_OF = """column => {
  const sheet = window.graphsvcImport.mapping().sheets[0];
  const c = sheet.columns.find(x => x.column === column);
  return c ? c.target : null;
}"""


def cells(p: Opened, selector: str) -> list[list[str]]:
    """The text of a table's body rows."""
    return list(
        p.js(
            """sel => Array.from(document.querySelectorAll(sel + " tbody tr"))
                 .map(tr => Array.from(tr.children).map(td => td.textContent.trim()))""",
            selector,
        )
    )


def drop_file(p: Opened, path: Path) -> None:
    """Drop ``path`` on the drop zone as a file manager would (a DataTransfer)."""
    p.js(
        """([name, b64]) => {
          const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
          const data = new DataTransfer();
          data.items.add(new File([bytes], name));
          const zone = document.getElementById("drop");
          zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: data, bubbles: true}));
          zone.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true}));
        }""",
        [path.name, base64.b64encode(path.read_bytes()).decode()],
    )


def test_a_planner_imports_a_danish_spreadsheet(site: Site, open_page, tmp_path: Path) -> None:
    p: Opened = open_page(site.editor, locale="da-DK")
    p.wait_ready()
    page = p.page
    workbook = danish_workbook(tmp_path / "partnere.xlsx")

    # 1. Choose the file: the detected mapping, the problem, the rows as stored.
    page.set_input_files("#file", str(workbook))
    p.wait(PREVIEW_SHOWN)
    assert p.js(TARGET_OF, "Organisation") == "name"
    assert p.js(TARGET_OF, "Kommune") == "locality"
    assert p.js(TARGET_OF, "Samarbejdspartner") == "partner"
    assert p.js(TARGET_OF, "Målgruppe") == "attribute"
    # Each column with its first values, so the planner sees what it holds.
    kommune_examples = next(r for r in cells(p, "#sheets table") if r[0] == "Kommune")[1]
    assert kommune_examples == "Middelfart · Middelfart Kommune · København"
    kommune = page.get_by_label("Hvad bliver kolonnen «Kommune» til?")
    assert kommune.evaluate("s => s.selectedOptions[0].textContent") == "Kommune"
    problems = cells(p, "#problems table")
    assert len(problems) == 1, problems
    file, row, column, message = problems[0]
    assert (file, row, column) == ("partnere.xlsx[Partnere]", "5", "Start")
    # Said in Danish by the server (the row's problem, from its code), in the page's language.
    assert message == f"'{BAD_DATE}' er ikke en dato (måneden skal være 1-12)"
    assert p.js("document.querySelector('#problems tbody td:last-child').lang") == ""
    assert page.locator("#problem-count").inner_text() == "1 problem skal rettes før importen."
    actors = cells(p, "table[data-table=actors]")
    kommune_row = next(r for r in actors if "Middelfart Kommune" in r)
    # Stored values in Danish: the kind, the municipality by name, the kept column.
    assert "Kommune" in kommune_row and "Middelfart" in kommune_row
    assert "Målgruppe: Ældre" in kommune_row
    said = "Opdateret: 11 rækker, 1 problem."  # the live region, for screen readers
    assert p.wait("s => document.getElementById('announce').textContent === s", said)
    assert_accessible(page)

    # 2. Change one column's choice from the keyboard (the next choice after "keep as an
    # attribute" is "each value becomes a tag"), and the rows say so.
    page.get_by_label("Hvad bliver kolonnen «Målgruppe» til?").focus()
    page.keyboard.press("ArrowDown")
    p.wait(
        "() => !window.graphsvcImport.busy() && "
        "window.graphsvcImport.preview().mapping.sheets[0].columns"
        ".find(c => c.column === 'Målgruppe').target === 'tag'"
    )
    kommune_row = next(r for r in cells(p, "table[data-table=actors]") if "Middelfart Kommune" in r)
    assert "Ældre" in kommune_row and "Målgruppe: Ældre" not in kommune_row
    assert page.get_by_label("Hvad bliver kolonnen «Målgruppe» til?").input_value() == "tag"
    # The table was drawn again, and the focus is still on the same dropdown.
    assert p.js("document.activeElement.getAttribute('data-column')") == "Målgruppe"

    # Every word switches language in place, the reader's choice and the problem stay.
    page.get_by_role("button", name="English").click()
    target_group = page.get_by_label("What does the column “Målgruppe” become?")
    assert target_group.evaluate("s => s.selectedOptions[0].textContent") == (
        "Each value becomes a tag"
    )
    assert page.locator("#problems th").all_inner_texts()[:3] == ["File", "Row", "Column"]
    assert "Municipality" in page.locator("table[data-table=actors] th").all_inner_texts()
    page.get_by_role("button", name="Dansk").click()
    assert page.locator("#problems th").all_inner_texts()[:3] == ["Fil", "Række", "Kolonne"]

    # 3. With the problem left, the trial fails and nothing can be imported.
    assert page.locator("#do-import").is_disabled()
    page.get_by_role("button", name="Prøv importen").click()
    p.wait_idle()
    assert "intet er gemt" in page.locator("#result").inner_text()
    assert page.locator("#do-import").is_disabled()
    assert site.actor_names() == set()

    # 4. The planner fixes the date and drops the corrected file: the choice stays.
    drop_file(p, danish_workbook(tmp_path / "partnere.xlsx", start_of_tryg="31-12-2023"))
    p.wait(
        "() => { const w = window.graphsvcImport; "
        "return !w.busy() && !!w.preview() && w.preview().problems.length === 0; }"
    )
    assert p.js(TARGET_OF, "Målgruppe") == "tag"
    assert page.locator("#problem-count").inner_text() == "Ingen problemer."

    # 5. Try: what would change, nothing written.
    page.get_by_role("button", name="Prøv importen").click()
    p.wait("() => { const r = window.graphsvcImport.result(); return !!r && r.dry_run; }")
    assert p.js("window.graphsvcImport.result().created") == CREATED
    summary = page.locator("#result p.msg").inner_text()
    assert summary == "Prøven er færdig. Oprettes: 11, opdateres: 0, uændret: 0. Intet er gemt."
    assert site.actor_names() == set()

    # 6. Import: written, announced, and the map is one link away.
    page.get_by_role("button", name="Importér", exact=True).click()
    p.wait("() => { const r = window.graphsvcImport.result(); return !!r && !r.dry_run; }")
    assert p.js("window.graphsvcImport.result().created") == CREATED
    assert site.actor_names() == NAMES
    said = "Importen er færdig. Oprettet: 11, opdateret: 0, uændret: 0."
    assert p.wait("s => document.getElementById('announce').textContent === s", said)
    assert p.js("document.activeElement.id") == "see-map"
    assert_accessible(page)

    # 7. Importing the same file again would change nothing.
    page.get_by_role("button", name="Prøv importen").click()
    p.wait("() => { const r = window.graphsvcImport.result(); return !!r && r.dry_run; }")
    again = p.js("window.graphsvcImport.result()")
    assert sum(again["created"].values()) == sum(again["updated"].values()) == 0
    # The project is only named by the sheet, and found by its name: not written again.
    assert again["unchanged"] == {**CREATED, "projects": 0}

    # 8. The mapping can be saved for next quarter's file.
    with page.expect_download() as saving:
        page.get_by_role("link", name="Gem mappingen til næste gang (.toml)").click()
    assert saving.value.suggested_filename == "partnere-mapping.toml"
    saved = tomllib.loads(Path(saving.value.path()).read_text("utf-8"))
    columns = {c["column"]: c["target"] for c in saved["sheets"][0]["columns"]}
    assert columns["Målgruppe"] == "tag" and columns["Organisation"] == "name"
    # The file holds choices only: no cell of the sheet (examples are for the page).
    assert "Ældre" not in Path(saving.value.path()).read_text("utf-8")

    # 9. The map shows the new actors.
    page.click("#see-map")
    page.wait_for_url("**/maps/network?lang=da")
    p.wait("window.graphsvcMap && window.graphsvcMap.ready === true", timeout=60_000)
    shown = set(p.js("Object.values(window.graphsvcMap.nodes.get()).map(n => n.id)"))
    ids = {"middelfart-kommune", "frivilligcenter-middelfart", "aeldre-sagen-middelfart"}
    assert ids | {"trygfonden"} <= shown
    p.assert_clean(allow_console=("status of 422",))  # the trial with the problem left


def test_a_file_that_cannot_be_read_is_named_and_nothing_is_offered(
    site: Site, open_page, tmp_path: Path
) -> None:
    p: Opened = open_page(site.editor, "/import?lang=da")
    p.wait_ready()
    broken = tmp_path / "ødelagt.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    p.page.set_input_files("#file", str(broken))
    p.wait(
        "() => !window.graphsvcImport.busy() && "
        "document.getElementById('file-msg').classList.contains('error')"
    )
    assert "ødelagt.xlsx" in p.page.locator("#problems").inner_text()
    assert p.page.locator("#step-import").is_hidden()
    assert p.page.locator("#step-mapping").is_hidden()
    assert site.actor_names() == set()
    assert_accessible(p.page)
    p.assert_clean(allow_console=("status of 422",))


def test_the_servers_messages_about_files_are_in_danish(
    site: Site, open_page, tmp_path: Path
) -> None:
    """What the API says in English about uploaded files shows in the page's language."""
    p: Opened = open_page(site.editor, "/import?lang=da")
    p.wait_ready()
    broken = tmp_path / "ødelagt.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    p.page.set_input_files("#file", str(broken))
    p.wait(
        "() => !window.graphsvcImport.busy() && "
        "document.getElementById('file-msg').classList.contains('error')"
    )
    shown = p.page.locator("#problems").inner_text() + p.page.locator("#file-msg").inner_text()
    assert "cannot" not in shown and "unsupported" not in shown and "problem(s)" not in shown
    rows = p.page.locator("#problems tbody tr")
    said = {r.locator("td").first.inner_text(): r.locator("td").last for r in rows.all()}
    assert said, shown
    for cell in said.values():
        assert cell.get_attribute("lang") is None  # the page's language, Danish
    texts = " ".join(c.inner_text() for c in said.values())
    assert "kan ikke læses" in texts, texts
    p.assert_clean(allow_console=("status of 422",))


def test_a_saved_mapping_chosen_with_the_file_is_used(
    site: Site, open_page, tmp_path: Path
) -> None:
    """Next quarter: the planner chooses the new file and last quarter's mapping together."""
    saved = tmp_path / "partnere-mapping.toml"
    saved.write_text(
        'version = 1\n\n[[sheets]]\nsheet = "partnere.xlsx[Partnere]"\nname = "Partnere"\n'
        'shape = "rows"\n\n[[sheets.columns]]\ncolumn = "Målgruppe"\ntarget = "ignore"\n',
        "utf-8",
    )
    workbook = danish_workbook(tmp_path / "partnere.xlsx", start_of_tryg="2024")
    p: Opened = open_page(site.editor, "/import?lang=en")
    p.wait_ready()
    p.page.set_input_files("#file", [str(workbook), str(saved)])
    p.wait(PREVIEW_SHOWN)
    assert p.js(TARGET_OF, "Målgruppe") == "ignore"
    assert p.js(TARGET_OF, "Organisation") == "name"  # the rest is detected as before
    how = p.page.locator(
        "#" + p.js("document.querySelector('select[data-column=\"Målgruppe\"]').id") + "-how"
    )
    assert how.inner_text() == "chosen here or in a mapping file"
    assert p.page.locator("#problem-count").inner_text() == "No problems."
    actors = cells(p, "table[data-table=actors]")
    # Ignored: neither an attribute nor a tag.
    assert not any("Målgruppe" in cell for row in actors for cell in row)
    headers = p.page.locator("table[data-table=actors] th").all_inner_texts()
    assert "Tags" not in headers and "Attributes" not in headers
    # A change made now goes back together with the saved choice.
    p.page.get_by_label("What does the column “Kommune” become?").select_option("attribute")
    p.wait(
        "() => !window.graphsvcImport.busy() && window.graphsvcImport.preview().mapping"
        ".sheets[0].columns.find(c => c.column === 'Kommune').target === 'attribute'"
    )
    assert p.js(TARGET_OF, "Målgruppe") == "ignore"
    p.assert_clean()


def test_a_gephi_file_from_networkx_shows_its_node_and_edge_lists(
    site: Site, open_page, tmp_path: Path
) -> None:
    """A network file another tool wrote: its node list and edge list each get a table, and
    an attribute whose values are no sector is kept as an attribute instead."""
    graph = nx.Graph()
    graph.add_node("a", label="Odense Kommune", sektor="offentlig")
    graph.add_node("b", label="Frivillig Fyn", sektor="civil")
    graph.add_node("c", label="Fonden for Fyn", sektor="filantropisk")
    graph.add_edge("a", "b", weight=2.0)
    graph.add_edge("b", "c", weight=1.0)
    path = tmp_path / "fyn.gexf"
    nx.write_gexf(graph, path)
    p: Opened = open_page(site.editor, "/import?lang=en")
    p.wait_ready()
    p.page.set_input_files("#file", str(path))
    p.wait(PREVIEW_SHOWN)
    shapes = p.js("window.graphsvcImport.mapping().sheets.map(s => s.shape)")
    assert shapes == ["nodes", "edges"], shapes
    hints = p.page.locator("#sheets p.hint").all_inner_texts()
    assert "The sheet's shape: node list (actors and projects)" in hints
    assert "The sheet's shape: edge list (ties)" in hints
    # "civil" is no sector graphsvc knows: the problem names the node list, row and column.
    problems = cells(p, "#problems table")
    assert [r[:3] for r in problems] == [["fyn.gexf[nodes]", "3", "sektor"]]
    assert "'civil'" in problems[0][3]
    # Kept as an attribute instead, the node list imports.
    p.page.get_by_label("What does the column “sektor” become?").select_option("attribute")
    p.wait(
        "() => { const w = window.graphsvcImport; "
        "return !w.busy() && w.preview().problems.length === 0; }"
    )
    assert p.page.locator("#problem-count").inner_text() == "No problems."
    p.page.get_by_role("button", name="Try the import").click()
    p.wait("() => { const r = window.graphsvcImport.result(); return !!r && r.dry_run; }")
    created = p.js("window.graphsvcImport.result().created")
    # Files without projects: actors and collaborations (3 nodes, 2 edges).
    assert created == {
        "actors": 3,
        "projects": 0,
        "participations": 0,
        "collaborations": 2,
        "agreements": 0,
    }
    assert_accessible(p.page)
    p.assert_clean()


#: graphsvc's own actors layout with three bad rows: no name (row 3), a kind graphsvc does
#: not know (row 4), a date with a 13th month (row 5).
BAD_ROWS = (
    "id,name,kind,sector,scale,locality,start_date\n"
    "a1,Foreningen,association,civil_society,local,DK-410,2020-01-01\n"
    "a2,,association,civil_society,local,DK-410,\n"
    "a3,Rumfolket,rumskib,civil_society,local,DK-410,\n"
    "a4,Klubben,association,civil_society,local,DK-410,2020-13-01\n"
)
KINDS = (
    "'municipality', 'region', 'state_agency', 'association', 'national_ngo', "
    "'volunteer_centre', 'foundation', 'company', 'school', 'university', "
    "'research_institute', 'hospital', 'housing_organisation', 'network', 'citizen_group', "
    "'person' eller 'other'"
)


def test_the_problems_of_rows_are_said_in_danish(site: Site, open_page, tmp_path: Path) -> None:
    """Each row's problem in Danish sentences (the same words as the command line's), with
    its file, row and column, in the page's language (no lang="en"); nothing is written."""
    p: Opened = open_page(site.editor, "/import?lang=da")
    p.wait_ready()
    actors = tmp_path / "actors.csv"
    actors.write_text(BAD_ROWS, encoding="utf-8")
    p.page.set_input_files("#file", str(actors))
    p.wait(PREVIEW_SHOWN)
    assert cells(p, "#problems table") == [
        ["actors.csv", "3", "name", "navn skal udfyldes"],
        ["actors.csv", "4", "kind", f"'rumskib' kendes ikke som type; skriv en af {KINDS}"],
        [
            "actors.csv", "5", "start_date",
            "'2020-13-01' er ikke en gyldig startdato (måneden skal være 1-12)",
        ],
    ]  # fmt: skip
    marked = "Array.from(document.querySelectorAll('#problems [lang]')).map(e => e.lang)"
    assert p.js(marked) == []
    assert p.page.locator("#problem-count").inner_text() == "3 problemer skal rettes før importen."
    assert_accessible(p.page)

    # In English the API's own message; back in Danish the Danish sentences again.
    p.page.get_by_role("button", name="English").click()
    p.wait(
        "() => document.querySelector('#problems td:last-child').textContent === 'Field required'"
    )
    p.page.get_by_role("button", name="Dansk").click()
    p.wait(
        "() => document.querySelector('#problems td:last-child').textContent "
        "=== 'navn skal udfyldes'"
    )
    assert p.js(marked) == []

    # The trial fails with the same sentences, and nothing was written.
    p.page.get_by_role("button", name="Prøv importen").click()
    p.wait_idle()
    assert "intet er gemt" in p.page.locator("#result").inner_text()
    assert cells(p, "#problems table")[0][3] == "navn skal udfyldes"
    assert p.js(marked) == []
    assert site.actor_names() == set()
    assert_accessible(p.page)
    p.assert_clean(allow_console=("status of 422",))
