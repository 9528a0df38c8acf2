"""automations-lint: the validator and linter for Ona automations files.

    >>> from automations_lint import lint_text
    >>> [d.code for d in lint_text("tasks: {build: {name: Build, command: make, triggers: [manual]}}")]
    ['AL101']

The strict model of the file is `automations_lint.schema.model.AutomationsFile` (a pydantic v2 model).
"""

from __future__ import annotations

from automations_lint.core.diagnostic import Diagnostic
from automations_lint.engine.linter import lint_bytes, lint_path, lint_text

__all__ = ["Diagnostic", "lint_bytes", "lint_path", "lint_text"]
__version__ = "0.1.0"
