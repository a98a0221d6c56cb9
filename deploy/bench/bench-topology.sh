#!/usr/bin/env bash
# What the benchmark scripts share; source it, don't run it:
#   bench_build PROJECT   builds PROJECT (a folder under the repository) in Release
#   bench_topology_up     starts the local topology (deploy/local/up.sh) and stops it again (deploy/local/down.sh)
#                         when the calling script exits, however it exits; a topology that was already running
#                         when the script started is left running
# The calling script's exit status is kept. bench_root is the repository's root.

bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bench_was_running=false

bench_say() { echo "[bench] $*"; }

bench_build() {
    bench_say "building $1"
    dotnet build "$1" -c Release -nologo -v quiet -clp:NoSummary
}

bench_topology_down() {
    local status=$?
    if $bench_was_running; then
        bench_say "the topology was already running: leaving it running"
    else
        "$bench_root/deploy/local/down.sh" || bench_say "warning: deploy/local/down.sh failed"
    fi
    exit "$status"
}

bench_topology_up() {
    local pidfile
    for pidfile in "$bench_root"/.run/*.pid; do
        if [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then bench_was_running=true; fi
    done
    trap bench_topology_down EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    "$bench_root/deploy/local/up.sh"
}
