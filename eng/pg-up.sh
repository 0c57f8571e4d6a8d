#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1:<port> in a temp dir (tests only: fsync off).
# usage: eng/pg-up.sh [port] [dir]   prints: PGDIR=<dir> PGPORT=<port>
set -euo pipefail
PORT="${1:-55432}"
DIR="${2:-$(mktemp -d /tmp/masthead-pg.XXXXXX)}"
PGBIN="${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL server binaries not found (install postgresql)" >&2; exit 1; }
mkdir -p "$DIR"
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$DIR"   # postgres refuses to run as root
  AS=(runuser -u postgres --)
else
  AS=()
fi
chmod 700 "$DIR"
cd "$DIR"
"${AS[@]}" "$PGBIN/initdb" -D "$DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync \
  >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
"${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }
echo "PGDIR=$DIR PGPORT=$PORT"
