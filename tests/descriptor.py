"""A reader for the vendored protobuf descriptor of Ona's automations file (tests/data/ona/), just enough of the
protobuf wire format to list each message's fields, JSON names, types, oneofs and buf.validate rules.

Decoded by hand rather than with the `protobuf` package: the descriptor is 1.6 kB, only a dozen field numbers of
descriptor.proto and buf/validate/validate.proto matter, and buf's validate extensions would need their own
generated Python classes anyway.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple, Union

DESCRIPTOR = Path(__file__).parent / "data" / "ona" / "automations_file.mini.desc"

Value = Union[int, bytes]
# descriptor.proto: FieldDescriptorProto.Type numbers this file uses.
TYPES = {8: "bool", 9: "string", 11: "message"}
LABEL_REPEATED = 3
BUF_VALIDATE = 1159  # the extension number of (buf.validate.field) on FieldOptions


def fields(data: bytes) -> Iterator[tuple[int, Value]]:
    """(field number, value) of each field of one encoded message: varints as int, the rest as bytes."""
    index = 0
    while index < len(data):
        key, index = _varint(data, index)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, index = _varint(data, index)
            yield number, value
        elif wire == 2:
            size, index = _varint(data, index)
            yield number, data[index : index + size]
            index += size
        elif wire in (1, 5):
            width = 8 if wire == 1 else 4
            yield number, data[index : index + width]
            index += width
        else:
            raise ValueError(f"wire type {wire} is not used in descriptors")


def _varint(data: bytes, index: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = data[index]
        index += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, index
        shift += 7


def first(data: bytes, number: int) -> Value | None:
    return next((value for field, value in fields(data) if field == number), None)


def every(data: bytes, number: int) -> list[Value]:
    return [value for field, value in fields(data) if field == number]


class Field(NamedTuple):
    name: str
    json_name: str
    type: str  # "string", "bool", or the full name of a message (".gitpod.v1.RunsOn")
    repeated: bool
    oneof: int | None
    rules: bytes  # the encoded buf.validate.FieldRules, empty when there are none


class Message(NamedTuple):
    name: str  # full name, e.g. ".gitpod.v1.AutomationsFile.Task"
    fields: dict[str, Field]
    oneofs: list[str]
    map_entry: bool


def messages(data: bytes | None = None) -> dict[str, Message]:
    """Every message of the descriptor, nested ones included, by full name."""
    data = DESCRIPTOR.read_bytes() if data is None else data
    package = _text(first(data, 2))
    found: dict[str, Message] = {}
    for message in every(data, 4):
        _message(_bytes(message), f".{package}", found)
    return found


def _message(data: bytes, scope: str, found: dict[str, Message]) -> None:
    name = f"{scope}.{_text(first(data, 1))}"
    options = first(data, 7)
    map_entry = isinstance(options, bytes) and first(options, 7) == 1
    oneofs = [_text(first(_bytes(decl), 1)) for decl in every(data, 8)]
    found[name] = Message(name, {}, oneofs, map_entry)
    for encoded in every(data, 2):
        field = _field(_bytes(encoded))
        found[name].fields[field.name] = field
    for nested in every(data, 3):
        _message(_bytes(nested), name, found)


def _field(data: bytes) -> Field:
    kind = first(data, 5)
    options = first(data, 8)
    rules = first(options, BUF_VALIDATE) if isinstance(options, bytes) else None
    oneof = first(data, 9)
    return Field(
        name=_text(first(data, 1)),
        json_name=_text(first(data, 10)),
        type=_text(first(data, 6)) if kind == 11 else TYPES[int(kind or 0)],
        repeated=first(data, 4) == LABEL_REPEATED,
        oneof=int(oneof) if oneof is not None else None,
        rules=_bytes(rules) if rules is not None else b"",
    )


def _bytes(value: Value | None) -> bytes:
    assert isinstance(value, bytes), value
    return value


def _text(value: Value | None) -> str:
    return _bytes(value).decode() if value is not None else ""


def rule(rules: bytes, *path: int) -> list[Value]:
    """The values at a path of field numbers inside encoded rules: rule(r, 14, 2) is string.min_len."""
    current = [rules]
    for number in path[:-1]:
        current = [_bytes(value) for data in current for value in every(data, number)]
    return [value for data in current for value in every(data, path[-1])]
