# Shared by bench/run.sh and bench/cluster.sh (sourced): the nginx ceiling and one wrk measurement.
# Callers set WORK, CONNECTIONS, DURATION and the PIDS array.

# Serves the file $2 as every page on 127.0.0.1:$1, the ceiling a page server is compared with.
start_static_nginx() { # port file [gzipped-file]: with the third, nginx sends those bytes to clients that accept gzip
  mkdir -p "$WORK/nginx/html" "$WORK/nginx/logs"
  cp "$2" "$WORK/nginx/html/article.html"
  if [ -n "${3:-}" ]; then cp "$3" "$WORK/nginx/html/article.html.gz"; fi
  cat >"$WORK/nginx/nginx.conf" <<NGINX
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  gzip_static on;
  server { listen 127.0.0.1:$1; root $WORK/nginx/html; location / { default_type text/html; try_files /article.html =404; } }
}
NGINX
  nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" -g 'daemon off;' </dev/null >/dev/null 2>&1 & PIDS+=("$!")
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
