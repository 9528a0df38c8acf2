"""lint_text(): load -> schema -> rules -> positions -> sorted, de-duplicated diagnostics."""

from __future__ import annotations

import codecs
import gc
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from automations_lint.core.diagnostic import Diagnostic, RuleFinding, Span
from automations_lint.engine.validate import validate
from automations_lint.rules.document import Document
from automations_lint.rules.registry import BY_NAME, DOCUMENT_RULES
from automations_lint.source.loader import LINE_BREAK, Loaded, load
from automations_lint.source.source_map import SourceMap

# Every suppression comment holds it (suppressions.MARKER; a test keeps the two equal).
SUPPRESSION_MARKER = "automations-lint:"

if TYPE_CHECKING:
    from automations_lint.engine.config import Config
    from automations_lint.fix.makers import Fix

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def lint_text(text: str, path: str = "<stdin>", config: Config | None = None) -> list[Diagnostic]:
    """Every problem in the automations file `text`; `path` labels the diagnostics and picks the `config`'s
    per-file ignores. Without a `config`, every rule runs at its own severity."""
    return lint_many([(text, path, config)])[0]


def lint_many(files: Sequence[tuple[str, str, Config | None]]) -> list[list[Diagnostic]]:
    """lint_text for each (text, path, config), with the rules that can work on many files at once doing so:
    ShellCheck runs one batch of processes for all files instead of one per file."""
    # As in the loader: the work makes many objects and few reference cycles, and the cyclic collector would walk
    # the growing document again and again (a quarter of the time at 10,000 tasks, and more the larger the file).
    # Whatever cycles there are, it collects once it runs again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _lint_many(files)
    finally:
        if collecting:
            gc.enable()


def _lint_many(files: Sequence[tuple[str, str, Config | None]]) -> list[list[Diagnostic]]:
    for rule in DOCUMENT_RULES:  # rules with a budget per run (ShellCheck's time limit) start it
        begin: Callable[[], None] | None = getattr(rule, "begin_run", None)
        if begin is not None:
            begin()
    loaded = [load(text) for text, _, _ in files]
    enabled = [config.enabled(path) if config is not None else None for _, path, config in files]
    documents = [
        None if item.broken else Document.from_data(item.data, item.source_map, item.text)
        for item in loaded
    ]
    if len(files) > 1:
        for rule in DOCUMENT_RULES:
            prefetch: Callable[[Sequence[Document]], None] | None = getattr(rule, "prefetch", None)
            wanted = [d for d, on in zip(documents, enabled, strict=True) if d and (on is None or rule.CODE in on)]
            if prefetch is not None and wanted:
                prefetch(wanted)
    return [
        _diagnostics(item, document, path, config, codes)
        for item, document, (_, path, config), codes in zip(loaded, documents, files, enabled, strict=True)
    ]


def _diagnostics(
    loaded: Loaded, document: Document | None, path: str, config: Config | None, enabled: frozenset[str] | None
) -> list[Diagnostic]:
    """The diagnostics of one loaded file: schema, rules, fixes, suppressions and configuration."""
    problems = list(loaded.problems)
    if document is not None:
        problems += validate(loaded.data)
        for rule in DOCUMENT_RULES:
            if enabled is None or rule.CODE in enabled:  # a rule turned off costs nothing (ShellCheck runs processes)
                problems += (RuleFinding(rule.NAME, finding) for finding in rule.check(document))
    fixes = _fixes(problems, loaded) if not loaded.broken else {}
    diagnostics = {to_diagnostic(problem, loaded.source_map, path, fixes.get(id(problem))) for problem in problems}
    # Comments are told from text by the YAML scanner, which gives up where the parser did. The marker test keeps
    # the suppressions module off the start-up path of the files that have none.
    if not loaded.broken and SUPPRESSION_MARKER in loaded.text:
        from automations_lint.engine.suppressions import apply_suppressions

        diagnostics = set(apply_suppressions(diagnostics, loaded.text, path, enabled))
    if config is not None:
        diagnostics = set(config.apply(diagnostics, path))
    return sorted(diagnostics, key=sort_key)


def _fixes(problems: list[RuleFinding], loaded: Loaded) -> dict[int, Fix]:
    """The certain fixes of the problems that have one, by problem identity."""
    if not problems:
        return {}  # a clean file never imports the fix makers
    from automations_lint.fix.makers import FIXABLE_RULES, Source, fix_for

    fixable = [problem for problem in problems if problem.rule in FIXABLE_RULES]
    if not fixable:
        return {}
    source = Source(loaded.text, loaded.source_map, loaded.data, loaded.problems)
    found = {id(problem): fix_for(problem.rule, problem.finding, source) for problem in fixable}
    return {key: fix for key, fix in found.items() if fix is not None}


def lint_bytes(data: bytes, path: str = "<stdin>", config: Config | None = None) -> list[Diagnostic]:
    """Like lint_text, for raw file content: decodes UTF-8 (or UTF-16 with a BOM) first."""
    text = decode(data)
    if isinstance(text, Diagnostic):
        return [text._replace(path=path)]
    if not fixes_can_be_written(data):
        return [diagnostic._replace(fix=None) for diagnostic in lint_text(text, path, config)]
    return lint_text(text, path, config)


def lint_path(path: str | os.PathLike[str], config: Config | None = None) -> list[Diagnostic]:
    """Every problem in the file at `path`. Raises OSError when it cannot be read or is no regular file (a FIFO
    would wait forever, as it would for `check`)."""
    from automations_lint.source.files import read_regular_file

    return lint_bytes(read_regular_file(os.fspath(path)), os.fspath(path), config)


def fixes_can_be_written(data: bytes) -> bool:
    """Whether --fix may write this file: fixes are written as UTF-8, so a UTF-16 file is checked, never fixed
    (and none of its problems is called fixable)."""
    return not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


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
        # Everything before the first bad byte is valid; count its lines as the loader does (a lone "\r" ends a
        # line too) and leave out a BOM, which the loader drops as well.
        lines = LINE_BREAK.split(data[: error.start].decode("utf-8").removeprefix("\ufeff"))
        line, column = len(lines), len(lines[-1]) + 1
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


def to_diagnostic(problem: RuleFinding, source_map: SourceMap, path: str, fix: Fix | None = None) -> Diagnostic:
    """The diagnostic of a rule's finding: the rule's identity and severity, and the finding's span resolved."""
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
        severity=finding.severity or rule.SEVERITY,
        message=finding.message,
        hint=finding.hint,
        document_path=finding.path,
        fix=fix,
    )


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str, str]:
    return (diagnostic.path, diagnostic.line, diagnostic.column, diagnostic.code, diagnostic.message)
