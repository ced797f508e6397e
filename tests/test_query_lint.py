"""Every query in queries/ must be valid Neo4j 5 Cypher and portable to FalkorDB.

Two checks:

* Neo4j's own linter (``.ci/cypher-lint/lint.mjs``, npm ``@neo4j-cypher/language-support``),
  run once over ``queries/``: syntax and semantic errors, undeclared or unused ``$params``,
  one statement per file. Needs ``npm ci --prefix .ci/cypher-lint`` (CI runs it).
* A pure-Python scan for constructs that are valid Neo4j 5 but do not run on FalkorDB
  (the Neo4j linter accepts most of them), see ``NON_PORTABLE``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parents[1]
QUERIES = ROOT / "queries"
LINT_DIR = ROOT / ".ci" / "cypher-lint"
LINT_SCRIPT = LINT_DIR / "lint.mjs"
LINT_PACKAGE = LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support"
INSTALL_HINT = "run `npm ci --prefix .ci/cypher-lint` (from the repository root) first"

QUERY_FILES = sorted(QUERIES.rglob("*.cypher"))


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------------------
# Neo4j linter
# --------------------------------------------------------------------------------------


@dataclass
class LintRun:
    returncode: int
    report: dict[str, Any]
    stderr: str

    def diagnostics_for(self, path: Path) -> list[dict[str, Any]] | None:
        wanted = path.resolve()
        for entry in self.report["files"]:
            if Path(entry["file"]).resolve() == wanted:
                return list(entry["diagnostics"])
        return None


def _linter_missing() -> str | None:
    if shutil.which("node") is None:
        return f"node is not installed: install Node.js, then {INSTALL_HINT}"
    if not LINT_PACKAGE.is_dir():
        return f"the Cypher linter is not installed: {INSTALL_HINT}"
    return None


def run_lint(*paths: Path) -> LintRun:
    """Run lint.mjs over ``paths``; fails the calling test if it cannot run."""
    missing = _linter_missing()
    if missing:
        pytest.fail(missing, pytrace=False)
    proc = subprocess.run(
        ["node", str(LINT_SCRIPT), *map(str, paths)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=900,
        check=False,
    )
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        pytest.fail(
            f"lint.mjs exited {proc.returncode} without a JSON report "
            f"({INSTALL_HINT}?)\nstdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-2000:]}",
            pytrace=False,
        )
    return LintRun(proc.returncode, report, proc.stderr)


def _format(path: Path | str, diags: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{path}:{d['line']}:{d['column']}: {d['severity']}: {d['message']}" for d in diags
    )


@pytest.fixture(scope="module")
def queries_lint() -> LintRun | str:
    """One linter run over queries/ (or the reason it cannot run, to fail each test)."""
    missing = _linter_missing()
    if missing:
        return missing
    try:
        return run_lint(QUERIES)
    except pytest.fail.Exception as exc:
        return str(exc)


def _require(result: LintRun | str) -> LintRun:
    if isinstance(result, str):
        pytest.fail(result, pytrace=False)
    return result


def test_queries_exist() -> None:
    assert QUERY_FILES, f"no *.cypher files under {_rel(QUERIES)}: the lint would check nothing"


def test_queries_lint_without_errors(queries_lint: LintRun | str) -> None:
    run = _require(queries_lint)
    errors = [
        (entry["file"], d)
        for entry in run.report["files"]
        for d in entry["diagnostics"]
        if d["severity"] == "error"
    ]
    assert run.report["errors"] == len(errors)
    assert run.returncode == (1 if errors else 0), run.stderr
    assert not errors, "\n".join(_format(f, [d]) for f, d in errors)


@pytest.mark.parametrize("query_file", QUERY_FILES, ids=[_rel(p) for p in QUERY_FILES])
def test_query_is_valid_neo4j5(query_file: Path, queries_lint: LintRun | str) -> None:
    run = _require(queries_lint)
    diags = run.diagnostics_for(query_file)
    assert diags is not None, f"the linter did not report on {_rel(query_file)}"
    errors = [d for d in diags if d["severity"] == "error"]
    for d in diags:
        if d["severity"] != "error":
            warnings.warn(_format(_rel(query_file), [d]), UserWarning, stacklevel=1)
    assert not errors, "Neo4j 5 lint errors:\n" + _format(_rel(query_file), errors)


# The lint script itself -----------------------------------------------------------------

GOOD_QUERY = """\
// Merge actors by id from a batch of rows.
// @param rows  list of maps {id, props}
// @mode write
UNWIND $rows AS r
MERGE (a:Actor {id: r.id})
ON CREATE SET a.created = true
SET a += r.props;
"""

SYNTAX_ERROR_QUERY = """\
// Broken on purpose.
// @mode read
MATCH (a:Actor RETURN a
"""

UNDECLARED_PARAM_QUERY = """\
// Uses a parameter the header does not declare, declares one it does not use.
// @param unused  nothing
// @mode read
MATCH (a:Actor {id: $actor_id}) RETURN a.id AS id
"""

TWO_STATEMENTS_QUERY = """\
// Two statements.
// @mode read
MATCH (a:Actor) RETURN a;
MATCH (b:Actor) RETURN b;
"""


def test_lint_script_accepts_a_good_query(tmp_path: Path) -> None:
    good = tmp_path / "actors" / "merge_actors.cypher"
    good.parent.mkdir()
    good.write_text(GOOD_QUERY, encoding="utf-8")
    run = run_lint(tmp_path)
    assert run.returncode == 0, json.dumps(run.report, indent=2) + run.stderr
    assert run.report["errors"] == 0
    assert run.diagnostics_for(good) == []


def test_lint_script_rejects_bad_queries(tmp_path: Path) -> None:
    files = {
        "syntax": tmp_path / "read_broken.cypher",
        "params": tmp_path / "read_undeclared.cypher",
        "two": tmp_path / "read_two.cypher",
        "good": tmp_path / "write_good.cypher",
    }
    files["syntax"].write_text(SYNTAX_ERROR_QUERY, encoding="utf-8")
    files["params"].write_text(UNDECLARED_PARAM_QUERY, encoding="utf-8")
    files["two"].write_text(TWO_STATEMENTS_QUERY, encoding="utf-8")
    files["good"].write_text(GOOD_QUERY, encoding="utf-8")

    run = run_lint(tmp_path)
    assert run.returncode == 1, run.stderr
    report = json.dumps(run.report, indent=2)

    def errors(key: str) -> list[dict[str, Any]]:
        diags = run.diagnostics_for(files[key])
        assert diags is not None, f"{files[key].name} not named in the report:\n{report}"
        return [d for d in diags if d["severity"] == "error"]

    syntax = errors("syntax")
    assert syntax, report
    assert syntax[0]["line"] == 3, report

    params = errors("params")
    assert any("$actor_id" in d["message"] for d in params), report
    assert any("$unused" in d["message"] for d in params), report

    assert any("statement" in d["message"] for d in errors("two")), report
    assert errors("good") == [], report
    assert run.report["errors"] >= 4


# --------------------------------------------------------------------------------------
# Portability to FalkorDB (pure Python)
# --------------------------------------------------------------------------------------

# Valid (or once valid) Neo4j Cypher that FalkorDB does not run. Case-insensitive; matched
# against the statement with comments and the insides of strings and backticks blanked out.
NON_PORTABLE: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(pattern, re.IGNORECASE | re.MULTILINE))
    for name, pattern in [
        ("EXISTS { } subquery", r"\bEXISTS\s*\{"),
        ("COUNT { } subquery", r"\bCOUNT\s*\{"),
        ("CALL (x) { } scoped subquery", r"\bCALL\s*\("),
        ("CALL { } IN TRANSACTIONS", r"\bIN\s+TRANSACTIONS\b"),
        ("SHORTEST k paths", r"\bSHORTEST\b"),
        ("regular expression =~", r"=~"),
        ("datetime()", r"(?<![\w.])datetime\s*\("),
        ("elementId()", r"(?<![\w.])elementId\s*\("),
        ("id() (deprecated; use the own indexed id property)", r"(?<![\w.$])id\s*\("),
        ("APOC", r"\bapoc\."),
        ("SHOW", r"^\s*SHOW\b"),
        ("USE", r"^\s*USE\b"),
        ("exists() function", r"(?<![\w.])exists\s*\("),
        ("CREATE INDEX ON :L(p) (removed syntax)", r"\bCREATE\s+INDEX\s+ON\b"),
        ("constraints (FalkorDB: GRAPH.CONSTRAINT CREATE)", r"\b(?:CREATE|DROP)\s+CONSTRAINT\b"),
    ]
]


def blank_comments_and_strings(text: str) -> str:
    """Replace comments and the contents of '…', "…" and `…` by spaces (newlines kept)."""
    out: list[str] = []
    i, n = 0, len(text)

    def blank(chunk: str) -> str:
        return "".join(c if c == "\n" else " " for c in chunk)

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end == -1 else end
            out.append(blank(text[i:end]))
            i = end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end == -1 else end + 2
            out.append(blank(text[i:end]))
            i = end
        elif c in "'\"`":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" and c != "`" else 1
            j = min(j + 1, n)
            out.append(c + blank(text[i + 1 : j - 1]) + (c if j - 1 > i else ""))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def non_portable_constructs(text: str) -> list[tuple[int, str, str]]:
    """(line, construct, source line) for every non-portable construct found in ``text``."""
    code = blank_comments_and_strings(text)
    lines = text.splitlines()
    found = []
    for name, pattern in NON_PORTABLE:
        for match in pattern.finditer(code):
            start = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
            line = code.count("\n", 0, start) + 1
            found.append((line, name, lines[line - 1].strip() if line <= len(lines) else ""))
    return sorted(found)


@pytest.mark.parametrize("query_file", QUERY_FILES, ids=[_rel(p) for p in QUERY_FILES])
def test_query_is_portable_to_falkordb(query_file: Path) -> None:
    found = non_portable_constructs(query_file.read_text(encoding="utf-8"))
    assert not found, "not portable to FalkorDB:\n" + "\n".join(
        f"{_rel(query_file)}:{line}: {name}: {src}" for line, name, src in found
    )


@pytest.mark.parametrize(
    "snippet",
    [
        "MATCH (n) WHERE EXISTS { (n)--() } RETURN n",
        "MATCH (n) RETURN COUNT{ (n)--() } AS c",
        "MATCH (n) CALL (n) { RETURN 1 AS x } RETURN x",
        "UNWIND $rows AS r CALL { WITH r CREATE (:A) } IN TRANSACTIONS OF 10 ROWS",
        "MATCH p = SHORTEST 1 (a)--+(b) RETURN p",
        "MATCH (n) WHERE n.name =~ 'A.*' RETURN n",
        "RETURN datetime() AS now",
        "MATCH (n) RETURN elementId(n)",
        "MATCH (n) RETURN id(n)",
        "MATCH (n) WHERE ID (n) = 1 RETURN n",
        "CALL apoc.help('x')",
        "SHOW INDEXES",
        "USE neo4j\nMATCH (n) RETURN n",
        "MATCH (n) WHERE exists(n.name) RETURN n",
        "CREATE INDEX ON :Actor(id)",
        "CREATE CONSTRAINT FOR (a:Actor) REQUIRE a.id IS UNIQUE",
        "DROP CONSTRAINT actor_id",
    ],
)
def test_portability_check_flags(snippet: str) -> None:
    assert non_portable_constructs(snippet)


def test_portability_check_passes_portable_cypher() -> None:
    text = """\
// Not flagged in comments: EXISTS { } id(n) apoc.x =~ SHOW
/* nor here: CREATE CONSTRAINT, datetime() */
UNWIND $rows AS r
MERGE (a:Actor {id: r.id})
ON CREATE SET a.constraint = r.constraint, a.url = 'http://x/y // z', a.note = "id(n) =~ 'x'"
SET a += r.props, a.`apoc.x` = 1
WITH a
CALL { WITH a MATCH p = shortestPath((a)-[*..4]-(b:Actor)) RETURN count(p) AS paths }
MATCH (a)-[c:COLLABORATES_WITH]-(b) WHERE a.id IS NOT NULL AND b.name STARTS WITH 'A'
RETURN properties(a) AS props, count(*) AS n, a.id AS id, r.show AS shown, date(r.day) AS day,
       [x IN collect(b.id) WHERE x IS NOT NULL | x] AS ids, allShortestPaths((a)-[*..2]-(b)) AS s
"""
    assert non_portable_constructs(text) == []
