#!/usr/bin/env bash
# What deploy/local/up.sh and down.sh share; source it, don't run it. Every setting can be overridden by the
# environment, so a second topology (the fault suite's, a CI job's) runs beside the usual one without a clash:
#   SUPPORT_RUN_DIR        folder of the pid files and logs (.run/ at the repository's root)
#   SUPPORT_PG_HOST, SUPPORT_PG_PORT       PostgreSQL (127.0.0.1, 5432)
#   SUPPORT_RABBITMQ_URI   the broker (amqp://guest:guest@127.0.0.1:5672/)
#   SUPPORT_IDENTITY_PORT, SUPPORT_TICKET_PORT, SUPPORT_ROUTING_PORT, SUPPORT_KB_PORT, SUPPORT_ANALYTICS_PORT,
#   SUPPORT_GATEWAY_PORT   (5105, 5101, 5102, 5103, 5104, 5080)
#   SUPPORT_PUBLIC_URL     the gateway's address as clients reach it, the tokens' issuer (http://127.0.0.1:GATEWAY_PORT/)
#   SUPPORT_ADMIN_EMAIL, SUPPORT_ADMIN_PASSWORD  the first admin (admin@localhost; the password is made on the first
#                          start and kept in the run folder's admin-password, readable by root only)
#   SUPPORT_REPLICAS       1, or 2: each service twice (the second on its port + 10), the gateway balancing both
# A process is known by its command line (/proc/PID/cmdline names its dll and the run folder), not by its pid alone:
# a pid file whose pid was reused by another process does not count as running.

topology_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
run=${SUPPORT_RUN_DIR:-$topology_root/.run}
framework=net10.0
pg_host=${SUPPORT_PG_HOST:-127.0.0.1}
pg_port=${SUPPORT_PG_PORT:-5432}
rabbitmq_uri=${SUPPORT_RABBITMQ_URI:-amqp://guest:guest@127.0.0.1:5672/}
replicas=${SUPPORT_REPLICAS:-1}
[[ $replicas == 1 || $replicas == 2 ]] || { echo "SUPPORT_REPLICAS must be 1 or 2" >&2; exit 2; }

# Loopback: no TLS, whose handshakes and encryption cost this small machine CPU it needs.
db() { echo "Host=$pg_host;Port=$pg_port;Database=$1;Username=support;Password=support;SslMode=Disable"; }

gateway_port=${SUPPORT_GATEWAY_PORT:-5080}
identity_port=${SUPPORT_IDENTITY_PORT:-5105}
public_url=${SUPPORT_PUBLIC_URL:-http://127.0.0.1:$gateway_port/}
admin_email=${SUPPORT_ADMIN_EMAIL:-admin@localhost}
admin_password_file=$run/admin-password
if [[ -z ${SUPPORT_ADMIN_PASSWORD:-} && ! -s $admin_password_file ]]; then
    mkdir -p "$run"
    (umask 077 && head -c 18 /dev/urandom | base64 | tr '+/' '-_' >"$admin_password_file")
fi
admin_password=${SUPPORT_ADMIN_PASSWORD:-$(cat "$admin_password_file")}

# name, port, project folder (named like its assembly), then the process's own environment. Started in this order.
services=(
    "identity  $identity_port services/Identity/Support.Identity ConnectionStrings__Identity=$(db support_identity) Identity__Issuer=$public_url Identity__BootstrapAdmin__Email=$admin_email Identity__BootstrapAdmin__Password=$admin_password"
    "ticket    ${SUPPORT_TICKET_PORT:-5101} services/Ticket/Support.Ticket ConnectionStrings__Ticket=$(db support_ticket)"
    "routing   ${SUPPORT_ROUTING_PORT:-5102} services/Routing/Support.Routing ConnectionStrings__Routing=$(db support_routing)"
    "kb        ${SUPPORT_KB_PORT:-5103} services/KnowledgeBase/Support.KnowledgeBase ConnectionStrings__KnowledgeBase=$(db support_kb)"
    "analytics ${SUPPORT_ANALYTICS_PORT:-5104} services/Analytics/Support.Analytics ConnectionStrings__Analytics=$(db support_analytics)"
    "channels  ${SUPPORT_CHANNELS_PORT:-5106} services/Channels/Support.Channels ConnectionStrings__Channels=$(db support_channels)"
    "automation ${SUPPORT_AUTOMATION_PORT:-5107} services/Automation/Support.Automation ConnectionStrings__Automation=$(db support_automation)"
)
processes=()
gateway_env=()
for line in "${services[@]}"; do
    read -r -a fields <<<"$line"
    processes+=("$line")
    gateway_env+=("ReverseProxy__Clusters__${fields[0]}__Destinations__primary__Address=http://127.0.0.1:${fields[1]}/")
    if [[ $replicas == 2 ]]; then
        processes+=("${fields[0]}-2 $((fields[1] + 10)) ${fields[*]:2}")
        cluster="ReverseProxy__Clusters__${fields[0]}"
        # YARP's health checks take a dead replica out of the rotation: actively (its /health/live every 2 s) and
        # passively (transport failures on live requests); a request is sent to the other replica meanwhile.
        gateway_env+=("${cluster}__Destinations__secondary__Address=http://127.0.0.1:$((fields[1] + 10))/"
            "${cluster}__HealthCheck__Active__Enabled=true" "${cluster}__HealthCheck__Active__Interval=00:00:02"
            "${cluster}__HealthCheck__Active__Timeout=00:00:01" "${cluster}__HealthCheck__Active__Path=/health/live"
            "${cluster}__HealthCheck__Active__Policy=ConsecutiveFailures"
            "${cluster}__HealthCheck__Passive__Enabled=true" "${cluster}__HealthCheck__Passive__Policy=TransportFailureRate"
            "${cluster}__HealthCheck__Passive__ReactivationPeriod=00:00:10"
            "${cluster}__Metadata__ConsecutiveFailuresHealthPolicy.Threshold=1")
    fi
done
processes+=("gateway $gateway_port gateway/Support.Gateway ${gateway_env[*]}")

common_env=(
    ASPNETCORE_ENVIRONMENT=Production
    Database__Provider=Postgres
    Messaging__Transport=RabbitMq
    ConnectionStrings__RabbitMq=$rabbitmq_uri
    # Every process checks tokens against Identity's keys, read from Identity directly; tokens name the public address.
    Authentication__Authority=http://127.0.0.1:$identity_port/
    Authentication__Issuer=$public_url
)

# topology_line NAME: the processes entry of NAME.
topology_line() {
    local line fields
    for line in "${processes[@]}"; do
        read -r -a fields <<<"$line"
        [[ ${fields[0]} == "$1" ]] && { echo "$line"; return 0; }
    done
    return 1
}

# topology_pid NAME DLL: the pid of NAME's process of this run folder, or nothing. The pid file is tried first, then
# every process (a pid file may be lost or stale); both must show DLL and the run folder on the command line.
topology_pid() {
    local name=$1 dll=$2 pid cmdline
    local marker="--support-run=$run/$name"
    for pid in $(cat "$run/$name.pid" 2>/dev/null) $(ls /proc | grep -E '^[0-9]+$'); do
        cmdline=$(tr "\0" " " 2>/dev/null <"/proc/$pid/cmdline") || continue
        if [[ " $cmdline " == *"/$dll "* && " $cmdline " == *" $marker "* ]]; then
            echo "$pid"
            return 0
        fi
    done
}
