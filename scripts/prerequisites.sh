#!/usr/bin/env bash
# Installs what Mart needs on the machine and is missing: PostgreSQL server binaries and redis-server.
# Debian/Ubuntu: installs them with apt (as root, or through sudo). Elsewhere: says what to install.
set -euo pipefail

have_postgres() {
  command -v initdb >/dev/null 2>&1 && command -v postgres >/dev/null 2>&1 && return 0
  compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null
}

have_redis() { command -v redis-server >/dev/null 2>&1; }

# Only the browser tests of the dashboard need Chromium; running the system does not.
have_chromium() { [ "${MART_NEEDS_BROWSER:-0}" != 1 ] || [ -x /usr/bin/chromium ]; }

# Only the HTTP benchmarks (bench/reads, bench/market) need wrk.
have_wrk() { [ "${MART_NEEDS_WRK:-0}" != 1 ] || command -v wrk >/dev/null 2>&1; }

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK 10 is needed: https://dot.net/download (Debian: packages.microsoft.com, or dotnet-install.sh)." >&2
  exit 1
fi

missing=()
have_postgres || missing+=(postgresql)
have_redis || missing+=(redis-server)
have_chromium || missing+=(chromium)
have_wrk || missing+=(wrk)
[ ${#missing[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing ${missing[*]} with apt-get..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif [ "$(uname)" = "Darwin" ]; then
  echo "Missing: ${missing[*]}. Install with Homebrew: brew install postgresql@16 redis (and Chromium for the browser tests)" >&2
  exit 1
else
  echo "Missing: ${missing[*]}. Install PostgreSQL (15 or newer) and Redis (7 or newer) with your package manager," >&2
  echo "or point Mart at existing servers with ConnectionStrings__postgres and ConnectionStrings__redis (see README.md)." >&2
  exit 1
fi
