"""The README's main command, ``bash scripts/run.sh``, with options (issue #14).

``run.sh`` sources ``scripts/setup.sh`` (the venv) and runs ``graphsvc up`` with its own
options. The venv here is a throwaway one that is already set up: it sees this test
session's packages through a ``.pth`` file and carries ``setup.sh``'s stamp, so the run
must skip pip (no network, no install output) and go straight to ``graphsvc up``.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def ready_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv that ``setup.sh`` takes as installed (stamp) and that runs this checkout."""
    path = tmp_path_factory.mktemp("venv")
    venv.create(path, with_pip=False)
    site = next((path / "lib").glob("python3*/site-packages"))
    (site / "outer.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    graphsvc = path / "bin" / "graphsvc"
    graphsvc.write_text(
        f"#!{path / 'bin' / 'python'}\nimport sys\nfrom graphsvc.cli import app\nsys.exit(app())\n"
    )
    graphsvc.chmod(0o755)
    # The stamp setup.sh writes after installing: the sha256 of pyproject.toml and setup.py,
    # then the checkout.
    declared = (ROOT / "pyproject.toml").read_bytes() + (ROOT / "setup.py").read_bytes()
    digest = hashlib.sha256(declared).hexdigest()
    (path / ".graphsvc-installed").write_text(f"{digest} {ROOT}\n")
    return path


def run(
    venv_path: Path, tmp_path: Path, *args: str, command: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """``scripts/run.sh ARGS`` (or ``command``) in the venv, with its own data folder."""
    env = {
        **os.environ,
        "GRAPHSVC_VENV": str(venv_path),
        "GRAPHSVC_DATA_DIR": str(tmp_path / "data"),
        "PYTHONPATH": str(ROOT),  # this checkout's code, whatever the outer venv installed
        "COLUMNS": "200",
    }
    return subprocess.run(
        list(command) or ["bash", str(ROOT / "scripts" / "run.sh"), *args],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_help_lists_the_options(ready_venv: Path, tmp_path: Path) -> None:
    result = run(ready_venv, tmp_path, "--help")
    assert result.returncode == 0, result.stderr
    for option in ("--port", "--no-serve", "--out", "--lang"):
        assert option in result.stdout
    assert result.stderr == ""  # no pip, no setuptools warnings


def test_no_serve_runs_the_main_job_and_stops(ready_venv: Path, tmp_path: Path) -> None:
    out = tmp_path / "maps"
    try:
        result = run(ready_venv, tmp_path, "--no-serve", "--port", "8765", "--out", str(out))
    finally:  # the embedded database stays up for the next command, as it does for users
        run(ready_venv, tmp_path, command=(str(ready_venv / "bin" / "graphsvc"), "db", "stop"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""  # the stamp skipped pip: no install output, no warnings
    # the summary, in Danish as the main job speaks by default
    assert "eksempeldata:" in result.stdout and "netværk:" in result.stdout
    assert "map browser" not in result.stdout  # --no-serve: nothing served
    assert (out / "network.html").is_file()
    assert (out / "project-legepatruljen.html").is_file()
    assert (tmp_path / "data").is_dir()  # GRAPHSVC_DATA_DIR, not the user's data folder


def test_options_are_not_taken_for_extras(tmp_path: Path) -> None:
    """Sourcing setup.sh with an option (the old bug) fails clearly, before pip runs."""
    script = f'source "{ROOT}/scripts/setup.sh" --port'
    result = subprocess.run(
        ["bash", "-c", script],
        env={**os.environ, "GRAPHSVC_VENV": str(tmp_path / "nothing")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "'--port' is not an extra" in result.stderr
    assert not (tmp_path / "nothing").exists()
