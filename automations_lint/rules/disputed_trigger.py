"""`beforeSnapshot` on a task: Ona's sources disagree on whether the file may say it.

Ona's documentation lists `beforeSnapshot` (after all prebuild tasks, before the snapshot is taken) as a trigger
for tasks, and its API's TaskSpec mentions it. But the validation rule of the file's `triggeredBy` in Ona's
descriptor (August 2026) lists only `manual`, `postEnvironmentStart`, `postDevcontainerStart` and `prebuild`, so
an upload that checks the rule rejects it. Nobody outside Ona can tell which wins today, so this is a warning
that names the conflict, not an error. (On a service it is always wrong: trigger-not-allowed.) Where the task
may as well run during the prebuild itself, `prebuild` is the trigger every source accepts.

Example:

    tasks:
      warm-cache:
        name: Warm the cache
        command: ./warm-cache.sh
        triggeredBy: [beforeSnapshot]

Use instead:

    tasks:
      warm-cache:
        name: Warm the cache
        command: ./warm-cache.sh
        triggeredBy: [prebuild]

Fix: none: whether `prebuild` does the same job depends on the task.
"""

from __future__ import annotations

from collections.abc import Iterator

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.rules.document import Document
from automations_lint.schema.spec import DISPUTED_TASK_TRIGGERS

CODE = "AL111"
NAME = "disputed-trigger"
SEVERITY: Severity = "warning"


def check(document: Document) -> Iterator[Finding]:
    for task in document.tasks.values():
        for index, trigger in task.strings("triggeredBy"):
            if trigger in DISPUTED_TASK_TRIGGERS:
                yield Finding(
                    (*task.path, "triggeredBy", index),
                    f'trigger "{trigger}" of task "{task.key}" is in Ona\'s docs but not in the validation rule of '
                    "its descriptor, so Ona may reject the file",
                    hint='use "prebuild" if the task may run during the prebuild itself',
                )
