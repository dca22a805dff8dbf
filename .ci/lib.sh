# shellcheck shell=bash
# The prologue of every CI step and of scripts/test.sh, sourced as their
# first command:
#
#   # shellcheck source=.ci/lib.sh
#   . "$(dirname "$0")/../lib.sh"          (from .ci/steps/)
#
# It stops the script at the first failing command, unset variable or
# failing pipe, and moves to the top of the source tree. CI starts from a
# fresh Debian 12 machine, so each script installs what it uses: it names
# each need with need_command or need_file, then calls apt_install_needs;
# on a developer's machine that has it all, nothing is installed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The Debian packages needed so far.
dsn_needs=()

# need_command CMD PKG: PKG is needed when CMD is not on the PATH.
need_command() {
  command -v "$1" >/dev/null || dsn_needs+=("$2")
}

# need_file PATH PKG: PKG is needed when PATH does not exist.
need_file() {
  [ -e "$1" ] || dsn_needs+=("$2")
}

# need_package PKG: PKG is needed when dpkg does not have it installed
# (a package removed in favour of a conflicting one keeps its
# configuration, and "dpkg -s" still succeeds for it: ask for the status).
need_package() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q ' installed$' ||
    dsn_needs+=("$1")
}

# apt_install PKG...: installs the Debian packages named, if any, quietly
# but failing loudly; as root (CI) or through sudo. Waits up to 15 min for
# another apt-get or dpkg to finish rather than failing.
apt_install() {
  [ $# -gt 0 ] || return 0
  local sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  echo "-- apt-get install $*"
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=900 update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get -o DPkg::Lock::Timeout=900 install -y -qq "$@" >/dev/null
}

# apt_install_needs: installs what need_* found missing.
apt_install_needs() {
  apt_install "${dsn_needs[@]}"
  dsn_needs=()
}

# ci_build DIR [OPTION...] [-- TARGET...]: configures DIR with the options
# scripts/test.sh uses (so that what it built does not rebuild) and the
# cmake OPTIONs given, then builds it: all of it, or the TARGETs given.
ci_build() {
  local build=$1 options=() targets=()
  shift
  while [ $# -gt 0 ] && [ "$1" != -- ]; do
    options+=("$1")
    shift
  done
  [ $# = 0 ] || targets=(--target "${@:2}")
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDSN_WERROR=ON \
    -DDSN_BUILD_TESTS=ON "${options[@]}"
  cmake --build "$build" -j "$(nproc)" "${targets[@]}"
}

# e2e_ctest DIR REGEX: the ctest tests of DIR that REGEX matches, run with
# DSN_REQUIRE_E2E=1, so that a missing tool fails instead of skipping.
e2e_ctest() {
  DSN_REQUIRE_E2E=1 ctest --test-dir "$1" --output-on-failure \
    --timeout 150 --no-tests=error -R "$2"
}

# hold_mta_lock: waits (30 min at most) for /tmp/libdsn-mta.lock and holds
# it until the script ends. The MTA packages conflict (installing one
# removes the others): a step that installs or tests one holds it.
hold_mta_lock() {
  exec 9>/tmp/libdsn-mta.lock
  flock -w 1800 9
}

# stop_service NAME: stops the instance of NAME that installing its
# package may have started (the tests run private ones), where service(8)
# exists.
stop_service() {
  if command -v service >/dev/null; then
    service "$1" stop >/dev/null 2>&1 || true
  fi
}

# mta_bytes DIR MTA: prints the bytes the tests/e2e/mta clients received
# from MTA (its lines of DIR/e2e-mta-bytes.txt).
mta_bytes() {
  echo "-- bytes the client received:"
  grep "^$2 " "$1/e2e-mta-bytes.txt"
}

# need_postfix_e2e: what the Postfix end-to-end tests run (postfix, swaks,
# python3, script(1)); postfix preseeded "No configuration", so that
# Debian sets up no instance of its own (the tests run private ones).
need_postfix_e2e() {
  need_command postfix postfix
  need_command swaks swaks
  need_command python3 python3
  need_command script bsdutils
  command -v postfix >/dev/null ||
    echo "postfix postfix/main_mailer_type select No configuration" |
    debconf-set-selections
}
