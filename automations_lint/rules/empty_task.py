"""A task whose `command` is only blanks: Ona accepts it, and starting the task does nothing.

Ona requires a non-empty `command` on every task (missing-field and empty-value report a missing or empty one),
but a command of spaces or blank lines passes that rule and runs nothing. It is usually a placeholder that was
never filled in, or a command that slipped into the wrong field. A task that only groups its `dependsOn` is
clearer with an explicit `command: "true"`.

Example:

    tasks:
      setup:
        name: Set up
        command: " "
        triggeredBy: [postDevcontainerStart]

Use instead:

    tasks:
      setup:
        name: Set up
        command: npm ci
        triggeredBy: [postDevcontainerStart]

Fix: none: only you know what the task should run.
"""

from __future__ import annotations

from collections.abc import Iterator

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.rules.document import Document

CODE = "AL302"
NAME = "empty-task"
SEVERITY: Severity = "warning"


def check(document: Document) -> Iterator[Finding]:
    for task in document.tasks.values():
        command = task.text("command")
        if command is None or command == "" or command.strip():
            continue  # missing, empty or of the wrong type: the schema rules report it
        yield Finding(
            (*task.path, "command"),
            f'the command of task "{task.key}" is only blanks; starting it does nothing',
            hint="write the command it should run, e.g. command: npm run build",
        )
