#!/usr/bin/env bash
# Cache-hit throughput of GET /market/quote beside GET /products/{id}, in the same run of the whole system.
# Starts the AppHost (Release build, throw-away state folder), warms the quote cache, then runs
# wrk against each endpoint in turn and prints a table. AAPL is on the default watchlist, so the background
# refresher keeps its entry fresh and every measured quote request is a cache hit.
#   bench/market/run.sh [duration, default 10s] [connections, default 50]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source bench/lib/apphost.sh
duration=${1:-10s}
connections=${2:-50}
MART_NEEDS_WRK=1 bash "$root/scripts/prerequisites.sh" >&2

configuration=Release
dotnet build Mart.sln -c "$configuration" -nologo -clp:ErrorsOnly >/dev/null
work=$(mktemp -d /tmp/mart-bench-market-XXXXXX)
chmod 755 "$work" # PostgreSQL runs as the postgres user and must reach its data folder inside
log="$work/apphost.log"
apphost_start "$work/state" "$log"
trap 'apphost_stop; rm -rf "$work"' EXIT
apphost_wait_healthy 600 || { echo "The system did not become healthy (10 minutes passed):" >&2; tail -40 "$log" >&2; exit 1; }
market=$(apphost_url market)
products=$(apphost_url products)

# Warm: the first request fetches (miss), the next must be a hit.
curl -fs "$market/market/quote?symbol=AAPL" >/dev/null
cache=$(curl -fsi "$market/market/quote?symbol=AAPL" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-cache" {print $2}')
[[ "$cache" == "hit" ]] || { echo "Expected a cache hit after warming, got '$cache'" >&2; exit 1; }

# A product id, if this build's Products lists them (GET /products answering a JSON array or {"items": [...]}).
product_id=$(curl -fs "$products/products" 2>/dev/null | python3 -c '
import json, sys
try:
    body = json.load(sys.stdin)
    items = body if isinstance(body, list) else body.get("items", [])
    print(items[0]["id"] if items else "")
except Exception:
    print("")' || true)

measure() {
  local out rps avg p99
  out=$(wrk -t2 -c"$connections" -d"$duration" --latency "$1")
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  avg=$(awk '$1 == "Latency" && NF >= 4 {print $2; exit}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
  printf '| %s | %s | %s | %s | %s |\n' "$2" "$rps" "$avg" "$p99" "${errors:-0}"
  last_rps=$rps
}

# A short unmeasured run per endpoint first, so the JIT has compiled the hot paths before anything is timed.
warm() { wrk -t2 -c"$connections" -d3s "$1" >/dev/null; }
warm "$market/market/quote?symbol=AAPL"
[[ -z "$product_id" ]] || warm "$products/products/$product_id"

printf '| endpoint (wrk -t2 -c%s -d%s) | requests/s | avg latency | p99 latency | non-2xx |\n|---|---|---|---|---|\n' "$connections" "$duration"
measure "$market/market/quote?symbol=AAPL" "GET /market/quote?symbol=AAPL (cache hit)"
quote_rps=$last_rps
product_rps=
if [[ -n "$product_id" ]]; then
  measure "$products/products/$product_id" "GET /products/{id}"
  product_rps=$last_rps
else
  printf '| GET /products/{id} | n/a: this build has no product to fetch | | | |\n'
fi
cache=$(curl -fsi "$market/market/quote?symbol=AAPL" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-cache" {print $2}')
echo "X-Cache after the run: $cache"
ratio=n/a
[[ -z "$product_rps" ]] || ratio=$(awk -v q="$quote_rps" -v p="$product_rps" 'BEGIN { printf "%.2f", q / p }')
echo "RESULT quote_per_s=$quote_rps quote_vs_product=$ratio"
