#!/usr/bin/env bash
# Proves that replies built with libdsn reach an SMTP client unchanged
# through a real Postfix: a milter's replies (Postfix smtpd and the example
# milter) and a relay's (Postfix relaying to dsn-smtpd, its log and its
# bounce). Installs postfix (preseeded
# "No configuration", so Debian sets up no instance of its own), swaks,
# libmilter-dev and python3; reconfigures build-ci (built by scripts/test.sh
# before libmilter was there) with DSN_MILTER=ON, which builds only the
# milter library, its test and the example milter; runs the milter unit test
# and both Postfix tests with DSN_REQUIRE_E2E=1, so a missing piece fails
# instead of skipping. The tests run private Postfix instances on 127.0.0.1
# ports (tests/e2e/postfix/lib.sh) and stop everything they start.
# Measured on a 2-core Debian 12 VM: 14 s with the packages there (tests
# 13 s: the milter test 8 s, 4.5 s of it libmilter winding down on SIGTERM;
# the relay test 4.5 s), 20 s with apt-get update and install from a near
# mirror.
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../lib.sh"
build="${1:-build-ci}"

need_postfix_e2e
need_file /usr/include/libmilter/mfapi.h libmilter-dev
apt_install_needs

ci_build "$build" -DDSN_MILTER=ON
e2e_ctest "$build" '^(test_dsn_milter|e2e_postfix_(milter|relay))$'
