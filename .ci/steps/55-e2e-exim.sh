#!/usr/bin/env bash
# Exim end to end: installs exim4-daemon-heavy (Debian 12: Exim 4.96 with
# dlfunc and Debian's local_scan_path; debconf preseeded to "no
# configuration", so Debian sets up no instance of its own), exim4-dev
# (local_scan.h) and python3; stops Debian's exim4 if the package started
# it; reconfigures build-ci with DSN_EXIM=ON (contrib/exim: dsn_exim.so and
# the example local_scan object); runs the writer's and the module's unit
# tests and tests/e2e/mta/exim_test.py with DSN_REQUIRE_E2E=1. The e2e test
# runs a private Exim daemon on a 127.0.0.1 port and proves the bytes a
# client receives from the dlfunc ACL lines (one line, three lines with the
# code and enhanced code on every line, a defer, a 4yz reply moved to 5yz
# under deny, Exim dropping it without the move, leading spaces skipped)
# and from local_scan (two lines, code 550); and reads the bounces Exim
# writes for an unknown local user and for a relay to dsn-smtpd answering
# 550 5.1.1 with Python's email and dsn report. The MTA packages conflict:
# the install and the test hold /tmp/libdsn-mta.lock.
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../lib.sh"
build="${1:-build-ci}"

hold_mta_lock

need_package exim4-daemon-heavy
need_file /usr/include/exim4/local_scan.h exim4-dev
need_command python3 python3
# exim4-config asks how to configure Exim unless told
[ ${#dsn_needs[@]} -eq 0 ] ||
  echo "exim4-config exim4/dc_eximconfig_configtype select no configuration at this time" |
  debconf-set-selections
apt_install_needs
# the package may start Debian's instance on port 25; ours needs none of it
stop_service exim4

ci_build "$build" -DDSN_EXIM=ON
e2e_ctest "$build" '^(test_exim|test_dsn_exim|e2e_exim)$'
mta_bytes "$build" exim
