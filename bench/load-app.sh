#!/usr/bin/env bash
# Starts the web app with the demo prefecture for the load script (README "Load"), in the foreground; Ctrl-C stops it.
#   bench/load-app.sh sqlite     a fresh SQLite file in $FANGHU_LOAD_DIR (default /tmp/fanghu-load)
#   bench/load-app.sh postgres   a throwaway PostgreSQL 15 cluster in $FANGHU_LOAD_DIR, removed on exit
# Development is what loads the demo prefecture and the demo accounts on start (DevelopmentData); the first start
# spends a while loading it. The public pages' per-address limits are raised: every simulated resident files from
# 127.0.0.1, which the default limits (10 filings in 10 minutes per address) would refuse after the tenth.
set -euo pipefail
cd "$(dirname "$0")/.."

provider=${1:-sqlite}
dir=${FANGHU_LOAD_DIR:-/tmp/fanghu-load}
url=${FANGHU_LOAD_URL:-http://127.0.0.1:5080}
mkdir -p "$dir"

export ASPNETCORE_ENVIRONMENT=Development
export ASPNETCORE_URLS=$url
export PublicApplications__FilingsPerIp=1000000
export PublicApplications__LookupsPerIp=1000000
# Every simulated user signs in from this one address: the per-address sign-in limit is raised for the run.
export Accounts__LoginsPerAddress=1000000

case "$provider" in
  sqlite)
    export Database__Provider=Sqlite
    export Database__DataFolder=$dir
    export Database__FileName=fanghu-load.db
    ;;
  postgres)
    pg_bin=/usr/lib/postgresql/15/bin
    [ -x "$pg_bin/postgres" ] || { echo "PostgreSQL 15 is missing: apt-get install -y postgresql-15" >&2; exit 2; }
    as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
    pg_data="$dir/pg"
    pg_port=${FANGHU_LOAD_PG_PORT:-55432}
    rm -rf "$pg_data"
    mkdir -p "$pg_data"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$pg_data"
    trap 'as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$pg_data"' EXIT
    as_postgres "$pg_bin/initdb" -D "$pg_data" --auth=trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    # Durability stays on (unlike CI's throwaway cluster): the figures should be a real server's.
    as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -w -l "$pg_data/server.log" \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_data -c max_connections=300" start >/dev/null
    as_postgres "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE fanghu"
    export Database__Provider=Postgres
    export ConnectionStrings__Fanghu="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=fanghu;Maximum Pool Size=200"
    ;;
  *)
    echo "usage: bench/load-app.sh sqlite|postgres" >&2
    exit 2
    ;;
esac

echo "== Fanghu on $provider at $url (demo accounts, password in README)"
# Development logs every SQL command at Information; under load that is the console's time, not the app's.
env 'Logging__LogLevel__Microsoft.EntityFrameworkCore=Warning' \
  dotnet run -c Release --no-launch-profile --project src/Fanghu.Web
