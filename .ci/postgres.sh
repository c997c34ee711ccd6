#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on 127.0.0.1:55432 (trust auth, loopback only)
# and prints the URL for LOA_TEST_POSTGRES. Used by .ci/run and by developers alike.
set -euo pipefail
PGPORT="${PGPORT:-55432}"
DIR="${LOA_PG_DIR:-/tmp/loa-pg}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$BIN" ]; then
  apt-get update -qq >/dev/null && apt-get install -y -qq postgresql >/dev/null
  BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi
RUN=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home "$DIR" postgres
  RUN=(su postgres -s /bin/sh -c)
else
  RUN=(sh -c)
fi
mkdir -p "$DIR"
[ "$(id -u)" = 0 ] && chown postgres "$DIR"
if [ ! -f "$DIR/data/PG_VERSION" ]; then
  "${RUN[@]}" "$BIN/initdb -D $DIR/data -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
fi
if ! "${RUN[@]}" "$BIN/pg_ctl -D $DIR/data status" >/dev/null 2>&1; then
  "${RUN[@]}" "$BIN/pg_ctl -D $DIR/data -l $DIR/log -w -o '-p $PGPORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300' start" >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$PGPORT/postgres?sslmode=disable"
