#!/usr/bin/env bash
# Order flow benchmark: the whole system under the AppHost on this machine (PostgreSQL, Redis, all services), orders
# placed over HTTP at bounded concurrency, each followed through Products and Payments to completed.
# Prints a table per concurrency level: orders completed end to end per second, p50/p99 of POST /orders, and p50/p99
# of placement -> completed (from each order's status history), split into the stock leg (pending -> awaiting_payment)
# and the payment leg (awaiting_payment -> completed). Clients place orders as fast as they are answered, so once the
# placement rate exceeds what the event pipeline completes, the placement -> completed latency includes the queue.
#   bench/orders/run.sh [orders per run, default 500] [concurrency levels, default "1 4 16 64"]
# Uses a throw-away state folder and random ports; stops the AppHost and removes the folder afterwards.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
count=${1:-500}
shift || true
levels=("$@")
[ ${#levels[@]} -gt 0 ] || levels=(1 4 16 64)

work="$(mktemp -d /tmp/mart-bench-orders-XXXXXX)"
chmod 755 "$work" # PostgreSQL runs as the postgres user and must reach the state folder inside
apphost_pid=""
cleanup() {
    if [ -n "$apphost_pid" ] && kill -0 "$apphost_pid" 2>/dev/null; then
        kill -TERM "$apphost_pid" 2>/dev/null || true
        wait "$apphost_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "Building the solution (Debug) and OrdersBench (Release)..." >&2
dotnet build "$root/Mart.sln" -c Debug --nologo -clp:ErrorsOnly >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
dotnet build "$here/OrdersBench/OrdersBench.csproj" -c Release --nologo -v quiet -o "$work/bench" >"$work/bench-build.log" 2>&1 \
    || { cat "$work/bench-build.log" >&2; exit 1; }

echo "Starting the AppHost..." >&2
(
    cd "$root/Mart.AppHost"
    ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://localhost:18897} \
        exec dotnet "$root/Mart.AppHost/bin/Debug/net10.0/Mart.AppHost.dll" \
        --AppHost:StateFolder="$work/state" --AppHost:RandomizePorts=true >"$work/apphost.log" 2>&1
) &
apphost_pid=$!

# The AppHost prints where its resource API listens (with random ports it is not ASPNETCORE_URLS).
api=""
healthy=""
for _ in $(seq 1 600); do
    api=$(grep -o 'http://[^ ]*/api/resources' "$work/apphost.log" | head -1 || true)
    if [ -n "$api" ] && curl -fs "$api" 2>/dev/null | python3 -c '
import json, sys
r = json.load(sys.stdin)
if any(x["state"] == "Failed" for x in r): sys.exit(2)
sys.exit(0 if r and all(x["state"] == "Running" and x["health"] == "Healthy" for x in r) else 1)'; then
        healthy=1
        break
    fi
    grep -q ' Failed ' "$work/apphost.log" && break
    kill -0 "$apphost_pid" 2>/dev/null || { cat "$work/apphost.log" >&2; exit 1; }
    sleep 0.5
done
[ -n "$healthy" ] || { echo "The system did not become healthy in 5 minutes:" >&2; tail -40 "$work/apphost.log" >&2; exit 1; }
url_of() { curl -fs "$api" | python3 -c "import json,sys; print(next(r['urls'][0] for r in json.load(sys.stdin) if r['name'] == '$1'))"; }
orders=$(url_of orders)
products=$(url_of products)
echo "Orders at $orders, Products at $products; $(nproc) cores." >&2

dotnet "$work/bench/OrdersBench.dll" "$orders" "$products" "$count" "${levels[@]}"
