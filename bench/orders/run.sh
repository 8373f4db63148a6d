#!/usr/bin/env bash
# Order flow benchmark: the whole system under the AppHost on this machine (PostgreSQL, Redis, all services), orders
# placed over HTTP with a customer's real token (at the Orders process's own port) at bounded concurrency, each followed through Products and Payments to completed.
# Prints a table per concurrency level: orders completed end to end per second, p50/p99 of POST /orders, and p50/p99
# of placement -> completed (from each order's status history), split into the stock leg (pending -> awaiting_payment)
# and the payment leg (awaiting_payment -> completed). Clients place orders as fast as they are answered, so once the
# placement rate exceeds what the event pipeline completes, the placement -> completed latency includes the queue.
# A first row places 100 orders one at a time, each once the previous completed: the latency of an otherwise idle
# system (the bench learns of each move from the mart.orders stream with a blocking XREAD, and asks Orders only then,
# so it does not load the system it measures). Each run starts once the previous one has drained (no unit of the bench's catalog still reserved: Products has
# handled every order.completed too), so no level inherits another's backlog. A second table gives each row's CPU per
# order (from /proc): the machine's and each part's (PostgreSQL, each service, Redis, Aspire's processes, the bench), from
# the first placement until Products settled the last order. Release build. The last line is
# "RESULT completed_per_s=<best completed/s at concurrency 16 or more> idle_p50_ms=<placed -> completed p50 with one
# order in flight (the paced row)>". The closed loop at concurrency 1 is a placement rate, not an idle system: it
# places the next order once the POST is answered, so several orders are in flight and its latency is the queue's.
#   bench/orders/run.sh [orders per run, default 500] [concurrency levels, default "1 16 64"]
#   MART_BENCH_TELEMETRY=on bench/orders/run.sh   (the services export telemetry to the dashboard, as under F5)
# Uses a throw-away state folder and the services' stable ports; stops the AppHost and removes the folder afterwards.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
count=${1:-500}
shift || true
levels=("$@")
[ ${#levels[@]} -gt 0 ] || levels=(1 16 64)

work="$(mktemp -d /tmp/mart-bench-orders-XXXXXX)"
chmod 755 "$work" # PostgreSQL runs as the postgres user and must reach the state folder inside
source "$root/bench/lib/apphost.sh"
apphost_pid=""
cleanup() {
    [ -z "$apphost_pid" ] || apphost_stop
    rm -rf "$work"
}
trap cleanup EXIT

bench_release_build "$work" "$here/OrdersBench/OrdersBench.csproj" "$work/bench"
# The run's own admin password (never the developer's user secrets): the admin makes the catalog; each run's orders
# are a new customer's, signed in through identity, with their token on every request.
admin_password="Bench-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')-1a"
echo "Starting the AppHost..." >&2
apphost_start "$work/state" "$work/apphost.log" "--Parameters:identity-admin-password=$admin_password"
apphost_wait_healthy 300 || { echo "The system did not become healthy in 5 minutes:" >&2; tail -40 "$work/apphost.log" >&2; exit 1; }
# The processes' own ports, as bench/reads measures: DCP's development proxy in front of them is not part of a
# deployment, and its CPU is the bench's traffic, not the system's. (Orders still reaches Products through it.)
orders=$(apphost_process_url orders)
products=$(apphost_process_url products)
identity=$(apphost_process_url identity)
redis_url=$(apphost_url redis)
redis="127.0.0.1:${redis_url##*:},password=$(cat "$work/state/redis/password")"
echo "Orders at $orders, Products at $products; $(nproc) cores." >&2

dotnet "$work/bench/OrdersBench.dll" "$orders" "$products" "$redis" "$identity" "$admin_password" "$count" "${levels[@]}" >"$work/table.txt" || status=$?
grep -v '^RESULT ' "$work/table.txt"

# PostgreSQL's own write limit on the same server in the same run: pgbench's simple-update script (-N), 16 clients.
pg_url=$(apphost_url postgres)
pg_port=${pg_url##*:}
export PGPASSWORD
PGPASSWORD=$(cat "$work/state/postgres/password")
pgbench=/usr/lib/postgresql/15/bin/pgbench
echo "pgbench -N on the same server (port $pg_port)..." >&2
psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qc 'CREATE DATABASE pgbench' >/dev/null
"$pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -i -q -s 16 pgbench >/dev/null 2>&1
tps=$("$pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -N -c 16 -j 2 -T 20 pgbench 2>/dev/null | awk '/^tps/ { print $3 }')
completed=$(sed -n 's/^RESULT completed_per_s=\([0-9.]*\).*/\1/p' "$work/table.txt")
echo
python3 -c "import sys; t, c = float(sys.argv[1]), float(sys.argv[2]); print(f'pgbench -N: {t:.0f} tps; completed orders/s ÷ pgbench tps = {c / t:.3f} (goal 0.055)')" "$tps" "$completed"
grep '^RESULT ' "$work/table.txt"
exit "${status:-0}"
