"""The exported JSON Schema as an editor user meets it: committed and current, a valid draft-07 schema, with a
title, a description and completion values everywhere yaml-language-server looks for them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft7Validator
from jsonschema.validators import validator_for

from automations_lint.cli.commands import cli
from automations_lint.schema.export import REGENERATE, json_schema, render
from automations_lint.schema.spec import DURATION_PATTERN, KEY_PATTERN, ROLES, SERVICE_TRIGGERS, TASK_TRIGGERS

COMMITTED = Path(__file__).parents[1] / "schemas" / "automations.schema.json"
SCHEMA = json_schema()
DEFINITIONS: dict[str, Any] = SCHEMA["definitions"]
VALIDATOR = Draft7Validator(SCHEMA)


def objects() -> Iterator[tuple[str, dict[str, Any]]]:
    """(dotted owner, schema) for every object of the file: the root, the definitions and the objects written out
    in place (a service's `commands`, a `runsOn` and its `docker` and `machine`)."""
    pending: list[tuple[str, dict[str, Any]]] = [("root", SCHEMA), *DEFINITIONS.items()]
    while pending:
        owner, node = pending.pop(0)
        yield owner, node
        for name, prop in node.get("properties", {}).items():
            if "properties" in prop:
                pending.append((f"{owner}.{name}", prop))


def properties() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(owner, field name, field schema) for every field of every object in the file."""
    for owner, node in objects():
        for name, prop in node.get("properties", {}).items():
            yield owner, name, prop


def nodes(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping anywhere in the schema."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from nodes(value)


def field(owner: str, name: str) -> dict[str, Any]:
    prop: dict[str, Any] = dict(objects())[owner]["properties"][name]
    return prop


def test_committed_schema_is_current() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == render(), f"the committed schema is stale; run: {REGENERATE}"


def test_output_is_deterministic_sorted_and_ends_with_one_newline() -> None:
    text = render()
    assert text == render()
    assert text.endswith("}\n")
    committed = json.loads(text)
    bodies = [snippet for node in nodes(committed) for snippet in node.get("defaultSnippets", [])]
    # A snippet's body keeps the order the editor inserts it in (a task's `name` first); all else is sorted.
    new = [snippet["body"] for snippet in bodies if snippet["label"].startswith("new ")]
    assert [next(iter(*body.values())) for body in new] == ["name", "name"]
    for snippet in bodies:
        snippet["body"] = "the body"
    without_bodies = json.dumps(committed, indent=2) + "\n"
    assert without_bodies == json.dumps(committed, indent=2, sort_keys=True) + "\n"


def test_schema_is_valid_against_the_draft_07_metaschema() -> None:
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert validator_for(SCHEMA) is Draft7Validator
    Draft7Validator.check_schema(SCHEMA)


def test_no_id_and_every_reference_inside_the_file() -> None:
    """No invented address: editors load the schema from a local path, and nothing in it points elsewhere."""
    assert "$id" not in SCHEMA
    assert all(node["$ref"].startswith("#/definitions/") for node in nodes(SCHEMA) if "$ref" in node)


def test_draft_07_shape_definitions_and_bare_refs() -> None:
    """Draft-07 has no `$defs`, and ignores every keyword beside a `$ref`: a description there would be lost."""
    assert "$defs" not in SCHEMA
    refs = [node for node in nodes(SCHEMA) if "$ref" in node]
    assert refs
    for node in refs:
        assert set(node) == {"$ref"}
        assert node["$ref"].removeprefix("#/definitions/") in DEFINITIONS
    # every definition is used: those of the optional objects are written out in place
    assert {node["$ref"].removeprefix("#/definitions/") for node in refs} == set(DEFINITIONS) == {"Service", "Task"}


def test_optional_fields_are_a_type_list_not_an_any_of() -> None:
    """Behind `anyOf: [X, {type: "null"}]`, yaml-language-server completes a bare `key: ` and doubles the hover
    title; `type: [X, "null"]` keeps one title and lets completion insert the value's shape."""
    assert not [node for node in nodes(SCHEMA) if "anyOf" in node or "oneOf" in node]
    owners = dict(objects())
    optional = 0
    for owner, name, prop in properties():
        if name in owners[owner].get("required", []):
            assert isinstance(prop["type"], str), (owner, name)  # a required field is never null
        else:
            assert prop["type"][1:] == ["null"] and len(prop["type"]) == 2, (owner, name)
            optional += 1
    assert optional >= 19  # the model's 19 optional fields, some written out under both a service and a task
    assert field("Service.commands", "start")["minLength"] == 1
    assert field("Service", "commands")["required"] == ["start"]


@pytest.mark.parametrize(
    ("owner", "name", "prop"), list(properties()), ids=[f"{owner}.{name}" for owner, name, _ in properties()]
)
def test_every_field_has_its_name_as_title_and_a_description_for_hover(
    owner: str, name: str, prop: dict[str, Any]
) -> None:
    assert prop["title"] == name
    assert len(prop["description"]) > 10
    assert prop["markdownDescription"] == prop["description"]
    # A null default would make completion insert `key: null`.
    assert "default" not in prop


def test_every_object_describes_itself_and_forbids_unknown_fields() -> None:
    for node in [SCHEMA, *DEFINITIONS.values()]:
        assert node["additionalProperties"] is False
        assert node["description"]
        assert node["markdownDescription"] == node["description"]


def test_services_and_tasks_keys_follow_the_key_pattern() -> None:
    for section, definition in (("services", "Service"), ("tasks", "Task")):
        mapping = field("root", section)
        assert mapping["propertyNames"]["pattern"] == KEY_PATTERN == "^[a-zA-Z0-9_-]{1,128}$"
        assert mapping["additionalProperties"] == {"$ref": f"#/definitions/{definition}"}
        assert "patternProperties" not in mapping


def test_service_triggers_exclude_before_snapshot_and_task_triggers_include_it() -> None:
    service = field("Service", "triggeredBy")["items"]
    task = field("Task", "triggeredBy")["items"]
    assert service["enum"] == list(SERVICE_TRIGGERS)
    assert "beforeSnapshot" not in service["enum"]
    assert task["enum"] == list(TASK_TRIGGERS)
    assert "beforeSnapshot" in task["enum"]
    for enum in (service, task):
        assert len(enum["enumDescriptions"]) == len(enum["enum"])
        assert all(enum["enumDescriptions"])


def test_roles_are_an_enum_with_a_description_for_each_value() -> None:
    role = field("Service", "role")
    assert role["enum"] == [*ROLES, None]  # null: the empty `role:`, read by Ona as unset
    assert len(role["enumDescriptions"]) == len(role["enum"])
    assert role["markdownEnumDescriptions"] == role["enumDescriptions"]
    assert len(set(role["enumDescriptions"])) == len(role["enum"])


def test_new_task_and_new_service_snippets_are_valid_once_filled_in() -> None:
    """The `defaultSnippets` offered under `tasks:` and `services:`: with their placeholders replaced by the
    defaults they show, each is a valid file, so the snippet never plants an error."""
    for section in ("services", "tasks"):
        (snippet,) = field("root", section)["defaultSnippets"]
        assert snippet["label"] == f"new {section[:-1]}"
        filled = json.loads(re.sub(r"\$\{\d+:([^}]*)\}", r"\1", json.dumps(snippet["body"])))
        assert VALIDATOR.is_valid({section: filled})
        assert list(filled) == ["key"]


def test_readiness_timeout_has_an_example_that_is_valid() -> None:
    timeout = field("Service", "readinessTimeout")
    assert timeout["examples"] == ["600s"]
    assert VALIDATOR.is_valid({"services": {"db": {"name": "DB", "readinessTimeout": "600s"}}})


def test_a_list_where_a_section_mapping_belongs_has_a_readable_message() -> None:
    for section in ("services", "tasks"):
        message = field("root", section)["errorMessage"]
        assert message.startswith(f"`{section}` is a mapping") and message.endswith("not a list")


def test_pattern_mismatches_explain_themselves() -> None:
    assert field("Service", "readinessTimeout")["pattern"] == DURATION_PATTERN
    for node in nodes(SCHEMA):
        if "pattern" in node:
            assert node["patternErrorMessage"]


@pytest.mark.parametrize(
    ("document", "valid"),
    [
        ({}, True),
        ({"services": None, "tasks": None}, True),  # an empty section: Ona reads null as unset
        ({"tasks": {"build": {"name": "Build", "command": "make", "triggeredBy": None}}}, True),
        ({"tasks": {"build": {"name": "Build", "command": None}}}, False),  # every task needs a command
        ({"tasks": {"build": {"name": "Build", "command": "make", "triggered_by": ["manual"]}}}, True),  # protobuf
        ({"tasks": {"build": {"name": "B", "command": "make", "triggered_by": None, "triggeredBy": None}}}, False),
        ({"tasks": {"b": {"name": "B", "command": "m", "runsOn": {"machine": {}, "docker": {"image": "x"}}}}}, False),
        ({"tasks": {"b": {"name": "B", "command": "make", "runsOn": {"machine": {}, "docker": None}}}}, True),
        ({"services": {"db": {"name": "DB", "commands": {"start": "postgres"}, "role": ""}}}, True),
        ({"tasks": {"seed": {"name": "Seed", "command": "x", "dependsOn": ["db"], "runsOn": {"machine": {}}}}}, True),
        ({"tasks": {"build": {"name": "Build", "triggers": ["manual"]}}}, False),  # the most common misspelling
        ({"tasks": [{"name": "Build", "init": "npm ci"}]}, False),  # Gitpod Classic
        ({"services": {"db": {"name": "DB", "start": "postgres"}}}, False),  # a field one level off
        ({"services": {"db": {"name": "DB", "triggeredBy": ["beforeSnapshot"]}}}, False),
        ({"tasks": {"warm": {"name": "Warm", "command": "x", "triggeredBy": ["beforeSnapshot"]}}}, True),
        ({"tasks": {"my build": {"name": "Build"}}}, False),
        ({"tasks": {"seed": {"name": "Seed", "runsOn": {"machine": {"image": "node"}}}}}, False),  # `{}` only
        ({"tasks": {"build": {"name": ""}}}, False),
        ({"tasks": {"build": {"command": "make"}}}, False),
        ({"services": {"db": {"name": "DB", "readinessTimeout": "10m"}}}, False),
        ({"services": {"db": {"name": "DB", "commands": {"ready": "pg_isready"}}}}, False),  # start is required
        ({"tasks": {"build": {"name": "Build", "prebuildRequiresSuccess": "yes"}}}, False),
    ],
)
def test_schema_verdicts_users_rely_on(document: dict[str, Any], valid: bool) -> None:
    assert VALIDATOR.is_valid(document) is valid


def test_cli_schema_prints_the_committed_schema() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    assert result.stdout == COMMITTED.read_text(encoding="utf-8")


def test_cli_schema_output_regenerates_the_file(tmp_path: Path) -> None:
    target = tmp_path / "automations.schema.json"
    target.write_text("stale", encoding="utf-8")
    result = CliRunner().invoke(cli, ["schema", "--output", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_bytes() == COMMITTED.read_bytes()


def test_cli_schema_output_to_a_missing_folder_exits_2_without_traceback(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "schema.json"
    result = CliRunner().invoke(cli, ["schema", "--output", str(target)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f'automations-lint: cannot write "{target}": ')
    assert "Traceback" not in result.output


def test_cli_help_lists_the_schema_command() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert "schema" in result.stdout


def test_registering_the_command_keeps_pydantic_off_the_start_up_path() -> None:
    code = "import sys, automations_lint.cli.commands; print('pydantic' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
