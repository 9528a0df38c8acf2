"""Two fields that Ona refuses together: one field under both of its names, or `runsOn` with both choices.

Ona reads every field under its documented name (`triggeredBy`) and under its protobuf name (`triggered_by`),
but the same field under both names in one mapping stops its reader ("duplicate field"), even when one of them
is empty. `runsOn` is one choice, `docker` or `machine`: with both set, Ona rejects the file.

Example:

    tasks:
      build:
        name: Build
        command: npm run build
        runsOn:
          docker:
            image: node:22
          machine: {}

Use instead:

    tasks:
      build:
        name: Build
        command: npm run build
        runsOn:
          docker:
            image: node:22

Fix: none: which of the two to keep is yours to say.
"""

from __future__ import annotations

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.schema.errors import SchemaError
from automations_lint.source.paths import describe

CODE = "AL110"
NAME = "conflicting-fields"
SEVERITY: Severity = "error"


def explain(error: SchemaError) -> Finding:
    first, second = str(error.ctx["first"]), str(error.ctx["second"])
    where = describe(error.loc)
    if error.loc and error.loc[-1] in ("runsOn", "runs_on"):
        message = f'{where} has both "{first}" and "{second}"; Ona runs an automation in one place only'
        hint = 'keep one: "docker" runs it in a container, "machine" directly on the VM'
    else:
        message = f'{where} gives "{first}" twice, also under its protobuf name "{second}"; Ona rejects that'
        hint = f'keep one of them, preferably "{first}"'
    return Finding((*error.loc, second), message, hint=hint, at="key")
