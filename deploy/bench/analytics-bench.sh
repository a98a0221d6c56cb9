#!/usr/bin/env bash
# The Analytics benchmark on the local topology: builds tests/Support.Benchmarks (Release), starts the topology
# (deploy/local/up.sh), runs `Support.Benchmarks analytics` with this script's arguments, then stops the topology
# (deploy/local/down.sh); a topology that was already running is left running. Exits non-zero when the topology
# does not start or the benchmark fails (the load or the rebuild failed, more than 1% of the report queries failed,
# or the lag phase lost events).
#
# 1. load: unless the event store (support_analytics, table events) already holds --tickets TicketCreated (and
#    --reuse yes), empties it and COPYs in a generated, seeded history of --days days ending at today's midnight UTC
#    (about 8.6 events per ticket), then POSTs /api/analytics/rebuild and prints the database's size. The rebuild goes
#    through the gateway, whose proxy gives up after 100 s (rolling the rebuild back): then straight to the Analytics
#    service (--analytics); --rebuild-via direct skips the gateway for a big load.
# 2. queries: --clients closed-loop clients cycle through the report queries (summaries, time series, agents) for
#    --duration seconds after --warmup; latency per query, target p99 < 200 ms.
# 3. lag: publishes --rate TicketCreated/s for --lag-duration seconds while polling the summary every --poll-ms;
#    lag from publication to the summary counting the event, target p99 < 1 s; no event may be lost.
#    --lag-delivery publish (default) publishes to TicketCreated's exchange like the Ticket service, so Routing and
#    KnowledgeBase do their work for each ticket too; --lag-delivery queue sends to the Analytics queue only.
#
# Arguments: [--tickets N (1000000)] [--customers N (50000)] [--days N (365)] [--seed N (42)] [--reuse yes|no]
#            [--clients N (4)] [--warmup S (5)] [--duration S (30)] [--kinds all|K,K,…]
#            [--rate N/s (200)] [--lag-duration S (60)] [--lag-wait S (30)] [--poll-ms MS (50)] [--lag-delivery publish|queue]
#            [--phases load,queries,lag] [--gateway URL (http://127.0.0.1:5080)] [--analytics URL (http://127.0.0.1:5104)]
#            [--rebuild-via gateway|direct] [--postgres "Host=…;Database=support_analytics;…"]
#            [--rabbitmq amqp://guest:guest@127.0.0.1:5672/]
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-topology.sh"
project="$bench_root/tests/Support.Benchmarks"

bench_build "$project"
bench_topology_up

cd "$bench_root"
bench_say "machine load before the run: $(uptime)"
dotnet "$project/bin/Release/net10.0/Support.Benchmarks.dll" analytics "$@"
