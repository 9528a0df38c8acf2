"""automations-lint: the validator and linter for Ona automations files.

    >>> from automations_lint import lint_text
    >>> [d.code for d in lint_text("tasks: {build: {name: Build, command: make, triggers: [manual]}}")]
    ['AL101']

The public API, all importable from here: lint_text, lint_bytes, lint_path and lint_files (the engine's one entry,
with notices), fix_text (safe fixes, repeated until nothing more is fixable), Diagnostic, and AutomationsFile (the
strict pydantic v2 model of the file). Each is imported when first used, so `import automations_lint` is cheap
and the model's pydantic import is paid only by those who use the model. docs/architecture.md maps the package.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from automations_lint.core.version import VERSION

if TYPE_CHECKING:
    from automations_lint.core.diagnostic import Diagnostic as Diagnostic
    from automations_lint.core.diagnostic import Notice as Notice
    from automations_lint.engine.fixing import FixResult as FixResult
    from automations_lint.engine.fixing import fix_text as fix_text
    from automations_lint.engine.linter import lint_bytes as lint_bytes
    from automations_lint.engine.linter import lint_path as lint_path
    from automations_lint.engine.linter import lint_text as lint_text
    from automations_lint.engine.run import FileResult as FileResult
    from automations_lint.engine.run import LintRun as LintRun
    from automations_lint.engine.run import SourceFile as SourceFile
    from automations_lint.engine.run import lint_files as lint_files
    from automations_lint.schema.model import AutomationsFile as AutomationsFile

__version__ = VERSION

# Public name -> the module that defines it.
_PUBLIC = {
    "Diagnostic": "automations_lint.core.diagnostic",
    "Notice": "automations_lint.core.diagnostic",
    "lint_text": "automations_lint.engine.linter",
    "lint_bytes": "automations_lint.engine.linter",
    "lint_path": "automations_lint.engine.linter",
    "lint_files": "automations_lint.engine.run",
    "SourceFile": "automations_lint.engine.run",
    "FileResult": "automations_lint.engine.run",
    "LintRun": "automations_lint.engine.run",
    "fix_text": "automations_lint.engine.fixing",
    "FixResult": "automations_lint.engine.fixing",
    "AutomationsFile": "automations_lint.schema.model",
}

__all__ = [
    "AutomationsFile",
    "Diagnostic",
    "FileResult",
    "FixResult",
    "LintRun",
    "Notice",
    "SourceFile",
    "__version__",
    "fix_text",
    "lint_bytes",
    "lint_files",
    "lint_path",
    "lint_text",
]


if not TYPE_CHECKING:  # to a type checker the names are the imports above, so a misspelt one is an error

    def __getattr__(name: str) -> Any:
        """The public names, imported on first use (PEP 562)."""
        module = _PUBLIC.get(name)
        if module is None:
            raise AttributeError(f"module 'automations_lint' has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC})
