"""A task whose command never finishes: a dev server, a watcher, `tail -f` or `sleep infinity`.

A task runs once to completion; the tasks that depend on it wait for it, and a task that never ends blocks
them forever and shows as running in the UI. Long-running processes belong in a service, which Ona starts,
watches and stops. A pipeline whose later stage stops reading early ends, though: `tail -f log | grep -m1 ready`
returns at the first match.

Example:

    tasks:
      dev:
        name: Dev server
        command: npm run dev

Use instead:

    services:
      dev:
        name: Dev server
        commands:
          start: npm run dev

Fix: none.
"""

from __future__ import annotations

from collections.abc import Iterator

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.rules.document import Document
from automations_lint.shell.facts import Blame, never_ends, quick
from automations_lint.shell.words import commands

CODE = "AL403"
NAME = "task-never-ends"
SEVERITY: Severity = "warning"


def check(document: Document) -> Iterator[Finding]:
    for task in document.tasks.values():
        for path, script in task.scripts():
            found = last_blocking_command(script)
            if found is not None:
                yield Finding(
                    path,
                    f'task "{task.key}" never finishes: {found.reason}',
                    hint="make it a service (commands: {start: ...}), which Ona keeps running and can stop",
                    span=document.command_span(path, script, found.words),
                )


def last_blocking_command(script: str) -> Blame | None:
    """Why the script's last real command never ends, and the words to blame; None when it ends."""
    for step in reversed(commands(script)):
        blame = never_ends(step)
        if blame is not None:
            return blame
        if not quick(step):
            return None
    return None
