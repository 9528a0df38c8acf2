"""Text from files, file names and configuration, made safe to show: the one escaping helper every output uses.

A key, a value, a folder name or a TOML key can hold anything. Printed raw, an escape sequence could retitle or
clear the user's terminal, a line break could forge a diagnostic line or a GitHub workflow command, and a bidi
override could make the text read differently from what it is. printable() spells all of them out; readable()
only turns the lone surrogates of an undecodable file name into text every encoder accepts, for the machine
formats (JSON, SARIF, GitLab, JUnit), whose own escaping takes care of the rest.
"""

from __future__ import annotations

import functools
import re

# C0 controls (tab aside) including line breaks, DEL and C1; the bidi embeddings, overrides and isolates and the
# implicit marks; U+2028/U+2029, which some terminals and editors show as line breaks; lone surrogates.
_UNSAFE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with every unsafe character shown as an escape: `\\x1b`, `\\u202e`; an undecodable byte of a file
    name (Python's surrogateescape) as the byte it was, `\\xff`. Tabs stay."""
    return _UNSAFE.sub(_escape, text)


def readable(text: str) -> str:
    """`text` with lone surrogates shown as escapes, so that it encodes as UTF-8 (JSON, XML, a SARIF URI)."""
    return _SURROGATE.sub(_escape, text)


@functools.cache
def _json_unsafe() -> re.Pattern[str]:
    """What JSON does not escape but a terminal or a viewer acts on: DEL, C1, bidi controls, U+2028/U+2029.
    Compiled on first use: only the machine formats need it, and its class costs more to compile than the
    text output takes to print."""
    return re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_text(document: str) -> str:
    """JSON text (from json.dumps) with those characters written as \\u escapes: the same values, nothing raw."""
    return _json_unsafe().sub(lambda match: f"\\u{ord(match.group()):04x}", document)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
