#!/usr/bin/env bash
# Frama-C over the harnesses listed in tests/proof/harnesses: EVA finds no
# run-time error for any input of each harness's class (an alarm fails
# unless the harness's baseline lists it; dsn_parse_status and
# dsn_parse_reply have none), and WP proves the listed functions'
# contracts: dsn_parse_status() and dsn_parse_reply() read nothing at or
# past len for any len, and give the results their comments promise for
# the errors (docs/proof-parsers.md). A new alarm, an unproved goal or a
# timeout fails the step. 3.5 min here (3 min of CPU, 2 cores shared with
# other builds; 8.5 min when they loaded it twice as much).
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../lib.sh"

need_command frama-c frama-c-base
need_command cvc4 cvc4
need_command why3 why3
need_command cmake cmake
apt_install_needs

DSN_REQUIRE_E2E=1 bash tests/proof/run.sh build-proof-ci
