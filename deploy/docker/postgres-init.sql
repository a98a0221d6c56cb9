-- The role and the per-service databases. Run by psql as a superuser with the role's password in the variable
-- "password": by deploy/docker/postgres-init.sh on the postgres container's first start, and by
-- deploy/infra/ensure-infra.sh on every run (so every statement is idempotent).
\set ON_ERROR_STOP on

SELECT format('CREATE ROLE support LOGIN PASSWORD %L CREATEDB', :'password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'support') \gexec

SELECT format('CREATE DATABASE %I OWNER support', name)
FROM unnest(ARRAY['support_ticket', 'support_routing', 'support_kb', 'support_analytics', 'support_identity', 'support_channels', 'support_automation']) AS name
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = name) \gexec
