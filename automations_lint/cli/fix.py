"""What `check --fix` and `check --diff` do with one file: fix its text, then write it, print it or diff it."""

from __future__ import annotations

import codecs
import difflib
import os
from typing import TYPE_CHECKING

import click

from automations_lint.core.safe_text import printable
from automations_lint.engine.fixing import fix_text
from automations_lint.engine.run import SourceFile, lint_files
from automations_lint.fix.write import FileChangedError, write_atomically
from automations_lint.source.lines import Lines

if TYPE_CHECKING:
    from automations_lint.cli.run import Run
    from automations_lint.engine.config import Config


def fix_one(run: Run, data: bytes, text: str, path: str, config: Config | None, *, from_stdin: bool) -> Lines:
    """Fix one file as the run asks; returns the text that the report should show (the fixed one after --fix),
    with its line index."""
    result = fix_text(text, path, unsafe=run.unsafe_fixes, config=config)
    run.notices.update(dict.fromkeys(result.notices))
    changed = result.text != text
    if run.fix_mode == "diff":
        if changed:
            run.output.append(unified_diff(text, result.text, path))
        return Lines(text)  # --diff shows no report: nothing reads these lines
    if from_stdin:
        run.output.append(("\ufeff" if data.startswith(codecs.BOM_UTF8) else "") + result.text)  # as it came in
    elif changed:
        try:
            bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""  # decoding dropped it: keep it
            write_atomically(path, data, bom + result.text.encode("utf-8"))
        except (FileChangedError, OSError) as error:
            reason = error.strerror or str(error)
            click.echo(printable(f'automations-lint: not fixed "{path}": {reason}'), err=True)
            run.unreadable = True
            unfixed = lint_files([SourceFile(text, path, config)]).files[0]
            run.diagnostics += unfixed.diagnostics
            return unfixed.lines
    if changed:
        run.fixed += result.fixed
        run.fixed_files += 1
    run.diagnostics += result.remaining
    return result.lines


def unified_diff(before: str, after: str, path: str) -> str:
    """A unified diff with `a/` and `b/` prefixes for relative paths, as git and patch expect."""
    old, new = (path, path) if os.path.isabs(path) else (f"a/{path}", f"b/{path}")
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), old, new)
    text = "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)
    return text
