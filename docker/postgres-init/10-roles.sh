#!/usr/bin/env bash
# First start of the postgres container: two roles besides the superuser.
#   coalition_owner  owns the database and every table; runs the migrations
#   coalition_app    what the platform connects as: rows, never tables (see
#                    coalition/people/db_guard.py; `manage.py db_guard` grants it)
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    --set owner_password="$POSTGRES_OWNER_PASSWORD" --set app_password="$POSTGRES_APP_PASSWORD" \
    --set db="$POSTGRES_DB" <<'SQL'
CREATE ROLE coalition_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE coalition_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
ALTER DATABASE :"db" OWNER TO coalition_owner;
ALTER SCHEMA public OWNER TO coalition_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO coalition_app;
SQL
