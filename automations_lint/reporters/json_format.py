"""A JSON array of diagnostics for scripts: path, line, column, end_line, end_column, code, name, severity,
message, hint (null when there is none) and fix (null, or its description and whether it is safe). Positions are
1-based; end_column is just past the last character."""

from __future__ import annotations

import json

from automations_lint.core.safe_text import json_text, readable
from automations_lint.reporters import Report


def render(report: Report) -> str:
    # A file name that is not UTF-8 (its bytes kept as lone surrogates) would make the output invalid UTF-8.
    items = [{**diagnostic.as_dict(), "path": readable(diagnostic.path)} for diagnostic in report.diagnostics]
    return json_text(json.dumps(items, indent=2, ensure_ascii=False)) + "\n"
