#!/usr/bin/env bash
# Runs the benchmarks (bench/run.ts) and writes docs/benchmarks.md.
# Arguments: the groups to run (resolver, sync, start-grid, load, ui, flood); none runs every one. The others keep their
# last results in docs/benchmarks.md.
# BENCH_DELAY_MS (origin delay, default 50) and BENCH_PAGE_BYTES (default 300000) tune the fake origin.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
node --conditions=source --import tsx bench/run.ts "$@" || status=$?
npx prettier --log-level warn --write docs/benchmarks.md
exit "$status"
