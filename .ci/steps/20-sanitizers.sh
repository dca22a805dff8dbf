#!/usr/bin/env bash
# Proves the test suite runs without memory errors or undefined behaviour:
# the whole ctest suite built with AddressSanitizer and
# UndefinedBehaviorSanitizer under gcc and clang; the first report of either
# aborts its test, so any report fails CI. About 2 min here.
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../lib.sh"

need_command clang clang
need_package libclang-rt-14-dev
apt_install_needs

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
san="-fsanitize=address,undefined -fno-sanitize-recover=all"
for cc in gcc clang; do
  build=build-safety-asan-$cc
  echo "-- ASan+UBSan, $cc"
  CC=$cc cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DDSN_WERROR=ON \
    -DDSN_BUILD_TESTS=ON \
    -DCMAKE_C_FLAGS="$san -fno-omit-frame-pointer -O1 -g" \
    -DCMAKE_EXE_LINKER_FLAGS="$san" >/dev/null
  cmake --build "$build" -j "$(nproc)" >/dev/null
  ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
done
