"""Writing a fixed file: atomic and careful.

A file is only written when it has not changed on disk since it was read; a read-only file is refused. It is
written as the file it is: through symbolic links, with its owner, group and mode, and in place when it has other
hard links (write_atomically says how and why).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile


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
        handle.truncate()  # flushes what was written first
        os.fsync(handle.fileno())
