"""An empty string where Ona needs text: a `name`, a service's `start` command or a docker `image`.

An empty name shows as a blank entry in the UI; an empty `start` gives the service nothing to run; an empty
image cannot be pulled.

Example:

    services:
      web:
        name: ""
        commands:
          start: npm run dev

Use instead:

    services:
      web:
        name: Web
        commands:
          start: npm run dev

Fix: none.
"""

from __future__ import annotations

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.schema.errors import SchemaError
from automations_lint.source.paths import describe

CODE = "AL104"
NAME = "empty-value"
SEVERITY: Severity = "error"


def explain(error: SchemaError) -> Finding:
    return Finding(error.loc, f"{describe(error.loc)} must not be empty")
