#!/usr/bin/env bash
# The DSN reader against real mail and against libdsn's own writer: the
# 151 real bounces of ../shared/bounces (beside the clone) through
# `dsn report --json` compared with their expected results
# (report_corpus; DSN_REQUIRE_E2E=1 makes a missing corpus a failure),
# every generated report of the writer read back field for field
# (test_report_roundtrip), a bounce written by a real Exim read back
# (e2e_exim_bounce: Exim's Status 5.0.0, the remote reply's code as the
# status that matters), the reader's unit tests and `dsn report` cases;
# then the reader's benchmark once (--quick) beside Python's email package
# and Sisimai, so that it does not rot (timings are not checked). About
# 1 min here with a fresh build, 28 s once scripts/test.sh built build-ci
# (exim4-daemon-light there; its install takes about 20 s more).
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../lib.sh"

need_command python3 python3
need_package libsisimai-perl
need_command exim4 exim4-daemon-light
fresh_exim=
command -v exim4 >/dev/null || fresh_exim=1
apt_install_needs
# the package starts Debian's own Exim where it can: the test runs a
# private one without a daemon, so stop what this step started
if [ -n "$fresh_exim" ] && command -v invoke-rc.d >/dev/null; then
  invoke-rc.d exim4 stop >/dev/null 2>&1 || true
fi

export DSN_REQUIRE_E2E=1
cmake -S . -B build-ci -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDSN_WERROR=ON \
  -DDSN_BUILD_TESTS=ON >/dev/null
cmake --build build-ci -j "$(nproc)" >/dev/null
ctest --test-dir build-ci --output-on-failure \
  -R '^(report_corpus|test_report|test_report_roundtrip|cli_report_.*|cli_json_string|e2e_exim_bounce)$'
ctest --test-dir build-ci -R '^report_corpus$' -V | sed -n 's/^[0-9]*: \(.*messages;.*\)/\1/p'
bash bench/report.sh --quick build-ci-bench-report
