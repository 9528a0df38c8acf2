"""`check --fix`, `--diff` and `--unsafe-fixes` as a user meets them: what is written, what is left alone."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import write

from automations_lint.cli.commands import cli
from automations_lint.engine import fixing

BROKEN = (
    "tasks:\n"
    "  build:\n"
    "    name: Build   # the build\n"
    "    command: make\n"
    "    triggers: [manual, manual]\n"
    "  test:\n"
    "    name: Test\n"
    "    command: make test\n"
    "    dependsOn: [biuld]\n"
)
SAFE_FIXED = BROKEN.replace("triggers: [manual, manual]", "triggeredBy: [manual]")


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", *args], input=stdin, env={"NO_COLOR": "1", "GITHUB_ACTIONS": ""})
    return result.exit_code, result.stdout, result.stderr


def test_fix_writes_safe_fixes_and_reports_what_is_left(tmp_path: Path) -> None:
    path = write(tmp_path, "automations.yaml", BROKEN)
    code, out, err = run("--fix", "--format", "concise", str(path))
    assert path.read_bytes().decode() == SAFE_FIXED
    assert code == 1  # the unknown reference is left: its fix is unsafe
    assert out == (
        f'{path}:9:17: error AL201 task "test" depends on unknown task or service "biuld" [unknown-reference]'
        " (fixable with --fix --unsafe-fixes)\n"
    )
    assert err == "automations-lint: fixed 2 problems in 1 file\n"


def test_what_is_left_is_shown_in_the_fixed_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The report after --fix quotes the file as it was written: the repeated entry is gone, so the reference that
    was on line 11 is on line 10, and that is the line shown."""
    text = BROKEN.replace("triggers: [manual, manual]", "triggeredBy:\n      - manual\n      - manual")
    write(tmp_path, "automations.yaml", text)
    monkeypatch.chdir(tmp_path)
    code, out, err = run("--fix", "automations.yaml")
    assert (code, err) == (1, "automations-lint: fixed 1 problem in 1 file\n")
    assert out == (
        'automations.yaml:10:17: error AL201 task "test" depends on unknown task or service "biuld"'
        " [unknown-reference]\n"
        "   |\n10 |     dependsOn: [biuld]\n   |                 ^^^^^\n"
        '   = hint: did you mean "build"?\n'
        '   = fix: change "biuld" to "build" (fixable with --fix --unsafe-fixes)\n\n'
        "Found 1 error in 1 file (1 file checked).\n1 fixable with --fix --unsafe-fixes.\n"
    )


def test_unsafe_fixes_fix_the_reference_too(tmp_path: Path) -> None:
    path = write(tmp_path, "automations.yaml", BROKEN)
    code, out, _ = run("--fix", "--unsafe-fixes", str(path))
    assert path.read_bytes().decode() == SAFE_FIXED.replace("[biuld]", "[build]")
    assert code == 0
    assert out == "All checks passed (1 file checked).\n"


def test_diff_prints_and_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "automations.yaml", BROKEN)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("--diff", "automations.yaml")
    assert code == 1
    assert Path("automations.yaml").read_text() == BROKEN
    assert out == (
        "--- a/automations.yaml\n+++ b/automations.yaml\n@@ -2,7 +2,7 @@\n"
        "   build:\n     name: Build   # the build\n     command: make\n"
        "-    triggers: [manual, manual]\n+    triggeredBy: [manual]\n"
        "   test:\n     name: Test\n     command: make test\n"
    )
    assert run("--diff", "--format", "json", "automations.yaml")[0] == 1
    Path("automations.yaml").write_text(SAFE_FIXED)
    assert run("--diff", "automations.yaml")[:2] == (0, "")


def test_diff_exits_2_when_a_path_cannot_be_read_even_with_a_diff_to_show(tmp_path: Path) -> None:
    path = write(tmp_path, "automations.yaml", BROKEN)
    code, out, err = run("--diff", str(path), str(tmp_path / "missing.yaml"))
    assert code == 2
    assert "+    triggeredBy: [manual]\n" in out
    assert err == f'automations-lint: cannot read "{tmp_path / "missing.yaml"}": No such file or directory\n'


def test_fix_of_stdin_prints_the_fixed_text(tmp_path: Path) -> None:
    code, out, err = run("--fix", "--format", "concise", "-", stdin=BROKEN)
    assert code == 1
    assert out == SAFE_FIXED
    assert "AL201" in err


def test_file_with_nothing_to_fix_is_not_touched(tmp_path: Path) -> None:
    path = write(tmp_path, "automations.yaml", SAFE_FIXED.replace("[biuld]", "[build]"))
    os.utime(path, (1_000_000, 1_000_000))
    assert run("--fix", str(path))[0] == 0
    assert path.stat().st_mtime == 1_000_000


def test_file_that_does_not_parse_is_not_touched(tmp_path: Path) -> None:
    text = BROKEN + "  broken: [\n"
    path = write(tmp_path, "automations.yaml", text)
    code, out, _ = run("--fix", "--format", "concise", str(path))
    assert code == 1
    assert path.read_text() == text
    assert "AL001" in out


def test_fix_keeps_permissions_and_line_endings(tmp_path: Path) -> None:
    path = write(tmp_path, "automations.yaml", BROKEN.replace("\n", "\r\n"))
    path.chmod(0o640)
    run("--fix", str(path))
    assert path.read_bytes() == SAFE_FIXED.replace("\n", "\r\n").encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [entry.name for entry in tmp_path.iterdir()] == ["automations.yaml"]  # no temporary file left


def test_fix_keeps_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "automations.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BROKEN.encode())
    run("--fix", str(path))
    assert path.read_bytes() == b"\xef\xbb\xbf" + SAFE_FIXED.encode()


def test_a_file_changed_since_it_was_read_is_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "automations.yaml", BROKEN)
    real_fix_text = fixing.fix_text

    def edit_meanwhile(*args: object, **kwargs: object) -> fixing.FixResult:
        result = real_fix_text(*args, **kwargs)  # type: ignore[arg-type]
        path.write_text(BROKEN + "# someone else's edit\n")
        return result

    monkeypatch.setattr("automations_lint.cli.fix.fix_text", edit_meanwhile)
    code, _, err = run("--fix", str(path))
    assert code == 2
    assert path.read_text() == BROKEN + "# someone else's edit\n"
    assert err.startswith(f'automations-lint: not fixed "{path}": ')
    assert "changed while it was being fixed" in err


def test_fix_and_diff_together_is_a_usage_error() -> None:
    assert run("--fix", "--diff", "-", stdin=BROKEN)[0] == 2


def test_every_format_says_what_is_fixable(tmp_path: Path) -> None:
    path = write(tmp_path, "automations.yaml", BROKEN)
    assert '"safe": true' in run("--format", "json", str(path))[1]
    assert "= fix: rename \"triggers\" to \"triggeredBy\" (fixable with --fix)" in run(str(path))[1]
    assert "fixable with --fix" in run("--format", "github", str(path))[1]
    assert "fixable with --fix" in run("--format", "gitlab", str(path))[1]
    assert "fixable with --fix" in run("--format", "junit", str(path))[1]
    assert '"artifactChanges"' in run("--format", "sarif", str(path))[1]
