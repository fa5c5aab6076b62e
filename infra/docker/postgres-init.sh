#!/usr/bin/env bash
# Docker Compose only: runs once, when the postgres container starts on an empty volume
# (/docker-entrypoint-initdb.d). One login and one database per service, passwords from dev-secrets.env.
set -euo pipefail
for entry in "rights:$RIGHTS_DB_PASSWORD" "worker:$WORKER_DB_PASSWORD" "notification:$NOTIFICATION_DB_PASSWORD"; do
  psql -v ON_ERROR_STOP=1 -q --username "$POSTGRES_USER" -v login="${entry%%:*}" -v pw="${entry#*:}" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'login', :'pw')
\gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'login', :'login')
\gexec
SQL
done
