#!/usr/bin/env bash
# Every benchmark in one run (issue 9). Needs the venv that scripts/test.sh makes.
#
#   bash benches/run_all.sh          # kernel vs ipykernel (and evcxr_jupyter), soak, model benchmarks
#   QUICK=1 bash benches/run_all.sh  # shorter kernel bench and a 1,000-execute soak
#
# The kernel is measured as built by BENCH_PROFILE (default dev; `release` is the fair one,
# but a cold release build of the kernel with evcxr takes ~36 min on 2 cores).
# evcxr_jupyter joins the kernel table when $EVCXR_JUPYTER names it (a release
# `cargo install evcxr_jupyter --locked` is the fair comparison) or else the debug one
# `cargo build` makes from tools/evcxr-jupyter.
# Model benchmarks are #[ignore]d tests that print their timings, built by MODEL_PROFILE
# (default release) without the kernel feature: the model, polars and plotters, no evcxr
# (7.5 min here after a release kernel build, whose compiled crates it shares in part).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
profile="${BENCH_PROFILE:-dev}"
cargo build --profile "$profile"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
bin=target/$([ "$profile" = dev ] && echo debug || echo "$profile")/cloudlab
"$bin" install --prefix "$tmp" >/dev/null
export JUPYTER_PATH="$tmp/share/jupyter"

if [ -z "${EVCXR_JUPYTER:-}" ] && [ -x target/debug/evcxr_jupyter ]; then
  export EVCXR_JUPYTER="$PWD/target/debug/evcxr_jupyter"
fi
echo "## Kernel: cloudlab vs ipykernel${EVCXR_JUPYTER:+ vs evcxr_jupyter} (jupyter_client, same machine, one run)"
"$VENV/bin/python" benches/kernel_bench.py ${QUICK:+--quick}

echo; echo "## Soak"
"$VENV/bin/python" benches/soak.py ${QUICK:+--quick}

model_profile="${MODEL_PROFILE:-release}"
echo; echo "## Model benchmarks ($model_profile build, no kernel feature)"
for t in reach_scales_linearly replication_benchmark bench_one_hour_and_one_day sql_over_the_catalog_benchmark cost_scaling_benchmark; do
  echo "### $t"
  cargo test --profile "$model_profile" --no-default-features --lib "$t" -- --ignored --nocapture 2>&1 \
    | grep -vE '^\s*(Compiling|Finished|Running|running [0-9]+ test|test result|$)'
done

# The nightly-length fuzz run (issue 19): FUZZ_SECONDS_LONG=3600 runs each target an hour
# and prints its executions (stat::number_of_executed_units) and any crash.
if [ -n "${FUZZ_SECONDS_LONG:-}" ]; then
  echo; echo "## Fuzz, ${FUZZ_SECONDS_LONG} s per target"
  FUZZ_SECONDS="$FUZZ_SECONDS_LONG" bash fuzz/ci.sh
fi
