#!/usr/bin/env bash
# Proves no input found by fuzzing crashes the library or breaks its
# invariants: every libFuzzer harness of tests/fuzz/ for a fixed time (60 s
# each by default, DSN_FUZZ_SECONDS to change), clang with ASan and UBSan;
# any crash, sanitizer report or broken invariant fails CI. About 4-5 min.
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../lib.sh"

# tests/fuzz/build.sh installs clang and its runtimes when missing
bash tests/fuzz/build.sh build-safety-fuzz-ci
bash tests/fuzz/run.sh build-safety-fuzz-ci "${DSN_FUZZ_SECONDS:-60}"
