"""The strict model as a prepared validator: the same verdicts and errors as `model.AutomationsFile`, without
importing pydantic or building its classes on every start (about 250 ms of a 67-line file's 300).

It reports errors in pydantic's shape (type, loc, input), so the schema rules explain both alike, and a
differential test (tests/test_fast_schema.py) checks on generated documents that both give the same errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple, Union

from automations_lint.core.diagnostic import Path
from automations_lint.schema import spec
from automations_lint.schema.errors import SchemaError


class Text(NamedTuple):
    min_length: int = 0
    # Matched against the whole string, as pydantic's (Rust) regex does with ^...$: a trailing newline fails.
    pattern: str | None = None


class Flag(NamedTuple):
    pass


class OneOf(NamedTuple):
    values: tuple[str, ...]


class ListOf(NamedTuple):
    item: Spec


class MapOf(NamedTuple):
    key: Text
    value: Spec


class Model(NamedTuple):
    # name -> (spec, required); optional fields also accept null, as the model's Optional[...] does.
    fields: dict[str, tuple[Spec, bool]]
    # At most one of these may be set (a protobuf oneof; null is "not set").
    one_of: tuple[str, ...] = ()


Spec = Union[Text, Flag, OneOf, ListOf, MapOf, Model]

_DOCKER = Model({"image": (Text(min_length=1), True), "environment": (ListOf(Text()), False)})
_RUNS_ON = Model({"docker": (_DOCKER, False), "machine": (Model({}), False)}, one_of=spec.ONE_OF["runsOn"])
_KEY = Text(pattern=spec.KEY_PATTERN.strip("^$"))
_SERVICE = Model(
    {
        "name": (Text(min_length=1), True),
        "description": (Text(), False),
        "role": (OneOf(spec.ROLES), False),
        "commands": (
            Model({"start": (Text(min_length=1), True), "ready": (Text(), False), "stop": (Text(), False)}),
            False,
        ),
        "runsOn": (_RUNS_ON, False),
        "triggeredBy": (ListOf(OneOf(spec.SERVICE_TRIGGERS)), False),
        "readinessTimeout": (Text(pattern=spec.DURATION_PATTERN.strip("^$")), False),
    }
)
_TASK = Model(
    {
        "name": (Text(min_length=1), True),
        "description": (Text(), False),
        "command": (Text(min_length=1), True),
        "dependsOn": (ListOf(Text()), False),
        "runsOn": (_RUNS_ON, False),
        "triggeredBy": (ListOf(OneOf(spec.TASK_TRIGGERS)), False),
        "prebuildRequiresSuccess": (Flag(), False),
    }
)
AUTOMATIONS_FILE = Model({"services": (MapOf(_KEY, _SERVICE), False), "tasks": (MapOf(_KEY, _TASK), False)})
_COMPILED: dict[str, re.Pattern[str]] = {}
# JSON name -> protobuf name, for the fields whose names differ: protojson reads either.
_PROTO_NAME = {json_name: proto_name for proto_name, json_name in spec.PROTO_NAMES.items()}


def conflict(fields: Iterable[str], one_of: Iterable[str], data: dict[str, object]) -> tuple[str, str] | None:
    """The first two keys of `data` that Ona refuses together: a field under both of its names (even when one is
    null: protojson's "duplicate field"), or two members of a oneof that are both set."""
    for name in fields:
        proto = _PROTO_NAME.get(name)
        if proto is not None and name in data and proto in data:
            return name, proto
    present = [name for name in one_of if data.get(name) is not None]
    return (present[0], present[1]) if len(present) > 1 else None


def field_key(name: str, data: dict[str, object]) -> str:
    """The key under which `data` gives the field `name`: its JSON name, or else its protobuf name."""
    proto = _PROTO_NAME.get(name)
    return proto if proto is not None and name not in data and proto in data else name


def schema_errors(data: object) -> list[SchemaError]:
    """Every way `data` breaks the model, as pydantic would list them."""
    return list(_check(AUTOMATIONS_FILE, data, ()))


def _check(rule: Spec, value: object, loc: Path) -> Iterator[SchemaError]:
    if isinstance(rule, Model):
        yield from _check_model(rule, value, loc)
    elif isinstance(rule, MapOf):
        if not isinstance(value, dict):
            yield SchemaError("dict_type", loc, value, {})
            return
        for key, item in value.items():
            yield from (
                SchemaError(error.type, (*loc, key, "[key]"), error.input, error.ctx)
                for error in _check(rule.key, key, (*loc, key))
            )
            yield from _check(rule.value, item, (*loc, key))
    elif isinstance(rule, ListOf):
        if not isinstance(value, list):
            yield SchemaError("list_type", loc, value, {})
            return
        for index, item in enumerate(value):
            yield from _check(rule.item, item, (*loc, index))
    elif isinstance(rule, OneOf):
        if not (isinstance(value, str) and value in rule.values):
            yield SchemaError("literal_error", loc, value, {})
    elif isinstance(rule, Flag):
        if not isinstance(value, bool):
            yield SchemaError("bool_type", loc, value, {})
    else:
        yield from _check_text(rule, value, loc)


def _check_model(rule: Model, value: object, loc: Path) -> Iterator[SchemaError]:
    if not isinstance(value, dict):
        yield SchemaError("model_type", loc, value, {})
        return
    pair = conflict(rule.fields, rule.one_of, value)
    if pair is not None:  # checked before the fields, as the model's "before" validator does
        yield SchemaError("conflicting_fields", loc, value, {"first": pair[0], "second": pair[1]})
        return
    known = set(rule.fields)
    for name, (field_rule, required) in rule.fields.items():
        key = field_key(name, value)
        known.add(key)
        if key not in value:
            if required:
                yield SchemaError("missing", (*loc, name), value, {})
        elif value[key] is not None or required:
            yield from _check(field_rule, value[key], (*loc, key))
    for name in value:
        if name not in known:
            yield SchemaError("extra_forbidden", (*loc, name), value[name], {})


def _check_text(rule: Text, value: object, loc: Path) -> Iterator[SchemaError]:
    if not isinstance(value, str):
        yield SchemaError("string_type", loc, value, {})
    elif len(value) < rule.min_length:
        yield SchemaError("string_too_short", loc, value, {"min_length": rule.min_length})
    elif rule.pattern is not None:
        compiled = _COMPILED.get(rule.pattern)
        if compiled is None:
            compiled = _COMPILED[rule.pattern] = re.compile(rule.pattern)
        if compiled.fullmatch(value) is None:
            yield SchemaError("string_pattern_mismatch", loc, value, {"pattern": rule.pattern})
