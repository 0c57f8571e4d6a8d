#!/usr/bin/env bash
# Stops the cluster started by eng/pg-up.sh and deletes its folder.
# usage: eng/pg-down.sh <dir>
set -euo pipefail
DIR="$1"
if [ -f "$DIR/data/postmaster.pid" ]; then
  PID="$(head -1 "$DIR/data/postmaster.pid")"
  kill -INT "$PID" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
fi
rm -rf "$DIR"
