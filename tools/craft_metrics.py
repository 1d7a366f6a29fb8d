#!/usr/bin/env python3
"""Counts what issue 18 (one concept, one place) measures, for a tree of this repository:
lines of Rust in src/, error types, conversions between error types written by hand, public
items, and the largest files and functions. Run it on two checkouts to compare:

    python3 tools/craft_metrics.py            # this checkout
    python3 tools/craft_metrics.py /tmp/old   # another one

Counts are textual (a grep, not a compiler's view): good for before/after, not absolute.
"""

import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".") / "src"
files = sorted(root.rglob("*.rs"))


def strip_tests(text: str) -> str:
    """The text before a file's `#[cfg(test)] mod …` (tests live at the end of a file here)."""
    m = re.search(r"^#\[cfg\(test\)\]\s*\n\s*(pub(\(crate\))? )?mod \w+", text, re.M)
    return text[: m.start()] if m else text


total = 0
code = 0  # outside test files and test modules
error_types = []
from_impls = 0
hand_conversions = 0
pub_items = 0
crate_items = 0
sizes = []
longest_fns = []
for f in files:
    text = f.read_text()
    n = text.count("\n")
    total += n
    sizes.append((n, f.relative_to(root.parent)))
    if f.name == "tests.rs" or "/tests/" in str(f):
        continue
    body = strip_tests(text)
    code += body.count("\n")
    for m in re.finditer(r"^\s*pub(?:\(crate\))? (?:struct|enum) (\w*Error)\b", body, re.M):
        error_types.append(f"{f.relative_to(root.parent)}:{m.group(1)}")
    from_impls += len(re.findall(r"^\s*impl From<", body, re.M))
    # A model error rebuilt field by field as another error type.
    hand_conversions += len(re.findall(r"\w+Error::new\(\s*(?:e|err)\.code\s*,\s*(?:e|err)\.message", body))
    hand_conversions += len(re.findall(r"\w+Error\s*\{\s*code:\s*(?:e|err)\.code", body))
    pub_items += len(re.findall(r"^\s*pub (?:fn|struct|enum|trait|type|const|static|mod|use) ", body, re.M))
    crate_items += len(re.findall(r"^\s*pub\(crate\) (?:fn|struct|enum|trait|type|const|static|mod|use) ", body, re.M))
    # Function lengths: from a `fn` line to the closing brace at its indentation.
    lines = text.split("\n")
    for i, line in enumerate(lines):
        m = re.match(r"^(\s*)(?:pub(?:\([^)]*\))? )?(?:async )?fn (\w+)", line)
        if not m or line.rstrip().endswith(";"):
            continue
        indent = m.group(1)
        for j in range(i + 1, len(lines)):
            if lines[j] == indent + "}":
                longest_fns.append((j - i + 1, f"{f.relative_to(root.parent)}:{i + 1} {m.group(2)}"))
                break

print(f"src lines: {total} (outside tests: {code}) in {len(files)} files")
print(f"error types: {len(error_types)}")
for e in error_types:
    print(f"  {e}")
print(f"impl From: {from_impls}; hand-written field-by-field error conversions: {hand_conversions}")
print(f"pub items (outside tests): {pub_items}; pub(crate): {crate_items}")
print("largest files:")
for n, f in sorted(sizes, reverse=True)[:6]:
    print(f"  {n:5} {f}")
print("longest functions:")
for n, f in sorted(longest_fns, reverse=True)[:6]:
    print(f"  {n:5} {f}")
