#!/usr/bin/env bash
# The classroom load test at full size (README "A class on JupyterHub"): a class of 50, then
# of 10, each followed by the same class on ipykernel, on the JupyterHub of deploy/jupyterhub/.
#
#   nice -n 10 bash benches/classroom.sh target/wheels/cloudlab-*.whl [SIZES…]   # default: 50 10
#
# Results as JSON in OUT (default target/classroom/class-N.json) and as a table on stdout.
# Each class takes minutes of both cores (N Jupyter servers start at once); the numbers
# depend on what else runs, so note the load average printed before each class.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WHEEL="$(realpath "${1:?usage: classroom.sh WHEEL [SIZES…]}")"
shift
SIZES=("${@:-50 10}")
OUT="${OUT:-$ROOT/target/classroom}"
mkdir -p "$OUT"
status=0
for n in ${SIZES[*]}; do
    echo "## class of $n, $(basename "$WHEEL"), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%H:%M:%S) UTC"
    CLASS_JSON="$OUT/class-$n.json" bash "$ROOT/deploy/jupyterhub/test.sh" "$WHEEL" "$n" || status=1
    echo "## class of $n done $(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
exit $status
