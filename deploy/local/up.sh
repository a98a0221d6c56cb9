#!/usr/bin/env bash
# Runs the local topology: PostgreSQL and RabbitMQ (deploy/infra/ensure-infra.sh), then each service and the gateway
# as a background process, with its pid file and log in the run folder (.run/). Stop them with deploy/local/down.sh.
# Usage: up.sh [NAME…]   only the named processes (ticket, routing, kb, analytics, gateway; ticket-2… with 2 replicas)
# A process already running is left alone, so running it again restarts only what has died.
# Settings by environment: see deploy/local/topology.sh; also SUPPORT_ENSURE_INFRA=false (the servers are someone
# else's: do not install, start or configure them), SUPPORT_BUILD=false (use the last build) and SUPPORT_READY_WAIT
# (seconds a process may take to become ready, 120).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/topology.sh"
root=$topology_root

ready_wait=${SUPPORT_READY_WAIT:-120}

say() { echo "[up] $*"; }
fail() { echo "[up] error: $*" >&2; exit 1; }

wait_ready() {
    local name=$1 url=$2 pid=$3 log=$4 deadline=$((SECONDS + ready_wait))
    while ((SECONDS < deadline)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "[up] $name exited; the end of $log:" >&2
            tail -n 40 "$log" >&2
            fail "$name did not start (stop the others with deploy/local/down.sh)"
        fi
        if curl -fs -o /dev/null --max-time 10 "$url/health/ready"; then return 0; fi
        sleep 1
    done
    echo "[up] $name is not ready after ${ready_wait}s; the end of $log:" >&2
    tail -n 40 "$log" >&2
    fail "$name is not ready (stop everything with deploy/local/down.sh)"
}

start() {
    local name=$1 port=$2 project=$3
    shift 3
    local url="http://127.0.0.1:$port" pidfile="$run/$name.pid" log="$run/$name.log"
    local bin="$root/$project/bin/Release/$framework" dll pid
    dll="$(basename "$project").dll"

    pid=$(topology_pid "$name" "$dll")
    if [[ -n $pid ]]; then
        echo "$pid" >"$pidfile"
        say "$name is already running (pid $pid) at $url"
        return
    fi
    if curl -s -o /dev/null --max-time 2 "$url/"; then
        fail "port $port is taken by another process; $name cannot listen on it"
    fi
    [[ -f $bin/$dll ]] || fail "$bin/$dll is missing"

    say "starting $name at $url (log $log)"
    # --support-run names the run folder on the command line, so topology_pid recognises this process.
    (cd "$bin" && exec setsid env "${common_env[@]}" ASPNETCORE_URLS="$url" "$@" dotnet "$bin/$dll" "--support-run=$run/$name") >>"$log" 2>&1 </dev/null &
    echo $! >"$pidfile"
    wait_ready "$name" "$url" "$!" "$log"
    say "$name is ready"
}

command -v dotnet >/dev/null || fail "dotnet is not installed"
command -v curl >/dev/null || fail "curl is not installed"
mkdir -p "$run"

selected=("$@")
wanted() { [[ ${#selected[@]} -eq 0 ]] || [[ " ${selected[*]} " == *" $1 "* ]]; }
for name in "${selected[@]}"; do topology_line "$name" >/dev/null || fail "no process named $name"; done

if [[ ${SUPPORT_ENSURE_INFRA:-true} == true ]]; then
    "$root/deploy/infra/ensure-infra.sh"
fi

if [[ ${SUPPORT_BUILD:-true} == true ]]; then
    built=" "
    for line in "${processes[@]}"; do
        read -r -a fields <<<"$line"
        wanted "${fields[0]}" && [[ $built != *" ${fields[2]} "* ]] || continue
        built+="${fields[2]} "
        say "building ${fields[2]}"
        dotnet build "$root/${fields[2]}" -c Release -nologo -v quiet -clp:NoSummary || fail "the build of ${fields[2]} failed"
    done
fi

for line in "${processes[@]}"; do
    read -r -a fields <<<"$line"
    wanted "${fields[0]}" && start "${fields[@]}"
done

for line in "${processes[@]}"; do
    read -r -a fields <<<"$line"
    say "$(printf '%-11s' "${fields[0]}:") http://127.0.0.1:${fields[1]}"
done
say "sign in as $admin_email; its password: ${SUPPORT_ADMIN_PASSWORD:+the one in SUPPORT_ADMIN_PASSWORD}${SUPPORT_ADMIN_PASSWORD:-cat $admin_password_file}"
say "stop with deploy/local/down.sh (add --all to stop PostgreSQL and RabbitMQ too)"
