#!/usr/bin/env bash
# End-to-end tests of the example SMTP server examples/smtpd (dsn-smtpd):
# a raw-socket client, Python's smtplib and swaks, every reply compared with
# libdsn's own output. Runs the ctest tests of build-ci, which .ci/run built
# with scripts/test.sh just before; installs swaks and python3 if missing.
# DSN_REQUIRE_E2E=1: a missing tool fails instead of skipping.
# Takes about 9 s once the packages are there (5.5 s of it the idle-timeout
# scenario; apt-get adds 10-30 s).
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../lib.sh"

need_command swaks swaks
need_command python3 python3
apt_install_needs

DSN_REQUIRE_E2E=1 ctest --test-dir build-ci -R '^e2e_server_' \
  --output-on-failure --timeout 120 --no-tests=error
