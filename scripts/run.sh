#!/usr/bin/env bash
# The main job on the embedded default: database, seed data, analyses, maps.
# Options go to `graphsvc up` (bash scripts/run.sh --help lists them), e.g. --port 8765, --no-serve.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh ""
graphsvc up "$@"
