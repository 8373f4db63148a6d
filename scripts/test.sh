#!/usr/bin/env bash
# Runs every test against real servers (started privately by the tests) and prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
MART_NEEDS_BROWSER=1 bash scripts/prerequisites.sh || exit 1
rm -rf TestResults
dotnet build Mart.sln -c Debug -nologo -clp:ErrorsOnly || exit 1
dotnet test Mart.sln -c Debug --no-build --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" --results-directory TestResults "$@"
status=$?
trx=$(find TestResults -name '*.trx' | head -n 1)
if [ -z "$trx" ]; then
  echo "No test results were written." >&2
  echo "0 passed, 0 failed"
  exit 1
fi
counters=$(grep -o '<Counters [^>]*>' "$trx")
passed=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
failed=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
echo "${passed:-0} passed, ${failed:-0} failed"
exit $status
