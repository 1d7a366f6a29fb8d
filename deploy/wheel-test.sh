#!/usr/bin/env bash
# The pip wheel, end to end (scripts/test.sh runs it after `cargo build`):
#   1. maturin (from PyPI, in its own venv) builds the wheel with the dev profile, so the
#      debug build's compiled dependencies in target/debug are reused (a release build of
#      the wheel is README's measured number, not a CI step)
#   2. a clean venv gets jupyter_client + nbclient and the wheel; PATH has neither cargo,
#      rustc nor the venv's bin, as when Jupyter is started by absolute path
#   3. `jupyter kernelspec list` shows cloudlab from the venv, the kernel Jupyter starts is
#      the wheel's binary, `cloudlab --version` matches the wheel, %%rust explains itself,
#      the course notebooks (notebooks/*.ipynb) run through nbclient
#   4. pip uninstall removes the binary and the kernelspec
#   5. a class of 3 on JupyterHub with this wheel (deploy/jupyterhub/test.sh)
# Environment: PYTHON (default python3), WHEEL_OUT (keep the built wheel there), CLASS_SIZE
# (default 3; 0 skips the JupyterHub class), CLASS_JSON (its results as JSON).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
MATURIN_VERSION=1.16.0
# Same pins as tests/python/requirements.txt.
CLIENT_REQS=(jupyter_client==8.10.0 nbclient==0.11.0 nbformat==5.11.1)

WORK="$(mktemp -d -t cloudlab-wheel.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

TOOLS="$ROOT/target/wheel-tools"
if [ ! -x "$TOOLS/bin/maturin" ] || [ "$("$TOOLS/bin/maturin" --version)" != "maturin $MATURIN_VERSION" ]; then
    "$PYTHON" -m venv "$TOOLS"
    "$TOOLS/bin/pip" install --quiet --disable-pip-version-check "maturin==$MATURIN_VERSION"
fi

echo "== maturin build (profile dev, features from pyproject.toml: no rust-cells)"
# maturin's cargo overwrites target/debug/cloudlab with the wheel's build (no Rust cells):
# put the workspace build back afterwards for every other test.
KEEP=""
if [ -f "$ROOT/target/debug/cloudlab" ]; then
    KEEP="$WORK/cloudlab.debug"
    cp -p "$ROOT/target/debug/cloudlab" "$KEEP"
fi
restore() { if [ -n "$KEEP" ]; then rm -f "$ROOT/target/debug/cloudlab"; cp -p "$KEEP" "$ROOT/target/debug/cloudlab"; fi; }
trap 'restore; rm -rf "$WORK"' EXIT
start=$SECONDS
"$TOOLS/bin/maturin" build --profile dev --strip --out "$WORK/dist" --manifest-path "$ROOT/Cargo.toml" 2>&1 \
    | grep -vE '^\s+(Compiling|Fresh) ' || { echo "maturin build failed"; exit 1; }
WHEEL="$(ls "$WORK"/dist/cloudlab-*.whl)"
echo "built $(basename "$WHEEL"): $(du -k "$WHEEL" | cut -f1) KiB in $((SECONDS - start)) s"
if [ -n "${WHEEL_OUT:-}" ]; then mkdir -p "$WHEEL_OUT" && cp "$WHEEL" "$WHEEL_OUT/"; fi
"$TOOLS/bin/python" - "$WHEEL" <<'EOF'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
want = ["data/share/jupyter/kernels/cloudlab/kernel.json", "data/share/jupyter/kernels/cloudlab/logo-svg.svg", "scripts/cloudlab",
        "data/share/jupyter/labextensions/jupyterlab-cloudlab/package.json", "data/share/jupyter/labextensions/jupyterlab-cloudlab/install.json",
        "cloudlab_pygments/__init__.py"]
missing = [w for w in want if not any(n.endswith(w) for n in names)]
assert not missing, f"wheel lacks {missing}: {names}"
# The handouts' lexer: pygments finds it by the kernel's language_info.pygments_lexer.
ep = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
text = zipfile.ZipFile(sys.argv[1]).read(ep[0]).decode() if ep else ""
assert "[pygments.lexers]" in text and "cloudlab" in text and "cloudlab_pygments:CloudlabLexer" in text, text
print("wheel holds:", ", ".join(n for n in names if ".data/" in n))
EOF

echo "== clean venv, pip install the wheel"
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check "${CLIENT_REQS[@]}"
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check "$WHEEL"

# PATH for the checks: system dirs only, minus any that hold cargo or rustc; not the venv.
CLEAN_PATH=""
for d in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
    [ -d "$d" ] || continue
    [ -e "$d/cargo" ] || [ -e "$d/rustc" ] && continue
    CLEAN_PATH="${CLEAN_PATH:+$CLEAN_PATH:}$d"
done
mkdir -p "$WORK/home"
run_clean() {
    env -i HOME="$WORK/home" PATH="$CLEAN_PATH" LANG=C.UTF-8 "$@"
}

echo "== installed: kernelspec, version, notebooks through nbclient (PATH=$CLEAN_PATH)"
run_clean "$WORK/venv/bin/jupyter" kernelspec list
run_clean "$WORK/venv/bin/python" "$ROOT/deploy/wheel_check.py" installed "$ROOT"/notebooks/*.ipynb

echo "== pip uninstall"
"$WORK/venv/bin/pip" uninstall --quiet --yes cloudlab
run_clean "$WORK/venv/bin/python" "$ROOT/deploy/wheel_check.py" uninstalled

if [ "${CLASS_SIZE:-3}" != "0" ]; then
    bash "$ROOT/deploy/jupyterhub/test.sh" "$WHEEL" "${CLASS_SIZE:-3}"
fi
