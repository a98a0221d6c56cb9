#!/usr/bin/env bash
# The fault suite: on a PostgreSQL cluster and a RabbitMQ node of its own (deploy/fault/fault-servers.sh; the shared
# servers are never touched), starts the local topology on ports of its own, creates tickets through the gateway at a
# steady rate, and meanwhile kills each service with -9 and restarts it, stops RabbitMQ for 15 s, restarts PostgreSQL
# and kills the gateway (deploy/fault/inject.sh). Then it checks that every accepted ticket reached every service's
# store, that no `_error` queue holds a message, that every outbox and queue drained, and that clients saw only
# errors they could retry; it prints the figures and exits non-zero otherwise. Stops everything it started on exit.
# It takes 20-30 minutes on a loaded 2-core machine (each restart waits for readiness, each fault for the stores to
# catch up), so it is not part of the test command: run it by hand or in a nightly job.
# Arguments go to the driver (tests/Support.Benchmarks/Faults/FaultSuiteOptions.cs): [--rate N/s] [--warmup S]
#   [--gap S] [--broker-outage S] [--drain-wait S] [--faults kill:ticket,kill:routing,kill:kb,kill:analytics,broker,postgres,kill:gateway]
# Environment: FAULT_PG_PORT (5433), FAULT_RABBITMQ_PORT (5673), FAULT_PORT_BASE (5200: services on +1…+4, gateway
#   on +80), FAULT_REPLICAS (1; 2 runs every service twice behind the gateway's health checks), FAULT_KEEP=true
#   leaves the topology and servers running afterwards.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
project="$root/tests/Support.Benchmarks"
base=${FAULT_PORT_BASE:-5200}
export FAULT_PG_PORT=${FAULT_PG_PORT:-5433} FAULT_RABBITMQ_PORT=${FAULT_RABBITMQ_PORT:-5673}
export SUPPORT_RUN_DIR=${FAULT_DIR:-/tmp/support-fault}/run
export SUPPORT_PG_PORT=$FAULT_PG_PORT SUPPORT_RABBITMQ_URI="amqp://guest:guest@127.0.0.1:$FAULT_RABBITMQ_PORT/"
export SUPPORT_TICKET_PORT=$((base + 1)) SUPPORT_ROUTING_PORT=$((base + 2)) SUPPORT_KB_PORT=$((base + 3))
export SUPPORT_ANALYTICS_PORT=$((base + 4)) SUPPORT_GATEWAY_PORT=$((base + 80))
export SUPPORT_REPLICAS=${FAULT_REPLICAS:-1} SUPPORT_ENSURE_INFRA=false

say() { echo "[fault-suite] $*"; }

cleanup() {
    local status=$?
    if [[ ${FAULT_KEEP:-false} == true ]]; then
        say "leaving the topology and the fault servers running (FAULT_KEEP=true)"
    else
        "$root/deploy/local/down.sh" || true
        "$root/deploy/fault/fault-servers.sh" down || true
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$root/deploy/fault/fault-servers.sh" up
say "building $project"
dotnet build "$project" -c Release -nologo -v quiet -clp:NoSummary
"$root/deploy/local/up.sh"

cd "$root"
dotnet "$project/bin/Release/net10.0/Support.Benchmarks.dll" faults --inject "$root/deploy/fault/inject.sh" \
    --gateway "http://127.0.0.1:$SUPPORT_GATEWAY_PORT" \
    --postgres "Host=127.0.0.1;Port=$FAULT_PG_PORT;Username=support;Password=support;SslMode=Disable" "$@"
