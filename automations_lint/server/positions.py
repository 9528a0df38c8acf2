"""Positions: the engine's 1-based spans (columns in characters) and the LSP's 0-based positions in the client's
code units (UTF-16 unless the client chose another encoding). The conversion happens here and nowhere else."""

from __future__ import annotations

from bisect import bisect_right

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from automations_lint.core.diagnostic import Span
from automations_lint.source.lines import LINE_BREAK


class Text:
    """One version of a file's text, with its lines as the loader counts them, and the client's position codec."""

    def __init__(self, text: str, codec: PositionCodec) -> None:
        self.text = text
        self.codec = codec
        self.lines = LINE_BREAK.split(text)
        self.starts = [0]
        for match in LINE_BREAK.finditer(text):
            self.starts.append(match.end())

    def range(self, span: Span) -> types.Range:
        """The LSP range of a 1-based engine span."""
        start = types.Position(line=span.line - 1, character=span.column - 1)
        end = types.Position(line=span.end_line - 1, character=span.end_column - 1)
        return self.codec.range_to_client_units(self.lines, types.Range(start=start, end=end))

    def point(self, position: types.Position) -> tuple[int, int]:
        """The 1-based line and character column of a client position (clamped into the text)."""
        line = min(max(position.line, 0), len(self.lines) - 1)
        wanted = types.Position(line=line, character=position.character)
        server = self.codec.position_from_client_units(self.lines, wanted)
        return line + 1, min(server.character, len(self.lines[line])) + 1

    def offset(self, position: types.Position) -> int:
        """The character offset of a client position."""
        line, column = self.point(position)
        return self.starts[line - 1] + column - 1

    def position_at(self, offset: int) -> types.Position:
        """The client position of a character offset."""
        index = bisect_right(self.starts, offset) - 1
        server = types.Position(line=index, character=offset - self.starts[index])
        return self.codec.position_to_client_units(self.lines, server)

    def range_of(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position_at(start), end=self.position_at(end))


def contains(span: Span, line: int, column: int) -> bool:
    """Whether the 1-based point lies in `span` (its end included: a cursor just after a word is on it)."""
    return (span.line, span.column) <= (line, column) <= (span.end_line, span.end_column)
