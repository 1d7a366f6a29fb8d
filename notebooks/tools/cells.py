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

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.ko


def md(en: str, ko: str) -> Cell:
    """A Markdown cell with its English and Korean prose."""
    return Cell("markdown", en=textwrap.dedent(en).strip("\n"), ko=textwrap.dedent(ko).strip("\n"))


def code(source: str, *tags: str) -> Cell:
    """A code cell: cloudlab commands, the same in every language."""
    return Cell("code", source=textwrap.dedent(source).strip("\n"), tags=tuple(tags))
