"""What the command line says around the diagnostics: each file once, what discovery looked for and found instead,
the ShellCheck notice, the fixable count in the summary, and JUnit under --strict."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import write

from automations_lint.cli.commands import cli

INVALID = "tasks:\n  build:\n    name: Build\n    command: npm run build\n    triggers: [manual]\n"
HEADLINE = 'error AL101 unknown field "triggers" in task "build" [unknown-field]'


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={"NO_COLOR": "1", "GITHUB_ACTIONS": ""})
    return result.exit_code, result.stdout, result.stderr


def headlines(out: str) -> list[str]:
    return [line for line in out.splitlines() if "AL101" in line]


def test_a_file_given_twice_is_checked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "x.yaml", INVALID)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("check", "--isolated", "x.yaml", "x.yaml", "./x.yaml")
    assert code == 1
    assert headlines(out) == [f"x.yaml:5:5: {HEADLINE}"]  # the first spelling is kept
    assert "(1 file checked).\n" in out


def test_a_file_given_directly_and_through_its_folder_is_checked_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "project/.ona/automations.yaml", INVALID)
    os.symlink("project", tmp_path / "link")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("check", "--isolated", "project/.ona/automations.yaml", "project", "link/.ona/automations.yaml")
    assert code == 1
    assert headlines(out) == [f"project/.ona/automations.yaml:5:5: {HEADLINE}"]
    assert "(1 file checked).\n" in out


def test_run_from_inside_ona_says_what_it_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, ".ona/automations.yaml", INVALID)
    monkeypatch.chdir(tmp_path / ".ona")
    code, out, err = run("check")
    assert code == 2
    assert out == ""
    assert err == (
        'automations-lint: no .ona/automations.yaml or .gitpod/automations.yaml (or .yml) below "."; '
        'found "automations.yaml": name it to check it (automations-lint check automations.yaml)\n'
    )


def test_a_gitpod_classic_file_is_named_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, ".gitpod.yml", "tasks:\n  - init: npm ci\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = run("check")
    assert code == 2
    assert err == (
        'automations-lint: no .ona/automations.yaml or .gitpod/automations.yaml (or .yml) below "."; '
        'found ".gitpod.yml", a Gitpod Classic file: automations-lint checks Ona automations files; '
        "write its tasks as services and tasks in .ona/automations.yaml\n"
    )


def test_plan_says_the_same_of_a_folder_without_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "automations.yml", INVALID)
    monkeypatch.chdir(tmp_path)
    code, _, err = run("plan", ".", "build")
    assert code == 2
    assert 'found "automations.yml": name it to check it' in err


MIXED_FIXES = """tasks:
  build:
    name: Build
    command: npm run build
    triggers: [manual]
  test:
    name: Test
    command: npm test
    triggers: [manual]
    dependsOn: [biuld]
"""


def test_the_summary_counts_safe_and_unsafe_fixes(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", MIXED_FIXES)
    code, out, _ = run("check", "--isolated", str(path))
    assert code == 1
    assert out.endswith(
        "Found 3 errors in 1 file (1 file checked).\n2 fixable with --fix (1 more with --unsafe-fixes).\n"
    )


def test_after_fix_the_summary_counts_what_is_left(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", MIXED_FIXES)
    code, out, _ = run("check", "--isolated", "--fix", str(path))
    assert code == 1
    assert out.endswith("Found 1 error in 1 file (1 file checked).\n1 fixable with --fix --unsafe-fixes.\n")


WARNING_ONLY = "tasks:\n  setup:\n    name: Setup\n    command: npm run dev\n"


@pytest.mark.parametrize(("options", "code", "failures"), [((), 0, "0"), (("--strict",), 1, "1")])
def test_junit_fails_a_warning_only_file_under_strict(
    tmp_path: Path, options: tuple[str, ...], code: int, failures: str
) -> None:
    path = write(tmp_path, "a.yaml", WARNING_ONLY)
    exit_code, out, _ = run("check", "--isolated", "--format", "junit", *options, str(path))
    assert exit_code == code
    assert f'<testsuites name="automations-lint" tests="1" failures="{failures}" errors="0">' in out
    assert ("<failure " in out) == (failures == "1")
    assert ("<system-out>" in out) == (failures == "0")
    assert "AL403" in out  # task-never-ends, a warning, listed either way


def test_a_hard_link_to_a_checked_file_is_not_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "x.yaml", INVALID)
    os.link(tmp_path / "x.yaml", tmp_path / "y.yaml")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("check", "--isolated", "x.yaml", "y.yaml")
    assert code == 1
    assert headlines(out) == [f"x.yaml:5:5: {HEADLINE}"]


def test_files_are_reported_in_path_order_whatever_the_order_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "b.yaml", INVALID)
    write(tmp_path, "a.yaml", INVALID)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("check", "--isolated", "--format", "concise", "b.yaml", "a.yaml")
    assert code == 1
    assert headlines(out) == [f"{name}:5:5: {HEADLINE} (fixable with --fix)" for name in ("a.yaml", "b.yaml")]


def test_no_cache_writes_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/cache.md: --no-cache (or its variable) neither reads nor writes; without it, check keeps its results."""
    monkeypatch.delenv("AUTOMATIONS_LINT_NO_CACHE", raising=False)
    path = write(tmp_path, "x.yaml", INVALID)
    assert run("check", "--isolated", "--no-cache", "--cache-dir", str(tmp_path / "off"), str(path))[0] == 1
    assert not (tmp_path / "off").exists()
    assert run("check", "--isolated", "--cache-dir", str(tmp_path / "on"), str(path))[0] == 1
    assert list((tmp_path / "on").glob("v1/files/*/*.json"))
