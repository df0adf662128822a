#!/usr/bin/env bash
# `npm test`: every check, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-deps.sh

echo "== type check"
npm run --silent typecheck
echo "== lint"
npm run --silent lint
echo "== format"
npm run --silent format:check
echo "== build"
npm run --silent build
echo "== unit and integration tests"
npx vitest run
echo "== end-to-end tests (headless Chromium)"
npx vitest run --config vitest.e2e.config.ts
