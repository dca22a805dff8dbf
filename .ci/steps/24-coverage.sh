#!/usr/bin/env bash
# Issue 5: line coverage of src/ by the ctest suite (gcc --coverage, lcov),
# printed per file with the lines no test reaches. Reports; docs/safety.md
# gives the figure. About 1 min here.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=.ci/lib.sh
. .ci/lib.sh

command -v lcov >/dev/null || apt_install lcov

build="build-safety-coverage"
CC=gcc cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DDSN_WERROR=ON \
  -DCMAKE_C_FLAGS="--coverage -O0" >/dev/null
cmake --build "$build" -j "$(nproc)" >/dev/null
lcov --quiet --zerocounters --directory "$build"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" >/dev/null
lcov --quiet --capture --directory "$build" --output-file "$build/all.info" \
  2>/dev/null
lcov --quiet --extract "$build/all.info" "$PWD/src/*" \
  --output-file "$build/src.info"
lcov --list "$build/src.info"
echo "-- src/ lines no test reaches"
awk -F'[:,]' '/^SF:/ { file = $2; sub(".*/src/", "src/", file) }
              /^DA:/ && $3 == 0 { print file ":" $2 }' "$build/src.info"
lcov --summary "$build/src.info" 2>&1 | grep lines
