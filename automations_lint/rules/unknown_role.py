"""A service `role` that Ona does not know.

The allowed roles are `""` (none), `default`, `editor` and `ai-agent`.

Example:

    services:
      ide:
        name: IDE
        role: edtor
        commands:
          start: ./start-ide.sh

Use instead:

    services:
      ide:
        name: IDE
        role: editor
        commands:
          start: ./start-ide.sh

Fix: safe (`check --fix`): a role that differs from one allowed role only in case or by one typo becomes that
role.
"""

from __future__ import annotations

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.core.suggest import did_you_mean
from automations_lint.schema import spec
from automations_lint.schema.errors import SchemaError
from automations_lint.source.paths import describe
from automations_lint.source.scalars import type_name

CODE = "AL107"
NAME = "unknown-role"
SEVERITY: Severity = "error"


def explain(error: SchemaError) -> Finding:
    if isinstance(error.input, str):
        message = f'unknown role "{error.input}" for {describe(error.loc[:-1])}'
    else:
        message = f"{describe(error.loc)} must be a role name, got {type_name(error.input)}"
    word = error.input if isinstance(error.input, str) else ""
    return Finding(error.loc, message, hint=did_you_mean(word, spec.ROLES, kind="role"))
