#!/usr/bin/env bash
# Builds the prebuilt JupyterLab extension (the `cloudlab` syntax mode) into
# packaging/wheel-data/data/share/jupyter/labextensions/jupyterlab-cloudlab/, where the pip
# wheel (maturin's data directory) and `cloudlab install` (embedded by build.rs) take it from.
# The output is committed, so building the wheel needs no npm; the build is reproducible,
# and --check (scripts/test.sh) fails when the committed output is not what the source builds.
#
#   bash jupyterlab-cloudlab/build.sh [--check]
#
# Needs node + npm (the pinned packages come from package-lock.json through `npm ci`).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="packaging/wheel-data/data/share/jupyter/labextensions/jupyterlab-cloudlab"

cd "$HERE"
if [ ! -x node_modules/.bin/build-labextension ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
rm -rf lib
npm run --silent build >/dev/null
echo "built $OUT: $(find "$ROOT/$OUT" -type f | wc -l) files, $(du -sk "$ROOT/$OUT" | cut -f1) KB"

if [ "${1:-}" = "--check" ]; then
    cd "$ROOT"
    changed="$(git status --porcelain -- "$OUT")"
    if [ -n "$changed" ]; then
        echo "$changed"
        echo "the committed labextension is not what jupyterlab-cloudlab/ builds: run bash jupyterlab-cloudlab/build.sh and commit $OUT" >&2
        exit 1
    fi
    echo "committed labextension = fresh build"
fi
