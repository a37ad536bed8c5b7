#!/usr/bin/env bash
# Peak memory and exit code of actplan on every class of hostile input (issue: reliability).
# Each input is generated here (small, deterministic), run under /usr/bin/time, and must end
# with the documented exit code, one line on stderr, no output file, and under 256 MB.
#
# Usage (from the repo root): bash scripts/hostile-memory.sh
# Env: ACTPLAN (default $CARGO_TARGET_DIR/release/actplan, else target/…; built when missing), MAX_RSS_MB (256).
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET_DIR=${CARGO_TARGET_DIR:-target}
ACTPLAN=${ACTPLAN:-$TARGET_DIR/release/actplan}
MAX_RSS_MB=${MAX_RSS_MB:-256}
[ -x "$ACTPLAN" ] || cargo build --release --quiet --bin actplan
[ -x /usr/bin/time ] || { echo "hostile-memory: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

python3 - "$WORK" <<'PY'
import io, os, sys, zipfile, zlib
out = sys.argv[1]
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CT = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
def docx(name, document, method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(os.path.join(out, name), 'w', method) as z:
        z.writestr('[Content_Types].xml', CT)
        z.writestr('_rels/.rels', RELS)
        z.writestr('word/document.xml', document)
def body(xml):
    return f'<?xml version="1.0"?><w:document {W}><w:body>{xml}</w:body></w:document>'
open(os.path.join(out, 'legacy.doc'), 'wb').write(bytes.fromhex('D0CF11E0A1B11AE1') + b'\0' * 4096)
open(os.path.join(out, 'encrypted.docx'), 'wb').write(bytes.fromhex('D0CF11E0A1B11AE1') + b'\0' * 512 + 'EncryptedPackage'.encode('utf-16-le') + b'\0' * 512)
with zipfile.ZipFile(os.path.join(out, 'text.odt'), 'w') as z:
    z.writestr('mimetype', 'application/vnd.oasis.opendocument.text')
    z.writestr('content.xml', '<office:document-content/>')
open(os.path.join(out, 'not-a-zip.docx'), 'wb').write(b'hello, this is not a zip file\n' * 100)
docx('plain.docx', body('<w:p><w:r><w:t>no action plan here</w:t></w:r></w:p>'))
data = open(os.path.join(out, 'plain.docx'), 'rb').read()
open(os.path.join(out, 'truncated.docx'), 'wb').write(data[: len(data) // 2])
with zipfile.ZipFile(os.path.join(out, 'no-document.docx'), 'w') as z:
    z.writestr('[Content_Types].xml', CT)
    z.writestr('_rels/.rels', RELS)
# Zip bomb: 2 GiB of zeros deflated to ~2 MB (streamed, never held in memory here).
with zipfile.ZipFile(os.path.join(out, 'zip-bomb.docx'), 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', CT)
    z.writestr('_rels/.rels', RELS)
    with z.open('word/document.xml', 'w', force_zip64=True) as f:
        chunk = b'\0' * (1 << 24)
        for _ in range(128):
            f.write(chunk)
laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' + ''.join(
    f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)) + f']><w:document {W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
docx('billion-laughs.docx', laughs)
docx('external-entity.docx', f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document {W}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
depth = 100000
docx('deep-nesting.docx', body('<w:customXml>' * depth + '<w:p/>' + '</w:customXml>' * depth))
docx('deep-tables.docx', body('<w:tbl><w:tr><w:tc>' * depth + '<w:p/>' + '</w:tc></w:tr></w:tbl>' * depth))
docx('malformed-xml.docx', body('<w:p><w:r><w:t>broken</w:r></w:p>'))
open(os.path.join(out, 'malformed.json'), 'w').write('{"schema_version": 1,\n  "resolutions": [\n    {"kind": "Resolution",, }\n')
open(os.path.join(out, 'future.json'), 'w').write('{"schema_version": 99, "resolutions": []}')
open(os.path.join(out, 'wrong-type.json'), 'w').write('{"schema_version": 1, "resolutions": [{"kind": "Resolution", "number": "1", "title": "t", "action_items": [{"id": "01-01", "action": "a", "milestone": "m", "periodic_goals_met": "yes", "completed": false}]}]}')
open(os.path.join(out, 'deep.json'), 'w').write('[' * 100000 + ']' * 100000)
PY

# name | expected exit code | extra arguments
cases="legacy.doc 4
encrypted.docx 4
text.odt 4
not-a-zip.docx 4
truncated.docx 5
no-document.docx 5
zip-bomb.docx 6
billion-laughs.docx 7
external-entity.docx 7
deep-nesting.docx 8
deep-tables.docx 7
malformed-xml.docx 7
plain.docx 8
malformed.json 9
future.json 9
wrong-type.json 9
deep.json 9"

failures=0
printf '%-22s %5s %9s %7s  %s\n' input exit "peak MB" seconds "message"
while read -r name expected; do
  target="$WORK/out-$name.json"
  start=$(date +%s.%N)
  set +e
  /usr/bin/time -f '%M' -o "$WORK/rss" "$ACTPLAN" convert "$WORK/$name" -o "$target" 2>"$WORK/stderr"
  code=$?
  set -e
  seconds=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')
  rss_kb=$(tail -n 1 "$WORK/rss")
  rss_mb=$((rss_kb / 1024))
  lines=$(grep -c . "$WORK/stderr" || true)
  message=$(head -n 1 "$WORK/stderr" | cut -c1-90)
  verdict=ok
  [ "$code" = "$expected" ] || verdict="exit $code, expected $expected"
  [ "$lines" = 1 ] || verdict="$verdict; $lines stderr lines"
  [ "$rss_mb" -lt "$MAX_RSS_MB" ] || verdict="$verdict; over ${MAX_RSS_MB} MB"
  [ ! -e "$target" ] || verdict="$verdict; wrote an output file"
  printf '%-22s %5s %9s %7.2f  %s\n' "$name" "$code" "$rss_mb" "$seconds" "$message"
  if [ "$verdict" != ok ]; then echo "  FAIL: $verdict"; failures=$((failures + 1)); fi
done <<< "$cases"
echo "hostile-memory: $(echo "$cases" | wc -l) inputs, $failures failures (limit ${MAX_RSS_MB} MB peak RSS)"
[ "$failures" = 0 ]
