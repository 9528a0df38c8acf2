"""The command line as a user meets it: exit codes, formats, discovery, stdin, and the rule documentation."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import write

from automations_lint.cli.commands import cli, main
from automations_lint.rules.registry import ALL_RULES, summary

VALID = "tasks:\n  build:\n    name: Build\n    command: npm run build\n"
INVALID = "tasks:\n  build:\n    name: Build\n    command: npm run build\n    triggers: [manual]\n"
WARNING_ONLY = "tasks:\n  setup:\n    name: Setup\n    command: ' '\n"


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin, env={"NO_COLOR": "1", "GITHUB_ACTIONS": ""})
    return result.exit_code, result.stdout, result.stderr


def test_valid_file_exits_0_with_a_summary(tmp_path: Path) -> None:
    path = write(tmp_path, "automations.yaml", VALID)
    code, out, _ = run("check", str(path))
    assert code == 0
    assert out == "All checks passed (1 file checked).\n"


def test_invalid_file_exits_1_with_position_frame_and_hint(tmp_path: Path) -> None:
    path = write(tmp_path, "automations.yaml", INVALID)
    code, out, _ = run("check", str(path))
    assert code == 1
    assert out.splitlines()[0] == f'{path}:5:5: error AL101 unknown field "triggers" in task "build" [unknown-field]'
    assert "5 |     triggers: [manual]\n  |     ^^^^^^^^\n" in out
    assert '= hint: did you mean "triggeredBy"?' in out
    assert out.endswith("Found 1 error in 1 file (1 file checked).\n1 fixable with --fix.\n")


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    path = write(tmp_path, "automations.yaml", WARNING_ONLY)
    assert run("check", str(path))[0] == 0
    assert run("check", "--strict", str(path))[0] == 1


def test_strict_passes_a_file_with_only_notes(tmp_path: Path) -> None:
    path = write(tmp_path, "automations.yaml", VALID + "    runsOn:\n      docker:\n        image: node\n")
    code, out, _ = run("check", "--strict", "--format", "concise", str(path))
    assert (code, out.split(" ")[1:3]) == (0, ["info", "AL408"])


def test_concise_is_one_line_per_diagnostic(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", INVALID.replace("npm run build", "x") + "    dependsOn: [nope]\n")
    code, out, _ = run("check", "--format", "concise", str(path))
    assert code == 1
    assert out.splitlines() == [
        f'{path}:5:5: error AL101 unknown field "triggers" in task "build" [unknown-field] (fixable with --fix)',
        f'{path}:6:17: error AL201 task "build" depends on unknown task or service "nope" [unknown-reference]',
    ]


def test_json_has_the_documented_keys_and_1_based_positions(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", INVALID)
    code, out, _ = run("check", "--format", "json", str(path))
    assert code == 1
    assert json.loads(out) == [
        {
            "path": str(path),
            "line": 5,
            "column": 5,
            "end_line": 5,
            "end_column": 13,
            "code": "AL101",
            "name": "unknown-field",
            "severity": "error",
            "message": 'unknown field "triggers" in task "build"',
            "hint": 'did you mean "triggeredBy"?',
            "fix": {"description": 'rename "triggers" to "triggeredBy"', "safe": True},
        }
    ]


def test_json_of_a_clean_file_is_an_empty_array(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", VALID)
    assert run("check", "--format", "json", str(path))[:2] == (0, "[]\n")


def test_folders_are_searched_for_ona_and_gitpod_files(tmp_path: Path) -> None:
    write(tmp_path, "app/.ona/automations.yaml", VALID)
    write(tmp_path, "legacy/.gitpod/automations.yml", INVALID)
    write(tmp_path, "node_modules/pkg/.ona/automations.yaml", INVALID)  # dependencies are not the project's
    write(tmp_path, "docs/automations.yaml", INVALID)  # not where Ona looks
    code, out, _ = run("check", "--format", "concise", str(tmp_path))
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines()] == [str(tmp_path / "legacy/.gitpod/automations.yml")]


def test_no_paths_searches_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, ".ona/automations.yaml", INVALID)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("check", "--format", "concise")
    assert code == 1
    assert out.startswith(".ona/automations.yaml:5:5: error AL101")


def test_stdin_with_a_file_name(tmp_path: Path) -> None:
    code, out, _ = run("check", "--format", "concise", "--stdin-filename", ".ona/automations.yaml", "-", stdin=INVALID)
    assert code == 1
    assert out.startswith(".ona/automations.yaml:5:5: error AL101")
    assert run("check", "-", stdin=VALID)[0] == 0


@pytest.mark.parametrize("options", [[], ["--isolated"]], ids=["nearest configuration", "isolated"])
def test_stdin_in_a_working_folder_deleted_under_the_run(
    options: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No folder to search for a configuration: the defaults, and the findings as anywhere else, not a traceback."""
    folder = tmp_path / "gone"
    folder.mkdir()
    monkeypatch.chdir(folder)
    folder.rmdir()
    code, out, err = run("check", "--format", "concise", *options, "-", stdin=INVALID)
    expected = '<stdin>:5:5: error AL101 unknown field "triggers" in task "build" [unknown-field]'
    expected += " (fixable with --fix)\n"
    assert (code, out, err) == (1, expected, "")


def test_missing_path_exits_2_and_other_files_are_still_checked(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", INVALID)
    code, out, err = run("check", "--format", "concise", str(tmp_path / "missing.yaml"), str(path))
    assert code == 2
    assert err == f'automations-lint: cannot read "{tmp_path / "missing.yaml"}": No such file or directory\n'
    assert out.startswith(f"{path}:5:5: error AL101")


def test_folder_without_automations_file_exits_2(tmp_path: Path) -> None:
    code, out, err = run("check", str(tmp_path))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "no .ona/automations.yaml or .gitpod/automations.yaml (or .yml) below" in err


def test_bad_option_is_one_line_on_stderr_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "yaml"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("automations-lint: error: Invalid value for '--format'")
    assert captured.err.count("\n") == 1


def test_unknown_command_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_rules_lists_every_rule() -> None:
    code, out, _ = run("rules")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == len(ALL_RULES)
    assert lines[0].split()[:3] == ["AL001", "syntax-error", "error"]
    assert any(line.split()[:3] == ["AL301", "duplicate-entry", "warning"] for line in lines)


def test_rules_as_markdown_is_the_readmes_table() -> None:
    """`rules --format markdown` is how the README's table is written: a header, then a row per rule."""
    code, out, _ = run("rules", "--format", "markdown")
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert code == 0 and f"<!-- rules:start -->\n{out}<!-- rules:end -->" in readme
    lines = out.splitlines()
    assert lines[:2] == ["| code | name | severity | what it finds |", "|---|---|---|---|"]
    assert lines[2].startswith("| AL001 | `syntax-error` | error | ") and len(lines) == 2 + len(ALL_RULES)


def test_rules_columns_align_and_every_summary_is_whole() -> None:
    _, out, _ = run("rules")
    lines = out.splitlines()
    longest = max(ALL_RULES, key=lambda rule: len(rule.NAME))
    summary_column = {line.index(summary(rule)) for line, rule in zip(lines, ALL_RULES, strict=True)}
    assert len(summary_column) == 1, "the summaries start in one column, whatever the name's length"
    assert f"{longest.NAME}  " in out
    for line in lines:
        assert line.rstrip().endswith((".", ")")), f"summary cut short: {line}"
    assert "`$GITPOD_REPO_ROOT` or `/workspace/` paths." in out  # AL405's summary runs over two docstring lines


def test_bare_command_shows_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("Usage: automations-lint [OPTIONS] ")  # click 8.5 writes [COMMAND], 8.4 COMMAND
    assert "  check " in captured.out and "  rules " in captured.out
    assert captured.err == ""


@pytest.mark.parametrize("name", ["unknown-field", "Unknown-Field", "AL101", "al101"])  # any case
def test_rule_prints_the_documentation(name: str) -> None:
    code, out, _ = run("rule", name)
    assert code == 0
    assert out.startswith("AL101 unknown-field (error)\n\nA field that Ona does not know")
    assert "triggers:" in out  # the failing example


def test_unknown_rule_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "no-such-rule"]) == 2
    err = capsys.readouterr().err
    assert err == 'automations-lint: error: no rule is called "no-such-rule": "automations-lint rules" lists them\n'


@pytest.mark.parametrize(
    ("typed", "meant"), [("unknwn-field", "unknown-field"), ("dependancy-cycle", "dependency-cycle")]
)
def test_misspelt_rule_suggests_the_closest(typed: str, meant: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", typed]) == 2
    err = capsys.readouterr().err
    assert err == f'automations-lint: error: no rule is called "{typed}": did you mean "{meant}"?\n'


def test_color_only_when_forced_and_never_with_no_color(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", INVALID)
    forced = CliRunner().invoke(cli, ["check", str(path)], env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[1;31merror\x1b[0m" in forced.stdout
    plain = CliRunner().invoke(cli, ["check", str(path)], env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in plain.stdout


def test_python_m_and_console_script_run_the_same_cli(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", INVALID)
    result = subprocess.run(
        [sys.executable, "-m", "automations_lint", "check", "--format", "concise", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.startswith(f"{path}:5:5: error AL101")
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("options", "kept"),
    [([], {"files", "scripts"}), (["--fix"], {"scripts"}), (["--diff"], {"scripts"})],
)
def test_check_keeps_its_results_and_fix_and_diff_lint_afresh(
    options: list[str], kept: set[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/cache.md: check keeps each file's results (v1/files) and ShellCheck's answer for each script
    (v1/scripts); --fix and --diff lint afresh, so what they write never rests on a stored entry, but keep
    ShellCheck's answers."""
    from helpers import shellcheck_available

    if not shellcheck_available():
        pytest.skip("ShellCheck is not installed")
    from automations_lint.rules import shellcheck

    monkeypatch.delenv("AUTOMATIONS_LINT_NO_CACHE", raising=False)
    monkeypatch.setattr(shellcheck, "_RESULTS", {})  # scripts checked earlier in this process are remembered
    cache = tmp_path / "cache"
    path = write(tmp_path, "automations.yaml", VALID)
    assert main(["check", "--cache-dir", str(cache), *options, str(path)]) == 0
    assert {entry.parent.parent.name for entry in cache.glob("v1/*/*/*.json")} & {"files", "scripts"} == kept
