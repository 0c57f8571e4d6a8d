#!/usr/bin/env bash
# Makes wordpress-real.wxr.xml.gz and ghost-real.json.gz with the real systems: starts the peers
# (/work/shared/peers), loads invented content (wordpress-content.php through wp-load.php; ghost-corpus.json through
# Ghost's Admin API, which converts the HTML into Lexical) and exports with each system's own exporter.
# Run as root on a project machine: tests/Masthead.Tests/Import/Fixtures/real/make-fixtures.sh
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PEERS="${PEERS_DIR:-/work/shared/peers}"
bash "$PEERS/setup-wordpress.sh"
tmp=$(mktemp -d); chmod 755 "$tmp"; trap 'rm -rf "$tmp"' EXIT
cp "$HERE/wordpress-content.php" "$tmp/"
runuser -u www-data -- php "$tmp/wordpress-content.php"
chown www-data "$tmp"
runuser -u www-data -- env PEER_WP_HOST=127.0.0.1:8081 php "$PEERS/wp-export.php" "$tmp/wp.xml"
# -n: no name or time in the header, so the same export gives the same bytes.
gzip -9 -n -c "$tmp/wp.xml" > "$HERE/wordpress-real.wxr.xml.gz"
# The one picture, as a copy of wp-content/uploads for --media.
mkdir -p "$HERE/uploads/2024/03"
cp /var/lib/wordpress/wp-content/uploads/2024/03/mill-pond.png "$HERE/uploads/2024/03/"
ls -la "$HERE"

bash "$PEERS/setup-ghost.sh"
export GHOST_URL=http://127.0.0.1:2368 GHOST_BASE=${PEERS_HOME:-/opt/peers}/ghost
node "$PEERS/ghost-admin.mjs" load "$HERE/ghost-corpus.json"
node "$PEERS/ghost-admin.mjs" export "$tmp/ghost.json"
gzip -9 -n -c "$tmp/ghost.json" > "$HERE/ghost-real.json.gz"
