#!/usr/bin/env bash
# Times `masthead import` of a generated 1,000-article WordPress export and Ghost export, each into a fresh
# embedded (SQLite) database, with peak resident memory from GNU time. Record the figures in BENCHMARKS.md.
# usage: bench/import.sh [articles=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000}"
command -v /usr/bin/time >/dev/null || { [ "$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
dotnet build src/Masthead.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
APP="$PWD/src/Masthead.Web/bin/Release/net10.0/Masthead.dll"
WORK="$(mktemp -d /tmp/masthead-import-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
python3 bench/make-exports.py "$N" "$WORK"
ls -la "$WORK"/bench-*

run() { # label, then the import arguments
  local label="$1"; shift
  local data="$WORK/data-$label"; mkdir -p "$data"
  # The schema is made first, so the timing is the import alone.
  dotnet "$APP" migrate --Masthead:DataPath "$data" --Logging:LogLevel:Default Warning >/dev/null
  /usr/bin/time -f "%e s elapsed, %M KB peak resident" -o "$WORK/time-$label" \
    dotnet "$APP" "$@" --Masthead:DataPath "$data" --Logging:LogLevel:Default Warning >"$WORK/out-$label" 2>/dev/null
  printf '%-10s %s\n' "$label" "$(cat "$WORK/time-$label")"
  grep -E 'articles|Import' "$WORK/out-$label" | sed 's/^/           /'
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
run wordpress import wordpress "$WORK/bench-wordpress.xml"
run ghost import ghost "$WORK/bench-ghost.json"
