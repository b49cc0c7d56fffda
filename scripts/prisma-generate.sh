#!/usr/bin/env bash
# Generates the Prisma client into generated/prisma, offline.
#
# The Prisma CLI wants its native schema engine before running any command and
# downloads it when missing, which fails where only the npm registry is
# reachable. `generate` never runs that engine, so when the real one is absent
# we point PRISMA_SCHEMA_ENGINE_BINARY at a stand-in. A value set by the caller
# is left alone. Quiet on success; prints Prisma's output and fails otherwise.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

prisma_bin=node_modules/.bin/prisma
if [[ ! -x "$prisma_bin" ]]; then
  echo "prisma-generate: $prisma_bin not found; install dependencies first (npm ci)" >&2
  exit 1
fi

# No telemetry ping or update check: neither can reach its host here, and a
# build should not depend on them anywhere.
export CHECKPOINT_DISABLE="${CHECKPOINT_DISABLE:-1}"
export PRISMA_HIDE_UPDATE_MESSAGE="${PRISMA_HIDE_UPDATE_MESSAGE:-1}"

# True when @prisma/engines' postinstall managed to put the engine in place.
has_schema_engine() {
  local dir
  for dir in node_modules/@prisma/engines node_modules/prisma; do
    if compgen -G "$dir/schema-engine-*" >/dev/null; then
      return 0
    fi
  done
  return 1
}

if [[ -z "${PRISMA_SCHEMA_ENGINE_BINARY:-}" ]] && ! has_schema_engine; then
  # Any existing file satisfies the CLI; `false` fails fast should anything
  # ever try to run it.
  PRISMA_SCHEMA_ENGINE_BINARY="$(type -P false)"
  export PRISMA_SCHEMA_ENGINE_BINARY
fi

if ! output="$("$prisma_bin" generate 2>&1)"; then
  printf '%s\n' "$output" >&2
  echo "prisma-generate: 'prisma generate' failed" >&2
  exit 1
fi
