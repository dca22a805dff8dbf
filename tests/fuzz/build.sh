#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang, ASan and UBSan into a build
# directory (default build-safety-fuzz): the library with
# -fsanitize=fuzzer-no-link so the fuzzer sees its branches, each
# tests/fuzz/fuzz_*.c linked with -fsanitize=fuzzer.
# Usage: tests/fuzz/build.sh [build-dir]
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../../.ci/lib.sh"
build=${1:-build-safety-fuzz}

need_command clang clang
need_package libclang-rt-14-dev
apt_install_needs
san="address,undefined"
flags="-g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=all"

CC=clang cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DDSN_WERROR=ON \
  -DDSN_BUILD_TESTS=OFF -DDSN_BUILD_TOOLS=OFF -DDSN_INSTALL=OFF \
  -DCMAKE_C_FLAGS="$flags -fsanitize=fuzzer-no-link,$san" >/dev/null
cmake --build "$build" --target dsn -j "$(nproc)" >/dev/null

for src in tests/fuzz/fuzz_*.c; do
  name=$(basename "$src" .c)
  # shellcheck disable=SC2086 # flags holds several options
  clang -std=c11 -Wall -Wextra -Wpedantic -Werror $flags \
    -fsanitize=fuzzer,$san -Iinclude -I. -I"$build/include" \
    "$src" "$build/libdsn.a" -o "$build/$name"
  echo "$build/$name"
done
