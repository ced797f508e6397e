"""The documentation the code cites is in the repository, and the docstrings' examples run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# A cited Markdown file: ``docs/analysis.md``, `bench/README.md`, reference/README.md.
CITED = re.compile(r"(?<![\w./-])((?:[\w.-]+/)*[\w-]+\.md)\b")
CITING = [
    *sorted((ROOT / "graphsvc").rglob("*.py")),
    *sorted((ROOT / "tests").rglob("*.py")),
    *sorted((ROOT / "tests").rglob("*.R")),
    *sorted((ROOT / "scripts").glob("*")),
    *sorted((ROOT / "bench").glob("*.py")),
    *sorted((ROOT / "docs").glob("*.md")),
    ROOT / "README.md",
    ROOT / "bench" / "README.md",
]


def _cited(path: Path) -> set[str]:
    return set(CITED.findall(path.read_text("utf-8", errors="replace")))


def test_every_cited_document_is_in_the_repository() -> None:
    """A citation resolves from the repository's root or from the citing file's folder."""
    missing = [
        f"{path.relative_to(ROOT)} cites {name}"
        for path in CITING
        if path != Path(__file__).resolve()
        for name in sorted(_cited(path))
        if not (ROOT / name).is_file() and not (path.parent / name).is_file()
    ]
    assert len(CITING) > 100
    assert not missing, "documents cited but not in the repository:\n" + "\n".join(missing)


def test_the_analyses_cite_docs_analysis() -> None:
    """The measures' definitions and sources live in docs/analysis.md, and are cited."""
    assert (ROOT / "docs" / "analysis.md").is_file()
    citing = [p for p in CITING if "docs/analysis.md" in _cited(p)]
    assert ROOT / "README.md" in citing
    assert any(p.parent.name == "analysis" for p in citing)


def test_the_docstrings_examples_run_as_doctests(pytestconfig: pytest.Config) -> None:
    """``pytest`` (and so scripts/test.sh and CI) collects graphsvc/ with --doctest-modules."""
    assert "graphsvc" in pytestconfig.getini("testpaths")
    assert "--doctest-modules" in pytestconfig.getini("addopts")
