#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL cluster for tests, from the server binaries
# installed under /usr/lib/postgresql/*/bin (installing Debian's postgresql if none).
#   pg-throwaway.sh start <dir>   → prints the DATABASE_URL on stdout
#   pg-throwaway.sh stop <dir>
# The server refuses to run as root, so it runs as the `postgres` user (created if missing).
set -euo pipefail
action=${1:?start|stop}
dir=${2:?cluster directory}

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    bin=$(find_bin || true)
    if [ -z "$bin" ]; then
      echo "[pg] no PostgreSQL server binaries found; installing Debian's postgresql" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2
      apt-get install -y -qq postgresql >&2
      bin=$(find_bin)
    fi
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
      useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
    # A free port: ask the kernel for one, then hand it to postgres.
    port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -U simpul --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=200" \
      start >&2
    echo "$port" >"$dir/port"
    echo "[pg] $("$bin/postgres" --version) on 127.0.0.1:$port" >&2
    echo "postgres://simpul@127.0.0.1:$port/postgres"
    ;;
  stop)
    bin=$(find_bin)
    if [ -d "$dir/data" ]; then
      as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop <dir>" >&2
    exit 2
    ;;
esac
