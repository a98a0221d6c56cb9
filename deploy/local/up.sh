#!/usr/bin/env bash
# Runs the local topology: PostgreSQL and RabbitMQ (deploy/infra/ensure-infra.sh), then each service and the gateway
# as a background process, with its pid file and log in .run/. Stop them with deploy/local/down.sh.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
run="$root/.run"
framework=net10.0

say() { echo "[up] $*"; }
fail() { echo "[up] error: $*" >&2; exit 1; }
# Loopback: no TLS, whose handshakes and encryption cost this small machine CPU it needs.
db() { echo "Host=127.0.0.1;Database=$1;Username=support;Password=support;SslMode=Disable"; }

# Started in this order, each once the one before is ready.
# name, port, project folder (named like its assembly), then the process's own environment.
processes=(
    "ticket    5101 services/Ticket/Support.Ticket ConnectionStrings__Ticket=$(db support_ticket)"
    "routing   5102 services/Routing/Support.Routing ConnectionStrings__Routing=$(db support_routing)"
    "kb        5103 services/KnowledgeBase/Support.KnowledgeBase ConnectionStrings__KnowledgeBase=$(db support_kb)"
    "analytics 5104 services/Analytics/Support.Analytics ConnectionStrings__Analytics=$(db support_analytics)"
    "gateway   5080 gateway/Support.Gateway"
)

common_env=(
    ASPNETCORE_ENVIRONMENT=Production
    Database__Provider=Postgres
    Messaging__Transport=RabbitMq
    ConnectionStrings__RabbitMq=amqp://guest:guest@127.0.0.1:5672/
)

running() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_ready() {
    local name=$1 url=$2 pid=$3 log=$4 deadline=$((SECONDS + 60))
    while ((SECONDS < deadline)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "[up] $name exited; the end of $log:" >&2
            tail -n 40 "$log" >&2
            fail "$name did not start (stop the others with deploy/local/down.sh)"
        fi
        if curl -fs -o /dev/null --max-time 2 "$url/health/ready"; then return 0; fi
        sleep 1
    done
    echo "[up] $name is not ready after 60s; the end of $log:" >&2
    tail -n 40 "$log" >&2
    fail "$name is not ready (stop everything with deploy/local/down.sh)"
}

start() {
    local name=$1 port=$2 project=$3
    shift 3
    local url="http://127.0.0.1:$port" pidfile="$run/$name.pid" log="$run/$name.log"
    local bin="$root/$project/bin/Release/$framework" dll
    dll="$(basename "$project").dll"

    if running "$pidfile"; then
        say "$name is already running (pid $(cat "$pidfile")) at $url"
        return
    fi
    if curl -s -o /dev/null --max-time 2 "$url/"; then
        fail "port $port is taken by another process; $name cannot listen on it"
    fi
    [[ -f $bin/$dll ]] || fail "$bin/$dll is missing"

    say "starting $name at $url (log $log)"
    (cd "$bin" && exec setsid env "${common_env[@]}" ASPNETCORE_URLS="$url" "$@" dotnet "$dll") >"$log" 2>&1 </dev/null &
    echo $! >"$pidfile"
    wait_ready "$name" "$url" "$!" "$log"
    say "$name is ready"
}

command -v dotnet >/dev/null || fail "dotnet is not installed"
command -v curl >/dev/null || fail "curl is not installed"
mkdir -p "$run"

"$root/deploy/infra/ensure-infra.sh"

for line in "${processes[@]}"; do
    read -r -a fields <<<"$line"
    say "building ${fields[2]}"
    dotnet build "$root/${fields[2]}" -c Release -nologo -v quiet -clp:NoSummary || fail "the build of ${fields[2]} failed"
done

for line in "${processes[@]}"; do
    read -r -a fields <<<"$line"
    start "${fields[@]}"
done

say "gateway:    http://127.0.0.1:5080  (Swagger UI: http://127.0.0.1:5080/swagger)"
for line in "${processes[@]}"; do
    read -r -a fields <<<"$line"
    [[ ${fields[0]} == gateway ]] || say "$(printf '%-11s' "${fields[0]}:") http://127.0.0.1:${fields[1]}"
done
say "stop with deploy/local/down.sh (add --all to stop PostgreSQL and RabbitMQ too)"
