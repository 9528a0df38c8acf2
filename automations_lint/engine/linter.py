"""The short ways in: lint_text, lint_bytes (decoding first) and lint_path, each over the engine's one entry,
engine/run.py."""

from __future__ import annotations

import codecs
import os
from typing import TYPE_CHECKING

from automations_lint.core.diagnostic import Diagnostic
from automations_lint.engine.run import SourceFile, lint_files
from automations_lint.rules.registry import BY_NAME
from automations_lint.source.lines import LINE_BREAK

if TYPE_CHECKING:
    from automations_lint.engine.config import Config

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def lint_text(text: str, path: str = "<stdin>", config: Config | None = None) -> list[Diagnostic]:
    """Every problem in the automations file `text`; `path` labels the diagnostics and picks the `config`'s
    per-file ignores. Without a `config`, every rule runs at its own severity."""
    return lint_files([SourceFile(text, path, config)]).files[0].diagnostics


def lint_bytes(data: bytes, path: str = "<stdin>", config: Config | None = None) -> list[Diagnostic]:
    """Like lint_text, for raw file content: decodes UTF-8 (or UTF-16 with a BOM) first."""
    text = decode(data)
    if isinstance(text, Diagnostic):
        return [text._replace(path=path)]
    if not fixes_can_be_written(data):
        return [diagnostic._replace(fix=None) for diagnostic in lint_text(text, path, config)]
    return lint_text(text, path, config)


def lint_path(path: str | os.PathLike[str], config: Config | None = None) -> list[Diagnostic]:
    """Every problem in the file at `path`. Raises OSError when it cannot be read or is no regular file (a FIFO
    would wait forever, as it would for `check`)."""
    from automations_lint.source.files import read_regular_file

    return lint_bytes(read_regular_file(os.fspath(path)), os.fspath(path), config)


def fixes_can_be_written(data: bytes) -> bool:
    """Whether --fix may write this file: fixes are written as UTF-8, so a UTF-16 file is checked, never fixed
    (and none of its problems is called fixable)."""
    return not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def decode(data: bytes) -> str | Diagnostic:
    """The text of a file, or a syntax diagnostic at the first byte that is not valid UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        # Everything before the first bad byte is valid; count its lines as the loader does (a lone "\r" ends a
        # line too) and leave out a BOM, which the loader drops as well.
        lines = LINE_BREAK.split(data[: error.start].decode("utf-8").removeprefix("\ufeff"))
        line, column = len(lines), len(lines[-1]) + 1
        rule = BY_NAME["syntax-error"]
        bad = data[error.start : error.start + 1].hex()
        return Diagnostic(
            "",
            line,
            column,
            line,
            column + 1,
            rule.CODE,
            rule.NAME,
            rule.SEVERITY,
            f"the file is not valid UTF-8: byte 0x{bad} cannot start or continue a character",
            "save the file as UTF-8",
        )


