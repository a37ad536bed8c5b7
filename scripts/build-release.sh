#!/usr/bin/env bash
# Prebuilt binaries for people without a Rust toolchain, with their SHA-256 sums:
#   dist/actplan-VERSION-x86_64-linux        static (musl), runs on any x86_64 Linux
#   dist/actplan-VERSION-x86_64-windows.exe  Windows 10/11 x86_64 (cross-built with mingw-w64)
#   dist/SHA256SUMS
# Usage (from anywhere): bash scripts/build-release.sh
# Installs the two Rust targets with rustup and, as root on Debian, the mingw-w64 linker
# when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET_DIR=${CARGO_TARGET_DIR:-target}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
installed_targets=$(rustup target list --installed)
for target in x86_64-unknown-linux-musl x86_64-pc-windows-gnu; do
  grep -qx "$target" <<<"$installed_targets" || rustup target add "$target"
done
if ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gcc-mingw-w64-x86-64 >/dev/null
  else
    echo "build-release: the Windows build needs x86_64-w64-mingw32-gcc (Debian: apt-get install gcc-mingw-w64-x86-64)" >&2
    exit 2
  fi
fi
mkdir -p dist
cargo build --release --locked --bin actplan --target x86_64-unknown-linux-musl
cargo build --release --locked --bin actplan --target x86_64-pc-windows-gnu
cp "$TARGET_DIR/x86_64-unknown-linux-musl/release/actplan" "dist/actplan-$version-x86_64-linux"
cp "$TARGET_DIR/x86_64-pc-windows-gnu/release/actplan.exe" "dist/actplan-$version-x86_64-windows.exe"
(cd dist && sha256sum "actplan-$version-x86_64-linux" "actplan-$version-x86_64-windows.exe" > SHA256SUMS)
ls -l dist
cat dist/SHA256SUMS
