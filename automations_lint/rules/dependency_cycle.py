"""Tasks that depend on each other in a circle.

Ona runs a task's dependencies first; when `dependsOn` leads back to where it started, no order exists and the
plan fails. Every cycle is reported once, with its full path, at the dependsOn entry of its first task (in file
order) that leads into it. A file with more than 100 cycles gets the first 100 and a note.

Example:

    tasks:
      build:
        name: Build
        command: npm run build
        dependsOn: [generate]
      generate:
        name: Generate
        command: npm run generate
        dependsOn: [build]
"""

from __future__ import annotations

from collections.abc import Iterator

from automations_lint.diagnostic import Finding, Severity
from automations_lint.document import Document
from automations_lint.graph import elementary_cycles

CODE = "AL203"
NAME = "dependency-cycle"
SEVERITY: Severity = "error"
MOST_CYCLES = 100


def check(document: Document) -> Iterator[Finding]:
    graph = {
        key: [ref for _, ref in task.strings("dependsOn") if ref in document.tasks]
        for key, task in document.tasks.items()
    }
    cycles, more = elementary_cycles(graph, limit=MOST_CYCLES)
    for cycle in cycles:
        first, second = cycle[0], cycle[1]
        index = next(i for i, ref in document.tasks[first].strings("dependsOn") if ref == second)
        path = " -> ".join(f'"{key}"' for key in cycle)
        yield Finding(
            ("tasks", first, "dependsOn", index),
            f"dependency cycle: {path}",
            hint="remove one of these dependencies so that the tasks can run in order",
        )
    if more:
        yield Finding(
            ("tasks",),
            f"more than {MOST_CYCLES} dependency cycles; only the first {MOST_CYCLES} are reported",
            at="key",
        )
