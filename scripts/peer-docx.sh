#!/usr/bin/env bash
# Robustness over the peer corpus: every .docx under ../shared/peer-docx (pandoc's and Apache
# POI's test documents, none of them an action plan) must end in a clean result or a clean
# error: no panic, no crash, at most 10 s and 256 MB each.
#
# Usage (from the repo root): bash scripts/peer-docx.sh [PEER_DIR]
# Env: ACTPLAN (binary, default $CARGO_TARGET_DIR/release/actplan, else target/…; built when
#      missing), PEER_TIMEOUT (seconds, 10), PEER_MAX_RSS_MB (256), PEER_OUT (a new
#      temporary folder unless given; kept, its path printed), PEER_COMPARE (a second binary,
#      e.g. the debug build: every file is converted again with it, and its exit code,
#      stderr and JSON must be the release build's, byte for byte).
# Exit status: 0 when every file is ok or a clean error, 1 otherwise, 2 on a usage problem.
set -euo pipefail

cd "$(dirname "$0")/.."
PEER_DIR=${1:-../shared/peer-docx}
TARGET_DIR=${CARGO_TARGET_DIR:-target}
ACTPLAN=${ACTPLAN:-$TARGET_DIR/release/actplan}
TIMEOUT=${PEER_TIMEOUT:-10}
MAX_RSS_MB=${PEER_MAX_RSS_MB:-256}
OUT=${PEER_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/peer-out.XXXXXX")}

if [ ! -d "$PEER_DIR" ]; then
  echo "peer-docx: no folder $PEER_DIR" >&2; exit 2
fi
if [ ! -x /usr/bin/time ]; then
  echo "peer-docx: /usr/bin/time is missing (apt-get install time)" >&2; exit 2
fi
if [ ! -x "$ACTPLAN" ]; then
  echo "peer-docx: building $ACTPLAN" >&2
  cargo build --release --quiet --bin actplan
fi
rm -rf "$OUT"; mkdir -p "$OUT/stderr"
RESULTS=$OUT/results.tsv
printf 'class\texit\trss_kb\tseconds\tfile\tfirst stderr line\tpattern\n' >"$RESULTS"

declare -A COUNT=([ok]=0 [clean-error]=0 [panic]=0 [timeout]=0 [over-memory]=0 [crash]=0 [silent-error]=0 [bad-output]=0)
OFFENDERS=()
total=0
max_rss=0
max_rss_file=
differ=0
while IFS= read -r -d '' file; do
  total=$((total + 1))
  rel=${file#"$PEER_DIR"/}
  name=${rel//\//__}; name=${name%.docx}
  json=$OUT/$name.json err=$OUT/stderr/$name.txt usage=$OUT/stderr/$name.time
  rm -f "$json"
  set +e
  /usr/bin/time -f '%M %e' -o "$usage" \
    timeout -k 5 "$TIMEOUT" "$ACTPLAN" convert "$file" -o "$json" </dev/null >/dev/null 2>"$err"
  code=$?
  set -e
  # GNU time may put "Command exited with non-zero status N" before the figures.
  read -r rss secs < <(tail -n1 "$usage") || true
  rss=${rss:-0}; secs=${secs:-0}
  [[ $rss =~ ^[0-9]+$ ]] || rss=0
  if [ "$rss" -gt "$max_rss" ]; then max_rss=$rss; max_rss_file=$rel; fi
  first=$(grep -m1 -v '^[[:space:]]*$' "$err" || true)
  # The message with the file's path, name and numbers taken out, to group errors by kind.
  pattern=${first//"$file"/FILE}; pattern=${pattern//"$(basename "$file")"/FILE}
  pattern=$(sed -E 's/[0-9]+/N/g' <<<"$pattern" | cut -c1-200)
  first=$(cut -c1-200 <<<"$first")
  if [ "$code" = 124 ] || { [ "$code" = 137 ] && awk "BEGIN{exit !($secs >= $TIMEOUT)}"; }; then
    class=timeout
  elif [ "$code" = 101 ] || grep -q 'panicked' "$err"; then
    class=panic
  elif [ "$code" -ge 128 ] || [ "$code" = 134 ] || [ "$code" = 139 ] || [ "$code" = 137 ]; then
    class=crash
  elif [ "$rss" -gt $((MAX_RSS_MB * 1024)) ]; then
    class=over-memory
  elif [ "$code" = 0 ]; then
    if [ -s "$json" ] && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$json" 2>/dev/null; then
      class=ok
    else
      class=bad-output; first="exit 0 but $json is missing or not JSON"
    fi
  elif [ -n "$first" ]; then
    class=clean-error
  else
    class=silent-error; first="exit $code with nothing on stderr"
  fi
  COUNT[$class]=$((COUNT[$class] + 1))
  # The same file through a second build (the debug build: overflow checks and debug
  # assertions on): the same exit code, stderr and JSON, byte for byte.
  if [ -n "${PEER_COMPARE:-}" ]; then
    mkdir -p "$OUT/compare"
    other_json=$OUT/compare/$name.json other_err=$OUT/compare/$name.txt
    set +e
    timeout -k 5 $((TIMEOUT * 10)) "$PEER_COMPARE" convert "$file" -o "$other_json" \
      </dev/null >/dev/null 2>"$other_err"
    other_code=$?
    set -e
    same=1
    [ "$other_code" = "$code" ] || same=0
    cmp -s "$other_err" "$err" || same=0
    if [ -e "$other_json" ] || [ -e "$json" ]; then
      cmp -s "$other_json" "$json" || same=0
    fi
    if [ "$same" = 0 ]; then
      differ=$((differ + 1))
      OFFENDERS+=("differs from $PEER_COMPARE (exit $code vs $other_code): $rel: $(head -c 200 "$other_err")")
    fi
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$class" "$code" "$rss" "$secs" "$rel" "$first" "$pattern" >>"$RESULTS"
  case $class in
    ok|clean-error) ;;
    *) OFFENDERS+=("$class (exit $code, ${rss} KB, ${secs} s): $rel: ${first:-(nothing on stderr)}") ;;
  esac
done < <(find "$PEER_DIR" -type f -name '*.docx' -print0 | sort -z)

if [ "$total" = 0 ]; then
  echo "peer-docx: no .docx under $PEER_DIR" >&2; exit 2
fi

echo "clean errors by message (first stderr line, top 10):"
awk -F'\t' '$1 == "clean-error" { print $7 }' "$RESULTS" | sort | uniq -c | sort -rn | head -n 10 | sed 's/^/  /'
echo "largest peak RSS: $((max_rss / 1024)) MB ($max_rss_file); per-file results: $RESULTS"
if [ "${#OFFENDERS[@]}" -gt 0 ]; then
  echo "offending files:"
  printf '  %s\n' "${OFFENDERS[@]}"
fi
extra=
[ "${COUNT[crash]}" = 0 ] || extra+=", ${COUNT[crash]} crashes"
[ "${COUNT[silent-error]}" = 0 ] || extra+=", ${COUNT[silent-error]} errors with nothing on stderr"
[ "${COUNT[bad-output]}" = 0 ] || extra+=", ${COUNT[bad-output]} exit-0 runs without valid JSON"
echo "peer-docx: $total files: ${COUNT[ok]} ok, ${COUNT[clean-error]} clean errors, ${COUNT[panic]} panics, ${COUNT[timeout]} timeouts, ${COUNT[over-memory]} over $MAX_RSS_MB MB$extra"
if [ -n "${PEER_COMPARE:-}" ]; then
  echo "peer-docx: $PEER_COMPARE against $ACTPLAN: $((total - differ)) of $total files give the same exit code, stderr and JSON"
fi
[ "${#OFFENDERS[@]}" = 0 ]
