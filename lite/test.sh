#!/usr/bin/env bash
# CI for the browser kernel (one `step` in scripts/test.sh): builds the wasm module with
# the lean dev profile and the JupyterLite site (lite/build.sh), then
#   1. parity: every course notebook through the wasm build in Node vs the native
#      target/debug/cloudlab, cell by cell (lite/ts/parity.test.mjs);
#   2. the site in headless Chromium on 127.0.0.1: 01-network and 04-database run, tables,
#      an SVG chart and a VPC diagram render, Tab completion pops up, no console errors
#      (lite/ts/browser.test.mjs).
# Needs target/debug/cloudlab (scripts/test.sh builds it first), node + npm, python3,
# /usr/bin/chromium.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
export LITE_PROFILE="${LITE_PROFILE:-dev}"
export LITE_SITE="${LITE_SITE:-$HERE/out/site-$LITE_PROFILE}"

[ -x "$ROOT/target/debug/cloudlab" ] || (cd "$ROOT" && cargo build --quiet)
start=$(date +%s)
bash "$HERE/build.sh"
echo "lite: build (wasm + site) took $(( $(date +%s) - start )) s" >&2

cd "$HERE/ts"
CLOUDLAB_BIN="$ROOT/target/debug/cloudlab" node --test --test-reporter=spec parity.test.mjs
bash "$HERE/serve-and-test.sh" "$LITE_SITE"
