#!/usr/bin/env bash
# Compares StackExchange.Redis (one shared multiplexer, as Mart's services use it) with redis-benchmark against a private redis-server on a free loopback port.
# Same concurrency for both (CLIENTS callers); redis-benchmark is run without pipelining (-P 1, one command in
# flight per client, like each caller here) and with -P $PIPELINE for reference.
#   bench/redis/run.sh            CLIENTS=50 REQUESTS=200000 PIPELINE=16 by default
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
clients="${CLIENTS:-50}"
requests="${REQUESTS:-200000}"
pipeline="${PIPELINE:-16}"
redis_server="$(command -v redis-server || echo /usr/bin/redis-server)"
redis_benchmark="$(command -v redis-benchmark || echo /usr/bin/redis-benchmark)"
redis_cli="$(command -v redis-cli || echo /usr/bin/redis-cli)"

work="$(mktemp -d)"
redis_pid=""
cleanup() {
    if [[ -n "$redis_pid" ]] && kill -0 "$redis_pid" 2>/dev/null; then
        kill "$redis_pid"
        wait "$redis_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

password="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

# A random high port; retried if something else already has it.
for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + RANDOM % 40000))
    "$redis_server" --port "$port" --bind 127.0.0.1 --requirepass "$password" --save '' --appendonly no \
        --dir "$work" --logfile "$work/redis.log" &
    redis_pid=$!
    for _ in $(seq 50); do
        if "$redis_cli" -h 127.0.0.1 -p "$port" -a "$password" --no-auth-warning ping 2>/dev/null | grep -q PONG; then
            break 2
        fi
        if ! kill -0 "$redis_pid" 2>/dev/null; then
            break
        fi
        sleep 0.1
    done
    kill "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
    redis_pid=""
done
if [[ -z "$redis_pid" ]]; then
    echo "could not start redis-server" >&2
    exit 1
fi

cli() { "$redis_cli" -h 127.0.0.1 -p "$port" -a "$password" --no-auth-warning "$@"; }

echo "Building RedisBench (Release)..." >&2
if ! dotnet build -c Release --nologo -v quiet "$here/RedisBench/RedisBench.csproj" -o "$work/bin" >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    exit 1
fi

xadd=(XADD mart:bench:stream MAXLEN '~' 100000 '*' field xxx)

# Prints the requests per second redis-benchmark reports for one test.
benchmark() {
    local p="$1"
    shift
    cli flushall >/dev/null
    "$redis_benchmark" -h 127.0.0.1 -p "$port" -a "$password" -c "$clients" -n "$requests" -P "$p" --csv "$@" 2>/dev/null \
        | awk -F'","' 'NR > 1 { print $2; exit }'
}

declare -A plain piped mart
for op in SET GET; do
    lower="${op,,}"
    plain[$op]="$(benchmark 1 -t "$lower")"
    piped[$op]="$(benchmark "$pipeline" -t "$lower")"
done
plain[XADD]="$(benchmark 1 "${xadd[@]}")"
piped[XADD]="$(benchmark "$pipeline" "${xadd[@]}")"

cli flushall >/dev/null
while read -r op rate; do
    mart[$op]="$rate"
done < <(dotnet "$work/bin/RedisBench.dll" "127.0.0.1:$port,password=$password" "$clients" "$requests" set get xadd)

printf '\n%d clients, %d requests, redis-server %s, %d CPU(s)\n\n' "$clients" "$requests" \
    "$(cli info server | awk -F: '/^redis_version/ { print $2 }' | tr -d '\r')" "$(nproc)"
printf '| %-5s | %22s | %23s | %19s | %16s | %21s |\n' op "redis-benchmark -P 1" "redis-benchmark -P $pipeline" "StackExchange.Redis" "SE.Redis / -P 1" "SE.Redis / -P $pipeline"
printf '|%s|%s|%s|%s|%s|%s|\n' -------  ------------------------ ------------------------- --------------------- ------------------ -----------------------
for op in SET GET XADD; do
    printf '| %-5s | %22.0f | %23.0f | %19.0f | %15.0f%% | %20.0f%% |\n' "$op" "${plain[$op]}" "${piped[$op]}" "${mart[$op]}" \
        "$(awk -v a="${mart[$op]}" -v b="${plain[$op]}" 'BEGIN { print 100 * a / b }')" \
        "$(awk -v a="${mart[$op]}" -v b="${piped[$op]}" 'BEGIN { print 100 * a / b }')"
done
