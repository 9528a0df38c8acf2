"""Inline suppressions: `# automations-lint: ignore[rule, ...] reason` and `ignore-file[...]` comments.

Only real YAML comments count. A `#` inside a quoted string or a block scalar (`command: |` holds shell, where
`#` starts a shell comment) is text, not YAML. We tell them apart with the YAML scanner: every character that is
not whitespace or a comment belongs to some token, so a `#` that no token covers is a comment. The scanner runs
only for files that contain the marker at all, so other files pay nothing.

Matching: a problem is silenced by an end-of-line suppression on its first line, or by an own-line suppression
whose next content line (blank and comment lines skipped) is that line. A problem inside a multi-line value (a line
of a `|` script) also matches a suppression aimed at the line where that value starts (`command: |  # ...`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from automations_lint.core.diagnostic import Diagnostic, Span
from automations_lint.core.suggest import closest
from automations_lint.rules import unused_suppression
from automations_lint.rules.registry import BY_CODE, BY_NAME, find
from automations_lint.source.events import tokens
from automations_lint.source.lines import Lines

MARKER = "automations-lint:"
_MARKER = re.compile(r"#[ \t]*automations-lint:[ \t]*")
_DIRECTIVE = re.compile(r"[A-Za-z][\w-]*")
_NAME = re.compile(r"[^,\s]+")
_OPENING = re.compile(r"[ \t]*\[")
_KINDS = ("ignore", "ignore-file")
_EXAMPLE = "# automations-lint: ignore[unknown-field] reason"

Position = tuple[int, int]  # 0-based line and column, as the scanner reports them


@dataclass(frozen=True)
class Entry:
    """One rule named in a suppression comment, with where it is written (1-based)."""

    written: str
    code: str | None  # None when no rule has that name or code
    line: int
    column: int
    # The line it silences; None for ignore-file, which silences the whole file.
    target: int | None
    alone: bool  # the only name in its comment (the hint then says to remove the comment)

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.line, self.column + len(self.written))


@dataclass(frozen=True)
class Malformed:
    """A comment that starts like a suppression but is not one."""

    span: Span
    message: str
    hint: str


@dataclass
class Suppressions:
    """Every suppression comment in one file, and the owner lines of multi-line values."""

    entries: list[Entry] = field(default_factory=list)
    malformed: list[Malformed] = field(default_factory=list)
    # Line -> the line where the multi-line scalar covering it starts (1-based), for problems inside scripts.
    value_start: dict[int, int] = field(default_factory=dict)
    # (code, target line or None for the whole file) -> the entries that silence it; built by index().
    by_target: dict[tuple[str | None, int | None], list[Entry]] = field(default_factory=dict)

    def index(self) -> None:
        """Index the entries by what they silence, so each problem looks up its few instead of scanning all."""
        self.by_target = {}
        for entry in self.entries:
            self.by_target.setdefault((entry.code, entry.target), []).append(entry)


def apply_suppressions(
    diagnostics: Iterable[Diagnostic], lines: Lines, path: str, enabled: Collection[str] | None = None
) -> list[Diagnostic]:
    """The diagnostics that no suppression in the text silences, plus unused-suppression reports.

    `enabled` holds the codes of the rules the configuration turns on for this file (None: all); a suppression of
    any other rule is never reported as unused, since another run with another selection may need it.
    """
    problems = list(diagnostics)
    if MARKER not in lines.text:
        return problems
    found = find_suppressions(lines)
    if not found.entries and not found.malformed:
        return problems
    used: set[Entry] = set()
    found.index()
    kept = [problem for problem in problems if not _silenced(problem, found, used)]
    own = unused_suppression.CODE
    known = [entry for entry in found.entries if entry.code is not None]
    reports = [
        *_malformed_reports(found, path),
        *_unknown_reports(found, path),
        *_unused_reports([entry for entry in known if entry.code != own], used, enabled, path),
    ]
    # Suppressions of unused-suppression itself are judged once the reports they could silence exist.
    kept += [report for report in reports if not _silenced(report, found, used)]
    kept += _unused_reports([entry for entry in known if entry.code == own], used, enabled, path)
    return kept


def find_suppressions(source: Lines) -> Suppressions:
    """The suppression comments of a text (a file that loaded without syntax errors)."""
    covered = _Covered()
    found = Suppressions()
    for token in tokens(source.text):
        covered.add(token, found.value_start)
    for index, line in enumerate(source.lines):
        if MARKER not in line:
            continue
        for marker in _MARKER.finditer(line):
            if not covered.covers((index, marker.start())):
                _parse(source.lines, index, marker, covered, found)
    return found


# -- parsing ---------------------------------------------------------------------------------------------------
def _parse(lines: list[str], index: int, marker: re.Match[str], covered: _Covered, found: Suppressions) -> None:
    """Read the directive after one marker into `found`."""
    line = lines[index]
    rest = marker.end()
    directive = _DIRECTIVE.match(line, rest)
    kind = directive.group() if directive else ""
    after = directive.end() if directive else rest

    def malformed(message: str, hint: str) -> None:
        span = Span(index + 1, marker.start() + 1, index + 1, max(after, rest) + 1)
        found.malformed.append(Malformed(span, message, hint))

    if kind not in _KINDS:
        match = closest(kind, _KINDS) if kind else None
        hint = f'did you mean "{match}[...]"?' if match else f'write "{_EXAMPLE}"'
        problem = f'unknown suppression "{kind}"' if kind else f'no suppression after "{MARKER}"'
        malformed(f'{problem}; expected "ignore[...]" or "ignore-file[...]"', hint)
        return
    opening = _OPENING.match(line, after)
    if opening is None:
        malformed(f'suppression "{kind}" names no rules', f'list them: "{kind}[rule-name, ...]"')
        return
    closing = line.find("]", opening.end())
    if closing < 0:
        malformed(f'the list of rules after "{kind}" is not closed', 'close it with "]"')
        return
    names = list(_NAME.finditer(line, opening.end(), closing))
    if not names:
        malformed(f'suppression "{kind}[]" names no rules', f'list them: "{kind}[rule-name, ...]"')
        return
    target = None if kind == "ignore-file" else _target(lines, index, marker.start(), covered)
    for name in names:
        rule = find(name.group())
        code = rule.CODE if rule is not None else None
        found.entries.append(Entry(name.group(), code, index + 1, name.start() + 1, target, len(names) == 1))


def _target(lines: list[str], index: int, column: int, covered: _Covered) -> int:
    """The 1-based line an `ignore` comment at (index, column) silences: its own, or the next content line."""
    if not _is_comment_only(lines[index], index, covered, upto=column):
        return index + 1
    for following in range(index + 1, len(lines)):
        if not _is_comment_only(lines[following], following, covered):
            return following + 1
    return index + 1  # nothing follows: it can silence nothing, and is reported as unused


def _is_comment_only(line: str, index: int, covered: _Covered, *, upto: int | None = None) -> bool:
    """Whether `line` (up to column `upto`) holds nothing but spaces and a YAML comment."""
    head = line if upto is None else line[:upto]
    stripped = head.lstrip(" \t")
    if not stripped:
        return True
    return stripped.startswith("#") and not covered.covers((index, len(head) - len(stripped)))


# -- matching and reporting -------------------------------------------------------------------------------------
def _silenced(problem: Diagnostic, found: Suppressions, used: set[Entry]) -> bool:
    """Whether any suppression silences `problem`; every one that does is marked as used."""
    targets = {None, problem.line, found.value_start.get(problem.line)}
    matching = [entry for target in targets for entry in found.by_target.get((problem.code, target), ())]
    used.update(matching)
    return bool(matching)


def _unused_reports(
    entries: list[Entry], used: set[Entry], enabled: Collection[str] | None, path: str
) -> Iterator[Diagnostic]:
    for entry in entries:
        assert entry.code is not None
        if entry in used or (enabled is not None and entry.code not in enabled):
            continue  # a rule turned off for this file: this run cannot tell whether the suppression is needed
        name = BY_CODE[entry.code].NAME
        where = "in this file" if entry.target is None else f"on line {entry.target}"
        message = f'unused suppression of "{entry.written}": no {name} problem {where}'
        hint = "remove the comment" if entry.alone else f'remove "{entry.written}" from the list'
        yield _report(path, entry.span, message, hint)


def _unknown_reports(found: Suppressions, path: str) -> Iterator[Diagnostic]:
    for entry in found.entries:
        if entry.code is None:
            match = closest(entry.written, [*BY_NAME, *BY_CODE])
            hint = f'did you mean "{match}"?' if match else '"automations-lint rules" lists the rules'
            message = f'unknown rule "{entry.written}" in suppression'
            yield _report(path, entry.span, message, hint)


def _malformed_reports(found: Suppressions, path: str) -> Iterator[Diagnostic]:
    for bad in found.malformed:
        yield _report(path, bad.span, bad.message, bad.hint)


def _report(path: str, span: Span, message: str, hint: str) -> Diagnostic:
    rule = unused_suppression
    return Diagnostic(
        path, span.line, span.column, span.end_line, span.end_column, rule.CODE, rule.NAME, rule.SEVERITY, message, hint
    )


# -- where the comments are ----------------------------------------------------------------------------------
class _Covered:
    """The regions of the source that tokens cover: scalars, indicators, tags, anchors. Comments lie outside."""

    def __init__(self) -> None:
        self.starts: list[Position] = []
        self.ends: list[Position] = []

    def add(self, token: Any, value_start: dict[int, int]) -> None:
        start: Position = (token.start_mark.line, token.start_mark.column)
        end: Position = (token.end_mark.line, token.end_mark.column)
        if type(token).__name__ == "ScalarToken":
            last = end[0] - 1 if end[1] == 0 and end[0] > start[0] else end[0]
            for inner in range(start[0] + 1, last + 1):
                value_start[inner + 1] = start[0] + 1
            if getattr(token, "style", None) in ("|", ">"):
                # The header line after "|" holds only indicators and maybe a comment, which is YAML's.
                start = (start[0] + 1, 0)
        if start < end:
            self.starts.append(start)
            self.ends.append(end)

    def covers(self, position: Position) -> bool:
        """Whether a token covers `position` (tokens arrive in order and do not overlap)."""
        at = bisect_right(self.starts, position) - 1
        return at >= 0 and position < self.ends[at]
