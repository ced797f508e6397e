#!/usr/bin/env bash
# Shared set-up for the two README commands: a virtual environment with graphsvc in it.
# Usage: source scripts/setup.sh [extras]   (extras: "test" adds the test tools)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
if [ ! -x "$ROOT/.venv/bin/python" ]; then
    "$PYTHON" -m venv "$ROOT/.venv"
fi
"$ROOT/.venv/bin/python" -m pip install --quiet --upgrade pip
if [ -n "${1:-}" ]; then
    "$ROOT/.venv/bin/python" -m pip install --quiet -e "$ROOT[$1]"
else
    "$ROOT/.venv/bin/python" -m pip install --quiet -e "$ROOT"
fi
export PATH="$ROOT/.venv/bin:$PATH"
