#!/usr/bin/env bash
# Every way a user takes libdsn, each proven by building and running
# tests/consumer/consumer.c against it:
#   static install   cmake --install --prefix P: the file list, bin/dsn,
#                    man -l, find_package (C and C++), pkg-config
#   embedded         add_subdirectory of this tree; FetchContent of the
#                    release tarball (cpack source package)
#   shared           BUILD_SHARED_LIBS=ON: ctest, SONAME, exports (nm -D),
#                    find_package and pkg-config consumers on the .so
#   .deb             cpack -G DEB, its contents; as root: apt-get install,
#                    pkg-config and find_package consumers against /usr,
#                    then its removal if it was not installed before
#   milter adapter   where libmilter-dev is installed: libdsn-milter.a,
#                    dsn_milter.h, pkg-config libdsn-milter and
#                    find_package(dsn COMPONENTS milter) in the static
#                    prefix and the .deb, each building and running
#                    tests/consumer/milter/milter_consumer.c
# Needs cmake, cc, c++, pkg-config, nm, readelf, man, dpkg-deb (and cmocka
# for the shared build's tests). Usage: tests/consumer/run.sh [work-dir]
set -euo pipefail
cd "$(dirname "$0")/../.."
src=$PWD
work=${1:-build-pkg-consumers}
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
jobs=$(nproc)
consumer_src=$src/tests/consumer/consumer.c
version=$(sed -n 's/^project(libdsn VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
wire=$'550 5.1.1 No such user\r'
grep -q "^## \[$version\] - " CHANGELOG.md ||
  { echo "consumers: FAIL: CHANGELOG.md has no entry for $version" >&2; exit 1; }

# the milter adapter is built, installed and packed where libmilter is
milter=0
[ -f /usr/include/libmilter/mfapi.h ] && milter=1

say() { echo "-- consumers: $*"; }
fail() { echo "consumers: FAIL: $*" >&2; exit 1; }

# build_libdsn DIR [cmake args...]: configure and build libdsn in DIR.
build_libdsn() {
  local dir=$1
  shift
  cmake -S "$src" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDSN_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j "$jobs" >/dev/null
}

# consumer_cmake NAME SOURCE [cmake args...]: build a consumer project.
consumer_cmake() {
  local dir=$work/$1 project=$2
  shift 2
  cmake -S "$project" -B "$dir" "$@" >/dev/null
  cmake --build "$dir" -j "$jobs" >/dev/null
}

# consumer_pkg_config OUT [pkg-config args...]: cc with pkg-config's flags.
consumer_pkg_config() {
  local out=$1
  shift
  # shellcheck disable=SC2046 # pkg-config prints several words on purpose
  cc -std=c99 -Wall -Wextra -Wpedantic -Werror $(pkg-config --cflags "$@" libdsn) \
    "$consumer_src" -o "$out" $(pkg-config --libs "$@" libdsn)
}

# check_milter_consumers NAME [cmake args...]: the milter consumer built
# with find_package(dsn COMPONENTS milter) and with pkg-config's
# libdsn-milter (PKG_CONFIG_PATH as the caller sets it), both run.
check_milter_consumers() {
  local name=$1
  shift
  consumer_cmake "milter-fp-$name" tests/consumer/milter "$@"
  "$work/milter-fp-$name/milter_consumer" >/dev/null
  # shellcheck disable=SC2046 # pkg-config prints several words on purpose
  cc -std=c99 -Wall -Wextra -Wpedantic -Werror $(pkg-config --cflags libdsn-milter) \
    tests/consumer/milter/milter_consumer.c -o "$work/milter-pc-$name" \
    $(pkg-config --libs libdsn-milter)
  "$work/milter-pc-$name" >/dev/null
}

# check_dsn_program PATH: the installed dsn program prints the wire bytes.
check_dsn_program() {
  [ "$("$1" no_such_user)" = "$wire" ] || fail "$1 no_such_user"
}

# check_man PAGE: man -l renders it, without warnings, naming what it must.
check_man() {
  local page=$1 warnings
  shift
  warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
  [ -z "$warnings" ] || fail "man -l $page warns: $warnings"
  local text
  text=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$page" 2>/dev/null)
  for word in "$@"; do
    grep -qw -- "$word" <<<"$text" || fail "man -l $page does not mention $word"
  done
}

# --- static install ---------------------------------------------------------
say "static install"
build_libdsn "$work/static" -DDSN_BUILD_TESTS=OFF
static=$work/static-prefix
cmake --install "$work/static" --prefix "$static" >/dev/null
expected=(bin/dsn lib/libdsn.a lib/pkgconfig/libdsn.pc
  lib/cmake/dsn/dsnConfig.cmake lib/cmake/dsn/dsnConfigVersion.cmake
  include/libdsn/dsn.h include/libdsn/dsn/version.h share/man/man3/libdsn.3)
for f in include/dsn/*.h ./*.def; do expected+=("include/libdsn/dsn/${f##*/}"); done
[ ! -e man/dsn.1 ] || expected+=(share/man/man1/dsn.1)
[ "$milter" = 0 ] || expected+=(lib/libdsn-milter.a include/libdsn/dsn_milter.h
  lib/pkgconfig/libdsn-milter.pc lib/cmake/dsn/dsnMilterTargets.cmake)
for f in "${expected[@]}"; do [ -f "$static/$f" ] || fail "not installed: $f"; done
# grep reads here-strings, not pipes: with pipefail, grep -q leaving early
# would fail the writer with SIGPIPE, and the check with it
[ -z "$(find "$static" -name '*.so*')" ] || fail "static install has a .so"
check_dsn_program "$static/bin/dsn"
# <libdsn/dsn.h> needs nothing but the include root (/usr/include): dsn.h
# finds its parts, and each part the parts and tables beside it; every part
# also compiles alone, as C and as C++
printf '#include <libdsn/dsn.h>\nint main(void) { return dsn_no_such_user(NULL, 0).code != 550; }\n' |
  cc -std=c99 -Wall -Wextra -Werror -I"$static/include" -x c - \
    -x none "$static/lib/libdsn.a" -o "$work/include-root" ||
  fail "<libdsn/dsn.h> does not compile with the include root alone"
"$work/include-root"
for part in "$static"/include/libdsn/dsn/*.h; do
  part=libdsn/dsn/${part##*/}
  for lang in "cc -std=c99 -x c" "c++ -std=c++11 -x c++"; do
    # shellcheck disable=SC2086
    printf '#include <%s>\nint dsn_part_alone;\n' "$part" |
      $lang -Wall -Wextra -Wpedantic -Werror -I"$static/include" \
        -fsyntax-only - ||
      fail "<$part> does not compile alone ($lang)"
  done
done
# every function the library exports is named in libdsn(3)
# (the globals of default visibility: the library's own helpers across its
# files are hidden, as in the shared build)
mapfile -t exports < <(readelf -sW "$static/lib/libdsn.a" |
  awk '$5 == "GLOBAL" && $6 == "DEFAULT" && $7 != "UND" &&
       ($4 == "FUNC" || $4 == "OBJECT") { print $8 }' | sort -u)
[ "${#exports[@]}" -gt 0 ] || fail "no exports found in libdsn.a"
check_man "$static/share/man/man3/libdsn.3" "${exports[@]}"
[ ! -e man/dsn.1 ] || check_man "$static/share/man/man1/dsn.1" dsn
say "static install: ${#expected[@]} files, bin/dsn, man -l libdsn.3 ok"

say "find_package against the static prefix (C and C++)"
consumer_cmake fp-static tests/consumer/find_package -DCMAKE_PREFIX_PATH="$static" \
  -DDSN_WANT="${version%.*}"
"$work/fp-static/consumer"
"$work/fp-static/consumer_cxx"
if cmake -S tests/consumer/find_package -B "$work/fp-major" \
    -DCMAKE_PREFIX_PATH="$static" -DDSN_WANT=$((${version%%.*} + 1)).0 \
    >/dev/null 2>&1; then
  fail "find_package accepted another major version"
fi

say "pkg-config against the static prefix"
export PKG_CONFIG_PATH=$static/lib/pkgconfig
[ "$(pkg-config --modversion libdsn)" = "$version" ] || fail "pkg-config version"
consumer_pkg_config "$work/pc-static"
"$work/pc-static"
consumer_pkg_config "$work/pc-static-static" --static
"$work/pc-static-static"
if [ "$milter" = 1 ]; then
  say "milter adapter against the static prefix (find_package, pkg-config)"
  check_milter_consumers static -DCMAKE_PREFIX_PATH="$static"
elif cmake -S tests/consumer/milter -B "$work/milter-none" \
    -DCMAKE_PREFIX_PATH="$static" >/dev/null 2>&1; then
  fail "find_package(dsn COMPONENTS milter) succeeded without the adapter"
fi
unset PKG_CONFIG_PATH

# --- embedded in a parent project -------------------------------------------
say "add_subdirectory of the source tree"
consumer_cmake subdirectory tests/consumer/embedded -DDSN_SOURCE_DIR="$src"
"$work/subdirectory/consumer"
cmake --install "$work/subdirectory" --prefix "$work/subdirectory-prefix" >/dev/null
[ -z "$(find "$work/subdirectory-prefix" -type f 2>/dev/null)" ] ||
  fail "libdsn as a subproject installed files"

say "FetchContent of the release tarball"
(cd "$work/static" && cpack --config CPackSourceConfig.cmake -G TGZ >/dev/null)
tarball=$work/static/libdsn-$version-Source.tar.gz
[ -f "$tarball" ] || fail "no source tarball $tarball"
! tar -tzf "$tarball" | grep -E '/(build[^/]*|\.git|node_modules)/' ||
  fail "the source tarball holds build trees or git"
consumer_cmake fetchcontent tests/consumer/embedded -DDSN_URL="file://$tarball"
"$work/fetchcontent/consumer"

# --- shared library ----------------------------------------------------------
say "shared build: ctest against libdsn.so"
build_libdsn "$work/shared" -DBUILD_SHARED_LIBS=ON
# the conformance test needs node and npm's haraka-dsn: scripts/test.sh runs it
ctest --test-dir "$work/shared" -j "$jobs" -E conformance --output-on-failure >/dev/null
shared=$work/shared-prefix
cmake --install "$work/shared" --prefix "$shared" >/dev/null
so=$shared/lib/libdsn.so.$version
[ -f "$so" ] || fail "no $so"
[ ! -e "$shared/lib/libdsn.a" ] || fail "shared install has libdsn.a"
soname=$(readelf -d "$so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = "libdsn.so.${version%%.*}" ] || fail "SONAME is '$soname'"
mapfile -t dynamic < <(nm -D --defined-only "$so" | awk 'NF == 3 { print $3 }')
for sym in "${dynamic[@]}"; do
  [[ $sym == dsn_* ]] || fail "libdsn.so exports $sym"
done
for sym in "${exports[@]}"; do
  grep -qx -- "$sym" <<<"$(printf '%s\n' "${dynamic[@]}")" ||
    fail "libdsn.so does not export $sym, which libdsn.a has"
done
check_dsn_program "$shared/bin/dsn"   # found through its RPATH, no LD_LIBRARY_PATH
say "shared: SONAME $soname, ${#dynamic[@]} exports, all dsn_*"

say "find_package and pkg-config against the shared prefix"
consumer_cmake fp-shared tests/consumer/find_package -DCMAKE_PREFIX_PATH="$shared" \
  -DDSN_WANT="${version%.*}"
grep -q "$so\|$shared/lib/libdsn.so" <<<"$(ldd "$work/fp-shared/consumer")" ||
  fail "the find_package consumer does not link $shared's libdsn.so"
"$work/fp-shared/consumer"
"$work/fp-shared/consumer_cxx"
PKG_CONFIG_PATH=$shared/lib/pkgconfig consumer_pkg_config "$work/pc-shared"
LD_LIBRARY_PATH=$shared/lib "$work/pc-shared"

# --- Debian package ----------------------------------------------------------
say ".deb"
build_libdsn "$work/deb" -DCMAKE_INSTALL_PREFIX=/usr -DDSN_BUILD_TESTS=OFF
(cd "$work/deb" && cpack -G DEB >/dev/null)
deb=$(ls "$work"/deb/libdsn-dev_"$version"_*.deb)
contents=$(dpkg-deb -c "$deb")
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
for f in usr/bin/dsn "usr/lib/$multiarch/libdsn.a" "usr/lib/$multiarch/pkgconfig/libdsn.pc" \
    "usr/lib/$multiarch/cmake/dsn/dsnConfig.cmake" usr/include/libdsn/dsn.h \
    usr/include/libdsn/dsn/dsn_table.def usr/share/man/man3/libdsn.3; do
  grep -q " \./$f\$" <<<"$contents" || fail "$deb lacks /$f"
done
if [ "$milter" = 1 ]; then
  for f in "usr/lib/$multiarch/libdsn-milter.a" usr/include/libdsn/dsn_milter.h \
      "usr/lib/$multiarch/pkgconfig/libdsn-milter.pc" \
      "usr/lib/$multiarch/cmake/dsn/dsnMilterTargets.cmake"; do
    grep -q " \./$f\$" <<<"$contents" || fail "$deb lacks /$f"
  done
fi
if [ "$(id -u)" != 0 ]; then
  say "not root: $deb built and checked, not installed"
else
  was_installed=$(dpkg-query -W -f='${Status}' libdsn-dev 2>/dev/null || true)
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 \
    install -y -qq "$deb" >/dev/null
  consumer_pkg_config "$work/pc-deb"
  "$work/pc-deb"
  consumer_cmake fp-deb tests/consumer/find_package -DDSN_WANT="${version%.*}"
  "$work/fp-deb/consumer"
  check_dsn_program /usr/bin/dsn
  [ "$milter" = 0 ] || check_milter_consumers deb
  if [ "$was_installed" != "install ok installed" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 \
      purge -y -qq libdsn-dev >/dev/null
  fi
  say ".deb: apt-get install, pkg-config consumer against /usr ok"
fi
say "all consumers passed"
