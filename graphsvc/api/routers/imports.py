"""``/imports``: upload CSV files, XLSX workbooks or GraphML/GEXF/JSON exports."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Query, UploadFile

from graphsvc.api.deps import StateDep
from graphsvc.api.schemas import ImportResult
from graphsvc.api.security import Editor
from graphsvc.errors import Problem, ValidationError

router = APIRouter(prefix="/imports", tags=["imports"])

SUFFIXES = (".csv", ".xlsx", ".xlsm", ".graphml", ".gexf", ".json")
CHUNK = 1024 * 1024


@router.post(
    "",
    summary="Import tables (all or nothing)",
    responses={413: {"description": "The upload is larger than the limit (20 MB default)."}},
)
def import_files(
    user: Editor,
    state: StateDep,
    files: Annotated[
        list[UploadFile],
        File(
            description="actors.csv, projects.csv, participations.csv, collaborations.csv "
            "(any of them), an XLSX workbook with sheets of those names, or a GraphML, "
            "GEXF or JSON file written by the export."
        ),
    ],
    dry_run: Annotated[
        bool, Query(description="Validate and report what would change; write nothing.")
    ] = False,
) -> ImportResult:
    """Every row is validated first; if any problem is found the answer is 422 listing every
    problem with its file, row (the header is row 1) and column, and nothing is written."""
    with tempfile.TemporaryDirectory(prefix="graphsvc-import-") as tmp:
        paths = _save(files, Path(tmp))
        graphsvc = state.graphsvc
        validated = graphsvc.validate_paths(paths)
        graphsvc.check_storable(validated)
        report = graphsvc.import_validated(validated, dry_run=dry_run)
    version = None
    if not dry_run:
        version = graphsvc.bump_version() if report.changed else graphsvc.graph_version()[1]
    return ImportResult(**report.as_dict(), graph_version=version)


def _save(files: list[UploadFile], folder: Path) -> list[Path]:
    problems: list[Problem] = []
    paths: list[Path] = []
    for upload in files:
        name = Path(upload.filename or "").name
        if not name or Path(name).suffix.lower() not in SUFFIXES:
            problems.append(
                Problem(
                    f"unsupported file type; expected one of {', '.join(SUFFIXES)}",
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
