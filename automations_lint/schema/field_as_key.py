"""Fields indented too little: a service or task whose key is a field name.

    tasks:
      build:
        name: Build
      command: make        # two spaces short: YAML reads a second task called "command"

The schema then reports what that "task" lacks or holds ("task "command" must be a mapping"), and the real task
misses the field. Neither message says what happened, so the schema findings about such a key get a hint that
does, and the fixes leave them alone: moving `start:` under `commands:` inside a "service" called `commands`
would only bury the mistake deeper.
"""

from __future__ import annotations

from automations_lint.core.diagnostic import Path
from automations_lint.schema import spec

_FIELD_NAMES = frozenset(spec.SERVICE_FIELDS + spec.TASK_FIELDS + spec.COMMAND_FIELDS)
_KINDS = {"services": "service", "tasks": "task"}


def misplaced(path: Path) -> bool:
    """Whether `path` lies in a service or task whose key is a field name."""
    return len(path) >= 2 and path[0] in _KINDS and path[1] in _FIELD_NAMES


def hint(loc: Path, data: dict[object, object], *, missing: bool) -> str | None:
    """The hint for a schema error at `loc` (the full error location; `missing`: the error is a required field
    that is absent) when a field written as a service or task key explains it, or None."""
    if len(loc) < 2 or loc[0] not in _KINDS or not isinstance(data.get(loc[0]), dict):
        return None
    kind = _KINDS[str(loc[0])]
    keys = list(data[loc[0]])  # type: ignore[call-overload]  # checked to be a dict above
    index = keys.index(loc[1]) if loc[1] in keys else -1
    if misplaced(loc):
        owner = next((key for key in reversed(keys[:index]) if key not in _FIELD_NAMES), None)
        under = f'under {kind} "{owner}"' if owner is not None else f"under the {kind} it belongs to"
        return f'"{loc[1]}" is a field, not a {kind}: it is indented too little; indent it {under}'
    if missing and len(loc) == 3 and index >= 0:
        # The field this automation misses may stand just below it, written as a sibling key.
        following = keys[index + 1 :]
        next_automation = next((key for key in following if key not in _FIELD_NAMES), None)
        siblings = following[: following.index(next_automation)] if next_automation is not None else following
        if loc[2] in siblings:
            return f'"{loc[2]}" is below, indented like a {kind} key: indent it under "{loc[1]}"'
    return None
