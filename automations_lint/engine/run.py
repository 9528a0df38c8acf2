"""The engine's one entry, which both front ends (the CLI and the language server) call: texts in, each with its
path and configuration; for every file its diagnostics (each with its fix, when it has one) and its line index, and
for the run its notices, out.

load -> schema -> rules -> fixes -> positions -> suppressions -> configuration -> sorted, de-duplicated
diagnostics. Rules never print; a remark about the run itself (ShellCheck is missing) is a Notice in the result.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol

from automations_lint.core.diagnostic import Diagnostic, Fix, Notice, RuleFinding, Span
from automations_lint.rules.document import Document
from automations_lint.rules.registry import BY_CODE, BY_NAME, DOCUMENT_RULES
from automations_lint.source.lines import Lines
from automations_lint.source.source_map import SourceMap

if TYPE_CHECKING:
    from automations_lint.engine.config import Config
    from automations_lint.source.loader import Loaded

# Every suppression comment holds it (suppressions.MARKER; a test keeps the two equal).
SUPPRESSION_MARKER = "automations-lint:"


class SourceFile(NamedTuple):
    """One text to lint: `path` labels its diagnostics and picks the configuration's per-file ignores; without a
    configuration every rule runs at its own severity."""

    text: str
    path: str = "<stdin>"
    config: Config | None = None


class FileResult(NamedTuple):
    """What the engine found in one file."""

    path: str
    # The text that was read (without a byte order mark) and its line index, for fixes and reporters.
    lines: Lines
    diagnostics: list[Diagnostic]
    # The remarks about the run that this file gives rise to (the run's notices are all files' remarks, each once).
    notices: tuple[Notice, ...] = ()
    # False when a rule could not do its work for a reason outside the file (ShellCheck failed or ran out of its
    # time): right for this run, but not a result to keep (automations_lint/cache/).
    complete: bool = True

    @property
    def fixes(self) -> list[Fix]:
        """The fixes of the file's diagnostics, each once, in the diagnostics' order."""
        return list(dict.fromkeys(d.fix for d in self.diagnostics if d.fix is not None))


class LintRun(NamedTuple):
    """Every file's result, in the order given, and the remarks about the run (each once)."""

    files: list[FileResult]
    notices: tuple[Notice, ...]


class Cache(Protocol):
    """Results kept between runs (engine/cache.py): it lints what it lacks with the function it is given."""

    def lint(self, files: Sequence[SourceFile], lint: Callable[[Sequence[SourceFile]], LintRun]) -> LintRun: ...


def lint_files(files: Sequence[SourceFile], *, run_programs: bool = True, cache: Cache | None = None) -> LintRun:
    """Lint every file, with the rules that can work on many files at once doing so: ShellCheck runs one batch
    of processes for all files instead of one per file.

    With `run_programs=False` (the language server, on every keystroke) a rule that runs another program
    (ShellCheck) starts none: it reports what it already knows from earlier runs in this process (the same script
    text gives the same findings, wherever it has moved) and leaves the rest unchecked, and its suppressions in a
    file it did not check whole are not judged unused.

    With a `cache` (and programs run: a result without them is not one to keep), the files it has a result for
    are not linted again, and the others' results are kept in it (docs/cache.md)."""
    # As in the loader: the work makes many objects and few reference cycles, and the cyclic collector would walk
    # the growing document again and again (a quarter of the time at 10,000 tasks, and more the larger the file).
    # Whatever cycles there are, it collects once it runs again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        if cache is None or not run_programs:
            return _lint_files(files, run_programs)
        return cache.lint(files, lambda missing: _lint_files(missing, run_programs))
    finally:
        if collecting:
            gc.enable()


def _lint_files(files: Sequence[SourceFile], run_programs: bool) -> LintRun:
    # The YAML parser and the schema load here, not with this module: a run whose results all come from the
    # cache never needs them.
    from automations_lint.source.loader import load

    for rule in DOCUMENT_RULES:  # rules with a budget per run (ShellCheck's time limit) start it
        begin: Callable[..., None] | None = getattr(rule, "begin_run", None)
        if begin is not None:
            begin(run_programs=run_programs)
    loaded = [load(file.text) for file in files]
    enabled = [file.config.enabled(file.path) if file.config is not None else None for file in files]
    documents = [
        None if item.broken else Document.from_data(item.data, item.source_map, item.lines) for item in loaded
    ]
    if len(files) > 1:
        for rule in DOCUMENT_RULES:
            wanted = [d for d, on in zip(documents, enabled, strict=True) if d and (on is None or rule.CODE in on)]
            prefetch: Callable[[Sequence[Document]], None] | None = getattr(rule, "prefetch", None)
            if prefetch is not None and wanted:
                prefetch(wanted)
    results = []
    for item, document, file, codes in zip(loaded, documents, files, enabled, strict=True):
        failed = _failures()
        diagnostics = _diagnostics(item, document, file.path, file.config, codes)
        notices = _notices(document, codes)
        results.append(FileResult(file.path, item.lines, diagnostics, notices, complete=_failures() == failed))
    return LintRun(results, tuple(dict.fromkeys(notice for result in results for notice in result.notices)))


def _notices(document: Document | None, enabled: frozenset[str] | None) -> tuple[Notice, ...]:
    """The remarks about the run that one file gives rise to, from the rules that run on it."""
    if document is None:
        return ()
    found: dict[Notice, None] = {}
    for rule in DOCUMENT_RULES:
        notice: Callable[[Sequence[Document]], Iterable[Notice]] | None = getattr(rule, "notices", None)
        if notice is not None and (enabled is None or rule.CODE in enabled):
            found.update(dict.fromkeys(notice([document])))
    return tuple(found)


def _failures() -> int:
    """How often the rules that depend on something outside the file (ShellCheck) could not do their work."""
    counted: list[Callable[[], int]] = [rule.failures for rule in DOCUMENT_RULES if hasattr(rule, "failures")]
    return sum(count() for count in counted)


def _diagnostics(
    loaded: Loaded, document: Document | None, path: str, config: Config | None, enabled: frozenset[str] | None
) -> list[Diagnostic]:
    """The diagnostics of one loaded file: schema, rules, fixes, suppressions and configuration."""
    problems = list(loaded.problems)
    if document is not None:
        from automations_lint.engine.validate import validate

        problems += validate(loaded.data)
        for rule in DOCUMENT_RULES:
            if enabled is None or rule.CODE in enabled:  # a rule turned off costs nothing (ShellCheck runs processes)
                problems += (RuleFinding(rule.NAME, finding) for finding in rule.check(document))
    fixes = _fixes(problems, loaded) if not loaded.broken else {}
    diagnostics = {to_diagnostic(problem, loaded.source_map, path, fixes.get(id(problem))) for problem in problems}
    # Comments are told from text by the YAML scanner, which gives up where the parser did. The marker test keeps
    # the suppressions module off the start-up path of the files that have none.
    if not loaded.broken and SUPPRESSION_MARKER in loaded.lines.text:
        from automations_lint.engine.suppressions import apply_suppressions

        diagnostics = set(apply_suppressions(diagnostics, loaded.lines, path, _judged(document, enabled)))
    if config is not None:
        diagnostics = set(config.apply(diagnostics, path))
    return sorted(diagnostics, key=sort_key)


def _judged(document: Document | None, enabled: frozenset[str] | None) -> frozenset[str] | None:
    """The rules whose suppressions can be judged unused: the enabled ones that checked the whole file."""
    partial = set()
    for rule in DOCUMENT_RULES:
        unchecked: Callable[[Document], bool] | None = getattr(rule, "unchecked", None)
        if document is not None and unchecked is not None and unchecked(document):
            partial.add(rule.CODE)
    if not partial:
        return enabled
    return (frozenset(BY_CODE) if enabled is None else enabled) - partial


def _fixes(problems: list[RuleFinding], loaded: Loaded) -> dict[int, Fix]:
    """The certain fixes of the problems that have one, by problem identity."""
    if not problems:
        return {}  # a clean file never imports the fix makers
    from automations_lint.fix.makers import FIXABLE_RULES, fix_for
    from automations_lint.fix.source import Source

    fixable = [problem for problem in problems if problem.rule in FIXABLE_RULES]
    if not fixable:
        return {}
    source = Source(loaded.lines, loaded.source_map, loaded.data, loaded.problems)
    found = {id(problem): fix_for(problem.rule, problem.finding, source) for problem in fixable}
    return {key: fix for key, fix in found.items() if fix is not None}


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
