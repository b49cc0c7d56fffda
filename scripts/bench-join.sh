#!/usr/bin/env bash
# Benchmark: milliseconds from clicking Join to the first decoded remote frame,
# in the real two-participant end-to-end scenario, repeated; prints each run
# and the median. Needs a built app (npm run setup:test). Usage: bench-join.sh [runs]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-5}"
out=$(npx playwright test e2e/call.spec.ts --grep "two participants" --repeat-each "$runs" --reporter=line 2>&1) || {
  echo "$out" | tail -40
  exit 1
}
figures=$(echo "$out" | sed -n 's/.*join-to-first-remote-frame-ms \([0-9]*\).*/\1/p')
echo "join-to-first-remote-frame (ms), $runs runs: $(echo $figures | tr '\n' ' ')"
echo "$figures" | sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "median: %d ms\n", m }'
