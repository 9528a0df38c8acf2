"""`dependsOn` names a task or service that is not in the file.

A task's `dependsOn` lists keys of tasks or services of the same file (a task may wait for a service, such as
a database). A key that does not exist makes the plan fail when the task starts. The hint names the closest key.

Example:

    tasks:
      build:
        name: Build
        command: npm run build
      test:
        name: Test
        command: npm test
        dependsOn: [biuld]

Use instead:

    tasks:
      build:
        name: Build
        command: npm run build
      test:
        name: Test
        command: npm test
        dependsOn: [build]

Fix: unsafe (`check --fix --unsafe-fixes`): replaces the entry by the one key of the file that is one typo
away from it. Unsafe because the author may have meant a task that is not written yet.
"""

from __future__ import annotations

from collections.abc import Iterator

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.core.suggest import closest, quoted_list
from automations_lint.rules.document import Document

CODE = "AL201"
NAME = "unknown-reference"
SEVERITY: Severity = "error"


def check(document: Document) -> Iterator[Finding]:
    known = document.keys  # a tuple: suggest.closest indexes it once for all references
    declared = set(known)
    for task in document.tasks.values():
        for index, reference in task.strings("dependsOn"):
            if reference not in declared:
                yield Finding(
                    (*task.path, "dependsOn", index),
                    f'task "{task.key}" depends on unknown task or service "{reference}"',
                    hint=_hint(reference, known),
                )


def _hint(reference: str, known: tuple[str, ...]) -> str:
    match = closest(reference, known)
    if match is not None:
        return f'did you mean "{match}"?'
    if not known or len(known) > 12:
        return "dependsOn takes the keys of tasks and services defined in this file"
    return f"the tasks and services in this file are {quoted_list(known, last='and')}"
