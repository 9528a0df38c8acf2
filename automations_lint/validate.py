"""The schema stage: the loaded document against the strict model, each error explained by its rule."""

from __future__ import annotations

from automations_lint.diagnostic import Finding, RuleFinding
from automations_lint.rules import (
    empty_value,
    invalid_duration,
    invalid_key,
    missing_field,
    trigger_not_allowed,
    unknown_field,
    unknown_role,
    unknown_trigger,
    wrong_type,
)
from automations_lint.rules.base import SchemaError, SchemaRule
from automations_lint.scalars import type_name

_BY_TYPE: dict[str, SchemaRule] = {
    "extra_forbidden": unknown_field,
    "missing": missing_field,
    "string_too_short": empty_value,
}


def validate(data: object) -> list[RuleFinding]:
    """Schema findings for a loaded document (None, an empty file, has none)."""
    if data is None:
        return []
    if not isinstance(data, dict):
        message = f'the file must be a mapping with "services" and/or "tasks", got {type_name(data)}'
        hint = None
        if isinstance(data, list):
            hint = "a list of tasks is the Gitpod Classic (.gitpod.yml) format; write tasks: {build: {name: ...}}"
        return [RuleFinding("invalid-document", Finding((), message, hint=hint))]
    from pydantic import ValidationError  # kept off the import path of commands that do not lint

    from automations_lint.model import AutomationsFile

    try:
        AutomationsFile.model_validate(data)
    except ValidationError as failure:
        return [_explain(error) for error in failure.errors(include_url=False)]
    return []


def _explain(raw: object) -> RuleFinding:
    assert isinstance(raw, dict)
    error = SchemaError(type=raw["type"], loc=tuple(raw["loc"]), input=raw.get("input"), ctx=dict(raw.get("ctx") or {}))
    rule = route(error)
    return RuleFinding(rule.NAME, rule.explain(error))


def route(error: SchemaError) -> SchemaRule:
    """The rule that explains this error."""
    loc = error.loc
    if loc and loc[-1] == "[key]":
        return invalid_key
    field = next((part for part in reversed(loc) if isinstance(part, str)), "")
    if field == "readinessTimeout" and error.type != "extra_forbidden":
        return invalid_duration
    if error.type == "literal_error":
        if field == "role":
            return unknown_role
        if error.input == "beforeSnapshot" and loc[0] == "services":
            return trigger_not_allowed
        return unknown_trigger
    return _BY_TYPE.get(error.type, wrong_type)
