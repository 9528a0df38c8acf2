"""How a YAML scalar becomes a Python value: the YAML 1.2 core schema, as Ona's loaders read it."""

from __future__ import annotations

import re

STR_TAG = "tag:yaml.org,2002:str"
# Tags that only restate what the core schema does; anything else is reported and read as if untagged.
KNOWN_SCALAR_TAGS = frozenset(
    {STR_TAG, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"}
)
KNOWN_COLLECTION_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)\Z")
# Only these first characters can start a non-string plain scalar; everything else is a string at once.
_SPECIAL_FIRST = frozenset("0123456789+-.~nNtTfF")


def resolve_plain(text: str) -> object:
    """The value of an untagged plain scalar."""
    if text and text[0] not in _SPECIAL_FIRST:
        return text
    if text in _NULLS:
        return None
    if text in _TRUES:
        return True
    if text in _FALSES:
        return False
    if _INT.match(text):
        # Python refuses int() of more than 4,300 decimal digits; such a scalar is still a number (an infinite one).
        return int(text) if len(text) <= 4000 else float(text)
    if _OCT.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.match(text):
        return float("nan")
    return text


def resolve_tagged(text: str, tag: str) -> tuple[bool, object]:
    """(True, value) for a scalar with an explicit core tag, (False, text) when the text does not fit the tag."""
    if tag == STR_TAG:
        return True, text
    value = resolve_plain(text)
    kind = tag.rsplit(":", 1)[1]
    fits = {
        "int": (isinstance(value, int) and not isinstance(value, bool)) or _INT.match(text) is not None,
        "float": isinstance(value, (int, float)) and not isinstance(value, bool),
        "bool": isinstance(value, bool),
        "null": value is None,
    }[kind]
    if not fits:
        return False, text
    return True, float(value) if kind == "float" and isinstance(value, int) else value


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
