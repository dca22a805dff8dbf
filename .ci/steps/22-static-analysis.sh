#!/usr/bin/env bash
# Proves the code has no finding of the static analysers and follows the
# project's format. cppcheck over
# the library, the programs, the example server and the milter adapter;
# clang-tidy (.clang-tidy) over the same but the tests; shellcheck over the
# shell scripts; clang-format (.clang-format) over every C file in git.
# About 1 min here, clang-tidy being most of it.
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../lib.sh"

need_command cppcheck cppcheck
need_command clang-tidy clang-tidy
need_command clang-format clang-format
need_command clang clang
need_command shellcheck shellcheck
# the milter, OpenSMTPD and Exim adapters are analysed too, so they must
# build
need_file /usr/include/libmilter/mfapi.h libmilter-dev
need_file /usr/include/opensmtpd.h libopensmtpd-dev
need_file /usr/include/exim4/local_scan.h exim4-dev
apt_install_needs

build="build-safety-analysis"
CC=clang cmake -S . -B "$build" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
  -DDSN_BUILD_TESTS=OFF -DDSN_MILTER=ON -DDSN_OPENSMTPD=ON -DDSN_EXIM=ON \
  >/dev/null
# the generated headers (dsn/version.h, the name index) must exist
cmake --build "$build" --target dsn >/dev/null

echo "-- cppcheck"
cppcheck --enable=warning,style,performance,portability --error-exitcode=1 \
  --inline-suppr --quiet --std=c11 -D__GNUC__ \
  -Iinclude -I"$build/include" -I"$build/generated" src/ tools/ examples/ contrib/milter/ \
  contrib/opensmtpd/ contrib/exim/ tests/e2e/server/ tests/e2e/sendmail/

echo "-- shellcheck"
# every shell script CI and the README run
# shellcheck disable=SC2046 # one file name a line, none with spaces
shellcheck -x .ci/run .ci/lib.sh $(git ls-files '*.sh')

echo "-- clang-tidy"
# tools/.clang-tidy relaxes one check for the dsn program and says why
for src in src/*.c tools/dsn.c tools/cli/*.c tools/gen/*.c examples/smtpd/*.c \
  examples/policy/*.c contrib/milter/dsn_milter.c contrib/milter/example/*.c \
  examples/opensmtpd-filter/*.c contrib/opensmtpd/dsn_osmtpd.c \
  contrib/opensmtpd/example/*.c contrib/exim/dsn_exim_*.c \
  contrib/exim/example/*.c tests/e2e/sendmail/*.c; do
  clang-tidy --quiet -p "$build" "$src" 2>/dev/null
done

echo "-- clang-format"
# Every C and C++ file in git. Tables that clang-format 14 would spoil
# (X-macro maps, aligned initialisers) sit between clang-format off and on.
unformatted=()
checked=0
while IFS= read -r f; do
  checked=$((checked + 1))
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || unformatted+=("$f")
done < <(git ls-files '*.c' '*.h' '*.cpp')
if [ ${#unformatted[@]} -gt 0 ]; then
  echo "not formatted (clang-format -i FILE): ${unformatted[*]}"
  exit 1
fi
echo "$checked files formatted"
