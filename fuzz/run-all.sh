#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 600) one after another, from the already built
# binaries (`RUSTC_BOOTSTRAP=1 cargo fuzz build` first), and logs to /tmp/fuzz-TARGET.log.
set -uo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(load_checklist load_answers load_tailoring expression score_and_render fast_vs_located direct_vs_minijinja import)
bin=target/x86_64-unknown-linux-gnu/release
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target" "artifacts/$target"
  "$bin/$target" "corpus/$target" -max_total_time="$seconds" -dict=yaml.dict \
    -artifact_prefix="artifacts/$target/" -print_final_stats=1 </dev/null >"/tmp/fuzz-$target.log" 2>&1
  echo "$target exit $?" >>/tmp/fuzz-summary.log
done
