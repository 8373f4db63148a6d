#!/usr/bin/env bash
# Runs the whole system under the Aspire AppHost (what F5 does): PostgreSQL, Redis, the four services and the
# Aspire dashboard, over http (launch profile "http", no developer certificate needed). Ctrl+C stops it all.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prerequisites.sh
dotnet build Mart.sln -c Debug -nologo -clp:ErrorsOnly

# DCP, Aspire's orchestrator, runs detached and ends the children some seconds after the AppHost exits: note
# which DCP processes exist now, so those started for this run can be waited for at the end.
dcp_pids() { pgrep -f 'aspire.hosting.orchestration.*/dcp ' || true; }
before=$(dcp_pids)

status=0
{
  dotnet run --project Mart.AppHost --no-build --launch-profile http -- "$@" 2>&1 || status=$?
} | {
  # Keep reading through Ctrl+C so the AppHost can log its shutdown; repeat the login URL where it is seen.
  trap '' INT
  while IFS= read -r line; do
    printf '%s\n' "$line"
    case $line in
      *"Login to the dashboard at "*)
        printf '\n  ==> Aspire dashboard: %s\n      (open it in a browser; the token in it logs you in)\n\n' "${line##*dashboard at }" ;;
    esac
  done
}

for pid in $(dcp_pids); do
  if ! grep -qx "$pid" <<<"$before"; then
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
done
exit $status
