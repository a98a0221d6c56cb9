#!/usr/bin/env bash
# The test command: makes sure a Docker engine runs with the images the tests need (installing docker.io and building
# offline stand-ins where no registry answers: deploy/docker/ensure-docker.sh), builds everything with warnings as
# errors and the compose images, runs every test project (each starts its own PostgreSQL and RabbitMQ containers
# through Testcontainers; the compose smoke test brings up the whole deployment), and ends with the summary.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
started=$(date +%s)

eval "$(bash deploy/docker/ensure-docker.sh)"
export SUPPORT_TEST_POSTGRES_IMAGE="$POSTGRES_IMAGE" SUPPORT_TEST_RABBITMQ_IMAGE="$RABBITMQ_IMAGE"
# Testcontainers asks for Docker's API 1.44; Debian's engine (20.10) speaks 1.41.
api=$(docker version -f '{{.Server.APIVersion}}')
[ "$(printf '%s\n' "$api" 1.44 | sort -V | head -1)" = 1.44 ] || export DOCKER_API_VERSION="$api"
# Testcontainers' reaper image can't be pulled here: the tests remove their containers, and this what an interrupted
# run left.
export TESTCONTAINERS_RYUK_DISABLED=true
cleanup() { docker ps -aq --filter label=support.tests=true | xargs -r docker rm -f -v >/dev/null; }
cleanup
trap cleanup EXIT
for project in $(docker ps -a --format '{{.Label "com.docker.compose.project"}}' | grep '^support-smoke-' | sort -u); do
    docker-compose -p "$project" --env-file .env.example down --volumes --remove-orphans >/dev/null 2>&1 || true
done
docker volume ls -q --filter name=support-smoke- | xargs -r docker volume rm >/dev/null
docker network ls -q --filter name=support-smoke- | xargs -r docker network rm >/dev/null

dotnet build Support.sln -c Release -nologo -clp:ErrorsOnly
echo "[test] building the compose images"
docker-compose --env-file .env.example build -q
echo "[test] ready to test after $(( $(date +%s) - started )) s"

log=$(mktemp)
status=0
dotnet test Support.sln -c Release --no-build -nologo 2>&1 | tee "$log" || status=$?

# One closing line over all test projects, in the form CI reads.
summary=$(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/' \
    | awk '{ f += $1; p += $2; s += $3 } END { printf "%d passed, %d failed, %d skipped", p, f, s }')
rm -f "$log"
echo
echo "[test] $(( $(date +%s) - started )) s in all"
echo "Tests: $summary"
exit $status
