#!/usr/bin/env bash
# The whole test suite: unit, database (PGlite and PostgreSQL), workflow, API end-to-end, replay.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export TEMPORAL_CLI_PATH="$(bash scripts/install-temporal.sh)"
npx tsc --noEmit
npx vitest run "$@"
