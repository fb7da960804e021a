#!/usr/bin/env bash
# Run by the postgres image on its first start (docker-entrypoint-initdb.d, from docker-compose.yml): the two roles of
# docs/deploy.md, and the product's database owned by the owner role. The application's role, curator, owns nothing:
# `migrate` (as curator_owner) creates the tables and grants it what it needs.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$CURATOR_DB_OWNER_PASSWORD" -v password="$CURATOR_DB_PASSWORD" <<'SQL'
CREATE ROLE curator_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE curator LOGIN PASSWORD :'password';
CREATE DATABASE curator OWNER curator_owner;
SQL
