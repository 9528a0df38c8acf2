"""The JSON Schema for editors, derived from the pydantic model (the one source of truth) and tuned for
yaml-language-server, the engine behind VS Code's YAML extension and most other editors' YAML support.

The schema declares draft-07: yaml-language-server's validator, completion and hover were built for draft-07,
its support for 2019-09 and 2020-12 is recent and partial, and JetBrains IDEs, monaco-yaml and SchemaStore all
handle draft-07 best. Pydantic writes 2020-12, so `$defs` become `definitions`.

Optional fields are `type: [X, "null"]`, not pydantic's `anyOf: [X, {type: "null"}]`: behind an `anyOf`,
yaml-language-server completes a field as a bare `key: ` (no `- ` for a list, no `start:` under `commands`) and
hover shows the title twice (`triggeredBy || triggeredBy`). An optional object is written out in place rather
than as a `$ref`, because draft-07 ignores every keyword beside a `$ref`, so `"null"` could not be added there.

It has no `$id`: the project has no public address to name it by, and editors find the schema by the path or
address the user gives them (a modeline or `yaml.schemas`); every `$ref` points inside the file.

Regenerate the committed file with `automations-lint schema --output schemas/automations.schema.json`;
tests/test_schema.py fails when it is stale.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

from automations_lint.schema import spec
from automations_lint.schema.spec import DURATION_PATTERN, KEY_PATTERN, ONE_OF, PROTO_NAMES

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
REGENERATE = "automations-lint schema --output schemas/automations.schema.json"

TRIGGER_DESCRIPTIONS = spec.TRIGGER_MEANINGS
# `null` is the empty `role:`, which Ona reads as unset: the enum must hold it now that the field is
# `type: ["string", "null"]`.
ROLE_DESCRIPTIONS: dict[str | None, str] = {role: text for role, text in spec.ROLE_MEANINGS.items()}
ROLE_DESCRIPTIONS[None] = "Not set (an empty `role:`), the same as leaving it out."

# A key under `services:` or `tasks:` completes to a whole new automation (yaml-language-server's defaultSnippets;
# `${n:...}` are the places Tab visits).
NEW_AUTOMATION = {
    "services": {
        "label": "new service",
        "description": "A service: its key, name, the command that keeps running, and when it starts.",
        "body": {
            "${1:key}": {
                "name": "${2:Name}",
                "commands": {"start": "${3:command that keeps running}"},
                "triggeredBy": ["${4:postDevcontainerStart}"],
            }
        },
    },
    "tasks": {
        "label": "new task",
        "description": "A task: its key, name, command, and when it runs.",
        "body": {"${1:key}": {"name": "${2:Name}", "command": "${3:command}", "triggeredBy": ["${4:manual}"]}},
    },
}

# Said instead of `Incorrect type. Expected "object(tasks) | null"` when a section is written as a list, the
# Gitpod Classic `.gitpod.yml` shape. Only the type check of the section itself can fail there (its keys have
# their own pattern message), so the message cannot hide another error.
SECTION_MESSAGES = {
    "services": "`services` is a mapping from each service's key to the service (`db:` with `name:` and "
    "`commands:` indented under it), not a list",
    "tasks": "`tasks` is a mapping from each task's key to the task (`build:` with `name:` and `command:` "
    "indented under it), not a list",
}

# Offered on completion of the field, so that the value's shape is clear before it is typed.
EXAMPLES = {"readinessTimeout": ["600s"]}

# Said by VS Code instead of "String does not match the pattern of ^[0-9]+(\.[0-9]{1,9})?s$".
PATTERN_MESSAGES = {
    KEY_PATTERN: "A key is 1 to 128 letters, digits, `_` or `-`.",
    DURATION_PATTERN: 'A duration in seconds with an "s", such as "600s" or "1.5s"; "0s" disables it.',
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07) of an automations file, with the annotations editors show."""
    # pydantic and the model take ~0.2 s to import: only when a schema is wanted, never at start-up
    from automations_lint.schema.model import AutomationsFile

    schema = AutomationsFile.model_json_schema(ref_template="#/definitions/{model}")
    schema["definitions"] = schema.pop("$defs")
    for node in list(_schemas(schema)):  # first the structure, so that the second pass sees the final tree
        _key_map(node)
        _protobuf_names(node)
    _one_of(schema["definitions"]["RunsOn"], ONE_OF["runsOn"])
    for node in list(_schemas(schema)):
        _nullable(node, schema["definitions"])
    _drop_unused(schema)
    for node in _schemas(schema):
        _annotate(node)
        _empty_object(node)
    for section, prop in schema["properties"].items():
        prop["defaultSnippets"] = [NEW_AUTOMATION[section]]
        prop["errorMessage"] = SECTION_MESSAGES[section]
    schema.update(
        {
            "$schema": DRAFT_07,
            "$comment": f"Generated from the automations-lint model; do not edit. Regenerate: {REGENERATE}",
            "title": "Ona automations file",
        }
    )
    return schema


def render() -> str:
    """The schema as committed: sorted keys (but a snippet's body in the order it is inserted), two-space indent,
    ASCII only, one trailing newline."""
    return json.dumps(_sorted(json_schema()), indent=2, ensure_ascii=True) + "\n"


def _sorted(node: Any) -> Any:
    """`node` with every mapping's keys sorted, except inside a defaultSnippets body: the editor inserts its keys
    in the order written, and `name` comes first in a task."""
    if isinstance(node, list):
        return [_sorted(item) for item in node]
    if not isinstance(node, dict):
        return node
    return {key: node[key] if key == "body" else _sorted(node[key]) for key in sorted(node)}


def _schemas(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every schema in `node`, itself included, following only the keywords pydantic emits (so that a property
    called "description" or "items" is never mistaken for a keyword)."""
    yield node
    for keyword in ("definitions", "properties", "patternProperties"):
        for child in node.get(keyword, {}).values():
            yield from _schemas(child)
    for keyword in ("items", "additionalProperties", "propertyNames"):
        if isinstance(node.get(keyword), dict):
            yield from _schemas(node[keyword])
    for child in node.get("anyOf", []):
        yield from _schemas(child)


def _annotate(node: dict[str, Any]) -> None:
    """Fix what pydantic writes for one schema's annotations: titles, defaults, editor-only hints."""
    for name, prop in node.get("properties", {}).items():
        # Pydantic's titles are mangled field names ("Triggeredby"); hover shows the name as written in YAML.
        prop["title"] = name
        # Every default is null ("not set"); completion would insert a literal `null` after the key.
        if "default" in prop and prop["default"] is None:
            del prop["default"]
        if name in EXAMPLES:
            prop["examples"] = EXAMPLES[name]
    if isinstance(node.get("description"), str):
        node["markdownDescription"] = node["description"]  # VS Code renders the `code` spans
    if "pattern" in node and node["pattern"] in PATTERN_MESSAGES:
        node["patternErrorMessage"] = PATTERN_MESSAGES[node["pattern"]]
    enum = node.get("enum")
    for descriptions in (TRIGGER_DESCRIPTIONS, ROLE_DESCRIPTIONS):
        if enum and all(value in descriptions for value in enum):
            node["enumDescriptions"] = [descriptions[value] for value in enum]
            node["markdownEnumDescriptions"] = node["enumDescriptions"]


def _nullable(node: dict[str, Any], definitions: dict[str, Any]) -> None:
    """Each optional field's `anyOf: [X, {type: "null"}]` becomes X with `"null"` added to its type (a `$ref` is
    written out in place first); the field's own title and description stay on top."""
    for prop in node.get("properties", {}).values():
        branches = prop.pop("anyOf", None)
        if branches is None:
            continue
        (branch,) = [option for option in branches if option != {"type": "null"}]
        if "$ref" in branch:
            branch = copy.deepcopy(definitions[branch["$ref"].removeprefix("#/definitions/")])
            _nullable(branch, definitions)  # the definition's own optional fields, e.g. RunsOn.docker
            _objects_only(branch)
        merged = {**branch, **prop, "type": [branch["type"], "null"]}
        if "enum" in merged:
            merged["enum"] = [*merged["enum"], None]
        prop.clear()
        prop.update(merged)


def _objects_only(branch: dict[str, Any]) -> None:
    """A `not` (RunsOn's oneof, a field given under both its names) holds for null, since `properties` and
    `required` ignore what is not an object, so it would reject null once the type admits it: it is made to speak
    of objects only."""
    for holder in [branch, *branch.get("allOf", [])]:
        if "not" in holder:
            holder["not"] = {"type": "object", **holder["not"]}


def _empty_object(node: dict[str, Any]) -> None:
    """An object with no fields (`machine`) completes as `machine: {}`: yaml-language-server inserts a snippet only
    where there is no `properties` (with `properties: {}` it inserts `machine:` and a new line), and without it
    `additionalProperties: false` still allows only `{}`."""
    for prop in node.get("properties", {}).values():
        if prop.get("properties") == {} and prop.get("additionalProperties") is False:
            del prop["properties"]
            prop["defaultSnippets"] = [{"label": "{}", "description": "An empty mapping.", "body": "^{}"}]


def _drop_unused(schema: dict[str, Any]) -> None:
    """The definitions no `$ref` names any more (those written out in place)."""
    text = json.dumps(schema)
    for name in list(schema["definitions"]):
        if f'"#/definitions/{name}"' not in text:
            del schema["definitions"][name]


def _protobuf_names(node: dict[str, Any]) -> None:
    """protojson reads a field under its protobuf name too (`triggered_by`), but not under both names at once.
    The protobuf name gets the same schema, a description that prefers the documented name, and no completion
    (`doNotSuggest`); giving both is invalid."""
    properties = node.get("properties", {})
    pairs = [(proto, name) for proto, name in PROTO_NAMES.items() if name in properties]
    for proto, name in pairs:
        alias = dict(properties[name])
        alias["description"] = f"The protobuf name of `{name}`, which Ona also reads; prefer `{name}`."
        alias["doNotSuggest"] = True
        properties[proto] = alias
    if pairs:
        node.setdefault("allOf", []).extend({"not": {"required": [name, proto]}} for proto, name in pairs)


def _one_of(node: dict[str, Any], members: tuple[str, ...]) -> None:
    """At most one member of a protobuf oneof is set (null is "not set")."""
    node["not"] = {"properties": {name: {"type": "object"} for name in members}, "required": list(members)}


def _key_map(node: dict[str, Any]) -> None:
    """Pydantic writes `dict[Key, V]` as patternProperties alone, which lets any other key through unchecked;
    the key rule is `propertyNames`, and every value is a V."""
    pattern_properties = node.pop("patternProperties", None)
    if pattern_properties is None:
        return
    ((pattern, value),) = pattern_properties.items()
    node["propertyNames"] = {"pattern": pattern}
    node["additionalProperties"] = value
