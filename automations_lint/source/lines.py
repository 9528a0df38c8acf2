"""A file's text and where its lines begin: made once per file and shared by the loader, the rules, the fix makers,
suppressions and the reporters, so that every part counts lines the same way.

Lines end as yaml.v3 and libyaml end them: "\\r\\n", "\\r", "\\n", NEL, and the Unicode line and paragraph
separators. Positions given to and taken from this class are 1-based, as every Span is."""

from __future__ import annotations

import re

LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


class Lines:
    """The text, its lines (without their breaks) and the offset where each line starts, each worked out once
    and only when first asked for. (A plain class with slots: nothing on the start-up path defines a dataclass.)"""

    __slots__ = ("_lines", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: list[str] | None = None
        self._starts: list[int] | None = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lines) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return f"Lines({self.text!r})" if len(self.text) <= 60 else f"Lines(<{len(self.text)} characters>)"

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = LINE_BREAK.split(self.text)
        return self._lines

    @property
    def starts(self) -> list[int]:
        """The offset of the first character of each line."""
        if self._starts is None:
            self._starts = [0, *(match.end() for match in LINE_BREAK.finditer(self.text))]
        return self._starts

    def line(self, number: int) -> str:
        """Line `number` (1-based), or "" past the end."""
        lines = self.lines
        return lines[number - 1] if 0 < number <= len(lines) else ""

    def offset(self, line: int, column: int) -> int:
        """The character offset of a 1-based line and column."""
        return self.starts[line - 1] + column - 1

    def line_range(self, first: int, last: int) -> tuple[int, int]:
        """Offsets of whole lines first..last (1-based), including the last line's break."""
        starts = self.starts
        end = starts[last] if last < len(starts) else len(self.text)
        return starts[first - 1], end
