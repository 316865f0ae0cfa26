# Sourced by scripts/run, scripts/test and scripts/test-python: find a Python, create a virtual
# environment and install the project when it changed.
# shellcheck shell=bash

MIN_PYTHON_MINOR=11

# Interpreters to consider, newest first: on PATH, then pyenv's installs (its shims fail for a
# version that is installed but not selected, so every candidate is run before it is trusted).
python_candidates() {
    local minor root="${PYENV_ROOT:-$HOME/.pyenv}" found
    for minor in 14 13 12 11; do
        command -v "python3.$minor" 2>/dev/null || true
        for found in "$root"/versions/3."$minor".*/bin/python3."$minor"; do
            [ -x "$found" ] && echo "$found"
        done
    done
    command -v python3 2>/dev/null || true
}

# The interpreter's "3.X" when it runs and is 3.11 or newer; nothing otherwise.
python_version_of() {
    "$1" -c "import sys; v = sys.version_info; print(f'{v[0]}.{v[1]}') if v >= (3, $MIN_PYTHON_MINOR) else None" \
        2>/dev/null | grep -E '^3\.[0-9]+$' || true
}

# The newest Python 3.11+ found, or $PYTHON when it is set (and good enough).
find_python() {
    if [ -n "${PYTHON:-}" ]; then
        if [ -z "$(python_version_of "$PYTHON")" ]; then
            echo "PYTHON=$PYTHON is not a Python 3.$MIN_PYTHON_MINOR or newer that runs here." >&2
            return 1
        fi
        command -v "$PYTHON" || echo "$PYTHON"
        return 0
    fi
    local candidate best="" best_minor=0 version
    while read -r candidate; do
        version="$(python_version_of "$candidate")"
        [ -n "$version" ] || continue
        if [ "${version#3.}" -gt "$best_minor" ]; then
            best="$candidate" best_minor="${version#3.}"
        fi
    done < <(python_candidates)
    if [ -z "$best" ]; then
        echo "Async Norms needs Python 3.$MIN_PYTHON_MINOR or newer (python3.11, 3.12 or 3.13 on PATH, or PYTHON=...)." >&2
        return 1
    fi
    echo "$best"
}

# Every distinct Python 3.11+ version found, one interpreter each: "3.13 /path/to/python3.13".
all_pythons() {
    local candidate version seen=" "
    while read -r candidate; do
        version="$(python_version_of "$candidate")"
        [ -n "$version" ] || continue
        case "$seen" in *" $version "*) continue ;; esac
        seen="$seen$version "
        echo "$version $candidate"
    done < <(python_candidates)
}

# ensure_venv EXTRAS [VENV_DIR]: a virtual environment with the project installed (EXTRAS: runtime
# or dev), made with find_python's interpreter; remade when that interpreter's version changes.
ensure_venv() {
    local extras="$1" venv="${2:-.venv}" python version
    python="$(find_python)" || exit 1
    version="$(python_version_of "$python")"
    if [ -x "$venv/bin/python" ] && [ "$(python_version_of "$venv/bin/python")" != "$version" ]; then
        echo "==> $venv has Python $(python_version_of "$venv/bin/python"); making it again with $version"
        rm -rf "$venv"
    fi
    if [ ! -x "$venv/bin/python" ]; then
        echo "==> creating $venv with $python (Python $version)"
        "$python" -m venv "$venv"
    fi
    local stamp="$venv/.installed-$extras"
    local wanted
    wanted="$(sha256sum pyproject.toml | cut -d' ' -f1)"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
        echo "==> installing dependencies ($extras; log in $venv/install.log)"
        local target=".[native]"
        [ "$extras" = "dev" ] && target=".[dev,native]"
        if ! { "$venv/bin/python" -m pip install --disable-pip-version-check --upgrade pip \
                && "$venv/bin/python" -m pip install --disable-pip-version-check -e "$target"; } \
                >"$venv/install.log" 2>&1; then
            tail -n 30 "$venv/install.log" >&2
            echo "Installing the dependencies failed; the full log is $venv/install.log." >&2
            exit 1
        fi
        echo "$wanted" > "$stamp"
    fi
}

# ensure_native_lint [VENV_DIR]: the linter's native build for that venv's Python (ADR-0014), made
# when missing or older than the sources (about 30 s, and it says so); where it cannot be made the
# linter runs as pure Python and this says why, without failing.
ensure_native_lint() {
    "${1:-.venv}/bin/python" scripts/compile_lint.py --quiet
}
