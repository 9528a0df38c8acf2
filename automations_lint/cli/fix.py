"""What `check --fix` and `check --diff` do with one file: fix its text, then write it, print it or diff it."""

from __future__ import annotations

import codecs
import difflib
import os
from typing import TYPE_CHECKING

import click

from automations_lint.core.safe_text import printable
from automations_lint.engine.fixing import fix_text
from automations_lint.fix.write import FileChangedError, write_atomically

if TYPE_CHECKING:
    from automations_lint.cli.run import Run
    from automations_lint.engine.config import Config


def fix_one(run: Run, data: bytes, text: str, path: str, config: Config | None, *, from_stdin: bool) -> str:
    """Fix one file as the run asks; returns the text that the report should show (the fixed one after --fix)."""
    from automations_lint.engine.linter import lint_text

    result = fix_text(text, path, unsafe=run.unsafe_fixes, config=config)
    changed = result.text != text
    if run.fix_mode == "diff":
        if changed:
            run.output.append(unified_diff(text, result.text, path))
        return text
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
            run.diagnostics += lint_text(text, path, config)
            return text
    run.notices.update(dict.fromkeys(result.notices))
    if changed:
        run.fixed += result.fixed
        run.fixed_files += 1
    run.diagnostics += result.remaining
    return result.text


def unified_diff(before: str, after: str, path: str) -> str:
    """A unified diff with `a/` and `b/` prefixes for relative paths, as git and patch expect."""
    old, new = (path, path) if os.path.isabs(path) else (f"a/{path}", f"b/{path}")
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), old, new)
    text = "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)
    return text
