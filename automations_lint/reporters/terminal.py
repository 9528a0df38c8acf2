"""What text reporters share: safe printing of file content, colours and the closing summary."""

from __future__ import annotations

from collections.abc import Sequence

from automations_lint.core.diagnostic import Diagnostic
from automations_lint.core.safe_text import printable

__all__ = ["counted", "fix_line", "fix_note", "headline", "paint", "plural", "printable", "summary"]

_STYLES = {
    "error": "\x1b[1;31m",
    "warning": "\x1b[1;33m",
    "info": "\x1b[1;34m",
    "bold": "\x1b[1m",
    "hint": "\x1b[36m",
    "dim": "\x1b[2m",
}
_RESET = "\x1b[0m"


def paint(text: str, style: str, *, color: bool) -> str:
    return f"{_STYLES[style]}{text}{_RESET}" if color else text


def headline(diagnostic: Diagnostic, *, color: bool) -> str:
    """`path:line:col: severity CODE message [name]`: the line editors and CI log viewers can jump to."""
    where = paint(f"{printable(diagnostic.path)}:{diagnostic.line}:{diagnostic.column}:", "bold", color=color)
    severity = paint(diagnostic.severity, diagnostic.severity, color=color)
    code = paint(diagnostic.code, "bold", color=color)
    return f"{where} {severity} {code} {printable(diagnostic.message)} [{diagnostic.name}]"


def fix_note(diagnostic: Diagnostic) -> str | None:
    """How to apply the diagnostic's fix, or None when it has none."""
    if diagnostic.fix is None:
        return None
    return "fixable with --fix" if diagnostic.fix.safe else "fixable with --fix --unsafe-fixes"


def fix_line(diagnostic: Diagnostic) -> str | None:
    """The fix as the text formats show it, `rename "a" to "b" (fixable with --fix)`; None without one."""
    note = fix_note(diagnostic)
    return None if diagnostic.fix is None or note is None else f"{printable(diagnostic.fix.description)} ({note})"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(diagnostics: Sequence[Diagnostic], files_checked: int) -> str:
    """One closing line: what was found, in how many files ("" when no file was read at all)."""
    if files_checked == 0:
        return ""
    checked = plural(files_checked, "file")
    if not diagnostics:
        return f"All checks passed ({checked} checked).\n"
    files_with = len({d.path for d in diagnostics})
    return f"Found {counted(diagnostics)} in {plural(files_with, 'file')} ({checked} checked).\n" + fixable(diagnostics)


def fixable(diagnostics: Sequence[Diagnostic]) -> str:
    """`3 fixable with --fix (1 more with --unsafe-fixes).`, a line of its own; "" when nothing is fixable."""
    safe = sum(1 for d in diagnostics if d.fix is not None and d.fix.safe)
    unsafe = sum(1 for d in diagnostics if d.fix is not None and not d.fix.safe)
    if safe and unsafe:
        return f"{safe} fixable with --fix ({unsafe} more with --unsafe-fixes).\n"
    if safe:
        return f"{safe} fixable with --fix.\n"
    return f"{unsafe} fixable with --fix --unsafe-fixes.\n" if unsafe else ""


def counted(diagnostics: Sequence[Diagnostic]) -> str:
    """`2 errors and 1 warning`: the severities present, counted (infos are called notes)."""
    words = {"error": "error", "warning": "warning", "info": "note"}
    counts = [plural(sum(1 for d in diagnostics if d.severity == s), word) for s, word in words.items()]
    found = [count for count in counts if not count.startswith("0 ")]
    return ", ".join(found[:-1]) + " and " + found[-1] if len(found) > 1 else found[0]
