"""The default, for people: each diagnostic with the line it is on, a caret underline and the hint.

tasks.yaml:5:5: error AL101 unknown field "triggers" in task "build" [unknown-field]
  |
5 |     triggers: [manual]
  |     ^^^^^^^^
  = hint: did you mean "triggeredBy"?
"""

from __future__ import annotations

from automations_lint.core.diagnostic import Diagnostic
from automations_lint.reporters import Report
from automations_lint.reporters.terminal import fix_line, headline, paint, printable, summary

# A frame shows at most this many characters of a line, around the problem (a minified 5 MB line stays readable).
WIDTH = 120


def render(report: Report) -> str:
    # Only files with diagnostics are split into lines: a run over 500 clean files shows no frame at all.
    lines_by_path = {
        path: report.sources[path].lines
        for path in {diagnostic.path for diagnostic in report.diagnostics}
        if path in report.sources
    }
    blocks = []
    for diagnostic in report.diagnostics:
        block = [headline(diagnostic, color=report.color)]
        lines = lines_by_path.get(diagnostic.path)
        if lines is not None and diagnostic.line <= len(lines):
            block += frame(diagnostic, lines[diagnostic.line - 1], color=report.color)
        gutter = " " * len(str(diagnostic.line))
        same = diagnostic.fix is not None and diagnostic.fix.description == diagnostic.hint
        if diagnostic.hint and not same:  # a hint that only restates the fix is said once, as the fix
            block.append(f"{gutter} = {paint('hint', 'hint', color=report.color)}: {printable(diagnostic.hint)}")
        fix = fix_line(diagnostic)
        if fix:
            block.append(f"{gutter} = {paint('fix', 'hint', color=report.color)}: {fix}")
        blocks.append("\n".join(block) + "\n")
    closing = summary(report.diagnostics, report.files_checked)
    notes = "".join(paint(f"note: {printable(note)}", "dim", color=report.color) + "\n" for note in report.notes)
    return "\n".join(blocks) + ("\n" if blocks else "") + closing + notes


def frame(diagnostic: Diagnostic, line: str, *, color: bool) -> list[str]:
    """The source line and a caret underline of the diagnostic's span on it."""
    start = diagnostic.column - 1
    end = diagnostic.end_column - 1 if diagnostic.end_line == diagnostic.line else len(line)
    end = max(end, start + 1)
    shown_from = 0
    if len(line) > WIDTH:
        shown_from = max(0, min(start - WIDTH // 3, len(line) - WIDTH))
        line = line[shown_from : shown_from + WIDTH]
    text = printable(line.replace("\t", " "))
    # Carets are placed over the printable text, so count what printable() made of the characters before.
    prefix = printable(line[: max(0, start - shown_from)].replace("\t", " "))
    marked = printable(line[max(0, start - shown_from) : max(0, end - shown_from)].replace("\t", " "))
    gutter = " " * len(str(diagnostic.line))
    carets = paint("^" * max(1, len(marked)), diagnostic.severity, color=color)
    bar = paint("|", "dim", color=color)
    return [
        f"{gutter} {bar}",
        f"{diagnostic.line} {bar} {text}".rstrip(),
        f"{gutter} {bar} {' ' * len(prefix)}{carets}",
    ]
