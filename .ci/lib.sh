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

# apt_install_postfix_e2e [PKG...]: what the Postfix end-to-end tests run
# (postfix, swaks, python3, script(1)) and the PKGs, installing what is
# missing; postfix preseeded "No configuration", so Debian sets up no
# instance of its own (the tests run private ones).
apt_install_postfix_e2e() {
  local need=() pkg
  command -v postfix >/dev/null || need+=(postfix)
  command -v swaks >/dev/null || need+=(swaks)
  command -v python3 >/dev/null || need+=(python3)
  command -v script >/dev/null || need+=(bsdutils)
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' ||
      need+=("$pkg")
  done
  [ ${#need[@]} -eq 0 ] ||
    echo "postfix postfix/main_mailer_type select No configuration" |
    debconf-set-selections
  apt_install "${need[@]}"
}
