"""How --fix writes a file: which files it refuses as read-only for the user running it, when it replaces the file
by a new one and when it writes in place, and that a failure leaves no temporary file behind."""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from pathlib import Path

import pytest

from automations_lint.fix.write import FileChangedError, ReadOnlyError, write_atomically

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX owners, groups and links")

OLD = b"tasks: {}\n"
NEW = b"tasks: {}\n# fixed\n"
USER, GROUP = 4242, 4343


def file_with_mode(folder: Path, mode: int) -> Path:
    path = folder / "automations.yaml"
    path.write_bytes(OLD)
    path.chmod(mode)
    return path


@pytest.mark.parametrize(
    ("who", "mode", "writable"),
    [
        ("owner", 0o644, True),
        ("owner", 0o464, False),  # the owner's bit decides for the owner, even where the group's is set
        ("group", 0o464, True),
        ("group", 0o644, False),
        ("other", 0o446, True),
        ("other", 0o664, False),
        ("root", 0o444, False),  # root could write it, but a read-only file is left alone
        ("root", 0o404, False),
        ("root", 0o424, True),
        ("root", 0o406, True),
    ],
)
def test_read_only_for_the_user_running_it(
    who: str, mode: int, writable: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = file_with_mode(tmp_path, mode)
    if os.geteuid() != 0:
        pytest.skip("giving the file to another user needs root")
    os.chown(path, USER, GROUP)  # the user ids below are pretended; the file's are real
    monkeypatch.setattr(os, "geteuid", lambda: {"owner": USER, "root": 0}.get(who, USER + 1))
    monkeypatch.setattr(os, "getegid", lambda: GROUP + 1)
    monkeypatch.setattr(os, "getgroups", lambda: [GROUP + 2, GROUP] if who == "group" else [GROUP + 2])
    if writable:
        write_atomically(str(path), OLD, NEW)
        assert path.read_bytes() == NEW
    else:
        with pytest.raises(ReadOnlyError) as raised:
            write_atomically(str(path), OLD, NEW)
        error = raised.value
        assert (error.errno, error.strerror) == (errno.EACCES, "the file is read-only; it was left as it is")
        assert path.read_bytes() == OLD


@pytest.mark.parametrize(("mode", "writable"), [(0o644, True), (0o444, False)])
def test_read_only_without_owners_is_the_write_bit(
    mode: int, writable: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where there are no user ids (Windows), the read-only attribute alone decides."""
    path = file_with_mode(tmp_path, mode)
    monkeypatch.delattr(os, "geteuid")
    if writable:
        write_atomically(str(path), OLD, NEW)
    else:
        with pytest.raises(ReadOnlyError):
            write_atomically(str(path), OLD, NEW)
    assert path.read_bytes() == (NEW if writable else OLD)


def test_one_name_is_replaced_by_a_new_file_beside_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = file_with_mode(tmp_path, 0o640)
    before = path.stat()
    made: list[tuple[str | None, str | None]] = []
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*, prefix: str | None = None, dir: str | None = None) -> tuple[int, str]:
        made.append((prefix, dir))
        return real_mkstemp(prefix=prefix, dir=dir)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    write_atomically(str(path), OLD, NEW)
    after = path.stat()
    # A hidden temporary file in the same folder (a rename across file systems is not atomic), renamed over it.
    assert made == [(".automations-lint-", str(tmp_path))]
    assert after.st_ino != before.st_ino
    assert (after.st_mode, after.st_uid, after.st_gid) == (before.st_mode, before.st_uid, before.st_gid)
    assert path.read_bytes() == NEW and os.listdir(tmp_path) == ["automations.yaml"]


@pytest.mark.parametrize("new", [NEW, b"tasks:\n"], ids=["longer", "shorter"])
def test_a_file_with_two_names_is_written_in_place(new: bytes, tmp_path: Path) -> None:
    path = file_with_mode(tmp_path, 0o644)
    other = tmp_path / "other-name.yaml"
    os.link(path, other)
    inode = path.stat().st_ino
    write_atomically(str(path), OLD, new)
    assert path.stat().st_ino == inode and other.read_bytes() == new  # nothing of the old content is left after it


@pytest.mark.parametrize("names", [1, 2], ids=["new file", "in place"])
def test_the_whole_new_content_is_on_disk_before_the_file_is_replaced(
    names: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash after the fix leaves the old file or the new one: the new content is flushed and synced to the disk
    before the rename makes it the file (or, in place, before --fix reports it written)."""
    path = file_with_mode(tmp_path, 0o644)
    if names == 2:
        os.link(path, tmp_path / "other-name.yaml")
    synced: list[tuple[bytes, bytes]] = []
    real_fsync = os.fsync

    def fsync(descriptor: int) -> None:
        synced.append((os.pread(descriptor, 100, 0), path.read_bytes()))  # what is synced, and the file's name
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)
    write_atomically(str(path), OLD, NEW)
    assert synced == [(NEW, OLD if names == 1 else NEW)]
    assert path.read_bytes() == NEW


def test_a_file_system_that_refuses_chown_still_gets_a_new_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The user's own file needs no chown (the new file is the user's already): a file system that refuses chown
    does not cost the atomic replacement."""
    path = file_with_mode(tmp_path, 0o644)
    inode = path.stat().st_ino

    def refuse(_path: str, _user: int, _group: int) -> None:
        raise PermissionError(errno.EPERM, "operation not permitted")

    monkeypatch.setattr(os, "chown", refuse)
    write_atomically(str(path), OLD, NEW)
    assert path.read_bytes() == NEW and path.stat().st_ino != inode


def test_a_failed_rename_leaves_the_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = file_with_mode(tmp_path, 0o644)

    def fail(_source: str, _target: str) -> None:
        raise OSError(errno.EIO, "input/output error")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="input/output error"):
        write_atomically(str(path), OLD, NEW)
    assert path.read_bytes() == OLD and os.listdir(tmp_path) == ["automations.yaml"]


def test_a_folder_that_takes_no_new_file_gets_the_fix_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = file_with_mode(tmp_path, 0o644)
    inode = path.stat().st_ino

    def refuse(**_options: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    write_atomically(str(path), OLD, NEW)
    assert path.read_bytes() == NEW and path.stat().st_ino == inode


def test_an_owner_a_new_file_cannot_keep_gets_the_fix_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file of another user, writable through its group: a new file would be this user's, so it is written in
    place, and the temporary file made before that was found out is removed."""
    path = file_with_mode(tmp_path, 0o666)
    if os.geteuid() != 0:
        pytest.skip("giving the file to another user needs root")
    os.chown(path, USER, GROUP)
    inode = path.stat().st_ino

    def refuse(_path: str, _user: int, _group: int) -> None:
        raise PermissionError(errno.EPERM, "operation not permitted")

    monkeypatch.setattr(os, "chown", refuse)
    write_atomically(str(path), OLD, NEW)
    assert path.read_bytes() == NEW and path.stat().st_ino == inode
    assert os.listdir(tmp_path) == ["automations.yaml"]


def test_a_change_made_while_fixing_in_place_is_kept_and_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = file_with_mode(tmp_path, 0o644)
    theirs = b"tasks: {}\n# someone else's edit\n"

    def edit_then_refuse(**_options: object) -> tuple[int, str]:
        path.write_bytes(theirs)  # another program writes the file between the check and the write
        raise PermissionError(errno.EACCES, "permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", edit_then_refuse)
    with pytest.raises(FileChangedError) as raised:
        write_atomically(str(path), OLD, NEW)
    assert str(raised.value) == f'"{path}" changed while it was being fixed; it was left as it is'
    assert path.read_bytes() == theirs
