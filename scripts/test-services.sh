# Sourced by `make test`: start the services the tests talk to, when this machine has them,
# and export where they are. Missing services make the matching tests skip locally (CI=true
# makes them fail instead: .ci/run installs them first).

# PostgreSQL: the Debian cluster, with a throwaway role and database for the tests.
if [ -z "${WIDENET_TEST_POSTGRES_URL:-}" ] && command -v pg_lsclusters >/dev/null 2>&1; then
    cluster=$(pg_lsclusters --no-header 2>/dev/null | awk 'NR==1 {print $1" "$2}')
    if [ -n "$cluster" ]; then
        # shellcheck disable=SC2086
        set -- $cluster
        pg_ctlcluster "$1" "$2" start >/dev/null 2>&1 || true
        port=$(pg_lsclusters --no-header | awk 'NR==1 {print $3}')
        if runuser -u postgres -- psql -p "$port" -qtAc "select 1" >/dev/null 2>&1; then
            runuser -u postgres -- psql -p "$port" -qtAc \
                "do \$\$ begin if not exists (select from pg_roles where rolname = 'widenet_test') then create role widenet_test login createdb password 'widenet_test'; end if; end \$\$;" >/dev/null
            # lets a test end the sessions a dropped test database still has
            runuser -u postgres -- psql -p "$port" -qtAc "grant pg_signal_backend to widenet_test" >/dev/null
            export WIDENET_TEST_POSTGRES_URL="postgresql+psycopg://widenet_test:widenet_test@127.0.0.1:$port/postgres"
        fi
    fi
fi
if [ -z "${WIDENET_CHROMIUM:-}" ] && [ -x /usr/bin/chromium ]; then
    export WIDENET_CHROMIUM=/usr/bin/chromium
fi
