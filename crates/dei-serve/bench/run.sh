#!/usr/bin/env bash
# The dei serve benchmark (BENCHMARKS.md): a release build of `dei`, a folder of 50 assessments
# created through the server's own form, then wrk at 50 connections on (1) the static
# stylesheet and (2) save one answer + read the section summary back, in the same run; then a
# soak that samples the server's resident memory.
# Usage: crates/dei-serve/bench/run.sh [SECONDS_PER_RUN] [SOAK_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
SECONDS_PER_RUN="${1:-20}"
SOAK="${2:-60}"
# DEI=path/to/dei skips the build (to try the script with another binary).
if [ -z "${DEI:-}" ]; then
  cargo build --release -p dei-cli >/dev/null
  DEI="${CARGO_TARGET_DIR:-target}/release/dei"
fi
WORK="$(mktemp -d)"
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK" "$WORK.out"' EXIT
"$DEI" serve "$WORK" > "$WORK.out" &
SERVER=$!
for _ in $(seq 50); do grep -q token= "$WORK.out" 2>/dev/null && break; sleep 0.1; done
URL="$(grep -o 'http://127.0.0.1:[0-9]*/?token=[0-9a-f]*' "$WORK.out")"
BASE="${URL%%/\?*}"
COOKIE="$(curl -s -o /dev/null -D - "$URL" | grep -i '^set-cookie' | sed 's/^[^:]*: //; s/;.*//')"
CSRF="$(curl -s -H "Cookie: $COOKIE" "$BASE/" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"//')"
for i in $(seq 50); do
  curl -s -o /dev/null -H "Cookie: $COOKIE" --data "csrf=$CSRF&checklist=dei-washing-selfcheck&name=load&period=$i" "$BASE/new"
done
export COOKIE CSRF FILES=50
for i in $(seq 50); do
  export "VERSION_$i=$(curl -s -D - -o /dev/null -H "Cookie: $COOKIE" "$BASE/a/load-$i.yaml/s/claims" | grep -i '^etag' | sed 's/^[^"]*"//; s/".*//')"
done
HERE="$(dirname "$0")"
echo "static page (GET /static/app.css), 50 connections, ${SECONDS_PER_RUN}s:"
wrk -t1 -c50 -d"${SECONDS_PER_RUN}s" -s "$HERE/static.lua" "$BASE" | grep -E 'median|Non-2xx|Socket errors' || true
cat > "$WORK/section.lua" <<'LUA'
local cookie = os.getenv("COOKIE")
local n = 0
function request() n = n + 1; return wrk.format("GET", "/a/load-" .. (n % 50 + 1) .. ".yaml/s/claims", { ["Cookie"] = cookie }) end
function done(summary, latency, requests)
  local p = function(q) return latency:percentile(q) / 1000 end
  io.write(string.format("median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, %.0f requests/s\n",
    p(50), p(90), p(99), latency.max / 1000, summary.requests / (summary.duration / 1e6)))
end
LUA
echo "section page only (GET /a/FILE/s/claims), 50 connections, ${SECONDS_PER_RUN}s:"
wrk -t1 -c50 -d"${SECONDS_PER_RUN}s" -s "$WORK/section.lua" "$BASE" | grep -E 'median|Non-2xx|Socket errors' || true
echo "save one answer + section summary (POST then GET, alternating), 50 connections, ${SECONDS_PER_RUN}s:"
wrk -t1 -c50 -d"${SECONDS_PER_RUN}s" -s "$HERE/save.lua" "$BASE" | grep -E 'median|Non-2xx|Socket errors|requests in' || true
echo "static page again:"
wrk -t1 -c50 -d"${SECONDS_PER_RUN}s" -s "$HERE/static.lua" "$BASE" | grep -E 'median|Non-2xx|Socket errors' || true
echo "soak: save + summary at 50 connections for ${SOAK}s, resident memory (KiB) every 10 s:"
wrk -t1 -c50 -d"${SOAK}s" -s "$HERE/save.lua" "$BASE" > "$WORK/soak.txt" &
WRK=$!
while kill -0 "$WRK" 2>/dev/null; do
  echo "  $(date -u +%H:%M:%S) rss $(awk '/VmRSS/ {print $2}' "/proc/$SERVER/status")"
  sleep 10
done
grep -E 'median|Non-2xx|requests in' "$WORK/soak.txt" || true
echo "history versions kept: $(find "$WORK/.dei-history" -type f | wc -l)"
