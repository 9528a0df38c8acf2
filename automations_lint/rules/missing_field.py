"""A required field is missing: a service or task without `name`, a task without `command`, or `commands`
without `start`.

Every service and task needs a non-empty `name`, shown in the Ona UI. Every task needs a non-empty `command`:
Ona's validation rule rejects a task without one, even a task that only groups others through `dependsOn` (which
older documentation showed). A service that has `commands` must say how to `start`. The diagnostic points at the
key of the service, task or `commands` mapping that lacks it.

Example:

    services:
      database:
        commands:
          ready: pg_isready
    tasks:
      lint:
        name: Lint
        command: npm run lint
      all:
        name: All checks
        dependsOn: [lint]

Use instead:

    services:
      database:
        name: Database
        commands:
          start: docker run --rm -p 5432:5432 postgres:16
          ready: pg_isready
    tasks:
      lint:
        name: Lint
        command: npm run lint
      all:
        name: All checks
        command: "true"
        dependsOn: [lint]

Fix: none: what to write is for the author to say.
"""

from __future__ import annotations

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.schema.errors import SchemaError
from automations_lint.source.paths import describe

CODE = "AL102"
NAME = "missing-field"
SEVERITY: Severity = "error"

_HINTS = {
    "name": 'add a human-readable name, e.g. name: "Build the app"',
    "start": "add the command that starts the service and keeps running, e.g. start: npm run dev",
    "image": "name the container image, e.g. image: node:22",
    "command": 'add the command it runs; a task that only groups its dependsOn still needs one: command: "true"',
}


def explain(error: SchemaError) -> Finding:
    field = str(error.loc[-1])
    parent = error.loc[:-1]
    message = f'{describe(parent)} has no "{field}", which is required'
    return Finding(parent, message, hint=_HINTS.get(field), at="key")
