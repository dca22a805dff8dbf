#!/usr/bin/env bash
# The DSN reader against real mail and against libdsn's own writer: the
# 151 real bounces of ../shared/bounces (beside the clone) through
# `dsn report --json` compared with their expected results
# (report_corpus; DSN_REQUIRE_E2E=1 makes a missing corpus a failure)
# and with Python's email package reading the same (report_oracle),
# every generated report of the writer read back field for field
# (test_report_roundtrip) and through the program, dsn bounce | dsn report
# (report_cli_roundtrip), the reader's unit tests and `dsn report` cases;
# the bounces a real Exim and a real OpenSMTPD write read back
# (e2e_exim_bounce: Exim's Status 5.0.0 and the remote reply's code as the
# status that matters; e2e_opensmtpd_bounce: the part in multipart/mixed,
# no code made up from the prose);
# then the reader's benchmark once (--quick) beside Python's email package
# and Sisimai, so that it does not rot (timings are not checked). 56 s
# here once scripts/test.sh built build-ci, installing exim4-daemon-light
# and then opensmtpd included (about 1.5 min with a fresh build).
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../lib.sh"

need_command python3 python3
need_package libsisimai-perl
need_command swaks swaks
apt_install_needs

export DSN_REQUIRE_E2E=1
ci_build build-ci >/dev/null
ctest --test-dir build-ci --output-on-failure \
  -R '^(report_corpus|report_oracle|report_cli_roundtrip|test_report|test_report_roundtrip|cli_report_.*|cli_json_string)$'
ctest --test-dir build-ci -R '^report_corpus$' -V | sed -n 's/^[0-9]*: \(.*messages;.*\)/\1/p'

# live_mta COMMAND PACKAGE SERVICE TEST: installs the MTA when COMMAND is
# missing (Debian's MTA packages conflict: each install removes the one
# before), stops the service the package started (the tests run private
# instances), and runs TEST.
live_mta() {
  if ! command -v "$1" >/dev/null; then
    apt_install "$2"
    if command -v invoke-rc.d >/dev/null; then
      invoke-rc.d "$3" stop >/dev/null 2>&1 || true
    fi
  fi
  ctest --test-dir build-ci --output-on-failure -R "^$4\$"
}
live_mta exim4 exim4-daemon-light exim4 e2e_exim_bounce
live_mta smtpd opensmtpd opensmtpd e2e_opensmtpd_bounce

bash bench/report.sh --quick build-ci-bench-report
