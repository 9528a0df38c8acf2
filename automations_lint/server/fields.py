"""The fields of each mapping of the file and their documentation, from the strict model's descriptions (the same
text the JSON Schema carries), and the documentation of trigger and role values."""

from __future__ import annotations

from pydantic import BaseModel

from automations_lint.schema import model, spec

TRIGGER_DOCS = spec.TRIGGER_MEANINGS
ROLE_DOCS = spec.ROLE_MEANINGS


def scope(path: tuple[str, ...]) -> type[BaseModel] | None:
    """The model of the mapping at a path of keys (an automation's key stands in the second place)."""
    if not path:
        return model.AutomationsFile
    if path[0] not in ("services", "tasks") or len(path) < 2:
        return None
    if len(path) == 2:
        return model.Service if path[0] == "services" else model.Task
    inner: dict[tuple[str, ...], type[BaseModel]] = {
        ("commands",): model.Commands,
        ("runsOn",): model.RunsOn,
        ("runsOn", "docker"): model.Docker,
    }
    if path[0] == "tasks" and path[2:3] == ("commands",):
        return None  # a task has one `command`, no `commands` mapping
    return inner.get(path[2:])


def fields(path: tuple[str, ...]) -> dict[str, str]:
    """Field name -> its documentation, for the mapping at `path` (empty where the path is not known)."""
    found = scope(path)
    if found is None:
        return {}
    return {name: info.description or "" for name, info in found.model_fields.items()}


def triggers(kind: str) -> tuple[str, ...]:
    """The trigger names an automation of `kind` ("services" or "tasks") may use."""
    return spec.SERVICE_TRIGGERS if kind == "services" else spec.TASK_TRIGGERS
