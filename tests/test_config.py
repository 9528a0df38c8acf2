"""Configuration as a user meets it: a file in the project changes what `check` reports and how it exits."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from helpers import write

from automations_lint.cli.commands import main
from automations_lint.engine.config import glob_matches

# An unknown field (error AL101) and a task whose command is blank (warning AL302).
FILE = (
    "tasks:\n  build:\n    name: Build\n    command: make\n    triggers: [manual]\n"
    "  setup:\n    name: Setup\n    command: ' '\n"
)


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    """Exit code, the codes reported (concise format), and stderr."""
    code = main(["check", "--format", "concise", *args])
    out, err = capsys.readouterr()
    return code, [line.split(" ")[2] for line in out.splitlines() if line.count(":") >= 3], err


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder, the current folder, with one automations file."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, ".ona/automations.yaml", FILE)
    return tmp_path


def test_without_configuration_every_rule_runs(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(capsys, ".") == (1, ["AL101", "AL302"], "")


def test_pyproject_ignore_changes_the_report_and_the_exit_code(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "pyproject.toml", '[project]\nname = "x"\n\n[tool.automations-lint]\nignore = ["unknown-field"]\n')
    assert check(capsys, ".") == (0, ["AL302"], "")


def test_select_by_code_or_name(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, ".automations-lint.toml", 'select = ["empty-task", "al203"]\n')
    assert check(capsys, ".") == (0, ["AL302"], "")


def test_severity_overrides(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, ".automations-lint.toml", '[severity]\nAL101 = "warning"\nempty-task = "error"\n')
    code, _, _ = check(capsys, ".")
    assert code == 1
    main(["check", "--format", "concise", "."])
    out = capsys.readouterr().out
    assert ": warning AL101 " in out
    assert ": error AL302 " in out


def test_per_file_ignores_match_paths_relative_to_the_configuration(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "legacy/.gitpod/automations.yaml", FILE)
    write(project, "pyproject.toml", '[tool.automations-lint.per-file-ignores]\n"legacy/**" = ["AL101", "AL302"]\n')
    code, codes, _ = check(capsys, ".")
    assert (code, codes) == (1, ["AL101", "AL302"])  # only .ona/automations.yaml is left with problems


def test_dot_automations_lint_toml_wins_over_pyproject_in_the_same_folder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "pyproject.toml", '[tool.automations-lint]\nignore = ["AL101"]\n')
    write(project, ".automations-lint.toml", 'ignore = ["AL302"]\n')
    assert check(capsys, ".") == (1, ["AL101"], "")


def test_the_nearest_configuration_to_each_file_applies_unmerged(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, ".automations-lint.toml", 'ignore = ["AL101"]\n')
    write(project, "sub/.automations-lint.toml", 'ignore = ["AL302"]\n')
    write(project, "sub/.ona/automations.yaml", FILE)
    write(project, "other/pyproject.toml", '[project]\nname = "no table here"\n')  # skipped: no table of ours
    write(project, "other/.ona/automations.yaml", FILE)
    main(["check", "--format", "concise", "."])
    lines = capsys.readouterr().out.splitlines()
    assert sorted(line.split(":")[0] + " " + line.split(" ")[2] for line in lines if line.count(":") >= 3) == [
        ".ona/automations.yaml AL302",
        "other/.ona/automations.yaml AL302",
        "sub/.ona/automations.yaml AL101",
    ]


def test_command_line_select_replaces_and_ignore_adds(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, ".automations-lint.toml", 'ignore = ["AL101"]\n')
    assert check(capsys, "--select", "AL101,empty-task", ".") == (1, ["AL101", "AL302"], "")
    assert check(capsys, "--ignore", "AL302", ".") == (0, [], "")
    assert check(capsys, "--select", "AL101", "--select", "AL302", "--ignore", "AL101", ".") == (0, ["AL302"], "")


def test_config_option_and_isolated(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, ".automations-lint.toml", 'ignore = ["AL101"]\n')
    write(project, "ci/strict.toml", 'ignore = ["AL302"]\n')
    assert check(capsys, "--config", "ci/strict.toml", ".") == (1, ["AL101"], "")
    assert check(capsys, "--isolated", ".") == (1, ["AL101", "AL302"], "")
    message = "automations-lint: error: --config and --isolated cannot be used together\n"
    assert check(capsys, "--config", "ci/strict.toml", "--isolated", ".") == (2, [], message)


def test_rule_lists_may_have_blanks_around_names(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(capsys, "--isolated", "--select", " AL302 , unknown-field ", ".") == (1, ["AL101", "AL302"], "")


def test_stdin_uses_the_configuration_of_the_current_folder(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, ".automations-lint.toml", '[per-file-ignores]\n".ona/*" = ["AL101"]\n')
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(FILE.encode())))
    assert check(capsys, "--stdin-filename", ".ona/automations.yaml", "-") == (0, ["AL302"], "")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('selct = ["AL101"]', 'unknown key "selct" in [tool.automations-lint] (did you mean "select"?)'),
        ('select = "AL101"', '"select" must be a list of rule codes or names, such as ["AL101", "unknown-reference"]'),
        ("ignore = [101]", '"ignore" must be a list of rule codes or names'),
        ('ignore = ["AL999"]', 'unknown rule "AL999" in "ignore"'),
        ('ignore = ["unknwn-field"]', 'unknown rule "unknwn-field" in "ignore" (did you mean "unknown-field"?)'),
        ('severity = "error"', '"severity" must be a table of rule = "error", "info" or "warning"'),
        ('severity = {AL101 = "fatal"}', '"severity.AL101" must be "error", "info" or "warning", not "fatal"'),
        ("severity = {AL101 = 1}", '"severity.AL101" must be "error", "info" or "warning", not 1'),
        ('severity = {nope = "error"}', 'unknown rule "nope" in "severity"'),
        ('per-file-ignores = ["x"]', '"per-file-ignores" must be a table of glob = list of rules'),
        ('per-file-ignores = {"a/**" = "AL101"}', '"per-file-ignores" entry "a/**" must be a list of rule codes'),
        ('per-file-ignores = {"a/**" = ["nope"]}', 'unknown rule "nope" in "per-file-ignores" entry "a/**"'),
        ("select = [", "not valid TOML: "),
    ],
)
def test_invalid_configuration_is_one_line_and_exit_2(
    project: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    write(project, "pyproject.toml", f"[tool.automations-lint]\n{text}\n")
    code, codes, err = check(capsys, ".")
    assert (code, codes) == (2, [])
    assert err.startswith(f"automations-lint: error: invalid configuration in pyproject.toml: {message}")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_invalid_dot_automations_lint_toml(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, ".automations-lint.toml", 'colour = "never"\n')
    expected = (
        'automations-lint: error: invalid configuration in .automations-lint.toml: unknown key "colour" '
        '(expected "ignore", "per-file-ignores", "select" or "severity")\n'
    )
    assert check(capsys, ".") == (2, [], expected)


def test_tool_entry_that_is_not_a_table(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "pyproject.toml", '[tool]\nautomations-lint = "strict"\n')
    _, _, err = check(capsys, ".")
    assert (
        err
        == "automations-lint: error: invalid configuration in pyproject.toml: [tool.automations-lint] must be a table\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "AL101,nope"], "Invalid value for '--select': unknown rule \"nope\""),
        (["--ignore", "unknwn-field"], 'unknown rule "unknwn-field" (did you mean "unknown-field"?)'),
        (["--config", "missing.toml"], "'missing.toml' does not exist"),
        (["--config", "pyproject.toml"], "no [tool.automations-lint] table"),
        (["--config", ".automations-lint.toml", "--isolated"], "--config and --isolated cannot be used together"),
    ],
)
def test_bad_command_line_configuration_exits_2(
    project: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    write(project, "pyproject.toml", '[project]\nname = "x"\n')
    write(project, ".automations-lint.toml", "")
    code, _, err = check(capsys, *args, ".")
    assert code == 2
    assert message in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("legacy/**", "legacy/.gitpod/automations.yaml", True),
        ("legacy/**", "new/legacy/.gitpod/automations.yaml", False),
        ("**/.gitpod/*", "a/b/.gitpod/automations.yml", True),
        ("**/.gitpod/*", ".gitpod/automations.yml", True),
        (".gitpod/*", "a/.gitpod/automations.yml", False),
        ("./.gitpod/*.yaml", ".gitpod/automations.yaml", True),
        ("*.yml", "a/.ona/automations.yml", True),  # no "/": matches the file name anywhere
        ("*.yml", "a/.ona/automations.yaml", False),
        ("services-[ab]/**", "services-a/.ona/automations.yaml", True),
        ("services-[!ab]/**", "services-a/.ona/automations.yaml", False),
        ("a?c/*", "abc/x", True),
        ("a?c/*", "a/c/x", False),
    ],
)
def test_per_file_ignores_globs(pattern: str, path: str, matches: bool) -> None:
    assert glob_matches(pattern, path) is matches


def test_fix_fixes_only_the_rules_the_configuration_enables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "tasks:\n  build:\n    name: Build\n    command: make\n    depends_on: []\n    triggeredBy: [Manual]\n"
    path = write(tmp_path, "automations.yaml", text)
    assert main(["check", "--fix", "--ignore", "proto-field-name", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == text.replace("Manual", "manual")
    assert capsys.readouterr().err == "automations-lint: fixed 1 problem in 1 file\n"
