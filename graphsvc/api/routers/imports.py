"""``/imports``: upload spreadsheets or graph files; preview the mapping, then import."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, UploadFile

from graphsvc.api.deps import StateDep
from graphsvc.api.schemas import ImportPreview, ImportProblem, ImportResult
from graphsvc.api.security import Editor
from graphsvc.error_words import problem_said
from graphsvc.errors import Problem, ValidationError
from graphsvc.filters import Language
from graphsvc.io.mapping import TARGETS, Mapping
from graphsvc.io.reading import suffixes

router = APIRouter(prefix="/imports", tags=["imports"])

CHUNK = 1024 * 1024
FILES_HELP = (
    "Spreadsheets (CSV with , ; or tab, XLSX with any sheets: a planner's sheet, node and "
    "edge lists, graphsvc's four tables), or graph files (GraphML, GEXF, node-link JSON …)."
)
LANG_HELP = (
    "The language of each problem's `text` (and of the error body's `text`): da or en. "
    "`message` stays English."
)
MessageLang = Annotated[Language, Query(description=LANG_HELP)]
MAPPING_HELP = (
    "Optional: the mapping to use on top of the detected one, as JSON or TOML (the "
    "`mapping` of a preview, or a file saved with `graphsvc import --save-mapping`)."
)


@router.post(
    "",
    summary="Import tables (all or nothing)",
    responses={413: {"description": "The upload is larger than the limit (20 MB default)."}},
)
def import_files(
    user: Editor,
    state: StateDep,
    files: Annotated[list[UploadFile], File(description=FILES_HELP)],
    dry_run: Annotated[
        bool, Query(description="Validate and report what would change; write nothing.")
    ] = False,
    mapping: Annotated[str | None, Form(description=MAPPING_HELP)] = None,
    lang: MessageLang = "en",
) -> ImportResult:
    """The columns are mapped to the model (detected, or as ``mapping`` says) and every row
    is validated first; if any problem is found the answer is 422 listing every problem
    with its file, row (the header is row 1) and column, its `code` and `params`, and its
    `text` in `lang`, and nothing is written."""
    given = _mapping(mapping)
    with tempfile.TemporaryDirectory(prefix="graphsvc-import-") as tmp:
        paths = _save(files, Path(tmp))
        graphsvc = state.graphsvc
        validated = graphsvc.validate_paths(paths, given)
        graphsvc.check_storable(validated)
        report = graphsvc.import_validated(validated, dry_run=dry_run)
    # the import logged its own versions (per item): a bare bump here made every
    # worker's snapshot reread the whole graph
    version = None if dry_run else graphsvc.graph_version()[1]
    return ImportResult(**report.as_dict(), graph_version=version)


@router.post(
    "/preview",
    summary="Preview an import: the detected mapping, the first rows, every problem",
    responses={413: {"description": "The upload is larger than the limit (20 MB default)."}},
)
def preview_import(
    user: Editor,
    state: StateDep,
    files: Annotated[list[UploadFile], File(description=FILES_HELP)],
    mapping: Annotated[str | None, Form(description=MAPPING_HELP)] = None,
    lang: MessageLang = "en",
) -> ImportPreview:
    """Reads and maps the files as `POST /imports` would and writes nothing. The answer is
    200 even when the import could not run: `problems` lists why (file, row, column) and
    `valid` is false. Send the `mapping` back, changed, to see its effect. A file that
    cannot be read at all is a 422."""
    given = _mapping(mapping)
    with tempfile.TemporaryDirectory(prefix="graphsvc-import-") as tmp:
        preview = state.graphsvc.preview_paths(_save(files, Path(tmp)), given)
    mapped = preview.mapped
    report = preview.report
    return ImportPreview(
        mapping=mapped.mapping,
        mapping_toml=mapped.mapping.to_toml(),
        targets=TARGETS,
        rows=mapped.first_rows(),
        counts=mapped.counts(),
        problems=[_problem(p, lang) for p in preview.problems],
        notes=[_problem(p, lang) for p in mapped.notes],
        valid=not preview.problems,
        report=None if report is None else ImportResult(**report.as_dict(), graph_version=None),
    )


def _problem(problem: Problem, lang: Language) -> ImportProblem:
    text, said_in = problem_said(lang, problem)
    return ImportProblem(
        file=problem.file, row=problem.row, column=problem.column, message=problem.message,
        code=problem.code, params=problem.params, text=text, lang=said_in,
    )  # fmt: skip


def _mapping(text: str | None) -> Mapping | None:
    return Mapping.parse(text, "mapping") if text and text.strip() else None


def _save(files: list[UploadFile], folder: Path) -> list[Path]:
    problems: list[Problem] = []
    paths: list[Path] = []
    for upload in files:
        name = Path(upload.filename or "").name
        if not name or Path(name).suffix.lower() not in suffixes():
            problems.append(
                Problem(
                    f"unsupported file type; expected one of {', '.join(suffixes())}",
                    file=name or "(no name)",
                )
            )
            continue
        target = folder / name
        if target.exists():
            problems.append(Problem("the same file name was uploaded twice", file=name))
            continue
        with target.open("wb") as out:
            shutil.copyfileobj(upload.file, out, CHUNK)
        paths.append(target)
    if problems:
        raise ValidationError(
            f"{len(problems)} problem(s) with the uploaded files", details=problems
        )
    if not paths:
        raise ValidationError("no files uploaded")
    return paths
