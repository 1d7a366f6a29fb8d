#!/usr/bin/env python3
"""The library's top-level module graph, from its `crate::…` paths; fails on a cycle.

    python3 tools/import_graph.py [SRC_DIR]

Walks the module tree from src/lib.rs (following `mod x;`), leaving out test code:
modules and items marked `#[cfg(test)]`, and files named `tests.rs`. In what is left
(comments and string literals removed) every `crate::NAME` (also `crate::{A, B}` and
`super::` paths that reach the crate root) is an edge from the file's top-level module
to NAME. Prints each module with what it uses, then checks:

- no cycle among the top-level modules;
- `model` (plain data and rules) uses none of `render`, `kernel`, `session`, `command`,
  `rust_cell`, `notebook`, `tables`.

Exit status 1 names the cycle or the forbidden edge (with a file that makes it).
"""

import os
import re
import sys

# Modules `model` must never use: it neither renders, nor speaks Jupyter, nor parses commands.
MODEL_MUST_NOT_USE = ["render", "kernel", "session", "command", "rust_cell", "notebook", "tables"]


def strip_code(text):
    """`text` with comments, string and char literals blanked (newlines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    if text[i] == "\n":
                        out.append("\n")
                    i += 1
        elif re.match(r'b?r(#*)"', text[i:i + 130]) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'b?r(#*)"', text[i:])
            end = text.find('"' + m.group(1), i + m.end())
            end = n if end < 0 else end + 1 + len(m.group(1))
            out.append('""' + "\n" * text.count("\n", i, end))
            i = end
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append('""' + "\n" * text.count("\n", i, j))
            i = j + 1
        elif c == "'":
            # A char literal ('x', '\n', '\u{1F600}', '{'), else a lifetime ('a).
            m = re.match(r"'(\\u\{[0-9a-fA-F]+\}|\\.|[^\\'])'", text[i:i + 12])
            if m:
                out.append("' '")
                i += m.end()
            else:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def block_end(code, i):
    """The index after the item starting at `i`: its `;`, or its matching `}`."""
    depth = 0
    while i < len(code):
        c = code[i]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == ";" and depth == 0:
            return i + 1
        elif c == "{":
            depth2, i = 1, i + 1
            while i < len(code) and depth2:
                depth2 += {"{": 1, "}": -1}.get(code[i], 0)
                i += 1
            # `mod x { … }`, `fn f() { … }`: the block ends the item (`… };` too).
            return i + 1 if code[i:i + 1] == ";" else i
        i += 1
    return i


CFG_TEST = re.compile(r"#\[cfg\(\s*(test|all\(\s*test\b[^\]]*)\)\]")


def without_test_items(code):
    """`code` without the items marked `#[cfg(test)]`; and the `mod x;` they declared."""
    kept, test_mods, i = [], set(), 0
    for m in CFG_TEST.finditer(code):
        if m.start() < i:
            continue
        kept.append(code[i:m.start()])
        j = m.end()
        # Further attributes of the same item.
        while True:
            a = re.match(r"\s*#\[", code[j:])
            if not a:
                break
            j = code.find("]", j + a.end()) + 1
        decl = re.match(r"\s*(pub(\([^)]*\))?\s+)?mod\s+(\w+)\s*;", code[j:])
        if decl:
            test_mods.add(decl.group(3))
        end = block_end(code, j)
        kept.append("\n" * code.count("\n", m.start(), end))
        i = end
    kept.append(code[i:])
    return "".join(kept), test_mods


def module_files(src):
    """(module path, file) for every non-test module file reachable from lib.rs."""
    todo = [((), os.path.join(src, "lib.rs"))]
    while todo:
        path, f = todo.pop()
        yield path, f
        code, test_mods = without_test_items(strip_code(open(f, encoding="utf-8").read()))
        here = os.path.dirname(f)
        if not (f.endswith("lib.rs") or f.endswith("mod.rs")):
            here = os.path.join(here, os.path.basename(f)[:-3])
        for m in re.finditer(r"(?m)^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;", code):
            name = m.group(1)
            if name in test_mods or name == "tests":
                continue
            for cand in (os.path.join(here, name + ".rs"), os.path.join(here, name, "mod.rs")):
                if os.path.exists(cand):
                    todo.append((path + (name,), cand))
                    break


def uses(path, code):
    """The crate's top-level modules `code` (of module `path`) names."""
    found = set()
    for m in re.finditer(r"\bcrate\s*::\s*(\{[^}]*\}|\w+)", code):
        t = m.group(1)
        if t.startswith("{"):
            found.update(re.findall(r"(?:^|[{,])\s*(\w+)", t))
        else:
            found.add(t)
    # `super::…` that climbs to the crate root from this file's module.
    for m in re.finditer(r"\b((?:super\s*::\s*)+)(\w+)", code):
        ups = m.group(1).count("super")
        if ups == len(path):
            found.add(m.group(2))
    return found


def graph(src):
    edges, why = {}, {}
    for path, f in module_files(src):
        if not path or os.path.basename(f) == "tests.rs":
            continue
        top = path[0]
        edges.setdefault(top, set())
        code, _ = without_test_items(strip_code(open(f, encoding="utf-8").read()))
        for used in uses(path, code):
            if used != top and used not in ("self", "super", "crate"):
                edges[top].add(used)
                why.setdefault((top, used), os.path.relpath(f, os.path.dirname(src)))
    # Only edges to modules of the crate (a `crate::Lab` re-export names lab's type).
    for a in edges:
        edges[a] = {b for b in edges[a] if b in edges}
    return edges, why


def cycles(edges):
    """The strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = n[0]
        n[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
    src = os.path.normpath(src)
    edges, why = graph(src)
    print("top-level modules of the library (test code left out) and what each uses:")
    for a in sorted(edges):
        print(f"  {a:<10} -> {', '.join(sorted(edges[a])) or '(nothing)'}")
    bad = 0
    for comp in cycles(edges):
        bad = 1
        print(f"CYCLE among {', '.join(comp)}:", file=sys.stderr)
        for a in comp:
            for b in sorted(edges[a] & set(comp)):
                print(f"  {a} -> {b}  ({why[(a, b)]})", file=sys.stderr)
    for b in MODEL_MUST_NOT_USE:
        if b in edges.get("model", ()):
            bad = 1
            print(f"model uses {b} ({why[('model', b)]}): the model never renders, parses or speaks Jupyter",
                  file=sys.stderr)
    print("no cycle" if not bad else "FAILED", file=sys.stderr if bad else sys.stdout)
    return bad


if __name__ == "__main__":
    sys.exit(main())
