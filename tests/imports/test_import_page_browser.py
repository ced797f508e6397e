"""The import page in a real chromium against the real app and the session's FalkorDB.

A planner's Danish spreadsheet (made here with openpyxl: Danish headers, Danish kind
and role words, Danish dates, a municipality written as a name) goes through the page
as a planner would take it: choose the file, read the detected mapping, see the
problem with its row and column, change one column's choice in its dropdown, try the
import, import, and find the new actors on the network map. Waiting is done with
``wait_for_function`` on the page's own state, never by sleeping.
"""

from __future__ import annotations

from pathlib import Path

from axe import assert_accessible
from importhelpers import Opened, Site

from graphsvc.core import Graphsvc
from graphsvc.imports import page as import_page

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
