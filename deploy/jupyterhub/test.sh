#!/usr/bin/env bash
# A small class on the JupyterHub of this folder, end to end (deploy/wheel-test.sh calls it
# with the wheel it built; run it by hand with a wheel from `maturin build`):
#
#   bash deploy/jupyterhub/test.sh target/wheels/cloudlab-*.whl [STUDENTS]
#
# Makes an environment with jupyterhub, jupyterlab, jupyterhub-idle-culler, ipykernel (PyPI)
# and the wheel, configurable-http-proxy from npm, then runs classroom.py: STUDENTS (default
# 3, CLASS_SIZE) log in through the hub's REST API at once and run 01-network and 04-database
# through the hub, the culler must stop every server without leaving a cloudlab process, and
# the same class runs a trivial notebook on ipykernel for comparison.
# Environment: PYTHON (default python3), CLASS_JSON (write the results there), HUB_PORT.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WHEEL="$(realpath "${1:?usage: test.sh WHEEL [STUDENTS]}")"
STUDENTS="${2:-${CLASS_SIZE:-3}}"
PYTHON="${PYTHON:-python3}"
HUB_REQS=(jupyterhub==6.1.1 jupyterlab==4.6.6 jupyterhub-idle-culler==2.0.0 ipykernel==7.4.0)
CHP_VERSION=4.6.3

WORK="$(mktemp -d -t cloudlab-class.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

echo "== environment: ${HUB_REQS[*]} + $(basename "$WHEEL")"
start=$SECONDS
"$PYTHON" -m venv "$WORK/env"
"$WORK/env/bin/pip" install --quiet --disable-pip-version-check "${HUB_REQS[@]}" "$WHEEL"
(cd "$WORK" && npm install --silent --no-audit --no-fund --prefix "$WORK/chp" "configurable-http-proxy@$CHP_VERSION" >/dev/null)
echo "ready in $((SECONDS - start)) s"

echo "== a class of $STUDENTS through the hub"
"$WORK/env/bin/python" "$HERE/classroom.py" -n "$STUDENTS" --port "${HUB_PORT:-18000}" \
    --chp "$WORK/chp/node_modules/.bin/configurable-http-proxy" ${CLASS_JSON:+--json "$CLASS_JSON"}
