#!/usr/bin/env bash
# Sendmail's milter end to end: unpacks Debian's sendmail-bin and
# sendmail-cf with apt-get download + dpkg -x into a private directory
# (installing them would remove the Postfix the other steps use, and their
# configuration scripts take minutes), installs only what that binary links
# and what the test runs (m4, swaks, libmilter-dev, python3), builds the
# example milter and sendmail-raw-milter, and runs
# tests/e2e/sendmail/sendmail.sh with DSN_REQUIRE_E2E=1: `sendmail -bs`
# over a pipe with each milter; swaks must receive dsn_format's replies as
# Sendmail changes them ("<rcpt>... " inserted, '%%' as '%'), a lone '%'
# replaced by Sendmail's "Command rejected", a class mismatch passed as it
# is. Stops everything it starts.
# Measured on a 2-core Debian 12 VM: 59 s in all with a build tree made
# from nothing (CI's build-ci exists: less), the download 1 s, the test 10 s.
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../lib.sh"
build="${1:-build-ci}"

# what /usr/libexec/sendmail/sendmail links (sendmail-bin's Depends that
# are libraries) and what the test needs
for lib in libdb5.3 libldap-2.5-0 liblockfile1 libnsl2 libsasl2-2 libssl3 \
  libwrap0; do
  need_package "$lib"
done
need_command m4 m4
need_command swaks swaks
need_command python3 python3
need_command unshare util-linux
need_file /usr/include/libmilter/mfapi.h libmilter-dev
apt_install_needs
root=$(mktemp -d /tmp/libdsn-sendmail.XXXXXX)
trap 'rm -rf "$root"' EXIT
# apt-get download needs package lists, which a fresh machine whose needs
# were all met above has not fetched yet
compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null ||
  apt-get -o DPkg::Lock::Timeout=900 update -qq
(cd "$root" && apt-get download sendmail-bin sendmail-cf >/dev/null)
for deb in "$root"/*.deb; do
  dpkg -x "$deb" "$root/fs"
done

ci_build "$build" -DDSN_MILTER=ON -- dsn-milter-example sendmail-raw-milter \
  dsn_cli
DSN_SENDMAIL_ROOT=$root/fs e2e_ctest "$build" '^e2e_sendmail_milter$'
