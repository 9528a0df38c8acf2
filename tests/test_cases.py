"""Data-driven cases: tests/cases/<rule-name>/<case>.yaml beside <case>.out, the exact text a user sees, and
<case>.spans, the exact start and end of each diagnostic (the text frame does not show where a span that covers
lines ends, nor a squiggle's end that an editor shows).

Cases named `ok-*` are the near misses a rule must not fire on; they must lint clean. Every rule has at least one
failing and one `ok-` case. After a deliberate change of output, regenerate with `python tests/update_goldens.py
cases` and review the diff before committing it. Outputs that show ShellCheck's findings are compared only with the
ShellCheck they were made with (helpers.SHELLCHECK_VERSION), and skipped with the reason otherwise.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from goldens import ALL_CASES, CASES, UPDATE, case_output, case_result, case_spans, read
from helpers import why_shellcheck_differs

from automations_lint import lint_text
from automations_lint.rules.base import RuleModule
from automations_lint.rules.registry import ALL_RULES


def shows_shellcheck(output: str | None) -> bool:
    return output is not None and " AL501 SC" in output


@pytest.mark.parametrize("case", ALL_CASES, ids=[f"{case.parent.name}/{case.stem}" for case in ALL_CASES])
def test_case_output_and_spans(case: Path) -> None:
    expected = read(case.with_suffix(".out"))
    result = case_result(case)
    actual = case_output(case, result)
    reason = why_shellcheck_differs() if shows_shellcheck(expected) or shows_shellcheck(actual) else None
    if reason is not None:
        pytest.skip(reason)
    assert actual == expected, f"{case.with_suffix('.out')} is stale: if the change is meant, run {UPDATE} cases"
    spans = case_spans(result.diagnostics)
    assert spans == read(case.with_suffix(".spans")), f"positions moved: if that is meant, run {UPDATE} cases"


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


def test_no_case_folder_without_a_rule_and_no_golden_without_its_case() -> None:
    names = {rule.NAME for rule in ALL_RULES}
    assert {folder.name for folder in CASES.iterdir() if folder.is_dir()} <= names
    orphans = [path for path in CASES.glob("*/*.*") if path.with_suffix(".yaml") not in ALL_CASES]
    assert not orphans, f"golden files without their case: {orphans}"


def test_a_stray_update_variable_stops_the_run_instead_of_rewriting_goldens(
    monkeypatch: pytest.MonkeyPatch, pytestconfig: pytest.Config
) -> None:
    from conftest import pytest_configure

    monkeypatch.setenv("UPDATE_GOLDEN", "1")
    with pytest.raises(pytest.UsageError, match="UPDATE_GOLDEN is set, but the tests never write golden files"):
        pytest_configure(pytestconfig)
    monkeypatch.setenv("UPDATE_GOLDEN", "")  # empty is unset, as in a shell
    pytest_configure(pytestconfig)


@pytest.mark.parametrize(
    "case", [c for c in ALL_CASES if c.parent.name == "multiline-plain-command"], ids=lambda c: c.stem
)
def test_a_platform_without_the_c_parser_reads_plain_scalars_alike(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without ruamel.yaml.clib, source/events.py falls back to ruamel's pure parser, which gives a plain scalar the
    style None where libyaml gives "": the rules that look at how a scalar is written must see it as plain either
    way. (Its syntax error messages differ from libyaml's, so the syntax-error cases are not compared.)"""
    import sys

    monkeypatch.setitem(sys.modules, "_ruamel_yaml", None)  # `from _ruamel_yaml import CParser` fails
    assert case_output(case, case_result(case)) == read(case.with_suffix(".out"))
