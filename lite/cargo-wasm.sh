#!/usr/bin/env bash
# cargo for wasm32-unknown-unknown with Debian's rustc-web (std built from rust-web-src)
# and rustup's rust-lld as the linker. Usage: lite/cargo-wasm.sh build [--release] ...
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ -z "${LITE_LLD:-}" ]; then
  LITE_LLD="$(rustc --print sysroot)/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld"
fi
[ -x "$LITE_LLD" ] || { echo "lite: no rust-lld at $LITE_LLD (set LITE_LLD)" >&2; exit 1; }
cd "$here"
# The patched polars/plotters crates lite/Cargo.toml points at (patches/NOTES.md).
bash "$here/patches/apply.sh"
export PATH=/usr/bin:$PATH RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$LITE_LLD"
# C inside polars' dependencies (ring, zstd, lz4, psm) compiles with Debian's clang-22.
export CC_wasm32_unknown_unknown="${CC_wasm32_unknown_unknown:-clang-22}"
export AR_wasm32_unknown_unknown="${AR_wasm32_unknown_unknown:-llvm-ar-22}"
# panic=abort: with panic=unwind wasm-bindgen 0.2.130 demands RefUnwindSafe of every exported
# type, which wasm-streams (reqwest, under polars' cloud I/O) lacks. A panic traps instead;
# the worker is then replaced and the cell says the kernel restarted (ts/src/kernel.ts).
export RUSTFLAGS="${LITE_RUSTFLAGS:-}"
export CARGO_TARGET_DIR="${LITE_TARGET_DIR:-$here/target}"
exec /usr/bin/cargo "$@" --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort
