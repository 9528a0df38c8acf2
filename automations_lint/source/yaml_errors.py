"""libyaml's error messages in plain words, with the likely fix.

The parser says what it expected ("did not find expected key", "mapping values are not allowed in this
context"); the user needs to know what they wrote wrong. Most of these errors come from indentation or from a
value that YAML reads as syntax (`: ` inside it, a leading `[`, `@` or backquote), and the lines around the
error tell which. Positions are 0-based here, as the parser gives them.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from automations_lint.core.diagnostic import Finding
from automations_lint.source.lines import LINE_BREAK, Lines
from automations_lint.source.source_map import span_from_marks

# A line that starts with a mapping key: `name:`, `"quoted key":`, or `- name:` (the first key of a list item). A
# key's characters are anything but "#" and a ": "; each character matches one way only, so a long line costs
# linear time (a lazy `.*?` before `\s*:` would cost quadratic time on a line of spaces).
_KEY = r"""(?:"[^"]*"|'[^']*'|[^\s#\-"'](?:[^:#]|:(?!\s|$))*)"""
_KEY_LINE = re.compile(rf"\s*(?:-\s+)?{_KEY}:(?:\s|$)")
_KEY_NAME = re.compile(rf"\s*(?:-\s+)?({_KEY}):(?:\s|$)")
_ITEM_DASH = re.compile(r"\s*-\s+")
_QUOTES = "\"'"
# How far up to look for the lines an indentation is compared with.
_LOOK_BACK = 200


class Explanation(NamedTuple):
    """A syntax error in plain words: the message, the hint, and where it is (0-based line and column)."""

    message: str
    hint: str | None
    line: int
    column: int


class _Error(NamedTuple):
    problem: str
    context: str | None
    line: int
    column: int
    # Where the parser began the construct it could not finish (a mapping, a bracket), if it says.
    context_line: int | None
    context_column: int | None


def explain(
    problem: str, context: str | None, lines: list[str], at: tuple[int, int], began: tuple[int, int] | None
) -> Explanation | None:
    """The explanation of a parser error at `at`, in the source `lines`; None for an error not explained here."""
    error = _Error(problem, context, *at, *(began or (None, None)))
    if problem == "did not find expected key":
        return _unexpected_line(error, lines)
    if problem == "did not find expected <document start>":  # the file's first key was indented, a later one not
        return _top_level_indented(lines, error.line)
    if problem == "mapping values are not allowed in this context":
        return _colon_in_value(error, lines)
    if problem == "block sequence entries are not allowed in this context":
        return Explanation(
            'a list item ("- ") on the same line as its key',
            'put each item on a line of its own under the key, or write the list in brackets: "key: [a, b]"',
            error.line,
            error.column,
        )
    if problem.startswith("did not find expected ',' or"):
        return _unclosed_bracket(error, lines)
    if "anchor" in (context or "") or "alias" in (context or ""):
        return _shell_operator(error, lines)
    tab = _line(lines, error.line)[error.column : error.column + 1] == "\t"  # the loader explains tabs
    if problem == "found character that cannot start any token" and not tab:
        return _reserved_character(error, lines)
    if problem == "found unknown escape character":
        return Explanation(
            "a backslash in a double-quoted string starts an escape that YAML does not know",
            "use single quotes, where a backslash is an ordinary character, or write the backslash twice",
            error.line,
            error.column,
        )
    if problem == "did not find expected '-' indicator":
        return Explanation(
            "this line is not indented like the list items above it",
            'start it with "- " like the items above, or indent it under one of them',
            error.line,
            error.column,
        )
    return None


def _unexpected_line(error: _Error, lines: list[str]) -> Explanation:
    """`did not find expected key`: a line where the mapping above expected its next key or its end."""
    text = _line(lines, error.line)
    indent = len(text) - len(text.lstrip(" "))
    before = text[: error.column].rstrip()
    if error.column > indent and before.endswith(('"', "'")):
        key, _, value = text.strip().partition(": ")
        example = f": {key}: '{value}'" if value and "'" not in value else ""
        return Explanation(
            "text follows the closing quote of a quoted value",
            f"quote the whole value, or write it without quotes{example}",
            error.line,
            error.column,
        )
    if text.lstrip().startswith("-"):
        above = _previous_content(lines, error.line)
        if above is not None and _line(lines, above).lstrip().startswith("-"):
            return Explanation(
                "this list item is indented differently from the items above it",
                f'indent every "-" of the list by the same number of spaces (line {above + 1} has '
                f"{_indent(_line(lines, above))})",
                error.line,
                indent,
            )
        return Explanation(
            'a list item ("- ") where the mapping above expects a key',
            'write the entry as "key: value" without the "-" (services and tasks are mappings from a key to '
            "each entry), or indent the list under the key it belongs to",
            error.line,
            indent,
        )
    return _misindented(lines, error.line, indent)


def _misindented(lines: list[str], line: int, indent: int) -> Explanation:
    """A key line whose indentation matches none of the mappings above it."""
    sibling = _nearest_key_line(lines, line, indent)
    message = "this line is indented differently from the lines above it"
    if sibling is None:
        return Explanation(message, "indent it like the keys it belongs with", line, indent)
    spaces = _key_column(_line(lines, sibling))
    name = _key_name(_line(lines, sibling))
    return Explanation(
        f"{message} ({_spaces(indent)}, where {name} on line {sibling + 1} has {spaces})",
        f"indent it by {_spaces(spaces)} if it belongs with {name}; keys of one mapping line up exactly",
        line,
        indent,
    )


def _top_level_indented(lines: list[str], line: int) -> Explanation:
    first = next((index for index in range(line) if _line(lines, index).strip()[:1] not in ("", "#")), 0)
    spaces = _indent(_line(lines, first))
    return Explanation(
        f"this line is not indented like the file's first key, {_key_name(_line(lines, first))} on line "
        f"{first + 1} ({_spaces(spaces)})",
        "top-level keys start at the beginning of the line: remove the indentation of line "
        f"{first + 1} and of the lines under it, or indent this one like it",
        line,
        _indent(_line(lines, line)),
    )


def _colon_in_value(error: _Error, lines: list[str]) -> Explanation:
    """`mapping values are not allowed in this context`: a `: ` where YAML cannot start a key."""
    text = _line(lines, error.line)
    indent = len(text) - len(text.lstrip(" "))
    own_key = _KEY_LINE.match(text)
    if own_key is not None and own_key.end() <= error.column:
        name = _key_name(text)
        return Explanation(
            '": " inside an unquoted value, where YAML reads it as the start of another key',
            f"quote the value ({name.strip(_QUOTES)}: \"...\") or write it as a block scalar "
            f"({name.strip(_QUOTES)}: | and the text on the next lines)",
            error.line,
            error.column,
        )
    above = _previous_content(lines, error.line)
    above_text = _line(lines, above) if above is not None else ""
    above_is_key = _KEY_LINE.match(above_text) is not None
    if above is not None and (_key_column(above_text) if above_is_key else _indent(above_text)) < indent:
        what = _key_name(above_text) if above_is_key else "the list item"
        sibling = _nearest_key_line(lines, error.line, indent)
        beside = (
            f"indent it by {_spaces(_key_column(_line(lines, sibling)))} if it is a key beside "
            f"{_key_name(_line(lines, sibling))}; "
            if sibling is not None
            else ""
        )
        return Explanation(
            f"this line is indented more than {what} on line {above + 1}, so YAML reads it as more of that "
            "value, and a key cannot start there",
            f"{beside}if it is part of the value, quote the value or write it as a block scalar (|)",
            error.line,
            indent,
        )
    return Explanation(
        '": " where YAML cannot start a key',
        "quote the value that holds it, or check the indentation of this line",
        error.line,
        error.column,
    )


def _unclosed_bracket(error: _Error, lines: list[str]) -> Explanation:
    if error.problem.endswith("']'"):
        opening, example, text = "[", "[manual, prebuild]", 'a shell test such as "[ -f x ]"'
    else:
        opening, example, text = "{", "{image: node:18}", 'a shell group such as "{ make; }"'
    closing = example[-1]
    where = error.context_line if error.context_line is not None else error.line
    column = error.context_column if error.context_column is not None else error.column
    return Explanation(
        f'the "{opening}" opened here is not closed by a "{closing}", or two of its items have no comma between '
        "them",
        f'close it, as in {example}; text that starts with "{opening}" ({text}) must be quoted or written as a '
        "block scalar (|)",
        where,
        column,
    )


def _shell_operator(error: _Error, lines: list[str]) -> Explanation:
    """`&` or `*` read as a YAML anchor or alias, mostly after a value that YAML took for a list or mapping."""
    text = _line(lines, error.line)
    value = text.split(": ", 1)[-1].lstrip()
    hint = "quote the value, or write it as a block scalar (|)"
    if value.startswith(("[", "{")):
        hint = f'the value starts with "{value[0]}", so YAML reads it as a list or mapping: {hint}'
    return Explanation(
        'YAML reads "&" or "*" here as an anchor or alias, not as shell', hint, error.line, error.column
    )


def _reserved_character(error: _Error, lines: list[str]) -> Explanation:
    text = _line(lines, error.line)
    char = text[error.column : error.column + 1] or "this character"
    key, _, value = text.strip().partition(": ")
    example = f": {key}: '{value}'" if value.startswith(char) and "'" not in value else ""
    return Explanation(
        f'"{char}" cannot start an unquoted value in YAML',
        f"quote the value, or write it as a block scalar (|){example}",
        error.line,
        error.column,
    )


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def _line(lines: list[str], index: int) -> str:
    return lines[index] if 0 <= index < len(lines) else ""


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _key_column(text: str) -> int:
    """Where the line's key starts: past its indentation, and past the "- " of a list item."""
    dash = _ITEM_DASH.match(text)
    return dash.end() if dash else _indent(text)


def _key_name(text: str) -> str:
    found = _KEY_NAME.match(text)
    name = found.group(1).strip() if found else text.strip()
    return name if name.startswith(('"', "'")) else f'"{name}"'


def _previous_content(lines: list[str], line: int) -> int | None:
    """The nearest line above `line` that holds more than blanks or a comment."""
    for index in range(line - 1, max(-1, line - _LOOK_BACK), -1):
        stripped = _line(lines, index).strip()
        if stripped and not stripped.startswith("#"):
            return index
    return None


def _nearest_key_line(lines: list[str], line: int, indent: int) -> int | None:
    """The key line above whose indentation is closest to `indent` (the nearest such line on a tie)."""
    best: tuple[int, int] | None = None
    for index in range(line - 1, max(-1, line - _LOOK_BACK), -1):
        text = _line(lines, index)
        if not _KEY_LINE.match(text) or _key_column(text) == indent:
            continue
        distance = abs(_key_column(text) - indent)
        if best is None or distance < best[0]:
            best = (distance, index)
        if _indent(text) == 0:
            break
    return best[1] if best else None


# What YAML does not allow in a stream (lone surrogates included: they cannot even be encoded for the parser).
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def syntax_finding(error: Exception, lines: Lines) -> Finding:
    """A syntax finding from whatever the parser raised, at the position it names."""
    text = lines.text
    problem = getattr(error, "problem", None) or getattr(error, "reason", None) or str(error).split("\n")[0]
    context = getattr(error, "context", None)
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    hint = None
    plain = None
    context_mark = getattr(error, "context_mark", None)
    # For these two the scanner gives up far from the mistake (lines later, or at the end of the file); the
    # mistake is where the key or the quoted string began.
    if context == "while scanning a simple key" and context_mark is not None:
        mark, context = context_mark, None
        problem = 'this line is read as a key, but it has no ":"'
        hint = 'indent it under the command it belongs to (a block scalar: |), or add the missing ":"'
    elif context == "while scanning a quoted scalar" and context_mark is not None:
        mark, context = context_mark, None
        problem = "this quoted string is never closed"
        hint = "add the closing quote, or use a block scalar (|) for text that spans lines"
    elif mark is not None:  # the parser's own words, explained where we know what usually causes them
        began = (context_mark.line, context_mark.column) if context_mark is not None else None
        plain = explain(str(problem), context, lines.lines, (mark.line, mark.column), began)
        if plain is not None:
            problem, context, hint = plain.message, None, plain.hint
    if plain is not None:
        line, column = plain.line, plain.column
    elif mark is not None:
        line, column = mark.line, mark.column
    else:
        # A character YAML does not allow. libyaml counts its position in UTF-8 bytes, not characters: find it.
        found = _NOT_PRINTABLE.search(text)
        line, column = _line_column(text, found.start() if found else 0)
    # libyaml ends a stream without a final newline on a line past the last: point at its end.
    if line >= len(lines.lines):
        line, column = len(lines.lines) - 1, len(lines.lines[-1])
    if lines.line(line + 1)[column : column + 1] == "\t":
        hint = "YAML does not allow tabs for indentation: use spaces"
    message = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    # One character, but never past the line's end: at the line break the span is empty (end_column is at most the
    # line's length + 1, as everywhere else).
    end = max(column, min(column + 1, len(lines.line(line + 1))))
    return Finding((), message, hint=hint, span=span_from_marks(line, column, line, end))


def _line_column(text: str, index: int) -> tuple[int, int]:
    """0-based line and column of a character index."""
    before = text[:index]
    breaks = list(LINE_BREAK.finditer(before))
    if not breaks:
        return 0, index
    return len(breaks), index - breaks[-1].end()
