"""A lenient, typed view of the loaded document for rules.

Rules run even when the schema check failed (a wrong type in one task must not hide a cycle elsewhere), so they
read the raw data through this view, which skips whatever does not have the expected shape.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from automations_lint.diagnostic import Path

Kind = Literal["service", "task"]


@dataclass(frozen=True)
class Automation:
    """One service or task: its kind, its key and its raw fields."""

    kind: Kind
    key: str
    fields: dict[str, Any]

    @property
    def path(self) -> Path:
        return ("services" if self.kind == "service" else "tasks", self.key)

    def strings(self, field: str) -> Iterator[tuple[int, str]]:
        """(index, value) of the string items of a list field, such as dependsOn or triggeredBy."""
        items = self.fields.get(field)
        if isinstance(items, list):
            for index, item in enumerate(items):
                if isinstance(item, str):
                    yield index, item

    def text(self, field: str) -> str | None:
        value = self.fields.get(field)
        return value if isinstance(value, str) else None


@dataclass(frozen=True)
class Document:
    """The services and tasks of a file, in file order."""

    services: dict[str, Automation]
    tasks: dict[str, Automation]

    @classmethod
    def from_data(cls, data: object) -> Document:
        root = data if isinstance(data, dict) else {}
        return cls(_section(root.get("services"), "service"), _section(root.get("tasks"), "task"))

    def automations(self) -> Iterator[Automation]:
        yield from self.services.values()
        yield from self.tasks.values()


def _section(value: object, kind: Kind) -> dict[str, Automation]:
    if not isinstance(value, dict):
        return {}
    return {key: Automation(kind, key, fields) for key, fields in value.items() if isinstance(fields, dict)}
