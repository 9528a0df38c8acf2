"""`check`'s exit code and its one line on stderr for paths it cannot read and rule lists that name nothing."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from automations_lint.cli.commands import main

CLEAN = "tasks:\n  a:\n    name: A\n    command: echo\n"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.yaml"
    code, _, err = run(["check", str(missing)], capsys)
    assert (code, err) == (2, f'automations-lint: cannot read "{missing}": No such file or directory\n')


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_path_that_is_not_a_regular_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    clean = tmp_path / "clean.yaml"
    clean.write_text(CLEAN, encoding="utf-8")
    code, out, err = run(["check", str(pipe), str(clean)], capsys)
    assert (code, err) == (2, f'automations-lint: cannot read "{pipe}": not a regular file\n')
    assert "All checks passed (1 file checked)." in out  # the readable file is still checked


def test_a_file_that_cannot_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Permissions do not stop root, who runs these tests in CI: the read itself fails here."""
    from automations_lint.cli import commands

    def refuse(path: str) -> bytes:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)

    monkeypatch.setattr(commands, "read_regular_file", refuse)
    path = tmp_path / "secret.yaml"
    path.write_text(CLEAN, encoding="utf-8")
    code, _, err = run(["check", str(path)], capsys)
    assert (code, err) == (2, f'automations-lint: cannot read "{path}": Permission denied\n')


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_a_dangling_link_where_the_file_is_looked_for(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for project in ("one", "two"):
        (tmp_path / project / ".ona").mkdir(parents=True)
        (tmp_path / project / ".ona" / "automations.yaml").symlink_to(tmp_path / f"{project}-gone.yaml")
    code, out, err = run(["check", str(tmp_path / "one"), str(tmp_path / "two")], capsys)
    said = [f'automations-lint: cannot read "{tmp_path / project / ".ona" / "automations.yaml"}": No such file or '
            "directory\n" for project in ("one", "two")]
    assert (code, out, err) == (2, "", "".join(said))


def test_a_folder_that_cannot_be_listed_is_said_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only its own line: no "no automations file" line beside it (the file may be in there)."""
    from automations_lint.cli import commands

    def discover(path: str, *, on_error: Callable[[str, str], object]) -> list[str]:
        on_error(os.path.join(path, ".ona"), os.strerror(errno.EACCES))
        return []

    monkeypatch.setattr(commands, "discover", discover)
    code, out, err = run(["check", str(tmp_path)], capsys)
    assert (code, out, err) == (2, "", f'automations-lint: cannot read "{tmp_path / ".ona"}": Permission denied\n')


def test_the_same_file_twice_is_checked_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "clean.yaml"
    path.write_text(CLEAN, encoding="utf-8")
    code, out, _ = run(["check", str(path), str(tmp_path / "." / "clean.yaml")], capsys)
    assert (code, out) == (0, "All checks passed (1 file checked).\n")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--select", " , "], "Invalid value for '--select': the value is empty, so it names no rule; leave the "
         "option out to check every rule"),
        (["--select", "biuld"], "Invalid value for '--select': unknown rule \"biuld\""),
        (["--ignore", "shellcheck,AL999"], "Invalid value for '--ignore': unknown rule \"AL999\" (did you mean "
         '"AL901"?)'),
    ],
)
def test_a_rule_list_that_names_nothing(
    options: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clean.yaml"
    path.write_text(CLEAN, encoding="utf-8")
    code, out, err = run(["check", *options, str(path)], capsys)
    assert (code, out, err) == (2, "", f"automations-lint: error: {message}\n")


@pytest.mark.parametrize("where", ["stat", "read"])
def test_an_error_without_a_system_reason_is_said_in_its_own_words(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An OSError with no errno (a file system that answers oddly) has no strerror: its message is the reason."""
    from automations_lint.cli import commands

    path = tmp_path / "odd.yaml"
    path.write_text(CLEAN, encoding="utf-8")
    real_stat = os.stat

    def fail(target: str, *args: object, **kwargs: object) -> os.stat_result:
        if str(target) == str(path):
            raise OSError("the file system gave no answer")
        return real_stat(target, *args, **kwargs)

    def refuse(target: str) -> bytes:
        raise OSError("the file system gave no answer")

    if where == "stat":
        monkeypatch.setattr(commands.os, "stat", fail)
    else:
        monkeypatch.setattr(commands, "read_regular_file", refuse)
    code, _, err = run(["check", str(path)], capsys)
    assert (code, err) == (2, f'automations-lint: cannot read "{path}": the file system gave no answer\n')


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        (KeyboardInterrupt(), (130, "", "\nautomations-lint: aborted\n")),  # the blank line closes the ^C echo
        (SystemExit(), (0, "", "")),
        (SystemExit(3), (3, "", "")),
    ],
    ids=["ctrl-c exits 130 with one line", "an exit without a code", "an exit with its code"],
)
def test_an_interruption_or_an_exit_while_linting_gives_its_code(
    raised: BaseException,
    expected: tuple[int, str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from automations_lint.cli import commands

    def stopped(run: object) -> None:
        raise raised

    monkeypatch.setattr(commands, "_lint_pending", stopped)
    path = tmp_path / "clean.yaml"
    path.write_text(CLEAN, encoding="utf-8")
    assert run(["check", str(path)], capsys) == expected
