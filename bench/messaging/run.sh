#!/usr/bin/env bash
# End-to-end messaging benchmark: outbox commit -> relay -> Redis stream -> consumer group -> handler.
# Starts its own PostgreSQL and redis-server on free loopback ports in a temporary folder (removed afterwards)
# and prints a table of events/s and commit-to-handled latency (p50/p99/max) per scenario.
#   bench/messaging/run.sh [events per scenario, default 3000]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "Building MessagingBench (Release)..." >&2
if ! dotnet build -c Release --nologo -v quiet "$here/MessagingBench/MessagingBench.csproj" -o "$work/bin" >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    exit 1
fi

dotnet "$work/bin/MessagingBench.dll" "$@"
