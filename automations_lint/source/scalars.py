"""How a YAML scalar becomes a value: as gopkg.in/yaml.v3, the library Ona's reader uses, resolves it.

yaml.v3 reads YAML 1.2's core schema with Go's number syntax on top: `yes`/`no`/`on`/`off` are strings, but
`1_000` (underscores are dropped), `0b101`, `0o17`, `0x1F` and the YAML 1.1 octal `017` are numbers, a number too
large for 64 bits is a float, and one too large for a float (`1e400`, a 30-digit hex) stays a string. A timestamp
(`2024-01-01`) is a string as a value but not as a key, which is why `is_string_key` exists.
"""

from __future__ import annotations

import re

STR_TAG = "tag:yaml.org,2002:str"
_CORE = "tag:yaml.org,2002:"
# Tags yaml.v3 knows on scalars: the value must fit them (`!!int abc` stops the reader). Any other tag is ignored
# and the plain text is read as a string.
KNOWN_SCALAR_TAGS = frozenset(
    _CORE + name for name in ("str", "int", "float", "bool", "null", "binary", "timestamp")
)
KNOWN_COLLECTION_TAGS = frozenset({_CORE + "map", _CORE + "seq"})

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})
_INFINITIES = {
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), float("inf")),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), float("-inf")),
}
_NANS = frozenset({".nan", ".NaN", ".NAN"})
# yaml.v3's yamlStyleFloat, and what Go's ParseFloat takes after a leading dot.
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_DOT_FLOAT = re.compile(r"\.[0-9]+(?:[eE][-+]?[0-9]+)?\Z")
# yaml.v3's parseTimestamp formats: a date, optionally with a time (after "T", "t" or spaces) and a zone.
_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?\Z"
)
_DIGITS = {2: "01", 8: "01234567", 10: "0123456789", 16: "0123456789abcdefABCDEF"}
_INT64 = 2**63
_UINT64 = 2**64
# Only these first characters can start a non-string plain scalar; everything else is a string at once.
_SPECIAL_FIRST = frozenset("0123456789+-.~nNtTfF")


def resolve_plain(text: str) -> object:
    """The value of an untagged plain scalar, as yaml.v3 reads it."""
    if text and text[0] not in _SPECIAL_FIRST:
        return text
    if text in _NULLS:
        return None
    if text in _TRUES:
        return True
    if text in _FALSES:
        return False
    if text in _INFINITIES:
        return _INFINITIES[text]
    if text in _NANS:
        return float("nan")
    if text[:1] == ".":
        return _go_float(text) if _DOT_FLOAT.match(text) else text
    if text[:1] in ("n", "N", "t", "T", "f", "F", "~"):
        return text
    return _number(text)


def _number(text: str) -> object:
    """A scalar that starts with a digit or a sign: an int, a float or (when neither fits) the text."""
    plain = text.replace("_", "")
    number = _go_int(plain)
    if number is not None:
        return number
    if _FLOAT.match(plain):
        return _go_float(plain)
    return text


def _go_int(text: str) -> int | None:
    """Go's strconv.ParseInt(text, 0, 64), then ParseUint(text, 0, 64): None when neither accepts it."""
    sign, digits = (-1, text[1:]) if text[:1] == "-" else (1, text[1:] if text[:1] == "+" else text)
    base = 10
    if len(digits) > 1 and digits[0] == "0":
        prefix = digits[1].lower()
        base, digits = {"x": (16, digits[2:]), "o": (8, digits[2:]), "b": (2, digits[2:])}.get(prefix, (8, digits[1:]))
    if not digits or len(digits) > 4000 or any(char not in _DIGITS[base] for char in digits):
        return None
    value = sign * int(digits, base)
    if -_INT64 <= value < _INT64 or (text[:1] not in ("+", "-") and value < _UINT64):
        return value
    return None


def _go_float(text: str) -> object:
    """Go's ParseFloat: a finite float, or the text itself when it overflows (yaml.v3 then keeps the string)."""
    value = float(text)
    return text if value in (float("inf"), float("-inf")) else value


def resolve_tagged(text: str, tag: str) -> tuple[bool, object]:
    """(True, value) for a scalar with a tag yaml.v3 knows, (False, text) when the text does not fit the tag."""
    if tag == STR_TAG:
        return True, text
    kind = tag.rsplit(":", 1)[1]
    if kind == "binary":
        import base64  # only for the rare !!binary: not on the start-up path
        import binascii

        try:
            return True, base64.b64decode(text.replace("\n", "").replace(" ", ""), validate=True).decode("latin-1")
        except (binascii.Error, ValueError):
            return False, text
    if kind == "timestamp":
        return _TIMESTAMP.match(text) is not None, text
    value = resolve_plain(text)
    fits = {
        "int": isinstance(value, int) and not isinstance(value, bool),
        "float": isinstance(value, (int, float)) and not isinstance(value, bool),
        "bool": isinstance(value, bool),
        "null": value is None,
    }[kind]
    if not fits:
        return False, text
    return True, float(value) if kind == "float" and isinstance(value, int) else value


def is_string_key(text: str, *, plain: bool, tag: str | None) -> bool:
    """Whether yaml.v3 reads this scalar key as a string: a key that is not (a number, a boolean, null, a
    timestamp, or a scalar under any tag but !!str) cannot become JSON, and Ona rejects the file."""
    if tag is not None and tag != "!":
        return tag == STR_TAG
    if not plain or (text and text[0] not in _SPECIAL_FIRST):
        return True
    return text == "<<" or (isinstance(resolve_plain(text), str) and _TIMESTAMP.match(text) is None)


def type_name(value: object) -> str:
    """How a YAML author would name the type of a loaded value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
