# Sourced by test.sh and tests/Benchmarks/scale.sh: a throwaway PostgreSQL cluster of Debian's packages (installed if
# missing) in the folder $pg, on a free loopback port ($port), run as the postgres user; extra server settings in "$@".
# stop_throwaway_postgres stops it. Needs root (apt-get, runuser), as on the project's machines.
start_throwaway_postgres() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "Installing PostgreSQL from Debian's packages..."
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 postgresql >/dev/null
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  chown postgres:postgres "$pg"
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg/data" -A trust -U postgres >/dev/null
  local options="-k $pg -c listen_addresses=127.0.0.1 $*"
  for _ in 1 2 3 4 5; do
    port=$(shuf -i 20000-60000 -n 1)
    if runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg/data" -l "$pg/log" -w -t 30 -o "-p $port $options" start >/dev/null; then
      return 0
    fi
  done
  echo "PostgreSQL did not start:" >&2
  cat "$pg/log" >&2
  return 1
}

stop_throwaway_postgres() {
  [ -f "$pg/data/postmaster.pid" ] && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg/data" -m immediate stop >/dev/null 2>&1
  return 0
}
