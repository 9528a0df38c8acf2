"""Where a diagnostic ends when its value spans lines: the text frame draws such a span to the end of its first
line, so only the position itself (JSON, the editor's squiggle) shows the end; these pin it."""

from __future__ import annotations

from automations_lint import lint_text

BLOCK_VALUES = (
    "tasks:\n"
    "  build:\n"
    "    name: Build\n"
    "    command: make\n"
    "    dependsOn: |\n"
    "      generate\n"
    "      lint\n"
    "  lint:\n"
    "    name: Lint\n"
    "    command: make lint\n"
    "    description:\n"
    "      - one\n"
    "      - two\n"
)


def spans(text: str) -> list[tuple[int, int, int, int, str]]:
    return [(d.line, d.column, d.end_line, d.end_column, d.name) for d in lint_text(text)]


def test_a_block_scalar_and_a_block_collection_end_after_the_last_character_of_their_last_line() -> None:
    # A block value ends where the next line starts, to the parser; a reader sees it end after "lint" and "two".
    assert spans(BLOCK_VALUES) == [(5, 16, 7, 11, "wrong-type"), (12, 7, 13, 12, "wrong-type")]


def test_a_collection_that_ends_with_a_block_scalar_ends_where_the_scalar_does() -> None:
    text = "tasks:\n  lint:\n    name: Lint\n    command: make\n    description:\n      - one\n      - |\n        two\n"
    assert spans(text) == [(6, 7, 8, 12, "wrong-type")]
    # At the end of a file without a final line break, too.
    assert spans(text.rstrip("\n")) == [(6, 7, 8, 12, "wrong-type")]
