"""The one structural fix: `start`, `ready` and `stop` written directly on a service move under `commands:`.

The entries move as whole lines (a block scalar's content and trailing comments travel with its key), indented one
step deeper; `commands:` is created where the first of them stood, or they are appended to an existing block
`commands:` mapping. Anything less regular (a flow mapping, an entry sharing its line, the same command already
under `commands:`) is refused rather than rewritten.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from automations_lint import spec
from automations_lint.diagnostic import Path

if TYPE_CHECKING:
    from automations_lint.fixes import Fix, Source


def move_under_commands(service: Path, source: Source) -> Fix | None:
    from automations_lint.fixes import Edit, Fix

    fields = source.value(service)
    if not isinstance(fields, dict):
        return None
    moving = [name for name in fields if name in spec.COMMAND_FIELDS]
    commands = fields.get("commands")
    if commands is not None and (not isinstance(commands, dict) or any(name in commands for name in moving)):
        return None
    entries = [_entry_lines((*service, name), source) for name in moving]
    if any(entry is None for entry in entries) or not _block_mapping(service, source):
        return None
    ranges = [entry for entry in entries if entry is not None]
    step = _indent_step(service, source)
    key_column = ranges[0][2]
    if commands is None:
        indent = key_column + step
        block = " " * key_column + "commands:" + source.newline
        block += "".join(
            _reindent(source.text[start:end], key_column, indent, source.newline) for start, end, _ in ranges
        )
        edits = [Edit(ranges[0][0], ranges[0][1], block)]
        edits += [Edit(start, end, "") for start, end, _ in ranges[1:]]
    else:
        inner = _commands_indent((*service, "commands"), source)
        if inner is None:
            return None
        insert_at = _after_value((*service, "commands"), source)
        block = "".join(
            _reindent(source.text[start:end], key_column, inner, source.newline) for start, end, _ in ranges
        )
        edits = [Edit(insert_at, insert_at, block)] + [Edit(start, end, "") for start, end, _ in ranges]
    names = ", ".join(f'"{name}"' for name in moving)
    return Fix(f"move {names} under commands:", tuple(sorted(edits, key=lambda edit: edit.start)))


def _entry_lines(path: Path, source: Source) -> tuple[int, int, int] | None:
    """(start, end, key column) of the whole lines holding the entry at `path`, if it has its lines to itself."""
    node = source.source_map.get(path)
    if node is None or node.key is None:
        return None
    start, end = source.line_range(node.key.line, node.value.end_line)
    before = source.text[start : source.offset(node.key.line, node.key.column)]
    after = source.text[source.offset(node.value.end_line, node.value.end_column) : end].strip()
    if before.strip() or (after and not after.startswith("#")):
        return None
    return start, end, node.key.column - 1


def _block_mapping(path: Path, source: Source) -> bool:
    node = source.source_map.get(path)
    return node is not None and source.text[source.offset(node.value.line, node.value.column)] != "{"


def _indent_step(service: Path, source: Source) -> int:
    """How far the file indents a mapping's fields under its key (2 when it cannot tell)."""
    node = source.source_map.get(service)
    if node is None or node.key is None:
        return 2
    return max(node.value.column - node.key.column, 1) if node.value.line > node.key.line else 2


def _commands_indent(path: Path, source: Source) -> int | None:
    node = source.source_map.get(path)
    if node is None or node.key is None or node.value.line == node.key.line:
        return None  # an empty or flow `commands:` would need rewriting, not appending
    return node.value.column - 1


def _after_value(path: Path, source: Source) -> int:
    node = source.source_map.get(path)
    assert node is not None
    return source.line_range(node.value.end_line, node.value.end_line)[1]


def _reindent(lines: str, old: int, new: int, newline: str) -> str:
    """Shift every non-blank line from indentation `old` to `new` (block scalar content moves along)."""
    shifted = []
    for line in lines.splitlines(keepends=True):
        if line.strip():
            shifted.append(" " * new + line[old:] if new >= old else line[old - new :])
        else:
            shifted.append(line)
    text = "".join(shifted)
    return text if text.endswith(("\n", "\r")) else text + newline
