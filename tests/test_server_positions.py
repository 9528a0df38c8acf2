"""Positions between the engine (1-based, characters) and LSP clients (0-based, UTF-16 code units by default)."""

from __future__ import annotations

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from automations_lint.core.diagnostic import Span
from automations_lint.server.positions import Text

UTF16 = PositionCodec(encoding=types.PositionEncodingKind.Utf16)
# "😀" is one character, two UTF-16 code units: a column after it differs between the two counts.
SOURCE = 'tasks:\n  a:\n    name: "😀"\n    command: x\n'


def test_a_span_after_a_character_outside_the_bmp_counts_utf16_units() -> None:
    text = Text(SOURCE, UTF16)
    # the emoji itself: two code units wide
    assert text.range(Span(3, 12, 3, 13)) == types.Range(
        start=types.Position(line=2, character=11), end=types.Position(line=2, character=13)
    )
    # the closing quote after it: character column 13 (1-based) is UTF-16 column 13 (0-based: 12 + 1)
    assert text.range(Span(3, 13, 3, 14)) == types.Range(
        start=types.Position(line=2, character=13), end=types.Position(line=2, character=14)
    )
    assert text.point(types.Position(line=2, character=13)) == (3, 13)


def test_offsets_and_positions_agree() -> None:
    text = Text(SOURCE, UTF16)
    offset = SOURCE.index("command")
    assert text.position_at(offset) == types.Position(line=3, character=4)
    assert text.offset(types.Position(line=3, character=4)) == offset
