#!/usr/bin/env bash
# Shows which lines of src/ the ctest suite reaches (gcc --coverage, lcov):
# the figure per file and the lines no test reaches. Reports, never fails
# on the figure (docs/safety.md gives it). About 1 min here.
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../lib.sh"

need_command lcov lcov
apt_install_needs

build="build-safety-coverage"
CC=gcc cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DDSN_WERROR=ON \
  -DDSN_BUILD_TESTS=ON \
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
