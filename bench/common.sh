# Shared by bench/run.sh and bench/cluster.sh (sourced): the nginx ceiling and one wrk measurement.
# Callers set WORK, CONNECTIONS, DURATION and the PIDS array.

# Serves the file $2 as every page on 127.0.0.1:$1, the ceiling a page server is compared with.
# With a fourth argument (a file of "Name: value" lines, as `curl -D` writes them), nginx also sends those headers,
# so it writes the same bytes per answer as the server it is compared with, not only the same body.
start_static_nginx() { # port file [gzipped-file] [headers-file]
  local dir="$WORK/nginx-$1"
  mkdir -p "$dir/html" "$dir/logs"
  cp "$2" "$dir/html/article.html"
  if [ -n "${3:-}" ]; then cp "$3" "$dir/html/article.html.gz"; fi
  local extra=""
  if [ -n "${4:-}" ]; then
    # What nginx writes itself (status line, date, length, type, encoding, validators of its own) is left to it.
    extra="$(tr -d '\r' <"$4" | grep -E '^[A-Za-z0-9-]+: ' \
      | grep -viE '^(date|content-length|content-type|content-encoding|connection|server|last-modified|accept-ranges|vary|transfer-encoding):' \
      | sed -E 's/\\/\\\\/g; s/"/\\"/g; s/^([^:]+): (.*)$/add_header \1 "\2";/')"
    extra="server_tokens off; etag off; charset utf-8; gzip_vary on; $extra"
  fi
  cat >"$dir/nginx.conf" <<NGINX
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  gzip_static on;
  server { listen 127.0.0.1:$1; root $dir/html; location / { default_type text/html; try_files /article.html =404; $extra } }
}
NGINX
  nginx -c "$dir/nginx.conf" -p "$dir" -g 'daemon off;' </dev/null >/dev/null 2>&1 & PIDS+=("$!")
  sleep 1
}

# One wrk run; prints label|req/s|p50|p99|errors.
measure() { # label url [header]
  local header=(); if [ -n "${3:-}" ]; then header=(-H "$3"); fi
  local out; out="$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "${header[@]}" "$2")"
  local rps p50 p99
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
  p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
  local errors; errors="$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr -s ' ' | tr '\n' ' ' || true)"
  printf '%s|%s|%s|%s|%s\n' "$1" "$rps" "$p50" "$p99" "${errors:-none}"
}
