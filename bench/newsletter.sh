#!/usr/bin/env bash
# Time to queue and send one newsletter to N members through a real SMTP server on loopback (eng/smtp_sink.py, on
# aiosmtpd): one node with the demo publication, N active members written straight into the database, and one demo
# story queued as an email. "Queue" is listing the recipients (one INSERT … SELECT); "send" is until the send is
# marked sent. The sink counts messages and any address that got two copies. Prints a Markdown row for BENCHMARKS.md.
# usage: bench/newsletter.sh [members=10000] [sqlite|postgres=sqlite] [pg-port=55461]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-10000}"; DB="${2:-sqlite}"; PGPORT="${3:-55461}"
dotnet build src/Masthead.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
APP="$PWD/src/Masthead.Web/bin/Release/net10.0/Masthead"
WORK="$(mktemp -d /tmp/masthead-mail-bench.XXXXXX)"
PIDS=()
SMTP=$((56000 + RANDOM % 1000)); PORT=$((5700 + RANDOM % 100))
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ "$DB" = postgres ]; then eng/pg-down.sh "$PGDIR" >/dev/null 2>&1 || true; rm -rf "$PGDIR"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

COMMON=(--Masthead:DataPath "$WORK" --Masthead:BaseUrl https://quire.bench --Logging:LogLevel:Default Warning)
if [ "$DB" = postgres ]; then
  # Outside WORK: the server runs as another user, who cannot enter a mktemp folder.
  PGDIR="/tmp/masthead-mail-bench-pg.$$"
  eng/pg-up.sh "$PGPORT" "$PGDIR" >/dev/null
  CS="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=masthead_mail_bench"
  COMMON+=(--Masthead:Database:Provider Postgres --Masthead:Database:ConnectionString "$CS")
  sql() { psql -q -v ON_ERROR_STOP=1 -At -h 127.0.0.1 -p "$PGPORT" -U postgres -d masthead_mail_bench -c "$1"; }
  NOW="'2026-12-07 12:00:00+00'"; FALSE=false
else
  sql() { sqlite3 -bail "$WORK/masthead.db" "$1"; }
  NOW="'2026-12-07 12:00:00'"; FALSE=0
fi
"$APP" migrate "${COMMON[@]}" >/dev/null
"$APP" demo "${COMMON[@]}" >/dev/null

# N active members who chose one newsletter: written by the database itself, not timed.
sql "INSERT INTO \"Newsletters\" (\"Name\", \"Description\", \"SenderName\", \"SenderEmail\", \"DefaultForNewMembers\", \"CreatedAt\")
     VALUES ('Bench Daily', 'For the benchmark.', 'Bench Daily', 'letters@quire.bench', $FALSE, $NOW)"
sql "INSERT INTO \"Members\" (\"Email\", \"Name\", \"Status\", \"CreatedAt\", \"ConsentSource\", \"PublicKey\", \"SecurityStamp\")
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
     SELECT 'reader' || i || '@bench.example', 'Reader ' || i, 'Active', $NOW, 'bench', 'key' || i, 'stamp' || i FROM n"
sql "INSERT INTO \"NewsletterSubscriptions\" (\"MemberId\", \"NewsletterId\", \"SubscribedAt\")
     SELECT m.\"Id\", l.\"Id\", $NOW FROM \"Members\" m, \"Newsletters\" l WHERE l.\"Name\" = 'Bench Daily' AND m.\"ConsentSource\" = 'bench'"
# The demo's longest published story, so each copy carries a whole body.
ARTICLE="$(sql "SELECT \"Id\" FROM \"Articles\" WHERE \"Status\" = 'Published' ORDER BY length(\"BodyHtml\") DESC LIMIT 1")"

/usr/bin/python3 eng/smtp_sink.py "$SMTP" "$WORK/sink.json" & SINK=$!; PIDS+=("$SINK")
sleep 1
MALLOC_ARENA_MAX=2 "$APP" --urls "http://127.0.0.1:$PORT" "${COMMON[@]}" --Masthead:Demo:LoadOnFirstStart false \
  --Masthead:Smtp:Host 127.0.0.1 --Masthead:Smtp:Port "$SMTP" --Masthead:Smtp:EnableSsl false --Masthead:Smtp:From newsroom@quire.bench \
  --Masthead:Newsletters:PollSeconds 1 >"$WORK/log" 2>&1 </dev/null & NODE=$!; PIDS+=("$NODE")
for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done

start=$(date +%s%N)
sql "INSERT INTO \"NewsletterSends\" (\"NewsletterId\", \"ArticleId\", \"State\", \"RequestedAt\", \"RequestedBy\", \"RecipientsListed\", \"Total\", \"SentCount\", \"FailedCount\")
     SELECT \"Id\", $ARTICLE, 'Waiting', $NOW, 'bench', $FALSE, 0, 0, 0 FROM \"Newsletters\" WHERE \"Name\" = 'Bench Daily'"
listed=""; peak=0; deadline=$(( $(date +%s) + ${BENCH_TIMEOUT:-900} ))
while :; do
  if [ "$(date +%s)" -gt "$deadline" ]; then echo "No finished send after ${BENCH_TIMEOUT:-900} s: ${state:-}" >&2; tail -20 "$WORK/log" >&2; exit 1; fi
  state="$(sql "SELECT \"State\" || ' ' || \"Total\" || ' ' || \"SentCount\" FROM \"NewsletterSends\"")"
  if [ -z "$listed" ] && [ "$(cut -d' ' -f2 <<<"$state")" -gt 0 ]; then listed=$(( ($(date +%s%N) - start) / 1000000 )); fi
  rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$NODE/status"); [ "$rss" -gt "$peak" ] && peak=$rss
  [ "${state%% *}" = Sent ] && break
  sleep 0.5
done
ms=$(( ($(date +%s%N) - start) / 1000000 ))
kill "$NODE"; wait "$NODE" 2>/dev/null || true
kill -TERM "$SINK"; wait "$SINK" 2>/dev/null || true
read -r messages duplicated bytes < <(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["messages"], d["duplicated"], d["bytes"])' "$WORK/sink.json")
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); $DB; state: $state" >&2
echo "| $DB | $N | $listed ms | $(awk -v ms="$ms" 'BEGIN {printf "%.1f s", ms/1000}') | $(awk -v n="$messages" -v ms="$ms" 'BEGIN {printf "%.0f", n*1000/ms}') | $messages | $duplicated | $peak MB | $(awk -v b="$bytes" -v n="$messages" 'BEGIN {printf "%.0f", b/n/1024}') KB |"
