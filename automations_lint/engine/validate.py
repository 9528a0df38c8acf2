"""The schema stage: the loaded document against the strict model (as the prepared validator in fast_schema.py),
each error explained by its rule."""

from __future__ import annotations

from automations_lint.core.diagnostic import START_OF_FILE, Finding, RuleFinding
from automations_lint.rules import (
    conflicting_fields,
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
from automations_lint.rules.base import SchemaRule
from automations_lint.schema import field_as_key, spec
from automations_lint.schema.errors import SchemaError
from automations_lint.schema.fast_schema import schema_errors
from automations_lint.source.scalars import type_name

_FIELDS = frozenset(spec.TOP_LEVEL_FIELDS)
_BY_TYPE: dict[str, SchemaRule] = {
    "extra_forbidden": unknown_field,
    "missing": missing_field,
    "string_too_short": empty_value,
    "conflicting_fields": conflicting_fields,
}


def validate(data: object) -> list[RuleFinding]:
    """Schema findings for a loaded document."""
    if data is None:
        # yaml.v3 finds no document in an empty or comment-only file, and protojson refuses a null one.
        message = "the file declares nothing (it is empty, only comments, or null), and Ona's reader rejects it"
        advice = 'write at least "tasks: {}", or delete the file'
        return [RuleFinding("invalid-document", Finding((), message, hint=advice, span=START_OF_FILE))]
    if not isinstance(data, dict):
        message = f'the file must be a mapping with "services" and/or "tasks", got {type_name(data)}'
        hint = None
        if isinstance(data, list) and any(isinstance(item, dict) and _FIELDS & item.keys() for item in data):
            hint = 'the whole file is written as a list item: remove the "- " before "services:" or "tasks:"'
        elif isinstance(data, list):
            hint = "a list of tasks is the Gitpod Classic (.gitpod.yml) format; write tasks: {build: {name: ...}}"
        return [RuleFinding("invalid-document", Finding((), message, hint=hint))]
    # The prepared validator gives the model's errors without importing pydantic (tests/test_fast_schema.py).
    return [_explain(error, data) for error in schema_errors(data)]


def _explain(error: SchemaError, data: dict[object, object]) -> RuleFinding:
    rule = route(error)
    finding = rule.explain(error)
    indented_too_little = field_as_key.hint(error.loc, data, missing=error.type == "missing")
    if indented_too_little is not None:
        finding = finding._replace(hint=indented_too_little)
    return RuleFinding(rule.NAME, finding)


def route(error: SchemaError) -> SchemaRule:
    """The rule that explains this error."""
    loc = error.loc
    if error.type == "conflicting_fields":
        return conflicting_fields
    if loc and loc[-1] == "[key]":
        return invalid_key
    field = next((part for part in reversed(loc) if isinstance(part, str)), "")
    if field in ("readinessTimeout", "readiness_timeout") and error.type != "extra_forbidden":
        return invalid_duration
    if error.type == "literal_error":
        if field == "role":
            return unknown_role
        if error.input == "beforeSnapshot" and loc[0] == "services":
            return trigger_not_allowed
        return unknown_trigger
    return _BY_TYPE.get(error.type, wrong_type)
