#!/usr/bin/env bash
# Frama-C EVA over the writers' harnesses (tests/proof/format_ex.c,
# tests/proof/status_fields.c): every alarm EVA raises must be listed in
# tests/proof/baseline-<name>.txt with the reason it cannot occur; a new
# alarm, or a listed one that no longer occurs (the baseline only
# shrinks), fails. Usage: tests/proof/run-writers.sh [build-dir]
# (the build dir holds the generated include/dsn/version.h and the
# copied tables). Set
# PROOF_N to change the input bound (default 1100 bytes per text).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
n=${PROOF_N:-1100}
[ -f "$build/include/dsn/version.h" ] || { echo "no $build/include/dsn/version.h: configure first" >&2; exit 2; }
command -v frama-c >/dev/null || { echo "frama-c not installed" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

index_h=$(find "$build" -name dsn_name_index.h | head -n 1)
[ -n "$index_h" ] || { echo "no dsn_name_index.h under $build: build first" >&2; exit 2; }
fail=0
for name in format_ex status_fields; do
  start=$(date +%s)
  frama-c -c11 -machdep gcc_x86_64 \
    -cpp-extra-args="-Iinclude -I$build/include -I$(dirname "$index_h") -Isrc -DN=$n" \
    "tests/proof/$name.c" src/*.c \
    -eva -eva-precision 1 -eva-msg-key=-initial-state,-final-states \
    -report-csv "$out/$name.csv" -report-no-proven >"$out/$name.log" 2>&1 || {
    cat "$out/$name.log" >&2
    echo "FAIL $name: frama-c failed" >&2
    fail=1
    continue
  }
  # one alarm a line: file | function | kind | property (libc's own
  # specification rows are left out: each is also reported at its call)
  awk -F'\t' 'NR > 1 && $1 !~ /^FRAMAC_SHARE/ && $6 != "Valid" {
      fn = $4; sub(/_[0-9]+$/, "", fn) # a static inline copy: f_2
      kind = $5; sub(/_[0-9]+$/, "", kind) # "precondition of f_2"
      print $1 "/" $2 " | " fn " | " kind " | " $7 }' "$out/$name.csv" |
    sort >"$out/$name.found"
  [ -z "${PROOF_KEEP:-}" ] || cp "$out/$name.found" "$PROOF_KEEP.$name"
  { grep -v -e '^#' -e '^$' "tests/proof/baseline-$name.txt" || true; } |
    sed 's/ | [^|]*$//' | sort >"$out/$name.listed"
  alarms=$(wc -l <"$out/$name.found")
  echo "$name: N=$n, $alarms alarms, $(($(date +%s) - start)) s"
  if ! diff -u "$out/$name.listed" "$out/$name.found" >"$out/$name.diff"; then
    echo "FAIL $name: the alarms differ from tests/proof/baseline-$name.txt" \
      "(+ new alarm, - listed alarm that no longer occurs):" >&2
    tail -n +3 "$out/$name.diff" | grep '^[-+]' >&2
    fail=1
  fi
  # every statement reached? (said, not enforced: see the baseline file)
  grep 'statements reached' "$out/$name.log" || true
done
exit $fail
