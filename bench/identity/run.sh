#!/usr/bin/env bash
# Identity benchmark: the whole system under the AppHost (Release), tokens asked of the identity process's own port.
# Prints per flow (client credentials; refresh, each worker following its own rotated chain; sign-in through the real
# pages as a native client with PKCE) the operations per second, p50/p99 latency and the machine's CPU per operation,
# and a last line "RESULT client_credentials_per_s=.. refresh_per_s=.. signins_per_s=.. signin_p50_ms=..".
# Sign-in checks a password (ASP.NET Core Identity's PBKDF2, deliberately slow), at most
# Identity:Limits:ConcurrentPasswordChecks at once; the per-address limit (Identity:Limits:PermitsPerMinute, 60) is
# lifted here, as the bench signs in from one address: with it, one address gets 60 password checks a minute.
#   bench/identity/run.sh [seconds per flow, default 20] [concurrency, default 8]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds=${1:-20}
concurrency=${2:-8}

work="$(mktemp -d /tmp/mart-bench-identity-XXXXXX)"
chmod 755 "$work" # PostgreSQL runs as the postgres user and must reach the state folder inside
source "$root/bench/lib/apphost.sh"
apphost_pid=""
cleanup() {
    [ -z "$apphost_pid" ] || apphost_stop
    rm -rf "$work"
}
trap cleanup EXIT

bench_release_build "$work" "$here/IdentityBench/IdentityBench.csproj" "$work/bench"
# The bench's own secrets for this run (never the developer's user secrets): the admin's password and the products
# client's secret (a confidential client granted "orders").
admin_password="Bench-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')-1a"
client_secret="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
export Identity__Limits__PermitsPerMinute=1000000
echo "Starting the AppHost..." >&2
apphost_start "$work/state" "$work/apphost.log" \
    "--Parameters:identity-admin-password=$admin_password" "--Parameters:products-identity-secret=$client_secret"
apphost_wait_healthy 300 || { echo "The system did not become healthy in 5 minutes:" >&2; tail -40 "$work/apphost.log" >&2; exit 1; }
identity=$(apphost_process_url identity)
echo "Identity at $identity; $(nproc) cores; $seconds s per flow, $concurrency at a time." >&2

dotnet "$work/bench/IdentityBench.dll" "$identity" "$admin_password" products "$client_secret" orders "$seconds" "$concurrency"
