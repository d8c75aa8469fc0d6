#!/usr/bin/env bash
# Issue 16 benchmark, session 3: bench16.sh with CPU time and peak memory per command.
# usage: forms-bench.sh ROUNDS BIN_DIR[:LABEL]...  (data in /tmp/w16-bench, made first with
# dei-workload -o /tmp/w16-bench --builtin ngo-dei --orgs 10000 --format yaml and
# examples/kobo_export ngo-dei /tmp/w16-bench/kobo.csv /tmp/w16-bench/answers/*.yaml)
set -uo pipefail
W=/tmp/w16-bench
ROUNDS=$1; shift
m() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o $W/time.txt "$@" >/dev/null 2>$W/stderr.txt; local rc=$?
  read e u s k < <(tail -1 $W/time.txt)
  printf "%-26s wall %6.2f s  cpu %6.2f s  peak %7.0f MiB  exit %d\n" "$label" "$e" "$(echo "$u + $s" | bc)" "$(echo "$k / 1024" | bc)" $rc
}
for round in $(seq 1 $ROUNDS); do
  echo "round $round  $(date -u +%H:%M:%S)  load $(cut -d' ' -f1-3 /proc/loadavg)"
  for spec in "$@"; do
    R=${spec%%:*}; L=${spec#*:}
    m "$L benchmark" $R/dei benchmark $W/answers -o $W/benchmark.json
    rm -rf $W/imported
    m "$L import (new)" $R/dei import $W/kobo.csv --checklist ngo-dei -o $W/imported
    m "$L import (again)" $R/dei import $W/kobo.csv --checklist ngo-dei -o $W/imported
    m "$L export csv long" $R/dei export $W/answers/*.yaml --format csv -o $W/long-$L.csv
    m "$L export csv wide" $R/dei export $W/answers/*.yaml --format csv --shape wide -o $W/wide-$L.csv
    m "$L export xlsx" $R/dei export $W/answers/*.yaml --format xlsx -o $W/scores-$L.xlsx
  done
done
