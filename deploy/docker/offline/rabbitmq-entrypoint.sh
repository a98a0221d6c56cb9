#!/bin/bash
# Writes the first user from the environment into the broker's configuration (used only when its database is new),
# as the official image does, then runs the broker.
set -euo pipefail
{
    echo "listeners.tcp.default = 5672"
    echo "management.tcp.port = 15672"
    [ -n "${RABBITMQ_DEFAULT_USER:-}" ] && echo "default_user = $RABBITMQ_DEFAULT_USER"
    [ -n "${RABBITMQ_DEFAULT_PASS:-}" ] && echo "default_pass = $RABBITMQ_DEFAULT_PASS"
    [ -n "${RABBITMQ_DEFAULT_VHOST:-}" ] && echo "default_vhost = $RABBITMQ_DEFAULT_VHOST"
    echo "loopback_users = none"
} > /etc/rabbitmq/rabbitmq.conf
exec "$@"
