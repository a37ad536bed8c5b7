#!/usr/bin/env bash
# Write every output actplan produces for editions A and B into a folder and print their
# SHA-256 sums: the before/after proof that a refactor changes no output.
#   bash scripts/golden-outputs.sh [BINARY] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-${CARGO_TARGET_DIR:-target}/release/actplan}
out=${2:-$(mktemp -d)}
mkdir -p "$out"
export SOURCE_DATE_EPOCH=1700000000 NO_COLOR=1
a=fixtures/action-plan-edition-a.docx
b=fixtures/action-plan-edition-b.docx
run() { "$bin" "$@" 2>/dev/null || true; }
# The LibreOffice layout pass (contents page numbers) is skipped so the bytes depend on actplan
# only; builds older than that pass have no such flag.
no_layout=()
"$bin" convert --help 2>/dev/null | grep -q -- '--no-layout' && no_layout=(--no-layout)
for ed in a b; do
  src=fixtures/action-plan-edition-$ed.docx
  for fmt in json md html docx; do run convert "$src" "${no_layout[@]}" -o "$out/$ed.$fmt"; done
  run check "$src" --as-of 2024-07-22 -o "$out/$ed.check.txt"
  run check "$src" --as-of 2024-07-22 --to json -o "$out/$ed.check.json"
  for fmt in md csv json html; do run items "$src" --as-of 2024-07-22 --to $fmt -o "$out/$ed.items.$fmt"; done
  for fmt in text json html; do run stats "$src" --as-of 2024-07-22 --to $fmt -o "$out/$ed.stats.$fmt"; done
  run export "$src" -o "$out/$ed.export.xlsx"
  run export "$src" -o "$out/$ed.export.csv"
done
for fmt in text md html json docx; do run diff "$a" "$b" --to $fmt --date 2024-01-22 -o "$out/ab.diff.$fmt"; done
(cd "$out" && sha256sum -- * | sort -k2)
