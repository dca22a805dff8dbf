#!/usr/bin/env bash
# Proves the README's quick start works for a newcomer who installs only
# what it names: its command (the first line of a ```sh block after
# "## Quick start" that runs ./build/dsn) runs in a fresh clone, in a
# private mount namespace (unshare -m) where cmocka and node/npm are hidden
# (their files covered by /dev/null or an empty tmpfs), and must print
# "550 5.1.1 No such user". Configuring must say in one line that the tests
# are not built. Needs root (CI is). About 30 s here, most of it
# apt-get update and the build.
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../lib.sh"

need_command git git
need_command unshare util-linux
apt_install_needs
[ "$(id -u)" = 0 ] || { echo "12-quickstart: needs root (unshare -m)"; exit 1; }

cmd=$(awk '/^## Quick start/ { q = 1 }
           q && /^```sh/ { c = 1; next }
           c && /^```/ { c = 0 }
           c && /\.\/build\/dsn/ { print; exit }' README.md)
[ -n "$cmd" ] ||
  { echo "README.md: no quick-start command that runs ./build/dsn"; exit 1; }
echo "-- README quick start: $cmd"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q . "$work/src"

# Runs as root in its own mount namespace: what it mounts is gone when it
# exits, for this script and for everything else on the machine.
unshare -m --propagation private -- bash -s "$work" "$cmd" <<'INNER'
set -euo pipefail
work=$1 cmd=$2

# cmocka: every file and directory of its packages (a directory is
# covered by an empty tmpfs, after the files, so that a config file
# cannot be found empty and taken for a package)
dirs=()
for pkg in libcmocka-dev libcmocka0; do
  dpkg -s "$pkg" >/dev/null 2>&1 || continue
  while IFS= read -r path; do
    if [ -d "$path" ] && [[ ${path##*/} == cmock* ]]; then
      dirs+=("$path")
    elif [ -f "$path" ]; then
      mount --bind /dev/null "$path"
    fi
  done < <(dpkg -L "$pkg")
done
for dir in "${dirs[@]}"; do mount -t tmpfs none "$dir"; done
# node and npm: every one on the PATH (/dev/null is not executable)
IFS=: read -ra path_dirs <<<"$PATH"
for dir in "${path_dirs[@]}"; do
  for tool in node nodejs npm npx; do
    [ ! -x "$dir/$tool" ] || mount --bind /dev/null "$dir/$tool"
  done
done
hash -r
if pkg-config --exists cmocka 2>/dev/null || [ -s /usr/include/cmocka.h ] ||
   node --version >/dev/null 2>&1 || npm --version >/dev/null 2>&1; then
  echo "12-quickstart: cmocka or node still visible"; exit 1
fi

cd "$work/src"
# the README's command as written; apt-get only waits for the dpkg lock
# rather than failing when another apt-get runs
out=$(bash -c "apt-get() { command apt-get -o DPkg::Lock::Timeout=900 \"\$@\"; }
               $cmd" 2>&1) ||
  { printf '%s\n' "$out"; echo "12-quickstart: the command failed"; exit 1; }
grep -q 'tests not built: cmocka not found' <<<"$out" ||
  { printf '%s\n' "$out"; echo "12-quickstart: no line says the tests are not built"; exit 1; }
last=$(printf '%s\n' "$out" | tail -n 1 | tr -d '\r')
[ "$last" = "550 5.1.1 No such user" ] ||
  { printf '%s\n' "$out"; echo "12-quickstart: printed '$last'"; exit 1; }
echo "-- printed: $last"
INNER
