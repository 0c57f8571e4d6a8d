#!/usr/bin/env bash
# A live blog under many readers: one node (SQLite, the demo), its live blog's coverage resumed, and READERS
# connections polling the update document (/live/{id}/entries?after=<newest>) with wrk, as readers' pages do every
# ten seconds (here: as fast as they can, a far harder load). While wrk runs, entries are posted through the admin API
# and each is timed until the update document carries it. Prints a Markdown table for BENCHMARKS.md.
# usage: bench/live.sh [readers=5000] [duration=30s] [entries=10]
set -euo pipefail
cd "$(dirname "$0")/.."
READERS="${1:-5000}"; DURATION="${2:-30s}"; ENTRIES="${3:-10}"
for tool in wrk curl; do command -v "$tool" >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq wrk curl >/dev/null; }; done
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true # each reader is a connection: as many descriptors as allowed
dotnet build src/Masthead.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
APP="$PWD/src/Masthead.Web/bin/Release/net10.0/Masthead"
WORK="$(mktemp -d /tmp/masthead-live-bench.XXXXXX)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
PORT=5631
"$APP" migrate --Masthead:DataPath "$WORK" >/dev/null
"$APP" demo --Masthead:DataPath "$WORK" >/dev/null
"$APP" user create --email bench@quire.example --role editor --Masthead:DataPath "$WORK" >/dev/null
TOKEN="$("$APP" token create --email bench@quire.example --name bench --Masthead:DataPath "$WORK" | tail -1 | tr -d '[:space:]')"
MALLOC_ARENA_MAX=2 "$APP" --urls "http://127.0.0.1:$PORT" --Masthead:DataPath "$WORK" --Logging:LogLevel:Default Warning \
  --Masthead:Demo:LoadOnFirstStart false >"$WORK/log" 2>&1 </dev/null & PIDS+=("$!")
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
API="http://127.0.0.1:$PORT/api/admin"
AUTH=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")
ID="$(curl -fs "${AUTH[@]}" "$API/articles?status=published" | /usr/bin/python3 -c 'import json,sys; print(next(a["id"] for a in json.load(sys.stdin)["items"] if a["headline"].startswith("Live:")))')"
curl -fs "${AUTH[@]}" -X POST -d '{}' "$API/articles/$ID/live" >/dev/null
newest() { curl -fs "${AUTH[@]}" "$API/articles/$ID/entries" | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); d=d["items"] if isinstance(d, dict) else d; print(max(e["id"] for e in d))'; }
AFTER="$(newest)"
URL="http://127.0.0.1:$PORT/live/$ID/entries?after=$AFTER"
wrk -t2 -c200 -d5s "$URL" >/dev/null # warm
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r); wrk -t2 -c$READERS -d$DURATION; $ENTRIES entries" >&2
wrk -t2 -c"$READERS" -d"$DURATION" --latency "$URL" >"$WORK/wrk.txt" &
WRK=$!
sleep 3
lags=()
for n in $(seq 1 "$ENTRIES"); do
  text="Bench entry $n $RANDOM$RANDOM"
  start=$(date +%s%N)
  curl -fs "${AUTH[@]}" -X POST -d "{\"body\":\"$text\"}" "$API/articles/$ID/entries" >/dev/null
  until curl -fs "$URL" | grep -q "$text"; do sleep 0.01; done
  lags+=($(( ($(date +%s%N) - start) / 1000000 )))
  sleep 1
done
wait "$WRK"
rps="$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")"
p50="$(awk '$1=="50%" {print $2}' "$WORK/wrk.txt")"; p99="$(awk '$1=="99%" {print $2}' "$WORK/wrk.txt")"
errors="$(grep -E 'Non-2xx|Socket errors' "$WORK/wrk.txt" | tr -s ' ' | tr '\n' ' ' || true)"
sorted=($(printf '%s\n' "${lags[@]}" | sort -n))
echo "| readers | req/s | p50 | p99 | errors | entry visible: median | max |"
echo "|---:|---:|---:|---:|---|---:|---:|"
echo "| $READERS | $rps | $p50 | $p99 | ${errors:-none} | ${sorted[$(( ${#sorted[@]} / 2 ))]} ms | ${sorted[-1]} ms |"
