"""Each rule's documentation (its docstring, which `automations-lint rule NAME` prints) tells the truth.

Every rule shows an example that fails, the corrected example under "Use instead:", and whether a fix exists
("Fix: safe", "Fix: unsafe" or "Fix: none"). The examples are linted here: the failing one must be reported by
its rule, the corrected one must lint clean, and the fix the text promises must be the one `check --fix` offers.
"""

from __future__ import annotations

import re
import textwrap

import pytest
from click.testing import CliRunner

from automations_lint.cli.commands import cli
from automations_lint.engine.fixing import fix_text
from automations_lint.engine.linter import lint_text
from automations_lint.fix.makers import FIXABLE_RULES
from automations_lint.rules.base import RuleModule
from automations_lint.rules.registry import ALL_RULES

PATH = ".ona/automations.yaml"


def section(rule: RuleModule, title: str) -> str:
    """The indented YAML block that follows `title:` in the rule's docstring, dedented."""
    found = re.search(rf"^{title}:\n\n((?:    .*\n|\n)+)", rule.__doc__ or "", re.M)
    assert found is not None, f"{rule.NAME}: no {title!r} example in its docstring"
    return textwrap.dedent(found.group(1)).strip("\n") + "\n"


def fix_kind(rule: RuleModule) -> str:
    found = re.search(r"^Fix: (safe|unsafe|none)\b", rule.__doc__ or "", re.M)
    assert found is not None, f'{rule.NAME}: its docstring does not say "Fix: safe", "unsafe" or "none"'
    return found.group(1)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.NAME)
def test_the_failing_example_is_reported_and_the_corrected_one_is_clean(rule: RuleModule) -> None:
    reported = [d for d in lint_text(section(rule, "Example"), PATH) if d.code == rule.CODE]
    assert reported, f"{rule.NAME}: its example is not reported by the rule"
    corrected = lint_text(section(rule, "Use instead"), PATH)
    assert corrected == [], f"{rule.NAME}: its corrected example is reported: {corrected}"


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.NAME)
def test_the_documented_fix_is_the_one_offered(rule: RuleModule) -> None:
    kind = fix_kind(rule)
    assert (kind != "none") == (rule.NAME in FIXABLE_RULES)
    example = section(rule, "Example")
    fixes = [d.fix for d in lint_text(example, PATH) if d.code == rule.CODE]
    if kind == "none":
        assert fixes == [None] * len(fixes)
        return
    assert all(fix is not None and fix.safe == (kind == "safe") for fix in fixes), fixes
    fixed = fix_text(example, unsafe=kind == "unsafe")
    assert not [d for d in fixed.remaining if d.code == rule.CODE], f"{rule.NAME}: the fix leaves the problem"


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.NAME)
def test_rule_shows_the_corrected_example_and_the_fix(rule: RuleModule) -> None:
    result = CliRunner().invoke(cli, ["rule", rule.NAME])
    assert result.exit_code == 0
    assert "\nUse instead:\n\n" in result.stdout
    assert textwrap.indent(section(rule, "Use instead"), "    ") in result.stdout
    assert f"\nFix: {fix_kind(rule)}" in result.stdout
