# Sourced by scripts/run and scripts/test: create .venv and install the project when it changed.
# shellcheck shell=bash

ensure_venv() {
    local extras="$1" python=""
    for candidate in python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 \
            && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
            python="$candidate"
            break
        fi
    done
    if [ -z "$python" ]; then
        echo "Async Norms needs Python 3.11 (python3.11 or python3 on PATH)." >&2
        exit 1
    fi
    if [ ! -x .venv/bin/python ]; then
        echo "==> creating .venv with $python"
        "$python" -m venv .venv
    fi
    local stamp=".venv/.installed-$extras"
    local wanted
    wanted="$(cat pyproject.toml | sha256sum | cut -d' ' -f1)"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
        echo "==> installing dependencies ($extras; log in .venv/install.log)"
        local target="."
        [ "$extras" = "dev" ] && target=".[dev]"
        if ! { .venv/bin/python -m pip install --disable-pip-version-check --upgrade pip \
                && .venv/bin/python -m pip install --disable-pip-version-check -e "$target"; } \
                >.venv/install.log 2>&1; then
            tail -n 30 .venv/install.log >&2
            echo "Installing the dependencies failed; the full log is .venv/install.log." >&2
            exit 1
        fi
        echo "$wanted" > "$stamp"
    fi
}
