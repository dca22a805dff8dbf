#!/usr/bin/env bash
# Frama-C over the parsers of network bytes and the other harnesses listed
# in tests/proof/harnesses: EVA finds no run-time error for any input of
# each harness's class (an alarm fails unless the harness's baseline lists
# it; dsn_parse_status and dsn_parse_reply have none), and WP proves the
# contracts of dsn_parse_status() and dsn_parse_reply(): no read at or past
# len for any len, and the results their comments promise for the errors.
# A new alarm, an unproved goal or a timeout fails the step. About 5 min
# on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/lib.sh

need=()
command -v frama-c >/dev/null || need+=(frama-c-base)
command -v cvc4 >/dev/null || need+=(cvc4)
command -v why3 >/dev/null || need+=(why3)
command -v cmake >/dev/null || need+=(cmake)
apt_install "${need[@]}"
DSN_REQUIRE_E2E=1 bash tests/proof/run.sh build-proof-ci
