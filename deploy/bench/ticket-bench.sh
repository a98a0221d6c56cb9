#!/usr/bin/env bash
# The Ticket benchmark on the local topology: builds tests/Support.Benchmarks (Release), starts the topology
# (deploy/local/up.sh), runs the benchmark with this script's arguments, then stops the topology (deploy/local/down.sh).
# A topology that was already running when the script started is left running.
# Arguments: [--gateway URL] [--clients N] [--duration S] [--warmup S] [--rabbitmq URI] [--event-wait S]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
project="$root/tests/Support.Benchmarks"

say() { echo "[bench] $*"; }

was_running=false
for pidfile in "$root"/.run/*.pid; do
    if [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then was_running=true; fi
done

say "building $project"
dotnet build "$project" -c Release -nologo -v quiet -clp:NoSummary

stop() {
    if $was_running; then
        say "the topology was already running: leaving it running"
    else
        "$root/deploy/local/down.sh"
    fi
}
trap stop EXIT

"$root/deploy/local/up.sh"

cd "$root"
dotnet "$project/bin/Release/net10.0/Support.Benchmarks.dll" "$@"
