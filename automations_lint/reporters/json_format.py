"""A JSON array of diagnostics for scripts: path, line, column, end_line, end_column, code, name, severity,
message, hint (null when there is none) and fix (null, or its description and whether it is safe). Positions are
1-based; end_column is just past the last character."""

from __future__ import annotations

import json

from automations_lint.reporters import Report


def render(report: Report) -> str:
    return json.dumps([diagnostic.as_dict() for diagnostic in report.diagnostics], indent=2, ensure_ascii=False) + "\n"
