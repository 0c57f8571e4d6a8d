#!/usr/bin/env bash
# Masthead's whole test suite, on a bare Debian machine as root or on a developer's laptop:
#   1. installs what is missing (Chromium, PostgreSQL, Node/npm, the axe-core and vnu packages, the story
#      editor's packages, the feed and sitemap checkers: Debian's python3-feedparser and xmllint, and the SMTP
#      server the mail tests send to: python3-aiosmtpd),
#   2. starts a throwaway PostgreSQL on loopback,
#   3. runs the integration tests on SQLite and on PostgreSQL, and the browser tests in Chromium,
#   4. stops what it started and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
ROOT="$PWD"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# A non-UTC zone on the test machine catches dates that depend on the server's clock settings.
export TZ="${TZ:-Asia/Tokyo}"

# Each step says when it started (minutes since this script began), so a slow step shows in the log.
STARTED=$SECONDS
log() { printf '\n== %s (at %d min %02d s)\n' "$*" $(((SECONDS - STARTED) / 60)) $(((SECONDS - STARTED) % 60)); }

need_apt=()
command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet not found)." >&2; exit 1; }
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v npm >/dev/null || need_apt+=(nodejs npm)
# The feed tests run Debian's python3 (a pyenv python3 on PATH would not see Debian's module).
/usr/bin/python3 -c 'import feedparser' >/dev/null 2>&1 || need_apt+=(python3-feedparser)
command -v xmllint >/dev/null || need_apt+=(libxml2-utils)
# The mail tests send through a real SMTP server on loopback: Debian's aiosmtpd, run by Debian's python3.
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need_apt+=(python3-aiosmtpd)
# The cluster test puts Varnish (with its xkey module) in front of two nodes, using deploy/varnish/masthead.vcl.
command -v varnishd >/dev/null || [ -x /usr/sbin/varnishd ] || need_apt+=(varnish)
ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1 || need_apt+=(varnish-modules)
# deploy/systemd/masthead.service is checked by systemd-analyze verify (nothing is started).
command -v systemd-analyze >/dev/null || need_apt+=(systemd)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "Missing: ${need_apt[*]}; run as root or install them." >&2; exit 1; fi
  log "Installing ${need_apt[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null \
    || { echo "apt-get install failed" >&2; exit 1; }
fi

log "Installing page-checking packages and the S3-compatible test server (npm ci)"
(cd tests/Masthead.Browser.Tests && npm ci --no-audit --no-fund --loglevel=error) || exit 1
(cd tests/s3-server && npm ci --no-audit --no-fund --loglevel=error) || exit 1

# The story editor's bundle (and the settings page's picture picker, built beside it) is checked in, so the app
# runs without Node; rebuilding it here proves each bundle is what its sources make (and gives the round-trip
# tests the editor's packages).
log "Building the newsroom's story editor (npm ci, esbuild)"
bundles="src/Masthead.Web/wwwroot/newsroom/editor.js src/Masthead.Web/wwwroot/newsroom/picture-picker.js"
before="$(sha256sum $bundles 2>/dev/null)"
(cd src/newsroom-editor && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build) || exit 1
if [ "$before" != "$(sha256sum $bundles)" ]; then
  echo "$bundles: not what src/newsroom-editor builds; they have been rebuilt: commit them." >&2
  exit 1
fi

log "Building"
dotnet tool restore >/dev/null && dotnet build Masthead.slnx -c Release -nologo -clp:ErrorsOnly || exit 1

log "Starting a throwaway PostgreSQL"
PGPORT="${MASTHEAD_TEST_PGPORT:-$((55000 + RANDOM % 2000))}"
eval "$(eng/pg-up.sh "$PGPORT" | tr ' ' '\n' | sed 's/^/export /')" || exit 1
trap 'eng/pg-down.sh "$PGDIR"' EXIT

results="$(mktemp)"
run() { # name, then env assignments and the test project
  local name="$1"; shift
  log "Tests: $name"
  local argument project="" output; output="$(mktemp)"
  for argument in "$@"; do case "$argument" in tests/*) project="$argument" ;; esac; done
  local warnings="$project/bin/Release/net10.0/unexpected-warnings.log"
  rm -f "$warnings"
  # A failure's message and the first lines of its stack come through too (the rest is in no log once the run ends).
  env "$@" 2>&1 | tee "$output" | grep -E -A6 '^\s+(Failed|Error Message)|Passed!|Failed!|error|Cleanup Failure' ; local code=${PIPESTATUS[0]}
  # A class fixture whose app logged a warning no test declared fails as it stops, which xunit reports as a cleanup
  # failure: outside the pass/fail counts and without its message, so it is named here with the warnings (WarningLog).
  if grep -q 'Test Class Cleanup Failure' "$output"; then code=1; fi
  if [ -s "$warnings" ]; then cat "$warnings"; fi
  cat "$output" >>"$results.log"; rm -f "$output"
  echo "$name $code" >>"$results"
}
log "Formatting: dotnet format --verify-no-changes (fix with: dotnet format Masthead.slnx --severity error)"
dotnet format Masthead.slnx --verify-no-changes --no-restore 2>&1 | head -20; echo "formatting ${PIPESTATUS[0]}" >>"$results"
run "Core rules (no database)" dotnet test tests/Masthead.Core.Tests -c Release --no-build
run "integration on SQLite" MASTHEAD_TEST_DB=sqlite dotnet test tests/Masthead.Tests -c Release --no-build
run "integration on PostgreSQL" MASTHEAD_TEST_DB=postgres MASTHEAD_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres" \
  dotnet test tests/Masthead.Tests -c Release --no-build
run "browser (Chromium) on SQLite" MASTHEAD_TEST_DB=sqlite dotnet test tests/Masthead.Browser.Tests -c Release --no-build

passed=$(grep -oE 'Passed: +[0-9]+' "$results.log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$results.log" | awk '{s+=$2} END {print s+0}')
status=0
while read -r line; do [ "${line##* }" = 0 ] || status=1; done <"$results"
log "Summary"
cat "$results" | sed 's/ \([0-9]*\)$/: exit \1/'
echo "$passed passed, $failed failed"
rm -f "$results" "$results.log"
exit $status
