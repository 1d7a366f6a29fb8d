#!/usr/bin/env bash
# The course notebook the way a person meets it: JupyterLab (from .venv) started
# headless on 127.0.0.1 with the cloudlab kernel installed, Debian's chromium driven
# by playwright-core opens the notebook, runs all cells, and lab.test.mjs asserts a
# rendered table, an SVG chart and the VPC diagram are visible and no error output
# appears. A screenshot is kept in out/browser/. features.test.mjs then asserts Run All
# stops at a cell that fails at once (ipykernel's count logged beside it), tables and charts are readable in the dark theme, and the
# jupyterlab-cloudlab syntax mode (installed by `cloudlab install`) highlights cells.
#
#   bash tests/browser/run.sh [NOTEBOOK]      (default notebooks/01-network.ipynb)
#
# Needs: .venv with jupyterlab (scripts/test.sh makes it), target/debug/cloudlab,
# /usr/bin/chromium (apt-get install chromium), node + npm.
# Environment: BROWSER_EXPECT (comma list of table,svg,diagram; default all three),
# SCREENSHOT_DIR (default out/browser), VENV, CLOUDLAB_BIN, SCREENSHOTS (a directory: write
# the README's pictures there; scripts/screenshots.sh), RUN_ALL_TRIALS (Run Alls per kernel
# in the stop-at-error test, default 5), RUN_ALL_THROTTLE (Chromium's CPU slowdown then,
# default 4).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
BIN="${CLOUDLAB_BIN:-$ROOT/target/debug/cloudlab}"
NOTEBOOK="${1:-$ROOT/notebooks/01-network.ipynb}"
SCREENSHOT_DIR="${SCREENSHOT_DIR:-$ROOT/out/browser}"

[ -f "$NOTEBOOK" ] || { echo "no notebook $NOTEBOOK" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "/usr/bin/chromium missing: apt-get install -y chromium" >&2; exit 1; }
[ -x "$VENV/bin/jupyter-lab" ] || { echo "$VENV has no jupyterlab: run scripts/test.sh first" >&2; exit 1; }

if [ ! -d "$HERE/node_modules/playwright-core" ]; then
    (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
fi

TMP="$(mktemp -d -t cloudlab-browser.XXXXXX)"
LAB_PID=""
cleanup() {
    if [ -n "$LAB_PID" ] && kill -0 "$LAB_PID" 2>/dev/null; then
        kill "$LAB_PID" 2>/dev/null || true
        for _ in $(seq 150); do kill -0 "$LAB_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$LAB_PID" 2>/dev/null || true
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT

# Everything JupyterLab reads or writes lives in $TMP: the kernelspec, settings,
# workspaces, runtime files and the copy of the notebook it opens (and may save).
"$BIN" install --prefix "$TMP/prefix" >/dev/null
export JUPYTER_PATH="$TMP/prefix/share/jupyter"
export JUPYTER_CONFIG_DIR="$TMP/config"
export JUPYTER_DATA_DIR="$TMP/data"
export JUPYTER_RUNTIME_DIR="$TMP/runtime"
export JUPYTERLAB_SETTINGS_DIR="$TMP/settings"
export JUPYTERLAB_WORKSPACES_DIR="$TMP/workspaces"
mkdir -p "$TMP/root" "$JUPYTERLAB_SETTINGS_DIR/@jupyterlab/notebook-extension" \
    "$JUPYTERLAB_SETTINGS_DIR/@jupyterlab/apputils-extension"
# Every cell in the DOM (no virtual scrolling), no news or update checks (no network).
echo '{"windowingMode": "none"}' \
    >"$JUPYTERLAB_SETTINGS_DIR/@jupyterlab/notebook-extension/tracker.jupyterlab-settings"
echo '{"fetchNews": "false", "checkForUpdates": false}' \
    >"$JUPYTERLAB_SETTINGS_DIR/@jupyterlab/apputils-extension/notification.jupyterlab-settings"
cp "$NOTEBOOK" "$TMP/root/"
NB_NAME="$(basename "$NOTEBOOK")"

PORT="$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
TOKEN="$("$VENV/bin/python" -c 'import secrets; print(secrets.token_hex(16))')"

"$VENV/bin/jupyter-lab" --no-browser --ip=127.0.0.1 --port="$PORT" \
    --IdentityProvider.token="$TOKEN" --ServerApp.root_dir="$TMP/root" --allow-root \
    --ServerApp.port_retries=0 --LabApp.news_url=None --LabApp.extension_manager=readonly \
    >"$TMP/lab.log" 2>&1 &
LAB_PID=$!

for _ in $(seq 120); do
    if curl -fsS "http://127.0.0.1:$PORT/api/status?token=$TOKEN" >/dev/null 2>&1; then break; fi
    kill -0 "$LAB_PID" 2>/dev/null || { cat "$TMP/lab.log"; echo "jupyter lab died" >&2; exit 1; }
    sleep 0.5
done
curl -fsS "http://127.0.0.1:$PORT/api/kernelspecs?token=$TOKEN" \
    | "$VENV/bin/python" -c 'import json,sys; k=json.load(sys.stdin)["kernelspecs"]; assert "cloudlab" in k, list(k)'

mkdir -p "$SCREENSHOT_DIR"
rc=0
(cd "$HERE" && LAB_URL="http://127.0.0.1:$PORT" LAB_TOKEN="$TOKEN" NOTEBOOK_NAME="$NB_NAME" \
    SCREENSHOT_DIR="$SCREENSHOT_DIR" SCREENSHOTS="${SCREENSHOTS:-}" \
    node --test --test-concurrency=1 --test-reporter=spec ${BROWSER_TESTS:-lab.test.mjs features.test.mjs}) || rc=$?
if [ $rc -ne 0 ]; then
    echo "---- jupyter lab log (last 40 lines)"
    tail -40 "$TMP/lab.log"
fi
exit $rc
