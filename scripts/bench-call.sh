#!/usr/bin/env bash
# Benchmark, in the real end-to-end scenarios, repeated: milliseconds from
# clicking Join to the first decoded remote frame (two participants), and from
# clicking Mute to the muted badge appearing for another participant (three).
# Prints each run and the median. Needs a built app (npm run setup:test).
# Usage: bench-call.sh [runs]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-5}"
out=$(npx playwright test e2e/call.spec.ts --repeat-each "$runs" --reporter=line 2>&1) || {
  echo "$out" | tail -40
  exit 1
}
report() {
  local figures
  figures=$(echo "$out" | sed -n "s/.*$1 \([0-9]*\).*/\1/p")
  echo "$1, $runs runs: $(echo $figures | tr '\n' ' ')"
  echo "$figures" | sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "  median: %d ms\n", m }'
}
report join-to-first-remote-frame-ms
report mute-seen-by-others-ms
