"""A field that Ona does not know: Ona rejects the whole file.

Ona reads the file strictly: one unknown field anywhere, and no service or task starts. The hint names the field
you most likely meant, or explains the common mix-ups:

- `start`, `ready` or `stop` written directly on a service belong under `commands:`;
- a task has one `command:`, not `commands:`;
- `triggers`, `triggerBy` and `triggered_by` are `triggeredBy`; `dependencies` and `depends_on` are `dependsOn`;
- habits from other CI formats: `run:` or `script:` is a task's `command` or a service's `commands.start`,
  `steps:` is one block-scalar command (or several tasks), `env:` or `environment:` is
  `runsOn.docker.environment`, and GitHub's `runs-on: ubuntu-latest` has no counterpart (Ona runs automations
  in the environment);
- `init`, `before`, `ports` and `ready-on` are Gitpod Classic (`.gitpod.yml`) fields with no place here;
- `version`, `automations` and `settings` at the top level are invented formats: the file has only `services`
  and `tasks`.

Example:

    tasks:
      build:
        name: Build
        command: npm run build
        triggers:
          - postEnvironmentStart

Use instead:

    tasks:
      build:
        name: Build
        command: npm run build
        triggeredBy:
          - postEnvironmentStart

Fix: safe (`check --fix`): renames `triggers`, `triggerBy`, `trigger_by` and `triggered_by` to `triggeredBy`,
`dependencies` and `depends_on` to `dependsOn`, and `runs_on` to `runsOn` (not when the right name is already
there), and moves `start`, `ready` and `stop` written directly on a service under `commands:`. Other unknown
fields have no fix.
"""

from __future__ import annotations

from automations_lint.core.diagnostic import Finding, Path, Severity
from automations_lint.core.suggest import closest, quoted_list
from automations_lint.schema import spec
from automations_lint.schema.errors import SchemaError
from automations_lint.source.paths import container

CODE = "AL101"
NAME = "unknown-field"
SEVERITY: Severity = "error"

_RENAMES = {
    **dict.fromkeys(
        ("triggers", "trigger", "triggerBy", "triggeredby", "triggered_by", "trigger_by", "triggered-by", "on"),
        "triggeredBy",
    ),
    **dict.fromkeys(("dependencies", "depends_on", "dependson", "depends", "needs", "depends-on"), "dependsOn"),
    **dict.fromkeys(("runs_on", "runson", "runs-on"), "runsOn"),
}
_CLASSIC = {
    "init": 'use a task triggered by "prebuild" or "postDevcontainerStart" for one-time setup',
    "before": "put the commands at the start of the task's or service's own command",
    "ports": "ports are not declared in automations.yaml",
    "ready-on": 'use "commands.ready" with a probe that exits 0 once the service is ready',
    "ready_on": 'use "commands.ready" with a probe that exits 0 once the service is ready',
    "openMode": "editor settings are not part of automations.yaml",
    "image": 'the image comes from .devcontainer/devcontainer.json; for one automation use "runsOn.docker.image"',
    "github": "prebuild settings are made in the Ona project settings, not in automations.yaml",
    "vscode": "editor extensions are configured in .devcontainer/devcontainer.json",
}
# Fields of other CI formats (GitHub Actions, GitLab CI, CircleCI, Gitpod Classic) that hold a shell command.
_SCRIPT_FIELDS = frozenset({"run", "script", "cmd", "commandLine"})
_ENVIRONMENT_FIELDS = frozenset({"env", "environment", "variables"})
_INVENTED_TOP_LEVEL = frozenset(
    {"version", "automations", "automations_config", "settings", "name", "env", "steps"}
    | {"jobs", "stages", "workflow", "pipeline", "image", "script", "run", "before_script"}
)
_FIELDS_BY_PLACE: dict[tuple[str, ...], tuple[str, ...]] = {
    (): spec.TOP_LEVEL_FIELDS,
    ("services", "*"): spec.SERVICE_FIELDS,
    ("tasks", "*"): spec.TASK_FIELDS,
    ("services", "*", "commands"): spec.COMMAND_FIELDS,
    ("services", "*", "runsOn"): spec.RUNS_ON_FIELDS,
    ("tasks", "*", "runsOn"): spec.RUNS_ON_FIELDS,
    ("services", "*", "runsOn", "docker"): spec.DOCKER_FIELDS,
    ("tasks", "*", "runsOn", "docker"): spec.DOCKER_FIELDS,
    ("services", "*", "runsOn", "machine"): (),
    ("tasks", "*", "runsOn", "machine"): (),
}


def explain(error: SchemaError) -> Finding:
    name = str(error.loc[-1])
    where = "at the top level" if len(error.loc) == 1 else container(error.loc)
    message = f'unknown field "{name}" {where}'
    return Finding(error.loc, message, hint=hint(error.loc, error.input), at="key")


def hint(path: Path, value: object = None) -> str:
    """The most helpful thing to say about the unknown field at `path`, whose value is `value`."""
    name = str(path[-1])
    place = _place(path[:-1])
    kind = place[0] if place else None
    ci_habit = _ci_habit(name, place, value)
    if ci_habit is not None:
        return ci_habit
    if kind == "services" and len(place) == 2:
        if name in spec.COMMAND_FIELDS:
            return f'"{name}" belongs under "commands:" (commands: {{{name}: ...}})'
        if name == "command":
            return 'a service has no "command": write it under "commands:" as "start:"'
    if kind == "tasks" and len(place) == 2 and name == "commands":
        return 'a task runs one command: write "command: ..." instead of "commands:"'
    if name in _RENAMES and len(place) == 2:
        return f'did you mean "{_RENAMES[name]}"?'
    if name in _CLASSIC:
        return f'"{name}" is a Gitpod Classic (.gitpod.yml) field: {_CLASSIC[name]}'
    if not place and name in _INVENTED_TOP_LEVEL:
        return 'an automations file has only "services" and "tasks" at the top level'
    allowed = _FIELDS_BY_PLACE.get(place, ())
    match = closest(name, allowed)
    if match is not None:
        return f'did you mean "{match}"?'
    if not allowed:
        return "this mapping takes no fields: write it as {}"
    return f"expected {quoted_list(allowed)}"


def _ci_habit(name: str, place: tuple[str, ...], value: object) -> str | None:
    """The hint for a field written as in GitHub Actions, GitLab CI or another CI format, or None."""
    on_automation = len(place) == 2
    kind = place[0] if place else None
    if name in _SCRIPT_FIELDS and on_automation:
        if kind == "tasks":
            return f'a task\'s shell command is "command": write "command: ..." instead of "{name}:"'
        return f'a service\'s shell command is "commands.start": write "commands: {{start: ...}}" instead of "{name}:"'
    if name == "steps" and on_automation:
        if kind == "tasks":
            return "a task runs one command: write the steps as the lines of one block scalar (command: |)"
        return "a service runs one start command: write the steps as the lines of one block (commands: {start: |})"
    if name == "steps" and not place:
        return 'write each step as a task under "tasks:"; "dependsOn" orders them'
    if name in _ENVIRONMENT_FIELDS and place[-1:] == ("docker",):
        return 'did you mean "environment"? (a list such as [NODE_ENV=production])'
    if name in _ENVIRONMENT_FIELDS and (on_automation or not place):
        return (
            'environment variables go in "runsOn.docker.environment", a list such as [NODE_ENV=production] '
            "(or export them at the start of the command)"
        )
    if name == "runs-on" and on_automation and isinstance(value, str):
        return (
            f'"runs-on: {value}" is GitHub Actions: Ona runs automations in the environment itself; write '
            '"runsOn: {machine: {}}", or "runsOn: {docker: {image: ...}}" for a container'
        )
    return None


def _place(path: Path) -> tuple[str, ...]:
    """The path with service and task keys replaced by "*", to look up which fields are allowed there."""
    return tuple(
        "*" if index == 1 and path[0] in ("services", "tasks") else str(part) for index, part in enumerate(path)
    )
