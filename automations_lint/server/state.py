"""The open files' configuration, and the one engine call that lints a text.

Every change lints the text with `run_programs=False`: no ShellCheck process starts while you type, and ShellCheck's
findings come from the scripts it has checked before in this session (the same script text, wherever it has moved),
so they stay in view, suppressions apply to them at once, and an edited script loses them until it is checked
again. Opening and saving lint with ShellCheck, off the event loop (app.py)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from automations_lint.engine.config import Config, ConfigError, ConfigFinder
from automations_lint.engine.run import LintRun, SourceFile, lint_files

UNTITLED = "<untitled>"


def file_path(uri: str) -> str | None:
    """The local path of a `file:` URI; None for unsaved buffers (`untitled:`) and other schemes."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if os.name == "nt" and path.startswith("/") and path[2:3] == ":":
        path = path[1:]
    return path


def find_config(path: str | None, root: str | None) -> tuple[Config, str | None]:
    """The configuration for a file (an unsaved one: the workspace's), and the error that made it the default."""
    try:
        finder = ConfigFinder()
        if path is not None:
            return finder.for_file(path), None
        return finder.for_folder(Path(root) if root else Path.cwd()), None
    except ConfigError as error:
        return Config(), str(error)


def lint(text: str, label: str, config: Config, *, run_programs: bool) -> LintRun:
    """One engine call over the text of one file."""
    return lint_files([SourceFile(text, label, config)], run_programs=run_programs)
