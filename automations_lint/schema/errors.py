"""What a schema check reports: one validation error, from pydantic or the fast validator, in the few fields the
schema rules (rules/unknown_field.py and its siblings) turn into findings."""

from __future__ import annotations

from typing import NamedTuple

from automations_lint.core.diagnostic import Path


class SchemaError(NamedTuple):
    """One validation error, shaped as pydantic's: its type, where (`loc`), the value, and the details."""

    type: str
    loc: Path
    input: object
    ctx: dict[str, object]
