"""Code actions: the linter's own fixes (safe and unsafe, labelled), and "ignore this rule here" as a suppression
comment with a reason to fill in."""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

from automations_lint.core.diagnostic import Diagnostic, Fix
from automations_lint.server.convert import span_of
from automations_lint.server.positions import Text
from automations_lint.source.loader import Loaded

REASON = "<reason>"


def actions(
    diagnostics: Sequence[Diagnostic],
    wanted: types.Range,
    text: Text,
    uri: str,
    loaded: Loaded,
    *,
    shown: Sequence[types.Diagnostic] = (),
) -> list[types.CodeAction]:
    """The actions for the diagnostics that touch the requested range; `shown` holds the diagnostics as they were
    published (in the same order), which each action names as the one it resolves."""
    found: list[types.CodeAction] = []
    for index, diagnostic in enumerate(diagnostics):
        if not _touches(text.range(span_of(diagnostic)), wanted):
            continue
        offered = []
        if diagnostic.fix is not None:
            offered.append(_fix(diagnostic.fix, text, uri))
        if not loaded.broken and diagnostic.name not in ("syntax-error", "unused-suppression"):
            offered.append(_ignore(diagnostic, text, uri, loaded))
        if index < len(shown):
            for action in offered:
                action.diagnostics = [shown[index]]
        found += offered
    return found


def _fix(fix: Fix, text: Text, uri: str) -> types.CodeAction:
    edits = [types.TextEdit(range=text.range_of(edit.start, edit.end), new_text=edit.text) for edit in fix.edits]
    return types.CodeAction(
        title=fix.description if fix.safe else f"{fix.description} (unsafe: may change meaning)",
        kind=types.CodeActionKind.QuickFix,
        is_preferred=fix.safe,
        edit=types.WorkspaceEdit(changes={uri: edits}),
    )


def _ignore(diagnostic: Diagnostic, text: Text, uri: str, loaded: Loaded) -> types.CodeAction:
    """A comment at the end of the diagnostic's line. Inside a multi-line scalar a `#` would be text (shell, in a
    script) or would end the scalar, so there the comment goes where the value starts, which the suppression also
    covers: after a block scalar's `|`, or on its own line above a plain or quoted one."""
    comment = f"# automations-lint: ignore[{diagnostic.name}] {REASON}"
    line = diagnostic.line
    node = loaded.source_map.get(diagnostic.document_path) if diagnostic.document_path else None
    if node is not None and node.style is not None and node.value.line < line:
        line = node.value.line
        if node.style not in ("|", ">"):
            return _action(diagnostic, uri, _line_above(text, line, comment))
    end = text.starts[line - 1] + len(text.lines[line - 1])
    return _action(diagnostic, uri, types.TextEdit(range=text.range_of(end, end), new_text="  " + comment))


def _line_above(text: Text, line: int, comment: str) -> types.TextEdit:
    """`comment` on a line of its own above `line`, indented as it is."""
    content = text.lines[line - 1]
    indent = content[: len(content) - len(content.lstrip(" "))]
    newline = "\r\n" if "\r\n" in text.text else "\n"
    start = text.starts[line - 1]
    return types.TextEdit(range=text.range_of(start, start), new_text=indent + comment + newline)


def _action(diagnostic: Diagnostic, uri: str, edit: types.TextEdit) -> types.CodeAction:
    return types.CodeAction(
        title=f"Ignore {diagnostic.name} on this line",
        kind=types.CodeActionKind.QuickFix,
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
    )


def _touches(shown: types.Range, wanted: types.Range) -> bool:
    start = (shown.start.line, shown.start.character)
    end = (shown.end.line, shown.end.character)
    return start <= (wanted.end.line, wanted.end.character) and (wanted.start.line, wanted.start.character) <= end
