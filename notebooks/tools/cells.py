"""The two kinds of cell a notebook definition is made of."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field


@dataclass
class Cell:
    kind: str  # "markdown" or "code"
    en: str = ""
    ko: str = ""
    source: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)
    # nbgrader's cell metadata (solution / graded test cells); None for ordinary cells.
    nbgrader: dict | None = None

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.ko


def md(en: str, ko: str) -> Cell:
    """A Markdown cell with its English and Korean prose."""
    return Cell("markdown", en=textwrap.dedent(en).strip("\n"), ko=textwrap.dedent(ko).strip("\n"))


def code(source: str, *tags: str) -> Cell:
    """A code cell: cloudlab commands, the same in every language."""
    return Cell("code", source=textwrap.dedent(source).strip("\n"), tags=tuple(tags))


def solution(source: str, grade_id: str) -> Cell:
    """An exercise's answer cell: the answer sits between nbgrader's solution markers, so
    `nbgrader generate_assignment` blanks it in the student version (cloudlab comments
    start with `#`, so the markers are comments when the instructor version runs)."""
    body = textwrap.dedent(source).strip("\n")
    text = f"### BEGIN SOLUTION\n{body}\n### END SOLUTION"
    meta = {"grade": False, "grade_id": grade_id, "locked": False, "schema_version": 3, "solution": True, "task": False}
    return Cell("code", source=text, nbgrader=meta)


def check(visible: str, grade_id: str, points: int, hidden: str = "") -> Cell:
    """An exercise's graded test cell: `assert` lines the student sees, then hidden ones that
    `nbgrader generate_assignment` removes from the student version (autograde puts them
    back). A failing `assert` is an error output, which nbgrader scores 0."""
    text = textwrap.dedent(visible).strip("\n")
    if hidden:
        text += "\n### BEGIN HIDDEN TESTS\n" + textwrap.dedent(hidden).strip("\n") + "\n### END HIDDEN TESTS"
    meta = {"grade": True, "grade_id": grade_id, "locked": True, "points": points, "schema_version": 3, "solution": False, "task": False}
    return Cell("code", source=text, nbgrader=meta)
