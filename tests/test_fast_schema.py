"""The prepared validator (fast_schema) and the pydantic model give the same errors on any document.

The linter uses the prepared validator so that a run never imports pydantic; the model stays the public type and
the source of the JSON Schema. Generated documents mix the real field names with wrong ones, and right values
with every wrong type, so each branch of both validators is compared.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from pydantic import ValidationError
from strategies import shaped_junk_with_string_keys

from automations_lint.schema.fast_schema import schema_errors
from automations_lint.schema.model import AutomationsFile


def pydantic_errors(document: object) -> list[tuple[str, tuple[Any, ...]]]:
    try:
        AutomationsFile.model_validate(document)
    except ValidationError as failure:
        return sorted(((error["type"], tuple(error["loc"])) for error in failure.errors()), key=repr)
    return []


# Fewer examples than the 400 of smaller hand-rolled documents this had: each is larger, and generating them is
# most of the time.
@settings(max_examples=150, deadline=None)
@given(shaped_junk_with_string_keys)
def test_prepared_validator_matches_the_model(document: object) -> None:
    ours = sorted(((error.type, error.loc) for error in schema_errors(document)), key=repr)
    assert ours == pydantic_errors(document)
