#!/usr/bin/env bash
# The whole-system benchmark (issue 15) on the local topology: builds tests/Support.Benchmarks (Release), starts the
# topology with every service (deploy/local/up.sh), runs `Support.Benchmarks system` with this script's arguments,
# then stops the topology; a topology that was already running is left running. Run it as root (sudo): it lists the
# queues with rabbitmqctl.
# The load, through the gateway: new tickets (requesters @sysbench.example), then for some of them a public agent
# reply, a change to solved and a satisfaction rating, 1 s apart; 20 online agents in a least_loaded default group.
# Prints: tickets/s and requests/s, HTTP p50/p90/p99 per request kind, TicketCreated → TicketAssigned p50/p99, each
# RabbitMQ queue's peak depth, depth at the end of the load and drain time after it, each process's CPU (during the
# load and during the drain) and peak memory, whether every ticket reached every service's read model (counted in
# each database), and a verdict per target of the issue.
# Reset (--reset yes, the default): waits for the queues to empty (purging what is left after --drain-wait), then
# deletes every ticket of earlier system-bench runs (found by the requester domain) in each service's database, with
# what hangs on it (comments, audit, requesters, Routing's copy and classifier examples, Automation's copy, SLA
# targets and firings, Analytics' events and read-model rows, Channels' threads and emails) and the earlier runs'
# Routing agents and groups; tickets of any run still waiting in Routing's queue are taken out of it (marked
# resolved in Routing's copy only). Inbox and outbox rows, and other benchmarks' data, are kept.
# Arguments: [--rate N/s (25) | --clients N] [--duration S (60)] [--warmup S (10)] [--agents N (20)]
#            [--mix REPLIED,SOLVED,RATED (0.5,0.4,0.2)] [--reset yes|no (yes)] [--drain-wait S (120)]
#            [--follow-up-delay S (1)] [--gateway URL] [--rabbitmq URI] [--postgres CONNECTION]
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-topology.sh"
project="$bench_root/tests/Support.Benchmarks"

bench_build "$project"
bench_topology_up
cd "$bench_root"
dotnet "$project/bin/Release/net10.0/Support.Benchmarks.dll" system "$@"
