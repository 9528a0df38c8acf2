"""Output formats: one module each, looked up by name so only the chosen one is imported."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple

from automations_lint.core.diagnostic import Diagnostic
from automations_lint.source.lines import Lines


class Report(NamedTuple):
    """Everything a reporter may show: the diagnostics of every checked file, and those files' text."""

    diagnostics: Sequence[Diagnostic]
    files_checked: int
    # Each checked file's text and line index (the engine's), by path.
    sources: Mapping[str, Lines] = MappingProxyType({})  # read-only: one shared empty default is safe
    color: bool = False
    # Remarks about the run itself (ShellCheck missing), which the text format closes with; the machine formats
    # leave them out, and the CLI says them on stderr instead.
    notes: tuple[str, ...] = ()
    # --strict: warnings fail too (the formats with a pass or fail per file, JUnit, follow it).
    strict: bool = False


Reporter = Callable[[Report], str]

# Format name -> module in this package that defines `render(report) -> str`.
FORMATS: dict[str, str] = {
    "text": "text",
    "concise": "concise",
    "json": "json_format",
    "github": "github",
    "sarif": "sarif",
    "gitlab": "gitlab",
    "junit": "junit",
}


def default_format(environ: Mapping[str, str]) -> str:
    """The format when none is given: workflow commands inside GitHub Actions, so problems become annotations."""
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def reporter(name: str) -> Reporter:
    module = importlib.import_module(f"automations_lint.reporters.{FORMATS[name]}")
    render: Reporter = module.render
    return render
