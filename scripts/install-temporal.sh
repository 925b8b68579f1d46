#!/usr/bin/env bash
# Makes the Temporal CLI (which carries the dev server) available: PATH, then the per-user cache,
# then `go install` into that cache. Prints the binary's path on stdout.
set -euo pipefail

version=v1.5.1   # the last tag `go install` accepts: later tags carry a replace directive
cache="${XDG_CACHE_HOME:-$HOME/.cache}/docflow/bin"

if [ -n "${TEMPORAL_CLI_PATH:-}" ] && [ -x "$TEMPORAL_CLI_PATH" ]; then echo "$TEMPORAL_CLI_PATH"; exit 0; fi
if command -v temporal >/dev/null 2>&1; then command -v temporal; exit 0; fi
if [ -x "$cache/temporal" ]; then echo "$cache/temporal"; exit 0; fi

mkdir -p "$cache"
# What follows takes minutes on a new machine: say so, and show it is still going.
every=${DOCFLOW_SETUP_PROGRESS_SECONDS:-15}
started=$(date +%s)
ticker=
start_ticker() {
  # The sleep runs in the background so that stopping the ticker stops it too (nothing keeps stderr open).
  ( trap 'kill "$nap" 2>/dev/null; exit 0' TERM
    while :; do
      sleep "$every" & nap=$!
      wait "$nap"
      echo "  … still building the Temporal CLI ($(( $(date +%s) - started )) s so far)" >&2
    done ) &
  ticker=$!
}
stop_ticker() { [ -z "$ticker" ] || { kill "$ticker" 2>/dev/null || true; wait "$ticker" 2>/dev/null || true; ticker=; }; }
trap stop_ticker EXIT
cat >&2 <<MSG
First start on this machine: building the Temporal CLI $version (the local Temporal dev server) into $cache.
This takes a few minutes, once per machine; progress is shown below. To use an existing Temporal
instead, stop here (Ctrl-C) and set TEMPORAL_ADDRESS (e.g. TEMPORAL_ADDRESS=localhost:7233 npm start).
MSG

if command -v go >/dev/null 2>&1; then
  start_ticker
  if GOBIN="$cache" CGO_ENABLED=0 go install "github.com/temporalio/cli/cmd/temporal@$version" >&2 \
    || GOTOOLCHAIN=go1.25.5 GOBIN="$cache" CGO_ENABLED=0 go install "github.com/temporalio/cli/cmd/temporal@$version" >&2; then
    stop_ticker
    echo "built the Temporal CLI in $(( $(date +%s) - started )) s: $cache/temporal" >&2
    echo "$cache/temporal"; exit 0
  fi
  stop_ticker
  echo "go install of the Temporal CLI failed" >&2
fi

# Machines with internet access but no Go: the official release archive.
arch=$(uname -m); case "$arch" in x86_64) arch=amd64 ;; aarch64|arm64) arch=arm64 ;; esac
os=$(uname -s | tr '[:upper:]' '[:lower:]')
url="https://temporal.download/cli/archive/latest?platform=$os&arch=$arch"
echo "downloading the Temporal CLI release instead: $url" >&2
if command -v curl >/dev/null 2>&1 && curl -fL --progress-bar --max-time 300 "$url" -o "$cache/temporal.tgz"; then
  tar -xzf "$cache/temporal.tgz" -C "$cache" temporal && rm -f "$cache/temporal.tgz"
  echo "$cache/temporal"; exit 0
fi

echo "could not install the Temporal CLI: not on PATH, not in $cache, go install failed or Go is missing, and the release download is unreachable." >&2
echo "Install Go (https://go.dev) or put a 'temporal' binary on PATH, or set TEMPORAL_ADDRESS to an existing cluster." >&2
exit 1
