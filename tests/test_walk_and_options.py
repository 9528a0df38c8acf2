"""Folder search, configuration and options under hostile conditions (issues 11 and 12).

A tree over a thousand folders deep is searched without a RecursionError; a folder that cannot be listed (a
subfolder, or `.ona` itself) is said on stderr, one line each, with exit 2, instead of being taken for empty;
`--config` naming a FIFO is a one-line error, not a hang; an invalid per-file-ignores glob is a configuration
error naming the key; `--select ""` is an error, not "every rule off"; a syntax error's span ends at most one
column past its line.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from automations_lint import lint_text
from automations_lint.cli.commands import cli
from automations_lint.source.lines import LINE_BREAK

VALID = "tasks:\n  build:\n    name: Build\n    command: make\n"
pytestmark = pytest.mark.usefixtures("without_shellcheck")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={"NO_COLOR": "1", "GITHUB_ACTIONS": ""})
    return result.exit_code, result.stdout, result.stderr


def test_a_tree_deeper_than_the_recursion_limit_is_searched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 1,100 levels: past Python's default recursion limit of 1,000, which os.walk hit on Python 3.10 and 3.11.
    monkeypatch.chdir(tmp_path)
    folders = ["./d"]
    for _ in range(1099):  # one at a time: os.makedirs, Path.mkdir and shutil.rmtree recurse
        folders.append(folders[-1] + "/d")
    folders.append(folders[-1] + "/.ona")
    for folder in folders:
        os.mkdir(folder)
    Path(folders[-1], "automations.yaml").write_text(VALID, encoding="utf-8")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)
    try:
        code, out, err = run("check", ".")
    finally:
        sys.setrecursionlimit(limit)
        os.unlink(Path(folders[-1], "automations.yaml"))
        for folder in reversed(folders):  # pytest's own clean-up would recurse
            os.rmdir(folder)
    assert (code, out, err[:200]) == (0, "All checks passed (1 file checked).\n", "")


@pytest.mark.parametrize("unlisted", ["sub", "sub/.ona"], ids=["a subfolder", "the .ona folder"])
def test_a_folder_that_cannot_be_listed_is_said(unlisted: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok" / ".ona").mkdir(parents=True)
    (tmp_path / "ok" / ".ona" / "automations.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "sub" / ".ona").mkdir(parents=True)
    (tmp_path / "sub" / ".ona" / "automations.yaml").write_text(VALID, encoding="utf-8")
    blocked = str(tmp_path / unlisted)
    real_scandir = os.scandir

    def scandir(path: str) -> object:  # root ignores permission bits, so the refusal is simulated
        if os.path.normpath(path) == blocked:
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = run("check", str(tmp_path))
    assert code == 2
    assert err == f'automations-lint: cannot read "{blocked}": Permission denied\n'
    assert out == "All checks passed (1 file checked).\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_config_naming_a_fifo_is_an_error_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    (tmp_path / "a.yaml").write_text(VALID, encoding="utf-8")
    code, _, err = run("check", "--config", str(fifo), str(tmp_path / "a.yaml"))
    assert code == 2
    assert err.count("\n") == 1 and "not a regular file" in err


@pytest.mark.parametrize("glob", ["[!]", "[z-a]"])
def test_an_invalid_glob_is_a_configuration_error(glob: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".automations-lint.toml").write_text(f'[per-file-ignores]\n"{glob}" = ["AL101"]\n', encoding="utf-8")
    (tmp_path / "a.yaml").write_text(VALID, encoding="utf-8")
    code, out, err = run("check", "a.yaml")
    assert (code, out) == (2, "")
    assert f'.automations-lint.toml: "per-file-ignores" entry "{glob}" is not a valid glob' in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("value", ["", ",", " , "])
def test_an_empty_select_is_an_error(value: str, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("tasks: [\n", encoding="utf-8")  # a syntax error an empty selection would pass
    code, out, err = run("check", "--select", value, str(path))
    assert (code, out) == (2, "")
    assert "--select" in err and "is empty, so it names no rule" in err


def test_an_empty_ignore_ignores_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("tasks: [\n", encoding="utf-8")
    assert run("check", "--ignore", "", str(path))[0] == 1


@pytest.mark.parametrize(
    "text",
    ["tasks:\n  a: [\n", "a: b\nc", "a: 'x\n", "key: value\tx: 1\n", "a:\n  - b\n c: d\n", "a: b: c"],
)
def test_a_syntax_error_ends_at_most_one_column_past_its_line(text: str) -> None:
    lines = LINE_BREAK.split(text)
    (error,) = [d for d in lint_text(text) if d.name == "syntax-error"]
    assert error.column <= error.end_column <= len(lines[error.end_line - 1]) + 1
