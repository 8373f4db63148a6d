#!/usr/bin/env bash
# Runs the whole system: PostgreSQL, Redis and the four services, with the AppHost's endpoint at http://localhost:18888.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prerequisites.sh
dotnet build Mart.sln -c Debug -nologo -clp:ErrorsOnly
exec dotnet run --project Mart.AppHost --no-build --launch-profile http -- "$@"
