#!/usr/bin/env bash
# Stops the processes deploy/local/up.sh started (its pid files in .run/), newest first.
# PostgreSQL and RabbitMQ keep running unless --all is given.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
run="$root/.run"

say() { echo "[down] $*"; }

all=false
case "${1:-}" in
    --all) all=true ;;
    "") ;;
    *) echo "usage: $0 [--all]" >&2; exit 2 ;;
esac

stop() {
    local pidfile=$1 name pid
    name=$(basename "$pidfile" .pid)
    pid=$(cat "$pidfile")
    # A stale pid file may name a process that is no longer ours.
    if kill -0 "$pid" 2>/dev/null && [[ $(ps -o args= -p "$pid") == *dotnet* ]]; then
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
    else
        say "$name was not running"
    fi
    rm -f "$pidfile"
}

pidfiles=$(ls -t "$run"/*.pid 2>/dev/null || true)
if [[ -z $pidfiles ]]; then
    say "no process started by up.sh is running"
fi
for pidfile in $pidfiles; do
    stop "$pidfile"
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
