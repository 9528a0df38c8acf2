"""Tasks that depend on each other in a circle.

Ona runs a task's dependencies first; when `dependsOn` leads back to where it started, no order exists and the
plan fails. Every cycle is reported once, with its full path, at the dependsOn entry of its first task (in file
order) that leads into it; a cycle of more than 12 tasks shows its ends and how many lie between. Every knot of
mutually dependent tasks gets at least its shortest cycle; beyond 100 cycles (or a bounded search in huge
knots) a note says that more exist.

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

Use instead:

    tasks:
      generate:
        name: Generate
        command: npm run generate
      build:
        name: Build
        command: npm run build
        dependsOn: [generate]

Fix: none: which dependency to drop is the author's decision.
"""

from __future__ import annotations

from collections.abc import Iterator

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.core.graph import elementary_cycles
from automations_lint.rules.document import Document

CODE = "AL203"
NAME = "dependency-cycle"
SEVERITY: Severity = "error"
MOST_CYCLES = 100
# A cycle through 20,000 generated tasks would be a 200 KB message: the ends say where to look.
MOST_SHOWN = 12


def check(document: Document) -> Iterator[Finding]:
    cycles, more = elementary_cycles(document.task_graph(), limit=MOST_CYCLES)
    for cycle in cycles:
        first, second = cycle[0], cycle[1]
        index = next(i for i, ref in document.tasks[first].strings("dependsOn") if ref == second)
        yield Finding(
            ("tasks", first, "dependsOn", index),
            f"dependency cycle: {shown(cycle)}",
            hint="remove one of these dependencies so that the tasks can run in order",
        )
    if more:
        yield Finding(
            ("tasks",),
            f"the dependencies hold more cycles than are listed here ({len(cycles)} listed)",
            hint="break the cycles listed, then check again to see the rest",
            at="key",
        )


def shown(cycle: list[str]) -> str:
    """`"a" -> "b" -> "a"`; a long cycle keeps its ends and says how many tasks lie between."""
    names = [f'"{key}"' for key in cycle]
    if len(names) > MOST_SHOWN:
        hidden = len(names) - MOST_SHOWN
        names = [*names[: MOST_SHOWN // 2], f"... ({hidden} more)", *names[-MOST_SHOWN // 2 :]]
    return " -> ".join(names)
