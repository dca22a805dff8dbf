#!/usr/bin/env bash
# tests/proof/run.sh [BUILD-DIR [NAME...]] - Frama-C over every harness listed in
# tests/proof/harnesses: EVA (every input of the harness's class, no
# run-time error but those listed) and, where the list says so, WP (the
# ACSL contracts of the sources, with -wp-rte: every memory access, every
# arithmetic). The one runner of all harnesses (docs/proof.md); NAMEs
# given: only those lines of the table.
#
# tests/proof/harnesses holds one line per harness (# starts a comment):
#
#     NAME  N  EVA-OPTIONS  WP-FUNCTIONS  SOURCE...
#
#   NAME         tests/proof/NAME.c is the harness (its main() is EVA's entry);
#   N            passed as -DDSN_PROOF_N=N (the harness's bound on lengths);
#   EVA-OPTIONS  extra EVA options joined by ',' ("-eva-precision=5"), or -.
#                -no-annot where the harness's unknown inputs come from
#                volatile objects: EVA's result then does not lean on the
#                ACSL contracts WP proves. Without it EVA reads the
#                sources' ACSL (and Frama_C_* builtins of __fc_builtin.h);
#   WP-FUNCTIONS the functions whose ACSL contracts WP proves (with
#                -wp-rte: every memory access and every arithmetic too),
#                joined by ','; a listed function's callees belong in the
#                list, as WP uses their contracts; - : EVA only. Every goal
#                must be proved;
#   SOURCE...    the library files the harness needs (src/x.c ...).
#
# Every harness runs with -machdep gcc_x86_64 -c11; tests/proof/unreached.ml
# lists the statements no input reaches in BUILD-DIR/proof/NAME.unreached
# ("function file:line", one per line). An alarm fails the run unless
# tests/proof/baseline-NAME.txt lists it, and a line there that no longer
# occurs fails it too (the baseline only shrinks): one line per alarm,
#
#     FILE | FUNCTION | KIND | PROPERTY | why it cannot occur
#
# (a static inline copy's suffix, f_2, left out; an alarm raised twice is
# listed twice; # starts a comment). No file: no alarm is accepted. A WP
# goal not proved, or an analysis that takes longer than DSN_PROOF_TIMEOUT
# seconds (default 900), fails the run. Harnesses run DSN_PROOF_JOBS at a
# time (default: the number of cores). Logs, CSV reports and each
# harness's summary go to BUILD-DIR/proof/.
#
# Needs frama-c (Debian: frama-c-base), cvc4 and why3 (why3 config detect
# is run when why3 has no configuration). Without frama-c: skipped (exit
# 77), or a failure when DSN_REQUIRE_E2E=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build-proof}
shift || true
only=" $* "
limit=${DSN_PROOF_TIMEOUT:-900}
jobs=${DSN_PROOF_JOBS:-$(nproc)}
list=tests/proof/harnesses

if ! command -v frama-c >/dev/null; then
  echo "run.sh: frama-c is not installed (apt-get install frama-c-base cvc4)"
  [ "${DSN_REQUIRE_E2E:-0}" = 1 ] && exit 1
  exit 77
fi
if [ ! -e "${HOME:-/root}/.why3.conf" ] || ! grep -q CVC4 "${HOME:-/root}/.why3.conf"; then
  why3 config detect >/dev/null
fi

# the generated headers (version, tables) come from CMake's configure step
cmake -S . -B "$build" >/dev/null
out=$build/proof
mkdir -p "$out"
rm -f "$out"/*.status
cpp="-Iinclude -Isrc -I$build/include"
common=(-machdep gcc_x86_64 -c11)

# alarms CSV: the alarms of a report-csv, one "FILE | FUNCTION | KIND |
# PROPERTY" line each: the properties EVA could not prove (not Valid, not
# in Dead code, not a libc clause Considered valid); the libc
# specifications' own rows left out, as each is also reported at its call
alarms() {
  awk -F'\t' 'NR > 1 && $1 !~ /^FRAMAC_SHARE/ && $6 != "Valid" &&
              $6 != "Dead" && $6 != "Considered valid" {
      fn = $4; sub(/_[0-9]+$/, "", fn)     # a static inline copy: f_2
      kind = $5; sub(/_[0-9]+$/, "", kind) # "precondition of f_2"
      print $1 "/" $2 " | " fn " | " kind " | " $7 }' "$1" | sort
}

# harness NAME N EVA WP SOURCES: runs one line of the table; its report
# goes to $out/NAME.summary, and it fails when the harness does.
harness() {
  local name=$1 n=$2 eva=$3 fcts=$4 sources=$5 opts=() start failed=0
  local log=$out/$name.eva.log baseline=tests/proof/baseline-$name.txt
  [ "$eva" = - ] || IFS=, read -r -a opts <<<"$eva"
  # Frama-C compiles a script beside it: one copy per harness, as they run
  # at the same time
  cp tests/proof/unreached.ml "$out/unreached_$name.ml"
  start=$(date +%s)
  # shellcheck disable=SC2086 # sources and cpp are word lists
  if ! timeout "$limit" frama-c "${common[@]}" \
    -cpp-extra-args="$cpp -DDSN_PROOF_N=$n" -eva -eva-no-show-progress \
    -eva-msg-key=-initial-state,-final-states "${opts[@]}" \
    "tests/proof/$name.c" $sources -load-script "$out/unreached_$name.ml" \
    -then -report-csv "$out/$name.csv" >"$log" 2>&1; then
    echo "FAIL $name: EVA failed or took more than ${limit}s (see $log)"
    return 1
  fi
  local eva_time=$(($(date +%s) - start))
  alarms "$out/$name.csv" >"$out/$name.found"
  { [ ! -f "$baseline" ] || grep -v -e '^#' -e '^$' "$baseline"; } |
    sed 's/ | [^|]*$//' | sort >"$out/$name.listed"
  sed -n 's/^UNREACHED //p' "$log" | sort -u >"$out/$name.unreached"
  echo "$name: N=$n, EVA ${opts[*]:-(defaults)}: $(wc -l <"$out/$name.found")" \
    "alarm(s), ${eva_time}s;$(sed -n 's/.*In these functions,\(.*\)/\1/p' "$log")" \
    "(not reached: $out/$name.unreached)"
  if ! diff "$out/$name.listed" "$out/$name.found" >"$out/$name.diff"; then
    echo "FAIL $name: the alarms differ from $baseline" \
      "(> new alarm, < listed alarm that no longer occurs):"
    grep '^[<>]' "$out/$name.diff" | sed 's/^/  /'
    failed=1
  fi
  [ "$fcts" = - ] && return "$failed"
  log=$out/$name.wp.log
  start=$(date +%s)
  # shellcheck disable=SC2086
  if ! timeout "$limit" frama-c "${common[@]}" -cpp-extra-args="$cpp" \
    -wp -wp-fct "$fcts" -wp-rte -wp-prover cvc4 -wp-timeout 20 $sources \
    >"$log" 2>&1; then
    echo "FAIL $name: WP failed or took more than ${limit}s (see $log)"
    return 1
  fi
  local goals proved total
  goals=$(sed -n 's/.*Proved goals: *\([0-9]*\) \/ \([0-9]*\).*/\1 \2/p' "$log")
  read -r proved total <<<"${goals:-0 1}"
  echo "$name: WP -wp-rte: $proved/$total goals proved, $(($(date +%s) - start))s"
  if [ "$proved" != "$total" ]; then
    echo "FAIL $name: goals not proved:"
    grep -E 'Goal .*: (Timeout|Unknown|Failed)' "$log" | sed 's/^/  /'
    failed=1
  fi
  return "$failed"
}

names=()
while read -r name n eva fcts sources; do
  case "$name" in '' | '#'*) continue ;; esac
  [ "$only" = "  " ] || [[ "$only" == *" $name "* ]] || continue
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  names+=("$name")
  (
    if harness "$name" "$n" "$eva" "$fcts" "$sources" >"$out/$name.summary"; then
      echo 0 >"$out/$name.status"
    else
      echo 1 >"$out/$name.status"
    fi
  ) &
done <"$list"
wait
failed=()
for name in "${names[@]}"; do
  cat "$out/$name.summary"
  [ "$(cat "$out/$name.status")" = 0 ] || failed+=("$name")
done
# the verdict, so that a listed alarm count does not read as a failure
if [ ${#failed[@]} -gt 0 ]; then
  echo "proof: FAILED: ${failed[*]}"
  exit 1
fi
echo "proof: OK: ${#names[@]} harnesses; every alarm is listed in its baseline" \
  "(tests/proof/baseline-NAME.txt) and every WP goal is proved"
