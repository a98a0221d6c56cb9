#!/usr/bin/env bash
# The knowledge-base benchmark on the local topology: builds tests/Support.Benchmarks (Release), starts the topology
# (deploy/local/up.sh), runs `Support.Benchmarks kb` with this script's arguments, then stops the topology
# (deploy/local/down.sh); a topology that was already running is left running. Exits non-zero when the topology
# does not start or the benchmark fails (more than 1% of a phase's requests failed).
#
# It first makes sure the knowledge base holds --articles generated published articles, loading only the missing
# ones (100,000 take several minutes; --reuse no loads them all again), then measures search and the answer bot,
# each for --duration seconds with --clients concurrent clients after a --warmup.
#
# Arguments: [--articles N (100000)] [--clients N (16)] [--duration S (30)] [--warmup S (15)] [--writers N (8)]
#            [--single S (10)] [--reuse yes|no] [--seed N] [--phases search,answers] [--gateway URL]
#            (Support.Benchmarks kb --show N prints what the generators make.)
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-topology.sh"
project="$bench_root/tests/Support.Benchmarks"

bench_build "$project"
bench_topology_up

cd "$bench_root"
bench_say "machine load before the run: $(uptime)"
dotnet "$project/bin/Release/net10.0/Support.Benchmarks.dll" kb "$@"
