"""Applying fixes: to text (pure, repeated until nothing more is fixable) and to files (atomic, careful).

A file is only written when a fix changed it, never when it failed to parse, and never when it changed on disk
since it was read; a read-only file is refused. It is written as the file it is: through symbolic links, with its
owner, group and mode, and in place when it has other hard links (write_atomically says how and why).
"""

from __future__ import annotations

import bisect
import errno
import os
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from automations_lint.core.diagnostic import Diagnostic
from automations_lint.engine.linter import lint_text
from automations_lint.fix.makers import Edit, Fix

if TYPE_CHECKING:
    from automations_lint.engine.config import Config

# Fixes can enable further fixes (a renamed `triggeredBy` then shows a misspelt trigger); a few rounds settle
# every real file, and the bound keeps a pathological one from looping.
MAX_ROUNDS = 8


@dataclass(frozen=True)
class FixResult:
    """The fixed text, how many problems the fixes resolved, and what is left."""

    text: str
    fixed: int
    remaining: list[Diagnostic]


def applicable(diagnostics: Sequence[Diagnostic], *, unsafe: bool) -> list[Fix]:
    """The fixes to apply: safe ones, and with `unsafe` the unsafe ones too; each once."""
    chosen: dict[Fix, None] = {}
    for diagnostic in diagnostics:
        if diagnostic.fix is not None and (diagnostic.fix.safe or unsafe):
            chosen[diagnostic.fix] = None
    return list(chosen)


def apply_fixes(text: str, fixes: Sequence[Fix]) -> tuple[str, int]:
    """`text` with every fix whose edits do not overlap an earlier one applied; and how many were applied.

    n log n in the number of fixes: each fix claims the stretch from its first edit to its last, claims are kept
    sorted (they never overlap, so their ends are sorted too) and a new one is checked against its neighbours only;
    the text is rebuilt once, from its pieces."""
    starts: list[int] = []
    claims: list[Edit] = []
    taken: list[Edit] = []
    applied = 0
    for fix in sorted(fixes, key=lambda fix: (fix.edits[0].start, fix.description)):
        claim = Edit(min(edit.start for edit in fix.edits), max(edit.end for edit in fix.edits), "")
        at = bisect.bisect_right(starts, claim.start)
        if any(_overlaps(claim, claims[index]) for index in (at - 1, at) if 0 <= index < len(claims)):
            continue  # left for the next round, on the text this round produces
        starts.insert(at, claim.start)
        claims.insert(at, claim)
        taken.extend(fix.edits)
        applied += 1
    # At one offset an insertion goes before a replacement (a block inserted where a moved line is removed).
    pieces = []
    position = 0
    for edit in sorted(taken, key=lambda edit: (edit.start, edit.end)):
        pieces += [text[position : edit.start], edit.text]
        position = max(position, edit.end)
    pieces.append(text[position:])
    return "".join(pieces), applied


def fix_text(text: str, path: str = "<stdin>", *, unsafe: bool = False, config: Config | None = None) -> FixResult:
    """Apply fixes until none is left (at most MAX_ROUNDS rounds); text that does not parse is left alone. Only
    the problems that `config` leaves enabled are fixed. A round that would leave more errors than it found, or a
    problem in the YAML itself that was not there, is undone: a fix never makes the file worse."""
    body = text.lstrip("\ufeff")  # every byte order mark: the loader's offsets start after them all
    bom = text[: len(text) - len(body)]
    text = body
    fixed = 0
    diagnostics = lint_text(text, path, config)
    for _ in range(MAX_ROUNDS):
        if any(d.name == "syntax-error" for d in diagnostics):
            break
        fixes = applicable(diagnostics, unsafe=unsafe)
        if not fixes:
            break
        candidate, applied = apply_fixes(text, fixes)
        after = lint_text(candidate, path, config)
        if not applied or _worse(diagnostics, after):
            break
        chosen = set(fixes)
        fixed += sum(1 for d in diagnostics if d.fix in chosen)
        text, diagnostics = candidate, after
    return FixResult(bom + text, fixed, diagnostics)


# Problems in the YAML itself: a fix that adds one has broken the file, whatever else it did.
_STRUCTURE = frozenset({"syntax-error", "duplicate-key", "invalid-key", "invalid-document"})


def _worse(before: Sequence[Diagnostic], after: Sequence[Diagnostic]) -> bool:
    """Whether fixing made things worse: more errors, or a YAML problem more of some kind."""
    if sum(d.severity == "error" for d in after) > sum(d.severity == "error" for d in before):
        return True
    return any(sum(d.name == name for d in after) > sum(d.name == name for d in before) for name in _STRUCTURE)


class FileChangedError(OSError):
    """The file on disk is no longer what was read: writing would lose someone else's change."""


class ReadOnlyError(OSError):
    """The file's permissions say it is not to be written (root included: it is judged by the mode bits)."""


def write_atomically(path: str, original: bytes, content: bytes) -> None:
    """Write `content` to the file at `path`, if it still holds `original`, as the file it is.

    Through a symbolic link, the file it names is written and the link stays. A read-only file is refused
    (ReadOnlyError), even for root, who could write it. Owner, group and mode are kept. Usually the new content
    goes to a temporary file beside it that replaces it with one rename, so a crash leaves the old file or the new
    one, never half of each. A file with more than one hard link is written in place instead, so that every name
    of it sees the fix (a rename would give this name a new file and leave the others unfixed); so is a file whose
    owner or group a rename could not keep (another user's file, writable through its group) and one in a folder
    where no temporary file can be made.
    """
    target = os.path.realpath(path)
    info = os.stat(target)
    if not _writable(info):
        raise ReadOnlyError(errno.EACCES, "the file is read-only; it was left as it is")
    with open(target, "rb") as handle:
        if handle.read() != original:
            raise FileChangedError(f'"{path}" changed while it was being fixed; it was left as it is')
    if info.st_nlink > 1 or not _replace(target, info, content):
        _write_in_place(target, path, original, content)


def _writable(info: os.stat_result) -> bool:
    """Whether the mode bits let this user write the file: the owner's, the group's or the others' bit."""
    if not hasattr(os, "geteuid"):  # Windows: only the read-only attribute
        return bool(info.st_mode & stat.S_IWRITE)
    if os.geteuid() == 0:
        return bool(info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    if info.st_uid == os.geteuid():
        return bool(info.st_mode & stat.S_IWUSR)
    if info.st_gid in (os.getegid(), *os.getgroups()):
        return bool(info.st_mode & stat.S_IWGRP)
    return bool(info.st_mode & stat.S_IWOTH)


def _replace(target: str, info: os.stat_result, content: bytes) -> bool:
    """Replace `target` by a new file with `content`, its mode, owner and group; False (nothing changed) when the
    folder takes no new file or the owner or group cannot be kept."""
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=".automations-lint-", dir=os.path.dirname(target))
    except OSError:
        return False
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        if hasattr(os, "chown"):
            created = os.stat(temporary)
            if (created.st_uid, created.st_gid) != (info.st_uid, info.st_gid):
                try:
                    os.chown(temporary, info.st_uid, info.st_gid)
                except PermissionError:
                    os.unlink(temporary)
                    return False
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return True


def _write_in_place(target: str, path: str, original: bytes, content: bytes) -> None:
    """Overwrite the file's own content (same inode: links, owner, group, mode and attributes stay)."""
    with open(target, "r+b") as handle:
        if handle.read() != original:
            raise FileChangedError(f'"{path}" changed while it was being fixed; it was left as it is')
        handle.seek(0)
        handle.write(content)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:  # insertions clash only at the same point or inside a replacement
        return b.start <= a.start < b.end or a.start <= b.start < a.end or a.start == b.start
    return a.start < b.end and b.start < a.end
