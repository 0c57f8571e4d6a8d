#!/usr/bin/env bash
# Makes a real WordPress export for bench/import.sh: the peer WordPress 6.1 (/work/shared/peers) is filled with an
# invented newspaper through WordPress's own functions (bench/real-export/wordpress-content.php) and exported with
# WordPress's own exporter (Tools › Export, "All content"). The newspaper is a site of its own on the same peer
# (host "localhost:8081", database wordpress_tide), so the peer's other content and this one never mix.
# Writes OUT/wordpress-tide.wxr.xml and OUT/uploads (a copy of the site's pictures from wp-content/uploads, for --media;
# the pictures share the peer's uploads folder, where their names, "*-tide-N.jpg", keep them apart).
# Run as root: bench/make-real-export.sh [OUT=/tmp/masthead-real-export] [posts=1000] [pictures=200]
#   FRESH=1 drops the newspaper's database first and makes it again.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PEERS="${PEERS_DIR:-/work/shared/peers}"
OUT="${1:-/tmp/masthead-real-export}"
POSTS="${2:-1000}"
PICTURES="${3:-200}"
HOST=localhost:8081
DB=wordpress_tide
CONF=/etc/wordpress/config-localhost.php
UPLOADS=/var/lib/wordpress/wp-content/uploads

bash "$PEERS/setup-wordpress.sh" >/dev/null
[ "${FRESH:-0}" = 1 ] && { mariadb -e "DROP DATABASE IF EXISTS \`$DB\`"; rm -f "$UPLOADS"/20*/*/*-tide-*.jpg; }
mariadb <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
GRANT ALL PRIVILEGES ON \`$DB\`.* TO 'wordpress'@'localhost';
FLUSH PRIVILEGES;
SQL
if [ ! -f "$CONF" ]; then
  # The peer's own host file, pointed at this site's database, address and uploads folder.
  sed -e "s/define('DB_NAME', 'wordpress')/define('DB_NAME', '$DB')/" -e "s#http://127.0.0.1:8081#http://$HOST#g" \
      /etc/wordpress/config-127.0.0.1.php > "$CONF"
  chown root:www-data "$CONF"; chmod 640 "$CONF"
fi
mkdir -p "$UPLOADS"; chown www-data:www-data "$UPLOADS"
runuser -u www-data -- env PEER_WP_HOST=$HOST php "$PEERS/wp-install.php" admin peers-admin-pass admin@tide.example >/dev/null

tmp=$(mktemp -d); chmod 755 "$tmp"; trap 'rm -rf "$tmp"' EXIT
cp "$HERE/real-export/wordpress-content.php" "$tmp/"
time runuser -u www-data -- env PEER_WP_HOST=$HOST php "$tmp/wordpress-content.php" "$POSTS" "$PICTURES"
chown www-data "$tmp"
runuser -u www-data -- env PEER_WP_HOST=$HOST php "$PEERS/wp-export.php" "$tmp/wp.xml"
mkdir -p "$OUT"
cp "$tmp/wp.xml" "$OUT/wordpress-tide.wxr.xml"
rm -rf "$OUT/uploads"; mkdir -p "$OUT/uploads"
(cd "$UPLOADS" && find . -name '*-tide-*' -exec cp --parents -t "$OUT/uploads" {} +)
ls -la "$OUT"; du -sh "$OUT/uploads"
