#!/usr/bin/env bash
# The faults the fault suite's driver injects, on the topology and servers deploy/fault/fault-suite.sh started
# (the same environment: deploy/local/topology.sh's settings and FAULT_*). One action per call:
#   kill NAME         kill -9 NAME's process (ticket, routing, kb, analytics, gateway, ticket-2…)
#   term NAME         SIGTERM to NAME's process; prints the seconds it took to exit (killed after 60 s)
#   start NAME        start NAME again (deploy/local/up.sh NAME) and wait until it is ready
#   broker-stop       stop the fault node's RabbitMQ application (the node keeps running)
#   broker-start      start it again and wait until it accepts connections
#   postgres-restart  restart the fault PostgreSQL cluster (fast shutdown: sessions are cut)
#   postgres-stop, postgres-start
#   queues            print each queue of the fault node: name, ready+unacked messages, consumers
set -euo pipefail

here="$(dirname "${BASH_SOURCE[0]}")"
source "$here/../local/topology.sh"
node=fault@localhost
pg_version=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n 1)

pid_of() {
    local line fields pid
    line=$(topology_line "$1") || { echo "no process named $1" >&2; exit 2; }
    read -r -a fields <<<"$line"
    pid=$(topology_pid "$1" "$(basename "${fields[2]}").dll")
    [[ -n $pid ]] || { echo "$1 is not running" >&2; exit 1; }
    echo "$pid"
}

case "${1:-}" in
    kill)
        pid=$(pid_of "$2")
        kill -KILL "$pid"
        while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
        ;;
    term)
        pid=$(pid_of "$2")
        started=$(date +%s.%N)
        kill -TERM "$pid"
        for ((i = 0; i < 1200; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.05
        done
        kill -KILL "$pid" 2>/dev/null && echo "$2 ignored SIGTERM for 60 s: killed" >&2
        echo "$(date +%s.%N) - $started" | bc
        ;;
    start) SUPPORT_ENSURE_INFRA=false SUPPORT_BUILD=false "$here/../local/up.sh" "$2" >/dev/null ;;
    broker-stop) rabbitmqctl -n "$node" -q stop_app >/dev/null ;;
    broker-start)
        rabbitmqctl -n "$node" -q start_app >/dev/null
        rabbitmq-diagnostics -n "$node" -q check_port_connectivity >/dev/null
        ;;
    postgres-restart) pg_ctlcluster "$pg_version" fault restart -m fast ;;
    postgres-stop) pg_ctlcluster "$pg_version" fault stop -m fast ;;
    postgres-start) pg_ctlcluster "$pg_version" fault start ;;
    queues) rabbitmqctl -n "$node" -q list_queues --no-table-headers name messages consumers ;;
    *) echo "usage: $0 kill NAME | term NAME | start NAME | broker-stop | broker-start | postgres-restart | postgres-stop | postgres-start | queues" >&2; exit 2 ;;
esac
