#!/usr/bin/env bash
# Cold release build of the pip wheel, timed (README "Install with pip", issue 15):
# wall and CPU time of `maturin build --release`, the wheel's size and the size of the
# stripped binary inside it. Run once per feature set:
#
#   nice -n 19 bash benches/wheel_build.sh                 # the default wheel: no evcxr
#   nice -n 19 bash benches/wheel_build.sh rust-cells      # with `%%rust` cells (evcxr)
#
# "Cold" means an empty CARGO_TARGET_DIR of its own (default target-wheel-bench/, deleted at
# the end unless KEEP_TARGET=1), so nothing is reused from target/. Every crate is compiled;
# the time depends on the machine's load, so report `nproc`, `nice` and the load average
# printed below alongside the numbers. WHEEL_OUT=dir keeps the built wheel.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
FEATURES="${1:-}"
MATURIN_VERSION=1.16.0
TOOLS="$ROOT/target/wheel-tools"
if [ ! -x "$TOOLS/bin/maturin" ] || [ "$("$TOOLS/bin/maturin" --version)" != "maturin $MATURIN_VERSION" ]; then
    "${PYTHON:-python3}" -m venv "$TOOLS"
    "$TOOLS/bin/pip" install --quiet --disable-pip-version-check "maturin==$MATURIN_VERSION"
fi

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target-wheel-bench}"
if [ -e "$CARGO_TARGET_DIR" ]; then echo "$CARGO_TARGET_DIR exists: not a cold build; remove it first" >&2; exit 1; fi
OUT="$(mktemp -d -t cloudlab-wheel-bench.XXXXXX)"
cleanup() { rm -rf "$OUT"; [ "${KEEP_TARGET:-0}" = 1 ] || rm -rf "$CARGO_TARGET_DIR"; }
trap cleanup EXIT

args=(build --release --out "$OUT" --manifest-path "$ROOT/Cargo.toml")
# pyproject.toml builds with --no-default-features --features kernel; `rust-cells` adds evcxr.
[ -n "$FEATURES" ] && args+=(--features "$FEATURES")
echo "## machine: $(nproc) cores, nice $(nice), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "## $(rustc --version), maturin $MATURIN_VERSION, features: pyproject.toml${FEATURES:+ + $FEATURES}"
/usr/bin/time -f '%e %U %S' -o "$OUT/time" "$TOOLS/bin/maturin" "${args[@]}" 2>&1 \
    | grep -vE '^\s+(Compiling|Fresh) ' || { echo "maturin build failed"; exit 1; }
read -r wall user sys < "$OUT/time"
wheel="$(ls "$OUT"/cloudlab-*.whl)"
if [ -n "${WHEEL_OUT:-}" ]; then mkdir -p "$WHEEL_OUT" && cp "$wheel" "$WHEEL_OUT/"; fi
binary="$("$TOOLS/bin/python" - "$wheel" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(next(i.file_size for i in z.infolist() if i.filename.endswith(".data/scripts/cloudlab")))
PY
)"
echo "## load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v w="$wall" -v u="$user" -v s="$sys" -v ws="$(stat -c %s "$wheel")" -v bs="$binary" -v f="${FEATURES:-none}" -v n="$(basename "$wheel")" 'BEGIN {
    printf "## result: %s (extra features: %s)\n", n, f
    printf "build wall %d min %d s, CPU %d min (user+sys)\n", w / 60, w % 60, (u + s) / 60
    printf "wheel %.1f MB, stripped binary %.1f MB\n", ws / 1e6, bs / 1e6
}'
