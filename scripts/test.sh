#!/usr/bin/env bash
# The whole test suite, with everything it needs installed first:
# Debian's chromium (browser tests), the Neo4j Cypher linter, axe-core, eslint and prettier
# for the page scripts (npm), Python test tools.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
npm ci --prefix .ci/cypher-lint --no-audit --no-fund --loglevel=error
npm ci --prefix .ci/axe --no-audit --no-fund --loglevel=error
npm ci --prefix .ci/js --no-audit --no-fund --loglevel=error
.ci/js/node_modules/.bin/eslint -c .ci/js/eslint.config.js visualisations
.ci/js/node_modules/.bin/prettier --config .ci/js/.prettierrc --check "visualisations/**/*.js"
source scripts/setup.sh test
ruff check graphsvc tests bench scripts
ruff format --check graphsvc
mypy graphsvc
python -m pytest "$@"
