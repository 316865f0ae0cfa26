# Sourced by scripts/test: a throwaway PostgreSQL server on a loopback port, run as an unprivileged user.
# shellcheck shell=bash

find_pg_bin() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return 0
    fi
    return 1
}

install_postgres() {
    install_debian_package postgresql PostgreSQL
}

# Starts the server and exports NORMS_TEST_POSTGRES_URL; stop_test_postgres undoes it.
start_test_postgres() {
    local pg_bin
    if ! pg_bin="$(find_pg_bin)"; then
        install_postgres
        pg_bin="$(find_pg_bin)"
    fi
    PG_RUN_AS=()
    if [ "$(id -u)" = "0" ]; then
        # PostgreSQL refuses to run as root; the Debian package creates the 'postgres' user.
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
        PG_RUN_AS=(runuser -u postgres --)
    fi
    PG_DIR="$(mktemp -d /tmp/norms-test-pg.XXXXXX)"
    chmod 755 "$PG_DIR"
    mkdir "$PG_DIR/data"
    [ "$(id -u)" = "0" ] && chown -R postgres "$PG_DIR"
    local port
    port="$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    "${PG_RUN_AS[@]}" "$pg_bin/initdb" -D "$PG_DIR/data" -U norms --auth=trust -E UTF8 --no-instructions >"$PG_DIR/initdb.log" 2>&1 \
        || { cat "$PG_DIR/initdb.log" >&2; exit 1; }
    "${PG_RUN_AS[@]}" "$pg_bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $port -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >/dev/null || { cat "$PG_DIR/server.log" >&2; exit 1; }
    PG_BIN="$pg_bin"
    export NORMS_TEST_POSTGRES_URL="postgresql+psycopg://norms@127.0.0.1:$port/postgres"
    export NORMS_REQUIRE_POSTGRES=1
    echo "==> PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

stop_test_postgres() {
    if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ]; then
        "${PG_RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$PG_DIR"
    fi
}
