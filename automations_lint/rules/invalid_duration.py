"""`readinessTimeout` that is not a duration in seconds, or not between 0s and 86400s.

Ona reads it as a protobuf Duration in protojson's form: a number of seconds with an `s`, such as `"600s"` or
`"1.5s"`, at most nine digits after the dot; `"0s"` disables the timeout. protojson also takes `+30s`, `.5s` and
`5.s`, but not minutes (`10m`), bare numbers, exponents or leading zeros (`0600s`). Ona's validation rule then
allows 0s to 86400s (24 hours).

Example:

    services:
      web:
        name: Web
        commands:
          start: npm run dev
          ready: curl -sf localhost:3000
        readinessTimeout: 10m

Use instead:

    services:
      web:
        name: Web
        commands:
          start: npm run dev
          ready: curl -sf localhost:3000
        readinessTimeout: 600s

Fix: none: the hint gives the same time in seconds where it can work it out.
"""

from __future__ import annotations

import re

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.schema.errors import SchemaError
from automations_lint.schema.spec import DURATION_GRAMMAR, READINESS_TIMEOUT_MAX_SECONDS
from automations_lint.source.paths import describe
from automations_lint.source.scalars import type_name

CODE = "AL109"
NAME = "invalid-duration"
SEVERITY: Severity = "error"

_GO_DURATION = re.compile(r"((?:[0-9]*\.)?[0-9]+)(h|ms|m|s)")
_SECONDS = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}


def explain(error: SchemaError) -> Finding:
    value = error.input
    if isinstance(value, str) and re.fullmatch(DURATION_GRAMMAR, value):
        limit = READINESS_TIMEOUT_MAX_SECONDS
        too_much = not value.startswith("-")
        message = (
            f'{describe(error.loc)} is "{value}", more than {limit}s (24 hours), the most Ona allows'
            if too_much
            else f'{describe(error.loc)} is "{value}", a negative duration'
        )
        return Finding(error.loc, message, hint=f'write a duration from "0s" to "{limit}s"; "0s" disables it')
    if isinstance(value, str):
        message = f'{describe(error.loc)} is "{value}", which is not a duration in seconds'
    else:
        message = f"{describe(error.loc)} must be a duration string in seconds, got {type_name(value)}"
    return Finding(error.loc, message, hint=f'write seconds with an "s", e.g. "{suggestion(value)}"')


def suggestion(value: object) -> str:
    """The same length of time written as Ona wants it, or "600s" when it cannot be worked out."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return f"{value:g}s"
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        parts = _GO_DURATION.findall(text)
        if parts and "".join(number + unit for number, unit in parts) == text:
            seconds = sum(float(number) * _SECONDS[unit] for number, unit in parts)
            return f"{seconds:g}s"
    return "600s"
