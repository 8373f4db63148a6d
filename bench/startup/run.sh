#!/usr/bin/env bash
# Time from launching the AppHost to every resource Running + Healthy in GET /api/resources.
# Cold: empty state folder (initdb, first migrations). Warm: the same folder again.
# Usage: bench/startup/run.sh [runs]   (default 5). Prints a table; uses the stable default ports.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
bash scripts/prerequisites.sh
dotnet build Mart.sln -c Debug -nologo -clp:ErrorsOnly >/dev/null
state=$(mktemp -d /tmp/mart-bench-state-XXXXXX)
url=http://localhost:18898
trap 'rm -rf "$state"' EXIT

time_to_healthy() {
  local start end pid
  start=$(date +%s%N)
  ASPNETCORE_URLS=$url DOTNET_ENVIRONMENT=Development \
    dotnet Mart.AppHost/bin/Debug/net10.0/Mart.AppHost.dll --AppHost:StateFolder="$state" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do
    if curl -fs "$url/api/resources" 2>/dev/null | python3 -c '
import json, sys
r = json.load(sys.stdin)
sys.exit(0 if r and all(x["state"] == "Running" and x["health"] == "Healthy" for x in r) else 1)' 2>/dev/null; then
      break
    fi
    sleep 0.1
  done
  end=$(date +%s%N)
  kill -TERM "$pid"; wait "$pid" || true
  echo $(( (end - start) / 1000000 ))
}

cold=(); warm=()
for i in $(seq 1 "$runs"); do
  rm -rf "${state:?}"/*
  cold+=("$(time_to_healthy)")
  warm+=("$(time_to_healthy)")
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
printf '| run | cold start to all healthy (ms) | warm start to all healthy (ms) |\n|---|---|---|\n'
for i in $(seq 0 $((runs - 1))); do printf '| %d | %s | %s |\n' $((i + 1)) "${cold[$i]}" "${warm[$i]}"; done
printf '| median | %s | %s |\n' "$(median "${cold[@]}")" "$(median "${warm[@]}")"
