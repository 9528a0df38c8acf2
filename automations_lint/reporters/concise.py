"""One line per diagnostic: `path:line:col: severity CODE message [name]`, for grep and editors' problem matchers."""

from __future__ import annotations

from automations_lint.reporters import Report
from automations_lint.reporters.terminal import fix_note, headline


def render(report: Report) -> str:
    lines = []
    for diagnostic in report.diagnostics:
        note = fix_note(diagnostic)
        lines.append(headline(diagnostic, color=report.color) + (f" ({note})" if note else "") + "\n")
    return "".join(lines)
