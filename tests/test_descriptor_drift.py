"""Ona's own descriptor of the file (tests/data/ona/, see its ORIGIN.md) against the model, the prepared validator
and the exported JSON Schema: every message, field, JSON name, protobuf name, type, oneof and buf.validate rule.

When Ona changes the file, drop the new descriptor in tests/data/ona/ and run this test: each failure names what
changed. A rule this test does not know fails too, so a new kind of rule cannot slip through unseen.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from descriptor import DESCRIPTOR, Field, Message, messages, rule

from automations_lint.schema import fast_schema, spec
from automations_lint.schema.export import json_schema
from automations_lint.schema.model import AutomationsFile, Commands, Docker, Machine, RunsOn, Service, Task

MESSAGES = messages()
PACKAGE = ".gitpod.v1."
# The descriptor's messages -> the model's classes (the map entries stand for dict[key, value]).
CLASSES: dict[str, Any] = {
    "AutomationsFile": AutomationsFile,
    "AutomationsFile.Service": Service,
    "AutomationsFile.Task": Task,
    "RunsOn": RunsOn,
    "RunsOn.Docker": Docker,
    "RunsOn.Machine": Machine,
    "ServiceSpec.Commands": Commands,
}
_FILE = fast_schema.AUTOMATIONS_FILE
_SERVICE = _FILE.fields["services"][0].value  # type: ignore[union-attr]
_TASK = _FILE.fields["tasks"][0].value  # type: ignore[union-attr]
_RUNS_ON = _TASK.fields["runsOn"][0]  # type: ignore[union-attr]
SPECS: dict[str, Any] = {
    "AutomationsFile": _FILE,
    "AutomationsFile.Service": _SERVICE,
    "AutomationsFile.Task": _TASK,
    "RunsOn": _RUNS_ON,
    "RunsOn.Docker": _RUNS_ON.fields["docker"][0],
    "RunsOn.Machine": _RUNS_ON.fields["machine"][0],
    "ServiceSpec.Commands": _SERVICE.fields["commands"][0],
}
SCHEMA = json_schema()
_INLINE = SCHEMA["definitions"]["Task"]["properties"]  # the optional objects are written out where they are used
DEFINITIONS = {
    "AutomationsFile": SCHEMA,
    **SCHEMA["definitions"],
    "RunsOn": _INLINE["runsOn"],
    "Docker": _INLINE["runsOn"]["properties"]["docker"],
    "Machine": _INLINE["runsOn"]["properties"]["machine"],
    "Commands": SCHEMA["definitions"]["Service"]["properties"]["commands"],
}
# The rules this test knows, as paths of field numbers in buf.validate.FieldRules.
MIN_LEN = (14, 2)
STRING_IN = (14, 10)
ITEMS_IN = (18, 4, 14, 10)
KEYS_PATTERN = (19, 4, 14, 6)
DURATION_LTE_SECONDS = (21, 4, 1)
DURATION_GTE = (21, 6)
KNOWN_RULES = {MIN_LEN, STRING_IN, ITEMS_IN, KEYS_PATTERN, DURATION_LTE_SECONDS, DURATION_GTE}
# Which rule paths hold messages (decoded further); every other path is a rule value.
_NESTED = {(14,), (18,), (18, 4), (18, 4, 14), (19,), (19, 4), (19, 4, 14), (21,), (21, 4)}

MODELLED = sorted(CLASSES)


def short(name: str) -> str:
    return name.removeprefix(PACKAGE)


def definition(name: str) -> dict[str, Any]:
    return DEFINITIONS[CLASSES[name].__name__]  # type: ignore[no-any-return]


def non_null(schema: dict[str, Any]) -> dict[str, Any]:
    if isinstance(schema.get("type"), list):  # an optional field: type [X, "null"], an enum with null in it
        (kind,) = [name for name in schema["type"] if name != "null"]
        enum = {"enum": [value for value in schema["enum"] if value is not None]} if "enum" in schema else {}
        return {**schema, "type": kind, **enum}
    branches = [branch for branch in schema.get("anyOf", [schema]) if branch.get("type") != "null"]
    assert len(branches) == 1, schema
    return branches[0]  # type: ignore[no-any-return]


def rule_paths(rules: bytes, prefix: tuple[int, ...] = ()) -> set[tuple[int, ...]]:
    from descriptor import fields as wire_fields

    found: set[tuple[int, ...]] = set()
    for number, value in wire_fields(rules):
        path = (*prefix, number)
        if path in _NESTED and isinstance(value, bytes):
            found |= rule_paths(value, path) or {path}
        else:
            found.add(path)
    return found


def test_every_message_is_modelled() -> None:
    described = {short(name) for name, message in MESSAGES.items() if not message.map_entry and message.fields}
    described |= {short(name) for name, message in MESSAGES.items() if name.endswith(".Machine")}
    assert described == set(CLASSES), "messages added to or gone from the descriptor"


@pytest.mark.parametrize("name", MODELLED)
def test_fields_and_json_names(name: str) -> None:
    message = MESSAGES[PACKAGE + name]
    json_names = {field.json_name for field in message.fields.values()}
    assert set(CLASSES[name].model_fields) == json_names, "the model's fields"
    assert set(SPECS[name].fields) == json_names, "the prepared validator's fields"
    properties = set(definition(name).get("properties", {}))  # `machine` has none: `additionalProperties: false`
    assert properties == json_names | {f.name for f in message.fields.values()}, "the JSON Schema's properties"


@pytest.mark.parametrize("name", MODELLED)
def test_protobuf_names(name: str) -> None:
    """protojson reads each field under its protobuf name too: the model takes both, and spec.PROTO_NAMES lists
    every name that differs (the proto-field-name rule and its fix rely on it)."""
    for field in MESSAGES[PACKAGE + name].fields.values():
        alias = CLASSES[name].model_fields[field.json_name].validation_alias
        if field.name == field.json_name:
            assert alias is None, field.name
            assert field.name not in spec.PROTO_NAMES
        else:
            assert spec.PROTO_NAMES[field.name] == field.json_name
            assert alias is not None and alias.choices == [field.json_name, field.name]


def expected_type(field: Field) -> str:
    if field.type.startswith(PACKAGE):
        target = MESSAGES[field.type]
        return "map" if target.map_entry else "message"
    if field.type == ".google.protobuf.Duration":
        return "duration"
    return field.type


@pytest.mark.parametrize("name", MODELLED)
def test_types(name: str) -> None:
    message = MESSAGES[PACKAGE + name]
    for field in message.fields.values():
        kind = expected_type(field)
        fast, _required = SPECS[name].fields[field.json_name]
        schema = non_null(definition(name)["properties"][field.json_name])
        if field.repeated and kind != "map":
            assert isinstance(fast, fast_schema.ListOf), field.name
            assert schema["type"] == "array", field.name
            fast, schema, kind = fast.item, schema["items"], "string"
        if kind == "map":
            entry = MESSAGES[field.type]
            value = short(entry.fields["value"].type)
            assert isinstance(fast, fast_schema.MapOf) and fast.value is SPECS[value], field.name
            assert schema["additionalProperties"]["$ref"].endswith("/" + CLASSES[value].__name__), field.name
        elif kind == "message":
            assert fast is SPECS[short(field.type)], field.name
            assert schema is definition(short(field.type)) or schema == non_null(definition(short(field.type)))
        elif kind == "bool":
            assert isinstance(fast, fast_schema.Flag) and schema["type"] == "boolean", field.name
        else:  # a string, or a Duration in protojson's string form
            assert isinstance(fast, (fast_schema.Text, fast_schema.OneOf)), field.name
            assert schema["type"] == "string", field.name


@pytest.mark.parametrize("name", MODELLED)
def test_oneofs(name: str) -> None:
    message: Message = MESSAGES[PACKAGE + name]
    members = tuple(f.json_name for f in message.fields.values() if f.oneof is not None)
    assert SPECS[name].one_of == members
    assert CLASSES[name].one_of == members
    if members:
        assert spec.ONE_OF["runsOn"] == members  # the only oneof, the type of runsOn
        assert definition(name)["not"]["required"] == list(members)


@pytest.mark.parametrize("name", MODELLED)
def test_every_rule_is_one_this_test_knows(name: str) -> None:
    for field in MESSAGES[PACKAGE + name].fields.values():
        unknown = rule_paths(field.rules) - KNOWN_RULES
        assert not unknown, f"new buf.validate rules on {name}.{field.name}: {sorted(unknown)}"


def fields_with(path: tuple[int, ...]) -> list[tuple[str, Field, list[Any]]]:
    return [
        (name, field, rule(field.rules, *path))
        for name in MODELLED
        for field in MESSAGES[PACKAGE + name].fields.values()
        if field.rules and rule(field.rules, *path)
    ]


def test_min_len_means_required_and_non_empty() -> None:
    """min_len 1 on a proto3 string makes it required: absent and null both read as ""."""
    with_min_len = {(name, field.json_name) for name, field, _ in fields_with(MIN_LEN)}
    for name in MODELLED:
        for field in MESSAGES[PACKAGE + name].fields.values():
            fast, required = SPECS[name].fields[field.json_name]
            schema = definition(name)
            if (name, field.json_name) in with_min_len:
                [minimum] = rule(field.rules, *MIN_LEN)
                assert required and fast.min_length == minimum, field.name
                assert CLASSES[name].model_fields[field.json_name].is_required(), field.name
                assert field.json_name in schema["required"], field.name
                assert schema["properties"][field.json_name]["minLength"] == minimum, field.name
            else:
                assert not required, field.name
                assert field.json_name not in schema.get("required", []), field.name


def test_allowed_values() -> None:
    found = {(name, field.json_name): {v.decode() for v in values} for name, field, values in fields_with(STRING_IN)}
    assert found == {("AutomationsFile.Service", "role"): set(spec.ROLES)}
    assert set(SPECS["AutomationsFile.Service"].fields["role"][0].values) == set(spec.ROLES)
    assert set(non_null(definition("AutomationsFile.Service")["properties"]["role"])["enum"]) == set(spec.ROLES)


def test_triggers() -> None:
    """The descriptor's rule lists four triggers for services and tasks alike; beforeSnapshot on a task is the
    one value the linter accepts beyond it, with the disputed-trigger warning (spec.DISPUTED_TASK_TRIGGERS)."""
    found = {name: {v.decode() for v in values} for name, field, values in fields_with(ITEMS_IN)}
    assert set(found) == {"AutomationsFile.Service", "AutomationsFile.Task"}
    assert found["AutomationsFile.Service"] == set(spec.SERVICE_TRIGGERS)
    assert found["AutomationsFile.Task"] == set(spec.TASK_TRIGGERS) - set(spec.DISPUTED_TASK_TRIGGERS)
    for name, allowed in (
        ("AutomationsFile.Service", spec.SERVICE_TRIGGERS),
        ("AutomationsFile.Task", spec.TASK_TRIGGERS),
    ):
        assert set(SPECS[name].fields["triggeredBy"][0].item.values) == set(allowed)
        items = non_null(definition(name)["properties"]["triggeredBy"])["items"]
        assert set(items["enum"]) == set(allowed)


def test_key_pattern() -> None:
    found = {field.json_name: values[0].decode() for _, field, values in fields_with(KEYS_PATTERN)}
    assert found == {"services": spec.KEY_PATTERN, "tasks": spec.KEY_PATTERN}
    for section in ("services", "tasks"):
        assert _FILE.fields[section][0].key.pattern == spec.KEY_PATTERN.strip("^$")  # type: ignore[union-attr]
        assert non_null(SCHEMA["properties"][section])["propertyNames"]["pattern"] == spec.KEY_PATTERN


def test_readiness_timeout_range() -> None:
    [(name, field, [maximum])] = fields_with(DURATION_LTE_SECONDS)
    [(_, _, [minimum])] = fields_with(DURATION_GTE)
    assert (name, field.json_name) == ("AutomationsFile.Service", "readinessTimeout")
    assert maximum == spec.READINESS_TIMEOUT_MAX_SECONDS
    assert minimum == b""  # an empty Duration: 0s
    pattern = re.compile(spec.DURATION_PATTERN)
    assert SPECS[name].fields["readinessTimeout"][0].pattern == spec.DURATION_PATTERN.strip("^$")
    assert non_null(definition(name)["properties"]["readinessTimeout"])["pattern"] == spec.DURATION_PATTERN
    assert pattern.fullmatch(f"{maximum}s") and pattern.fullmatch(f"{maximum}.000000000s") and pattern.fullmatch("0s")
    assert not pattern.fullmatch(f"{maximum}.000000001s") and not pattern.fullmatch(f"{maximum + 1}s")
    assert not pattern.fullmatch("-0.000000001s") and pattern.fullmatch("-0s")


def test_a_changed_descriptor_shows() -> None:
    """The reader sees a change: a role renamed in the descriptor's bytes (same length, so the encoding holds)."""
    changed = messages(DESCRIPTOR.read_bytes().replace(b"ai-agent", b"ai-agenT"))
    role = changed[PACKAGE + "AutomationsFile.Service"].fields["role"]
    assert {value.decode() for value in rule(role.rules, *STRING_IN)} == {"", "default", "editor", "ai-agenT"}
