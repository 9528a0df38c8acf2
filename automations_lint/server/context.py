"""Where the cursor stands, read from indentation alone, so that it works while the file is half written.

A file being typed rarely parses at the moment completion is asked for (`dependsOn: [` or a key without its
colon), so this reads the lines above the cursor as block YAML: each less indented `key:` line above is one level
out. Flow mappings (`tasks: {build: {...}}`) are not followed: completion then offers nothing, quietly."""

from __future__ import annotations

import re
from typing import NamedTuple

from automations_lint.source.lines import LINE_BREAK

_KEY = re.compile(r"^(?P<indent>[ ]*)(?:-[ ]+)?(?P<quote>[\"']?)(?P<key>[\w.-]+)(?P=quote)[ ]*:(?:[ ]+|$)")
_ITEM = re.compile(r"^(?P<indent>[ ]*)-(?:[ ]+|$)")
_WORD = re.compile(r"[\w-]*$")


class Place(NamedTuple):
    """The keys of the mappings around the cursor, outermost first, and what the cursor is writing.

    `field` is None where the cursor writes a key; else it is the key whose value (or list item) it writes."""

    path: tuple[str, ...]
    field: str | None
    prefix: str  # the word before the cursor, replaced by a completion
    indent: int  # the indentation of the cursor's line


def place(text: str, line: int, column: int) -> Place:
    """The place of the 1-based point (line, column)."""
    lines = LINE_BREAK.split(text)
    current = lines[line - 1] if line <= len(lines) else ""
    before = current[: column - 1]
    prefix = _WORD.search(before)
    word = prefix.group() if prefix else ""
    indent = len(before) - len(before.lstrip(" "))
    key = _KEY.match(before)
    if key is not None:
        return Place(parents(lines, line - 1, _indent_of(key)), key.group("key"), word, indent)
    item = _ITEM.match(before)
    if item is not None and "-" not in before[item.end() :]:
        owner = _list_owner(lines, line - 1, len(item.group("indent")))
        if owner is not None:
            owner_line, field = owner
            return Place(parents(lines, owner_line, _indent(lines[owner_line])), field, word, indent)
    return Place(parents(lines, line - 1, indent), None, word, indent)


def parents(lines: list[str], index: int, indent: int) -> tuple[str, ...]:
    """The keys of the block mappings that hold a line at `index` indented by `indent`, outermost first."""
    keys: list[str] = []
    for above in range(index - 1, -1, -1):
        if indent == 0:
            break
        text = lines[above]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        own = _indent(text)
        if own < indent:
            key = _KEY.match(text)
            if key is None:
                return ()  # inside something that is not a block mapping: no place we know
            keys.append(key.group("key"))
            indent = own
    return tuple(reversed(keys))


def siblings(lines: list[str], index: int, indent: int) -> set[str]:
    """The keys already written at `indent` in the block mapping that holds line `index`."""
    found: set[str] = set()
    for step in (-1, 1):
        at = index + step
        while 0 <= at < len(lines):
            text = lines[at]
            if text.strip() and not text.lstrip().startswith("#"):
                own = _indent(text)
                if own < indent:
                    break
                key = _KEY.match(text)
                if own == indent and key is not None:
                    found.add(key.group("key"))
            at += step
    return found


def _list_owner(lines: list[str], index: int, dash: int) -> tuple[int, str] | None:
    """The `key:` line above that a list item indented by `dash` belongs to (YAML lets the dash sit at the key's
    own indentation), with that key."""
    for above in range(index - 1, -1, -1):
        text = lines[above]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        own = _indent(text)
        if own > dash or (own == dash and _ITEM.match(text)):
            continue
        key = _KEY.match(text)
        if key is None or key.end() < len(text.rstrip()):
            return None  # the nearest key line has a value of its own: the item is not under it
        return above, key.group("key")
    return None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _indent_of(key: re.Match[str]) -> int:
    """The indentation of a key, counting a list dash before it as indentation (`- name:`)."""
    return key.start("quote")


def section_keys(text: str, section: str) -> list[str]:
    """The keys written under the top-level `section:` (the fallback for a file that does not parse)."""
    keys: list[str] = []
    inside, indent = False, None
    for text_line in LINE_BREAK.split(text):
        if not text_line.strip() or text_line.lstrip().startswith("#"):
            continue
        own = _indent(text_line)
        key = _KEY.match(text_line)
        if own == 0:
            inside, indent = key is not None and key.group("key") == section, None
        elif inside and key is not None and (indent is None or own == indent):
            indent = own
            keys.append(key.group("key"))
    return keys
