#!/usr/bin/env bash
# Proves libdsn is C99 and C11 under both major compilers, warning-free:
# gcc and clang, CMAKE_C_STANDARD 99 and 11, the warning flags of
# cmake/warnings.cmake with DSN_WERROR=ON; the library, the dsn program,
# the examples and every test compile, link and pass, and the public
# headers compile as C++11 (g++ with gcc, clang++ with clang) in test_cxx.
# The conformance test runs in scripts/test.sh, not here. About 2 min here.
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../lib.sh"

need_command clang clang
need_command g++ g++
need_file /usr/include/cmocka.h libcmocka-dev
need_command pkg-config pkg-config
apt_install_needs

unset DSN_REQUIRE_ORACLE
for pair in gcc:g++ clang:clang++; do
  cc=${pair%%:*} cxx=${pair##*:}
  for std in 99 11; do
    build="build-safety-matrix/$cc-c$std"
    echo "-- $cc -std=c$std, $cxx -std=c++11"
    CC=$cc CXX=$cxx cmake -S . -B "$build" -DCMAKE_C_STANDARD="$std" \
      -DDSN_WERROR=ON -DDSN_BUILD_TESTS=ON >/dev/null
    grep -q -- "-std=c$std" "$build/CMakeFiles/dsn.dir/flags.make" ||
      { echo "$build: the library is not built with -std=c$std"; exit 1; }
    cmake --build "$build" -j "$(nproc)" >/dev/null
    ctest --test-dir "$build" -j "$(nproc)" --output-on-failure \
      --no-tests=error -E '^(test_conformance|e2e_)' >"$build/ctest.log" 2>&1 ||
      { cat "$build/ctest.log"; exit 1; }
    grep "tests passed" "$build/ctest.log"
  done
done
