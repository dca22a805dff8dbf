#!/usr/bin/env bash
# The whole test suite on a fresh Debian machine: installs what is missing
# (cmocka, node/npm for the haraka-dsn oracle, python3 for the dsn
# program's tests), builds with warnings as
# errors, runs ctest. Usage: scripts/test.sh [build-dir]
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../.ci/lib.sh"
build=${1:-build}

need_command cmake cmake
need_command cc gcc
need_command pkg-config pkg-config
need_file /usr/include/cmocka.h libcmocka-dev
need_command node nodejs
need_command npm npm
need_command python3 python3 # the dsn program's tests (tests/cli)
apt_install_needs

# DSN_BUILD_TESTS=ON: without cmocka this fails instead of building no test
ci_build "$build"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
