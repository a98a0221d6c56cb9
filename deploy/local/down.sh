#!/usr/bin/env bash
# Stops the processes deploy/local/up.sh started (those of its run folder, known by their command line), gateway
# first. PostgreSQL and RabbitMQ keep running unless --all is given. Settings by environment: deploy/local/topology.sh.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/topology.sh"

say() { echo "[down] $*"; }

all=false
case "${1:-}" in
    --all) all=true ;;
    "") ;;
    *) echo "usage: $0 [--all]" >&2; exit 2 ;;
esac

stop() {
    local name=$1 project=$3 pid i
    pid=$(topology_pid "$name" "$(basename "$project").dll")
    rm -f "$run/$name.pid"
    if [[ -z $pid ]]; then
        say "$name was not running"
        return
    fi
    kill "$pid"
    for ((i = 0; i < 150; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid"
        say "$name (pid $pid) did not stop within 15s: killed"
    else
        say "$name (pid $pid) stopped"
    fi
}

for ((i = ${#processes[@]} - 1; i >= 0; i--)); do
    read -r -a fields <<<"${processes[i]}"
    stop "${fields[@]}"
done

if $all; then
    if command -v rabbitmqctl >/dev/null && rabbitmq-diagnostics -q -t 10 ping >/dev/null 2>&1; then
        rabbitmqctl -q shutdown >/dev/null && say "RabbitMQ stopped"
    fi
    if command -v pg_lsclusters >/dev/null; then
        pg_lsclusters --no-header | awk '$2 == "main" && $4 ~ /^online/ { print $1 }' | while read -r version; do
            pg_ctlcluster "$version" main stop && say "PostgreSQL $version stopped"
        done
    fi
fi
