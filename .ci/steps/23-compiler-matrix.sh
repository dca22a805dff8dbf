#!/usr/bin/env bash
# Issue 5: gcc and clang, -std=c99 and -std=c11, every warning an error:
# the library, the dsn program and every test compile, link and pass; and
# the public headers compile as C++ (g++ and clang++, -std=c++11) in a
# program that links the library. About 1 min here.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=.ci/lib.sh
. .ci/lib.sh

need=()
command -v clang >/dev/null || need+=(clang)
command -v g++ >/dev/null || need+=(g++)
apt_install "${need[@]}"

top=build-safety-matrix
# only for the generated headers (dsn_version.h, the name index); the
# compilers below are called by hand, as CMake would always add -std=c11
cmake -S . -B "$top/config" -DDSN_BUILD_TESTS=OFF -DDSN_BUILD_TOOLS=OFF >/dev/null
cmake --build "$top/config" --target dsn >/dev/null
inc="-Iinclude -I. -I$top/config/include -I$top/config/generated"
warn="-Wall -Wextra -Wpedantic -Werror -Wshadow -Wconversion \
  -Wstrict-prototypes -Wmissing-prototypes"
cmocka=$(pkg-config --cflags --libs cmocka)
unset DSN_REQUIRE_ORACLE # the conformance test runs in scripts/test.sh

for cc in gcc clang; do
  for std in c99 c11; do
    out="$top/$cc-$std"
    echo "-- $cc -std=$std"
    rm -rf "$out" && mkdir -p "$out/obj"
    for src in src/*.c; do
      # shellcheck disable=SC2086
      $cc -std=$std $warn $inc -O2 -c "$src" -o "$out/obj/$(basename "$src" .c).o"
    done
    ar rcs "$out/libdsn.a" "$out"/obj/*.o
    # shellcheck disable=SC2086
    $cc -std=$std $warn $inc tools/dsn.c tools/cli/*.c "$out/libdsn.a" -o "$out/dsn"
    "$out/dsn" no_such_user >/dev/null
    for src in tests/test_*.c; do
      name=$(basename "$src" .c)
      # shellcheck disable=SC2086
      $cc -std=$std $warn $inc "$src" "$out/libdsn.a" $cmocka -o "$out/$name"
      DSN_SOURCE_DIR=$PWD DSN_BINARY_DIR=$PWD/$top/config "$out/$name" \
        >"$out/$name.log" 2>&1 || { cat "$out/$name.log"; exit 1; }
    done
  done
done

for cxx in g++ clang++; do
  echo "-- $cxx -std=c++11 tests/cxx"
  # shellcheck disable=SC2086
  $cxx -std=c++11 -Wall -Wextra -Wpedantic -Werror $inc tests/cxx/dsn_cxx.cpp \
    "$top/gcc-c11/libdsn.a" -o "$top/dsn_cxx-$cxx"
  "$top/dsn_cxx-$cxx"
done
