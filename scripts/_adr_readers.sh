# Sourced by scripts/test: the real ADR tools the decision-record tests read our Markdown with.
# Debian's adr-tools (`adr`) and npm's @log4brains/core (in .cache/adr-readers, not committed).
# shellcheck shell=bash

LOG4BRAINS_CORE_VERSION="1.1.0"

ensure_adr_readers() {
    if ! command -v adr >/dev/null 2>&1; then
        install_debian_package adr-tools adr-tools
    fi
    export NORMS_LOG4BRAINS_DIR="$PWD/.cache/adr-readers"
    if [ ! -d "$NORMS_LOG4BRAINS_DIR/node_modules/@log4brains/core" ]; then
        if ! command -v npm >/dev/null 2>&1; then
            install_debian_package npm "Node.js and npm"
        fi
        echo "==> installing @log4brains/core $LOG4BRAINS_CORE_VERSION from npm"
        mkdir -p "$NORMS_LOG4BRAINS_DIR"
        npm install --silent --no-audit --no-fund --prefix "$NORMS_LOG4BRAINS_DIR" \
            "@log4brains/core@$LOG4BRAINS_CORE_VERSION" >/dev/null
    fi
    export NORMS_REQUIRE_ADR_READERS=1
}
