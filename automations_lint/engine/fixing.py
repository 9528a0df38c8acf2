"""Fixing a text: lint, apply the fixes, lint again, until nothing more is fixable.

Text that does not parse is left alone, and a round that makes the file worse is undone. Applying edits is
fix/apply.py's job and writing files fix/write.py's; this module only runs the rounds over the engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from automations_lint.core.diagnostic import Diagnostic, Notice
from automations_lint.engine.run import SourceFile, lint_files
from automations_lint.fix.apply import applicable, apply_fixes
from automations_lint.source.lines import Lines

if TYPE_CHECKING:
    from automations_lint.engine.config import Config

# Fixes can enable further fixes (a renamed `triggeredBy` then shows a misspelt trigger); a few rounds settle
# every real file, and the bound keeps a pathological one from looping.
MAX_ROUNDS = 8
NO_LINES = Lines("")


@dataclass(frozen=True)
class FixResult:
    """The fixed text, how many problems the fixes resolved, and what is left."""

    text: str
    fixed: int
    remaining: list[Diagnostic]
    # Remarks about the run (ShellCheck missing), from every round.
    notices: tuple[Notice, ...] = ()
    # The fixed text (without byte order marks) and its line index, from the last round's lint.
    lines: Lines = NO_LINES


def fix_text(text: str, path: str = "<stdin>", *, unsafe: bool = False, config: Config | None = None) -> FixResult:
    """Apply fixes until none is left (at most MAX_ROUNDS rounds); text that does not parse is left alone. Only
    the problems that `config` leaves enabled are fixed. A round that would leave more errors than it found, or a
    problem in the YAML itself that was not there, is undone: a fix never makes the file worse."""
    body = text.lstrip("\ufeff")  # every byte order mark: the loader's offsets start after them all
    bom = text[: len(text) - len(body)]
    text = body
    fixed = 0
    notices: dict[Notice, None] = {}

    def lint(text: str) -> tuple[list[Diagnostic], Lines]:
        run = lint_files([SourceFile(text, path, config)])
        notices.update(dict.fromkeys(run.notices))
        return run.files[0].diagnostics, run.files[0].lines

    diagnostics, lines = lint(text)
    for _ in range(MAX_ROUNDS):
        if any(d.name == "syntax-error" for d in diagnostics):
            break
        fixes = applicable(diagnostics, unsafe=unsafe)
        if not fixes:
            break
        candidate, _ = apply_fixes(text, fixes)  # a round applies one fix at least: the first never clashes
        after, after_lines = lint(candidate)
        if _worse(diagnostics, after):
            break
        chosen = set(fixes)
        fixed += sum(1 for d in diagnostics if d.fix in chosen)
        text, diagnostics, lines = candidate, after, after_lines
    return FixResult(bom + text, fixed, diagnostics, tuple(notices), lines)


# Problems in the YAML itself: a fix that adds one has broken the file, whatever else it did.
_STRUCTURE = frozenset({"syntax-error", "duplicate-key", "invalid-key", "invalid-document"})


def _worse(before: Sequence[Diagnostic], after: Sequence[Diagnostic]) -> bool:
    """Whether fixing made things worse: more errors, or a YAML problem more of some kind."""
    if sum(d.severity == "error" for d in after) > sum(d.severity == "error" for d in before):
        return True
    return any(sum(d.name == name for d in after) > sum(d.name == name for d in before) for name in _STRUCTURE)
