#!/usr/bin/env bash
# The whole test suite: unit, database (PGlite and PostgreSQL), workflow, API end-to-end, replay,
# then a check that the suite's logs hold none of the secrets the tests used.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export TEMPORAL_CLI_PATH="$(bash scripts/install-temporal.sh)"
npx tsc --noEmit
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOCFLOW_TEST_LOG="$work/suite.log"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$work/report.json" "$@" || status=$?
if [ $# -eq 0 ]; then node scripts/check-no-secrets.mjs "$DOCFLOW_TEST_LOG" || status=1; fi
# One plain closing line, whatever the reporter printed above it.
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`)' "$work/report.json" || true
exit "$status"
