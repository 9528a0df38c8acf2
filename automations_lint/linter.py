"""lint_text(): load -> schema -> rules -> positions -> sorted, de-duplicated diagnostics."""

from __future__ import annotations

import codecs
import os
from dataclasses import replace

from automations_lint.diagnostic import Diagnostic, RuleFinding, Span
from automations_lint.document import Document
from automations_lint.loader import load
from automations_lint.rules.registry import BY_NAME, DOCUMENT_RULES
from automations_lint.source_map import SourceMap
from automations_lint.validate import validate

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def lint_text(text: str, path: str = "<stdin>") -> list[Diagnostic]:
    """Every problem in the automations file `text`; `path` is only used to label the diagnostics."""
    loaded = load(text)
    problems = list(loaded.problems)
    if not loaded.broken:
        problems += validate(loaded.data)
        document = Document.from_data(loaded.data)
        for rule in DOCUMENT_RULES:
            problems += (RuleFinding(rule.NAME, finding) for finding in rule.check(document))
    diagnostics = {_diagnostic(problem, loaded.source_map, path) for problem in problems}
    return sorted(diagnostics, key=sort_key)


def lint_bytes(data: bytes, path: str = "<stdin>") -> list[Diagnostic]:
    """Like lint_text, for raw file content: decodes UTF-8 (or UTF-16 with a BOM) first."""
    text = decode(data)
    if isinstance(text, Diagnostic):
        return [replace(text, path=path)]
    return lint_text(text, path)


def lint_path(path: str | os.PathLike[str]) -> list[Diagnostic]:
    """Every problem in the file at `path`. Raises OSError when the file cannot be read."""
    with open(path, "rb") as handle:
        data = handle.read()
    return lint_bytes(data, os.fspath(path))


def decode(data: bytes) -> str | Diagnostic:
    """The text of a file, or a syntax diagnostic at the first byte that is not valid UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        rule = BY_NAME["syntax-error"]
        bad = data[error.start : error.start + 1].hex()
        return Diagnostic(
            "",
            line,
            column,
            line,
            column + 1,
            rule.CODE,
            rule.NAME,
            rule.SEVERITY,
            f"the file is not valid UTF-8: byte 0x{bad} cannot start or continue a character",
            "save the file as UTF-8",
        )


def _diagnostic(problem: RuleFinding, source_map: SourceMap, path: str) -> Diagnostic:
    rule = BY_NAME[problem.rule]
    finding = problem.finding
    span: Span
    if finding.span is not None:
        span = finding.span
    elif finding.at == "key":
        span = source_map.key_span(finding.path)
    else:
        span = source_map.value_span(finding.path)
    return Diagnostic(
        path=path,
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        code=rule.CODE,
        name=rule.NAME,
        severity=rule.SEVERITY,
        message=finding.message,
        hint=finding.hint,
        document_path=finding.path,
    )


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str, str]:
    return (diagnostic.path, diagnostic.line, diagnostic.column, diagnostic.code, diagnostic.message)
