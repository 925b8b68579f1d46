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
if command -v go >/dev/null 2>&1; then
  echo "installing the Temporal CLI $version with go install into $cache (a few minutes, once per machine)" >&2
  if GOBIN="$cache" CGO_ENABLED=0 go install "github.com/temporalio/cli/cmd/temporal@$version" >&2 \
    || GOTOOLCHAIN=go1.25.5 GOBIN="$cache" CGO_ENABLED=0 go install "github.com/temporalio/cli/cmd/temporal@$version" >&2; then
    echo "$cache/temporal"; exit 0
  fi
  echo "go install of the Temporal CLI failed" >&2
fi

# Machines with internet access but no Go: the official release archive.
arch=$(uname -m); case "$arch" in x86_64) arch=amd64 ;; aarch64|arm64) arch=arm64 ;; esac
os=$(uname -s | tr '[:upper:]' '[:lower:]')
url="https://temporal.download/cli/archive/latest?platform=$os&arch=$arch"
if command -v curl >/dev/null 2>&1 && curl -fsSL --max-time 60 "$url" -o "$cache/temporal.tgz" 2>/dev/null; then
  tar -xzf "$cache/temporal.tgz" -C "$cache" temporal && rm -f "$cache/temporal.tgz"
  echo "$cache/temporal"; exit 0
fi

echo "could not install the Temporal CLI: not on PATH, not in $cache, go install failed or Go is missing, and the release download is unreachable." >&2
echo "Install Go (https://go.dev) or put a 'temporal' binary on PATH, or set TEMPORAL_ADDRESS to an existing cluster." >&2
exit 1
