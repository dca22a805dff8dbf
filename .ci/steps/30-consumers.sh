#!/usr/bin/env bash
# Proves libdsn works as users take it. tests/consumer/run.sh installs it
# (static and shared), embeds it (add_subdirectory, FetchContent), packs and
# installs the .deb, and builds and runs a consumer program against each;
# the milter adapter too (libmilter-dev is installed for it).
# About 15 s here, plus the packages below on a fresh machine.
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../lib.sh"

need_command c++ g++
need_command dpkg-shlibdeps dpkg-dev # the .deb's Depends
need_command file file               # cpack's shlibdeps
need_command man man-db
need_command pkg-config pkg-config
# the milter adapter is installed, packed and consumed where libmilter is
need_file /usr/include/libmilter/mfapi.h libmilter-dev
apt_install_needs

bash tests/consumer/run.sh build-ci-consumers
