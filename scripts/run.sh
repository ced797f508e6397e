#!/usr/bin/env bash
# The main job on the embedded default: database, seed data, analyses, maps.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
graphsvc up "$@"
