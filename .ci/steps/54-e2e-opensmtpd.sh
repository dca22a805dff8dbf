#!/usr/bin/env bash
# OpenSMTPD end to end: installs opensmtpd (Debian 12: 6.8.0p2, filter
# protocol 0.6), libopensmtpd-dev and python3; stops Debian's own smtpd if
# the package started one; reconfigures build-ci with DSN_OPENSMTPD=ON
# (contrib/opensmtpd and its example filter); runs the writer's and the
# adapter's unit tests and tests/e2e/mta/opensmtpd_test.py with
# DSN_REQUIRE_E2E=1. The e2e test runs a private smtpd on 127.0.0.1 ports
# with both example filters and proves the bytes a client receives: one
# line, 421 and "disconnect|" close the session, two lines joined, a
# 3000-octet text cut to 1992 octets with smtpd still serving, '%' through
# libopensmtpd verbatim, an unknown local user refused at RCPT (so no
# bounce); and reads the bounce OpenSMTPD writes for a relay to dsn-smtpd
# answering 550 5.1.1 with Python's email and dsn report. The MTA packages
# conflict: the install and the test hold /tmp/libdsn-mta.lock.
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../lib.sh"
build="${1:-build-ci}"

hold_mta_lock

need_file /usr/sbin/smtpd opensmtpd
need_file /usr/include/opensmtpd.h libopensmtpd-dev
need_command python3 python3
# opensmtpd asks for the mail name and root's address unless told
[ -e /usr/sbin/smtpd ] || {
  echo "opensmtpd opensmtpd/mailname string localhost"
  echo "opensmtpd opensmtpd/root_address string"
} | debconf-set-selections
apt_install_needs
# the package may start Debian's instance, whose control socket ours needs
stop_service opensmtpd

ci_build "$build" -DDSN_OPENSMTPD=ON
e2e_ctest "$build" '^(test_opensmtpd|test_dsn_osmtpd|e2e_opensmtpd)$'
mta_bytes "$build" opensmtpd
