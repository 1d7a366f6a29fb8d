#!/usr/bin/env bash
# A short fuzz run (CI): builds the libFuzzer targets on stable Rust and runs each for
# FUZZ_SECONDS (default 15) from the kept corpus; new inputs go to a temp dir. Any crash
# fails the run. Long runs: FUZZ_SECONDS=600 bash fuzz/ci.sh
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${FUZZ_SECONDS:-15}"
export RUSTC_WRAPPER="$PWD/fuzz/sancov-rustc.sh"
start=$(date +%s)
cargo build -p cloudlab-fuzz --bins
echo "fuzz build: $(( $(date +%s) - start )) s"
for t in lexer complete cell import load; do
  new=$(mktemp -d)
  mkdir -p "fuzz/corpus/$t"
  echo "== fuzz $t for ${secs}s"
  rc=0
  # -max_len: long inputs (deep --query nesting, 20,000-star globs, 100 KB words) are what
  # killed the kernel in issue 19; -rss_limit_mb: one input must not take 2 GB.
  ./target/debug/$t -max_total_time="$secs" -timeout=10 -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$new/" "$new" "fuzz/corpus/$t" > "$new.log" 2>&1 || rc=$?
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+[[:space:]]+DONE)" "$new.log" || true
  if [ "$rc" -ne 0 ] || ls "$new"/crash-* "$new"/timeout-* 2>/dev/null | grep -q .; then
    tail -40 "$new.log"; echo "fuzz $t: FAILED (rc=$rc; artifacts in $new)"; exit 1
  fi
  rm -rf "$new" "$new.log"
done
echo "fuzz: no crashes"
