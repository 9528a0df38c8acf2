"""Whole-file results kept between runs: a file checked before, unchanged, under the same configuration, is not
linted again.

An entry is named by the file's text, this linter's identity (its version and modules), the configuration in
effect for that file (the rules that run and their severities) and, when the shellcheck rule runs, ShellCheck's
version, shell, options and settings, or the fact that ShellCheck is not installed. It holds the file's
diagnostics exactly, fixes included, without the path (a copy of a file elsewhere is the same entry), and the
remarks about the run the file gives rise to (ShellCheck is missing). A result the engine calls incomplete
(ShellCheck failed or ran out of its time) is not stored.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from automations_lint.cache.keys import UnsoundEntryError, digest, is_exactly, linter_identity, require
from automations_lint.cache.scripts import ScriptCache
from automations_lint.cache.store import Store
from automations_lint.core.diagnostic import SEVERITIES, Diagnostic, Edit, Fix, Notice

if TYPE_CHECKING:
    from automations_lint.engine.config import Config
    from automations_lint.engine.run import FileResult, LintRun, SourceFile

MOST_FILES = 8_192
LARGEST_FILE_ENTRY = 65_536


class ResultCache:
    """Diagnostics by file, and ShellCheck's comments by script, in the cache folder `root`."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.store = Store(root, "files", most_entries=MOST_FILES, largest=LARGEST_FILE_ENTRY)
        self.scripts = ScriptCache(root)
        self._entries: dict[str, dict[str, object] | None] = {}  # read in this run, by key: copies read once

    def lint(self, files: Sequence[SourceFile], lint: Callable[[Sequence[SourceFile]], LintRun]) -> LintRun:
        """Each file's result from the folder where it has one, else from `lint` (called once, with the
        files it lacks, so that they are still checked together), whose complete results are then stored."""
        from automations_lint.engine.run import LintRun

        # Nothing stored yet (the first run): nothing to read, and the keys are made once ShellCheck, asked its
        # version early, has answered while the files were linted.
        fresh = not os.path.isdir(self.store.folder)
        if fresh:
            self._ask_version_early(files)
        keys = [None if fresh else self.key(file.text, file.path, file.config) for file in files]
        found = [None if key is None else self._read(key, file) for key, file in zip(keys, files, strict=True)]
        missing = [index for index, result in enumerate(found) if result is None]
        linted = lint([files[index] for index in missing]).files if missing else []
        written: set[str] = set()  # copies of one file (500 repositories from one template) are one entry
        for index, result in zip(missing, linted, strict=True):
            file = files[index]
            key = self.key(file.text, file.path, file.config) if fresh else keys[index]
            complete = result.complete and all(d.path == file.path for d in result.diagnostics)
            if key is not None and key not in written and complete:
                self.store.write(key, _entry(key, result))
                written.add(key)
            found[index] = result
        results = [result for result in found if result is not None]
        return LintRun(results, tuple(dict.fromkeys(notice for result in results for notice in result.notices)))

    def key(self, text: str, path: str, config: Config | None) -> str | None:
        """The name of the entry for this file, or None when its result cannot be cached (ShellCheck's version
        cannot be told)."""
        from automations_lint.rules import shellcheck
        from automations_lint.shell import shellcheck as runner

        enabled: list[str] | None = None
        severity: list[tuple[str, str]] | None = None
        if config is not None:
            codes = config.enabled(path)
            enabled = sorted(codes)
            severity = sorted((code, level) for code, level in config.severity.items() if code in codes)
        tool: object = None
        if enabled is None or shellcheck.CODE in enabled:
            binary = runner.find_binary()
            tool = "absent" if binary is None else self.scripts.identity(binary, shellcheck.SHELL, shellcheck.EXCLUDED)
            if tool is None:
                return None
        return digest(["files", linter_identity(), enabled, severity, tool], text)

    def _ask_version_early(self, files: Sequence[SourceFile]) -> None:
        from automations_lint.rules import shellcheck
        from automations_lint.shell import shellcheck as runner

        binary = runner.find_binary()
        if binary is not None and any(f.config is None or shellcheck.CODE in f.config.enabled(f.path) for f in files):
            self.scripts.ask_version_early(binary)

    def _read(self, key: str, file: SourceFile) -> FileResult | None:
        from automations_lint.engine.run import FileResult
        from automations_lint.source.lines import Lines

        if key not in self._entries:
            self._entries[key] = self.store.read(key)
        entry = self._entries[key]
        if entry is None:
            return None
        try:
            notices = _notices(entry.get("notices"))
            stored = entry.get("diagnostics")
            require(isinstance(stored, list))
            assert isinstance(stored, list)
            diagnostics = [_diagnostic(item, file.path) for item in stored]
        except UnsoundEntryError:
            return None
        return FileResult(file.path, Lines(file.text.removeprefix("\ufeff")), diagnostics, notices)


def _entry(key: str, result: FileResult) -> dict[str, object]:
    notices = [list(notice) for notice in result.notices]
    return {"key": key, "notices": notices, "diagnostics": _dump(result.diagnostics)}


@functools.cache
def _known_notices() -> frozenset[Notice]:
    """Every remark a rule can make (found once per run: 147 entries read it)."""
    from automations_lint.rules.registry import DOCUMENT_RULES

    return frozenset(value for rule in DOCUMENT_RULES for value in vars(rule).values() if isinstance(value, Notice))


def _notices(stored: object) -> tuple[Notice, ...]:
    """The stored remarks, each one a rule can make (a stored one is never printed unless a rule could say it)."""
    known = _known_notices()
    require(isinstance(stored, list))
    assert isinstance(stored, list)
    notices = []
    for item in stored:
        require(isinstance(item, list) and len(item) == 2 and all(is_exactly(text, str) for text in item))
        notice = Notice(*item)
        require(notice in known)
        notices.append(notice)
    return tuple(notices)


def _dump(diagnostics: Iterable[Diagnostic]) -> list[list[object]]:
    """Each diagnostic as a list: line, column, end line, end column, code, name, severity, message, hint, document
    path, fix (description, safe, edits as start, end, text); not the path, which is given back on reading."""
    return [
        [
            *d[1:10],
            list(d.document_path),
            None if d.fix is None else [d.fix.description, d.fix.safe, [list(edit) for edit in d.fix.edits]],
        ]
        for d in diagnostics
    ]


def _diagnostic(item: object, path: str) -> Diagnostic:
    from automations_lint.rules.registry import BY_CODE

    require(isinstance(item, list) and len(item) == 11)
    assert isinstance(item, list)
    line, column, end_line, end_column, code, name, severity, message, hint, where, fix = item
    require(all(is_exactly(number, int) for number in (line, column, end_line, end_column)))
    require(all(is_exactly(text, str) for text in (code, name, message)) and (hint is None or is_exactly(hint, str)))
    rule = BY_CODE.get(code)
    require(rule is not None and name == rule.NAME and severity in SEVERITIES)
    require(isinstance(where, list) and all(is_exactly(part, str) or is_exactly(part, int) for part in where))
    return Diagnostic(
        path, line, column, end_line, end_column, code, name, severity, message, hint, tuple(where), _fix(fix)
    )


def _fix(stored: object) -> Fix | None:
    if stored is None:
        return None
    require(isinstance(stored, list) and len(stored) == 3)
    assert isinstance(stored, list)
    description, safe, edits = stored
    require(is_exactly(description, str) and isinstance(safe, bool) and isinstance(edits, list))
    for edit in edits:
        require(isinstance(edit, list) and len(edit) == 3 and all(is_exactly(number, int) for number in edit[:2]))
        require(is_exactly(edit[2], str) and 0 <= edit[0] <= edit[1])
    return Fix(description, tuple(Edit(start, end, text) for start, end, text in edits), safe=safe)
