"""A byte-order mark at the start of a later line: invisible in editors, fatal to Ona's reader.

A BOM (U+FEFF) is allowed as the file's first character. Files joined together, or a line pasted from one, can
carry another at the start of a line. libyaml, under this linter, skips it there; yaml.v3, under Ona, reads it as
text that starts a key and fails ("could not find expected ':'"), so Ona rejects the whole file. Inside a quoted
string that spans lines it is only a character, which both read as such.
"""

from __future__ import annotations

from automations_lint.core.diagnostic import Finding, Span
from automations_lint.source.source_map import SourceMap

_BOM = "\ufeff"


def finding(text: str, source_map: SourceMap) -> Finding | None:
    """The syntax finding for the first byte-order mark that begins a line after the first, or None."""
    quoted = [node.value for node in source_map.nodes() if node.style in ("'", '"')]
    line = 1
    start = 0
    for index, character in enumerate(text):
        if character == "\n" or (character == "\r" and text[index + 1 : index + 2] != "\n"):
            line += 1
            start = index + 1
        elif (
            character == _BOM
            and index == start
            and line > 1
            and not any(span.line < line <= span.end_line for span in quoted)
        ):
            message = (
                f"a byte-order mark (U+FEFF, invisible) starts line {line}: Ona's YAML reader takes it for text "
                "there and rejects the file"
            )
            hint = "delete it; only the file's first character may be one"
            return Finding((), message, hint=hint, span=Span(line, 1, line, 2))
    return None
