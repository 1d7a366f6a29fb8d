#!/usr/bin/env bash
# The crates lite/Cargo.toml patches ([patch.crates-io]), rebuilt from the published
# crates.io packages and the `.patch` files beside this script (NOTES.md says what each
# change does and why):
#
#   bash lite/patches/apply.sh            → lite/target/patched/NAME (what lite/Cargo.toml names)
#   bash lite/patches/apply.sh diff NAME  → the diff of lite/target/patched/NAME against the
#                                           published crate, in the form of NAME-VERSION.patch
#
# Each crate comes from cargo's own download cache (~/.cargo/registry/cache), where cargo
# put it after checking it against the crates.io index; when it is not there, `cargo fetch`
# on a throwaway manifest that pins `NAME = "=VERSION"` downloads it. Either way the .crate
# file must have the sha256 below (crates.io's checksum, as a Cargo.lock records it) before
# it is unpacked. The patch must then apply exactly (git apply: no fuzz, all or nothing).
# Idempotent: a crate whose folder was made from the same .crate and the same patch is left
# alone (milliseconds, and cargo sees no change), so every cargo run in lite/ calls this first.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LITE="$(cd "$HERE/.." && pwd)"
DEST="$LITE/target/patched"
CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
CARGO_BIN="${CARGO:-cargo}"
say() { echo "lite/patches: $*" >&2; }

# name version sha256-of-the-.crate (crates.io's checksum); the patch is NAME-VERSION.patch.
CRATES=(
    "polars-async 0.55.2 e8f484cb2db25ff605107a9f8dca8d5a47d25770cf5e04ceb75c0ef4d6bc2418"
    "polars-core 0.55.2 ac24a25f4c2696089bb9059e4b45338ea74833a79b9552fef066d6f2cfb3aaed"
    "polars-io 0.55.2 3ba705af75665c6c6f6822bdc20a0b162846dd9d23573221096945b45210c2db"
    "plotters 0.3.7 5aeb6f403d7a4911efb1e33402027fc44f29b5bf6def3effcc22d7bb75f2b747"
)

# The verified .crate file of NAME-VERSION in cargo's cache, or nothing.
cached_crate() {
    local f
    for f in "$CARGO_HOME"/registry/cache/*/"$1-$2.crate"; do
        [ -f "$f" ] && [ "$(sha256sum "$f" | cut -d' ' -f1)" = "$3" ] && { echo "$f"; return; }
    done
    return 0
}

# cargo downloads (and checks against the index) every crate given as "name version".
cargo_fetch() {
    local tmp spec
    tmp="$(mktemp -d -t cloudlab-lite-fetch.XXXXXX)"
    mkdir "$tmp/src" && : >"$tmp/src/lib.rs"
    {
        printf '[package]\nname = "cloudlab-lite-patch-sources"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n'
        for spec in "$@"; do printf '%s = "=%s"\n' ${spec}; done
        printf '\n[workspace]\n'
    } >"$tmp/Cargo.toml"
    # lite's lock file as a start, so cargo picks the versions lite builds with anyway.
    cp "$LITE/Cargo.lock" "$tmp/Cargo.lock"
    say "cargo fetch ($(IFS=,; echo "$*"))"
    (cd "$tmp" && "$CARGO_BIN" fetch --quiet) || { rm -rf "$tmp"; say "cargo fetch failed"; return 1; }
    rm -rf "$tmp"
}

# NAME-VERSION unpacked from its verified .crate into $4 (a new folder).
unpack() {
    local crate
    crate="$(cached_crate "$1" "$2" "$3")"
    [ -n "$crate" ] || { say "no $1-$2.crate with sha256 $3 in $CARGO_HOME/registry/cache"; return 1; }
    mkdir -p "$4"
    # -m: every file gets the time of unpacking, so cargo rebuilds the crate when it changes.
    tar -xzmf "$crate" -C "$4" --strip-components=1 "$1-$2"
}

if [ "${1:-}" = diff ]; then
    name="${2:?usage: apply.sh diff NAME}"
    for spec in "${CRATES[@]}"; do
        set -- $spec
        [ "$1" = "$name" ] || continue
        tmp="$(mktemp -d -t cloudlab-lite-diff.XXXXXX)"
        trap 'rm -rf "$tmp"' EXIT
        unpack "$1" "$2" "$3" "$tmp/a"
        cp -r "$DEST/$1" "$tmp/b" && rm -f "$tmp/b/.cloudlab-patched"
        # No timestamps in the headers, so the patch files diff cleanly.
        (cd "$tmp" && LC_ALL=C diff -ruN a b | sed -E 's/^(---|\+\+\+) ([^\t]+)\t.*/\1 \2/') || true
        exit 0
    done
    say "unknown crate $name"; exit 2
fi

mkdir -p "$DEST"
# One run at a time (two builds may start together).
if command -v flock >/dev/null; then exec 9>"$DEST/.lock"; flock 9; fi

todo=() missing=()
for spec in "${CRATES[@]}"; do
    set -- $spec
    patch="$HERE/$1-$2.patch"
    [ -f "$patch" ] || { say "missing $patch"; exit 1; }
    stamp="$1 $2 $3 $(sha256sum "$patch" | cut -d' ' -f1)"
    [ "$(cat "$DEST/$1/.cloudlab-patched" 2>/dev/null)" = "$stamp" ] && continue
    todo+=("$spec")
    [ -n "$(cached_crate "$1" "$2" "$3")" ] || missing+=("$1 $2")
done
[ ${#todo[@]} -eq 0 ] && exit 0
[ ${#missing[@]} -eq 0 ] || cargo_fetch "${missing[@]}"

for spec in "${todo[@]}"; do
    set -- $spec
    patch="$HERE/$1-$2.patch"
    work="$DEST/.new-$1"
    rm -rf "$work"
    unpack "$1" "$2" "$3" "$work"
    # Not inside lite's git checkout: git apply then patches plain files, like patch(1).
    # An empty patch leaves the crate as published (a start for redoing the changes).
    if [ -s "$patch" ]; then
        (cd "$work" && GIT_CEILING_DIRECTORIES="$DEST" git apply --whitespace=nowarn "$patch") \
            || { rm -rf "$work"; say "$(basename "$patch") does not apply to $1-$2"; exit 1; }
    fi
    echo "$1 $2 $3 $(sha256sum "$patch" | cut -d' ' -f1)" >"$work/.cloudlab-patched"
    rm -rf "${DEST:?}/$1"
    mv "$work" "$DEST/$1"
    say "$1 $2 + $(basename "$patch") → ${DEST#"$LITE"/}/$1"
done
