#!/usr/bin/env bash
# Serves a built JupyterLite site on 127.0.0.1 and runs the Chromium test against it.
#   bash lite/serve-and-test.sh SITE_DIR [node --test args…]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SITE="$(cd "$1" && pwd)"; shift
[ -x /usr/bin/chromium ] || { echo "/usr/bin/chromium missing: apt-get install -y chromium" >&2; exit 1; }
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server --bind 127.0.0.1 --directory "$SITE" "$PORT" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break; sleep 0.1; done
cd "$HERE/ts"
SITE_URL="http://127.0.0.1:$PORT" SCREENSHOT_DIR="${SCREENSHOT_DIR:-$HERE/out/browser}" \
    node --test --test-reporter=spec "$@" browser.test.mjs
