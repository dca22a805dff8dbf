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
