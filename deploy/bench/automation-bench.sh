#!/usr/bin/env bash
# The Automation benchmark on the local topology: builds tests/Support.Benchmarks (Release), starts the topology
# (deploy/local/up.sh), runs `Support.Benchmarks automation` with this script's arguments, then stops the topology;
# a topology that was already running is left running. Measures: 100 triggers checked per change in process; new
# ticket → trigger's change announced by the Ticket service, in the whole topology; one automation scan over
# 100,000 open tickets (on a database of its own, made for the run and dropped after).
# Arguments: [--triggers N (100)] [--rate N/s (50)] [--duration S (20)] [--scan-tickets N (100000)]
#            [--gateway URL] [--rabbitmq URI] [--postgres CONNECTION]
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-topology.sh"
project="$bench_root/tests/Support.Benchmarks"

bench_build "$project"
bench_topology_up
cd "$bench_root"
dotnet "$project/bin/Release/net10.0/Support.Benchmarks.dll" automation "$@"
