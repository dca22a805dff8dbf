#!/usr/bin/env bash
# The DSN reader against two baselines, in one run, over the shared corpus
# of real bounces (../shared/bounces beside the source tree, or
# DSN_BOUNCES_DIR) held in memory: libdsn's dsn_report_read/next, Python's
# email package finding the delivery-status fields, and Sisimai
# (libsisimai-perl). Prints a markdown table of the median ns per message
# and the ratios. bench/run.sh calls it; alone:
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
c_rounds=31 py_rounds=5 pl_rounds=3
[ -n "$quick" ] && c_rounds=3 py_rounds=1 pl_rounds=1

out=$("$build/bench/bench_report" "$dir" --rounds "$c_rounds")
out+=$'\n'$(python3 bench/report_email.py "$dir" --rounds "$py_rounds")
if perl -MSisimai -e1 2>/dev/null; then
  out+=$'\n'$(perl bench/report_sisimai.pl "$dir" --rounds "$pl_rounds")
else
  echo "report.sh: Sisimai (libsisimai-perl) missing: no Sisimai row" >&2
fi

echo "| reader | ns per message | recipients found | libdsn faster by |"
echo "|---|--:|--:|--:|"
awk -F'\t' '
  $1 == "libdsn" { base = $2 }
  { name[NR] = $1; ns[NR] = $2; msgs = $3; rc[NR] = $4 }
  END {
    for (i = 1; i <= NR; i++)
      printf "| %s | %.0f | %d | %s |\n", name[i], ns[i], rc[i],
             name[i] == "libdsn" ? "1x" : sprintf("%.0fx", ns[i] / base)
    printf "\n%d messages of %s in memory; median of %s rounds (libdsn), %s (Python),\n", msgs, "'"$dir"'", "'"$c_rounds"'", "'"$py_rounds"'"
    printf "%s (Sisimai); each round reads every message once (libdsn: 20 times).\n", "'"$pl_rounds"'"
  }' <<<"$out"
