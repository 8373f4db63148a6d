#!/usr/bin/env bash
# Read path benchmark: Products' GET /products/{id} (a cache hit) and GET /products?limit=100 under the AppHost, beside
# a bare ASP.NET Core minimal API (BareApi: the same shapes from memory) in the same run, each as requests/s with wrk
# and as a share of the bare API. Release builds; the services export no telemetry unless MART_BENCH_TELEMETRY=on.
# Mart is measured at its process's own port, as the bare API is: the ratios compare the two programs. The same reads
# through the endpoint the AppHost publishes (DCP's development proxy in front of every project, which a deployment
# does not have) are shown beside them.
#   bench/reads/run.sh [duration per endpoint, default 10s] [connections, default 32]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration=${1:-10s}
connections=${2:-32}
MART_NEEDS_WRK=1 bash "$root/scripts/prerequisites.sh" >&2

work="$(mktemp -d /tmp/mart-bench-reads-XXXXXX)"
chmod 755 "$work" # PostgreSQL runs as the postgres user and must reach the state folder inside
source "$root/bench/lib/apphost.sh"
apphost_pid=""
bare_pid=""
cleanup() {
    [ -z "$bare_pid" ] || { kill "$bare_pid" 2>/dev/null || true; wait "$bare_pid" 2>/dev/null || true; }
    [ -z "$apphost_pid" ] || apphost_stop
    rm -rf "$work"
}
trap cleanup EXIT

bench_release_build "$work" "$here/BareApi/BareApi.csproj" "$work/bare"
echo "Starting the AppHost and the bare API..." >&2
apphost_start "$work/state" "$work/apphost.log"
bare_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ASPNETCORE_URLS="http://127.0.0.1:$bare_port" ASPNETCORE_ENVIRONMENT=Production dotnet "$work/bare/BareApi.dll" >"$work/bare.log" 2>&1 &
bare_pid=$!
apphost_wait_healthy 300 || { echo "The system did not become healthy in 5 minutes:" >&2; tail -40 "$work/apphost.log" >&2; exit 1; }
products=$(apphost_process_url products)
proxied=$(apphost_url products)
bare="http://127.0.0.1:$bare_port"
for _ in $(seq 1 50); do curl -fs "$bare/first" >/dev/null 2>&1 && break; sleep 0.2; done

# The seeded catalog has 100 products: a page of 100 is full, and any product is a cache hit after one read.
product_id=$(curl -fs "$products/products?limit=1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')
bare_id=$(curl -fs "$bare/first")
curl -fs -o /dev/null "$products/products/$product_id" # loads the cache entry; every measured read is a hit
count=$(curl -fs "$products/products?limit=100" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["items"]))')
[ "$count" = 100 ] || { echo "Expected a page of 100 products, got $count" >&2; exit 1; }

# requests/s of one endpoint (after the warm-up below).
rate() {
  local out
  out=$(wrk -t2 -c"$connections" -d"$duration" --latency "$1")
  if grep -q 'Non-2xx or 3xx responses' <<<"$out"; then
    echo "$1 answered errors:" >&2; echo "$out" >&2; exit 1
  fi
  awk '/^Requests\/sec:/ {print $2}' <<<"$out"
}

echo "wrk: $connections connections, 2 threads, $duration per endpoint; $(nproc) cores." >&2
echo "Mart at $products (through the AppHost's proxy: $proxied), the bare API at $bare." >&2
# Unmeasured rounds over every endpoint first: the JIT's tiers settle, so no figure pays for compiling the others' code.
for _ in 1 2; do
  for url in "$products/products/$product_id" "$bare/products/$bare_id" "$proxied/products/$product_id" \
    "$products/products?limit=100" "$bare/products?limit=100" "$proxied/products?limit=100"; do
    wrk -t2 -c"$connections" -d4s "$url" >/dev/null
  done
done
mart_one=$(rate "$products/products/$product_id")
bare_one=$(rate "$bare/products/$bare_id")
proxied_one=$(rate "$proxied/products/$product_id")
mart_page=$(rate "$products/products?limit=100")
bare_page=$(rate "$bare/products?limit=100")
proxied_page=$(rate "$proxied/products?limit=100")

python3 - "$mart_one" "$bare_one" "$proxied_one" "$mart_page" "$bare_page" "$proxied_page" <<'PY'
import sys
mart_one, bare_one, proxied_one, mart_page, bare_page, proxied_page = map(float, sys.argv[1:])
print("| endpoint | Mart requests/s | bare API requests/s | Mart ÷ bare | goal | Mart through the AppHost's proxy (÷ bare) |")
print("|---|---|---|---|---|---|")
print(f"| GET /products/{{id}} (cache hit) | {mart_one:,.0f} | {bare_one:,.0f} | {mart_one / bare_one:.2f} | ≥ 0.6 | {proxied_one:,.0f} ({proxied_one / bare_one:.2f}) |")
print(f"| GET /products?limit=100 | {mart_page:,.0f} | {bare_page:,.0f} | {mart_page / bare_page:.3f} | ≥ 0.06 | {proxied_page:,.0f} ({proxied_page / bare_page:.3f}) |")
print(f"RESULT product_ratio={mart_one / bare_one:.2f} page_ratio={mart_page / bare_page:.3f}")
PY
