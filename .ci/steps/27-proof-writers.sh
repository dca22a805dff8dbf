#!/usr/bin/env bash
# The writers under Frama-C's EVA (tests/proof/run-writers.sh): every reply
# dsn_format_ex() can be given and every recipient dsn_status_fields() can
# be given (any bytes up to 1100 per text, any int, flags and buffer size,
# NULL where the API allows it) raise no alarm but those listed, each with
# why it cannot occur, in tests/proof/baseline-*.txt; a new alarm, or a
# listed one that no longer occurs, fails. About 1 min here.
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../lib.sh"

need_command frama-c frama-c-base
apt_install_needs

# the generated headers the sources include: dsn/version.h, the copied
# tables and dsn_name_index.h
build="build-proof-writers"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DDSN_BUILD_TESTS=OFF \
  -DDSN_BUILD_TOOLS=OFF >/dev/null
cmake --build "$build" --target dsn -j "$(nproc)" >/dev/null
bash tests/proof/run-writers.sh "$build"
