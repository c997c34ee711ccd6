#!/usr/bin/env bash
# Starts a throw-away MariaDB server on 127.0.0.1:53306 (loopback only, root without a
# password over the socket and TCP) and prints the DSN for LOA_TEST_MARIADB: the
# NukeViet import tests (siteimport) create their own databases in it.
set -euo pipefail
PORT="${LOA_MARIADB_PORT:-53306}"
DIR="${LOA_MARIADB_DIR:-/tmp/loa-mariadb}"
if ! command -v mariadbd >/dev/null && [ ! -x /usr/sbin/mariadbd ]; then
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >/dev/null
fi
BIN=/usr/sbin/mariadbd
USER_OPT=()
[ "$(id -u)" = 0 ] && USER_OPT=(--user=root)
mkdir -p "$DIR"
if [ ! -d "$DIR/data/mysql" ]; then
  mariadb-install-db "${USER_OPT[@]}" --datadir="$DIR/data" --auth-root-authentication-method=normal >/dev/null
fi
if ! mariadb-admin --socket="$DIR/sock" ping >/dev/null 2>&1; then
  "$BIN" "${USER_OPT[@]}" --datadir="$DIR/data" --socket="$DIR/sock" --pid-file="$DIR/pid" --port="$PORT" \
    --bind-address=127.0.0.1 --skip-name-resolve --innodb-flush-log-at-trx-commit=0 >"$DIR/log" 2>&1 &
  for _ in $(seq 1 60); do
    mariadb-admin --socket="$DIR/sock" ping >/dev/null 2>&1 && break
    sleep 0.5
  done
fi
echo "root@tcp(127.0.0.1:$PORT)/"
