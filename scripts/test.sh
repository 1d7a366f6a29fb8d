#!/usr/bin/env bash
# cloudlab's full test suite: the one command the README names.
#
#   bash scripts/test.sh
#
# 1. cargo build (debug) and cargo test (every Rust test)
# 2. a Python venv at .venv with tests/python/requirements.txt (created once, reused
#    while the requirements file is unchanged)
# 3. the kernelspec installed into a temporary prefix (JUPYTER_PATH points there, so
#    nothing outside the temp dir is touched)
# 4. pytest tests/python: jupyter_kernel_test conformance, protocol tests over ZeroMQ,
#    every notebook through nbclient
# 5. every notebook in notebooks/ (and notebooks/ko/) executed with `cloudlab run`
# 6. with BROWSER_TEST=1: notebooks/01-network.ipynb in JupyterLab driven by headless
#    chromium (tests/browser/run.sh; skipped outside CI when chromium or npm is missing)
# Exits non-zero if any step fails; prints a summary at the end.
#
# Environment: PYTHON (interpreter for the venv, default python3), VENV (default .venv),
# SKIP_CARGO_TEST=1 (skip step 1's cargo test, e.g. while iterating on Python tests),
# BROWSER_TEST=1 (run step 6), BROWSER_EXPECT (what step 6 asserts, default
# table,svg,diagram).

set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PYTHON="${PYTHON:-python3}"
VENV="${VENV:-$ROOT/.venv}"
REQS="$ROOT/tests/python/requirements.txt"
BIN="$ROOT/target/debug/cloudlab"

declare -a STEP_NAMES=()
declare -a STEP_RESULTS=()
FAILED=0

TMP="$(mktemp -d -t cloudlab-test.XXXXXX)"
cleanup() { rm -rf "$TMP"; }
trap cleanup EXIT
# What the suite leaves in the temp dir is judged against this file's time (last step).
touch "$TMP/started"

banner() { printf '\n==== %s ====\n' "$*"; }

# step NAME CMD...: run a step, record pass/fail with its duration.
step() {
    local name="$1"; shift
    banner "$name"
    local start=$SECONDS
    "$@"
    local rc=$?
    local took=$((SECONDS - start))
    # Free disk after the step: a full disk fails later steps, and this says which grew it.
    local free
    free="$(df -Ph "$ROOT" 2>/dev/null | awk 'NR==2 {print $4}')"
    STEP_NAMES+=("$name")
    if [ $rc -eq 0 ]; then
        STEP_RESULTS+=("ok      (${took}s, ${free:-?} free)")
    else
        STEP_RESULTS+=("FAILED  (exit $rc, ${took}s, ${free:-?} free)")
        FAILED=1
    fi
    return $rc
}

summary() {
    banner "summary"
    local i
    for i in "${!STEP_NAMES[@]}"; do
        printf '  %-34s %s\n' "${STEP_NAMES[$i]}" "${STEP_RESULTS[$i]}"
    done
    if [ $FAILED -eq 0 ]; then
        echo "ALL STEPS PASSED"
    else
        echo "SOME STEPS FAILED"
    fi
}

setup_venv() {
    local stamp="$VENV/.requirements.sha256"
    local want
    want="$(sha256sum "$REQS" | cut -d' ' -f1)"
    if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        echo "reusing $VENV (requirements unchanged)"
        return 0
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        "$PYTHON" -m venv "$VENV" || return 1
    fi
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        -r "$REQS" || return 1
    echo "$want" >"$stamp"
    "$VENV/bin/python" -m pip --disable-pip-version-check list 2>/dev/null \
        | grep -iE '^(jupyter[-_]client|jupyter[-_]kernel[-_]test|nbclient|nbformat|ipykernel|pytest|pyzmq|jupyterlab) '
}

install_kernelspec() {
    "$BIN" install --prefix "$TMP/prefix" || return 1
    export JUPYTER_PATH="$TMP/prefix/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
    "$VENV/bin/jupyter" kernelspec list
    "$VENV/bin/jupyter" kernelspec list --json \
        | "$VENV/bin/python" -c 'import json,sys; s=json.load(sys.stdin)["kernelspecs"]; assert "cloudlab" in s, s; print("argv:", s["cloudlab"]["spec"]["argv"])'
}

run_pytest() {
    # -p no:cacheprovider: keep the tree clean. pytest's own exit code is the verdict
    # (5 = no tests collected also fails: there are always tests here).
    CLOUDLAB_BIN="$BIN" "$VENV/bin/python" -m pytest -p no:cacheprovider -q -rfEs \
        "$ROOT/tests/python"
}

run_notebooks() {
    local -a nbs=()
    local nb
    shopt -s nullglob
    for nb in "$ROOT"/notebooks/*.ipynb "$ROOT"/notebooks/ko/*.ipynb; do
        nbs+=("$nb")
    done
    shopt -u nullglob
    if [ ${#nbs[@]} -eq 0 ]; then
        echo "no notebooks in notebooks/ yet: nothing to run"
        return 0
    fi
    local rc=0
    # English and Korean notebooks share names: give each folder its own output dir.
    local -a en=() ko=()
    for nb in "${nbs[@]}"; do
        case "$nb" in */notebooks/ko/*) ko+=("$nb") ;; *) en+=("$nb") ;; esac
    done
    if [ ${#en[@]} -gt 0 ]; then
        "$BIN" run "${en[@]}" --out "$TMP/run" || rc=1
    fi
    if [ ${#ko[@]} -gt 0 ]; then
        "$BIN" run "${ko[@]}" --out "$TMP/run/ko" || rc=1
    fi
    echo "executed ${#nbs[@]} notebook(s) into $TMP/run"
    return $rc
}

run_browser() {
    local nb="$ROOT/notebooks/01-network.ipynb"
    if [ ! -f "$nb" ]; then
        echo "skipped: $nb does not exist yet"
        return 0
    fi
    if [ ! -x /usr/bin/chromium ] || ! command -v npm >/dev/null; then
        if [ "${CI:-}" = "true" ]; then
            echo "chromium or npm missing (.ci/run installs them)"; return 1
        fi
        echo "skipped: needs /usr/bin/chromium (apt-get install -y chromium) and npm"
        return 0
    fi
    SCREENSHOT_DIR="${SCREENSHOT_DIR:-$ROOT/out/browser}" VENV="$VENV" CLOUDLAB_BIN="$BIN" \
        bash "$ROOT/tests/browser/run.sh" "$nb" 2>&1 | grep -v '^\[[IW] '
    return "${PIPESTATUS[0]}"
}

# Kernels must not leave their Rust build directories behind (0.7 to 2 GB each): ours
# are cloudlab-rust-*, evcxr's own are .tmp* dirs holding its `ctx` crate.
no_build_dirs_left() {
    local tmpdir="${TMPDIR:-/tmp}" left=()
    local d
    while IFS= read -r d; do
        if [[ "$(basename "$d")" == cloudlab-rust-* ]] || grep -qs '^name = "ctx"' "$d/Cargo.toml"; then
            left+=("$d")
        fi
    done < <(find "$tmpdir" -mindepth 1 -maxdepth 1 -type d \( -name 'cloudlab-rust-*' -o -name '.tmp*' \) \
        -newer "$TMP/started" 2>/dev/null)
    if [ ${#left[@]} -gt 0 ]; then
        echo "left behind in $tmpdir by this run:"
        du -sh "${left[@]}"
        return 1
    fi
    echo "no Rust build directory left in $tmpdir"
}

run_soak() {
    # 2,000 mixed executes in one kernel: RSS flat after warm-up, latency flat.
    "$VENV/bin/python" "$ROOT/benches/soak.py" -n 2000
}

# One layout for all Rust (rustfmt.toml); the browser kernel's crate is its own workspace.
step "rustfmt --check" bash -c "cargo fmt --all --check && rustfmt --edition 2021 --check lite/src/*.rs"
step "cargo build" cargo build || { summary; exit 1; }
# Lints as errors: clippy.toml also forbids std's clocks, which panic in the browser build.
step "cargo clippy -D warnings" cargo clippy --all-targets -- -D warnings
if [ "${SKIP_CARGO_TEST:-0}" != "1" ]; then
    step "cargo test" cargo test
fi
step "notebooks match their definitions" "$PYTHON" "$ROOT/notebooks/tools/build.py" --check
step "fuzz (libFuzzer, 15 s per target)" bash "$ROOT/fuzz/ci.sh"
step "python venv (.venv)" setup_venv || { summary; exit 1; }
step "install kernelspec (temp prefix)" install_kernelspec || { summary; exit 1; }
step "pytest tests/python" run_pytest
step "cloudlab run notebooks/" run_notebooks
step "soak (2,000 executes)" run_soak
# On by default in CI (.ci/run installs chromium); elsewhere BROWSER_TEST=1 turns it on.
if [ "${BROWSER_TEST:-${CI:+1}}" = "1" ]; then
    step "JupyterLab + chromium (01-network)" run_browser
fi
step "pip wheel + JupyterHub class (3)" bash "$ROOT/deploy/wheel-test.sh"

step "README cells (cloudlab exec)" bash "$ROOT/scripts/readme_cells.sh"
step "nbgrader: student versions and autograde (own venv)" bash "$ROOT/tests/nbgrader.sh"
step "jupyterlab-cloudlab: committed build = npm build" bash "$ROOT/jupyterlab-cloudlab/build.sh" --check
step "browser kernel (JupyterLite): wasm build, parity, Chromium" bash "$ROOT/lite/test.sh"
step "import graph: no cycle among src/ modules" "$PYTHON" "$ROOT/tools/import_graph.py"
step "no Rust build dir left in the temp dir" no_build_dirs_left

summary
exit $FAILED
