"""A lenient, typed view of the loaded document for rules.

Rules run even when the schema check failed (a wrong type in one task must not hide a cycle elsewhere), so they
read the raw data through this view, which skips whatever does not have the expected shape.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from automations_lint.core.diagnostic import Path, Span
from automations_lint.schema.spec import PROTO_NAMES
from automations_lint.source.lines import Lines
from automations_lint.source.scalar_map import ScalarMap, scalar_map
from automations_lint.source.source_map import Node, SourceMap

if TYPE_CHECKING:
    from automations_lint.shell.words import Command

Kind = Literal["service", "task"]


class Automation(NamedTuple):
    """One service or task: its kind, its key and its raw fields."""

    kind: Kind
    key: str
    fields: dict[str, Any]
    # The fields written under their protobuf name (`triggered_by`), which `fields` holds under the JSON name.
    proto_names: tuple[str, ...] = ()

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

    def script(self, field: str) -> tuple[Path, str] | None:
        """(path, script) of one command: "start", "ready" or "stop" of a service, "command" of a task."""
        return next(((path, script) for path, script in self.scripts() if path[-1] == field), None)

    def scripts(self) -> Iterator[tuple[Path, str]]:
        """(path, script) of every shell command it runs: a service's start, ready and stop, a task's command."""
        if self.kind == "task":
            command = self.text("command")
            if command is not None:
                yield (*self.path, "command"), command
            return
        commands = self.fields.get("commands")
        if isinstance(commands, dict):
            for field in ("start", "ready", "stop"):
                script = commands.get(field)
                if isinstance(script, str):
                    yield (*self.path, "commands", field), script


class Document:
    """The services and tasks of a file, in file order."""

    __slots__ = ("_maps", "keys", "lines", "services", "source_map", "tasks")

    def __init__(
        self,
        services: dict[str, Automation],
        tasks: dict[str, Automation],
        source_map: SourceMap | None = None,
        lines: Lines | None = None,
        *,
        keys: tuple[str, ...] | None = None,
    ) -> None:
        self.services = services
        self.tasks = tasks
        # Every key of the tasks, then of the services, whatever its value: a task written `lint:` (null) is no
        # automation, but it is a name that dependsOn uses, and its own error says what is wrong with it.
        self.keys = (*tasks, *services) if keys is None else keys
        self.source_map = source_map or SourceMap()
        # The source and its line index (the loader's), to place findings inside scalars; empty when there is none.
        self.lines = lines or Lines("")
        self._maps: dict[Path, ScalarMap] = {}

    @property
    def text(self) -> str:
        return self.lines.text

    @classmethod
    def from_data(cls, data: object, source_map: SourceMap | None = None, lines: Lines | None = None) -> Document:
        root = data if isinstance(data, dict) else {}
        source_map = source_map or SourceMap()
        services = _section(root.get("services"), "service", source_map)
        tasks = _section(root.get("tasks"), "task", source_map)
        keys = tuple(
            key
            for section in (root.get("tasks"), root.get("services"))
            if isinstance(section, dict)
            for key in section
            if isinstance(key, str)
        )
        return cls(services, tasks, source_map, lines, keys=keys)

    def span_in(self, path: Path, value: str, start: int, end: int) -> Span | None:
        """The source span of `value[start:end]`, where `value` is the scalar at `path`; None when not exact."""
        node = self.node(path)
        if node is None or not self.text or end <= start:
            return None
        if path not in self._maps:
            self._maps[path] = scalar_map(self.lines.lines, node, value)
        mapped = self._maps[path]
        if not mapped.exact:
            return None
        line, column = mapped.position(start)
        end_line, end_column = mapped.position(end - 1)
        return Span(line, column, end_line, end_column + 1)

    def command_span(self, path: Path, script: str, command: Command) -> Span | None:
        """The source span of one command of the script at `path` (None when not exact)."""
        return self.span_in(path, script, command.offset, command.offset + len(command.text))

    def task_graph(self) -> dict[str, list[str]]:
        """Task key -> the tasks it depends on, in file order (services and unknown names left out)."""
        return {
            key: [reference for _, reference in task.strings("dependsOn") if reference in self.tasks]
            for key, task in self.tasks.items()
        }

    def node(self, path: Path) -> Node | None:
        """How the value at `path` was written (style, raw text, span), when the source is known."""
        return self.source_map.get(path)

    def automations(self) -> Iterator[Automation]:
        yield from self.services.values()
        yield from self.tasks.values()


def _section(value: object, kind: Kind, source_map: SourceMap) -> dict[str, Automation]:
    if not isinstance(value, dict):
        return {}
    return {
        key: _automation(kind, key, fields, source_map) for key, fields in value.items() if isinstance(fields, dict)
    }


def _automation(kind: Kind, key: str, fields: dict[str, Any], source_map: SourceMap) -> Automation:
    """The automation with fields written under their protobuf name read under their JSON name, as Ona reads them
    (so that rules, plans and graphs see `depends_on` as `dependsOn`), their positions included."""
    proto = tuple(name for name in fields if name in PROTO_NAMES and PROTO_NAMES[name] not in fields)
    if not proto:
        return Automation(kind, key, fields)
    path = ("services" if kind == "service" else "tasks", key)
    for name in proto:
        source_map.alias((*path, name), (*path, PROTO_NAMES[name]))
    renamed = {PROTO_NAMES.get(name, name) if name in proto else name: value for name, value in fields.items()}
    return Automation(kind, key, renamed, proto)
