"""The explicit list of every rule, checked by mypy against the rule protocols and by a test for completeness."""

from __future__ import annotations

from automations_lint.rules import (
    conflicting_fields,
    dependency_cycle,
    disputed_trigger,
    duplicate_entry,
    duplicate_key,
    empty_task,
    empty_value,
    extra_document,
    gitpod_classic_leftover,
    invalid_document,
    invalid_duration,
    invalid_key,
    missing_field,
    multiline_plain_command,
    proto_field_name,
    ready_side_effect,
    self_dependency,
    service_exits_immediately,
    shellcheck,
    syntax_error,
    task_never_ends,
    template_placeholder,
    trigger_not_allowed,
    unknown_field,
    unknown_reference,
    unknown_role,
    unknown_trigger,
    unpinned_image,
    unsupported_tag,
    unused_suppression,
    wrong_type,
    yaml11_boolean,
)
from automations_lint.rules.base import DocumentRule, RuleModule, SchemaRule

# Problems found while reading the YAML (the loader reports them by name).
SYNTAX_RULES: tuple[RuleModule, ...] = (syntax_error, duplicate_key, invalid_document, unsupported_tag, extra_document)
# Problems found by the strict model; each explains one kind of pydantic error.
SCHEMA_RULES: tuple[SchemaRule, ...] = (
    unknown_field,
    missing_field,
    wrong_type,
    empty_value,
    unknown_trigger,
    trigger_not_allowed,
    unknown_role,
    invalid_key,
    invalid_duration,
    conflicting_fields,
)
# Problems no schema can express, found by reading the whole document.
DOCUMENT_RULES: tuple[DocumentRule, ...] = (
    unknown_reference,
    self_dependency,
    dependency_cycle,
    duplicate_entry,
    empty_task,
    proto_field_name,
    disputed_trigger,
    service_exits_immediately,
    ready_side_effect,
    task_never_ends,
    multiline_plain_command,
    gitpod_classic_leftover,
    template_placeholder,
    yaml11_boolean,
    unpinned_image,
    shellcheck,
)

# Problems the engine finds in the linting itself (suppression comments), not in the document.
ENGINE_RULES: tuple[RuleModule, ...] = (unused_suppression,)

ALL_RULES: tuple[RuleModule, ...] = (*SYNTAX_RULES, *SCHEMA_RULES, *DOCUMENT_RULES, *ENGINE_RULES)
BY_NAME: dict[str, RuleModule] = {rule.NAME: rule for rule in ALL_RULES}
BY_CODE: dict[str, RuleModule] = {rule.CODE: rule for rule in ALL_RULES}


def find(name_or_code: str) -> RuleModule | None:
    """A rule by its name (`unknown-field`) or code (`AL101`, any case)."""
    return BY_NAME.get(name_or_code.lower()) or BY_CODE.get(name_or_code.upper())


def summary(rule: RuleModule) -> str:
    """The first paragraph of the rule's docstring, on one line: its short description."""
    return " ".join((rule.__doc__ or "").strip().split("\n\n", 1)[0].split())


def markdown_table() -> str:
    """The rules as the README's Markdown table (regenerate with `automations-lint rules --format markdown`)."""
    rows = ["| code | name | severity | what it finds |", "|---|---|---|---|"]
    rows += [f"| {rule.CODE} | `{rule.NAME}` | {rule.SEVERITY} | {summary(rule)} |" for rule in ALL_RULES]
    return "\n".join(rows) + "\n"
