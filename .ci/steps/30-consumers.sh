#!/usr/bin/env bash
# Issue 7: libdsn as users take it. tests/consumer/run.sh installs it
# (static and shared), embeds it (add_subdirectory, FetchContent), packs and
# installs the .deb, and builds and runs a consumer program against each;
# the milter adapter too (libmilter-dev is installed for it).
# About 15 s here, plus the packages below on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=.ci/lib.sh
. .ci/lib.sh

need=()
command -v c++ >/dev/null || need+=(g++)
command -v dpkg-shlibdeps >/dev/null || need+=(dpkg-dev) # the .deb's Depends
command -v file >/dev/null || need+=(file)               # cpack's shlibdeps
command -v man >/dev/null || need+=(man-db)
command -v pkg-config >/dev/null || need+=(pkg-config)
# the milter adapter is installed, packed and consumed where libmilter is
[ -f /usr/include/libmilter/mfapi.h ] || need+=(libmilter-dev)
apt_install "${need[@]}"

bash tests/consumer/run.sh build-ci-consumers
