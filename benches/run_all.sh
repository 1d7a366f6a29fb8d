#!/usr/bin/env bash
# Every benchmark in one run (issue 9). Needs the venv that scripts/test.sh makes.
#
#   bash benches/run_all.sh          # kernel vs ipykernel, 10,000-execute soak, model benchmarks
#   QUICK=1 bash benches/run_all.sh  # shorter kernel bench and a 1,000-execute soak
#
# Model benchmarks are #[ignore]d tests that print their timings (debug build unless
# BENCH_PROFILE=release: a release build of polars+evcxr takes over an hour on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
profile="${BENCH_PROFILE:-dev}"
cargo build --profile "$profile"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
bin=target/$([ "$profile" = dev ] && echo debug || echo "$profile")/cloudlab
"$bin" install --prefix "$tmp" >/dev/null
export JUPYTER_PATH="$tmp/share/jupyter"

echo "## Kernel: cloudlab vs ipykernel (jupyter_client, same machine, one run)"
"$VENV/bin/python" benches/kernel_bench.py ${QUICK:+--quick}

echo; echo "## Soak"
"$VENV/bin/python" benches/soak.py ${QUICK:+--quick}

echo; echo "## Model benchmarks ($profile build)"
for t in reach_scales_linearly replication_benchmark bench_one_hour_and_one_day sql_over_the_catalog_benchmark; do
  echo "### $t"
  cargo test --profile "$profile" --lib "$t" -- --ignored --nocapture 2>&1 \
    | grep -vE '^\s*(Compiling|Finished|Running|running [0-9]+ test|test result|$)'
done
