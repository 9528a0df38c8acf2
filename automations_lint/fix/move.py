"""The one structural fix: `start`, `ready` and `stop` written directly on a service move under `commands:`.

The entries move as whole lines (a block scalar's content and trailing comments travel with its key), every line
shifted right by the same number of spaces, so no scalar changes (a quoted string's continuation lines may sit
left of its key: they are shifted too, never cut). `commands:` is created where the first of them stood (an empty
`commands:` is replaced by it), or they are appended to an existing block `commands:` mapping.

A move is only offered when it is exact: the service's lines are read again with the move applied, and every
field, the moved commands included, must come out exactly as it was, with no key written twice. Anything that
fails that (a flow mapping, an entry sharing its line, the same command already under `commands:`, a key written
twice, a value whose text would change, an alias to an anchor outside the service) is refused, not rewritten.
A service that would end up with no `start` is left alone too: the move would trade one error for another.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

from automations_lint.core.diagnostic import Edit, Fix, Path
from automations_lint.schema import spec
from automations_lint.source.lines import LINE_BREAK
from automations_lint.source.loader import load

if TYPE_CHECKING:
    from automations_lint.fix.source import Source


class _Lines(NamedTuple):
    """Whole lines holding one entry: offsets, its key's column (0-based), and whether a comment follows it."""

    start: int
    end: int
    column: int
    comment: bool


def move_under_commands(service: Path, source: Source) -> Fix | None:
    fields = source.value(service)
    if not isinstance(fields, dict) or not _block_mapping(service, source):
        return None
    moving = [name for name in fields if name in spec.COMMAND_FIELDS]
    commands = fields.get("commands")
    empty = "commands" in fields and commands in (None, {})
    if commands is not None and (not isinstance(commands, dict) or any(name in commands for name in moving)):
        return None
    if "start" not in moving and not (isinstance(commands, dict) and "start" in commands):
        return None  # `commands` would still lack `start`: not a fix
    if any(source.duplicated((*service, name)) for name in [*moving, "commands"]):
        return None
    found = [_entry_lines((*service, name), source) for name in moving]
    entries = [entry for entry in found if entry is not None]
    if len(entries) != len(found) or len({entry.column for entry in entries}) != 1:
        return None
    step = _indent_step(service, source)
    edits: list[Edit] | None
    if empty:
        line = _empty_line((*service, "commands"), entries, source)
        edits = None if line is None else _create([line, *entries], entries, step, source)
    elif commands is None:
        edits = _create(entries, entries, step, source)
    else:
        edits = _append((*service, "commands"), entries, source)
    if edits is None:
        return None
    expected = {name: value for name, value in fields.items() if name not in moving}
    expected["commands"] = {**(commands or {}), **{name: fields[name] for name in moving}}
    if not _exact(service, edits, expected, source):
        return None
    names = ", ".join(f'"{name}"' for name in moving)
    return Fix(f"move {names} under commands:", tuple(sorted(edits, key=lambda edit: edit.start)))


def _create(ranges: list[_Lines], entries: list[_Lines], step: int, source: Source) -> list[Edit]:
    """A new `commands:` with the entries under it where the first of `ranges` stood; every range removed."""
    first, *rest = sorted(ranges)
    head = " " * entries[0].column + "commands:" + source.newline
    block = head + _moved(entries, step, source, at_end=first.end == len(source.text))
    return [Edit(first.start, first.end, block)] + [Edit(other.start, other.end, "") for other in rest]


def _empty_line(path: Path, entries: list[_Lines], source: Source) -> _Lines | None:
    """The line of an empty `commands:` (null or `{}`), which gives way to the new one; None if it shares its line
    or has a comment, which would be lost, or an anchor that an alias uses, which the alias would lose (an editor
    applies a fix's edits as they are, without --fix's check of the whole file)."""
    line = _entry_lines(path, source)
    if line is None or line.comment or line.column != entries[0].column:
        return None
    anchors = re.findall(r"&([^\s,\[\]{}]+)", source.text[line.start : line.end])
    return None if any(source.aliased(anchor) for anchor in anchors) else line


def _append(path: Path, entries: list[_Lines], source: Source) -> list[Edit] | None:
    """The entries added at the end of an existing block `commands:` mapping."""
    node = source.source_map.get(path)
    if node is None or node.key is None or node.value.line == node.key.line:
        return None  # a flow `commands:` would need rewriting, not appending
    inner = node.value.column - 1
    insert_at = source.line_range(node.value.end_line, node.value.end_line)[1]
    block = _moved(entries, inner - entries[0].column, source, at_end=insert_at == len(source.text))
    if insert_at == len(source.text) and not source.text.endswith(("\n", "\r")):
        block = source.newline + block
    return [Edit(insert_at, insert_at, block)] + [Edit(entry.start, entry.end, "") for entry in entries]


def _moved(entries: list[_Lines], shift: int, source: Source, *, at_end: bool) -> str:
    """The entries' lines, shifted right by `shift` spaces, in order; each ends with a line break, but for the
    last line of the file when the block goes at its end (a final block scalar must not gain a newline)."""
    pieces = [_shifted(source.text[entry.start : entry.end], shift) for entry in entries]
    ended = [
        piece
        if piece.endswith(("\n", "\r", "\x85", "\u2028", "\u2029")) or (index == len(pieces) - 1 and at_end)
        else piece + source.newline
        for index, piece in enumerate(pieces)
    ]
    return "".join(ended)


def _shifted(text: str, shift: int) -> str:
    """Every line that holds anything (whitespace-only lines of a `|` block included) moved `shift` columns right.
    Lines are the loader's lines, so a U+2028 inside a value is a line break here as it is for the parser."""
    starts = [0, *(match.end() for match in LINE_BREAK.finditer(text))]
    pad = " " * shift
    lines = [text[start:end] for start, end in zip(starts, [*starts[1:], len(text)], strict=True)]
    return "".join(pad + line if LINE_BREAK.sub("", line) else line for line in lines)


def _exact(service: Path, edits: list[Edit], expected: dict[str, Any], source: Source) -> bool:
    """Whether the service's lines, with the edits applied, read as exactly `expected` and without a problem."""
    node = source.source_map.get(service)
    if node is None:
        return False
    start, end = source.line_range(node.value.line, node.value.end_line)
    if any(edit.start < start or edit.end > end for edit in edits):
        return False
    region = source.text[start:end]
    for edit in sorted(edits, key=lambda edit: (edit.start, edit.end), reverse=True):
        region = region[: edit.start - start] + edit.text + region[edit.end - start :]
    loaded = load(region)
    return not loaded.broken and not loaded.problems and loaded.data == expected


def _entry_lines(path: Path, source: Source) -> _Lines | None:
    """The whole lines holding the entry at `path`, if it has its lines to itself (a comment may follow it)."""
    node = source.source_map.get(path)
    if node is None or node.key is None:
        return None
    start, end = source.line_range(node.key.line, node.value.end_line)
    before = source.text[start : source.offset(node.key.line, node.key.column)]
    after = source.text[source.offset(node.value.end_line, node.value.end_column) : end].strip()
    if before.strip() or (after and not after.startswith("#")):
        return None
    return _Lines(start, end, node.key.column - 1, bool(after))


def _block_mapping(path: Path, source: Source) -> bool:
    node = source.source_map.get(path)
    return node is not None and source.text[source.offset(node.value.line, node.value.column)] != "{"


def _indent_step(service: Path, source: Source) -> int:
    """How far the file indents a mapping's fields under its key (2 when it cannot tell)."""
    node = source.source_map.get(service)
    if node is None or node.key is None:
        return 2
    return max(node.value.column - node.key.column, 1) if node.value.line > node.key.line else 2
