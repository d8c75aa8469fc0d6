#!/usr/bin/env bash
# Issue 16 benchmark: bench16.sh with CPU time, peak memory and user-space instructions per
# command (instructions only where `perf stat` may count them).
# usage: forms-bench.sh ROUNDS BIN_DIR[:LABEL]...  (data in /tmp/w16-bench, made first with
# dei-workload -o /tmp/w16-bench --builtin ngo-dei --orgs 10000 --format yaml and
# examples/kobo_export ngo-dei /tmp/w16-bench/kobo.csv /tmp/w16-bench/answers/*.yaml)
#
# Each first import writes into a folder of its own (imported-LABEL-ROUND), removed only after
# the last round: on ext4, creating 10,000 files just after deleting 10,000 others costs about
# 7 s of kernel time more (new inodes skip the recently freed ones; BENCHMARKS.md, "Forms"),
# which is the file system's cost of the script's `rm -rf`, not the import's. FORMS_BENCH_RM=1
# measures the old way (one folder, removed just before each first import); FORMS_BENCH_NO_CSV=1
# leaves out the two CSV exports.
set -uo pipefail
W=/tmp/w16-bench
ROUNDS=$1; shift
PERF=""
if perf stat -x, -e instructions:u -o /dev/null true 2>/dev/null; then PERF=1; fi
m() { # label, command...
  local label=$1; shift
  if [ -n "$PERF" ]; then
    /usr/bin/time -f "%e %U %S %M" -o $W/time.txt perf stat -x, -e instructions:u -o $W/perf.txt "$@" >/dev/null 2>$W/stderr.txt
  else
    /usr/bin/time -f "%e %U %S %M" -o $W/time.txt "$@" >/dev/null 2>$W/stderr.txt
  fi
  local rc=$?
  read e u s k < <(tail -1 $W/time.txt)
  local instructions="-"
  if [ -n "$PERF" ]; then
    instructions=$(awk -F, '/instructions/ { printf "%.1f", $1 / 1e9 }' $W/perf.txt)
  fi
  printf "%-26s wall %6.2f s  cpu %6.2f s (user %6.2f sys %5.2f)  peak %7.0f MiB  instr %6s G  exit %d\n" \
    "$label" "$e" "$(echo "$u + $s" | bc)" "$u" "$s" "$(echo "$k / 1024" | bc)" "$instructions" $rc
}
for round in $(seq 1 $ROUNDS); do
  echo "round $round  $(date -u +%H:%M:%S)  load $(cut -d' ' -f1-3 /proc/loadavg)"
  for spec in "$@"; do
    R=${spec%%:*}; L=${spec#*:}
    m "$L benchmark" $R/dei benchmark $W/answers -o $W/benchmark.json
    if [ "${FORMS_BENCH_RM:-}" = 1 ]; then
      I=$W/imported; rm -rf $I
    else
      I=$W/imported-$L-$round; rm -rf $I
    fi
    m "$L import (new)" $R/dei import $W/kobo.csv --checklist ngo-dei -o $I
    m "$L import (again)" $R/dei import $W/kobo.csv --checklist ngo-dei -o $I
    if [ "${FORMS_BENCH_NO_CSV:-}" != 1 ]; then
      m "$L export csv long" $R/dei export $W/answers/*.yaml --format csv -o $W/long-$L.csv
      m "$L export csv wide" $R/dei export $W/answers/*.yaml --format csv --shape wide -o $W/wide-$L.csv
    fi
    m "$L export xlsx" $R/dei export $W/answers/*.yaml --format xlsx -o $W/scores-$L.xlsx
  done
done
rm -rf $W/imported-*
