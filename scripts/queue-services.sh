#!/usr/bin/env bash
# PostgreSQL and Redis for the queue-mode test (npm run test:queue), from Debian's packages, on
# loopback only, in a folder of their own (nothing of the machine's own services is touched).
#
#   scripts/queue-services.sh install                       # apt-get the packages when missing (root or sudo)
#   scripts/queue-services.sh start <dir> <pgPort> <redisPort>   # idempotent; prints KEY=VALUE lines
#   scripts/queue-services.sh stop <dir>                    # stops what `start` started there
#
# `start` makes a throw-away cluster in <dir>/pg (initdb, trust auth on 127.0.0.1 only: it is a
# test database nobody else can reach) with role and database `n8n`, and a Redis without
# persistence in <dir>/redis. Both run as daemons without systemd; stop them with `stop`.
set -euo pipefail

die() { echo "queue-services: $*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root (or sudo) for: $*"; fi
}

pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$dir" ] && [ -x "$dir/initdb" ] || return 1
  echo "$dir"
}

installed() { pg_bin >/dev/null && command -v redis-server >/dev/null && command -v redis-cli >/dev/null; }

install() {
  if installed; then echo "postgresql and redis-server already installed"; return; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # the packages' own service start (invoke-rc.d) does nothing without systemd/init: fine
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql redis-server
  installed || die "postgresql / redis-server still missing after apt-get install"
}

# runs a PostgreSQL program as the unprivileged `postgres` user when we are root (it refuses root)
pg_run() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local dir="${1:?usage: start <dir> <pgPort> <redisPort>}" pg_port="${2:?pgPort}" redis_port="${3:?redisPort}"
  installed || install
  local bin; bin="$(pg_bin)"
  mkdir -p "$dir/pg" "$dir/pg-run" "$dir/redis"
  dir="$(cd "$dir" && pwd)"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || die "no postgres user (the postgresql package creates it)"
    chown postgres: "$dir/pg" "$dir/pg-run"
    # postgres must be able to reach its folders (mktemp folders are 0700 root)
    chmod o+x "$dir"
    runuser -u postgres -- test -x "$dir/pg" || die "user postgres cannot reach $dir: its parent folders must be searchable by others (e.g. use mktemp -d under /tmp)"
  fi
  chmod 700 "$dir/pg"

  if [ ! -f "$dir/pg/PG_VERSION" ]; then
    pg_run "$bin/initdb" -D "$dir/pg" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  fi
  if ! pg_run "$bin/pg_ctl" -D "$dir/pg" status >/dev/null 2>&1; then
    pg_run "$bin/pg_ctl" -D "$dir/pg" -l "$dir/pg-run/postgres.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $dir/pg-run -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      >/dev/null || { cat "$dir/pg-run/postgres.log" >&2; die "postgres did not start"; }
  fi
  local psql=("$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qtA)
  if [ "$(pg_run "${psql[@]}" -c "select 1 from pg_roles where rolname = 'n8n'")" != 1 ]; then
    pg_run "${psql[@]}" -c "create role n8n login password 'n8n'"
  fi
  if [ "$(pg_run "${psql[@]}" -c "select 1 from pg_database where datname = 'n8n'")" != 1 ]; then
    pg_run "${psql[@]}" -c "create database n8n owner n8n"
  fi

  if ! redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1; then
    redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --dir "$dir/redis" \
      --pidfile "$dir/redis/redis.pid" --logfile "$dir/redis/redis.log" --save '' --appendonly no
    for _ in $(seq 1 100); do redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
    redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null || { cat "$dir/redis/redis.log" >&2; die "redis did not start"; }
  fi
  echo "$pg_port" >"$dir/pg-port"
  cat <<EOF
DB_POSTGRESDB_HOST=127.0.0.1
DB_POSTGRESDB_PORT=$pg_port
DB_POSTGRESDB_DATABASE=n8n
DB_POSTGRESDB_USER=n8n
DB_POSTGRESDB_PASSWORD=n8n
QUEUE_BULL_REDIS_HOST=127.0.0.1
QUEUE_BULL_REDIS_PORT=$redis_port
EOF
}

stop() {
  local dir="${1:?usage: stop <dir>}"
  [ -d "$dir" ] || return 0
  local bin; bin="$(pg_bin)" || true
  if [ -n "${bin:-}" ] && [ -f "$dir/pg/postmaster.pid" ]; then
    pg_run "$bin/pg_ctl" -D "$dir/pg" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  if [ -f "$dir/redis/redis.pid" ]; then
    local pid; pid="$(cat "$dir/redis/redis.pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
}

case "${1:-}" in
  install) install ;;
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: $0 install | start <dir> <pgPort> <redisPort> | stop <dir>" >&2; exit 2 ;;
esac
