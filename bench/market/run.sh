#!/usr/bin/env bash
# Cache-hit throughput of GET /market/quote beside GET /products/{id}, in the same run of the whole system.
# Starts the AppHost (Debug build, throw-away state folder, random ports), warms the quote cache, then runs
# wrk against each endpoint in turn and prints a table. AAPL is on the default watchlist, so the background
# refresher keeps its entry fresh and every measured quote request is a cache hit.
#   bench/market/run.sh [duration, default 10s] [connections, default 50]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-10s}
connections=${2:-50}
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }

dotnet build Mart.AppHost -c Debug -nologo -clp:ErrorsOnly >/dev/null
work=$(mktemp -d /tmp/mart-bench-market-XXXXXX)
chmod 755 "$work" # PostgreSQL runs as the postgres user and must reach its data folder inside
log="$work/apphost.log"
ASPNETCORE_URLS=http://localhost:18896 DOTNET_ENVIRONMENT=Development \
  dotnet Mart.AppHost/bin/Debug/net10.0/Mart.AppHost.dll --AppHost:StateFolder="$work/state" --AppHost:RandomizePorts=true >"$log" 2>&1 &
apphost=$!
trap 'kill -TERM "$apphost" 2>/dev/null; wait "$apphost" 2>/dev/null || true; rm -rf "$work"' EXIT

# The AppHost prints where its resource API listens (a random port when ports are randomised).
resources=""
healthy=""
for _ in $(seq 1 1200); do
  resources=$(grep -oE 'resources at http://[^ ]+/api/resources' "$log" | head -1 | sed 's/^resources at //') || true
  status=1
  if [[ -n "$resources" ]]; then
    status=0
    curl -fs "$resources" 2>/dev/null | python3 -c '
import json, sys
r = json.load(sys.stdin)
if any(x["state"] == "Failed" for x in r):
    sys.exit(2)
sys.exit(0 if r and all(x["state"] == "Running" and x["health"] == "Healthy" for x in r) else 1)' || status=$?
  fi
  if [[ $status == 0 ]]; then
    healthy=yes
    break
  fi
  [[ $status != 2 ]] || break
  sleep 0.5
done
[[ -n "$healthy" ]] || { echo "The system did not become healthy (a resource failed, or 10 minutes passed):" >&2; tail -40 "$log" >&2; exit 1; }

url_of() { curl -fs "$resources" | python3 -c "import json,sys; print(next(r['urls'][0] for r in json.load(sys.stdin) if r['name'] == '$1'))"; }
market=$(url_of market)
products=$(url_of products)

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
}

# A short unmeasured run per endpoint first, so the JIT has compiled the hot paths before anything is timed.
warm() { wrk -t2 -c"$connections" -d3s "$1" >/dev/null; }
warm "$market/market/quote?symbol=AAPL"
[[ -z "$product_id" ]] || warm "$products/products/$product_id"

printf '| endpoint (wrk -t2 -c%s -d%s) | requests/s | avg latency | p99 latency | non-2xx |\n|---|---|---|---|---|\n' "$connections" "$duration"
measure "$market/market/quote?symbol=AAPL" "GET /market/quote?symbol=AAPL (cache hit)"
if [[ -n "$product_id" ]]; then
  measure "$products/products/$product_id" "GET /products/{id}"
else
  printf '| GET /products/{id} | n/a: this build has no product to fetch | | | |\n'
fi
cache=$(curl -fsi "$market/market/quote?symbol=AAPL" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-cache" {print $2}')
echo "X-Cache after the run: $cache"
