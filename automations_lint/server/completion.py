"""Completion: field names for the mapping the cursor is in, trigger and role values, `dependsOn` keys, and
snippets for a new service or task."""

from __future__ import annotations

from lsprotocol import types

from automations_lint.schema import spec
from automations_lint.server import context, fields
from automations_lint.server.outline import Outline
from automations_lint.source.lines import LINE_BREAK

# How a field is inserted: scalars get their value on the line, lists and mappings start their first item.
_SHAPES = {
    "triggeredBy": "{field}:\n{inner}- $0",
    "dependsOn": "{field}:\n{inner}- $0",
    "environment": "{field}:\n{inner}- $0",
    "commands": "{field}:\n{inner}start: $0",
    "runsOn": "{field}:\n{inner}docker:\n{inner}  image: $0",
    "docker": "{field}:\n{inner}image: $0",
    "machine": "{field}: {{}}$0",
    "services": "{field}:\n{inner}$0",
    "tasks": "{field}:\n{inner}$0",
}
_NEW = {
    "services": (
        "new service",
        "${1:key}:\n{i}name: ${2:Name}\n{i}commands:\n{i}  start: ${3:command that keeps running}\n"
        "{i}triggeredBy:\n{i}  - ${4:postDevcontainerStart}",
    ),
    "tasks": (
        "new task",
        "${1:key}:\n{i}name: ${2:Name}\n{i}command: ${3:command}\n{i}triggeredBy:\n{i}  - ${4:manual}",
    ),
}


def complete(text: str, line: int, column: int, outline: Outline | None) -> list[types.CompletionItem]:
    """The completion items for the 1-based point."""
    where = context.place(text, line, column)
    if where.field is None:
        return _keys(text, line, where)
    if len(where.path) != 2 or where.path[0] not in ("services", "tasks"):
        return []
    if where.field == "triggeredBy":
        return [_value(name, fields.TRIGGER_DOCS[name]) for name in fields.triggers(where.path[0])]
    if where.field == "role" and where.path[0] == "services":
        return [_value(name or '""', fields.ROLE_DOCS[name]) for name in spec.ROLES]
    if where.field == "dependsOn" and where.path[0] == "tasks":
        return _references(text, where.path[1], outline)
    return []


def _keys(text: str, line: int, where: context.Place) -> list[types.CompletionItem]:
    if len(where.path) == 1 and where.path[0] in _NEW:
        label, body = _NEW[where.path[0]]
        return [_snippet(label, _indented(body, where.indent))]
    known = fields.fields(where.path)
    present = context.siblings(LINE_BREAK.split(text), line - 1, where.indent) - {where.prefix}
    inner = " " * (where.indent + 2)
    return [
        types.CompletionItem(
            label=name,
            kind=types.CompletionItemKind.Field,
            documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=doc),
            insert_text=_SHAPES.get(name, "{field}: $0").format(field=name, inner=inner),
            insert_text_format=types.InsertTextFormat.Snippet,
            insert_text_mode=types.InsertTextMode.AsIs,  # the indentation is written out already
        )
        for name, doc in known.items()
        if name not in present
    ]


def _indented(body: str, indent: int) -> str:
    """A snippet's lines indented for a key written at `indent` ({i} is one level deeper than the key)."""
    return "\n".join(" " * indent * (number > 0) + part for number, part in enumerate(body.split("\n"))).replace(
        "{i}", "  "
    )


def _references(text: str, task: str, outline: Outline | None) -> list[types.CompletionItem]:
    """Every task and service key of the file but the task's own, with its name (only the keys while the file
    does not parse)."""
    if outline is None:
        keys = context.section_keys(text, "tasks") + context.section_keys(text, "services")
        return [types.CompletionItem(label=key, kind=types.CompletionItemKind.Reference) for key in keys if key != task]
    items = []
    for automation in outline.document.automations():
        if automation.kind == "task" and automation.key == task:
            continue
        name = automation.text("name") or ""
        items.append(
            types.CompletionItem(
                label=automation.key,
                kind=types.CompletionItemKind.Reference,
                detail=f"{automation.kind}: {name}" if name else automation.kind,
            )
        )
    return items


def _value(label: str, doc: str) -> types.CompletionItem:
    return types.CompletionItem(
        label=label,
        kind=types.CompletionItemKind.EnumMember,
        documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=doc),
    )


def _snippet(label: str, body: str) -> types.CompletionItem:
    return types.CompletionItem(
        label=label,
        kind=types.CompletionItemKind.Snippet,
        insert_text=body,
        insert_text_format=types.InsertTextFormat.Snippet,
        insert_text_mode=types.InsertTextMode.AsIs,
    )
