#!/usr/bin/env bash
# Fuzz one target with cargo-fuzz (libFuzzer) on stable Rust.
#   fuzz/run.sh TARGET [SECONDS] [extra libFuzzer flags…]
# TARGET is package, ingest or json; SECONDS defaults to 1800 (30 minutes).
# New inputs go to fuzz/corpus/TARGET, crashes to fuzz/artifacts/TARGET (both ignored by git).
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh package|ingest|json [SECONDS] [libFuzzer flags…]}
seconds=${2:-1800}
shift $(( $# >= 2 ? 2 : 1 ))
case $target in
  package) seeds=(seeds/docx) flags=(-max_len=65536) ;;
  ingest)  seeds=(seeds/docx seeds/xml) flags=(-max_len=65536 -dict=dict/ingest.dict) ;;
  json)    seeds=(seeds/json) flags=(-max_len=65536 -dict=dict/json.dict) ;;
  *) echo "unknown target $target (package, ingest or json)" >&2; exit 2 ;;
esac
mkdir -p "corpus/$target"
# Fuzz the dependency versions the project locks (cargo adds libfuzzer-sys to the copy).
cp ../Cargo.lock Cargo.lock
# --sanitizer none: no nightly needed (stable rustc accepts every flag cargo-fuzz then passes).
# -a: debug assertions and overflow checks on, so arithmetic overflow is a crash too.
fuzz=(nice -n "${NICE:-10}" cargo fuzz run --sanitizer none -a "$target")
# First run the two full editions (465 KB each) once, whole. They are not fuzzed as they are:
# at that size libFuzzer slows down and its in-memory corpus fills with 465 KB mutants; the
# seeds under seeds/ are cut from them (seeds/make_seeds.py) and stay under -max_len.
if [ "$target" != json ]; then
  "${fuzz[@]}" ../fixtures -- -runs=0 -timeout=10 -rss_limit_mb=1024
fi
exec "${fuzz[@]}" "corpus/$target" "${seeds[@]}" -- \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
  "${flags[@]}" "$@"
