"""Hover: on a `dependsOn` item, the task or service it names; on a field's key, the field's documentation."""

from __future__ import annotations

from lsprotocol import types

from automations_lint.core.diagnostic import Span
from automations_lint.rules.document import Automation
from automations_lint.server import context, fields
from automations_lint.server.outline import Outline
from automations_lint.server.positions import Text
from automations_lint.source.lines import LINE_BREAK


def hover(source: str, outline: Outline | None, text: Text, line: int, column: int) -> types.Hover | None:
    if outline is not None:
        reference = outline.reference_at(line, column)
        if reference is not None:
            automation = outline.find(reference.name)
            if automation is None:
                return _markdown(f'no task or service has the key "{reference.name}"', text, reference.span)
            return _markdown(describe(automation), text, reference.span)
    return _field(source, line, column)


def describe(automation: Automation) -> str:
    """The name and command of an automation, as Markdown."""
    parts = [f"**{automation.kind} `{automation.key}`**"]
    name = automation.text("name")
    if name:
        parts[0] += f": {name}"
    description = automation.text("description")
    if description:
        parts.append(description)
    script = automation.script("command" if automation.kind == "task" else "start")
    if script is not None:
        parts.append(f"```sh\n{script[1].rstrip()}\n```")
    return "\n\n".join(parts)


def _field(source: str, line: int, column: int) -> types.Hover | None:
    """The documentation of the field whose key is under the point."""
    lines = LINE_BREAK.split(source)
    current = lines[line - 1] if line <= len(lines) else ""
    key = context.place(source, line, len(current) + 1)
    if key.field is None or column - 1 > current.find(key.field) + len(key.field):
        return None
    doc = fields.fields(key.path).get(key.field)
    if not doc:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=f"**{key.field}**\n\n{doc}"))


def _markdown(value: str, text: Text, span: Span) -> types.Hover:
    contents = types.MarkupContent(kind=types.MarkupKind.Markdown, value=value)
    return types.Hover(contents=contents, range=text.range(span))
