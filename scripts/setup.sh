#!/usr/bin/env bash
# Shared set-up for the two README commands: a virtual environment with graphsvc in it.
# Usage: source scripts/setup.sh [extras]   (extras: "test" adds the test tools; pass ""
# for none, so the sourcing script's own arguments are not taken for extras)
#
# Quiet unless it fails: pip's output goes to a log file, printed only on failure.
# Installs once: a stamp in the venv per extras (pyproject.toml's hash and this checkout's
# path) skips pip on the next runs until pyproject.toml or setup.py changes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
VENV="${GRAPHSVC_VENV:-$ROOT/.venv}"
EXTRAS="${1:-}"
case "$EXTRAS" in
    -*) echo "setup.sh: '$EXTRAS' is not an extra (source setup.sh \"\" from a script with options)" >&2
        return 2 2>/dev/null || exit 2 ;;
esac
STAMP="$VENV/.graphsvc-installed${EXTRAS:+-$EXTRAS}"
WANTED="$(cat "$ROOT/pyproject.toml" "$ROOT/setup.py" | sha256sum | cut -d' ' -f1) $ROOT"
# a venv whose python or graphsvc no longer starts (a Python upgrade, a removed package)
# is installed again, whatever its stamp says
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANTED" ] ||
    ! "$VENV/bin/python" -c "import graphsvc.core" >/dev/null 2>&1; then
    echo "Installing graphsvc and its dependencies into $VENV (the first time takes a few minutes) ..." >&2
    LOG="$(mktemp "${TMPDIR:-/tmp}/graphsvc-setup.XXXXXX.log")"
    if ! {
        { [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"; } &&
        "$VENV/bin/python" -m pip install --upgrade pip &&
        "$VENV/bin/python" -m pip install -e "$ROOT${EXTRAS:+[$EXTRAS]}"
    } >"$LOG" 2>&1; then
        cat "$LOG" >&2
        echo "setup.sh: installing graphsvc failed; the output above is in $LOG" >&2
        return 1 2>/dev/null || exit 1
    fi
    rm -f "$LOG"
    # With extras the plain install is done too.
    echo "$WANTED" | tee "$STAMP" >"$VENV/.graphsvc-installed"
fi
export PATH="$VENV/bin:$PATH"
