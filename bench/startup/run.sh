#!/usr/bin/env bash
# Time from launching the AppHost to all ten resources Running + Healthy (as `aspire describe` reports them).
# Cold: empty state folder (initdb, first migrations). Warm: the same folder again.
# Usage: bench/startup/run.sh [runs]   (default 5). Prints a table; uses the services' stable ports.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source bench/lib/apphost.sh
runs=${1:-5}
bash scripts/prerequisites.sh
dotnet build Mart.sln -c Debug -nologo -clp:ErrorsOnly >/dev/null
aspire_cli --version >/dev/null
state=$(mktemp -d /tmp/mart-bench-state-XXXXXX)
chmod 755 "$state" # PostgreSQL runs as the postgres user and must reach its data folder inside
log=$(mktemp /tmp/mart-bench-log-XXXXXX)
trap 'apphost_stop; rm -rf "$state" "$log"' EXIT

time_to_healthy() {
  local start end
  start=$(date +%s%N)
  apphost_start "$state" "$log"
  if ! apphost_wait_healthy 300; then
    echo "Not all resources became healthy:" >&2
    apphost_resources >&2 || true
    tail -30 "$log" >&2
    exit 1
  fi
  end=$(date +%s%N)
  apphost_stop
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
