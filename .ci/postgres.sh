#!/usr/bin/env bash
# .ci/postgres.sh: a throwaway PostgreSQL for the event-log tests.
#
#   eval "$(.ci/postgres.sh)"      # install if missing, start, create db; exports NUDGE_TEST_POSTGRES_URL
#   .ci/postgres.sh stop           # stop it (the data under target/postgres is thrown away)
#
# Installs PostgreSQL from Debian's packages when no server binaries are found, runs a cluster
# under target/postgres listening on 127.0.0.1 only (trust auth: throwaway, local), creates the
# database "nudge" and prints the export line on stdout. Everything else goes to stderr.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="$root/target/postgres"
data="$base/data"
port="${NUDGE_PG_PORT:-55432}"
say() { echo "postgres.sh: $*" >&2; }

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [[ -x $d/pg_ctl ]] && { echo "$d"; return 0; }
  done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(readlink -f "$(command -v pg_ctl)")"; return 0; }
  return 1
}

bin="$(find_bin || true)"
if [[ -z $bin ]]; then
  say "no PostgreSQL server found; installing Debian's postgresql package"
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >&2
  bin="$(find_bin)"
fi

# initdb refuses to run as root: run the server as the postgres user then.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [[ ${1:-start} == stop ]]; then
  if [[ -f $data/postmaster.pid ]]; then
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >&2
  fi
  exit 0
fi

mkdir -p "$base"
[[ $(id -u) -eq 0 ]] && chown postgres "$base"
if [[ ! -f $data/PG_VERSION ]]; then
  say "initdb in $data"
  as_owner "$bin/initdb" -D "$data" -U nudge -A trust -E UTF8 --no-sync >&2
fi
if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  say "starting on 127.0.0.1:$port"
  as_owner "$bin/pg_ctl" -D "$data" -l "$base/server.log" -w -t 60 \
    -o "-p $port -k $base -c listen_addresses=127.0.0.1" start >&2
fi
if ! as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U nudge -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'nudge'" | grep -q 1; then
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U nudge nudge >&2
fi
url="jdbc:postgresql://127.0.0.1:$port/nudge?user=nudge"
say "ready: $url"
echo "export NUDGE_TEST_POSTGRES_URL='$url'"
