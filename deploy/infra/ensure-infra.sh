#!/usr/bin/env bash
# Makes sure PostgreSQL and RabbitMQ are installed, running and accepting connections, and that the support role
# and the services' databases exist. Idempotent; run as root.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
init_sql="$root/deploy/docker/postgres-init.sql"

say() { echo "[infra] $*"; }
fail() { echo "[infra] error: $*" >&2; exit 1; }

# wait_for DESCRIPTION SECONDS COMMAND...: runs COMMAND every second until it succeeds.
wait_for() {
    local what=$1 seconds=$2
    shift 2
    for ((i = 0; i < seconds; i++)); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 1
    done
    fail "$what did not become ready within ${seconds}s"
}

apt_updated=""
apt_install() {
    if [[ -z $apt_updated ]]; then
        say "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq || fail "apt-get update failed"
        apt_updated=1
    fi
    say "installing $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" </dev/null >/dev/null \
        || fail "apt-get install $* failed"
}

[[ $(id -u) -eq 0 ]] || fail "run as root (it installs and starts system services)"

# PostgreSQL: the newest installed version's "main" cluster.
pg_version() { find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n 1; }
if ! command -v pg_ctlcluster >/dev/null || [[ -z $(pg_version) ]]; then
    apt_install postgresql
fi
version=$(pg_version)
[[ -n $version ]] || fail "PostgreSQL is not installed under /usr/lib/postgresql"
cluster() { pg_lsclusters --no-header | awk -v v="$version" '$1 == v && $2 == "main"'; }
if [[ -z $(cluster) ]]; then
    say "creating PostgreSQL $version cluster main"
    pg_createcluster "$version" main >/dev/null || fail "pg_createcluster $version main failed"
fi
port=$(cluster | awk '{ print $3 }')
# Four services' connection pools, their replicas and the tests' own databases outgrow the default 100 connections;
# the default 128 MB of shared buffers holds a fraction of a year's analytics read models (reports then read the disk).
restart=false
for setting in "max_connections 300" "shared_buffers 1GB"; do
    read -r name value <<<"$setting"
    if [[ $(pg_conftool -s "$version" main show "$name" 2>/dev/null) != "$value" ]]; then
        pg_conftool "$version" main set "$name" "$value"
        restart=true
    fi
done
if $restart && [[ $(cluster | awk '{ print $4 }') == online* ]]; then
    say "restarting PostgreSQL $version for max_connections = 300, shared_buffers = 1GB"
    pg_ctlcluster "$version" main restart || fail "PostgreSQL $version did not restart"
fi
if [[ $(cluster | awk '{ print $4 }') != online* ]]; then
    say "starting PostgreSQL $version"
    pg_ctlcluster "$version" main start || fail "PostgreSQL $version did not start; see /var/log/postgresql/postgresql-$version-main.log"
fi
wait_for "PostgreSQL $version on port $port" 60 pg_isready -q -h 127.0.0.1 -p "$port"
say "PostgreSQL $version is accepting connections on 127.0.0.1:$port"
[[ $port == 5432 ]] || say "warning: the services' connection strings expect port 5432"
(cd / && runuser -u postgres -- psql -q -p "$port" -d postgres -v ON_ERROR_STOP=1 -v password=support <"$init_sql") \
    || fail "creating the support role and databases failed"
say "role support and databases support_ticket, support_routing, support_kb, support_analytics, support_identity exist"

# RabbitMQ
rabbit_ready() { rabbitmq-diagnostics -q -t 10 check_port_connectivity; }
if ! command -v rabbitmq-server >/dev/null; then
    apt_install rabbitmq-server
fi
if ! rabbit_ready >/dev/null 2>&1; then
    if ! rabbitmq-diagnostics -q -t 10 ping >/dev/null 2>&1; then
        say "starting RabbitMQ"
        rabbitmq-server -detached || fail "rabbitmq-server -detached failed; see /var/log/rabbitmq/"
    fi
    wait_for "RabbitMQ (see /var/log/rabbitmq/)" 90 rabbit_ready
fi
say "RabbitMQ is accepting connections on 127.0.0.1:5672"
