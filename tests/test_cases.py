"""Data-driven cases: tests/cases/<rule-name>/<case>.yaml beside <case>.out, the exact text a user sees.

Cases named `ok-*` are the near misses a rule must not fire on; they must lint clean. Every rule has at least one
failing and one `ok-` case. After a deliberate change of output, regenerate with `UPDATE_CASES=1 pytest
tests/test_cases.py` and review the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from automations_lint import lint_text
from automations_lint.engine.run import SourceFile, lint_files
from automations_lint.reporters import Report, reporter
from automations_lint.rules.base import RuleModule
from automations_lint.rules.registry import ALL_RULES

CASES = Path(__file__).parent / "cases"
ALL_CASES = sorted(CASES.glob("*/*.yaml"))


def render(case: Path) -> str:
    """What `automations-lint check <case>.yaml` prints, run from the case's folder, without colour."""
    text = case.read_text(encoding="utf-8")
    result = lint_files([SourceFile(text, case.name)]).files[0]
    return reporter("text")(Report(result.diagnostics, 1, {case.name: result.lines}))


@pytest.mark.parametrize("case", ALL_CASES, ids=[f"{case.parent.name}/{case.stem}" for case in ALL_CASES])
def test_case_output(case: Path) -> None:
    expected_file = case.with_suffix(".out")
    actual = render(case)
    if os.environ.get("UPDATE_CASES"):
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("rule", ALL_RULES, ids=[rule.NAME for rule in ALL_RULES])
def test_every_rule_has_failing_and_passing_cases(rule: RuleModule) -> None:
    name = rule.NAME
    folder = CASES / name
    outputs = {case.stem: case.with_suffix(".out").read_text(encoding="utf-8") for case in folder.glob("*.yaml")}
    failing = [stem for stem, out in outputs.items() if not stem.startswith("ok-") and f"[{name}]" in out]
    passing = [stem for stem in outputs if stem.startswith("ok-")]
    assert failing, f"no case in {folder} shows {name}"
    assert passing, f"no ok- case in {folder}"


@pytest.mark.parametrize("case", [c for c in ALL_CASES if c.stem.startswith("ok-")], ids=lambda c: c.stem)
def test_ok_cases_are_clean(case: Path) -> None:
    assert lint_text(case.read_text(encoding="utf-8"), case.name) == []


def test_no_case_folder_without_a_rule() -> None:
    names = {rule.NAME for rule in ALL_RULES}
    assert {folder.name for folder in CASES.iterdir() if folder.is_dir()} <= names
