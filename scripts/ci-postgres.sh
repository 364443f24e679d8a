#!/usr/bin/env bash
# Install (from Debian) and start a PostgreSQL server on 127.0.0.1 for the store's tests, then print
# its URL on standard output (everything else goes to standard error). Idempotent; run as root.
#
#   MARSAD_TEST_PG="$(scripts/ci-postgres.sh)"; export MARSAD_TEST_PG
set -euo pipefail
PORT="${MARSAD_PG_PORT:-5432}"
DB="${MARSAD_PG_DB:-marsad_test}"
ROLE="${MARSAD_PG_USER:-marsad}"
PASSWORD="${MARSAD_PG_PASSWORD:-marsad}"

if [ "$(id -u)" -ne 0 ]; then
  echo "ci-postgres.sh: run as root (it installs postgresql and starts it as the postgres user)" >&2
  exit 2
fi
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "installing postgresql from Debian..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VERSION main"; then
  pg_createcluster "$VERSION" main -p "$PORT" >&2
fi
# Loopback only; the tests connect over TCP with a password.
CONF_D="/etc/postgresql/$VERSION/main/conf.d"
mkdir -p "$CONF_D"
printf "listen_addresses = '127.0.0.1'\nport = %s\n" "$PORT" > "$CONF_D/marsad-ci.conf"
if ! pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
  pg_ctlcluster "$VERSION" main start >&2
fi
for _ in $(seq 1 30); do
  if runuser -u postgres -- pg_isready -q -h 127.0.0.1 -p "$PORT"; then break; fi
  sleep 1
done
runuser -u postgres -- pg_isready -h 127.0.0.1 -p "$PORT" >&2

# peer auth does not apply over TCP: use the local socket for the admin commands.
psql_admin() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q -p "$PORT" "$@"; }
if [ -z "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" ]; then
  psql_admin -c "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'" >&2
fi
if [ -z "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
  psql_admin -c "CREATE DATABASE $DB OWNER $ROLE TEMPLATE template0 ENCODING 'UTF8'" >&2
fi
echo "postgresql $VERSION on 127.0.0.1:$PORT, database $DB, role $ROLE" >&2
echo "postgresql://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
