"""`beforeSnapshot` on a service: it can only start tasks.

`beforeSnapshot` runs after all prebuild tasks, just before the environment's snapshot is taken. Ona accepts it
for tasks only ("The before_snapshot trigger can only be used with tasks, not services").

Example:

    services:
      cache:
        name: Warm the cache
        commands:
          start: ./warm-cache.sh
        triggeredBy:
          - beforeSnapshot

Use instead:

    tasks:
      warm-cache:
        name: Warm the cache
        command: ./warm-cache.sh
        triggeredBy:
          - prebuild

Fix: none.
"""

from __future__ import annotations

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.schema.errors import SchemaError
from automations_lint.source.paths import owner

CODE = "AL106"
NAME = "trigger-not-allowed"
SEVERITY: Severity = "error"


def explain(error: SchemaError) -> Finding:
    message = f'trigger "{error.input}" cannot start {owner(error.loc)}: it is for tasks only'
    return Finding(error.loc, message, hint='use "prebuild", or move the work into a task')
