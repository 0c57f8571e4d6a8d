#!/usr/bin/env bash
# The several-node setup measured: PostgreSQL, an S3-compatible bucket (s3rver), three Masthead nodes with their own
# data folders, Varnish (deploy/varnish/masthead.vcl) in front of nodes A and B, and nginx serving a saved copy of the
# article page as the ceiling. Prints two Markdown tables for BENCHMARKS.md:
#   1. publish-to-visible lag: CHANGES headline edits made through node A's admin API, each timed until every node
#      and Varnish serve the new headline (p50, p99, max per reader; the pages are cached everywhere before each edit);
#   2. the article page through Varnish against nginx serving the same bytes, with wrk, in the same run.
# usage: bench/cluster.sh [changes=60] [duration=15s] [connections=32]
set -euo pipefail
cd "$(dirname "$0")/.."
CHANGES="${1:-60}"; DURATION="${2:-15s}"; CONNECTIONS="${3:-32}"
ARTICLE="/culture/film-tv/the-helpline-tapes-that-became-the-film-of-the-festival"

for tool in wrk nginx curl varnishd; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { [ "$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light curl varnish varnish-modules >/dev/null; }
done
(cd tests/s3-server && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
dotnet build src/Masthead.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
APP="$PWD/src/Masthead.Web/bin/Release/net10.0/Masthead"
WORK="$(mktemp -d /tmp/masthead-cluster-bench.XXXXXX)"; chmod 755 "$WORK"
PIDS=()
source bench/common.sh
PGPORT=$((57000 + RANDOM % 1000))
eval "$(eng/pg-up.sh "$PGPORT" "$WORK/pg" | tr ' ' '\n' | sed 's/^/export /')"
cleanup() {
  for p in "${PIDS[@]}"; do pkill -P "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done
  eng/pg-down.sh "$PGDIR" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

DB="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=masthead_bench"
S3PORT=$((58000 + RANDOM % 1000))
mkdir -p "$WORK/s3"
node tests/s3-server/node_modules/s3rver/bin/s3rver.js -d "$WORK/s3" -a 127.0.0.1 -p "$S3PORT" --silent --configure-bucket media >/dev/null 2>&1 & PIDS+=("$!")
sleep 1
COMMON=(--Masthead:BaseUrl http://quire.bench --Masthead:Database:Provider Postgres --Masthead:Database:ConnectionString "$DB"
  --Masthead:Media:Storage S3 --Masthead:Media:S3:ServiceUrl "http://127.0.0.1:$S3PORT" --Masthead:Media:S3:Bucket media
  --Masthead:Media:S3:AccessKey S3RVER --Masthead:Media:S3:SecretKey S3RVER --Logging:LogLevel:Default Warning)
"$APP" migrate --Masthead:DataPath "$WORK/cli" "${COMMON[@]}" >/dev/null

PORTS=(5621 5622 5623); VARNISH=5624; NGINX=5625
# Catch-up reads every 600 s: what is measured is PostgreSQL's push, not the periodic read.
for i in 0 1 2; do
  mkdir -p "$WORK/node$i"
  MALLOC_ARENA_MAX=2 "$APP" --urls "http://127.0.0.1:${PORTS[$i]}" --Masthead:DataPath "$WORK/node$i" "${COMMON[@]}" \
    --Masthead:Database:MigrateOnStartup false --Masthead:Cluster:CatchUpSeconds 600 --Masthead:Cache:PurgeUrls:0 "http://127.0.0.1:$VARNISH/" \
    --Masthead:ContentApi:RequestsPerMinute 1000000 >"$WORK/node$i/log" 2>&1 </dev/null & PIDS+=("$!")
done
for port in "${PORTS[@]}"; do for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.5; done; done

sed -e "s/\.port = \"5001\";/.port = \"${PORTS[0]}\";/" -e "s/\.port = \"5002\";/.port = \"${PORTS[1]}\";/" deploy/varnish/masthead.vcl >"$WORK/masthead.vcl"
/usr/sbin/varnishd -F -a "127.0.0.1:$VARNISH" -f "$WORK/masthead.vcl" -n "$WORK/varnish" -s malloc,256m -T none >"$WORK/varnish.log" 2>&1 & PIDS+=("$!")
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$VARNISH/" >/dev/null && break; sleep 0.5; done

EMAIL="$(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d masthead_bench -tAc 'SELECT "Email" FROM "Users" ORDER BY "Id" LIMIT 1')"
TOKEN="$("$APP" token create --email "$EMAIL" --name bench --Masthead:DataPath "$WORK/cli" "${COMMON[@]}" | tail -1 | tr -d '[:space:]')"
ID="$(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d masthead_bench -tAc "SELECT \"Id\" FROM \"Articles\" WHERE \"Slug\" = '${ARTICLE##*/}'")"

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r); $CHANGES changes; wrk -t2 -c$CONNECTIONS -d$DURATION" >&2
/usr/bin/python3 bench/cluster_lag.py --api "http://127.0.0.1:${PORTS[0]}" --token "$TOKEN" --article-id "$ID" --path "$ARTICLE" --changes "$CHANGES" \
  --reader "node A=http://127.0.0.1:${PORTS[0]}" --reader "node B=http://127.0.0.1:${PORTS[1]}" --reader "node C=http://127.0.0.1:${PORTS[2]}" \
  --reader "Varnish=http://127.0.0.1:$VARNISH"
echo

# The same bytes from nginx as from Varnish, asked as browsers ask (every browser accepts gzip): Varnish keeps the
# gzip Masthead sends it and hands it out as it is; nginx sends a gzipped copy of the same page (gzip_static) with the
# same headers Varnish sends (security headers, validators, request id), so both write the same bytes per answer.
# nginx with only its own few headers is measured too, as the bare ceiling. The ratio is taken against the first.
GZIP_HEADER="Accept-Encoding: gzip"
curl -fs "http://127.0.0.1:$VARNISH$ARTICLE" >"$WORK/varnish-article.html"
curl -fs -H "$GZIP_HEADER" -D "$WORK/varnish-article.headers" "http://127.0.0.1:$VARNISH$ARTICLE" >"$WORK/varnish-article.html.gz"
start_static_nginx "$NGINX" "$WORK/varnish-article.html" "$WORK/varnish-article.html.gz" "$WORK/varnish-article.headers"
NGINX_BARE=$((NGINX + 1))
start_static_nginx "$NGINX_BARE" "$WORK/varnish-article.html" "$WORK/varnish-article.html.gz"
for url in "http://127.0.0.1:$NGINX$ARTICLE" "http://127.0.0.1:$NGINX_BARE$ARTICLE" "http://127.0.0.1:$VARNISH$ARTICLE"; do
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP:-10s}" -H "$GZIP_HEADER" "$url" >/dev/null
done
nginx_row="$(measure "nginx, static gzipped copy of the article with Varnish's headers" "http://127.0.0.1:$NGINX$ARTICLE" "$GZIP_HEADER")"
bare_row="$(measure "nginx, the same copy with nginx's own headers only" "http://127.0.0.1:$NGINX_BARE$ARTICLE" "$GZIP_HEADER")"
varnish_row="$(measure "article through Varnish (shipped VCL, gzip)" "http://127.0.0.1:$VARNISH$ARTICLE" "$GZIP_HEADER")"
nginx_rps="$(cut -d'|' -f2 <<<"$nginx_row")"
echo "| page | req/s | % of nginx | p50 | p99 | errors |"
echo "|---|---:|---:|---:|---:|---|"
for row in "$nginx_row" "$bare_row" "$varnish_row"; do
  IFS='|' read -r label rps p50 p99 errors <<<"$row"
  echo "| $label | $rps | $(awk -v a="$rps" -v b="$nginx_rps" 'BEGIN {printf "%.0f %%", 100*a/b}') | $p50 | $p99 | ${errors:-none} |"
done
