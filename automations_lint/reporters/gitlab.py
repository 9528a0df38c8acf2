"""The GitLab Code Quality report: a JSON array that GitLab shows in merge requests and on the pipeline page when a
job declares it as `artifacts: reports: codequality`.

Errors are `major`, warnings `minor` and infos `info`. The fingerprint hashes the file, rule, document path and
message but not the line, so GitLab sees a finding as unchanged when lines are added above it.
"""

from __future__ import annotations

import json

from automations_lint.core.diagnostic import Diagnostic
from automations_lint.core.safe_text import json_text, printable, readable
from automations_lint.reporters import Report
from automations_lint.reporters.identity import fingerprints, repository_path
from automations_lint.reporters.terminal import fix_note

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(report: Report) -> str:
    issues = [
        issue(diagnostic, fingerprint)
        for diagnostic, fingerprint in zip(report.diagnostics, fingerprints(report.diagnostics), strict=True)
    ]
    return json_text(json.dumps(issues, indent=2, ensure_ascii=False)) + "\n"


def issue(diagnostic: Diagnostic, fingerprint: str) -> dict[str, object]:
    # The merge request widget shows only the description, on one line: it carries the rule code (for
    # `automations-lint rule CODE`) and the hint after a semicolon.
    description = f"{diagnostic.code} {diagnostic.message}" + (f"; {diagnostic.hint}" if diagnostic.hint else "")
    note = fix_note(diagnostic)
    if note:
        description += f" ({note})"
    return {
        "description": printable(description),
        "check_name": diagnostic.code,
        "fingerprint": fingerprint,
        "severity": SEVERITIES[diagnostic.severity],
        "location": {"path": readable(repository_path(diagnostic.path)), "lines": {"begin": diagnostic.line}},
    }
