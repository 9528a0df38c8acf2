"""Where each character of a scalar's value stands in the YAML source, for every scalar style.

A command written as a block scalar, a folded scalar or a quoted string loses its indentation, its quotes and
its escapes on the way into the value. To point at line 3 of a script, we replay how YAML built the value from
the source lines and keep the source position of every character. The replay is checked against the real value:
when the two differ (an unusual indentation indicator, a form we do not replay), we say the position is not exact
rather than guess.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from automations_lint.source.source_map import Node

Position = tuple[int, int]  # 1-based line and column

_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b",
    " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
# An anchor or a tag written before the scalar (`&cmd echo`, `!!str "x"`): the node's span starts at them.
_PROPERTIES = re.compile(r"(?:[&!][^ \t]*[ \t]+)*")


class ScalarMap(NamedTuple):
    """The source position of each character of a scalar's value."""

    positions: list[Position]
    start: Position
    exact: bool

    def position(self, offset: int) -> Position:
        """Where the value's character at `offset` is; the scalar's start when the map is not exact."""
        if not self.exact or not self.positions:
            return self.start
        return self.positions[min(max(offset, 0), len(self.positions) - 1)]


def scalar_map(lines: list[str], node: Node, value: str) -> ScalarMap:
    """Map `value`, read from the scalar at `node`, back onto `lines` (the source split at line breaks)."""
    start = (node.value.line, node.value.column)
    style = node.style
    replay: list[tuple[str, Position]] | None
    if style in ("|", ">"):
        replay = _block(lines, node, folded=style == ">")
    elif style in ("", "'", '"'):
        replay = _flow(lines, node, quote=style)
    else:
        replay = None
    if replay is None:
        return ScalarMap([], start, exact=False)
    text = "".join(char for char, _ in replay)
    if text.rstrip("\n") != value.rstrip("\n"):
        return ScalarMap([], start, exact=False)
    positions = [position for _, position in replay][: len(value)]
    while len(positions) < len(value):  # kept trailing newlines: they sit at the end of the last line
        positions.append(positions[-1] if positions else start)
    return ScalarMap(positions, start, exact=True)


def _block(lines: list[str], node: Node, *, folded: bool) -> list[tuple[str, Position]] | None:
    line = lines[node.value.line - 1]
    header = line[_after_properties(line, node.value.column - 1) + 1 :]  # after the | or >
    indicators = header.split("#", 1)[0].strip()
    if any(char.isdigit() for char in indicators):
        return None  # an explicit indentation indicator is relative to the parent: rare, so not replayed
    first, last = node.value.line, node.value.end_line  # 0-based index of the first content line, 1-based last
    content = lines[first:last]
    indent = next((len(line) - len(line.lstrip(" ")) for line in content if line.strip()), 0)
    out: list[tuple[str, Position]] = []
    previous: str | None = None  # "normal" or "more" (more-indented) for folding
    blanks: list[Position] = []
    for index, line in enumerate(content):
        number = first + index + 1
        text = line[indent:]
        end_of_line = (number, indent + len(text) + 1)
        if not text.strip():
            blanks.append((number, len(line) + 1))
            if not folded:
                out.append(("\n", end_of_line))
            continue
        kind = "more" if text[0] in " \t" else "normal"
        if folded and previous is not None:
            if previous == kind == "normal" and not blanks:
                out.append((" ", out[-1][1] if out else end_of_line))
            else:
                breaks = len(blanks) + (0 if previous == kind == "normal" else 1)
                out.extend(("\n", blanks[i] if i < len(blanks) else out[-1][1]) for i in range(breaks))
        blanks = []
        out.extend((char, (number, indent + column + 1)) for column, char in enumerate(text))
        if not folded:
            out.append(("\n", end_of_line))
        else:
            previous = kind
    return out


def _flow(lines: list[str], node: Node, *, quote: str) -> list[tuple[str, Position]] | None:
    """Plain, single- and double-quoted scalars: line folding, and quotes and escapes removed."""
    span = node.value
    out: list[tuple[str, Position]] = []
    skip_quote = 1 if quote else 0
    pending_blank_lines = 0
    for number in range(span.line, span.end_line + 1):
        line = lines[number - 1]
        begin = _after_properties(line, span.column - 1) + skip_quote if number == span.line else 0
        end = span.end_column - 1 - skip_quote if number == span.end_line else len(line)
        segment = line[begin:end]
        # Line folding: the break and the white space around it become one space, or the blank lines' breaks.
        stripped_left = len(segment) - len(segment.lstrip(" \t")) if number != span.line else 0
        text = segment[stripped_left:]
        if number != span.end_line:
            text = text.rstrip(" \t") if not (quote == '"' and text.endswith("\\")) else text
        column = begin + stripped_left
        if number != span.line:
            if not text:
                pending_blank_lines += 1
                continue
            if not (quote == '"' and out and out[-1][0] == "\\\n"):
                joiner = "\n" * pending_blank_lines if pending_blank_lines else " "
                out.extend((char, (number, column + 1)) for char in joiner)
            pending_blank_lines = 0
        if not _replay_line(out, text, number, column, quote):
            return None
    return [(char, position) for char, position in out if char != "\\\n"]


def _after_properties(line: str, index: int) -> int:
    """Where the scalar itself starts on `line`, skipping an anchor or tag that starts at `index`."""
    found = _PROPERTIES.match(line, index)
    return found.end() if found else index


def _replay_line(out: list[tuple[str, Position]], text: str, number: int, column: int, quote: str) -> bool:
    index = 0
    while index < len(text):
        char = text[index]
        position = (number, column + index + 1)
        if quote == "'" and text.startswith("''", index):
            out.append(("'", position))
            index += 2
            continue
        if quote == '"' and char == "\\":
            if index + 1 == len(text):
                out.append(("\\\n", position))  # an escaped line break: the lines join without a space
                return True
            code = text[index + 1]
            if code in _HEX_ESCAPES:
                digits = text[index + 2 : index + 2 + _HEX_ESCAPES[code]]
                try:
                    out.append((chr(int(digits, 16)), position))
                except ValueError:
                    return False
                index += 2 + len(digits)
                continue
            if code not in _ESCAPES:
                return False
            out.append((_ESCAPES[code], position))
            index += 2
            continue
        out.append((char, position))
        index += 1
    return True
