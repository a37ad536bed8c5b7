#!/usr/bin/env bash
# Time the same conversion of edition A side by side:
#   actplan (release binary), pandoc (docx -> json AST), python-docx (every table cell's text,
#   nested tables, paragraphs) and the floor (unzip + inflate + tokenise document.xml, nothing else).
# For each: median wall time over N runs (hyperfine when installed, else a date loop) and
# peak RSS (/usr/bin/time). Prints a Markdown table; with --bench also runs
# `cargo bench --bench ingest` first and adds criterion's MB/s figures and the x20 linearity.
#
# Usage (from the repo root): bash scripts/compare-readers.sh [--bench] [DOCX]
# Env: RUNS_ACTPLAN (10), RUNS_OTHER (5).
set -euo pipefail

cd "$(dirname "$0")/.."
RUN_BENCH=0
DOCX=fixtures/action-plan-edition-a.docx
for arg in "$@"; do
  case "$arg" in
    --bench) RUN_BENCH=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) DOCX=$arg ;;
  esac
done
RUNS_ACTPLAN=${RUNS_ACTPLAN:-10}
RUNS_OTHER=${RUNS_OTHER:-5}
WORK=$(mktemp -d /tmp/compare-readers.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

log() { echo "compare-readers: $*" >&2; }

# ---- tools -------------------------------------------------------------------------------
apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing $* (apt)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
      || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null; }
  else
    log "please install $* (apt)"; return 1
  fi
}
[ -x /usr/bin/time ] || apt_install time
python3 -c 'import pypandoc' 2>/dev/null || { log "pip install pypandoc-binary"; pip install -q pypandoc-binary >&2; }
python3 -c 'import docx' 2>/dev/null || { log "pip install python-docx"; pip install -q python-docx >&2; }
PANDOC=$(python3 -c 'import pypandoc; print(pypandoc.get_pandoc_path())')
PANDOC_VERSION=$("$PANDOC" --version | head -n1)
PYDOCX_VERSION=$(python3 -c 'import importlib.metadata as m; print(m.version("python-docx"))')

log "cargo build --release (actplan, examples/floor)"
cargo build --release --quiet --bin actplan --example floor --example make_large_edition >&2
TARGET_DIR=${CARGO_TARGET_DIR:-target}
ACTPLAN=$TARGET_DIR/release/actplan
FLOOR=$TARGET_DIR/release/examples/floor

cat > "$WORK/python_docx_read.py" <<'PY'
import sys
import docx

def walk_table(table, out):
    for row in table.rows:
        for cell in row.cells:
            out.append(cell.text)
            for nested in cell.tables:
                walk_table(nested, out)

document = docx.Document(sys.argv[1])
texts = [p.text for p in document.paragraphs]
for table in document.tables:
    walk_table(table, texts)
print(f"{len(texts)} strings, {sum(map(len, texts))} characters")
PY

# name|runs|command  (commands are run by bash -c, outputs go to $WORK)
TOOLS=(
  "actplan|$RUNS_ACTPLAN|$ACTPLAN convert $DOCX -o $WORK/actplan.json"
  "pandoc -f docx -t json|$RUNS_OTHER|$PANDOC -f docx -t json -o $WORK/pandoc.json $DOCX"
  "python-docx (all cells + paragraphs)|$RUNS_OTHER|python3 $WORK/python_docx_read.py $DOCX"
  "floor (unzip + quick-xml tokenise)|$RUNS_ACTPLAN|$FLOOR $DOCX"
)

# ---- measuring ---------------------------------------------------------------------------
median_seconds() { # runs command -> median wall seconds
  local runs=$1 cmd=$2
  if command -v hyperfine >/dev/null; then
    hyperfine --style none --warmup 1 --runs "$runs" --export-json "$WORK/h.json" "$cmd" >/dev/null 2>&1
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$WORK/h.json"
  else
    bash -c "$cmd" >/dev/null 2>&1 # warm-up
    local i t0 t1
    for ((i = 0; i < runs; i++)); do
      t0=$(date +%s.%N); bash -c "$cmd" >/dev/null 2>&1; t1=$(date +%s.%N)
      echo "$t1 - $t0" | bc -l 2>/dev/null || python3 -c "print($t1 - $t0)"
    done | sort -g | python3 -c 'import sys,statistics; print(statistics.median(float(l) for l in sys.stdin))'
  fi
}
peak_rss_kb() { # command -> max RSS (KB) of one run
  /usr/bin/time -f '%M' -o "$WORK/rss" bash -c "exec $1" >/dev/null 2>&1
  tail -n1 "$WORK/rss"
}

declare -A TIME RSS
NAMES=()
for entry in "${TOOLS[@]}"; do
  IFS='|' read -r name runs cmd <<<"$entry"
  NAMES+=("$name")
  log "$name: checking it runs"
  if ! bash -c "$cmd" >"$WORK/out.txt" 2>"$WORK/err.txt"; then
    log "$name FAILED:"; cat "$WORK/err.txt" >&2
    TIME[$name]=failed; RSS[$name]=failed; continue
  fi
  log "$name: $runs runs"
  TIME[$name]=$(median_seconds "$runs" "$cmd")
  RSS[$name]=$(peak_rss_kb "$cmd")
done

# ---- report ------------------------------------------------------------------------------
XML_BYTES=$(unzip -p "$DOCX" word/document.xml | wc -c)
echo "# Ingest: actplan against other .docx readers"
echo
echo "Input: \`$DOCX\` ($(stat -c %s "$DOCX") bytes zipped, word/document.xml $XML_BYTES bytes)."
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/{print $2}') GiB."
echo "Date: $(date -u +%Y-%m-%d), actplan at commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')."
echo "Tools: $PANDOC_VERSION (pypandoc-binary); python-docx $PYDOCX_VERSION on $(python3 --version);"
echo "timing: $(command -v hyperfine >/dev/null && hyperfine --version || echo 'date loop'), median wall time of $RUNS_ACTPLAN runs (actplan, floor) / $RUNS_OTHER runs (others) after one warm-up; peak RSS of one run (/usr/bin/time %M)."
echo
echo "| tool | median time | peak RSS | ratio vs actplan (time / RSS) |"
echo "|---|---:|---:|---:|"
A_T=${TIME[actplan]}; A_R=${RSS[actplan]}
for name in "${NAMES[@]}"; do
  python3 - "$name" "${TIME[$name]}" "${RSS[$name]}" "$A_T" "$A_R" <<'PY'
import sys
name, t, r, at, ar = sys.argv[1:]
def num(x):
    try: return float(x)
    except ValueError: return None
t, r, at, ar = map(num, (t, r, at, ar))
ts = f"{t*1000:.0f} ms" if t is not None else "failed"
rs = f"{r/1024:.1f} MB" if r is not None else "failed"
tr = f"{t/at:.2f}×" if t is not None and at else "–"
rr = f"{r/ar:.2f}×" if r is not None and ar else "–"
print(f"| {name} | {ts} | {rs} | {tr} / {rr} |")
PY
done
echo
echo "Whole-process figures (start-up included): actplan writes the model's JSON, pandoc its JSON AST,"
echo "python-docx only reads the text (no output), the floor only counts XML events."

# ---- the x20 edition, whole process ------------------------------------------------------
"$TARGET_DIR"/release/examples/make_large_edition "$WORK/x20.docx" --copies 20 --from "$DOCX" >/dev/null
X20_BYTES=$(unzip -p "$WORK/x20.docx" word/document.xml | wc -c)
X20_CMD="$ACTPLAN convert $WORK/x20.docx -o $WORK/x20.json"
if bash -c "$X20_CMD" >/dev/null 2>&1; then
  log "actplan on the x20 edition: 3 runs"
  X20_T=$(median_seconds 3 "$X20_CMD")
  X20_R=$(peak_rss_kb "$X20_CMD")
  echo
  echo "## Large edition (Section II x20), whole process"
  echo
  python3 - "$XML_BYTES" "$A_T" "$A_R" "$X20_BYTES" "$X20_T" "$X20_R" <<'PY'
import sys
xa, ta, ra, xb, tb, rb = map(float, sys.argv[1:])
print("| input | document.xml | median time (3 runs) | peak RSS |")
print("|---|---:|---:|---:|")
print(f"| edition A | {xa/2**20:.1f} MiB | {ta*1000:.0f} ms | {ra/1024:.1f} MB |")
print(f"| edition A x20 | {xb/2**20:.1f} MiB | {tb*1000:.0f} ms | {rb/1024:.1f} MB |")
print()
print(f"x20 over edition A: {xb/xa:.1f}× the XML, {tb/ta:.1f}× the time, {rb/ra:.1f}× the peak RSS "
      f"(time per MiB: {(tb/xb)/(ta/xa):.2f}×; start-up weighs on edition A's figure).")
PY
else
  log "actplan failed on the x20 edition"
fi

# ---- criterion (optional) ----------------------------------------------------------------
if [ "$RUN_BENCH" = 1 ]; then
  log "cargo bench --bench ingest (a few minutes)"
  cargo bench --bench ingest >"$WORK/bench.txt" 2>&1 || { log "cargo bench failed:"; tail -n 30 "$WORK/bench.txt" >&2; }
fi
CRIT=${CARGO_TARGET_DIR:-target}/criterion
if [ -d "$CRIT" ]; then
  echo
  echo "## In-process (criterion, \`cargo bench --bench ingest\`, run of $(date -u -r "$(ls -t "$CRIT"/*/*/new/estimates.json | head -n1)" '+%Y-%m-%d %H:%M UTC'))"
  echo
  echo "Throughput is per byte of inflated word/document.xml; the x20 edition repeats Section II 20 times (benches/common/mod.rs)."
  echo
  echo "| benchmark | input | mean time | throughput |"
  echo "|---|---|---:|---:|"
  python3 - "$CRIT" <<'PY'
import json, os, sys
crit = sys.argv[1]
rows = [("floor", "edition A", "floor (unzip + tokenise)"), ("floor", "edition A x20", "floor (unzip + tokenise)")]
for g in ("edition A", "edition A x20"):
    rows += [(g, "read_docx", "read_docx"), (g, "read_docx + to_json", "read_docx + to_json")]
per_mb = {}
for group, func, label in rows:
    base = os.path.join(crit, group, func)
    try:
        est = json.load(open(os.path.join(base, "new", "estimates.json")))
        bm = json.load(open(os.path.join(base, "new", "benchmark.json")))
    except OSError:
        continue
    mean = est["mean"]["point_estimate"]  # ns
    nbytes = (bm.get("throughput") or {}).get("Bytes")
    inp = func if group == "floor" else group
    tp = f"{nbytes / mean * 1e9 / 2**20:.1f} MiB/s" if nbytes else "–"
    print(f"| {label} | {inp} | {mean / 1e6:.1f} ms | {tp} |")
    if nbytes:
        per_mb[(label, inp)] = mean / nbytes
print()
for label in ("floor (unzip + tokenise)", "read_docx", "read_docx + to_json"):
    a, b = per_mb.get((label, "edition A")), per_mb.get((label, "edition A x20"))
    if a and b:
        verdict = "reference" if label.startswith("floor") else ("ok" if b / a <= 1.5 else "NOT LINEAR")
        print(f"Linearity, {label}: time per MiB of x20 / edition A = {b / a:.2f} (limit 1.5: {verdict}).  ")
PY
fi
