"""Fixes for the problems that have one right answer, as text edits at exact source offsets.

A fix never re-serialises the document: it replaces the characters of one key or value, removes one list item,
or moves whole lines. Everything else in the file, comments, quoting, key order, indentation and line endings,
stays byte for byte as it was. Each maker returns None when the fix is not certain (the target key exists
already, a flow mapping would need rewriting, no single close match), so only certain fixes are offered.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from automations_lint.core.diagnostic import Edit, Finding, Fix, Path
from automations_lint.core.suggest import near_names
from automations_lint.fix.source import Source
from automations_lint.schema import field_as_key, spec
from automations_lint.source.scalars import resolve_plain

# An anchor or a tag written before a scalar (`&name`, `!tag`, `!!str`): kept as it is when the scalar is rewritten.
_PROPERTIES = re.compile(r"(?:[&!][^\s,\[\]{}]*[ \t]+)+")
# A new value written plain: identifiers only, so it cannot read as anything but itself.
_PLAIN_SAFE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


# The renames the issue tracker settled as unambiguous: field -> (its right name, where it may stand).
RENAMES: dict[str, tuple[str, tuple[str, ...]]] = {
    **dict.fromkeys(("triggers", "triggerBy", "trigger_by", "triggered_by"), ("triggeredBy", ("services", "tasks"))),
    **dict.fromkeys(("dependencies", "depends_on"), ("dependsOn", ("tasks",))),
    "runs_on": ("runsOn", ("services", "tasks")),
}


def fix_for(rule: str, finding: Finding, source: Source) -> Fix | None:
    """The fix for a finding, when its rule has one and it is certain here."""
    maker = _MAKERS.get(rule)
    if maker is None or field_as_key.misplaced(finding.path):  # a field indented too little: no fix is certain
        return None
    return maker(finding, source)


def _unknown_field(finding: Finding, source: Source) -> Fix | None:
    path = finding.path
    name = str(path[-1])
    parent = path[:-1]
    if len(parent) == 2 and parent[0] == "services" and name in spec.COMMAND_FIELDS:
        from automations_lint.fix.move import move_under_commands

        return move_under_commands(parent, source)
    if name not in RENAMES or len(parent) != 2:
        return None
    target, places = RENAMES[name]
    siblings = source.value(parent)
    if parent[0] not in places or not isinstance(siblings, dict) or source.duplicated(path):
        return None
    # The target, or another spelling that would become it (or that protojson reads as it: `triggered_by`), is
    # there already: renaming would write the field twice. Which copy is meant is the user's call.
    same = {target, *(other for other, (goal, _) in RENAMES.items() if goal == target)} - {name}
    if same & set(siblings):
        return None
    return _replace_scalar(path, target, source, key=True, description=f'rename "{name}" to "{target}"')


def _proto_field_name(finding: Finding, source: Source) -> Fix | None:
    name = str(finding.path[-1])
    target = spec.PROTO_NAMES[name]
    siblings = source.value(finding.path[:-1])
    if not isinstance(siblings, dict) or target in siblings:
        return None
    return _replace_scalar(finding.path, target, source, key=True, description=f'rename "{name}" to "{target}"')


def _quote_key(finding: Finding, source: Source) -> Fix | None:
    """Quote a plain key that YAML reads as a number, boolean or date, so that it is the string it looks like."""
    span = finding.span
    if span is None or span.end_line != span.line or not (finding.hint or "").startswith("quote it"):
        return None
    start, end = source.slice(span)
    text = source.text[start:end]
    if not text or text[0] in "!&*'\"" or '"' in text or "\\" in text:
        return None  # tagged, anchored, aliased or already quoted: not a plain key
    return Fix(f'quote the key "{text}"', (Edit(start, end, f'"{text}"'),))


# A fix maker: the fix of one finding, or None when it is not certain.
Maker = Callable[[Finding, Source], Fix | None]


def _literal(allowed: Callable[[Path, Source], tuple[str, ...]], *, safe: bool) -> Maker:
    """A maker that replaces a misspelt value by its single close match among the allowed values."""

    def make(finding: Finding, source: Source) -> Fix | None:
        value = source.value(finding.path)
        if not isinstance(value, str):
            return None
        match = unique_close_match(value, allowed(finding.path, source))
        if match is None:
            return None
        return _replace_scalar(
            finding.path, match, source, key=False, description=f'change "{value}" to "{match}"', safe=safe
        )

    return make


def _triggers(path: Path, _source: Source) -> tuple[str, ...]:
    return spec.SERVICE_TRIGGERS if path[0] == "services" else spec.TASK_TRIGGERS


def _roles(_path: Path, _source: Source) -> tuple[str, ...]:
    return tuple(role for role in spec.ROLES if role)


def _references(_path: Path, source: Source) -> tuple[str, ...]:
    """The keys a dependsOn entry may name: the tasks and services of the file (gathered once per file)."""
    if source.references is None:
        found: list[str] = []
        for section in ("tasks", "services"):
            mapping = source.value((section,))
            if isinstance(mapping, dict):
                found += [key for key in mapping if isinstance(key, str)]
        source.references = tuple(found)
    return source.references


def _duplicate_entry(finding: Finding, source: Source) -> Fix | None:
    node = source.source_map.get(finding.path)
    items = source.source_map.get(finding.path[:-1])
    if node is None or items is None:
        return None
    start, end = source.slice(node.value)
    text = source.text
    if any(source.aliased(anchor) for anchor in re.findall(r"&([^\s,\[\]{}]+)", text[start:end])):
        return None  # the repeated entry defines an anchor that an alias uses: removing it would break the alias
    if text[source.offset(items.value.line, items.value.column)] == "[":
        # Flow sequence: take the comma before the item with it ("a, b, a" -> "a, b"); a duplicate is never first.
        cut = start
        while cut > 0 and text[cut - 1] in " \t\r\n":
            cut -= 1
        if cut == 0 or text[cut - 1] != ",":
            return None
        return Fix("remove the repeated entry", (Edit(cut - 1, end, ""),))
    line_start, line_end = source.line_range(node.value.line, node.value.end_line)
    head = text[line_start:start]
    tail = text[end:line_end].strip()
    if head.strip() != "-" or (tail and not tail.startswith("#")):
        return None  # the item shares its line with something else
    return Fix("remove the repeated entry", (Edit(line_start, line_end, ""),))


def _replace_scalar(
    path: Path, new: str, source: Source, *, key: bool, description: str, safe: bool = True
) -> Fix | None:
    node = source.source_map.get(path)
    if node is None or source.duplicated(path):
        return None
    span = node.key if key else node.value
    if span is None or span.end_line != span.line:
        return None
    start, end = source.slice(span)
    old = source.text[start:end]
    properties = _PROPERTIES.match(old)
    if properties is not None:
        # Keep the anchor and tag; refuse when an alias repeats the value elsewhere, which the rewrite would change too.
        anchors = re.findall(r"&([^\s,\[\]{}]+)", properties.group())
        if any(source.aliased(anchor) for anchor in anchors):
            return None
        start += properties.end()
        old = old[properties.end() :]
    current = path[-1] if key else source.value(path)
    quote = old[0] if old[:1] in ("'", '"') and old[-1:] == old[:1] and len(old) > 1 else ""
    # Only a scalar written exactly as its value (no escapes, no alias, no folding) is rewritten in place.
    if not isinstance(current, str) or old[len(quote) : len(old) - len(quote)] != current:
        return None
    return Fix(description, (Edit(start, end, _scalar_text(new, quote)),), safe)


def _scalar_text(value: str, quote: str) -> str:
    """`value` written in the quoting the old scalar had, or quoted when plain would read as something else."""
    if quote == "'":
        return "'" + value.replace("'", "''") + "'"
    if quote == "" and _PLAIN_SAFE.match(value) and resolve_plain(value) == value:
        return value
    return json.dumps(value, ensure_ascii=False)  # JSON's string escapes are YAML's double-quoted ones


def unique_close_match(word: str, candidates: tuple[str, ...]) -> str | None:
    """The one candidate that differs from `word` only in case or by one typo (a letter added, dropped, changed or
    swapped with its neighbour); None when there is no such candidate or more than one."""
    near = near_names(word, candidates)  # many names: an index, not a scan of all of them for each word
    if near is not None:
        candidates = tuple(near)
    matches = [c for c in candidates if c.lower() == word.lower()] or [
        c for c in candidates if _one_typo_apart(word.lower(), c.lower())
    ]
    return matches[0] if len(matches) == 1 else None


def _one_typo_apart(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [i for i in range(len(a)) if a[i] != b[i]]
        if len(differ) == 1:
            return True
        i = differ[0]
        return len(differ) == 2 and differ[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i in range(len(shorter)) if shorter[i] != longer[i]), len(shorter))
    return shorter[i:] == longer[i + 1 :]


_MAKERS: dict[str, Maker] = {
    "unknown-field": _unknown_field,
    "unknown-trigger": _literal(_triggers, safe=True),
    "unknown-role": _literal(_roles, safe=True),
    "duplicate-entry": _duplicate_entry,
    "unknown-reference": _literal(_references, safe=False),
    "proto-field-name": _proto_field_name,
    "invalid-key": _quote_key,
}

FIXABLE_RULES = frozenset(_MAKERS)
