"""A bare `yes`, `no`, `on`, `off`, `y` or `n` where text is expected.

YAML 1.2 reads these as strings, but YAML 1.1 readers (including common Go YAML libraries) read them as booleans,
and Ona does not document which version it uses. A name `no` or a command `on` may then be rejected as "not a
string". Quoting makes the value a string in every version.

Example:

    tasks:
      confirm:
        name: yes
        command: ./confirm.sh

Use instead:

    tasks:
      confirm:
        name: "yes"
        command: ./confirm.sh

Fix: none.
"""

from __future__ import annotations

from collections.abc import Iterator

from automations_lint.core.diagnostic import Finding, Path, Severity
from automations_lint.rules.document import Automation, Document
from automations_lint.source.paths import describe

CODE = "AL407"
NAME = "yaml11-boolean"
SEVERITY: Severity = "warning"

_YAML11_BOOLEANS = frozenset({"y", "yes", "n", "no", "on", "off"})
_TEXT_FIELDS = ("name", "description", "command", "role", "readinessTimeout")
_LIST_FIELDS = ("dependsOn", "triggeredBy")


def check(document: Document) -> Iterator[Finding]:
    for automation in document.automations():
        for path in text_paths(automation):
            node = document.node(path)
            if node is not None and node.plain is not None and node.plain.lower() in _YAML11_BOOLEANS:
                yield Finding(
                    path,
                    f'{describe(path)} is the bare word "{node.plain}", which YAML 1.1 readers take for a boolean',
                    hint=f'quote it: "{node.plain}"',
                )


def text_paths(automation: Automation) -> Iterator[Path]:
    """The paths of the values that must be text."""
    for field in _TEXT_FIELDS:
        if isinstance(automation.fields.get(field), str):
            yield (*automation.path, field)
    for field in _LIST_FIELDS:
        for index, _item in automation.strings(field):
            yield (*automation.path, field, index)
    for path, _script in automation.scripts():
        if path[-2] == "commands":
            yield path
    docker = _docker(automation)
    if docker is not None:
        if isinstance(docker.get("image"), str):
            yield (*automation.path, "runsOn", "docker", "image")
        environment = docker.get("environment")
        if isinstance(environment, list):
            for index, item in enumerate(environment):
                if isinstance(item, str):
                    yield (*automation.path, "runsOn", "docker", "environment", index)


def _docker(automation: Automation) -> dict[str, object] | None:
    runs_on = automation.fields.get("runsOn")
    docker = runs_on.get("docker") if isinstance(runs_on, dict) else None
    return docker if isinstance(docker, dict) else None
