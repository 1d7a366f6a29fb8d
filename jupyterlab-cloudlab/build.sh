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
    # The module-federation entry's file name hashes the build's absolute path, so a clone
    # elsewhere names it differently; every other file must be the same bytes.
    changed="$(git status --porcelain -- "$OUT" | grep -v 'static/remoteEntry\.[0-9a-f]*\.js$' | grep -v " $OUT/package.json\$" || true)"
    pkg="$(git diff -U0 -- "$OUT/package.json" | grep '^[-+] ' | grep -v '"load": "static/remoteEntry\.[0-9a-f]*\.js",' || true)"
    git checkout -q -- "$OUT" && git clean -qfd -- "$OUT"
    if [ -n "$changed$pkg" ]; then
        echo "$changed$pkg"
        echo "the committed labextension is not what jupyterlab-cloudlab/ builds: run bash jupyterlab-cloudlab/build.sh and commit $OUT" >&2
        exit 1
    fi
    echo "committed labextension = fresh build (up to the entry file's path hash)"
fi
