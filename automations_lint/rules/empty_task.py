"""A task with neither `command` nor `dependsOn`: it does nothing.

A task runs its `command`; a task without one is still useful when it groups other tasks through `dependsOn`.
With neither, starting it does nothing. A task that already has an unknown field (such as `commands:`) is left
to that error.

Example:

    tasks:
      setup:
        name: Set up
        triggeredBy: [postDevcontainerStart]

Use instead:

    tasks:
      setup:
        name: Set up
        command: ./setup.sh
        triggeredBy: [postDevcontainerStart]

Fix: none.
"""

from __future__ import annotations

from collections.abc import Iterator

from automations_lint import spec
from automations_lint.diagnostic import Finding, Severity
from automations_lint.document import Document

CODE = "AL302"
NAME = "empty-task"
SEVERITY: Severity = "warning"


def check(document: Document) -> Iterator[Finding]:
    for task in document.tasks.values():
        if any(field not in spec.TASK_FIELDS for field in task.fields):
            continue
        # A command of the wrong type is the wrong-type rule's to report; only a missing or empty one does nothing.
        if task.fields.get("command") not in (None, "") or any(True for _ in task.strings("dependsOn")):
            continue
        yield Finding(
            task.path,
            f'task "{task.key}" has neither "command" nor "dependsOn"; starting it does nothing',
            hint="add the command it should run, e.g. command: npm run build",
            at="key",
        )
