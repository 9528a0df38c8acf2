"""The open files: which configuration each uses, and the two lint passes over the engine.

Every change runs the fast pass: `lint_text` with every configured rule but ShellCheck, which starts processes.
Opening and saving also run the ShellCheck pass (the same call with only ShellCheck left enabled); its findings are
kept until the script they are in changes or moves, so they stay in view while other lines are edited."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlparse

from automations_lint.core.diagnostic import Diagnostic, Span
from automations_lint.engine.config import Config, ConfigError, ConfigFinder
from automations_lint.engine.linter import lint_text
from automations_lint.rules import shellcheck
from automations_lint.rules.registry import BY_CODE
from automations_lint.source.loader import Loaded

UNTITLED = "<untitled>"


class Kept(NamedTuple):
    """A ShellCheck finding with the script it was found in, as it was then: text and place."""

    diagnostic: Diagnostic
    script: str
    span: Span


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


def fast_pass(text: str, label: str, config: Config) -> list[Diagnostic]:
    return lint_text(text, label, config._replace(ignore=config.ignore | {shellcheck.CODE}))


def shellcheck_pass(text: str, label: str, config: Config, loaded: Loaded) -> list[Kept]:
    """ShellCheck's findings with the scripts they belong to (suppressions and configuration applied)."""
    others = frozenset(BY_CODE) - {shellcheck.CODE}
    found = lint_text(text, label, config._replace(ignore=config.ignore | others))
    kept = []
    for diagnostic in found:
        script = _script(loaded, diagnostic.document_path)
        node = loaded.source_map.get(diagnostic.document_path)
        if script is not None and node is not None:
            kept.append(Kept(diagnostic, script, node.value))
    return kept


def still_valid(kept: Sequence[Kept], loaded: Loaded) -> list[Diagnostic]:
    """The kept findings whose script is unchanged, in the same place."""
    valid = []
    for item in kept:
        node = loaded.source_map.get(item.diagnostic.document_path)
        script = _script(loaded, item.diagnostic.document_path)
        if node is not None and node.value == item.span and script == item.script:
            valid.append(item.diagnostic)
    return valid


def _script(loaded: Loaded, path: tuple[str | int, ...]) -> str | None:
    value: object = loaded.data
    for part in path:
        if isinstance(value, dict) and isinstance(part, str):
            value = value.get(part)
        else:
            return None
    return value if isinstance(value, str) else None
