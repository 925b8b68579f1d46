#!/usr/bin/env bash
# One-time setup of a fresh clone: node modules and the Temporal CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
bash scripts/install-temporal.sh >/dev/null
