"""ShellCheck's findings per distinct script, kept between runs: editing one command re-checks only that command.

An entry is named by the script's text, ShellCheck's version, the shell and the options, and this linter's
identity (which reads ShellCheck's output); it holds ShellCheck's comments on that script as they were parsed.
ShellCheck's version comes from `shellcheck --version`, run once per binary (its path, size and time) and kept in
the cache folder too, so a warm run starts no ShellCheck process at all.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
from collections.abc import Iterable, Sequence
from typing import Any

from automations_lint.cache.keys import UnsoundEntryError, digest, is_exactly, linter_identity, require
from automations_lint.cache.store import Store
from automations_lint.shell.shellcheck import Comment, Replacement, temporary_root

MOST_SCRIPTS = 32_768
LARGEST_SCRIPT_ENTRY = 16_384
_VERSION = re.compile(r"[\w.+~-]{1,64}")
_VERSION_LINE = re.compile(rb"^version: *(\S+)", re.MULTILINE)


class ScriptCache:
    """ShellCheck's comments by script, in the cache folder `root`."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.store = Store(root, "scripts", most_entries=MOST_SCRIPTS, largest=LARGEST_SCRIPT_ENTRY)
        self._versions = Store(root, "shellcheck", most_entries=1024, largest=1024)
        self._asking: dict[str, Any] = {}  # binary -> its `--version` process, started early
        self._settings: list[object] | None = None

    def ask_version_early(self, binary: str) -> None:
        """Start asking `binary` its version when no run has asked it before, or on every run when it is a
        launcher, so that the answer is there when the first entry is named, without waiting: the process runs
        while the files are linted or the configuration is read."""
        import subprocess

        if binary in self._asking or (os.path.isdir(self._versions.folder) and not is_launcher(binary)):
            return
        with contextlib.suppress(OSError):
            self._asking[binary] = subprocess.Popen(
                [binary, "--version"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
            )

    def identity(self, binary: str, shell: str, exclude: Sequence[str]) -> list[object] | None:
        """What ShellCheck's answers depend on besides the script: its version, the shell and the excluded
        checks, and the settings it reads itself (settings()); None when the version cannot be told (then
        nothing is cached)."""
        found = self._version(binary)
        if found is None:
            return None
        if self._settings is None:  # read once per cache object, that is once per run
            self._settings = settings()
        return [found, shell, *exclude, self._settings]

    def get_many(
        self, binary: str, shell: str, exclude: Sequence[str], scripts: Iterable[str]
    ) -> dict[str, list[Comment]]:
        """The stored comments of those `scripts` that have an entry."""
        if not os.path.isdir(self.store.folder):  # none stored yet: no need to know ShellCheck's version
            return {}
        header = self._header(binary, shell, exclude)
        if header is None:
            return {}
        found = {}
        for script in scripts:
            key = digest(header, script)
            comments = _comments(self.store.read(key))
            if comments is not None:
                found[script] = comments
        return found

    def put_many(
        self, binary: str, shell: str, exclude: Sequence[str], results: Iterable[tuple[str, list[Comment]]]
    ) -> None:
        header = self._header(binary, shell, exclude)
        if header is None:
            return
        for script, comments in results:
            key = digest(header, script)
            self.store.write(key, {"key": key, "comments": [[*comment[:7], list(map(list, comment.fix))]
                                                            for comment in comments]})  # fmt: skip

    def _header(self, binary: str, shell: str, exclude: Sequence[str]) -> list[object] | None:
        identity = self.identity(binary, shell, exclude)
        return None if identity is None else ["scripts", linter_identity(), identity]

    @functools.cache  # noqa: B019 - one binary or two per process, for the life of a short-lived cache object
    def _version(self, binary: str) -> str | None:
        """ShellCheck's version, from the folder when this binary (same path, size and time) was asked before; a
        launcher is asked every time, because what it starts can change while it stays the same."""
        if is_launcher(binary):
            return version(binary, self._asking.pop(binary, None))
        try:
            info = os.stat(binary)
        except OSError:
            return None
        signature = [os.path.realpath(binary), info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev]
        key = digest(["shellcheck-version", signature])
        entry = self._versions.read(key)
        stored = entry.get("version") if entry is not None else None
        if isinstance(stored, str) and _VERSION.fullmatch(stored):
            return stored
        asked = version(binary, self._asking.pop(binary, None))
        if asked is not None:
            self._versions.write(key, {"key": key, "version": asked})
        return asked


def is_launcher(binary: str) -> bool:
    """Whether `binary` starts ShellCheck rather than being it: a script (a pyenv or asdf shim, a Nix or Docker
    wrapper, all `#!`), or a link to a program with another name (snap's /snap/bin/shellcheck is /usr/bin/snap).
    Its own path, size and time say nothing of the ShellCheck it runs, which an upgrade changes behind it."""
    real = os.path.basename(os.path.realpath(binary)).lower()
    if not real.startswith("shellcheck"):
        return True
    try:
        with open(binary, "rb") as handle:
            return handle.read(2) == b"#!"
    except OSError:
        return False  # then it cannot be run either: the version asked says so


def settings() -> list[object]:
    """What ShellCheck reads besides its command line: SHELLCHECK_OPTS, and the first .shellcheckrc or
    shellcheckrc in the scripts' folder (under the temporary folder) or above it, else ~/.shellcheckrc or the
    XDG (Windows: %APPDATA%) one. Each candidate's size and time go into the key, found or not: editing one
    makes new entries."""
    environ = os.environ
    temporary = temporary_root()
    folders = [os.path.abspath(temporary)]
    while os.path.dirname(folders[-1]) != folders[-1]:
        folders.append(os.path.dirname(folders[-1]))
    home = os.path.expanduser("~")
    candidates = [os.path.join(folder, name) for folder in folders for name in (".shellcheckrc", "shellcheckrc")]
    candidates.append(os.path.join(home, ".shellcheckrc"))
    config = environ.get("APPDATA", "") if os.name == "nt" else environ.get("XDG_CONFIG_HOME", "")
    candidates.append(os.path.join(config or os.path.join(home, ".config"), "shellcheckrc"))
    found: list[object] = [environ.get("SHELLCHECK_OPTS", "")]
    for candidate in candidates:
        try:
            info = os.stat(candidate)
        except OSError:
            continue
        found.append([candidate, info.st_size, info.st_mtime_ns])
    return found


def version(binary: str, asking: Any = None) -> str | None:
    """ShellCheck's version as `shellcheck --version` says it ("0.11.0"), from the process `asking` when one was
    started; None when it says nothing usable."""
    import subprocess

    try:
        if asking is None:
            asking = subprocess.Popen(
                [binary, "--version"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
            )
        try:
            output, _ = asking.communicate(timeout=30)
        finally:
            if asking.poll() is None:
                asking.kill()
                asking.wait()
    except (OSError, subprocess.SubprocessError):
        return None
    match = _VERSION_LINE.search(output)
    text = match.group(1).decode("ascii", "replace") if match and asking.returncode == 0 else ""
    return text if _VERSION.fullmatch(text) else None


def _comments(entry: dict[str, object] | None) -> list[Comment] | None:
    """The comments of a stored entry, or None when anything in it is not as put_many writes it."""
    stored = None if entry is None else entry.get("comments")
    if not isinstance(stored, list):
        return None
    try:
        return [_comment(item) for item in stored]
    except UnsoundEntryError:
        return None


def _comment(item: object) -> Comment:
    require(isinstance(item, list) and len(item) == 8)
    assert isinstance(item, list)
    line, column, end_line, end_column, level, code, message, edits = item
    require(all(is_exactly(number, int) for number in (line, column, end_line, end_column, code)))
    require(is_exactly(level, str) and is_exactly(message, str) and isinstance(edits, list))
    fix = []
    for edit in edits:
        require(isinstance(edit, list) and len(edit) == 5 and all(is_exactly(number, int) for number in edit[:4]))
        require(is_exactly(edit[4], str))
        fix.append(Replacement(*edit))
    return Comment(line, column, end_line, end_column, level, code, message, tuple(fix))
