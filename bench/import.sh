#!/usr/bin/env bash
# Times `masthead import` into a fresh embedded (SQLite) database with GNU time: wall time, user and system CPU time,
# peak resident memory. Record the figures in BENCHMARKS.md.
#   bench/import.sh [articles=1000]                    a generated WordPress WXR and Ghost JSON export (make-exports.py)
#   bench/import.sh wordpress|ghost FILE [MEDIA_DIR]   a given export, e.g. a real one from bench/make-real-export.sh;
#                                                      MEDIA_DIR (its wp-content/uploads) puts its pictures in the library
# RUNS=N repeats each import (default 1). STILLS=URL takes videos' stills from URL ("{id}" is the video's id; loopback
# allowed) instead of YouTube's, e.g. a picture on the peer WordPress, so their fetching is measured on a machine
# without outside network; without it they are asked of i.ytimg.com, which fails fast here.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { [ "$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
dotnet build src/Masthead.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
APP="$PWD/src/Masthead.Web/bin/Release/net10.0/Masthead.dll"
WORK="$(mktemp -d /tmp/masthead-import-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
EXTRA=()
[ -n "${STILLS:-}" ] && EXTRA+=(--Masthead:Media:YouTubeThumbnailUrl "$STILLS" --Masthead:Media:FetchAllowedNetworks:0 127.0.0.0/8)

run() { # label, then the import arguments
  local label="$1"; shift
  for n in $(seq 1 "${RUNS:-1}"); do
    local data="$WORK/data-$label-$n"; mkdir -p "$data"
    # The schema is made first, so the timing is the import alone.
    dotnet "$APP" migrate --Masthead:DataPath "$data" --Logging:LogLevel:Default Warning >/dev/null
    /usr/bin/time -f "%e s elapsed, %U s user + %S s system CPU, %M KB peak resident" -o "$WORK/time-$label" \
      dotnet "$APP" "$@" --Masthead:DataPath "$data" --Logging:LogLevel:Default Warning "${EXTRA[@]}" >"$WORK/out-$label" 2>"$WORK/err-$label"
    printf '%-10s %s   (load average %s)\n' "$label" "$(cat "$WORK/time-$label")" "$(cut -d' ' -f1-3 /proc/loadavg)"
    rm -rf "$data"
  done
  grep -E 'new,|added|redirected|Import' "$WORK/out-$label" | sed 's/^/           /'
  local warned; warned=$(cat "$WORK/out-$label" "$WORK/err-$label" | grep -c "warn:" || true)
  [ "$warned" = 0 ] || echo "           $warned warnings logged (first: $(cat "$WORK/out-$label" "$WORK/err-$label" | grep -m1 -A1 "warn:" | tr -d "\n" | cut -c1-220))"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
case "${1:-}" in
  wordpress|ghost)
    [ -f "${2:-}" ] || { echo "usage: bench/import.sh wordpress|ghost FILE [MEDIA_DIR]" >&2; exit 2; }
    ls -la "$2"
    run "$1" import "$1" "$(realpath "$2")" ${3:+--media "$(realpath "$3")"} ;;
  *)
    python3 bench/make-exports.py "${1:-1000}" "$WORK"
    ls -la "$WORK"/bench-*
    run wordpress import wordpress "$WORK/bench-wordpress.xml"
    run ghost import ghost "$WORK/bench-ghost.json" ;;
esac
