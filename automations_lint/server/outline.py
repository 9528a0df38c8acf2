"""The keys of a file and the `dependsOn` items that name them, with exact spans, read from the loader.

A file that does not parse has no outline: navigation, hover on references and symbols then answer nothing,
while completion falls back on indentation (context.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from automations_lint.core.diagnostic import Span
from automations_lint.rules.document import Automation, Document
from automations_lint.server.positions import contains
from automations_lint.source.lines import LINE_BREAK
from automations_lint.source.loader import Loaded, load

SECTIONS = {"service": "services", "task": "tasks"}


class Key(NamedTuple):
    """A service or task key: the automation, its key's span (quotes left out) and the span of its whole entry."""

    automation: Automation
    span: Span
    entry: Span


class Reference(NamedTuple):
    """One `dependsOn` item: the task that holds it, the name it gives, and the span of the name (no quotes)."""

    task: str
    position: int  # its index in the list
    name: str
    span: Span


class Outline:
    """Every key and reference of one parsed text."""

    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self._lines = LINE_BREAK.split(loaded.text)
        self.document = Document.from_data(loaded.data, loaded.source_map, loaded.lines)
        self.keys = [key for automation in self.document.automations() if (key := self._key(automation))]
        self.references = list(self._references())

    @classmethod
    def build(cls, text: str) -> Outline | None:
        loaded = load(text)
        return None if loaded.broken else cls(loaded)

    def find(self, name: str) -> Automation | None:
        """The task or service a `dependsOn` item names (tasks first: Ona looks there first too)."""
        return self.document.tasks.get(name) or self.document.services.get(name)

    def key_at(self, line: int, column: int) -> Key | None:
        return next((key for key in self.keys if contains(key.span, line, column)), None)

    def reference_at(self, line: int, column: int) -> Reference | None:
        return next((ref for ref in self.references if contains(ref.span, line, column)), None)

    def key_of(self, automation: Automation) -> Key | None:
        return next((key for key in self.keys if key.automation is automation), None)

    def name_at(self, line: int, column: int) -> Automation | None:
        """The automation whose key, or a reference to which, is at the point."""
        key = self.key_at(line, column)
        if key is not None:
            return key.automation
        reference = self.reference_at(line, column)
        return self.find(reference.name) if reference is not None else None

    def references_to(self, automation: Automation) -> list[Reference]:
        return [ref for ref in self.references if self.find(ref.name) is automation]

    def _key(self, automation: Automation) -> Key | None:
        node = self.loaded.source_map.get(automation.path)
        if node is None or node.key is None:
            return None
        entry = Span(node.key.line, node.key.column, node.value.end_line, node.value.end_column)
        return Key(automation, self._unquoted(node.key), entry)

    def _references(self) -> Iterator[Reference]:
        for task in self.document.tasks.values():
            for index, name in task.strings("dependsOn"):
                node = self.loaded.source_map.get((*task.path, "dependsOn", index))
                if node is not None:
                    span = self._unquoted(node.value) if node.style in ("'", '"') else node.value
                    yield Reference(task.key, index, name, span)

    def _unquoted(self, span: Span) -> Span:
        """The span inside the quotes of a quoted one-line scalar (keys are plain names, or quoted ones)."""
        if span.line == span.end_line and span.line <= len(self._lines):
            first = self._lines[span.line - 1][span.column - 1 : span.column]
            if first in ("'", '"') and span.end_column - span.column >= 2:
                return Span(span.line, span.column + 1, span.end_line, span.end_column - 1)
        return span
