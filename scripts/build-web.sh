#!/usr/bin/env bash
# Build actplan for the browser into web/dist/: index.html and the page's CSS/JS (from
# web/www/), actplan.js (the ES module of the JS API, wasm-bindgen --target web) and
# actplan_bg.wasm. The folder is static: publish it on any web server, or try it with
#   python3 -m http.server -d web/dist
# Installs what is missing: the wasm32-unknown-unknown target (rustup) and the
# wasm-bindgen CLI of the very version Cargo.lock pins (cargo install).
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=wasm32-unknown-unknown
PROFILE=wasm-release
OUT=web/dist
TARGET_DIR=${CARGO_TARGET_DIR:-target}

# The wasm-bindgen version in Cargo.lock: the CLI must match the library exactly.
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
[ -n "$version" ] || { echo "build-web: no wasm-bindgen in Cargo.lock" >&2; exit 1; }

if ! rustup target list --installed 2>/dev/null | grep -qx "$TARGET"; then
  echo "build-web: installing the $TARGET target"
  rustup target add "$TARGET"
fi

have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$version" ]; then
  echo "build-web: installing wasm-bindgen-cli $version (found: ${have:-none}); this compiles for a few minutes"
  # A separate target folder keeps the tool's build out of the project's.
  # --locked first; when the registry index lacks a version the tool's lockfile names,
  # resolve afresh (the CLI itself stays at the pinned version).
  CARGO_TARGET_DIR="$TARGET_DIR/wasm-bindgen-cli" cargo install --locked wasm-bindgen-cli --version "$version" \
    || CARGO_TARGET_DIR="$TARGET_DIR/wasm-bindgen-cli" cargo install wasm-bindgen-cli --version "$version"
fi

echo "build-web: cargo build -p actplan-web --target $TARGET --profile $PROFILE"
cargo build -p actplan-web --target "$TARGET" --profile "$PROFILE"

rm -rf "$OUT"
mkdir -p "$OUT"
wasm-bindgen --target web --out-dir "$OUT" --out-name actplan \
  --remove-name-section --remove-producers-section \
  "$TARGET_DIR/$TARGET/$PROFILE/actplan_web.wasm"
cp web/www/* "$OUT/"

# The page shows the HTML report in a frame, which inherits the page's Content-Security-Policy:
# allow the report's one inline script by its hash (the script is the same for every report).
node web/scripts/csp-hash.mjs "$OUT"

raw=$(stat -c %s "$OUT/actplan_bg.wasm")
gz=$(gzip -9 -c "$OUT/actplan_bg.wasm" | wc -c)
echo "build-web: wrote $OUT/ (actplan_bg.wasm: $raw bytes, $gz gzipped)"
limit=$((3 * 1024 * 1024 / 2))
if [ "$gz" -ge "$limit" ]; then
  echo "build-web: the gzipped wasm is over 1.5 MiB ($gz bytes)" >&2
  exit 1
fi
