#!/bin/bash
# Run once by the postgres image on an empty volume: the support role (its password from SUPPORT_DB_PASSWORD) and the
# per-service databases, from the same SQL that deploy/infra/ensure-infra.sh runs on a local server.
set -euo pipefail
psql -v ON_ERROR_STOP=1 -q --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    -v password="${SUPPORT_DB_PASSWORD:?SUPPORT_DB_PASSWORD must be set}" -f /support/postgres-init.sql
