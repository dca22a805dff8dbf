#!/usr/bin/env bash
# Issue 5: every libFuzzer harness of tests/fuzz/ for a fixed time (60 s
# each by default, DSN_FUZZ_SECONDS to change), clang with ASan and UBSan;
# any crash, sanitizer report or broken invariant fails CI. About 4-5 min.
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v clang >/dev/null || need+=(clang)
dpkg -s libclang-rt-14-dev >/dev/null 2>&1 || need+=(libclang-rt-14-dev)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

bash tests/fuzz/build.sh build-safety-fuzz-ci
bash tests/fuzz/run.sh build-safety-fuzz-ci "${DSN_FUZZ_SECONDS:-60}"
