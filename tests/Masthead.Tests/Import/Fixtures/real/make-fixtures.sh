#!/usr/bin/env bash
# Makes wordpress-real.wxr.xml.gz with the real WordPress: starts the peer (../../../../../../shared/peers, i.e.
# /work/shared/peers), loads wordpress-content.php (invented content) and exports with WordPress's own exporter.
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
