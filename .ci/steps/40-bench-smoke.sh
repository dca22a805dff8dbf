#!/usr/bin/env bash
# The benchmark is not a test, but it must not rot: build it in Release and
# run every part of it briefly (bench, haraka-dsn under node, callgrind when
# valgrind is there). Fails on errors and on ops whose bytes disagree,
# never on timing figures.
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../lib.sh"
bash bench/run.sh --quick build-ci-bench
