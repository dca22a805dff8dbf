# shellcheck shell=bash
# Sourced by .ci/steps/*.sh. CI starts from a fresh Debian 12 machine, so
# each step installs what it uses; a developer's machine that has it all
# installs nothing.

# apt_install PKG...: installs the Debian packages named, if any, quietly
# but failing loudly; as root (CI) or through sudo.
apt_install() {
  [ $# -gt 0 ] || return 0
  local sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  echo "-- apt-get install $*"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq "$@" >/dev/null
}
