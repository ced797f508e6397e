"""CLI start-up bench: wall time of ``graphsvc --help`` (and a command's ``--help``).

    python bench/cli_bench.py [--runs 10] [--checkout DIR]

Each run is a fresh ``python -m graphsvc.cli … --help`` process in ``--checkout`` (default:
this one; ``-m`` puts the working directory first on the path), so an older checkout can be
compared on the same machine. Prints the median and the fastest of ``--runs`` runs, and
the load average.
Target: under 1 s (#14).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = ("", "analyse bridging", "import")


def wall_times(checkout: Path, command: str, runs: int) -> list[float]:
    """Seconds each of ``runs`` fresh processes take to print ``graphsvc COMMAND --help``."""
    env = {**os.environ, "PYTHONPATH": str(checkout), "COLUMNS": "100"}
    args = [sys.executable, "-m", "graphsvc.cli", *command.split(), "--help"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, env=env, cwd=checkout, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--checkout", type=Path, default=ROOT)
    options = parser.parse_args()
    print(f"checkout {options.checkout}, {options.runs} runs, load average {os.getloadavg()}")
    for command in COMMANDS:
        times = wall_times(options.checkout, command, options.runs)
        print(
            f"graphsvc {command + ' ' if command else ''}--help: "
            f"median {statistics.median(times):.2f} s, fastest {min(times):.2f} s"
        )


if __name__ == "__main__":
    main()
