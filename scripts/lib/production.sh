# Production serving of the bench, shared by scripts/setup (--production) and scripts/test (its
# production phase). Sourced after common.sh, not run.
#
# nginx (Debian package) on port 80 in front of gunicorn on 127.0.0.1:8000; gunicorn, socketio, the
# scheduler, the RQ workers and the bench's Redis under supervisor (Debian package). The configs are
# bench's own (bench setup nginx / supervisor), linked into /etc. nginx replaces any X-Forwarded-For a
# client sends with the address it sees (bench's template: proxy_set_header X-Forwarded-For
# $remote_addr), and Frappe takes its request_ip from that header, so the notice page's rate limit
# counts real client addresses; gunicorn listens on 127.0.0.1 only, so nobody can reach it around nginx
# with a forged header.

NGINX_LINK=/etc/nginx/conf.d/frappe-bench.conf
PRODUCTION_REMOVED_DEFAULT=0
SUPERVISOR_LINK=/etc/supervisor/conf.d/frappe-bench.conf

supervisord_running() { supervisorctl pid >/dev/null 2>&1; }

#   setup_production SITE [--keep-redis]
# --keep-redis leaves the bench's Redis as it runs now (started by start_redis) instead of handing it
# to supervisor: scripts/test uses it so that the Redis other processes of the bench use is never
# restarted under them.
setup_production() {
  local site=$1 keep_redis=0 p conf port missing=()
  [ "${2:-}" = --keep-redis ] && keep_redis=1
  is_root || die "production needs root (Debian packages nginx and supervisor, /etc/nginx, /etc/supervisor)"
  for p in nginx supervisor; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi

  # The site answers on port 80 whatever the Host header. bench gives the bench's other sites (test
  # sites...) ports 8001, 8002...: those are kept to the loopback interface.
  in_bench bench --site "$site" set-config --parse nginx_port 80 >/dev/null
  # "combined" is nginx's built-in log format (bench's default "main" is not defined on Debian).
  in_bench bench setup nginx --yes --logging combined --log_format combined >/dev/null
  sed -i -E 's/^(\s*)listen ([0-9]+);/\1listen 127.0.0.1:\2;/; s/^(\s*)listen \[::\]:([0-9]+);/\1listen [::1]:\2;/; s/listen 127\.0\.0\.1:80;/listen 80;/; s/listen \[::1\]:80;/listen [::]:80;/' \
    "$BENCH_DIR/config/nginx.conf"
  grep -q 'proxy_set_header X-Forwarded-For \$remote_addr;' "$BENCH_DIR/config/nginx.conf" \
    || die "bench's nginx.conf no longer replaces X-Forwarded-For with the client's address"
  if [ "$keep_redis" = 1 ]; then
    in_bench bench setup supervisor --yes --skip-supervisord --skip-redis >/dev/null
  else
    in_bench bench setup supervisor --yes --skip-supervisord >/dev/null
  fi
  ln -sf "$BENCH_DIR/config/nginx.conf" "$NGINX_LINK"
  if [ -L /etc/nginx/sites-enabled/default ] || [ -e /etc/nginx/sites-enabled/default ]; then
    rm -f /etc/nginx/sites-enabled/default   # its default_server on port 80 would answer instead of the site
    PRODUCTION_REMOVED_DEFAULT=1
  fi
  ln -sf "$BENCH_DIR/config/supervisor.conf" "$SUPERVISOR_LINK"

  if ! supervisord_running; then
    if [ "$keep_redis" = 0 ]; then
      # The Redis started by start_redis gives way to supervisor's (same configs and data files;
      # SHUTDOWN saves the data first).
      for conf in redis_cache redis_queue; do
        port=$(awk '/^port/{print $2}' "$BENCH_DIR/config/$conf.conf")
        redis-cli -p "$port" shutdown >/dev/null 2>&1 || true
      done
    fi
    log "starting supervisord"
    service supervisor start >/dev/null 2>&1 || supervisord -c /etc/supervisor/supervisord.conf
    for _ in $(seq 30); do supervisord_running && break; sleep 1; done
  fi
  supervisorctl reread >/dev/null
  supervisorctl update >/dev/null
  # supervisord creates the log files as root; bench start (Procfile redirections) appends as frappe.
  chown "$FRAPPE_USER:$FRAPPE_USER" "$BENCH_DIR"/logs/*.log 2>/dev/null || true
  # New code or config: restart the web and worker groups (Redis keeps running).
  local bench_name; bench_name=$(basename "$BENCH_DIR")
  supervisorctl restart "$bench_name-web:" "$bench_name-workers:" >/dev/null

  nginx -t 2>/dev/null || { nginx -t; die "nginx rejected its configuration"; }
  if pgrep -x nginx >/dev/null; then nginx -s reload; else service nginx start >/dev/null 2>&1 || nginx; fi
  for _ in $(seq 60); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1/api/method/ping)" = 200 ] && break
    sleep 1
  done
  [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1/api/method/ping)" = 200 ] \
    || die "the site does not answer on http://127.0.0.1/ (see $BENCH_DIR/logs/web.error.log, supervisorctl status)"
  supervisorctl status | sed "s/^/  /" >&2 || true
  log "production: $site on http://$(hostname -f 2>/dev/null || hostname)/ (nginx :80 -> gunicorn 127.0.0.1:8000; supervisorctl status)"
}

#   stop_production SITE
# Undoes setup_production for a test run: every program under supervisor and supervisord itself
# stopped, nginx stopped, the links in /etc removed (nginx's Debian default site put back if
# setup_production took it away) and the site's port 80 dropped from its config. The bench's Redis, if setup_production kept it, still runs.
stop_production() {
  local site=$1
  if supervisord_running; then
    log "stopping supervisor's programs and supervisord"
    supervisorctl stop all >/dev/null 2>&1 || true
    supervisorctl shutdown >/dev/null 2>&1 || true
    for _ in $(seq 60); do pgrep -x supervisord >/dev/null || break; sleep 0.5; done
  fi
  if pgrep -x nginx >/dev/null; then
    log "stopping nginx"
    nginx -s quit 2>/dev/null || service nginx stop >/dev/null 2>&1 || true
    for _ in $(seq 60); do pgrep -x nginx >/dev/null || break; sleep 0.5; done
  fi
  rm -f "$NGINX_LINK" "$SUPERVISOR_LINK"
  if [ "${PRODUCTION_REMOVED_DEFAULT:-0}" = 1 ] && [ ! -e /etc/nginx/sites-enabled/default ]; then
    ln -s /etc/nginx/sites-available/default /etc/nginx/sites-enabled/default
  fi
  in_bench bench --site "$site" set-config nginx_port None >/dev/null 2>&1 || true
}

#   production_phase SITE
# scripts/test's production phase: SITE served as setup_production serves it (the bench's Redis kept as
# it runs) while tests/integration/test_production.py drives it through http://127.0.0.1/, then all of
# it stopped (stop_production), whatever happened. Needs root, and nothing of its own already running
# (supervisord, nginx, ports 80, 8000, 9000): otherwise skipped with a log line (an error under CI).
production_phase() {
  local site=$1 busy=
  if ! is_root; then
    log "production phase skipped: it needs root (nginx on port 80, supervisor)"
    return 0
  fi
  supervisord_running && busy="supervisord is already running"
  pgrep -x nginx >/dev/null && busy="nginx is already running"
  for port in 80 8000 9000; do
    ss -Hltn "sport = :$port" 2>/dev/null | grep -q . && busy="port $port is in use"
  done
  if [ -n "$busy" ]; then
    [ "${CI:-}" = true ] && { log "production phase cannot run: $busy"; return 1; }
    log "production phase skipped: $busy (it would not be this run's to stop)"
    return 0
  fi
  local phase_started; phase_started=$(date +%s)
  log "production phase: $site behind nginx on port 80, under supervisor"
  trap 'stop_production "$site"' EXIT INT TERM
  [ -e /etc/nginx/sites-enabled/default ] && PRODUCTION_REMOVED_DEFAULT=1
  local phase_status
  # A subshell, so that a failure in it (die, set -e) ends the phase only; not under || (which
  # would switch set -e off inside it).
  ( set -e; setup_production "$site" --keep-redis )
  phase_status=$?
  if [ "$phase_status" = 0 ]; then
    (cd "$BENCH_DIR/apps/$APP_NAME" && as_frappe env SCC_BENCH_DIR="$BENCH_DIR" SCC_TEST_SITE="$site" \
      SCC_PRODUCTION_URL=http://127.0.0.1/ "$BENCH_DIR/env/bin/python" -m pytest -p no:cacheprovider tests/integration/test_production.py) \
      || phase_status=$?
  fi
  stop_production "$site"
  trap - EXIT INT TERM
  start_redis   # as it was (setup_production kept it; this only restarts one that went away)
  log "production phase finished in $(( $(date +%s) - phase_started ))s with exit status $phase_status"
  return "$phase_status"
}
