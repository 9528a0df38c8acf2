"""The same trigger or dependency listed twice.

A repeated entry in `triggeredBy` or `dependsOn` does nothing: the automation starts once and waits once. It is
usually a copy-and-paste slip, sometimes one that hides the entry that was meant.

Example:

    tasks:
      test:
        name: Test
        command: npm test
        triggeredBy: [manual, manual]

Use instead:

    tasks:
      test:
        name: Test
        command: npm test
        triggeredBy: [manual]

Fix: safe (`check --fix`): removes the repeated entry, with its comma in a flow list (`[a, a]`) or its whole
line in a block list.
"""

from __future__ import annotations

from collections.abc import Iterator

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.rules.document import Document

CODE = "AL301"
NAME = "duplicate-entry"
SEVERITY: Severity = "warning"


def check(document: Document) -> Iterator[Finding]:
    for automation in document.automations():
        for field in ("triggeredBy", "dependsOn"):
            seen: set[str] = set()
            for index, entry in automation.strings(field):
                if entry in seen:
                    yield Finding(
                        (*automation.path, field, index),
                        f'"{entry}" is listed twice in {field} of {automation.kind} "{automation.key}"',
                        hint="remove the repeated entry",
                    )
                seen.add(entry)
