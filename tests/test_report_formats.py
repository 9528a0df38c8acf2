"""The output formats, as a CI system reads them.

Golden files: tests/golden/<format>.<ext> hold the exact output of
`automations-lint check --format <format> broken.yaml warnings.yaml clean.yaml`, run in tests/golden/inputs/
(errors and warnings, only warnings, and a clean file). After a deliberate change to a format, a rule's message or
a rule's documentation (SARIF carries it), regenerate them and review the diff:

    python tests/update_goldens.py formats

The tool's version is written as <version> in the goldens, so a release does not need new ones.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from goldens import FORMAT_INPUT_FILES, FORMAT_INPUTS, UPDATE, format_golden, format_output, in_folder, read
from helpers import diagnostic

from automations_lint import __version__
from automations_lint.engine.run import SourceFile, lint_files
from automations_lint.reporters import FORMATS, Report, default_format, reporter
from automations_lint.rules.registry import ALL_RULES, summary

INPUTS = FORMAT_INPUTS
INPUT_FILES = FORMAT_INPUT_FILES
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def check(*args: str, env: dict[str, str | None] | None = None) -> tuple[int, str]:
    """(exit code, stdout) of `automations-lint check ARGS` in the inputs folder, outside GitHub Actions unless
    `env` says otherwise."""
    code, out, _ = in_folder(INPUTS, ["check", *args], env)
    return code, out


def render(output_format: str, text: str, path: str = "broken.yaml") -> str:
    result = lint_files([SourceFile(text, path)]).files[0]
    return reporter(output_format)(Report(result.diagnostics, 1, {path: result.lines}))


@pytest.mark.parametrize("output_format", sorted(FORMATS))
def test_golden(output_format: str) -> None:
    golden = format_golden(output_format)
    assert format_output(output_format) == read(golden), f"{golden} is stale: if that is meant, run {UPDATE} formats"


def test_sarif_is_valid_against_the_official_schema() -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    _, output = check("--format", "sarif", *INPUT_FILES)
    jsonschema.Draft4Validator(schema).validate(json.loads(output))
    _, clean = check("--format", "sarif", "clean.yaml")
    jsonschema.Draft4Validator(schema).validate(json.loads(clean))


def test_sarif_describes_every_rule_and_links_each_result_to_its_rule() -> None:
    _, output = check("--format", "sarif", *INPUT_FILES)
    run = json.loads(output)["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("automations-lint", __version__)
    assert [rule["id"] for rule in driver["rules"]] == [rule.CODE for rule in ALL_RULES]
    for described, rule in zip(driver["rules"], ALL_RULES, strict=True):
        assert described["name"] == rule.NAME
        assert described["shortDescription"]["text"] == summary(rule)
        assert "Example:" in described["help"]["markdown"]
        assert described["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning"}.get(
            rule.SEVERITY, "note"
        )
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] in INPUT_FILES
        assert set(location["region"]) == {"startLine", "startColumn", "endLine", "endColumn"}


def test_sarif_names_the_project_address_only_when_pyproject_gives_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """informationUri comes from [project.urls] (package metadata); the project has none today, so it is left out."""
    import importlib.metadata
    from email.message import Message

    def driver() -> dict[str, object]:
        tool: dict[str, dict[str, object]] = json.loads(reporter("sarif")(Report([], 0)))["runs"][0]["tool"]
        return tool["driver"]

    assert "informationUri" not in driver()
    published = Message()
    published["Project-URL"] = "Changelog, https://example.org/changes"
    published["Project-URL"] = "Homepage, https://example.org/automations-lint"
    monkeypatch.setattr(importlib.metadata, "metadata", lambda name: published)
    assert driver()["informationUri"] == "https://example.org/automations-lint"


def test_sarif_paths_are_relative_uris() -> None:
    absolute = os.path.abspath("with space/.ona/automations.yaml")
    sarif = json.loads(reporter("sarif")(Report([diagnostic(path=absolute)], 1)))
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "with%20space/.ona/automations.yaml"


@pytest.mark.parametrize("output_format", ["sarif", "gitlab"])
def test_fingerprints_survive_lines_added_above(output_format: str) -> None:
    text = (INPUTS / "broken.yaml").read_text(encoding="utf-8")
    before = fingerprints_and_lines(output_format, render(output_format, text))
    after = fingerprints_and_lines(output_format, render(output_format, "# one\n# two\n\n" + text))
    assert [fingerprint for fingerprint, _ in after] == [fingerprint for fingerprint, _ in before]
    assert [line for _, line in after] == [line + 3 for _, line in before]
    assert len({fingerprint for fingerprint, _ in before}) == len(before)


def fingerprints_and_lines(output_format: str, output: str) -> list[tuple[str, int]]:
    if output_format == "gitlab":
        return [(issue["fingerprint"], issue["location"]["lines"]["begin"]) for issue in json.loads(output)]
    results = json.loads(output)["runs"][0]["results"]
    return [
        (
            result["partialFingerprints"]["automationsLint/v1"],
            result["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for result in results
    ]


def test_identical_findings_keep_distinct_fingerprints() -> None:
    # GitLab merges issues with equal fingerprints: three copies of one finding must stay three issues.
    report = Report([diagnostic(line=line, end_line=line) for line in (3, 7, 9)], 1)
    issues = json.loads(reporter("gitlab")(report))
    assert len({issue["fingerprint"] for issue in issues}) == 3


def test_fingerprints_change_with_the_file_rule_or_message() -> None:
    base = diagnostic()
    variants = [base, diagnostic(path=".gitpod/automations.yml"), diagnostic(code="AL102"), diagnostic(message="x")]
    fingerprints = [json.loads(reporter("gitlab")(Report([d], 1)))[0]["fingerprint"] for d in variants]
    assert len(set(fingerprints)) == 4


def test_gitlab_severities() -> None:
    report = Report([diagnostic(severity=severity) for severity in ("error", "warning", "info")], 1)
    assert [issue["severity"] for issue in json.loads(reporter("gitlab")(report))] == ["major", "minor", "info"]


def test_github_escapes_properties_and_message() -> None:
    report = Report([diagnostic(path="a,b/c:d%.yaml", message="100% sure\r\nnext", hint="use: x, y")], 1)
    assert reporter("github")(report) == (
        "::error file=a%2Cb/c%3Ad%25.yaml,line=3,col=5,endLine=3,endColumn=12,title=AL101 unknown-field"
        "::100%25 sure\\x0d\\x0anext%0Ahint: use: x, y\n"
        "Found 1 error in 1 file (1 file checked).\n"
    )


def test_github_uses_notice_for_infos_and_no_columns_across_lines() -> None:
    report = Report([diagnostic(severity="info", end_line=5, end_column=2)], 1)
    first = reporter("github")(report).splitlines()[0]
    assert first.startswith("::notice file=.ona/automations.yaml,line=3,endLine=5,title=AL101 unknown-field::")


def test_github_is_the_default_inside_github_actions() -> None:
    _, output = check("broken.yaml", env={"GITHUB_ACTIONS": "true"})
    assert output.startswith("::error file=broken.yaml,line=7,col=5,endLine=7,endColumn=12,title=AL101 unknown-field::")
    _, output = check("--format", "concise", "broken.yaml", env={"GITHUB_ACTIONS": "true"})
    assert output.startswith("broken.yaml:7:5: error AL101")
    _, output = check("broken.yaml")
    assert output.startswith("broken.yaml:7:5: error AL101")


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "text"),
        ({"GITHUB_ACTIONS": "true"}, "github"),
        ({"GITHUB_ACTIONS": "false"}, "text"),
        ({"CI": "true"}, "text"),
    ],
)
def test_default_format(environ: dict[str, str], expected: str) -> None:
    assert default_format(environ) == expected


def test_junit_fails_only_files_with_errors() -> None:
    _, output = check("--format", "junit", *INPUT_FILES)
    suite = ET.fromstring(output).find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("3", "1")
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    failure = cases["broken.yaml"].find("failure")
    assert failure is not None and failure.text is not None
    assert failure.get("message") == "4 errors and 1 warning"
    assert 'broken.yaml:7:5: error AL101 unknown field "triggers" in service "database" [unknown-field]' in failure.text
    assert cases["warnings.yaml"].find("failure") is None
    assert "AL302" in (cases["warnings.yaml"].findtext("system-out") or "")
    assert list(cases["clean.yaml"]) == []


def test_junit_stays_well_formed_xml_with_control_characters() -> None:
    report = Report([diagnostic(message='unknown field "a\x1b[31m\x00" <&>')], 1)
    failure = ET.fromstring(reporter("junit")(report)).find("testsuite/testcase/failure")
    assert failure is not None
    assert 'unknown field "a\\x1b[31m\\x00" <&>' in (failure.text or "")


@pytest.mark.parametrize("output_format", sorted(FORMATS))
def test_a_format_loads_no_other_format(output_format: str) -> None:
    # Start-up time: the CLI imports only the reporter it prints with.
    script = (
        "import sys; from automations_lint.reporters import FORMATS, reporter; "
        f"reporter({output_format!r}); "
        "print(' '.join(n for n in FORMATS.values() if 'automations_lint.reporters.' + n in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == [FORMATS[output_format]]
