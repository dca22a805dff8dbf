#!/usr/bin/env bash
# The DSN reader against two baselines, in one run, over the shared corpus
# of real bounces (../shared/bounces beside the source tree, or
# DSN_BOUNCES_DIR) held in memory: libdsn's dsn_report_read/next, Python's
# email package finding the delivery-status fields, and Sisimai
# (libsisimai-perl). Prints a markdown table of the median ns per message
# and the ratios. The ns are CPU time of the reading process (clock_gettime
# CLOCK_PROCESS_CPUTIME_ID, Python's time.process_time_ns, the same clock
# in Perl), not wall time: on a machine shared with other jobs, wall time
# counts the waits for a core, which land on one reader or another by
# chance. bench/run.sh calls it; alone:
#   bench/report.sh [--quick] [build-dir]     (default build-dir: build-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
quick=
if [ "${1:-}" = --quick ]; then quick=--quick; shift; fi
build=${1:-build-bench}

dir=${DSN_BOUNCES_DIR:-}
for d in ../shared/bounces ../../shared/bounces; do
  [ -z "$dir" ] && [ -f "$d/expected.tsv" ] && dir=$d
done
if [ -z "$dir" ]; then
  echo "report.sh: no shared bounce corpus (../shared/bounces or DSN_BOUNCES_DIR): no reader figures" >&2
  exit 0
fi

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DDSN_WERROR=ON >/dev/null
cmake --build "$build" --target dsn_bench_report -j2 >/dev/null
c_rounds=31 py_rounds=11 pl_rounds=5 turns=3
[ -n "$quick" ] && c_rounds=3 py_rounds=1 pl_rounds=1 turns=1
have_sisimai=1
perl -MSisimai -e1 2>/dev/null || {
  echo "report.sh: Sisimai (libsisimai-perl) missing: no Sisimai row" >&2
  have_sisimai=
}

# The readers take turns, $turns times, so that a slow spell of the
# machine does not land on one of them only; per reader the median of its
# turns' medians.
runs=
for _ in $(seq "$turns"); do
  runs+=$("$build/bench/bench_report" "$dir" --rounds "$c_rounds")$'\n'
  runs+=$(python3 bench/report_email.py "$dir" --rounds "$py_rounds")$'\n'
  if [ -n "$have_sisimai" ]; then
    runs+=$(perl bench/report_sisimai.pl "$dir" --rounds "$pl_rounds")$'\n'
  fi
done
out=$(printf '%s' "$runs" | sort -t$'\t' -k1,1 -k2,2g | awk -F'\t' '
  function flush() { if (n) printf "%s\t%s\t%s\t%s\n", id, v[int((n + 1) / 2)], m, r; n = 0 }
  $1 != id { flush(); id = $1 }
  { v[++n] = $2; m = $3; r = $4 }
  END { flush() }' | sort -t$'\t' -k2,2g)

echo "| reader | ns per message | recipients found | libdsn faster by |"
echo "|---|--:|--:|--:|"
awk -F'\t' '
  $1 == "libdsn" { base = $2 }
  { name[NR] = $1; ns[NR] = $2; msgs = $3; rc[NR] = $4 }
  END {
    for (i = 1; i <= NR; i++)
      printf "| %s | %.0f | %d | %s |\n", name[i], ns[i], rc[i],
             name[i] == "libdsn" ? "1x" : sprintf("%.0fx", ns[i] / base)
    printf "\n%d messages of %s in memory; per reader the median of %s turns taken in\n", msgs, "'"$dir"'", "'"$turns"'"
    printf "turn with the others, each the median of %s rounds (libdsn), %s (Python), %s\n", "'"$c_rounds"'", "'"$py_rounds"'", "'"$pl_rounds"'"
    printf "(Sisimai); a round reads every message once (libdsn: 20 times).\n"
  }' <<<"$out"
