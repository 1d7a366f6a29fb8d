#!/usr/bin/env bash
# The browser kernel's budgets (issue 14), one run on this machine:
#   - compressed wasm + JS of the kernel (gzip -9 and brotli when available) ≤ 8 MB
#   - page opened → kernel idle in headless Chromium, local server, cold cache ≤ 3 s
#   - the `vpc wizard` cell of 01-network ≤ 100 ms (Node, same V8 as Chromium)
#   - 01-network Run All: wasm in Node vs native `cloudlab run` in-process, and the
#     browser's Run All wall time
#
#   bash benches/lite_bench.sh          (release profile: a cold wasm build is long)
#   LITE_PROFILE=dev bash benches/lite_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
export LITE_PROFILE="${LITE_PROFILE:-release}"
export LITE_SITE="$ROOT/lite/out/site-$LITE_PROFILE"
start=$(date +%s)
bash lite/build.sh
echo "## build: lite/build.sh ($LITE_PROFILE) $(( $(date +%s) - start )) s"

echo "## size (the kernel extension: wasm + JS)"
ext="$LITE_SITE/extensions/@cloudlab/jupyterlite-kernel"
wasm=$(find "$ext" -name '*.wasm' | head -1)
js_raw=$(find "$ext" -name '*.js' -printf '%s\n' | awk '{s+=$1} END {print s}')
js_gz=$(find "$ext" -name '*.js' -exec sh -c 'gzip -9c "$1" | wc -c' _ {} \; | awk '{s+=$1} END {print s}')
wasm_gz=$(gzip -9c "$wasm" | wc -c)
echo "wasm raw $(stat -c %s "$wasm") B, gzip -9 $wasm_gz B; JS raw $js_raw B, gzip -9 $js_gz B"
echo "total gzip -9: $(( (wasm_gz + js_gz) / 1024 )) KiB (budget 8192 KiB)"
if command -v brotli >/dev/null; then echo "wasm brotli: $(brotli -c -q 11 "$wasm" | wc -c) B"; fi

echo "## Node: 01-network in-process (median of 5)"
node lite/ts/bench.mjs lite/ts/pkg notebooks/01-network.ipynb 5
# The native kernel as users get it: a release build with the pip wheel's features (no
# evcxr; `%%rust` plays no part in 01-network). NATIVE_BIN=path reuses one.
NATIVE_BIN="${NATIVE_BIN:-target/release/cloudlab}"
if [ ! -x "$NATIVE_BIN" ]; then
  cargo build --quiet --release --no-default-features --features kernel
  NATIVE_BIN=target/release/cloudlab
fi
nat=()
for _ in 1 2 3 4 5; do
  tmp=$(mktemp -d); t0=$(date +%s%N)
  "$NATIVE_BIN" run notebooks/01-network.ipynb --out "$tmp" --to ipynb >/dev/null
  nat+=($(( ($(date +%s%N) - t0) / 1000000 ))); rm -rf "$tmp"
done
echo "native release cloudlab run 01-network (a process, ms, median of 5): $(printf '%s\n' "${nat[@]}" | sort -n | sed -n 3p)"

echo "## JupyterLab + native release kernel: Run All (01-network), the same front-end steps"
[ -x .venv/bin/jupyter-lab ] || { python3 -m venv .venv && .venv/bin/pip install -q -r tests/python/requirements.txt; }
CLOUDLAB_BIN="$NATIVE_BIN" BROWSER_TESTS=lab.test.mjs bash tests/browser/run.sh 2>&1 | grep -E 'timing:|^# (pass|fail)'

echo "## Chromium: page → idle, Run All (01-network, 04-database)"
bash lite/serve-and-test.sh "$LITE_SITE" 2>&1 | grep -E 'timing:|^# (pass|fail)'
