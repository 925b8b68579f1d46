#!/usr/bin/env bash
# One-time setup of a fresh clone: node modules and, unless docflow uses an existing Temporal
# (TEMPORAL_ADDRESS), the Temporal CLI that carries the local dev server.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
if [ -n "${TEMPORAL_ADDRESS:-}" ]; then
  echo "TEMPORAL_ADDRESS=$TEMPORAL_ADDRESS: using that Temporal; no dev server, so the Temporal CLI is not needed" >&2
  exit 0
fi
bash scripts/install-temporal.sh >/dev/null
