#!/usr/bin/env bash
# nbgrader on the course notebooks (tests/python/test_nbgrader.py), in a venv of its own
# (.venv-nbgrader): nbgrader is slow to install, so the shared test venv does not carry it.
# Needs target/debug/cloudlab (cargo build). Run from anywhere: bash tests/nbgrader.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENV="${NBGRADER_VENV:-$ROOT/.venv-nbgrader}"
PYTHON="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import nbgrader, pytest" 2>/dev/null; then
    "$PYTHON" -m venv "$VENV"
    # The test venv's pins constrain nbgrader's own dependencies (jupyter_client, nbclient, …).
    "$VENV/bin/pip" install -q nbgrader==0.9.6 pytest==9.2.0 psutil==7.2.2 -c "$ROOT/tests/python/requirements.txt"
fi
exec "$VENV/bin/python" -m pytest -q "$ROOT/tests/python/test_nbgrader.py"
