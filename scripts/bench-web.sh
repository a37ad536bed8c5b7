#!/usr/bin/env bash
# The browser build's speed beside the command line's, measured in one run on this machine:
# edition A converted to JSON and to HTML by the CLI process (hyperfine), by a cold Node
# process (hyperfine: start, compile the wasm, convert once), and warm in Node (median).
# Needs scripts/build-web.sh run first and a release CLI (cargo build --release).
# usage: bash scripts/bench-web.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-20}
BIN=${ACTPLAN_BIN:-${CARGO_TARGET_DIR:-target}/release/actplan}
A=fixtures/action-plan-edition-a.docx
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for to in json html; do
  hyperfine -N --style basic --warmup 3 --runs "$RUNS" --export-json "$out/cli-$to.json" \
    "$BIN convert $A --to $to -o $out/a.$to --quiet"
  hyperfine -N --style basic --warmup 1 --runs "$RUNS" --export-json "$out/node-$to.json" \
    "node web/scripts/bench.mjs --once $to"
done
node web/scripts/bench.mjs --runs "$RUNS" --hyperfine "$out"
