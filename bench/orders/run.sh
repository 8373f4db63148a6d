#!/usr/bin/env bash
# Order flow benchmark: the whole system under the AppHost on this machine (PostgreSQL, Redis, all services), orders
# placed over HTTP at bounded concurrency, each followed through Products and Payments to completed.
# Prints a table per concurrency level: orders completed end to end per second, p50/p99 of POST /orders, and p50/p99
# of placement -> completed (from each order's status history), split into the stock leg (pending -> awaiting_payment)
# and the payment leg (awaiting_payment -> completed). Clients place orders as fast as they are answered, so once the
# placement rate exceeds what the event pipeline completes, the placement -> completed latency includes the queue.
#   bench/orders/run.sh [orders per run, default 500] [concurrency levels, default "1 4 16 64"]
# Uses a throw-away state folder and the services' stable ports; stops the AppHost and removes the folder afterwards.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
count=${1:-500}
shift || true
levels=("$@")
[ ${#levels[@]} -gt 0 ] || levels=(1 4 16 64)

work="$(mktemp -d /tmp/mart-bench-orders-XXXXXX)"
chmod 755 "$work" # PostgreSQL runs as the postgres user and must reach the state folder inside
source "$root/bench/lib/apphost.sh"
apphost_pid=""
cleanup() {
    [ -z "$apphost_pid" ] || apphost_stop
    rm -rf "$work"
}
trap cleanup EXIT

echo "Building the solution (Debug) and OrdersBench (Release)..." >&2
dotnet build "$root/Mart.sln" -c Debug --nologo -clp:ErrorsOnly >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
dotnet build "$here/OrdersBench/OrdersBench.csproj" -c Release --nologo -v quiet -o "$work/bench" >"$work/bench-build.log" 2>&1 \
    || { cat "$work/bench-build.log" >&2; exit 1; }

echo "Starting the AppHost..." >&2
apphost_start "$work/state" "$work/apphost.log"
apphost_wait_healthy 300 || { echo "The system did not become healthy in 5 minutes:" >&2; tail -40 "$work/apphost.log" >&2; exit 1; }
orders=$(apphost_url orders)
products=$(apphost_url products)
echo "Orders at $orders, Products at $products; $(nproc) cores." >&2

dotnet "$work/bench/OrdersBench.dll" "$orders" "$products" "$count" "${levels[@]}"
