"""JUnit XML, for the test report views of GitLab, Jenkins, Azure Pipelines and CircleCI.

One test case per checked file. A file with an error fails, and its failure lists every diagnostic of the file
as `--format concise` prints them, each with its hint. A file with only warnings or notes passes, as it does for
the exit code without --strict, and its diagnostics go to the test case's <system-out>; with --strict a warning
fails the file, as it fails the exit code.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from automations_lint.core.diagnostic import Diagnostic
from automations_lint.reporters import Report
from automations_lint.reporters.identity import repository_path
from automations_lint.reporters.terminal import counted, fix_line, headline, printable

SUITE = "automations-lint"


def render(report: Report) -> str:
    by_path: dict[str, list[Diagnostic]] = {path: [] for path in report.sources}
    for diagnostic in report.diagnostics:
        by_path.setdefault(diagnostic.path, []).append(diagnostic)
    failing = ("error", "warning") if report.strict else ("error",)
    cases = [test_case(path, by_path[path], failing) for path in sorted(by_path)]
    failures = str(sum(1 for case in cases if case.find("failure") is not None))
    counts = {"tests": str(len(cases)), "failures": failures, "errors": "0"}
    suites = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": SUITE, **counts, "skipped": "0"})
    suite.extend(cases)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def test_case(
    path: str, diagnostics: Sequence[Diagnostic], failing: Sequence[str] = ("error",)
) -> ET.Element:
    """The test case of one file: failed when the file has a diagnostic of a `failing` severity."""
    case = ET.Element("testcase", name=printable(path), classname=SUITE, file=printable(repository_path(path)))
    if not diagnostics:
        return case
    # XML 1.0 cannot carry most control characters, not even escaped: printable() spells them out.
    listing = "".join(printable(line) + "\n" for diagnostic in diagnostics for line in describe(diagnostic))
    errors = [diagnostic for diagnostic in diagnostics if diagnostic.severity in failing]
    if errors:
        failure = ET.SubElement(case, "failure", message=counted(diagnostics), type=errors[0].code)
        failure.text = listing
    else:
        ET.SubElement(case, "system-out").text = listing
    return case


def describe(diagnostic: Diagnostic) -> list[str]:
    lines = [headline(diagnostic, color=False)]
    if diagnostic.hint:
        lines.append(f"  = hint: {diagnostic.hint}")
    fix = fix_line(diagnostic)
    if fix:
        lines.append(f"  = fix: {fix}")
    return lines
