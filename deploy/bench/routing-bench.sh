#!/usr/bin/env bash
# The Routing benchmark on the local topology: builds tests/Support.Benchmarks (Release), starts the topology
# (deploy/local/up.sh), runs `Support.Benchmarks routing` with this script's arguments, then stops the topology
# (deploy/local/down.sh). A topology that was already running when the script started is left running.
# Arguments: [--rate N/s] [--duration S] [--warmup S] [--agents N] [--capacity N] [--saturation broker|http|none]
#            [--backlog N] [--clients N] [--saturation-duration S] [--event-wait S] [--gateway URL] [--rabbitmq URI]
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
dotnet "$project/bin/Release/net10.0/Support.Benchmarks.dll" routing "$@"
