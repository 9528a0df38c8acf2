"""SARIF 2.1.0, for GitHub code scanning (upload it with github/codeql-action/upload-sarif) and other SARIF viewers.

One run: the tool with every rule (its summary, description and documentation from the rule's docstring), and
one result per diagnostic with its rule, level, message, file (relative to the repository root) and region.
Columns count Unicode code points. `partialFingerprints` hash the file, rule, document path and message but not
the line, so a finding keeps its identity when lines are added above it.
"""

from __future__ import annotations

import json
import os
from urllib.parse import quote

from automations_lint.core.diagnostic import Diagnostic
from automations_lint.core.safe_text import json_text, printable
from automations_lint.core.version import VERSION
from automations_lint.reporters import Report
from automations_lint.reporters.identity import fingerprints, repository_path
from automations_lint.rules.base import RuleModule
from automations_lint.rules.registry import ALL_RULES, summary

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# A versioned name of our own: GitHub computes its `primaryLocationLineHash` beside it.
FINGERPRINT = "automationsLint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(report: Report) -> str:
    return json_text(json.dumps(sarif_log(report), indent=2, ensure_ascii=False)) + "\n"


def sarif_log(report: Report) -> dict[str, object]:
    """The whole log, as JSON-ready data."""
    driver: dict[str, object] = {"name": "automations-lint", "version": VERSION}
    homepage = project_homepage()
    if homepage is not None:  # optional in SARIF: no address is better than an invented one
        driver["informationUri"] = homepage
    driver["rules"] = [descriptor(rule) for rule in ALL_RULES]
    rule_index = {rule.CODE: index for index, rule in enumerate(ALL_RULES)}
    results = [
        result(diagnostic, fingerprint, rule_index)
        for diagnostic, fingerprint in zip(report.diagnostics, fingerprints(report.diagnostics), strict=True)
    ]
    run = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def project_homepage() -> str | None:
    """The project's public address, from the installed package's metadata: `Homepage` (or `Source`,
    `Repository`) in pyproject.toml's `[project.urls]`, the one place the address is kept. None without one."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        entries = metadata("automations-lint").get_all("Project-URL") or []
    except PackageNotFoundError:  # run from a source tree that was never installed
        return None
    urls = {label.strip().lower(): url.strip() for label, _, url in (entry.partition(",") for entry in entries)}
    return next((urls[label] for label in ("homepage", "source", "repository") if urls.get(label)), None)


def descriptor(rule: RuleModule) -> dict[str, object]:
    """A rule's reportingDescriptor: what GitHub shows in the alert's rule panel."""
    documentation = (rule.__doc__ or "").strip()
    # The documentation without its example is the description; the full text, already Markdown, is the help.
    description = documentation.split("\nExample:", 1)[0].strip()
    return {
        "id": rule.CODE,
        "name": rule.NAME,
        "shortDescription": {"text": summary(rule)},
        "fullDescription": {"text": description},
        "help": {"text": documentation, "markdown": documentation},
        "defaultConfiguration": {"level": LEVELS[rule.SEVERITY]},
    }


def result(diagnostic: Diagnostic, fingerprint: str, rule_index: dict[str, int]) -> dict[str, object]:
    text = printable(diagnostic.message) + (f"\nhint: {printable(diagnostic.hint)}" if diagnostic.hint else "")
    region = {
        "startLine": diagnostic.line,
        "startColumn": diagnostic.column,
        "endLine": diagnostic.end_line,
        "endColumn": diagnostic.end_column,
    }
    location = {"artifactLocation": {"uri": uri(diagnostic.path)}, "region": region}
    return {
        "ruleId": diagnostic.code,
        "ruleIndex": rule_index[diagnostic.code],
        "level": LEVELS[diagnostic.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {FINGERPRINT: fingerprint},
        **({"fixes": [sarif_fix(diagnostic)]} if diagnostic.fix is not None else {}),
    }


def uri(path: str) -> str:
    """The file's repository path as a URI reference: its bytes percent-encoded (any name the OS gives is bytes)."""
    return quote(os.fsencode(repository_path(path)))


def sarif_fix(diagnostic: Diagnostic) -> dict[str, object]:
    """The fix as SARIF replacements; offsets count characters of the file's text (after a byte order mark)."""
    assert diagnostic.fix is not None
    replacements = [
        {
            "deletedRegion": {"charOffset": edit.start, "charLength": edit.end - edit.start},
            "insertedContent": {"text": edit.text},
        }
        for edit in diagnostic.fix.edits
    ]
    location = {"uri": uri(diagnostic.path)}
    return {
        "description": {"text": diagnostic.fix.description},
        "artifactChanges": [{"artifactLocation": location, "replacements": replacements}],
    }
