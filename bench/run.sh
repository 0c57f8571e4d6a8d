#!/usr/bin/env bash
# Measures Masthead's public pages with wrk on loopback, against nginx serving a saved copy of the same
# article page (the ceiling), in one run. Prints a Markdown table; record it in BENCHMARKS.md.
# Each server is warmed first (WARMUP=10s of the same load per page, not measured), as a node in service would be.
# usage: bench/run.sh [duration=15s] [connections=32]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-15s}"
CONNECTIONS="${2:-32}"
ARTICLE="/culture/film-tv/the-helpline-tapes-that-became-the-film-of-the-festival"
HOME_PAGE="/"
SECTION="/culture"
TAG="/tag/community"
AUTHOR="/author/adaeze-okafor"

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { [ "$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light curl >/dev/null; }
done
dotnet build src/Masthead.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
APP=src/Masthead.Web/bin/Release/net10.0/Masthead
WORK="$(mktemp -d /tmp/masthead-bench.XXXXXX)"; chmod 755 "$WORK"
PIDS=()
source bench/common.sh
cleanup() {
  for p in "${PIDS[@]}"; do pkill -P "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done
  pkill -f "Masthead:DataPath $WORK" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

start_app() { # port cache-enabled; sets APP_PID
  local port="$1" cache="$2" dir="$WORK/app-$1"
  mkdir -p "$dir"
  # The demo is loaded by the CLI first, as a deploy step would: the server measured is one that only serves
  # (making the demo's pictures through libvips leaves native memory behind that a serving node never has).
  (cd src/Masthead.Web && "../../$APP" migrate --Masthead:DataPath "$dir" >/dev/null && "../../$APP" demo --Masthead:DataPath "$dir" >"$dir/demo.log")
  # MALLOC_ARENA_MAX=2 as README's "Running in production" recommends (glibc's per-thread arenas cost ~15 MB here).
  (cd src/Masthead.Web && MALLOC_ARENA_MAX=2 "../../$APP" --urls "http://127.0.0.1:$port" --Masthead:DataPath "$dir" \
     --Masthead:PageCache:Enabled "$cache" --Logging:LogLevel:Default Warning --Logging:LogLevel:Microsoft.EntityFrameworkCore Warning \
     >"$dir/log" 2>&1) </dev/null >/dev/null 2>&1 &
  APP_PID=$!
  PIDS+=("$APP_PID")
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.5; done
}


# A node that has served for a while: tiered JIT has compiled the hot paths, and pools and caches are filled.
warm() { # url...
  for url in "$@"; do wrk -t2 -c"$CONNECTIONS" -d"${WARMUP:-10s}" "$url" >/dev/null; done
}

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r); wrk -t2 -c$CONNECTIONS -d$DURATION" >&2
rows=()

# The ceiling: nginx serving the same article page as a static file.
PORT_CACHED=5611; PORT_UNCACHED=5612; PORT_NGINX=5613
start_app $PORT_CACHED true
curl -fs "http://127.0.0.1:$PORT_CACHED$ARTICLE" >"$WORK/article.html"
start_static_nginx "$PORT_NGINX" "$WORK/article.html"
warm "http://127.0.0.1:$PORT_NGINX$ARTICLE" "http://127.0.0.1:$PORT_CACHED$ARTICLE" "http://127.0.0.1:$PORT_CACHED$HOME_PAGE" "http://127.0.0.1:$PORT_CACHED$SECTION"
rows+=("$(measure "nginx, static copy of the article" "http://127.0.0.1:$PORT_NGINX$ARTICLE")")

rows+=("$(measure "article, page cache on" "http://127.0.0.1:$PORT_CACHED$ARTICLE")")
rows+=("$(measure "home, page cache on" "http://127.0.0.1:$PORT_CACHED$HOME_PAGE")")
rows+=("$(measure "section, page cache on" "http://127.0.0.1:$PORT_CACHED$SECTION")")
cached_rss="$(rss_mb "$(pgrep -f "urls http://127.0.0.1:$PORT_CACHED" | head -1)")"
pkill -f "urls http://127.0.0.1:$PORT_CACHED" || true

start_app $PORT_UNCACHED false
warm "http://127.0.0.1:$PORT_UNCACHED$ARTICLE" "http://127.0.0.1:$PORT_UNCACHED$HOME_PAGE" "http://127.0.0.1:$PORT_UNCACHED$SECTION" \
  "http://127.0.0.1:$PORT_UNCACHED$TAG" "http://127.0.0.1:$PORT_UNCACHED$AUTHOR"
rows+=("$(measure "article, page cache off" "http://127.0.0.1:$PORT_UNCACHED$ARTICLE")")
rows+=("$(measure "home, page cache off" "http://127.0.0.1:$PORT_UNCACHED$HOME_PAGE")")
rows+=("$(measure "section, page cache off" "http://127.0.0.1:$PORT_UNCACHED$SECTION")")
rows+=("$(measure "tag, page cache off" "http://127.0.0.1:$PORT_UNCACHED$TAG")")
rows+=("$(measure "author, page cache off" "http://127.0.0.1:$PORT_UNCACHED$AUTHOR")")
uncached_rss="$(rss_mb "$(pgrep -f "urls http://127.0.0.1:$PORT_UNCACHED" | head -1)")"

nginx_rps="$(cut -d'|' -f2 <<<"${rows[0]}")"
echo "| page | req/s | % of nginx | p50 | p99 | errors |"
echo "|---|---:|---:|---:|---:|---|"
for row in "${rows[@]}"; do
  IFS='|' read -r label rps p50 p99 errors <<<"$row"
  pct="$(awk -v a="$rps" -v b="$nginx_rps" 'BEGIN {printf "%.0f %%", 100*a/b}')"
  echo "| $label | $rps | $pct | $p50 | $p99 | $errors |"
done
echo
echo "Resident memory after the load: $cached_rss MB (page cache on), $uncached_rss MB (page cache off)."
