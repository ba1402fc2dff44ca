# Shared by scripts/setup and scripts/test. Sourced, not run.
# Everything here is idempotent: running it twice changes nothing the second time.

set -euo pipefail

APP_NAME=smart_city_contest
APP_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_DIR=${BENCH_DIR:-/home/frappe/frappe-bench}
FRAPPE_USER=${FRAPPE_USER:-frappe}
DB_ROOT_PASSWORD=${DB_ROOT_PASSWORD:-root}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-admin}
UPSTREAM_FRAPPE=https://github.com/frappe/frappe

log() { printf '\033[1m[%s]\033[0m %s\n' "$(basename "$0")" "$*" >&2; }
die() { printf '\033[31m[%s] ERROR:\033[0m %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

# Run a command as the bench owner (bench refuses root).
as_frappe() {
  if is_root; then
    runuser -u "$FRAPPE_USER" -- env HOME="/home/$FRAPPE_USER" PATH="/usr/local/bin:/usr/bin:/bin" ${CI:+CI=$CI} "$@"
  else
    "$@"
  fi
}

in_bench() { (cd "$BENCH_DIR" && as_frappe "$@"); }

# Debian packages: database, cache, fonts for the official documents, WeasyPrint's pango, poppler for checks.
SYSTEM_PACKAGES=(
  mariadb-server mariadb-client libmariadb-dev pkg-config redis-server
  python3-venv python3-dev git curl rsync cron
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-noto-cjk fonts-arphic-uming
  fonts-arphic-gbsn00lp fonts-arphic-ukai fonts-dejavu-core texlive-lang-chinese poppler-utils wkhtmltopdf
  chromium chromium-driver xvfb
)

install_system_packages() {
  local missing=()
  for p in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  is_root || die "missing Debian packages: ${missing[*]} (run as root, or install them)"
  log "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_node_tools() {
  command -v node >/dev/null || die "Node.js 18+ is required (Debian package nodejs or the machine's node)"
  command -v yarn >/dev/null || { log "installing yarn"; npm install -g yarn >/dev/null; }
}

install_bench_cli() {
  # bench 5.x creates the bench's virtualenv with uv, so both go on the PATH.
  command -v bench >/dev/null && command -v uv >/dev/null && return 0
  is_root || die "the bench CLI is missing: pip install frappe-bench uv"
  log "installing the bench CLI (PyPI frappe-bench, uv) in /opt/bench-cli"
  /usr/bin/python3 -m venv /opt/bench-cli
  /opt/bench-cli/bin/pip install -q frappe-bench uv
  ln -sf /opt/bench-cli/bin/bench /usr/local/bin/bench
  ln -sf /opt/bench-cli/bin/uv /usr/local/bin/uv
}

ensure_frappe_user() {
  id "$FRAPPE_USER" >/dev/null 2>&1 || { is_root && useradd -m -s /bin/bash "$FRAPPE_USER"; }
  is_root && chmod 755 "/home/$FRAPPE_USER" || true
}

# MariaDB as Frappe needs it: utf8mb4, a root password usable over TCP.
configure_mariadb() {
  # What the app needs from MariaDB (README, "MariaDB settings"): utf8mb4 throughout, and
  # READ COMMITTED, so that applicants saving different projects at once take no gap locks on the
  # child tables (at REPEATABLE READ those locks deadlock each other on deadline day).
  local cnf=/etc/mysql/mariadb.conf.d/99-frappe.cnf
  is_root || return 0
  if [ ! -f "$cnf" ]; then
    cat > "$cnf" <<'CNF'
[mysqld]
character-set-client-handshake = FALSE
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci
innodb_buffer_pool_size = 512M
innodb_flush_log_at_trx_commit = 2
transaction-isolation = READ-COMMITTED
[mysql]
default-character-set = utf8mb4
CNF
  elif ! grep -Eq '^[[:space:]]*transaction[-_]isolation[[:space:]]*=[[:space:]]*READ-COMMITTED[[:space:]]*$' "$cnf"; then
    # A file from an earlier setup (or the bureau's own): set the level in its [mysqld] section.
    log "MariaDB: transaction-isolation = READ-COMMITTED in $cnf"
    sed -i -E '/^[[:space:]]*transaction[-_]isolation[[:space:]]*=/d' "$cnf"
    if grep -q '^\[mysqld\]' "$cnf"; then
      sed -i '0,/^\[mysqld\]/s//[mysqld]\ntransaction-isolation = READ-COMMITTED/' "$cnf"
    else
      printf '\n[mysqld]\ntransaction-isolation = READ-COMMITTED\n' >> "$cnf"
    fi
    # A server already running takes it for new connections now (the file holds it after a restart).
    local sql="SET GLOBAL TRANSACTION ISOLATION LEVEL READ COMMITTED"
    mariadb -uroot -p"$DB_ROOT_PASSWORD" -e "$sql" 2>/dev/null || mariadb -uroot -e "$sql" 2>/dev/null || true
  fi
}

start_mariadb() {
  if mariadb-admin ping -uroot -p"$DB_ROOT_PASSWORD" --silent 2>/dev/null || mariadb-admin ping --silent 2>/dev/null; then
    :
  else
    is_root || die "MariaDB is not running and only root can start it"
    log "starting MariaDB"
    service mariadb start >/dev/null 2>&1 || (mysqld_safe >/dev/null 2>&1 &)
    for _ in $(seq 60); do mariadb-admin ping --silent 2>/dev/null && break; sleep 1; done
  fi
  # Give root a password for TCP logins (Debian defaults to unix_socket only).
  if ! mariadb -uroot -p"$DB_ROOT_PASSWORD" -h127.0.0.1 -e 'select 1' >/dev/null 2>&1; then
    is_root || die "cannot log in to MariaDB as root with DB_ROOT_PASSWORD"
    mariadb -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('$DB_ROOT_PASSWORD'); FLUSH PRIVILEGES;"
  fi
}

# The bench's own Redis instances (cache and queue), from the configs bench generated.
start_redis() {
  local conf
  for conf in redis_cache redis_queue; do
    [ -f "$BENCH_DIR/config/$conf.conf" ] || continue
    local port; port=$(awk '/^port/{print $2}' "$BENCH_DIR/config/$conf.conf")
    if ! redis-cli -p "$port" ping >/dev/null 2>&1; then
      log "starting $conf on port $port"
      (cd "$BENCH_DIR/config" && as_frappe redis-server "$BENCH_DIR/config/$conf.conf" --daemonize yes >/dev/null)
      for _ in $(seq 20); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.5; done
    fi
  done
}

prepare_system() {
  install_system_packages
  install_node_tools
  install_bench_cli
  ensure_frappe_user
  configure_mariadb
  start_mariadb
}

# Where Frappe v15 comes from, first found wins: --frappe-path (the caller passes it), then
# $FRAPPE_PATH, then the vendored bundle beside the checkout (../shared/vendor/frappe-v15.bundle,
# for machines without GitHub), then upstream GitHub.
VENDOR_BUNDLE=${VENDOR_BUNDLE:-$(cd "$APP_SRC/.." && pwd)/shared/vendor/frappe-v15.bundle}
VENDOR_CLONE=${VENDOR_CLONE:-/home/$FRAPPE_USER/frappe-v15-src}

pick_frappe_source() {
  local given=${1:-}
  if [ -n "$given" ]; then echo "$given"
  elif [ -n "${FRAPPE_PATH:-}" ]; then echo "$FRAPPE_PATH"
  elif [ -f "$VENDOR_BUNDLE" ]; then echo "$VENDOR_BUNDLE"
  else echo "$UPSTREAM_FRAPPE"
  fi
}

# bench init wants a git work tree owned by the bench user; a bundle file is cloned into one first.
materialise_frappe_source() {
  local source=$1
  case "$source" in
    *.bundle)
      [ -f "$source" ] || die "Frappe bundle not found: $source"
      if [ ! -d "$VENDOR_CLONE/.git" ]; then
        log "cloning the vendored Frappe bundle into $VENDOR_CLONE"
        mkdir -p "$(dirname "$VENDOR_CLONE")"
        git clone -q --branch version-15 "$source" "$VENDOR_CLONE"
        is_root && chown -R "$FRAPPE_USER:$FRAPPE_USER" "$VENDOR_CLONE"
      fi
      echo "$VENDOR_CLONE" ;;
    *) echo "$source" ;;
  esac
}

# bench init from a Frappe v15 source: a git URL, a local clone or a git bundle.
init_bench() {
  if [ -d "$BENCH_DIR/apps/frappe" ]; then
    log "bench exists at $BENCH_DIR"
    return 0
  fi
  local source
  source=$(materialise_frappe_source "$(pick_frappe_source "${1:-}")")
  local parent; parent=$(dirname "$BENCH_DIR")
  mkdir -p "$parent"; is_root && chown "$FRAPPE_USER" "$parent"
  log "bench init $BENCH_DIR from $source (branch version-15)"
  (cd "$parent" && as_frappe bench init --frappe-path "$source" --frappe-branch version-15 \
      --python /usr/bin/python3 --skip-redis-config-generation --no-procfile \
      "$(basename "$BENCH_DIR")")
  in_bench bench setup redis
  in_bench bench setup procfile
}

# Put this checkout's app into the bench: a symlink when the bench user can read the checkout
# (development), otherwise a copy (CI clones into root-only folders).
install_app_into_bench() {
  local target="$BENCH_DIR/apps/$APP_NAME"
  if [ "${APP_COPY:-0}" != 1 ] && as_frappe test -r "$APP_SRC/pyproject.toml"; then
    if [ "$(readlink -f "$target" 2>/dev/null)" != "$APP_SRC" ] || [ ! -L "$target" ]; then
      rm -rf "$target"; ln -s "$APP_SRC" "$target"
    fi
  else
    log "copying $APP_SRC into $target"
    [ -L "$target" ] && rm -f "$target"
    mkdir -p "$target"
    rsync -a --delete --exclude .git --exclude '__pycache__' "$APP_SRC/" "$target/"
    is_root && chown -R "$FRAPPE_USER:$FRAPPE_USER" "$target"
  fi
  grep -qx "$APP_NAME" "$BENCH_DIR/sites/apps.txt" || { printf '\n%s' "$APP_NAME" >> "$BENCH_DIR/sites/apps.txt"; sed -i '/^$/d' "$BENCH_DIR/sites/apps.txt"; }
  # Frappe v15 still imports pkg_resources (Google integrations), which setuptools 81 removed.
  in_bench ./env/bin/pip install -q "setuptools<81" -e "apps/$APP_NAME"
}
