"""Where each key and value of the document stands in the source.

The parser's marks are 0-based; span_from_marks is the one place that turns them into 1-based spans (the builder
calls it for every node, yaml_errors for every syntax error), so no rule or reporter adds 1 to a parser's position.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from automations_lint.core.diagnostic import START_OF_FILE, Path, Span


class Node(NamedTuple):
    """The source facts of one value: its span, its key's span, and how it was written (a NamedTuple, as Span)."""

    value: Span
    key: Span | None = None
    # The scalar style as written: "" plain, "'" or '"' quoted, "|" or ">" block; None for collections.
    style: str | None = None
    # The raw text of a plain scalar (so rules can see `yes` behind a resolved True), None otherwise.
    plain: str | None = None


def span_from_marks(start_line: int, start_column: int, end_line: int, end_column: int) -> Span:
    """A 1-based span from 0-based parser marks (end exclusive), as every Span holds positions."""
    return Span(start_line + 1, start_column + 1, end_line + 1, end_column + 1)


class SourceMap:
    """Document path -> Node, with lookups that fall back to the nearest recorded ancestor.

    Values reached only through an alias have no entry of their own; they resolve to the alias's position.
    """

    def __init__(self) -> None:
        self._nodes: dict[Path, Node] = {}

    def __len__(self) -> int:
        return len(self._nodes)

    def add(self, path: Path, node: Node) -> None:
        self._nodes[path] = node

    def alias(self, path: Path, other: Path) -> None:
        """Make every node at or below `path` known under `other` too (a field read under another name)."""
        size = len(path)
        for known, node in list(self._nodes.items()):
            if known[:size] == path:
                self._nodes[other + known[size:]] = node

    def nodes(self) -> Iterable[Node]:
        """Every recorded node (an aliased one once per name it is known by)."""
        return self._nodes.values()

    def get(self, path: Path) -> Node | None:
        return self._nodes.get(path)

    def nearest(self, path: Path) -> tuple[Path, Node] | None:
        """The node of `path`, or of its closest ancestor that has one."""
        for cut in range(len(path), -1, -1):
            node = self._nodes.get(path[:cut])
            if node is not None:
                return path[:cut], node
        return None

    def value_span(self, path: Path) -> Span:
        found = self.nearest(path)
        return found[1].value if found else START_OF_FILE

    def key_span(self, path: Path) -> Span:
        """The span of the key that names `path`; a path without a key (root, list item) gives its value."""
        found = self.nearest(path)
        if found is None:
            return START_OF_FILE
        node = found[1]
        return node.key if node.key is not None else node.value
