#!/usr/bin/env bash
# Builds cloudlab's browser kernel and the JupyterLite site, in one command:
#
#   bash lite/build.sh            → lite/site/ (open lite/site/index.html through any static web server)
#
# Steps: the Rust library for wasm32-unknown-unknown (lite/cargo-wasm.sh), wasm-bindgen,
# the TypeScript kernel extension (npm + @jupyterlab/builder), then `jupyter lite build`
# with every course notebook (English and Korean) and cloudlab as the default kernel.
# Installs what it needs when missing: Debian's rustc-web/cargo-web/rust-web-src (apt),
# wasm-bindgen-cli pinned to lite/Cargo.lock (cargo install, into lite/.tools), npm
# packages (npm ci), jupyterlite-core and jupyterlab (pip, into lite/.venv).
# Environment: LITE_PROFILE=dev|release (default release: the published, smaller build;
# CI uses dev), LITE_SITE (output folder, default lite/site), LITE_SKIP_SITE=1 (stop after
# the wasm package, for the parity test).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PROFILE="${LITE_PROFILE:-release}"
SITE="${LITE_SITE:-$HERE/site}"
say() { echo "lite: $*" >&2; }

# 1. Toolchain: Debian's wasm-capable rustc (std built from source with -Zbuild-std).
# clang-22 compiles the C in polars' dependencies (ring, zstd, lz4, psm) for wasm.
if ! dpkg -s rustc-web cargo-web rust-web-src clang-22 llvm-22 >/dev/null 2>&1; then
    say "installing rustc-web cargo-web rust-web-src clang-22 llvm-22 (apt)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rustc-web cargo-web rust-web-src clang-22 llvm-22 >/dev/null
fi
WB_VERSION="$(grep -A1 '^name = "wasm-bindgen"$' "$HERE/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')"
WB="$HERE/.tools/bin/wasm-bindgen"
if [ ! -x "$WB" ] || [ "$("$WB" --version | awk '{print $2}')" != "$WB_VERSION" ]; then
    say "installing wasm-bindgen-cli $WB_VERSION (cargo install)"
    # Not --locked: its lock file names a webpki-roots release the registry here lacks.
    cargo install --quiet --version "$WB_VERSION" wasm-bindgen-cli --root "$HERE/.tools"
fi

# 2. The wasm module and its JS glue, into lite/ts/pkg.
start=$(date +%s)
if [ "$PROFILE" = release ]; then "$HERE/cargo-wasm.sh" build --lib --release; else "$HERE/cargo-wasm.sh" build --lib; fi
say "cargo ($PROFILE) took $(( $(date +%s) - start )) s"
rm -rf "$HERE/ts/pkg"
# Release: without the function-name section (98 → 32 MB; 9.5 → 6.9 MB gzipped); dev keeps
# the names so a trap's stack trace says where.
WB_FLAGS=()
[ "$PROFILE" = release ] && WB_FLAGS=(--remove-name-section --remove-producers-section)
"$WB" --target web "${WB_FLAGS[@]}" --out-dir "$HERE/ts/pkg" \
    "${LITE_TARGET_DIR:-$HERE/target}/wasm32-unknown-unknown/$([ "$PROFILE" = dev ] && echo debug || echo release)/cloudlab_lite.wasm"
echo '{"type": "module"}' >"$HERE/ts/pkg/package.json"
[ "${LITE_SKIP_SITE:-0}" = 1 ] && exit 0

# 3. The JupyterLite kernel extension.
if [ ! -x "$HERE/.venv/bin/jupyter-lite" ]; then
    say "creating lite/.venv (jupyterlite-core, jupyterlab)"
    python3 -m venv "$HERE/.venv"
    "$HERE/.venv/bin/pip" install -q -r "$HERE/requirements.txt"
fi
cd "$HERE/ts"
[ -d node_modules/@jupyterlab/builder ] || npm ci --no-audit --no-fund --loglevel=error
npx tsc
rm -rf labextension
PATH="$HERE/.venv/bin:$PATH" "$HERE/.venv/bin/jupyter-builder" build . >/dev/null

# 4. The site: the course notebooks, cloudlab the default kernel, a landing page.
CONTENTS="$(mktemp -d -t cloudlab-lite.XXXXXX)"
trap 'rm -rf "$CONTENTS"' EXIT
mkdir -p "$CONTENTS/files/ko"
cp "$ROOT"/notebooks/*.ipynb "$CONTENTS/files/"
cp "$ROOT"/notebooks/ko/*.ipynb "$CONTENTS/files/ko/"
cp "$HERE/site-config/jupyter-lite.json" "$CONTENTS/"
# The kernel, and the syntax mode for cloudlab cells the native wheel ships too.
SYNTAX="$ROOT/packaging/wheel-data/data/share/jupyter/labextensions/jupyterlab-cloudlab"
echo "{\"LiteBuildConfig\": {\"federated_extensions\": [\"$HERE/ts/labextension\", \"$SYNTAX\"]}}" >"$CONTENTS/jupyter_lite_config.json"
rm -rf "$SITE"
(cd "$CONTENTS" && "$HERE/.venv/bin/jupyter" lite build --ignore-sys-prefix --no-sourcemaps --no-unused-shared-packages \
    --apps lab --apps notebooks --apps tree --contents files --output-dir "$SITE" >/dev/null)
python3 "$HERE/landing.py" "$ROOT/notebooks" "$SITE"
say "site in $SITE ($(du -sh "$SITE" | cut -f1)); serve it with e.g. python3 -m http.server -d $SITE"
