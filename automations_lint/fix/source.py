"""What the fix makers read: the file's text and lines, its data, the source map, and what the loader noticed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from automations_lint.core.diagnostic import Path, RuleFinding, Span
from automations_lint.source.lines import Lines
from automations_lint.source.source_map import SourceMap


class Source:
    """The text of a file with what the fix makers need to find their way in it."""

    def __init__(self, lines: Lines, source_map: SourceMap, data: object, problems: Iterable[RuleFinding] = ()) -> None:
        self.text = lines.text
        self.lines = lines
        self.source_map = source_map
        self.data = data
        # The file's own line break (its first one): "\r" alone too, which old Mac editors write.
        first = re.search(r"\r\n|\r|\n", lines.text)
        self.newline = first.group() if first else "\n"
        # Keys written more than once: the source map knows only the last copy, so a fix of one would leave the
        # other behind (the loader reports every copy after the first, and the last copy is the one mapped).
        self.duplicate_keys = {
            problem.finding.span for problem in problems if problem.rule == "duplicate-key" and problem.finding.span
        }
        self._aliases: set[str] | None = None
        self.references: tuple[str, ...] | None = None

    def duplicated(self, path: Path) -> bool:
        """Whether the key that names `path` is written more than once in its mapping."""
        node = self.source_map.get(path)
        return node is not None and node.key in self.duplicate_keys

    def aliased(self, anchor: str) -> bool:
        """Whether an alias may refer to `anchor` (a `*name` anywhere; a false alarm only refuses a fix)."""
        if self._aliases is None:
            self._aliases = set(re.findall(r"\*([^\s,\[\]{}]+)", self.text))
        return anchor in self._aliases

    def offset(self, line: int, column: int) -> int:
        """The character offset of a 1-based line and column."""
        return self.lines.offset(line, column)

    def slice(self, span: Span) -> tuple[int, int]:
        return self.offset(span.line, span.column), self.offset(span.end_line, span.end_column)

    def line_range(self, first: int, last: int) -> tuple[int, int]:
        """Offsets of whole lines first..last (1-based), including the last line's break."""
        return self.lines.line_range(first, last)

    def value(self, path: Path) -> Any:
        current: Any = self.data
        for part in path:
            in_mapping = isinstance(current, dict) and isinstance(part, str) and part in current
            in_list = isinstance(current, list) and isinstance(part, int) and part < len(current)
            if not (in_mapping or in_list):
                return None
            current = current[part]
        return current
