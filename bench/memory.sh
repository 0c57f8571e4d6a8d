#!/usr/bin/env bash
# Resident memory of a serving node with many stories (issue 14: 10,000 stories, measured after load). Generates the
# stories with bench/SearchBench into a fresh SQLite database, starts one node on it as deployed (page cache on,
# MALLOC_ARENA_MAX=2), then reads every page its sitemaps list, as browsers ask (gzip, br), round after round for
# DURATION, and prints the node's resident memory before and after. Record the figures in BENCHMARKS.md.
# usage: bench/memory.sh [stories=10000] [duration=60s] [extra node settings...]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-10000}"; DURATION="${2:-60s}"; shift $(( $# < 2 ? $# : 2 ))
for tool in wrk curl; do
  command -v "$tool" >/dev/null || { [ "$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk curl >/dev/null; }
done
dotnet build src/Masthead.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build bench/SearchBench -c Release -nologo -clp:ErrorsOnly >/dev/null
APP="$PWD/src/Masthead.Web/bin/Release/net10.0/Masthead"
WORK="$(mktemp -d /tmp/masthead-memory.XXXXXX)"
PORT=5631; BASE="http://127.0.0.1:$PORT"
cleanup() { pkill -f "Masthead:DataPath $WORK" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

dotnet bench/SearchBench/bin/Release/net10.0/SearchBench.dll sqlite "$N" "$WORK/masthead.db" >"$WORK/generate.log" 2>&1
(cd src/Masthead.Web && MALLOC_ARENA_MAX=2 "$APP" --urls "$BASE" --Masthead:DataPath "$WORK" --Masthead:Demo:LoadOnFirstStart false \
   --Logging:LogLevel:Default Warning "$@" >"$WORK/log" 2>&1) </dev/null >/dev/null 2>&1 &
for _ in $(seq 1 120); do curl -fs "$BASE/" >/dev/null && break; sleep 0.5; done
PID="$(pgrep -f "Masthead:DataPath $WORK" | head -1)"
rss() { awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$PID/status"; }
echo "stories: $N; settings: ${*:-defaults}; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "resident after start and one page: $(rss)"

# Every page the sitemaps list, as paths.
curl -fs "$BASE/sitemap.xml" | grep -o '<loc>[^<]*</loc>' | sed -e 's/<[^>]*>//g' -e 's#^[a-z]*://[^/]*##' >"$WORK/sitemaps"
while read -r map; do curl -fs "$BASE$map"; done <"$WORK/sitemaps" \
  | grep -o '<loc>[^<]*</loc>' | sed -e 's/<[^>]*>//g' -e 's#^[a-z]*://[^/]*##' | sort -u >"$WORK/paths"
printf '/feed.xml\n/sitemap.xml\n' >>"$WORK/paths"
cat >"$WORK/walk.lua" <<LUA
local paths, i = {}, 0
for line in io.lines("$WORK/paths") do paths[#paths + 1] = line end
wrk.headers["Accept-Encoding"] = "gzip, br"
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA
echo "pages: $(wc -l <"$WORK/paths")"
wrk -t2 -c4 -d"$DURATION" -s "$WORK/walk.lua" "$BASE" | grep -E 'requests in|Requests/sec|Non-2xx'
sleep 2
echo "resident after the walk: $(rss) (peak $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$PID/status"))"
