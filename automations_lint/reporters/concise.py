"""One line per diagnostic: `path:line:col: severity CODE message [name]`, for grep and editors' problem matchers."""

from __future__ import annotations

from automations_lint.reporters import Report
from automations_lint.reporters.terminal import headline


def render(report: Report) -> str:
    return "".join(headline(diagnostic, color=report.color) + "\n" for diagnostic in report.diagnostics)
