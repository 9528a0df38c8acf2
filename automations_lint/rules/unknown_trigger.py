"""A trigger that Ona does not know.

`triggeredBy` lists when a service or task starts by itself. The allowed values are `manual`,
`postDevcontainerStart`, `postEnvironmentStart` and `prebuild`, and for tasks also `beforeSnapshot`. Cron
schedules, file-change triggers (`fileChange:`) and the template placeholder `...` do not exist.

Example:

    tasks:
      build:
        name: Build
        command: npm run build
        triggeredBy:
          - postEnviromentStart

Use instead:

    tasks:
      build:
        name: Build
        command: npm run build
        triggeredBy:
          - postEnvironmentStart

Fix: safe (`check --fix`): a trigger that differs from one allowed trigger only in case or by one typo becomes
that trigger.
"""

from __future__ import annotations

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.core.suggest import did_you_mean
from automations_lint.schema import spec
from automations_lint.schema.errors import SchemaError
from automations_lint.source.scalars import type_name

CODE = "AL105"
NAME = "unknown-trigger"
SEVERITY: Severity = "error"


def explain(error: SchemaError) -> Finding:
    allowed = spec.SERVICE_TRIGGERS if error.loc[0] == "services" else spec.TASK_TRIGGERS
    if isinstance(error.input, str):
        return Finding(
            error.loc, f'unknown trigger "{error.input}"', hint=did_you_mean(error.input, allowed, kind="trigger")
        )
    message = f"a trigger must be one of the trigger names, got {type_name(error.input)}"
    return Finding(error.loc, message, hint=did_you_mean("", allowed, kind="trigger"))
