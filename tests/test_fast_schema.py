"""The prepared validator (fast_schema) and the pydantic model give the same errors on any document.

The linter uses the prepared validator so that a run never imports pydantic; the model stays the public type and
the source of the JSON Schema. Generated documents mix the real field names with wrong ones, and right values
with every wrong type, so each branch of both validators is compared.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from automations_lint.schema import spec
from automations_lint.schema.fast_schema import schema_errors
from automations_lint.schema.model import AutomationsFile

FIELDS = sorted(
    {*spec.TOP_LEVEL_FIELDS, *spec.SERVICE_FIELDS, *spec.TASK_FIELDS, *spec.COMMAND_FIELDS, *spec.RUNS_ON_FIELDS}
    | {*spec.DOCKER_FIELDS, "triggers", "start", "x"}
)
STRINGS = st.sampled_from(
    [*spec.TASK_TRIGGERS, *spec.ROLES, "600s", "1.5s", "10m", "a b", "ok-key", "x" * 129, "0s\n", "", "yes", "é"]
)
SCALARS = st.one_of(STRINGS, st.text(max_size=5), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))


def values(depth: int) -> st.SearchStrategy[Any]:
    if depth == 0:
        return SCALARS
    inner = values(depth - 1)
    return st.one_of(
        SCALARS,
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), STRINGS), inner, max_size=4),
    )


def automation(depth: int) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(FIELDS), values(depth), max_size=6)


documents = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "services": st.one_of(st.dictionaries(STRINGS, automation(2), max_size=3), values(1)),
            "tasks": st.one_of(st.dictionaries(STRINGS, automation(2), max_size=3), values(1)),
            "version": SCALARS,
        },
    ),
    values(2),
)


def pydantic_errors(document: object) -> list[tuple[str, tuple[Any, ...]]]:
    try:
        AutomationsFile.model_validate(document)
    except ValidationError as failure:
        return sorted(((error["type"], tuple(error["loc"])) for error in failure.errors()), key=repr)
    return []


@settings(max_examples=400, deadline=None)
@given(documents)
def test_prepared_validator_matches_the_model(document: object) -> None:
    ours = sorted(((error.type, error.loc) for error in schema_errors(document)), key=repr)
    assert ours == pydantic_errors(document)
