#!/usr/bin/env bash
# Sets up Podium on a fresh machine: system packages, the mediasoup worker,
# npm dependencies, the Prisma client and the production build.
#
#   bash scripts/setup.sh          # what `npm start` needs
#   bash scripts/setup.sh --test   # plus Chromium for the end-to-end tests
#
# Every step is idempotent; a machine that already has the worker in its cache
# (~/.cache/podium) skips the ~5 minute build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

with_browser=0
case "${1:-}" in
  --test) with_browser=1 ;;
  "") ;;
  *) echo "setup: unknown option $1 (use --test)" >&2; exit 2 ;;
esac

total=5
step() { echo; echo "==> [$1/$total] $2"; }
started=$SECONDS

step 1 "Checking Node.js"
node -e '
  const [maj, min] = process.versions.node.split(".").map(Number);
  if (maj < 20 || (maj === 20 && min < 19)) {
    console.error(`setup: Node.js >= 20.19 is required, this is ${process.versions.node}`);
    process.exit(1);
  }
  console.log(`Node.js ${process.versions.node}`);
'

step 2 "System packages"
if [ "$with_browser" -eq 1 ]; then
  bash scripts/system-deps.sh --with-browser
else
  echo "nothing needed to run the app (the worker step installs build tools only if it must build)"
fi

step 3 "mediasoup worker (cached in ${XDG_CACHE_HOME:-$HOME/.cache}/podium)"
worker_bin=$(bash scripts/ensure-worker.sh | tail -n 1)
echo "worker: $worker_bin"

step 4 "npm dependencies"
# With MEDIASOUP_WORKER_BIN set, mediasoup's postinstall keeps the worker we
# just ensured instead of downloading or building its own.
if [ -f node_modules/.package-lock.json ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "node_modules is up to date with package-lock.json"
else
  # `npm install`, not `npm ci`: the lock cannot list the other platforms'
  # builds of next's and tailwind's native packages (the registry mirror here
  # serves only linux-x64), and `npm ci` refuses a lock with such gaps. Every
  # version that is in the lock is still installed exactly.
  MEDIASOUP_WORKER_BIN="$worker_bin" npm install --no-audit --no-fund
fi

step 5 "Prisma client and production build"
npm run build

echo
echo "Setup finished in $((SECONDS - started)) s."
