"""The execution plan Ona builds when tasks start: groups of steps, dependencies first.

Ona's StartTask answers with a task execution whose `plan` "is a list of groups of steps. The steps in a group are
executed concurrently, while the groups are executed sequentially." A step is a task or a service (a plan step has
either a task or a `serviceId`): a task whose dependsOn names a service waits until that service is ready.

This module computes that plan from the file alone: the closure of the started tasks over dependsOn, layered by
longest path (each step runs in the first group after all of its dependencies) with Kahn's algorithm, each group in
file order. Ona documents no more of its grouping than that; this is the earliest schedule that honours every
dependency. Everything here is iterative and linear, so a 20,000-task chain plans in well under a second.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from automations_lint.core.safe_text import printable
from automations_lint.rules.document import Automation, Document, Kind


class Step(NamedTuple):
    """One step of a plan: a task to run, or a service to start and wait for until it is ready."""

    kind: Kind
    key: str


@dataclass(frozen=True)
class Plan:
    """The groups to run in order, and what stops the plan from being built."""

    groups: tuple[tuple[Step, ...], ...]
    # Every task the started tasks reach through dependsOn, themselves included.
    tasks: frozenset[str]
    # (task, reference) for each dependsOn entry that names no task or service of the file.
    unknown: tuple[tuple[str, str], ...] = ()
    # Steps that no group can take: they are on a dependency cycle, or wait for one.
    blocked: tuple[Step, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.unknown and not self.blocked


def build_plan(document: Document, tasks: Iterable[str]) -> Plan:
    """The plan for starting `tasks` (keys of tasks of `document`) together.

    Several tasks are planned as if one aggregate task depended on them all: shared dependencies run once.
    Raises ValueError for a key that is not a task: the caller checks the command line first.
    """
    roots = list(dict.fromkeys(tasks))
    for key in roots:
        if key not in document.tasks:
            raise ValueError(f'"{key}" is not a task of this file')
    dependencies, unknown = _closure(document, roots)
    order = file_order(document)
    groups, blocked = _layers(dependencies, lambda step: order[step])
    return Plan(
        groups=tuple(tuple(group) for group in groups),
        tasks=frozenset(step.key for step in dependencies if step.kind == "task"),
        unknown=tuple(unknown),
        blocked=tuple(blocked),
    )


def file_order(document: Document) -> dict[Step, int]:
    """Each service and task -> its position in the file, by where its key stands (services first without a map)."""
    automations = list(document.automations())
    ranked = sorted(range(len(automations)), key=lambda i: _position(document, automations[i]))
    return {Step(automations[i].kind, automations[i].key): rank for rank, i in enumerate(ranked)}


def resolve(document: Document, reference: str) -> Step | None:
    """The step a dependsOn entry names. A key used by both a task and a service means the task, as in the
    dependency rules."""
    if reference in document.tasks:
        return Step("task", reference)
    if reference in document.services:
        return Step("service", reference)
    return None


def render_text(plan: Plan) -> str:
    """`1. database (service), install` and so on, one numbered line per group."""
    lines = []
    for number, group in enumerate(plan.groups, start=1):
        steps = ", ".join(printable(step.key) + (" (service)" if step.kind == "service" else "") for step in group)
        lines.append(f"{number}. {steps}\n")
    return "".join(lines)


def render_json(plan: Plan) -> str:
    """`{"groups": [["database", "install"], ["migrate"]]}`: keys only, one line."""
    return json.dumps({"groups": [[step.key for step in group] for group in plan.groups]}) + "\n"


def _position(document: Document, automation: Automation) -> tuple[int, int]:
    span = document.source_map.key_span(automation.path)
    return span.line, span.column


def _closure(document: Document, roots: Sequence[str]) -> tuple[dict[Step, list[Step]], list[tuple[str, str]]]:
    """Every step the roots reach, with its dependencies; and the dependsOn entries that name nothing."""
    dependencies: dict[Step, list[Step]] = {}
    unknown: list[tuple[str, str]] = []
    pending = [Step("task", key) for key in reversed(roots)]
    while pending:
        step = pending.pop()
        if step in dependencies:
            continue
        dependencies[step] = _dependencies(document, step, unknown)
        pending.extend(reversed(dependencies[step]))
    return dependencies, unknown


def _dependencies(document: Document, step: Step, unknown: list[tuple[str, str]]) -> list[Step]:
    # Services have no dependsOn in Ona's model (the schema check reports one as an unknown field).
    if step.kind == "service":
        return []
    found: dict[Step, None] = {}
    for _, reference in document.tasks[step.key].strings("dependsOn"):
        target = resolve(document, reference)
        if target is None:
            unknown.append((step.key, reference))
        else:
            found[target] = None  # a repeated entry is one dependency, not two to wait for
    return list(found)


def _layers(dependencies: dict[Step, list[Step]], order: Callable[[Step], int]) -> tuple[list[list[Step]], list[Step]]:
    """Kahn's algorithm, one round per group; the steps left over wait on a cycle."""
    waiting = {step: len(targets) for step, targets in dependencies.items()}
    dependents: dict[Step, list[Step]] = {step: [] for step in dependencies}
    for step, targets in dependencies.items():
        for target in targets:
            dependents[target].append(step)
    groups: list[list[Step]] = []
    ready = sorted((step for step, count in waiting.items() if count == 0), key=order)
    while ready:
        groups.append(ready)
        following = []
        for step in ready:
            for dependent in dependents[step]:
                waiting[dependent] -= 1
                if waiting[dependent] == 0:
                    following.append(dependent)
        ready = sorted(following, key=order)
    blocked = sorted((step for step, count in waiting.items() if count > 0), key=order)
    return groups, blocked
