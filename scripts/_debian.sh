# Sourced by the test scripts: install a Debian package the tests need (as root, or with sudo -n).
# shellcheck shell=bash

install_debian_package() {
    local package="$1" what="$2" sudo=""
    echo "==> installing $what from Debian's packages"
    if [ "$(id -u)" != "0" ]; then
        if ! command -v sudo >/dev/null 2>&1; then
            echo "$what is not installed and this user cannot install it: run 'apt-get install $package' as root." >&2
            exit 1
        fi
        sudo="sudo -n"
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$package" >/dev/null
}
