"""A task that lists itself in `dependsOn`.

A task cannot run before itself: Ona cannot build a plan for it.

Example:

    tasks:
      build:
        name: Build
        command: npm run build
        dependsOn: [build]

Use instead:

    tasks:
      build:
        name: Build
        command: npm run build

Fix: none.
"""

from __future__ import annotations

from collections.abc import Iterator

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.rules.document import Document

CODE = "AL202"
NAME = "self-dependency"
SEVERITY: Severity = "error"


def check(document: Document) -> Iterator[Finding]:
    for task in document.tasks.values():
        for index, reference in task.strings("dependsOn"):
            if reference == task.key:
                yield Finding(
                    (*task.path, "dependsOn", index),
                    f'task "{task.key}" depends on itself',
                    hint=f'remove "{task.key}" from its dependsOn',
                )
