"""A value of the wrong type: a list where a mapping belongs, a number where a string belongs, and so on.

Ona reads each field with one type. The most common cases have their own hints:

- `tasks` written as a list is the Gitpod Classic (`.gitpod.yml`) format; here tasks are a mapping from a key
  (the reference used by `dependsOn` and the CLI) to the task;
- `triggeredBy` and `dependsOn` take a list, even for one item: `triggeredBy: [manual]` (not a mapping such
  as `manual: true`);
- a task or service left empty (a bare `build:`) or an empty list item is null, which Ona's reader refuses
  (null is "not set" only for a field);
- a command given as a list of lines: write one block scalar (`command: |`) instead;
- a number or boolean where a string belongs: quote it (`name: "2024"`);
- an image written straight under `docker` (`runsOn: {docker: node:18}`): it goes under `image`,
  `runsOn: {docker: {image: node:18}}`.

Example:

    tasks:
      - name: build
        command: npm run build

Use instead:

    tasks:
      build:
        name: build
        command: npm run build

Fix: none.
"""

from __future__ import annotations

import re

from automations_lint.core.diagnostic import Finding, Path, Severity
from automations_lint.schema.errors import SchemaError
from automations_lint.source.paths import describe
from automations_lint.source.scalars import type_name

CODE = "AL103"
NAME = "wrong-type"
SEVERITY: Severity = "error"

_EXPECTED = {
    "string_type": "a string",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "bool_type": "true or false",
}
# GitHub Actions runner labels (runs-on: ubuntu-latest), written where Ona wants runsOn's mapping.
_GITHUB_RUNNER = re.compile(r"(?:ubuntu|windows|macos)-|self-hosted$")
_COMMAND_FIELDS = frozenset({"command", "start", "ready", "stop"})


def explain(error: SchemaError) -> Finding:
    expected = _EXPECTED.get(error.type, "another type")
    if error.input is None:
        # Null is "not set" for a field, so it is an error only where Ona's reader refuses it: a task or service
        # written as a bare `build:`, an empty list item. An empty value has no text to point at: show its key.
        message = f"{describe(error.loc)} is empty (null), and Ona's reader refuses it: it must be {expected}"
        on_key = bool(error.loc) and isinstance(error.loc[-1], str)
        return Finding(error.loc, message, hint=hint(error.loc, None, error.type), at="key" if on_key else "value")
    message = f"{describe(error.loc)} must be {expected}, got {type_name(error.input)}"
    return Finding(error.loc, message, hint=hint(error.loc, error.input, error.type))


def hint(path: Path, value: object, error_type: str) -> str | None:
    field = path[-1] if path else None
    if path == ("tasks",) and isinstance(value, list):
        return (
            "a list of tasks is the Gitpod Classic (.gitpod.yml) format; write tasks as a mapping from a key to "
            "each task: tasks: {build: {name: Build, command: make}}"
        )
    if path == ("services",) and isinstance(value, list):
        return (
            "write services as a mapping from a key to each service, not a list: "
            "services: {db: {name: Database, commands: {start: ...}}}"
        )
    if field in ("triggeredBy", "dependsOn", "environment") and isinstance(value, str):
        return f"write a list, even for one item: {field}: [{value}]"
    if field in ("triggeredBy", "dependsOn") and isinstance(value, dict):
        return f"write a list of names: {field}: [{', '.join(map(str, value))}]"
    if value is None and len(path) == 2 and path[0] in ("services", "tasks"):
        fields = "name and commands: {start: ...}" if path[0] == "services" else "name and command"
        return f"write its {fields} under it, indented, or delete it"
    if field in _COMMAND_FIELDS and isinstance(value, list):
        return f"write the lines as one block scalar: {field}: | (then one command per line)"
    if error_type == "string_type" and isinstance(value, (bool, int, float)):
        return "quote it to make it a string"
    if error_type == "bool_type" and isinstance(value, str):
        return "write true or false without quotes"
    if field == "machine":
        return "write machine: {} to run directly on the VM"
    if field == "docker" and isinstance(value, str):
        return f"name the image under it: docker: {{image: {value}}}"
    if field == "runsOn" and isinstance(value, str):
        container = "{docker: {image: ...}}" if _GITHUB_RUNNER.match(value) else f"{{docker: {{image: {value}}}}}"
        github = f'"{value}" is a GitHub Actions runner; ' if _GITHUB_RUNNER.match(value) else ""
        return f"{github}write runsOn: {container} for a container, or runsOn: {{machine: {{}}}} for the VM"
    return None
