"""How `check --fix` writes a file (issue 12): as the file it is, or not at all.

Through a symbolic link the target is fixed and the link stays; owner, group and mode stay; a read-only file is
refused with one line and exit 2, root or not; a file with several hard links is fixed in place, so every name of
it sees the fix. `check --fix -` of input it cannot fix (UTF-16, not UTF-8) echoes the input unchanged on stdout,
where an editor expects the file, and reports on stderr; a UTF-16 file is never called fixable.
"""

from __future__ import annotations

import codecs
import json
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from automations_lint.cli.commands import cli

BROKEN = "tasks:\n  build:\n    name: Build\n    command: make\n    triggers: [manual]\n"
FIXED = BROKEN.replace("triggers", "triggeredBy")
posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links, owners and modes")
pytestmark = pytest.mark.usefixtures("without_shellcheck")


def run(*args: str, stdin: bytes | None = None) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(cli, ["check", *args], input=stdin, env={"NO_COLOR": "1", "GITHUB_ACTIONS": ""})
    return result.exit_code, result.stdout_bytes, result.stderr


def broken_file(tmp_path: Path) -> Path:
    path = tmp_path / "automations.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


@posix
def test_a_symlink_is_written_through(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text(BROKEN, encoding="utf-8")
    link = tmp_path / "automations.yaml"
    link.symlink_to(target.name)
    code, _, _ = run("--fix", str(link))
    assert code == 0
    assert link.is_symlink() and os.readlink(link) == target.name
    assert target.read_text(encoding="utf-8") == FIXED


@posix
def test_mode_is_kept(tmp_path: Path) -> None:
    path = broken_file(tmp_path)
    path.chmod(0o640)
    assert run("--fix", str(path))[0] == 0
    assert path.stat().st_mode & 0o7777 == 0o640
    assert path.read_text(encoding="utf-8") == FIXED


@posix
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_owner_and_group_are_kept_when_root_fixes_another_users_file(tmp_path: Path) -> None:
    path = broken_file(tmp_path)
    os.chown(path, 4321, 4322)
    assert run("--fix", str(path))[0] == 0
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4322)
    assert path.read_text(encoding="utf-8") == FIXED


@posix
def test_a_read_only_file_is_refused_even_for_root(tmp_path: Path) -> None:
    path = broken_file(tmp_path)
    path.chmod(0o444)
    code, _, err = run("--fix", str(path))
    assert code == 2
    assert [line for line in err.splitlines() if "not fixed" in line] == [
        f'automations-lint: not fixed "{path}": the file is read-only; it was left as it is'
    ]
    assert path.read_text(encoding="utf-8") == BROKEN
    assert path.stat().st_mode & 0o7777 == 0o444


@posix
def test_hard_links_all_see_the_fix(tmp_path: Path) -> None:
    path = broken_file(tmp_path)
    other = tmp_path / "copy.yaml"
    os.link(path, other)
    inode = path.stat().st_ino
    assert run("--fix", str(path))[0] == 0
    assert path.stat().st_ino == inode == other.stat().st_ino
    assert other.read_text(encoding="utf-8") == FIXED


UNFIXABLE = {
    "utf-16": codecs.BOM_UTF16_LE + BROKEN.encode("utf-16-le"),
    "not utf-8": BROKEN.encode("utf-8") + b"# caf\xe9\n",
}


@pytest.mark.parametrize("data", UNFIXABLE.values(), ids=UNFIXABLE.keys())
def test_fix_of_stdin_that_cannot_be_fixed_echoes_it(data: bytes) -> None:
    code, out, err = run("--fix", "-", stdin=data)
    assert out == data
    assert "error" in err
    assert code == 1


def test_a_utf16_file_is_not_called_fixable(tmp_path: Path) -> None:
    path = tmp_path / "automations.yaml"
    path.write_bytes(UNFIXABLE["utf-16"])
    code, out, _ = run("--format", "json", str(path))
    assert code == 1
    assert [item["fix"] for item in json.loads(out)] == [None]
    code, out, _ = run(str(path))
    assert "fixable" not in out.decode("utf-8")
    code, out, err = run("--fix", str(path))
    # A file that --fix cannot write is reported as check reports it: on stdout, never echoed like standard input.
    assert (code, err) == (1, "")
    assert out.decode("utf-8").startswith(f"{path}:") and UNFIXABLE["utf-16"] not in out
    assert path.read_bytes() == UNFIXABLE["utf-16"]


@pytest.mark.parametrize("data", UNFIXABLE.values(), ids=UNFIXABLE.keys())
def test_check_of_stdin_that_cannot_be_fixed_reports_it_on_stdout(data: bytes) -> None:
    """Only --fix echoes standard input (an editor replaces the file with it); check prints the report."""
    code, out, err = run("-", stdin=data)
    assert (code, err) == (1, "")
    assert out.decode("utf-8").startswith("<stdin>:") and data not in out
