#!/usr/bin/env bash
# Issue 5: every libFuzzer harness of tests/fuzz/ for a fixed time (60 s
# each by default, DSN_FUZZ_SECONDS to change), clang with ASan and UBSan;
# any crash, sanitizer report or broken invariant fails CI. About 4-5 min.
set -euo pipefail
cd "$(dirname "$0")/../.."

# tests/fuzz/build.sh installs clang and its runtimes when missing
bash tests/fuzz/build.sh build-safety-fuzz-ci
bash tests/fuzz/run.sh build-safety-fuzz-ci "${DSN_FUZZ_SECONDS:-60}"
