#!/usr/bin/env bash
# Makes sure what the tests talk to is there: Debian's Chromium (for Playwright) and a MariaDB
# answering on 127.0.0.1:3306 (root, empty password). Installs and starts what is missing.
# Safe to run again: it does nothing when all is in place.
set -u

log() { echo "[ensure-services] $*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else log "need root for: $*"; return 1; fi; }

apt_updated=0
apt_install() {
  if [ $apt_updated = 0 ]; then as_root apt-get update -qq >/dev/null 2>&1 || true; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then
  log "installing chromium and xvfb (Playwright uses Debian's Chromium; it never downloads a browser)"
  apt_install chromium xvfb || { log "could not install chromium"; exit 1; }
fi

mariadb_answers() {
  if command -v mariadb-admin >/dev/null; then mariadb-admin --protocol=tcp -h 127.0.0.1 -P 3306 -u root ping >/dev/null 2>&1; return; fi
  if command -v mysqladmin >/dev/null; then mysqladmin --protocol=tcp -h 127.0.0.1 -P 3306 -u root ping >/dev/null 2>&1; return; fi
  (exec 3<>/dev/tcp/127.0.0.1/3306) 2>/dev/null
}

if ! mariadb_answers; then
  if [ ! -x /usr/sbin/mariadbd ]; then
    log "installing mariadb-server"
    apt_install mariadb-server || { log "could not install mariadb-server"; exit 1; }
  fi
  log "starting MariaDB on 127.0.0.1:3306"
  as_root mkdir -p /run/mysqld && as_root chown mysql:mysql /run/mysqld 2>/dev/null || true
  as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true
  for _ in $(seq 1 60); do mariadb_answers && break; sleep 0.5; done
  if ! mariadb_answers; then log "MariaDB does not answer on 127.0.0.1:3306"; exit 1; fi
fi
log "chromium at $chromium_path; MariaDB answers on 127.0.0.1:3306"
