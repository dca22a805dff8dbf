#!/usr/bin/env bash
# Proves the test suite leaks nothing and reads no uninitialised memory:
# every ctest test run under valgrind memcheck (through ctest's
# emulator hook, so each test keeps its environment); any error, leak or
# uninitialised read exits 1 and fails CI. About 2 min here.
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../lib.sh"

need_command valgrind valgrind
apt_install_needs

build="build-safety-valgrind"
memcheck="valgrind;--tool=memcheck;--error-exitcode=1;--leak-check=full"
memcheck="$memcheck;--errors-for-leak-kinds=definite,indirect;--track-origins=yes;-q"
ci_build "$build" -DCMAKE_CROSSCOMPILING_EMULATOR="$memcheck" >/dev/null
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
# ctest's emulator hook must really be in use, or this step proves nothing
commands=$(ctest --test-dir "$build" -N -V)
grep -q 'Test command: .*valgrind' <<<"$commands" ||
  { echo "tests do not run under valgrind"; exit 1; }
