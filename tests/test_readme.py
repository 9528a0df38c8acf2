"""The README's promises: its rules table is current, and its Quick start commands are the ones CI runs."""

from __future__ import annotations

import doctest
import re
import shlex
import sys
from pathlib import Path

import pytest
from goldens import UPDATE, readme_with_current_rules

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rules_table_is_current() -> None:
    assert readme_with_current_rules(README) == README, f"the rules table is stale: run {UPDATE} readme"


def quick_start_commands() -> list[str]:
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", quick_start.split("\n### ", 1)[0])


def test_ci_runs_the_readme_test_command() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2
    assert "automations-lint check examples/" in commands[0]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_quick_start_works_where_system_python_refuses_pip() -> None:
    """Both commands make and enter a virtual environment before pip runs (Debian's Python refuses otherwise)."""
    for command in quick_start_commands():
        steps = [step.strip() for step in command.split("&&")]
        assert steps[:2] == ["python3 -m venv .venv", ". .venv/bin/activate"], command
        assert any(step.startswith("pip install ") for step in steps[2:])


def test_the_test_command_prints_pytest_closing_summary() -> None:
    """CI reads pytest's last line ("N passed in ..."); -qq (addopts' -q plus one more) would not print it."""
    test_command = quick_start_commands()[1].split("&&")[-1]
    addopts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    words = [*shlex.split(addopts.get("addopts", "")), *shlex.split(test_command)]
    quiet = sum(word.count("q") for word in words if re.fullmatch(r"-q+", word)) + words.count("--quiet")
    assert quiet <= 1, f"pytest would run with {quiet} -q and print no summary line"


def test_the_python_examples_run_as_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ```pycon block of the README, run by doctest from the repository root: the output is what it shows."""
    blocks = re.findall(r"```pycon\n(.*?)```", README, re.S)
    assert len(blocks) >= 2
    monkeypatch.chdir(ROOT)
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    globs: dict[str, object] = {}
    for number, block in enumerate(blocks):
        test = parser.get_doctest(block, globs, f"README.md pycon block {number + 1}", "README.md", 0)
        runner.run(test, clear_globs=False)
        globs = test.globs  # later blocks use the names of earlier ones, as in one session
    results = runner.summarize(verbose=False)
    assert results.failed == 0, "a README example does not print what it shows (doctest's report is above)"
