"""No file content, file name or configuration can forge an output line or drive a terminal or a CI runner (issue 12).

Every output format is rendered for diagnostics whose path, message, hint and fix carry hostile text: terminal
escape sequences, C1 controls, DEL, line breaks (CR, LF, U+2028/U+2029, NEL), bidi overrides and isolates, a
forged GitHub workflow command, and bytes of a file name that are not UTF-8. The human formats show none of it raw
and keep one diagnostic per line where they promise to; the machine formats stay valid. The command line's own
messages on stderr (unreadable paths, files not fixed, configuration errors, plan and graph) are checked too.
"""

from __future__ import annotations

import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from automations_lint import lint_text
from automations_lint.cli.commands import main
from automations_lint.reporters import FORMATS, Report, reporter
from automations_lint.source.lines import Lines

# What a terminal or a CI log must never receive raw (tab and the line breaks the format itself writes aside).
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
HOSTILE = {
    "osc-and-clear": "\x1b]0;owned\x07\x1b[2J",
    "c1-and-del": "a\x9b31mb\x7fc\x85d",
    "forged-line": "x\n::error file=x::INJECTED\r\nsrc/app.py:1:1: error AL101 forged",
    "bidi": "safe\u202etxt.exe\u2066\u2069\u2028\u2029",
    "percent-and-separators": "100%,a:b",
}
NOT_UTF8 = os.fsdecode(b"bad\xff\xfename")


def hostile_diagnostics(bad: str) -> tuple[list[object], str]:
    """Diagnostics from a file whose keys and references hold `bad`, labelled with a path that holds it too."""
    escaped = json.dumps(bad)  # a YAML double-quoted scalar can carry any character as an escape
    text = (
        "tasks:\n"
        "  build:\n    name: Build\n    command: make\n"
        f"  {escaped}:\n    name: B\n    command: make\n    dependsOn: [{json.dumps('buil' + bad[:1] + 'd')}]\n"
        f"    {escaped}: 1\n"
    )
    path = f"{bad}/{NOT_UTF8}/.ona/automations.yaml"
    return list(lint_text(text, path)), text


@pytest.mark.usefixtures("without_shellcheck")
@pytest.mark.parametrize("name", HOSTILE)
@pytest.mark.parametrize("output_format", sorted(FORMATS))
def test_every_format_is_safe(output_format: str, name: str) -> None:
    diagnostics, text = hostile_diagnostics(HOSTILE[name])
    assert diagnostics
    path = diagnostics[0].path
    out = reporter(output_format)(Report(diagnostics, 1, {path: Lines(text)}))
    out.encode("utf-8")  # strict: no lone surrogate reaches the output
    if output_format in ("json", "sarif", "gitlab"):
        json.loads(out)
        assert "\x1b" not in out and "\x9b" not in out
        return
    if output_format == "junit":
        ET.fromstring(out.split("\n", 1)[1])
    assert not UNSAFE.search(out), UNSAFE.findall(out)
    lines = out.splitlines()
    if output_format == "concise":
        assert len(lines) == len(diagnostics)
    if output_format == "github":
        annotations = [line for line in lines if line.startswith("::")]
        assert len(annotations) == len(diagnostics)  # the other lines are the closing summary
        # The properties hold no raw ":" or ",": the file name cannot end them and start a command of its own.
        assert all(re.fullmatch(r"::(error|warning|notice) [^:]*::.*", line) for line in annotations)


def test_a_surrogate_file_name_gives_a_byte_accurate_sarif_uri() -> None:
    from automations_lint.reporters.sarif import uri

    assert uri(NOT_UTF8 + "/a.yaml") == "bad%FF%FEname/a.yaml"


# -- the command line's own messages ---------------------------------------------------------------------------


def run(argv: list[str], capfd: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capfd.readouterr()
    return code, captured.out, captured.err


def assert_one_safe_line(err: str) -> None:
    assert err.count("\n") == 1, err
    assert not UNSAFE.search(err[:-1]), err


@pytest.fixture
def hostile_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / ("evil\n::error file=x::INJECTED\x1b[2J\u202e" + NOT_UTF8)
    folder.mkdir()
    return folder


def test_cannot_read(hostile_folder: Path, capfd: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["check", str(hostile_folder / "missing.yaml")], capfd)
    assert code == 2
    assert_one_safe_line(err)


def test_not_found_below_a_folder(hostile_folder: Path, capfd: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["check", "--format", "github", str(hostile_folder)], capfd)
    assert code == 2
    assert_one_safe_line(err)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_not_fixed(hostile_folder: Path, capfd: pytest.CaptureFixture[str]) -> None:
    path = hostile_folder / "automations.yaml"
    path.write_text("tasks:\n  a:\n    name: A\n    command: x\n    triggers: [manual]\n", encoding="utf-8")
    path.chmod(0o444)  # refused for everyone, root included
    code, _, err = run(["check", "--fix", str(path)], capfd)
    assert code == 2
    not_fixed = [line for line in err.splitlines(keepends=True) if "not fixed" in line]
    assert len(not_fixed) == 1
    assert_one_safe_line(not_fixed[0])


@pytest.mark.parametrize(
    "toml",
    [
        '"\\u001b[2J\\n::error::x" = 1\n',
        'select = ["\\u001b]0;x\\u0007\\u202e"]\n',
        '[severity]\n"\\u001b[2J" = "error"\n',
        '[per-file-ignores]\n"\\u001b[2J\\n" = ["nope\\u2028"]\n',
    ],
    ids=["key", "rule", "severity rule", "per-file rule"],
)
def test_configuration_errors(
    toml: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".automations-lint.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "a.yaml").write_text("tasks: {}\n", encoding="utf-8")
    code, _, err = run(["check", "a.yaml"], capfd)
    assert code == 2
    assert_one_safe_line(err)


def test_an_option_naming_a_hostile_rule(capfd: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("tasks: {}\n", encoding="utf-8")
    code, _, err = run(["check", "--select", "\x1b[2J\nforged", str(tmp_path / "a.yaml")], capfd)
    assert code == 2
    assert_one_safe_line(err)


HOSTILE_FILE = (
    'tasks:\n  "a\\e[2J\\u202e":\n    name: A\n    command: x\n'
    '  b:\n    name: B\n    command: y\n    dependsOn: ["a\\e[2J\\u202e"]\n'
)


@pytest.mark.usefixtures("without_shellcheck")
def test_plan_keys_and_its_no_task_error(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "automations.yaml"
    path.write_text(HOSTILE_FILE, encoding="utf-8")
    code, out, err = run(["plan", "--file", str(path), "b"], capfd)
    assert code == 0
    assert not UNSAFE.search(out.replace("\n", "")), out
    code, _, err = run(["plan", "--file", str(path), "\x1b[2J\u202ez"], capfd)
    assert code == 2
    assert_one_safe_line(err)


@pytest.mark.usefixtures("without_shellcheck")
@pytest.mark.parametrize("output_format", ["mermaid", "dot"])
def test_graph_labels(output_format: str, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "automations.yaml"
    path.write_text(HOSTILE_FILE, encoding="utf-8")
    code, out, _ = run(["graph", "--format", output_format, str(path)], capfd)
    assert code == 0
    assert not UNSAFE.search(out.replace("\n", "")), out
