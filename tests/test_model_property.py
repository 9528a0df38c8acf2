"""Property: a document the strict model accepts, with references that resolve and no cycles, lints without
any error, whatever its names, commands and layout. The generator builds such documents directly: dependsOn
only names services or earlier tasks (so no cycle can form), which is what the model itself cannot check."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import documents, dump

from automations_lint import lint_text
from automations_lint.schema.model import AutomationsFile


# ShellCheck is off: random command text is rarely valid shell, and judging it is not what this property is about.
@pytest.mark.usefixtures("without_shellcheck")
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents(), st.booleans())
def test_documents_the_model_accepts_lint_without_errors(document: dict[str, Any], flow: bool) -> None:
    AutomationsFile.model_validate(document)  # the generator makes only what the model accepts
    errors = [d for d in lint_text(dump(document, flow=flow)) if d.severity == "error"]
    assert errors == []
