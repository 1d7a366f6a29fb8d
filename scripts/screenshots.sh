#!/usr/bin/env bash
# The README's pictures (docs/img/), made by the browser test so they can be regenerated:
# JupyterLab in headless chromium runs a short tour notebook (tests/browser/features.test.mjs:
# a VPC, its diagram, the replication and autoscaling labs) and keeps a notebook in the light
# and dark theme, the diagram, the replication chart and the autoscaling chart; optipng
# (apt-get install optipng) then recompresses them losslessly if it is there.
#
#   bash scripts/screenshots.sh [OUT_DIR]       (default docs/img)
#
# Needs what tests/browser/run.sh needs: .venv with jupyterlab, target/debug/cloudlab,
# /usr/bin/chromium, node + npm.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(mkdir -p "${1:-$ROOT/docs/img}" && cd "${1:-$ROOT/docs/img}" && pwd)"
LIMIT=$((200 * 1024))

SCREENSHOTS="$OUT" BROWSER_TESTS=features.test.mjs bash "$ROOT/tests/browser/run.sh" 2>&1 | grep -v '^\[[IW] '
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "the browser test failed: no new pictures" >&2; exit 1; }

if command -v optipng >/dev/null; then
    optipng -quiet -o2 -strip all "$OUT"/{notebook-light,notebook-dark,diagram,replication,autoscaling}.png
else
    echo "optipng not found: pictures left as chromium wrote them"
fi
rc=0
for f in "$OUT"/{notebook-light,notebook-dark,diagram,replication,autoscaling}.png; do
    size=$(stat -c %s "$f")
    printf '%-60s %4d KB\n' "$f" $((size / 1024))
    if [ "$size" -gt "$LIMIT" ]; then echo "  over 200 KB: too big for the README" >&2; rc=1; fi
done
exit $rc
