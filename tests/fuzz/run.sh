#!/usr/bin/env bash
# Runs every harness built by tests/fuzz/build.sh for a fixed time, one
# after the other, starting from the committed seed corpus (copied, so the
# tree stays clean) and the regression inputs. Any finding fails the run and
# leaves the crashing input in the build directory. Prints each harness's
# executions. Usage: tests/fuzz/run.sh [build-dir] [seconds-per-harness]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build-safety-fuzz}
seconds=${2:-60}

for bin in "$build"/fuzz_*; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin")
  work="$build/corpus-$name"
  rm -rf "$work" && mkdir -p "$work"
  cp tests/fuzz/corpus/"$name"/* "$work"/
  if [ -d tests/fuzz/regressions/"$name" ]; then
    # known crash inputs first: each must pass on its own
    "$bin" -runs=0 tests/fuzz/regressions/"$name"/* >/dev/null 2>&1 ||
      { echo "$name: a regression input fails"; exit 1; }
  fi
  log="$build/$name.log"
  if ! "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -max_len=4096 -print_final_stats=1 -artifact_prefix="$build/$name-" \
       "$work" >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "$name: FINDING, input saved as $build/$name-*"
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
  echo "$name: $runs executions in ${seconds} s, $cov, no finding"
done
