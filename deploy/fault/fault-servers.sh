#!/usr/bin/env bash
# A PostgreSQL cluster and a RabbitMQ node of the fault suite's own, so faults injected into them (a broker stopped,
# a database restarted) never disturb the shared servers other runs and tests use. Run as root.
#   fault-servers.sh up        create (once) and start both; create the support role and databases
#   fault-servers.sh down      stop both (their data stays, for the next run)
#   fault-servers.sh purge     stop both and delete their data
# Environment: FAULT_PG_PORT (5433), FAULT_RABBITMQ_PORT (5673), FAULT_DIR (/tmp/support-fault).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
pg_port=${FAULT_PG_PORT:-5433}
rabbit_port=${FAULT_RABBITMQ_PORT:-5673}
dir=${FAULT_DIR:-/tmp/support-fault}
cluster=fault
node=fault@localhost

say() { echo "[fault-servers] $*"; }
fail() { echo "[fault-servers] error: $*" >&2; exit 1; }
wait_for() {
    local what=$1 seconds=$2
    shift 2
    for ((i = 0; i < seconds; i++)); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 1
    done
    fail "$what did not become ready within ${seconds}s"
}

[[ $(id -u) -eq 0 ]] || fail "run as root"
command -v pg_createcluster >/dev/null || fail "PostgreSQL is not installed (bash deploy/infra/ensure-infra.sh installs it)"
command -v rabbitmq-server >/dev/null || fail "RabbitMQ is not installed (bash deploy/infra/ensure-infra.sh installs it)"
version=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n 1)

# The node's own ports and folders; no plugins, so no management or Prometheus port can clash with the shared node.
export RABBITMQ_NODENAME=$node RABBITMQ_NODE_PORT=$rabbit_port RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_DIST_PORT=$((rabbit_port + 20000))
export RABBITMQ_MNESIA_BASE=$dir/rabbitmq/mnesia RABBITMQ_LOG_BASE=$dir/rabbitmq/log
export RABBITMQ_ENABLED_PLUGINS_FILE=$dir/rabbitmq/enabled_plugins RABBITMQ_PID_FILE=$dir/rabbitmq/pid
rabbitmqctl_fault() { rabbitmqctl -n "$node" "$@"; }
pg_cluster() { pg_lsclusters --no-header | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c'; }

up() {
    mkdir -p "$dir/rabbitmq/mnesia" "$dir/rabbitmq/log"
    [[ -f $RABBITMQ_ENABLED_PLUGINS_FILE ]] || echo '[].' >"$RABBITMQ_ENABLED_PLUGINS_FILE"
    chown -R rabbitmq:rabbitmq "$dir/rabbitmq" 2>/dev/null || true
    if ! rabbitmqctl_fault -q status >/dev/null 2>&1; then
        say "starting RabbitMQ node $node on 127.0.0.1:$rabbit_port"
        rabbitmq-server -detached
    fi
    wait_for "RabbitMQ node $node" 90 rabbitmq-diagnostics -n "$node" -q check_port_connectivity
    # The fault run stops the app (stop_app) but never the node; start_app is idempotent.
    rabbitmqctl_fault -q start_app >/dev/null

    if [[ -z $(pg_cluster) ]]; then
        say "creating PostgreSQL $version cluster $cluster on port $pg_port"
        pg_createcluster "$version" "$cluster" -p "$pg_port" >/dev/null
        pg_conftool "$version" "$cluster" set max_connections 300
    fi
    if [[ $(pg_cluster | awk '{ print $4 }') != online* ]]; then
        say "starting PostgreSQL $version cluster $cluster"
        pg_ctlcluster "$version" "$cluster" start
    fi
    wait_for "PostgreSQL cluster $cluster" 60 pg_isready -q -h 127.0.0.1 -p "$pg_port"
    (cd / && runuser -u postgres -- psql -q -p "$pg_port" -d postgres -v ON_ERROR_STOP=1 <"$root/deploy/docker/postgres-init.sql")
    say "PostgreSQL on 127.0.0.1:$pg_port, RabbitMQ on 127.0.0.1:$rabbit_port (rabbitmqctl -n $node)"
}

down() {
    if rabbitmqctl_fault -q status >/dev/null 2>&1; then
        rabbitmqctl_fault -q shutdown >/dev/null && say "RabbitMQ node $node stopped"
    fi
    if [[ $(pg_cluster | awk '{ print $4 }') == online* ]]; then
        pg_ctlcluster "$version" "$cluster" stop -m fast && say "PostgreSQL cluster $cluster stopped"
    fi
}

case "${1:-}" in
    up) up ;;
    down) down ;;
    purge)
        down
        [[ -z $(pg_cluster) ]] || pg_dropcluster "$version" "$cluster"
        rm -rf "$dir/rabbitmq"
        say "data deleted"
        ;;
    *) echo "usage: $0 up|down|purge" >&2; exit 2 ;;
esac
