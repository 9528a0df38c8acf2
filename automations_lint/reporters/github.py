"""GitHub Actions workflow commands: one line per diagnostic that the runner turns into an annotation on the file
and line, shown in the job summary and on the pull request's diff. The default when GITHUB_ACTIONS=true.

::error file=.ona/automations.yaml,line=5,col=5,endLine=5,endColumn=12,title=AL101 unknown-field::unknown field ...

Errors become `::error`, warnings `::warning` and infos `::notice`. The hint follows the message on a second line.
"""

from __future__ import annotations

from automations_lint.core.diagnostic import Diagnostic
from automations_lint.reporters import Report
from automations_lint.reporters.identity import repository_path
from automations_lint.reporters.terminal import fix_line, printable, summary

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def render(report: Report) -> str:
    lines = "".join(command(diagnostic) + "\n" for diagnostic in report.diagnostics)
    # Annotations are collected by the runner; the summary stays in the log for whoever reads the raw output.
    return lines + summary(report.diagnostics, report.files_checked)


def command(diagnostic: Diagnostic) -> str:
    """The workflow command for one diagnostic."""
    properties: dict[str, object] = {"file": printable(repository_path(diagnostic.path)), "line": diagnostic.line}
    if diagnostic.end_line == diagnostic.line:
        # Our end column is just past the span; GitHub's is its last character.
        end_column = max(diagnostic.column, diagnostic.end_column - 1)
        properties.update(col=diagnostic.column, endLine=diagnostic.end_line, endColumn=end_column)
    else:
        # GitHub accepts columns only for an annotation on a single line.
        properties["endLine"] = diagnostic.end_line
    properties["title"] = f"{diagnostic.code} {diagnostic.name}"
    listed = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    message = printable(diagnostic.message)
    if diagnostic.hint:
        message += f"\nhint: {printable(diagnostic.hint)}"
    fix = fix_line(diagnostic)
    if fix:
        message += f"\nfix: {fix}"
    return f"::{COMMANDS[diagnostic.severity]} {listed}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """GitHub's escaping of a command's message: `%`, CR and LF (a raw line break would end the command)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """GitHub's escaping of a property value, where `:` and `,` would end the value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
