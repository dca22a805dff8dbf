#!/usr/bin/env bash
# Builds the bench in Release, runs it, haraka-dsn under node and callgrind
# in one go, and prints the table of docs/performance.md (markdown).
#   bench/run.sh [--quick] [build-dir]     (default build-dir: build-bench)
# --quick: a few short rounds and few callgrind iterations; to check that
# everything runs, not for figures.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=
if [ "${1:-}" = --quick ]; then quick=--quick; shift; fi
build=${1:-build-bench}
iters=20000
[ -n "$quick" ] && iters=200

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DDSN_WERROR=ON >/dev/null
cmake --build "$build" --target dsn_bench -j "$(nproc)" >/dev/null
out=$build/bench-results
mkdir -p "$out"

# haraka-dsn 1.2.1, pinned by bench/package-lock.json, installed in the build tree
hdir=$build/bench-haraka
mkdir -p "$hdir"
cp bench/package.json bench/package-lock.json bench/haraka.js "$hdir"/
if command -v node >/dev/null && command -v npm >/dev/null; then
  [ -f "$hdir/node_modules/haraka-dsn/package.json" ] ||
    (cd "$hdir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  have_node=1
else
  echo "run.sh: node/npm missing: no haraka-dsn column" >&2
  have_node=
fi

# C and node take turns, three runs each, so that a slow spell of the
# machine does not land on one side only; the table takes, per figure, the
# median of the runs' medians.
runs=3
[ -n "$quick" ] && runs=1
: >"$out/c-runs.tsv"
: >"$out/node-runs.tsv"
for _ in $(seq "$runs"); do
  "$build/bench/bench" $quick --tsv >>"$out/c-runs.tsv"
  if [ -n "$have_node" ]; then
    (cd "$hdir" && node haraka.js $quick --tsv) >>"$out/node-runs.tsv"
  fi
done
median_of_runs() {
  sort -t$'\t' -k1,2 -k3,3g "$1" | awk -F'\t' '
    function flush() { if (n) { m = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
                                printf "%s\t%s\t%.2f\t%s\n", id, var, m, what } n = 0 }
    $1 != id || $2 != var { flush(); id = $1; var = $2; what = $4 }
    { v[++n] = $3 }
    END { flush() }'
}
median_of_runs "$out/c-runs.tsv" | sort -t$'\t' -k1,1 -s >"$out/c.tsv"
median_of_runs "$out/node-runs.tsv" >"$out/node.tsv"

# instruction counts: one callgrind dump per op, "id variant iters per_call"
: >"$out/ir.tsv"
if command -v valgrind >/dev/null && "$build/bench/bench" --callgrind 1 >/dev/null 2>&1; then
  rm -f "$out"/callgrind.out*
  LD_BIND_NOW=1 valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" \
    "$build/bench/bench" --callgrind "$iters" 2>"$out/valgrind.log" >/dev/null
  for f in "$out"/callgrind.out.*; do
    awk '/^desc: Trigger: Client Request:/ { id=$5; v=$6; n=$7*$8 }
         /^totals:/ { if (n) printf "%s\t%s\t%.0f\n", id, v, $2 / n }' "$f"
  done >"$out/ir.tsv"
else
  echo "run.sh: valgrind or valgrind/callgrind.h missing: no instruction counts" >&2
fi

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
cc=$(sed -n 's/^CMAKE_C_COMPILER:[^=]*=//p' "$build/CMakeCache.txt")
echo "Machine: ${cpu:-unknown CPU}, $(nproc) cores; $("$cc" --version | head -1), -O2 (Release);" \
     "node $(node --version 2>/dev/null || echo -); $(date -u +%Y-%m-%d)."
echo
awk -F'\t' '
  FILENAME ~ /c.tsv$/    { ns[$1, $2] = $3; what[$1] = $4; if (!($1 in seen)) { seen[$1] = 1; ids[++n] = $1 } }
  FILENAME ~ /node.tsv$/ { ns[$1, "haraka"] = $3 }
  FILENAME ~ /ir.tsv$/   { ir[$1, $2] = $3 }
  function cell(x, f) { return x == "" ? "-" : sprintf(f, x) }
  function ratio(a, b, f) { return (a == "" || b == "" || b == 0) ? "-" : sprintf(f, a / b) }
  END {
    print "| case | operation | libdsn ns | snprintf ns | memcpy ns | haraka-dsn ns | haraka / libdsn | snprintf / libdsn | libdsn / memcpy | Ir libdsn | Ir snprintf | Ir memcpy |"
    print "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    for (i = 1; i <= n; i++) {
      id = ids[i]; l = ns[id, "libdsn"]; p = ns[id, "snprintf"]; m = ns[id, "memcpy"]; h = ns[id, "haraka"]
      printf "| %s | `%s` | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", id, what[id],
        cell(l, "%.1f"), cell(p, "%.1f"), cell(m, "%.1f"), cell(h, "%.0f"),
        ratio(h, l, "%.0fx"), ratio(p, l, "%.1fx"), ratio(l, m, "%.1fx"),
        cell(ir[id, "libdsn"], "%d"), cell(ir[id, "snprintf"], "%d"), cell(ir[id, "memcpy"], "%d")
    }
  }' "$out/c.tsv" "$out/node.tsv" "$out/ir.tsv"
echo
echo "ns: median ns per operation over $( [ -n "$quick" ] && echo 3 || echo 31 ) rounds, C and node taking" \
     "turns $runs time(s), the median of those; ratios of those medians." \
     "Ir: instructions per operation under callgrind (the call through a pointer included)."

# The DSN reader over the shared corpus of real bounces, against Python's
# email package and Sisimai (bench/report.sh; skipped without the corpus).
echo
bash bench/report.sh ${quick:+"$quick"} "$build"
