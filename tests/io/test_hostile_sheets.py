"""Broken and hostile spreadsheets: one clear error naming the file, nothing written, the
host unharmed. Each file is made here (zipfile, openpyxl, raw XML) and tried three ways:
``Graphsvc.import_paths``, the CLI (exit code, no traceback) and ``POST /imports`` (4xx).
The bombs are also read in a subprocess that reports its time and peak memory.

The files are named like tables of the four-table layout (``actors.csv``) so the import
reaches the reader whichever route the import takes through the formats.
"""

from __future__ import annotations

import json
import os
import random
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import openpyxl
import pytest

from graphsvc.api import create_app
from graphsvc.core import Graphsvc
from graphsvc.errors import ValidationError
from graphsvc.io.formats import xlsx
from graphsvc.keys import create_key
from graphsvc.settings import Settings
from tests.api.apihelpers import ServerThread

EMPTY = {"actors": 0, "projects": 0, "participations": 0, "collaborations": 0, "agreements": 0}
# What a bomb may cost the process that reads it (interpreter and imports included):
# documented in README.md (Limits) and in graphsvc.io.formats.Limits.
BOMB_SECONDS = 5.0
BOMB_PEAK_RSS_MB = 256
BOMB_GROWTH_MB = 64
SHEET = "xl/worksheets/sheet1.xml"
SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""


# ---------------------------------------------------------------- the files


def _workbook(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active.title = "actors"
    workbook.active.append(["id", "name"])
    workbook.active.append(["a", "Æblehaven"])
    workbook.save(path)
    return path


def _with_member(path: Path, member: str, data: bytes | Callable[[zipfile.ZipFile], None]) -> Path:
    """Rewrite ``path`` with ``member`` replaced (or written by the callable)."""
    with zipfile.ZipFile(path) as source:
        parts = {i.filename: source.read(i) for i in source.infolist() if i.filename != member}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
        if callable(data):
            data(target)
        else:
            target.writestr(member, data)
    return path


def csv_named_xlsx(folder: Path) -> Path:
    path = folder / "actors.xlsx"
    path.write_text("id;name\na;Æblehaven\n", "cp1252")
    return path


def random_bytes(folder: Path) -> Path:
    path = folder / "actors.xlsx"
    path.write_bytes(random.Random(10).randbytes(4096))
    return path


def truncated_xlsx(folder: Path) -> Path:
    path = _workbook(folder / "actors.xlsx")
    path.write_bytes(path.read_bytes()[:2000])
    return path


def zip_bomb(folder: Path) -> Path:
    """A sheet of 512 MB of spaces inside <sheetData>, packed about a thousandfold."""

    def write_bomb(target: zipfile.ZipFile) -> None:
        with target.open(SHEET, "w", force_zip64=True) as out:
            out.write(SHEET_HEAD + b"<sheetData>")
            block = b" " * (1024 * 1024)
            for _ in range(512):
                out.write(block)
            out.write(b"</sheetData></worksheet>")

    return _with_member(_workbook(folder / "actors.xlsx"), SHEET, write_bomb)


def lying_zip_header(folder: Path) -> Path:
    """A member that declares 1,000 bytes and unpacks to 16 MB: the header is not trusted."""
    path = _workbook(folder / "actors.xlsx")
    big = SHEET_HEAD + b"<sheetData>" + b" " * (16 * 1024 * 1024) + b"</sheetData></worksheet>"
    _with_member(path, SHEET, big)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(SHEET)
    struct.pack_into("<I", data, info.header_offset + 22, 1000)  # local header: size
    start = struct.unpack_from("<I", data, len(data) - 22 + 16)[0]
    entry = data.find(b"PK\x01\x02", start)
    while entry >= 0:  # the central directory entry of the sheet
        name_length = struct.unpack_from("<H", data, entry + 28)[0]
        if data[entry + 46 : entry + 46 + name_length] == SHEET.encode():
            struct.pack_into("<I", data, entry + 24, 1000)
            break
        entry = data.find(b"PK\x01\x02", entry + 46)
    assert entry >= 0
    path.write_bytes(bytes(data))
    return path


def far_corner_cell(folder: Path) -> Path:
    """The only cell is XFD1048576: the dimension record claims 17 billion cells."""
    path = folder / "actors.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "actors"
    workbook.active["XFD1048576"] = "x"
    workbook.save(path)
    return path


def overfull_row(folder: Path) -> Path:
    """One row of 100,000 empty styled cells (Excel allows 16,384 columns)."""
    styles = random.Random(1).choices(range(10**6), k=100_000)  # not to be packed tightly
    cells = b"".join(b'<c s="%d"/>' % n for n in styles)
    sheet = SHEET_HEAD + b"<sheetData><row>" + cells
    return _with_member(
        _workbook(folder / "actors.xlsx"), SHEET, sheet + b"</row></sheetData></worksheet>"
    )


def entity_bomb_in_sheet(folder: Path) -> Path:
    sheet = (
        BILLION_LAUGHS
        + b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        + b"</sheetData></worksheet>"
    )
    return _with_member(_workbook(folder / "actors.xlsx"), SHEET, sheet)


def entity_bomb_in_shared_strings(folder: Path) -> Path:
    """Excel keeps text in xl/sharedStrings.xml (openpyxl writes it inline): added here."""
    strings = (
        BILLION_LAUGHS
        + b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        + b'uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    )
    sheet = SHEET_HEAD + b'<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    path = _with_member(
        _workbook(folder / "actors.xlsx"), SHEET, sheet + b"</sheetData></worksheet>"
    )
    with zipfile.ZipFile(path) as archive:
        types = archive.read("[Content_Types].xml")
    override = (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    _with_member(path, "[Content_Types].xml", types.replace(b"</Types>", override))
    return _with_member(path, "xl/sharedStrings.xml", strings)


def external_entity(folder: Path) -> Path:
    sheet = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row>'
        + b"</sheetData></worksheet>"
    )
    return _with_member(_workbook(folder / "actors.xlsx"), SHEET, sheet)


def malformed_sheet_xml(folder: Path) -> Path:
    sheet = SHEET_HEAD + b'<sheetData><row r="1"><c r="A1"><v>1</v></row>'
    return _with_member(_workbook(folder / "actors.xlsx"), SHEET, sheet)


def nul_bytes_csv(folder: Path) -> Path:
    path = folder / "actors.csv"
    path.write_bytes(b"id,name\na,\x00\x00\x00\nb,B\n")
    return path


def unterminated_quote_csv(folder: Path) -> Path:
    path = folder / "actors.csv"
    path.write_text('id,name\na,"Æblehaven\nb,B\n', "utf-8")
    return path


def short_rows_csv(folder: Path) -> Path:
    path = folder / "actors.csv"
    path.write_text("id;name;kind\na;A;foundation\nb\n", "utf-8")
    return path


# maker -> (words the message must contain, file named in the problem, row, column)
CASES: dict[Callable[[Path], Path], tuple[str, str, int | None, str | None]] = {
    csv_named_xlsx: ("a text file (CSV?) named .xlsx", "actors.xlsx", None, None),
    random_bytes: ("not a zip archive", "actors.xlsx", None, None),
    truncated_xlsx: ("cannot read this workbook", "actors.xlsx", None, None),
    zip_bomb: ("a zip bomb?", "actors.xlsx", None, None),
    lying_zip_header: ("the zip archive is damaged", "actors.xlsx[actors]", None, None),
    far_corner_cell: ("a value in column XFD", "actors.xlsx[actors]", 1048576, "XFD"),
    overfull_row: ("row 1 holds more than 16,384 cells", "actors.xlsx[actors]", 1, None),
    entity_bomb_in_sheet: ("declares XML entities", "actors.xlsx[actors]", None, None),
    entity_bomb_in_shared_strings: ("declares XML entities", "actors.xlsx", None, None),
    external_entity: ("declares XML entities", "actors.xlsx[actors]", None, None),
    malformed_sheet_xml: ("its XML is malformed", "actors.xlsx[actors]", None, None),
    nul_bytes_csv: ("NUL byte", "actors.csv", 2, "B"),
    unterminated_quote_csv: ("never closed", "actors.csv", 2, "B"),
    short_rows_csv: ("the row ends before column 'name'", "actors.csv", 3, "name"),
}
BOMBS = [zip_bomb, lying_zip_header, far_corner_cell, overfull_row, entity_bomb_in_sheet,
         entity_bomb_in_shared_strings]  # fmt: skip
IDS = [maker.__name__ for maker in CASES]


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every hostile file, made once (the bombs take a second or two to pack)."""
    made = {}
    for maker in CASES:
        folder = tmp_path_factory.mktemp(maker.__name__)
        made[maker.__name__] = maker(folder)
    return made


@pytest.mark.parametrize("maker", CASES, ids=IDS)
def test_core_refuses_and_writes_nothing(
    graphsvc: Graphsvc, hostile_files: dict[str, Path], maker: Callable[[Path], Path]
) -> None:
    words, file, row, column = CASES[maker]
    path = hostile_files[maker.__name__]
    with pytest.raises(ValidationError) as caught:
        graphsvc.import_paths([path])
    error = caught.value
    assert error.message.startswith(file), error.message
    problem = error.details[0]
    assert words in problem.message, problem.message
    assert (problem.file, problem.row, problem.column) == (file, row, column)
    assert graphsvc.counts() == EMPTY


@pytest.mark.parametrize("maker", CASES, ids=IDS)
def test_cli_exits_with_the_message(
    graphsvc: Graphsvc, hostile_files: dict[str, Path], maker: Callable[[Path], Path]
) -> None:
    words, file, _, _ = CASES[maker]
    result = subprocess.run(
        [sys.executable, "-m", "graphsvc.cli", "import", str(hostile_files[maker.__name__])],
        capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert file in result.stderr and words in result.stderr, result.stderr
    assert graphsvc.counts() == EMPTY


@pytest.fixture(scope="module")
def api(settings: Settings) -> Iterator[httpx.Client]:
    server = ServerThread(create_app(settings)).start()
    try:
        with httpx.Client(base_url=server.url, timeout=120) as client:
            yield client
    finally:
        server.stop()


@pytest.mark.parametrize("maker", CASES, ids=IDS)
def test_api_answers_422(
    graphsvc: Graphsvc,
    api: httpx.Client,
    hostile_files: dict[str, Path],
    maker: Callable[[Path], Path],
) -> None:
    words, file, row, column = CASES[maker]
    path = hostile_files[maker.__name__]
    editor = {"Authorization": f"Bearer {create_key(graphsvc.store, 'editor')[1]}"}
    response = api.post(
        "/imports",
        files=[("files", (path.name, path.read_bytes(), "application/octet-stream"))],
        headers=editor,
    )
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["code"] == "validation_error" and body["message"].startswith(file)
    [detail] = body["details"]
    assert (detail["file"], detail["row"], detail["column"]) == (file, row, column)
    assert words in detail["message"]
    assert graphsvc.counts() == EMPTY


# Peak memory of the reading process: VmHWM, which starts afresh at exec (getrusage's
# ru_maxrss would carry the forking pytest process's peak into the child on Linux).
_MEASURE = """
import json, resource, sys, time
from pathlib import Path
from graphsvc.errors import ValidationError
from graphsvc.io.formats import xlsx

def peak_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

before = peak_mb()
for name in sys.argv[1:]:
    start = time.perf_counter()
    try:
        xlsx.read(Path(name))
        outcome = "read"
    except ValidationError as error:
        outcome = error.message
    print(json.dumps({"file": name, "seconds": time.perf_counter() - start,
                      "outcome": outcome, "peak_mb": peak_mb(), "growth_mb": peak_mb() - before}))
"""


def test_bombs_finish_fast_in_bounded_memory(hostile_files: dict[str, Path]) -> None:
    """Every bomb in one process (one interpreter start): the time of each, and the peak
    memory after each, against the interpreter with graphsvc loaded."""
    paths = [str(hostile_files[maker.__name__]) for maker in BOMBS]
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, *paths],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    measured = [json.loads(line) for line in result.stdout.splitlines()]
    assert [m["file"] for m in measured] == paths
    for bomb in measured:
        assert bomb["outcome"].startswith("actors.xlsx"), bomb
        assert bomb["seconds"] < BOMB_SECONDS, bomb
        assert bomb["peak_mb"] < BOMB_PEAK_RSS_MB, bomb
        assert bomb["growth_mb"] < BOMB_GROWTH_MB, bomb


def test_a_lying_dimension_record_is_not_trusted(tmp_path: Path) -> None:
    """A small table whose dimension record claims A1:XFD1048576 reads as the small table."""
    path = _workbook(tmp_path / "actors.xlsx")
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read(SHEET)
    start = sheet.index(b"<dimension")
    end = sheet.index(b">", start) + 1
    _with_member(path, SHEET, sheet[:start] + b'<dimension ref="A1:XFD1048576"/>' + sheet[end:])
    [table] = xlsx.read(path)
    assert table.rows == [{"id": "a", "name": "Æblehaven"}]
