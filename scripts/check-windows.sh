#!/usr/bin/env bash
# The Windows build runs: under wine, actplan.exe converts edition A (JSON, HTML, Word,
# spreadsheet) and diffs A and B (JSON, Word redline), and every output is byte-identical
# to the Linux build's, exit codes too.
# Usage (from the repo root, after scripts/build-release.sh): bash scripts/check-windows.sh [EXE]
set -euo pipefail
cd "$(dirname "$0")/.."
exe=${1:-$(ls dist/actplan-*-x86_64-windows.exe 2>/dev/null | head -n 1)}
# The Linux reference: the static build beside it in dist/ (same sources, same profile).
linux=${ACTPLAN:-$(ls dist/actplan-*-x86_64-linux 2>/dev/null | head -n 1)}
[ -n "$exe" ] && [ -f "$exe" ] || { echo "check-windows: no Windows build (run scripts/build-release.sh)" >&2; exit 2; }
command -v wine >/dev/null || { echo "check-windows: wine is missing (Debian: apt-get install wine wine64)" >&2; exit 2; }
[ -n "$linux" ] && [ -x "$linux" ] || { echo "check-windows: no Linux build to compare with (run scripts/build-release.sh)" >&2; exit 2; }
work=$(mktemp -d)
trap 'wineserver -k 2>/dev/null; rm -rf "$work"' EXIT
export WINEPREFIX=$work/prefix WINEDEBUG=-all SOURCE_DATE_EPOCH=1700000000
cp "$exe" "$work/actplan.exe"
# Rust's standard library draws its random seeds from ProcessPrng in bcryptprimitives.dll,
# which every Windows 10/11 has but Debian 12's wine 8.0 does not (the .exe then stops with
# exit code 53 before main: "Library bcryptprimitives.dll ... not found"). For the check only,
# a four-line stand-in built with mingw-w64 is put beside the .exe; nothing of it ships.
if ! wine "$work/actplan.exe" --version >/dev/null 2>&1; then
  cat > "$work/prng.c" <<'C'
#include <windows.h>
#include <bcrypt.h>
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  for (; len > 0;) {
    ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
    if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
    data += chunk; len -= chunk;
  }
  return TRUE;
}
C
  x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bcryptprimitives.dll" "$work/prng.c" -lbcrypt
  echo "check-windows: this wine has no bcryptprimitives.dll; using a ProcessPrng stand-in for the check"
fi
a=fixtures/action-plan-edition-a.docx
b=fixtures/action-plan-edition-b.docx
# The Word report with --no-layout: the Linux build would otherwise lay it out with LibreOffice
# (contents page numbers) where one is installed, and under wine there is none.
runs=(
  "convert $a -o OUT/a.json"
  "convert $a -o OUT/a.html"
  "convert $a --no-layout -o OUT/a.docx"
  "export $a -o OUT/a.xlsx"
  "diff $a $b --to json -o OUT/ab.json"
  "diff $a $b -o OUT/ab.docx --date 2024-01-22"
)
mkdir -p "$work/linux" "$work/windows"
failures=0
t0=$SECONDS
for run in "${runs[@]}"; do
  set +e
  # shellcheck disable=SC2086
  "$linux" ${run//OUT/$work/linux} 2>/dev/null; linux_code=$?
  # shellcheck disable=SC2086
  wine "$work/actplan.exe" ${run//OUT/$work/windows} 2>/dev/null; windows_code=$?
  set -e
  out=${run##*OUT/}; out=${out%% *}
  if [ "$linux_code" != "$windows_code" ] || ! cmp -s "$work/linux/$out" "$work/windows/$out"; then
    echo "DIFFERENT  $run  (exit linux $linux_code, windows $windows_code)"
    failures=$((failures + 1))
  else
    echo "same       $run  (exit $linux_code, $(sha256sum < "$work/linux/$out" | cut -c1-16))"
  fi
done
echo "check-windows: ${#runs[@]} runs under $(wine --version 2>/dev/null), $failures different, $((SECONDS - t0)) s"
[ "$failures" = 0 ]
