#!/usr/bin/env bash
# Runs every ```text block of README.md as one cell through `cloudlab exec` (a fresh lab
# per block, as a new notebook would be) and fails if any block fails, so the README's
# examples keep working.
#
#   bash scripts/readme_cells.sh [README] [BIN]
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
README="${1:-$ROOT/README.md}"
BIN="${2:-${CLOUDLAB_BIN:-$ROOT/target/debug/cloudlab}}"
[ -x "$BIN" ] || { echo "no cloudlab binary at $BIN (cargo build first)"; exit 1; }

TMP="$(mktemp -d -t readme-cells.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT
# One file per block: block-N.txt, with the README line it starts on in block-N.line.
awk -v dir="$TMP" '
    /^```text[[:space:]]*$/ { n++; inblock = 1; file = dir "/block-" n ".txt"; printf "" > file; print NR > (dir "/block-" n ".line"); next }
    inblock && /^```[[:space:]]*$/ { inblock = 0; close(file); next }
    inblock { print >> file }
' "$README"

shopt -s nullglob
blocks=("$TMP"/block-*.txt)
if [ ${#blocks[@]} -eq 0 ]; then
    echo "no \`\`\`text blocks in $README"
    exit 1
fi
failed=0
for b in "${blocks[@]}"; do
    line="$(cat "${b%.txt}.line")"
    if "$BIN" exec - <"$b" >"$TMP/out" 2>&1; then
        echo "ok      README.md:$line ($(wc -l <"$b") lines)"
    else
        echo "FAILED  README.md:$line"
        sed 's/^/    /' "$b"
        echo "  output:"
        sed 's/^/    /' "$TMP/out" | tail -20
        failed=1
    fi
done
exit $failed
