#!/usr/bin/env bash
# Search benchmark: for 10,000 and 100,000 generated stories on SQLite and on a throwaway PostgreSQL, bulk-inserts
# the stories straight into a fresh database (the search triggers index them as they are published), then times
# 16 reader queries 25 times each through StorySearch, the service behind /search. Prints a Markdown table (per-query
# figures on stderr); record it in BENCHMARKS.md. Databases go to bench/out/search/ (not in git) and are removed.
# usage: bench/search.sh [sizes="10000 100000"] [providers="sqlite postgres"]
#        MASTHEAD_BENCH_BUILT=1 skips the build (when it was just built, e.g. under a shared build lock).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${1:-10000 100000}"
PROVIDERS="${2:-sqlite postgres}"
OUT=bench/out/search
mkdir -p "$OUT"
[ "${MASTHEAD_BENCH_BUILT:-}" = 1 ] || dotnet build bench/SearchBench -c Release -nologo -clp:ErrorsOnly >/dev/null
BENCH=(dotnet bench/SearchBench/bin/Release/net10.0/SearchBench.dll)

if [[ " $PROVIDERS " == *" postgres "* ]]; then
  PORT="${MASTHEAD_BENCH_PGPORT:-$((57000 + RANDOM % 1000))}"
  eval "$(eng/pg-up.sh "$PORT" | tr ' ' '\n' | sed 's/^/export /')"
  trap 'eng/pg-down.sh "$PGDIR"; rm -f "$OUT"/*.db*' EXIT
else
  trap 'rm -f "$OUT"/*.db*' EXIT
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "| database | stories | p50 | p95 | p99 | max | app CPU p50 / p95 | insert + index |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for provider in $PROVIDERS; do
  for size in $SIZES; do
    if [ "$provider" = sqlite ]; then target="$OUT/search-$size.db"
    else target="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=masthead_search_$size;Command Timeout=1200"; fi
    "${BENCH[@]}" "$provider" "$size" "$target"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
