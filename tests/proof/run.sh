#!/usr/bin/env bash
# tests/proof/run.sh [BUILD-DIR] - Frama-C over every harness listed in
# tests/proof/harnesses: EVA (every input of the harness's class, no
# run-time error) and, where the list says so, WP (the ACSL contracts of
# the sources, with -wp-rte: every memory access, every arithmetic).
#
# tests/proof/harnesses holds one line per harness (# starts a comment):
#
#     NAME  N  EVA-OPTIONS  WP-FUNCTIONS  SOURCE...
#
#   NAME         tests/proof/NAME.c is the harness (its main() is EVA's entry);
#   N            passed as -DDSN_PROOF_N=N (the harness's bound on lengths);
#   EVA-OPTIONS  extra EVA options joined by ',' ("-eva-precision=5"), or -;
#   WP-FUNCTIONS the functions whose ACSL contracts WP proves (with
#                -wp-rte: every memory access and every arithmetic too),
#                joined by ','; a listed function's callees belong in the
#                list, as WP uses their contracts; - : EVA only. (Listed, not
#                "all": the headers' static inline functions are not
#                annotated.) Every goal must be proved;
#   SOURCE...    the library files the harness needs (src/x.c ...).
#
# EVA runs with -no-annot, so that its result does not lean on the
# contracts WP proves: the harnesses make their unknown inputs from
# volatile objects, not from Frama-C's builtins. An alarm fails the run
# unless tests/proof/NAME.alarms lists it: one line per accepted alarm,
# "FILE:LINE<TAB>KIND<TAB>PROPERTY<TAB>why it cannot happen", as the
# report-csv gives the first three. A WP goal not proved, or an analysis
# that takes longer than DSN_PROOF_TIMEOUT seconds (default 1800: a guard
# against a prover that hangs, far above the minutes each takes), fails the
# run. Logs and each harness's time go to BUILD-DIR/proof/.
#
# Needs frama-c (Debian: frama-c-base), cvc4 and why3 (why3 config detect
# is run when why3 has no configuration). Without frama-c: skipped (exit
# 77), or a failure when DSN_REQUIRE_E2E=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build-proof}
limit=${DSN_PROOF_TIMEOUT:-1800}
list=tests/proof/harnesses

if ! command -v frama-c >/dev/null; then
  echo "run.sh: frama-c is not installed (apt-get install frama-c-base cvc4)"
  [ "${DSN_REQUIRE_E2E:-0}" = 1 ] && exit 1
  exit 77
fi
if [ ! -e "${HOME:-/root}/.why3.conf" ] || ! grep -q CVC4 "${HOME:-/root}/.why3.conf"; then
  why3 config detect >/dev/null
fi

# the generated headers (version) come from CMake's configure step
cmake -S . -B "$build" >/dev/null
out=$build/proof
mkdir -p "$out"
cpp="-Iinclude -Isrc -I$build/include"
failed=0

# alarms NAME CSV: the alarms of a report-csv, one "FILE:LINE<TAB>KIND<TAB>
# PROPERTY" line each (the libc specifications' own clauses left out)
alarms() {
  awk -F'\t' 'NR > 1 && $6 != "Valid" && $5 != "assigns clause" &&
              $5 != "from clause" { print $2 ":" $3 "\t" $5 "\t" $7 }' "$1" |
    sort -u
}

while read -r name n eva fcts sources; do
  case "$name" in '' | '#'*) continue ;; esac
  opts=()
  [ "$eva" = - ] || IFS=, read -r -a opts <<<"$eva"
  log=$out/$name.eva.log
  start=$(date +%s)
  # shellcheck disable=SC2086 # sources and cpp are word lists
  if ! timeout "$limit" frama-c -machdep x86_64 \
    -cpp-extra-args="$cpp -DDSN_PROOF_N=$n" -no-annot \
    -eva -eva-no-show-progress "${opts[@]}" "tests/proof/$name.c" $sources \
    -then -report-csv "$out/$name.csv" >"$log" 2>&1; then
    echo "FAIL $name: EVA failed or took more than ${limit}s (see $log)"
    failed=1
    continue
  fi
  eva_time=$(($(date +%s) - start))
  alarms "$out/$name.csv" >"$out/$name.found"
  baseline=tests/proof/$name.alarms
  if [ -f "$baseline" ]; then
    cut -f1-3 "$baseline" | sort -u >"$out/$name.known"
  else
    : >"$out/$name.known"
  fi
  new=$(comm -23 "$out/$name.found" "$out/$name.known")
  count=$(wc -l <"$out/$name.found")
  echo "$name: N=$n, EVA ${opts[*]:-(defaults)}: $count alarm(s), ${eva_time}s"
  if [ -n "$new" ]; then
    echo "FAIL $name: alarms not in $baseline:"
    printf '  %s\n' "$new"
    failed=1
  fi
  [ "$fcts" = - ] && continue
  log=$out/$name.wp.log
  start=$(date +%s)
  # shellcheck disable=SC2086
  if ! timeout "$limit" frama-c -machdep x86_64 -cpp-extra-args="$cpp" \
    -wp -wp-fct "$fcts" -wp-rte -wp-prover cvc4 -wp-timeout 20 $sources \
    >"$log" 2>&1; then
    echo "FAIL $name: WP failed or took more than ${limit}s (see $log)"
    failed=1
    continue
  fi
  goals=$(sed -n 's/.*Proved goals: *\([0-9]*\) \/ \([0-9]*\).*/\1 \2/p' "$log")
  read -r proved total <<<"${goals:-0 1}"
  echo "$name: WP -wp-rte: $proved/$total goals proved, $(($(date +%s) - start))s"
  if [ "$proved" != "$total" ]; then
    echo "FAIL $name: goals not proved:"
    grep -E 'Goal .*: (Timeout|Unknown|Failed)' "$log" | sed 's/^/  /'
    failed=1
  fi
done <"$list"
exit "$failed"
