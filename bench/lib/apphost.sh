# Shared by the benchmarks: start Mart.AppHost from its build output in run mode over http, wait until
# every resource is Running and Healthy (asked of the AppHost through the Aspire CLI), read resource URLs, stop it
# and wait for DCP to end the children. Source it; needs "root" (the repository) set. The build configuration is
# "configuration" if set (Release for the throughput benchmarks), else Debug; Aspire runs every project in the
# configuration the AppHost was built in.

aspire_cli() {
  local tools="$root/.tools"
  if [ ! -x "$tools/aspire" ]; then
    dotnet tool install Aspire.Cli --version 13.6.5 --tool-path "$tools" >/dev/null
  fi
  "$tools/aspire" "$@"
}

# apphost_start STATE_FOLDER LOG_FILE [extra AppHost arguments...]: sets apphost_pid.
apphost_start() {
  local state=$1 log=$2
  shift 2
  dcp_before=$(pgrep -f 'aspire.hosting.orchestration.*/dcp ' || true)
  (
    cd "$root/Mart.AppHost"
    DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development ASPIRE_ALLOW_UNSECURED_TRANSPORT=true \
      ASPNETCORE_URLS=http://localhost:15180 ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://localhost:19180 \
      ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://localhost:20180 \
      exec dotnet "$root/Mart.AppHost/bin/${configuration:-Debug}/net10.0/Mart.AppHost.dll" --AppHost:StateFolder="$state" "$@" >"$log" 2>&1
  ) &
  apphost_pid=$!
}


# The resources as lines "name state health url", from `aspire describe`.
apphost_resources() {
  aspire_cli describe --format Json --project "$root/Mart.AppHost/Mart.AppHost.csproj" 2>/dev/null | python3 -c '
import json, sys
for r in json.load(sys.stdin)["resources"]:
    if r.get("resourceType") == "Parameter" or r.get("isHidden") or r.get("state") == "NotStarted" and r["name"].endswith("-rebuilder"):
        continue
    urls = [u["url"] for u in r.get("urls", []) if not u.get("isInternal")]
    print(r["displayName"], r.get("state"), r.get("healthStatus"), urls[0] if urls else "-")' 2>/dev/null
}

# apphost_wait_healthy TIMEOUT_SECONDS: 0 when every resource (at least ten) is Running and Healthy, 1 otherwise.
apphost_wait_healthy() {
  local deadline=$((SECONDS + $1)) resources
  while [ $SECONDS -lt $deadline ]; do
    kill -0 "$apphost_pid" 2>/dev/null || return 1
    resources=$(apphost_resources || true)
    if [ "$(grep -c . <<<"$resources")" -ge 10 ] && ! grep -qv ' Running Healthy ' <<<"$resources"; then
      return 0
    fi
    sleep 0.2
  done
  return 1
}

apphost_url() { apphost_resources | awk -v n="$1" '$1 == n { print $4 }'; }

# The URL a project's own process listens on (its ASPNETCORE_URLS), behind the proxy DCP puts on apphost_url; the first
# replica's if there are several.
apphost_process_url() {
  aspire_cli describe --format Json --project "$root/Mart.AppHost/Mart.AppHost.csproj" 2>/dev/null | python3 -c '
import json, sys
for r in json.load(sys.stdin)["resources"]:
    urls = (r.get("environment") or {}).get("ASPNETCORE_URLS")
    if r["displayName"] == sys.argv[1] and urls:
        print(urls.split(";")[0].replace("localhost", "127.0.0.1"))
        break' "$1"
}

# Stops the AppHost and waits (up to a minute) for the DCP processes it started to end the children and exit.
apphost_stop() {
  [ -n "${apphost_pid:-}" ] || return 0
  kill -TERM "$apphost_pid" 2>/dev/null || true
  wait "$apphost_pid" 2>/dev/null || true
  local pid
  for pid in $(pgrep -f 'aspire.hosting.orchestration.*/dcp ' || true); do
    if ! grep -qx "$pid" <<<"$dcp_before"; then
      for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    fi
  done
}

# For the throughput benchmarks: builds the solution and the benchmark's own project (PROJECT, into OUTPUT) in Release,
# and sets the AppHost to run that build. The services then export no telemetry unless MART_BENCH_TELEMETRY=on
# (OTEL_SDK_DISABLED reaches them through DCP): on two cores the dashboard ingesting every span, log and metric takes
# about a third of the CPU, which would be counted as the system's own cost. With it on, the figures are those of a
# developer's F5 session.
#   bench_release_build WORK_FOLDER PROJECT OUTPUT
bench_release_build() {
  local work=$1 project=$2 output=$3
  configuration=Release
  echo "Building the solution and $(basename "$project" .csproj) (Release)..." >&2
  dotnet build "$root/Mart.sln" -c Release --nologo -clp:ErrorsOnly >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; return 1; }
  dotnet build "$project" -c Release --nologo -v quiet -o "$output" >"$work/project-build.log" 2>&1 \
    || { cat "$work/project-build.log" >&2; return 1; }
  if [ "${MART_BENCH_TELEMETRY:-off}" != on ]; then
    export OTEL_SDK_DISABLED=true
  fi
  echo "Telemetry ${MART_BENCH_TELEMETRY:-off}." >&2
}
