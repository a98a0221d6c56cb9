#!/usr/bin/env bash
# The test command: makes sure PostgreSQL, RabbitMQ and docker-compose (to validate the compose file) are installed
# and running, builds everything with warnings as errors, runs every test project one after another (the outage
# test stops RabbitMQ for a moment), and ends with the summary.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bash deploy/infra/ensure-infra.sh
if ! command -v docker-compose >/dev/null; then
    echo "[test] installing docker-compose (validates docker-compose.yml without a Docker engine)"
    apt-get update -qq && apt-get install -y -qq --no-install-recommends docker-compose </dev/null >/dev/null
fi

dotnet build Support.sln -c Release -nologo -clp:ErrorsOnly
log=$(mktemp)
status=0
dotnet test Support.sln -c Release --no-build -m:1 -nologo 2>&1 | tee "$log" || status=$?

# One closing line over all test projects, in the form CI reads.
summary=$(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/' \
    | awk '{ f += $1; p += $2; s += $3 } END { printf "%d passed, %d failed, %d skipped", p, f, s }')
rm -f "$log"
echo
echo "Tests: $summary"
exit $status
